"""Registration, scheduling and reminder workflows. Writes are atomic; e-mails are
queued after commit."""

from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import (
    FOLLOW_UP_OFFSET,
    Event,
    Registration,
    ReminderDelivery,
    reminder_due_at,
)

MISSED_AFTER = timedelta(hours=6)
STUCK_AFTER = timedelta(minutes=30)
MAX_ATTEMPTS = 5
# The follow-up waits for the materials to be posted, for at most this long.
FOLLOW_UP_WINDOW = timedelta(days=14)


class RegistrationError(Exception):
    """A registration that cannot be made; the message is for the user."""


def _queue(task, **kwargs):
    transaction.on_commit(lambda: task.delay(**kwargs))


def _confirmed_count(event: Event, mode: str) -> int:
    return event.registrations.filter(
        status=Registration.Status.CONFIRMED, mode=mode, is_speaker=False
    ).count()


def speakers_register(*, event: Event, users) -> None:
    """Speakers with accounts are registered as speakers (no place taken) so that
    the reminder sweep reaches them like any registrant."""
    mode = Registration.Mode.ONLINE if event.has_online else Registration.Mode.ON_SITE
    for user in users:
        registration, created = Registration.objects.get_or_create(
            event=event,
            user=user,
            defaults={"mode": mode, "status": Registration.Status.CONFIRMED, "is_speaker": True},
        )
        if not created and registration.status != Registration.Status.CONFIRMED:
            registration.status = Registration.Status.CONFIRMED
            registration.is_speaker = True
            registration.save(update_fields=["status", "is_speaker", "updated_at"])
        schedule_reminders(registration)


def schedule_reminders(registration: Registration, now=None) -> None:
    """Delivery rows for every reminder still ahead, and the follow-up after the end."""
    now = now or timezone.now()
    event = registration.event
    for offset in [*event.offsets(), FOLLOW_UP_OFFSET]:
        due = reminder_due_at(event, offset)
        if offset != FOLLOW_UP_OFFSET and due <= now:
            continue
        ReminderDelivery.objects.get_or_create(
            registration=registration, offset_minutes=offset, defaults={"due_at": due}
        )


@transaction.atomic
def registration_create(*, event: Event, user, mode: str) -> Registration:
    """Register ``user``; confirmed while places remain in that part, else waitlisted.

    The event row is locked first, so concurrent registrations are counted one at
    a time and never overbook. Side effect: after commit, the confirmation e-mail
    (with an .ics attachment).
    """
    from .tasks import send_registration_email

    event = Event.objects.select_for_update().get(pk=event.pk)
    if not event.registration_open():
        raise RegistrationError(_("Registration for this event is closed."))
    allowed = {
        Registration.Mode.ON_SITE: event.has_on_site,
        Registration.Mode.ONLINE: event.has_online,
    }
    if not allowed.get(mode):
        raise RegistrationError(_("Choose how you will attend: this event does not offer that."))
    registration = Registration.objects.filter(event=event, user=user).first()
    if registration is not None and registration.status != Registration.Status.CANCELLED:
        raise RegistrationError(_("You are already registered for this event."))
    capacity = event.capacity_for(mode)
    full = capacity is not None and _confirmed_count(event, mode) >= capacity
    status = Registration.Status.WAITLISTED if full else Registration.Status.CONFIRMED
    if registration is None:
        registration = Registration.objects.create(event=event, user=user, mode=mode, status=status)
    else:
        registration.mode, registration.status = mode, status
        registration.created_at = timezone.now()
        registration.save(update_fields=["mode", "status", "created_at", "updated_at"])
    if status == Registration.Status.CONFIRMED:
        schedule_reminders(registration)
    _queue(send_registration_email, registration_id=registration.pk)
    return registration


@transaction.atomic
def registration_cancel(*, registration: Registration) -> Registration | None:
    """Cancel; a freed place goes to the first waitlisted person of that part, who is
    e-mailed after commit. Returns the promoted registration, if any."""
    from .tasks import send_registration_email

    event = Event.objects.select_for_update().get(pk=registration.event_id)
    registration.refresh_from_db()
    was_confirmed = registration.status == Registration.Status.CONFIRMED
    registration.status = Registration.Status.CANCELLED
    registration.save(update_fields=["status", "updated_at"])
    registration.reminders.filter(state=ReminderDelivery.State.SCHEDULED).delete()
    if not was_confirmed or event.start <= timezone.now():
        return None
    if registration.is_speaker:
        return None
    promoted = (
        event.registrations.filter(status=Registration.Status.WAITLISTED, mode=registration.mode)
        .order_by("created_at", "pk")
        .first()
    )
    if promoted is None:
        return None
    promoted.status = Registration.Status.CONFIRMED
    promoted.save(update_fields=["status", "updated_at"])
    schedule_reminders(promoted)
    _queue(send_registration_email, registration_id=promoted.pk, promoted=True)
    return promoted


@transaction.atomic
def event_save(*, form, agenda) -> Event:
    """Create or edit an event and its agenda, all or nothing; a change of time is a
    reschedule, and speakers with accounts are registered to be reminded."""
    event = form.instance
    moved = bool(event.pk) and {"start", "end"} & set(form.changed_data)
    event = form.save(commit=False)
    if event.pk and (form.changed_data or agenda.has_changed()):
        event.sequence += 1
    event.save()
    form.save_m2m()
    agenda.instance = event
    agenda.save()
    speakers = {user for item in event.agenda.all() for user in item.speaker_accounts.all()}
    speakers_register(event=event, users=speakers)
    if moved:
        _after_reschedule(event)
    return event


def _after_reschedule(event: Event) -> None:
    from .tasks import send_event_change_email

    for delivery in ReminderDelivery.objects.filter(
        registration__event=event, state=ReminderDelivery.State.SCHEDULED
    ):
        delivery.due_at = reminder_due_at(event, delivery.offset_minutes)
        delivery.save(update_fields=["due_at"])
    for registration in event.registrations.filter(status=Registration.Status.CONFIRMED):
        schedule_reminders(registration)
    if event.status == Event.Status.PUBLISHED:
        _queue(send_event_change_email, event_id=event.pk, change="rescheduled")


@transaction.atomic
def event_publish(*, event: Event) -> None:
    event.status = Event.Status.PUBLISHED
    event.sequence += 1
    event.save(update_fields=["status", "sequence", "updated_at"])


@transaction.atomic
def event_cancel(*, event: Event) -> None:
    """Cancel; every reminder stops and every registrant is told after commit."""
    from .tasks import send_event_change_email

    event.status = Event.Status.CANCELLED
    event.sequence += 1
    event.save(update_fields=["status", "sequence", "updated_at"])
    ReminderDelivery.objects.filter(
        registration__event=event, state=ReminderDelivery.State.SCHEDULED
    ).delete()
    _queue(send_event_change_email, event_id=event.pk, change="cancelled")


def reminders_mark_missed(now=None) -> int:
    """Reminders that can no longer be useful: their event started (or ended long
    ago, for the follow-up), or they are long overdue. Also stuck claims: a worker
    died after claiming; they are never resent, so no one gets a reminder twice."""
    now = now or timezone.now()
    pending = Q(state__in=[ReminderDelivery.State.SCHEDULED, ReminderDelivery.State.FAILED])
    too_late = (
        Q(offset_minutes__gte=0, registration__event__start__lte=now)
        | Q(offset_minutes__gte=0, due_at__lt=now - MISSED_AFTER)
        | Q(offset_minutes=FOLLOW_UP_OFFSET, due_at__lt=now - FOLLOW_UP_WINDOW)
        | Q(attempts__gte=MAX_ATTEMPTS)
    )
    stuck = Q(state=ReminderDelivery.State.SENDING, claimed_at__lt=now - STUCK_AFTER)
    return ReminderDelivery.objects.filter((pending & too_late) | stuck).update(
        state=ReminderDelivery.State.MISSED
    )


def reminders_claim(now=None, limit: int = 1000) -> list[int]:
    """Claim due reminders of confirmed registrations of published events.

    Rows are locked with SKIP LOCKED (on PostgreSQL) and switched to 'sending' in
    the same transaction, so two sweeps running at once never claim the same row.
    """
    now = now or timezone.now()
    due = ReminderDelivery.objects.filter(
        state__in=[ReminderDelivery.State.SCHEDULED, ReminderDelivery.State.FAILED],
        due_at__lte=now,
        registration__status=Registration.Status.CONFIRMED,
        registration__event__status=Event.Status.PUBLISHED,
    ).filter(
        Q(offset_minutes__gte=0, registration__event__start__gt=now)
        | Q(offset_minutes=FOLLOW_UP_OFFSET)
        & (
            ~Q(registration__event__recording_url="")
            | ~Q(registration__event__slides="")
            | ~Q(registration__event__summary="")
        )
    )
    with transaction.atomic():
        ids = list(
            due.select_for_update(skip_locked=True, of=("self",))
            .order_by("due_at", "pk")
            .values_list("pk", flat=True)[:limit]
        )
        ReminderDelivery.objects.filter(pk__in=ids).update(
            state=ReminderDelivery.State.SENDING, claimed_at=now
        )
    return ids


@transaction.atomic
def series_generate(*, form) -> list[Event]:
    """Create the previewed occurrences of a monthly series as drafts."""
    from .generator import occurrence_end

    data = form.cleaned_data
    return [
        Event.objects.create(
            series=data["series"],
            title_en=data["title_en"],
            title_ru=data["title_ru"],
            kind=Event.Kind.WEBINAR,
            format=Event.Format.ONLINE,
            start=start,
            end=occurrence_end(start, data["duration"]),
            time_zone=data["time_zone"],
            join_url=data["join_url"],
            status=Event.Status.DRAFT,
        )
        for start in form.starts()
    ]


@transaction.atomic
def rotation_confirm(*, member, cycle: int, start, days: int, attendance) -> Event:
    """Record ``member`` as this cycle's host and create its draft conference.

    Side effect: after commit, the host university's staff are e-mailed.
    """
    from datetime import datetime, time
    from zoneinfo import ZoneInfo

    from .models import HostingRecord
    from .tasks import send_hosting_email

    university = member.university
    zone = "Asia/Almaty" if university.country == "KZ" else _zone_of(university.country)
    begins = datetime.combine(start, time(9, 0), tzinfo=ZoneInfo(zone))
    event = Event.objects.create(
        title_en=f"Regional conference {start.year}",
        title_ru=f"Региональная конференция {start.year}",
        kind=Event.Kind.CONFERENCE,
        format=Event.Format.ON_SITE,
        start=begins,
        end=begins + timedelta(days=days - 1, hours=9),
        time_zone=zone,
        host=university,
        venue=university.name_en,
        capacity_on_site=attendance,
        status=Event.Status.DRAFT,
    )
    HostingRecord.objects.create(
        cycle=cycle, university=university, outcome=HostingRecord.Outcome.HOSTED, event=event
    )
    _queue(send_hosting_email, event_id=event.pk)
    return event


@transaction.atomic
def rotation_decline(*, member, cycle: int) -> None:
    from .models import HostingRecord

    HostingRecord.objects.create(
        cycle=cycle, university=member.university, outcome=HostingRecord.Outcome.DECLINED
    )


def _zone_of(country: str) -> str:
    return {
        "UZ": "Asia/Tashkent",
        "KG": "Asia/Bishkek",
        "TJ": "Asia/Dushanbe",
        "TM": "Asia/Ashgabat",
    }.get(country, "Asia/Almaty")
