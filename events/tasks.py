"""Event e-mails and the reminder sweep. Each reminder goes out exactly once: it is
claimed (state 'sending') before the message is sent and marked 'sent' after."""

from datetime import timedelta
from smtplib import SMTPException
from zoneinfo import ZoneInfo

from celery import shared_task
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives, mailers
from django.template.loader import render_to_string
from django.utils import timezone, translation

from core.emails import MAIL_RETRY, absolute_url, email_users
from universities.models import UniversityMembership
from universities.rules import EDITING_ROLES

from . import services
from .ics import calendar_bytes
from .models import FOLLOW_UP_OFFSET, Event, Registration, ReminderDelivery

BATCH = 200
CLAIM_CHUNK = 1000
MAX_CLAIM_ROUNDS = 100


def _ics_for(registration) -> bytes:
    event = registration.event
    joinable = {event.pk} if registration.status == Registration.Status.CONFIRMED else set()
    return calendar_bytes([event], name=event.title, joinable=joinable)


def _context(registration):
    event = registration.event
    return {
        "event": event,
        "registration": registration,
        "show_join_link": registration.status == Registration.Status.CONFIRMED
        and registration.mode == Registration.Mode.ONLINE,
        "url": lambda _user: absolute_url(event.get_absolute_url()),
    }


def _message(user, template_prefix: str, context: dict, ics: bytes | None):
    language = user.preferred_language or settings.LANGUAGE_CODE
    with translation.override(language), timezone.override(ZoneInfo(user.time_zone or "UTC")):
        ctx = {k: (v(user) if callable(v) else v) for k, v in context.items()}
        ctx.update(recipient=user, site_url=settings.SITE_URL)
        subject = render_to_string(f"{template_prefix}_subject.txt", ctx).strip()
        body = render_to_string(f"{template_prefix}_body.txt", ctx)
    message = EmailMultiAlternatives(
        subject=" ".join(subject.splitlines()), body=body, to=[user.email]
    )
    if ics:
        message.attach("event.ics", ics, "text/calendar")
    return message


@shared_task(name="events.send_registration_email", **MAIL_RETRY)
def send_registration_email(*, registration_id: int, promoted: bool = False) -> int:
    registration = (
        Registration.objects.select_related("event__host", "user")
        .filter(pk=registration_id)
        .first()
    )
    if registration is None or registration.status == Registration.Status.CANCELLED:
        return 0
    message = _message(
        registration.user,
        "events/email/registration",
        {**_context(registration), "promoted": promoted},
        _ics_for(registration),
    )
    return mailers.default.send_messages([message]) or 0


@shared_task(name="events.send_event_change_email", **MAIL_RETRY)
def send_event_change_email(*, event_id: int, change: str) -> int:
    event = Event.objects.select_related("host").filter(pk=event_id).first()
    if event is None:
        return 0
    registrations = event.registrations.exclude(
        status=Registration.Status.CANCELLED
    ).select_related("user")
    messages = [
        _message(
            registration.user,
            "events/email/change",
            {**_context(registration), "change": change},
            _ics_for(registration),
        )
        for registration in registrations
        if registration.user.is_active and registration.user.email
    ]
    return (mailers.default.send_messages(messages) or 0) if messages else 0


@shared_task(name="events.sweep_reminders")
def sweep_reminders() -> int:
    """Every minute: give up on useless reminders, claim the due ones, send them in batches."""
    services.reminders_mark_missed()
    total = 0
    # Claim in chunks until nothing is due, so a burst (10,000 at once) is queued
    # in one sweep and spread over every worker.
    for _round in range(MAX_CLAIM_ROUNDS):
        claimed = services.reminders_claim(limit=CLAIM_CHUNK)
        for start in range(0, len(claimed), BATCH):
            send_reminder_batch.delay(ids=claimed[start : start + BATCH])
        total += len(claimed)
        if len(claimed) < CLAIM_CHUNK:
            break
    return total


@shared_task(name="events.send_reminder_batch")
def send_reminder_batch(*, ids: list[int]) -> int:
    """Send claimed reminders over one SMTP connection; each is marked sent or failed.

    A failed one is retried by a later sweep after a growing delay, up to five
    attempts; it is never sent twice, because only 'sending' rows are sent and a
    sent one is marked before the next is tried.
    """
    deliveries = ReminderDelivery.objects.filter(
        pk__in=ids, state=ReminderDelivery.State.SENDING
    ).select_related("registration__event__host", "registration__user")
    sent = 0
    connection = mailers.default
    connection.open()
    calendars: dict[tuple[int, bool], bytes] = {}  # one .ics per event and kind of reader
    try:
        for delivery in deliveries:
            sent += _send_one(connection, delivery, calendars)
    finally:
        connection.close()
    return sent


def _send_one(connection, delivery: ReminderDelivery, calendars: dict) -> int:
    registration = delivery.registration
    follow_up = delivery.offset_minutes == FOLLOW_UP_OFFSET
    ics = None
    if not follow_up:
        key = (registration.event_id, registration.status == Registration.Status.CONFIRMED)
        if key not in calendars:
            calendars[key] = _ics_for(registration)
        ics = calendars[key]
    message = _message(
        registration.user,
        "events/email/follow_up" if follow_up else "events/email/reminder",
        _context(registration),
        ics,
    )
    now = timezone.now()
    try:
        connection.send_messages([message])
    except (SMTPException, OSError) as error:
        attempts = delivery.attempts + 1
        ReminderDelivery.objects.filter(pk=delivery.pk).update(
            state=ReminderDelivery.State.FAILED,
            attempts=attempts,
            due_at=now + timedelta(minutes=2**attempts),
            last_error=str(error)[:300],
        )
        return 0
    ReminderDelivery.objects.filter(pk=delivery.pk).update(
        state=ReminderDelivery.State.SENT, sent_at=now, attempts=delivery.attempts + 1
    )
    return 1


@shared_task(name="events.send_hosting_email", **MAIL_RETRY)
def send_hosting_email(*, event_id: int) -> int:
    """Tell the host university's staff that they host this cycle's conference."""
    event = Event.objects.select_related("host").filter(pk=event_id).first()
    if event is None or event.host is None:
        return 0
    staff = UniversityMembership.objects.approved().filter(
        university=event.host, role__in=EDITING_ROLES
    )
    people = get_user_model().objects.filter(is_active=True, pk__in=staff.values("user"))
    return email_users(
        people,
        "events/email/hosting",
        {"event": event, "url": lambda _user: absolute_url(event.get_absolute_url())},
    )
