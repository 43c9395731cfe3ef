"""Reminders: when each falls due, and how each goes out exactly once.

Every reminder of a confirmed registration is a ``ReminderDelivery`` row, one per
offset (minutes before the start) and one for the follow-up after the end. A sweep
claims due rows (state ``sending``, under ``SELECT … FOR UPDATE SKIP LOCKED``), and
a batch sends only rows in that state, marking each ``sent`` or ``failed`` before
the next is tried: no row is ever sent twice. A failed row is tried again after a
growing delay, up to ``MAX_ATTEMPTS``; a row that can no longer be useful, or whose
worker died after claiming it, is marked ``missed`` and never sent.
"""

from collections.abc import Callable
from datetime import datetime, timedelta
from smtplib import SMTPException

from django.core.mail import EmailMultiAlternatives, mailers
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from . import emails
from .models import Event, Registration, ReminderDelivery

DEFAULT_REMINDER_OFFSETS = [24 * 60, 60]  # minutes before the start
FOLLOW_UP_OFFSET = -1  # the follow-up after the end, in the same delivery table
FOLLOW_UP_DELAY = timedelta(hours=2)  # after the end
# The follow-up waits for the materials to be posted, for at most this long.
FOLLOW_UP_WINDOW = timedelta(days=14)
MISSED_AFTER = timedelta(hours=6)  # a reminder this late is no use
STUCK_AFTER = timedelta(minutes=30)  # a claim this old: its worker died
MAX_ATTEMPTS = 5

BATCH = 200  # reminders sent over one SMTP connection, by one task
CLAIM_CHUNK = 1000  # rows claimed in one transaction
MAX_CLAIM_ROUNDS = 100  # chunks claimed by one sweep at most

PENDING = [ReminderDelivery.State.SCHEDULED, ReminderDelivery.State.FAILED]


def offsets(event: Event) -> list[int]:
    """The event's reminders (minutes before the start): its own, else its series', else
    24 hours and 1 hour."""
    if event.reminder_offsets:
        return list(event.reminder_offsets)
    if event.series is not None and event.series.reminder_offsets:
        return list(event.series.reminder_offsets)
    return list(DEFAULT_REMINDER_OFFSETS)


def due_at(event: Event, offset_minutes: int) -> datetime:
    if offset_minutes == FOLLOW_UP_OFFSET:
        return event.end + FOLLOW_UP_DELAY
    return event.start - timedelta(minutes=offset_minutes)


def retry_at(attempts: int, now: datetime) -> datetime:
    """When a reminder that failed ``attempts`` times is tried again: 2, 4, 8… minutes."""
    return now + timedelta(minutes=2**attempts)


def schedule(registration: Registration, *, now: datetime | None = None) -> None:
    """Delivery rows for every reminder still ahead, and the follow-up after the end.

    Idempotent: an existing row of the same offset is kept as it is."""
    now = now or timezone.now()
    event = registration.event
    for offset in [*offsets(event), FOLLOW_UP_OFFSET]:
        due = due_at(event, offset)
        if offset != FOLLOW_UP_OFFSET and due <= now:
            continue
        ReminderDelivery.objects.get_or_create(
            registration=registration, offset_minutes=offset, defaults={"due_at": due}
        )


def reschedule(event: Event) -> None:
    """After a change of time: every reminder not yet sent moves with the event, and
    confirmed registrants get the reminders that are ahead again."""
    for delivery in ReminderDelivery.objects.filter(
        registration__event=event, state=ReminderDelivery.State.SCHEDULED
    ):
        delivery.due_at = due_at(event, delivery.offset_minutes)
        delivery.save(update_fields=["due_at"])
    for registration in event.registrations.filter(status=Registration.Status.CONFIRMED):
        schedule(registration)


def unschedule(*, event: Event, registration: Registration | None = None) -> int:
    """Drop the reminders not yet sent of ``registration``, or of all of ``event``."""
    deliveries = ReminderDelivery.objects.filter(
        registration__event=event, state=ReminderDelivery.State.SCHEDULED
    )
    if registration is not None:
        deliveries = deliveries.filter(registration=registration)
    deleted, _by_model = deliveries.delete()
    return deleted


def mark_missed(*, now: datetime | None = None) -> int:
    """Reminders that can no longer be useful: their event started (or ended long
    ago, for the follow-up), they are long overdue, or they failed too often. Also
    stuck claims: a worker died after claiming; they are never resent, so no one gets
    a reminder twice."""
    now = now or timezone.now()
    too_late = (
        Q(offset_minutes__gte=0, registration__event__start__lte=now)
        | Q(offset_minutes__gte=0, due_at__lt=now - MISSED_AFTER)
        | Q(offset_minutes=FOLLOW_UP_OFFSET, due_at__lt=now - FOLLOW_UP_WINDOW)
        | Q(attempts__gte=MAX_ATTEMPTS)
    )
    stuck = Q(state=ReminderDelivery.State.SENDING, claimed_at__lt=now - STUCK_AFTER)
    return ReminderDelivery.objects.filter((Q(state__in=PENDING) & too_late) | stuck).update(
        state=ReminderDelivery.State.MISSED
    )


def claim(*, now: datetime | None = None, limit: int = CLAIM_CHUNK) -> list[int]:
    """Claim due reminders of confirmed registrations of published events.

    Rows are locked with SKIP LOCKED (on PostgreSQL) and switched to 'sending' in
    the same transaction, so two sweeps running at once never claim the same row.
    A follow-up is due only once the event has materials (recording, slides or a
    summary).
    """
    now = now or timezone.now()
    has_materials = (
        ~Q(registration__event__recording_url="")
        | ~Q(registration__event__slides="")
        | ~Q(registration__event__summary="")
    )
    due = ReminderDelivery.objects.filter(
        state__in=PENDING,
        due_at__lte=now,
        registration__status=Registration.Status.CONFIRMED,
        registration__event__status=Event.Status.PUBLISHED,
    ).filter(
        Q(offset_minutes__gte=0, registration__event__start__gt=now)
        | Q(offset_minutes=FOLLOW_UP_OFFSET) & has_materials
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


def sweep(*, dispatch: Callable[[list[int]], object]) -> int:
    """Give up on useless reminders, claim the due ones and hand them to ``dispatch``
    in batches of ``BATCH`` ids (the sweep task queues one send task per batch).

    It claims chunk after chunk until nothing is due, so a burst (10,000 at once) is
    queued in one sweep and spread over every worker. Returns how many were claimed.
    """
    mark_missed()
    total = 0
    for _round in range(MAX_CLAIM_ROUNDS):
        claimed = claim(limit=CLAIM_CHUNK)
        for start in range(0, len(claimed), BATCH):
            dispatch(claimed[start : start + BATCH])
        total += len(claimed)
        if len(claimed) < CLAIM_CHUNK:
            break
    return total


def send_batch(*, ids: list[int], connection: BaseEmailBackend | None = None) -> int:
    """Send the claimed reminders among ``ids`` over one SMTP connection; each is
    marked sent or failed before the next is tried. Returns how many were sent.

    Only rows still in 'sending' are sent, so a batch queued twice sends nothing
    the second time.
    """
    deliveries = ReminderDelivery.objects.filter(
        pk__in=ids, state=ReminderDelivery.State.SENDING
    ).select_related("registration__event__host", "registration__user")
    connection = connection or mailers.default
    calendars: emails.Calendars = {}
    sent = 0
    connection.open()
    try:
        for delivery in deliveries:
            message = emails.reminder_message(
                delivery.registration,
                follow_up=delivery.offset_minutes == FOLLOW_UP_OFFSET,
                calendars=calendars,
            )
            sent += send_one(delivery, message, connection=connection)
    finally:
        connection.close()
    return sent


def send_one(
    delivery: ReminderDelivery, message: EmailMultiAlternatives, *, connection: BaseEmailBackend
) -> int:
    """Send one claimed reminder and mark it: 'sent', or 'failed' with the next try
    after a growing delay. Returns 1 when it was sent."""
    now = timezone.now()
    attempts = delivery.attempts + 1
    try:
        connection.send_messages([message])
    except (SMTPException, OSError) as error:
        ReminderDelivery.objects.filter(pk=delivery.pk).update(
            state=ReminderDelivery.State.FAILED,
            attempts=attempts,
            due_at=retry_at(attempts, now),
            last_error=str(error)[:300],
        )
        return 0
    ReminderDelivery.objects.filter(pk=delivery.pk).update(
        state=ReminderDelivery.State.SENT, sent_at=now, attempts=attempts
    )
    return 1
