"""Writes of the events app: registration, scheduling, archiving, calendars and the
host rotation. Each is atomic; its e-mails are outbox rows written in the same
transaction (``events.emails``, ``events.reminders``), sent once it commits."""

import secrets
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.db import transaction
from django.db.models import F
from django.db.models.fields.files import FieldFile
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.services import profile_update
from core.audit import Action, record
from core.bilingual import columns, first_value, in_every_language
from core.rows import Row, rows_apply, save_with_relations
from core.slugs import unique_slug
from universities.countries import time_zone_of
from universities.models import University

from . import emails, offers, reminders
from .models import (
    AgendaItem,
    CalendarToken,
    Event,
    EventSeries,
    HostingRecord,
    Registration,
    RegistrationAnswer,
    RotationMember,
)
from .questions import answers_editable
from .rotation import next_position


class RegistrationError(Exception):
    """A registration that cannot be made; the message is for the user."""


class EventStateError(Exception):
    """A change that does not fit the event's state (publishing a cancelled event,
    cancelling twice, archiving an event still ahead); the message is for the user."""


class RotationError(Exception):
    """A rotation decision that was already taken; the message is for the user."""


@transaction.atomic
def speakers_register(*, event: Event, users: Iterable[User]) -> None:
    """Speakers with accounts are registered as speakers (no place taken) so that
    they are reminded like any registrant. Side effect: their reminders are
    enqueued."""
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
        reminders.schedule(registration)


def _answers_save(*, registration: Registration, answers: Mapping[int, str]) -> None:
    """Write ``answers`` (by question id), replacing earlier ones; only the event's own
    questions count."""
    known = set(registration.event.questions.values_list("pk", flat=True))
    for question_id, value in answers.items():
        if question_id in known:
            RegistrationAnswer.objects.update_or_create(
                registration=registration, question_id=question_id, defaults={"value": value}
            )


@transaction.atomic
def registration_create(
    *,
    event: Event,
    user: User,
    mode: str,
    profile: Mapping[str, str] | None = None,
    answers: Mapping[int, str] | None = None,
    wants_visa_letter: bool = False,
) -> Registration:
    """Register ``user``; confirmed while places remain in that part, else waitlisted.

    The event row is locked first, so concurrent registrations are counted one at
    a time and never overbook; a second registration (a double submit) is refused
    with a message. ``profile`` (country, sector, gender, role, affiliation) is kept
    on the user for the next registration; ``answers`` (by question id) and the visa
    letter wish are kept on the registration. Side effects: the confirmation (or
    waiting-list notice) with an .ics and, for a confirmed place, the reminders are
    enqueued.
    """
    event = Event.objects.select_for_update().get(pk=event.pk)
    if not event.registration_open():
        raise RegistrationError(_("Registration for this event is closed."))
    offered = {
        Registration.Mode.ON_SITE.value: event.has_on_site,
        Registration.Mode.ONLINE.value: event.has_online,
    }
    if not offered.get(mode):
        raise RegistrationError(_("Choose how you will attend: this event does not offer that."))
    registration = Registration.objects.filter(event=event, user=user).first()
    if registration is not None and registration.status != Registration.Status.CANCELLED:
        raise RegistrationError(_("You are already registered for this event."))
    # A place an open offer holds is not free, nor one owed to someone waiting.
    full = not offers.place_for_newcomer(event, mode)
    status = Registration.Status.WAITLISTED if full else Registration.Status.CONFIRMED
    visa = wants_visa_letter and mode == Registration.Mode.ON_SITE
    if registration is None:
        registration = Registration.objects.create(
            event=event, user=user, mode=mode, status=status, wants_visa_letter=visa
        )
    else:
        registration.mode, registration.status = mode, status
        registration.wants_visa_letter = visa
        registration.created_at = timezone.now()
        registration.save(
            update_fields=["mode", "status", "wants_visa_letter", "created_at", "updated_at"]
        )
    if profile:
        profile_update(user=user, values=profile)
    if answers:
        _answers_save(registration=registration, answers=answers)
    if status == Registration.Status.CONFIRMED:
        reminders.schedule(registration)
    emails.registration_enqueue(registration)
    return registration


@transaction.atomic
def registration_answers_update(
    *,
    registration: Registration,
    profile: Mapping[str, str],
    answers: Mapping[int, str],
    wants_visa_letter: bool = False,
    now: datetime | None = None,
) -> Registration:
    """Change one's answers (and profile) until the event starts; refused after with
    a ``RegistrationError``."""
    registration = Registration.objects.select_related("event", "user").get(pk=registration.pk)
    if not answers_editable(registration.event, now):
        raise RegistrationError(_("The event has started: the answers can no longer change."))
    profile_update(user=registration.user, values=profile)
    _answers_save(registration=registration, answers=answers)
    visa = wants_visa_letter and registration.mode == Registration.Mode.ON_SITE
    if registration.wants_visa_letter != visa:
        registration.wants_visa_letter = visa
        registration.save(update_fields=["wants_visa_letter", "updated_at"])
    return registration


@transaction.atomic
def registration_cancel(*, registration: Registration) -> Registration | None:
    """Cancel; a freed place goes to the first waitlisted person of that part.

    Side effects: the registration's reminders not yet sent are withdrawn; the
    promoted person's reminders and the e-mail telling them are enqueued. Cancelling
    twice changes nothing the second time. Returns the promoted registration, if any."""
    event = Event.objects.select_for_update().get(pk=registration.event_id)
    registration.refresh_from_db()
    if registration.status == Registration.Status.CANCELLED:
        return None
    was_confirmed = registration.status == Registration.Status.CONFIRMED
    registration.status = Registration.Status.CANCELLED
    registration.save(update_fields=["status", "updated_at"])
    reminders.withdraw(registration)
    if event.waitlist_mode == Event.WaitlistMode.OFFERS:
        offers.place_freed(event=event, registration=registration)  # offered, not given
        return None
    if not was_confirmed or event.start <= timezone.now() or registration.is_speaker:
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
    reminders.schedule(promoted)
    emails.registration_enqueue(promoted, promoted=True)
    return promoted


def _calendar_state(event: Event) -> tuple[object, ...]:
    """What a calendar or a registrant sees of ``event`` and its agenda, to tell
    whether a save changed anything."""
    skip = {"sequence", "created_at", "updated_at", "search_document"}
    fields = tuple(
        _comparable(getattr(event, field.attname))
        for field in Event._meta.concrete_fields
        if field.name not in skip
    )
    related = tuple(
        tuple(getattr(event, name).order_by("pk").values_list("pk", flat=True))
        for name in ("languages", "areas", "skills")
    )
    agenda = tuple(
        event.agenda.order_by("pk").values_list("pk", "starts_at", *columns("title"), "speakers")
    )
    speakers = tuple(
        AgendaItem.speaker_accounts.through.objects.filter(agendaitem__event=event)
        .order_by("agendaitem_id", "user_id")
        .values_list("agendaitem_id", "user_id")
    )
    return fields, related, agenda, speakers


def _comparable(value: object) -> object:
    return value.name if isinstance(value, FieldFile) else value


def _lock(event: Event) -> Event:
    """Lock the event's row and return it as stored; ``event`` takes the stored
    sequence, so that saving it cannot write back an older number."""
    stored = Event.objects.select_for_update().get(pk=event.pk)
    event.sequence = stored.sequence
    return stored


def _bump_sequence(event: Event) -> None:
    """The iCalendar SEQUENCE goes up by one, counted in the database: two changes at
    once cannot both write the same number."""
    Event.objects.filter(pk=event.pk).update(sequence=F("sequence") + 1)
    event.refresh_from_db(fields=["sequence"])


@transaction.atomic
def event_save(
    *,
    event: Event,
    values: Mapping[str, Any],
    agenda: Sequence[Row],
    questions: Sequence[Row] = (),
) -> Event:
    """Create or edit an event (``values``: its fields), its agenda (``agenda``: the
    rows as the coordinator left them) and its registration questions, all or nothing.

    Side effects: an edit that changes anything raises the calendar sequence; speakers
    with accounts are registered to be reminded; a change of time moves the reminders
    and enqueues the e-mail telling the registrants of a published event.
    """
    stored = _lock(event) if event.pk else None
    before = _calendar_state(stored) if stored is not None else None
    save_with_relations(event, values)
    rows_apply(parent=event, related_name="agenda", rows=agenda)
    rows_apply(parent=event, related_name="questions", rows=questions)
    event.refresh_search_document()  # with the skills just saved
    if stored is not None and _calendar_state(event) != before:
        _bump_sequence(event)
    speakers = {user for item in event.agenda.all() for user in item.speaker_accounts.all()}
    speakers_register(event=event, users=speakers)
    if stored is not None and (stored.start, stored.end) != (event.start, event.end):
        reminders.reschedule(event)
        if event.status == Event.Status.PUBLISHED:
            emails.change_enqueue(event, change=emails.RESCHEDULED)
    if stored is not None:
        offers.offers_make(event=event)  # more places: offered at once, in offers mode
    return event


@transaction.atomic
def event_logistics_save(*, event: Event, values: Mapping[str, Any]) -> Event:
    """Save what the host keeps up to date (venue, places, join link) and the materials
    (slides, recording, summary). Side effects: the calendar sequence goes up; once
    there are materials, the follow-ups waiting for them fall due."""
    _lock(event)
    save_with_relations(event, values)
    _bump_sequence(event)
    reminders.materials_posted(event)
    offers.offers_make(event=event)  # more places: offered at once, in offers mode
    return event


@transaction.atomic
def event_publish(*, event: Event) -> None:
    """Publish a draft; a cancelled or archived event cannot be published (that would
    bring it back without telling anyone). Side effect: the calendar sequence goes up."""
    stored = _lock(event)
    if stored.status == Event.Status.CANCELLED or stored.is_archived:
        raise EventStateError(_("A cancelled or archived event cannot be published."))
    event.status = Event.Status.PUBLISHED
    event.save(update_fields=["status", "updated_at"])
    _bump_sequence(event)


@transaction.atomic
def event_cancel(*, event: Event) -> None:
    """Cancel (cancelling twice is refused). Side effects: every reminder not yet sent is
    withdrawn, the calendar sequence goes up and the e-mail telling every registrant
    is enqueued."""
    stored = _lock(event)
    if stored.status == Event.Status.CANCELLED:
        raise EventStateError(_("This event is already cancelled."))
    event.status = Event.Status.CANCELLED
    event.save(update_fields=["status", "updated_at"])
    _bump_sequence(event)
    reminders.withdraw_all(event)
    emails.change_enqueue(event, change=emails.CANCELLED)


def archivable(event: Event, *, now: datetime | None = None) -> bool:
    """An event can be archived unless it is published and still ahead or under way:
    its registrants must first be told (cancel it)."""
    if event.is_archived:
        return False
    return event.status != Event.Status.PUBLISHED or event.end < (now or timezone.now())


@transaction.atomic
def event_archive(*, event: Event) -> Event:
    """Hide ``event`` from every page, calendar and feed but the coordinators' list;
    its registrations, agenda and materials are kept, and ``event_restore`` brings it
    back. Refused for a published event that has not ended. Side effect: none sent;
    reminders still pending are dropped when due (the event is no longer public)."""
    stored = _lock(event)
    if not archivable(stored):
        raise EventStateError(
            _("A published event that has not ended cannot be archived: cancel it first.")
            if not stored.is_archived
            else _("This event is already archived.")
        )
    event.archived_at = timezone.now()
    event.save(update_fields=["archived_at", "updated_at"])
    record(Action.ARCHIVED, target=event)
    return event


@transaction.atomic
def event_restore(*, event: Event) -> Event:
    """Bring an archived event back, as it was."""
    stored = _lock(event)
    if not stored.is_archived:
        raise EventStateError(_("This event is not archived."))
    event.archived_at = None
    event.save(update_fields=["archived_at", "updated_at"])
    record(Action.RESTORED, target=event)
    return event


@transaction.atomic
def series_create(*, values: Mapping[str, Any]) -> EventSeries:
    """Create a series; its slug is made from its name (the first language given)."""
    series = EventSeries()
    save_with_relations(series, {**values, "slug": _series_slug(first_value(values, "name"))})
    return series


def _series_slug(name: str) -> str:
    return unique_slug(EventSeries.objects.all(), name, max_length=120, fallback="series")


@transaction.atomic
def series_generate(
    *,
    series: EventSeries,
    titles: Mapping[str, str],
    starts: Sequence[datetime],
    minutes: int,
    time_zone: str,
    join_url: str,
) -> list[Event]:
    """Create the previewed occurrences (``starts``, each ``minutes`` long) of a
    monthly webinar series as drafts; ``titles`` holds the title's columns
    (``title_en``, ``title_ru``, …)."""
    return [
        Event.objects.create(
            series=series,
            **{column: titles.get(column, "") for column in columns("title")},
            kind=Event.Kind.WEBINAR,
            format=Event.Format.ONLINE,
            start=start,
            end=start + timedelta(minutes=minutes),
            time_zone=time_zone,
            join_url=join_url,
            status=Event.Status.DRAFT,
        )
        for start in starts
    ]


def calendar_token_for(*, user: User) -> CalendarToken:
    """The secret of ``user``'s private calendar feed, made on first use (a single
    ``get_or_create``, atomic on its own: no savepoint on every visit of the page)."""
    token, _created = CalendarToken.objects.get_or_create(
        user=user, defaults={"token": secrets.token_urlsafe(32)}
    )
    return token


@transaction.atomic
def calendar_token_reset(*, user: User) -> CalendarToken:
    """A new secret: the old private feed address stops working."""
    token = calendar_token_for(user=user)
    token.token = secrets.token_urlsafe(32)
    token.save(update_fields=["token"])
    return token


@transaction.atomic
def calendar_alarm_set(*, token: CalendarToken, minutes: int) -> CalendarToken:
    """The alarm of every event in the private feed, ``minutes`` before the start."""
    token.alarm_minutes = minutes
    token.save(update_fields=["alarm_minutes"])
    return token


@transaction.atomic
def rotation_add(*, university: University) -> RotationMember:
    """``university`` joins the rotation, last in order."""
    return RotationMember.objects.create(university=university, position=next_position())


@transaction.atomic
def rotation_member_save(*, member: RotationMember, values: Mapping[str, Any]) -> RotationMember:
    """Save a member's venue details (capacity, blackout dates)."""
    save_with_relations(member, values)
    return member


@transaction.atomic
def rotation_confirm(
    *, member: RotationMember, cycle: int, start: date, days: int, attendance: int | None
) -> Event:
    """Record ``member`` as this cycle's host and create its draft conference, from
    9:00 on ``start`` in the host's time zone, for ``days`` days.

    A decision already taken for ``member`` in ``cycle`` (a double submit) is refused
    with a message. Side effect: the e-mail telling the host's staff is enqueued.
    """
    _decision_not_taken(member=member, cycle=cycle)
    university = member.university
    zone = time_zone_of(university.country)
    begins = datetime.combine(start, time(9, 0), tzinfo=ZoneInfo(zone))
    event = Event.objects.create(
        **in_every_language(
            "title", lambda: _("Regional conference %(year)d") % {"year": start.year}
        ),
        kind=Event.Kind.CONFERENCE,
        format=Event.Format.ON_SITE,
        start=begins,
        end=begins + timedelta(days=days - 1, hours=9),
        time_zone=zone,
        host=university,
        **{
            column: getattr(university, name)
            for name, column in zip(columns("name"), columns("venue"), strict=True)
        },
        capacity_on_site=attendance,
        status=Event.Status.DRAFT,
    )
    HostingRecord.objects.create(
        cycle=cycle, university=university, outcome=HostingRecord.Outcome.HOSTED, event=event
    )
    emails.hosting_enqueue(event)
    return event


def _decision_not_taken(*, member: RotationMember, cycle: int) -> None:
    """Lock ``member`` (two decisions about it wait for each other) and refuse a second
    decision in ``cycle``."""
    RotationMember.objects.select_for_update().filter(pk=member.pk).first()
    taken = HostingRecord.objects.filter(cycle=cycle, university=member.university_id).first()
    if taken is None:
        return
    if taken.outcome == HostingRecord.Outcome.HOSTED:
        message = _("%(university)s is already this cycle's host; nothing was changed.")
    else:
        message = _("%(university)s has already declined this cycle; nothing was changed.")
    raise RotationError(message % {"university": member.university})


@transaction.atomic
def rotation_decline(*, member: RotationMember, cycle: int) -> HostingRecord:
    """Record that ``member`` declined to host in ``cycle``; refused, with a message,
    when a decision about it was already taken in that cycle."""
    _decision_not_taken(member=member, cycle=cycle)
    return HostingRecord.objects.create(
        cycle=cycle, university=member.university, outcome=HostingRecord.Outcome.DECLINED
    )


@transaction.atomic
def registrations_release(*, user: User) -> int:
    """A closing account gives up its places in events still ahead, through the normal
    cancellation (waiting lists move on), and its private calendar feed stops.
    Returns how many registrations were cancelled."""
    ahead = Registration.objects.filter(user=user, event__start__gt=timezone.now()).exclude(
        status=Registration.Status.CANCELLED
    )
    cancelled = 0
    for registration in ahead.select_related("event"):
        registration_cancel(registration=registration)
        cancelled += 1
    CalendarToken.objects.filter(user=user).delete()
    return cancelled
