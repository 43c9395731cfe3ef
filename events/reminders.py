"""Reminders: when each falls due, and what makes one still worth sending.

Every reminder of a confirmed registration is an outbox row (``core.outbox``), one
per offset (minutes before the start), and one more for the follow-up with the
materials after the end. Each is written in the transaction that confirms the
place, under a key that exists once (``reminder:<registration>:<offset>``,
``follow-up:<registration>``), so no one is reminded twice whatever is retried;
the outbox sends it once it is due, retries it after an SMTP failure, and gives
it up when it expires (the event's start; the follow-up 14 days after it is due).

All the reminders of a registration share the topic
``event:<event>:registration:<registration>``: a change of time moves them
(``reschedule``), a cancelled registration withdraws them, a cancelled event
withdraws every one under ``event:<event>:``. When a reminder is due, its
preparer checks that it is still useful (the place still confirmed, the event
published and not started, the reminder not hours late) and attaches the .ics;
the follow-up waits (``outbox.Defer``) until the materials are posted.
"""

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from accounts.models import User
from core import outbox
from core.models import OutboxMessage

from .emails import calendar_for, registrant_context
from .models import Event, Registration

REMINDER = "events/email/reminder"
FOLLOW_UP = "events/email/follow_up"

DEFAULT_REMINDER_OFFSETS = [24 * 60, 60]  # minutes before the start
FOLLOW_UP_DELAY = timedelta(hours=2)  # after the end
# The follow-up waits for the materials to be posted, for at most this long…
FOLLOW_UP_WINDOW = timedelta(days=14)
# …and looks again this often (posting the materials also brings it forward).
FOLLOW_UP_RECHECK = timedelta(hours=1)
MISSED_AFTER = timedelta(hours=6)  # a reminder this late is no use


def offsets(event: Event) -> list[int]:
    """The event's reminders (minutes before the start): its own, else its series', else
    24 hours and 1 hour."""
    if event.reminder_offsets:
        return list(event.reminder_offsets)
    if event.series is not None and event.series.reminder_offsets:
        return list(event.series.reminder_offsets)
    return list(DEFAULT_REMINDER_OFFSETS)


def due_at(event: Event, offset_minutes: int) -> datetime:
    """When the reminder ``offset_minutes`` before the start falls due."""
    return event.start - timedelta(minutes=offset_minutes)


def follow_up_due_at(event: Event) -> datetime:
    return event.end + FOLLOW_UP_DELAY


def event_prefix(event: Event | int) -> str:
    """The topic prefix of every reminder of an event."""
    pk = event if isinstance(event, int) else event.pk
    return f"event:{pk}:"


def topic(registration: Registration) -> str:
    return f"{event_prefix(registration.event_id)}registration:{registration.pk}"


def reminder_key(registration: Registration, offset_minutes: int) -> str:
    return f"reminder:{registration.pk}:{offset_minutes}"


def follow_up_key(registration: Registration) -> str:
    return f"follow-up:{registration.pk}"


# --- scheduling (called by the services, inside their transaction) ------------------


def enqueue_reminder(
    registration: Registration, *, offset: int, due: datetime | None = None
) -> int:
    """The reminder ``offset`` minutes before the start, due then (or at ``due``);
    it expires when the event starts. Returns 1 if it is new."""
    event = registration.event
    return outbox.enqueue(
        template=REMINDER,
        recipients=[registration.user],
        context={"registration_id": registration.pk, "offset": offset},
        key=reminder_key(registration, offset),
        due_at=due or due_at(event, offset),
        expires_at=event.start,
        topic=topic(registration),
    )


def enqueue_follow_up(registration: Registration) -> int:
    """The e-mail with the materials, two hours after the end at the earliest."""
    due = follow_up_due_at(registration.event)
    return outbox.enqueue(
        template=FOLLOW_UP,
        recipients=[registration.user],
        context={"registration_id": registration.pk},
        key=follow_up_key(registration),
        due_at=due,
        expires_at=due + FOLLOW_UP_WINDOW,
        topic=topic(registration),
    )


def schedule(registration: Registration, *, now: datetime | None = None) -> int:
    """The reminders still ahead of a confirmed registration, and its follow-up.

    Idempotent: a reminder already enqueued (sent or not) keeps its row. Returns
    how many were new."""
    now = now or timezone.now()
    event = registration.event
    created = sum(
        enqueue_reminder(registration, offset=offset)
        for offset in offsets(event)
        if due_at(event, offset) > now
    )
    return created + enqueue_follow_up(registration)


def _timing(event: Event, row: OutboxMessage) -> outbox.Timing | None:
    if row.template == FOLLOW_UP:
        due = follow_up_due_at(event)
        return due, due + FOLLOW_UP_WINDOW
    if row.template == REMINDER:
        return due_at(event, int(row.context["offset"])), event.start
    return None


def reschedule(event: Event) -> int:
    """After a change of time: every reminder not yet sent moves with the event, and
    confirmed registrants get the reminders that are ahead again. Returns how many
    moved."""
    moved = outbox.reschedule(
        topic_prefix=event_prefix(event), when=lambda row: _timing(event, row)
    )
    for registration in event.registrations.filter(
        status=Registration.Status.CONFIRMED
    ).select_related("user", "event__series"):
        schedule(registration)
    return moved


def materials_posted(event: Event, *, now: datetime | None = None) -> int:
    """The follow-ups that were waiting for the materials are due now (or when they
    would have been). Side effect: a sender is nudged after commit."""
    if not event.has_materials():
        return 0
    now = now or timezone.now()
    due = max(follow_up_due_at(event), now)

    def when(row: OutboxMessage) -> outbox.Timing | None:
        return (due, row.expires_at) if row.template == FOLLOW_UP else None

    moved = outbox.reschedule(topic_prefix=event_prefix(event), when=when)
    if moved and due <= now:
        outbox.nudge()
    return moved


def withdraw(registration: Registration) -> int:
    """Remove ``registration``'s reminders not yet sent (it was cancelled)."""
    return outbox.withdraw(topic=topic(registration))


def withdraw_all(event: Event) -> int:
    """Remove every reminder not yet sent of ``event`` (it was cancelled)."""
    return outbox.withdraw(topic_prefix=event_prefix(event))


def enqueue_many(registrations: Iterable[Registration], *, offset: int, due: datetime) -> int:
    """The reminder ``offset`` of each of ``registrations``, due at ``due`` (the
    benchmark's burst of reminders falling due at once)."""
    return sum(enqueue_reminder(r, offset=offset, due=due) for r in registrations)


# --- preparers (called by the sender, when each e-mail is due) ----------------------


def _confirmed(ids: Iterable[int]) -> QuerySet[Registration]:
    return Registration.objects.select_related("event__host").filter(
        pk__in=ids, status=Registration.Status.CONFIRMED
    )


@outbox.batch_loader(REMINDER, FOLLOW_UP)
def _registrations(contexts: list[dict[str, Any]]) -> dict[int, Registration]:
    """The confirmed registrations of a batch of reminders, with their events: one
    query for the batch (a burst of reminders is sent at hundreds a second)."""
    return _confirmed({int(c["registration_id"]) for c in contexts}).in_bulk()


def _confirmed_and_public(context: dict[str, Any], template: str) -> Registration | None:
    """The registration of a reminder, if it still holds a place in a public event:
    as its batch read it a moment ago, or read now."""
    loaded = outbox.batch_loaded(template)
    if loaded is not None:
        registration = loaded.get(int(context["registration_id"]))
    else:
        registration = _confirmed([int(context["registration_id"])]).first()
    if registration is None or not registration.event.is_public:
        return None
    return registration


@outbox.preparer(REMINDER)
def _reminder(context: dict[str, Any], recipient: User) -> outbox.Prepared | None:
    registration = _confirmed_and_public(context, REMINDER)
    if registration is None:
        return None  # gone, waitlisted again, cancelled, or the event is no longer public
    event = registration.event
    now = timezone.now()
    if event.start <= now or now - due_at(event, int(context["offset"])) > MISSED_AFTER:
        return None  # started, or so late that it would only confuse
    return outbox.Prepared(
        context=registrant_context(registration),
        attachments=(calendar_for(registration, recipient),),
    )


@outbox.preparer(FOLLOW_UP)
def _follow_up(context: dict[str, Any], recipient: User) -> outbox.Prepared | None:
    registration = _confirmed_and_public(context, FOLLOW_UP)
    if registration is None:
        return None
    if not registration.event.has_materials():
        raise outbox.Defer(timezone.now() + FOLLOW_UP_RECHECK)  # dropped when it expires
    return outbox.Prepared(context=registrant_context(registration))
