"""Celery tasks of events: thin leaves that load by id and call one function of
``events.emails`` or ``events.reminders`` (where the exactly-once rules live)."""

from celery import shared_task

from core.emails import MAIL_RETRY

from . import emails, reminders
from .models import Event, Registration


@shared_task(name="events.send_registration_email", **MAIL_RETRY)
def send_registration_email(*, registration_id: int, promoted: bool = False) -> int:
    registration = (
        Registration.objects.select_related("event__host", "user")
        .filter(pk=registration_id)
        .first()
    )
    if registration is None:
        return 0
    return emails.registration_send(registration, promoted=promoted)


@shared_task(name="events.send_event_change_email", **MAIL_RETRY)
def send_event_change_email(*, event_id: int, change: str) -> int:
    event = Event.objects.select_related("host").filter(pk=event_id).first()
    if event is None:
        return 0
    return emails.change_send(event, change=change)


@shared_task(name="events.sweep_reminders")
def sweep_reminders() -> int:
    """Every minute (beat): claim the due reminders and queue them in batches."""
    return reminders.sweep(dispatch=_queue_batch)


def _queue_batch(ids: list[int]) -> None:
    send_reminder_batch.delay(ids=ids)


@shared_task(name="events.send_reminder_batch")
def send_reminder_batch(*, ids: list[int]) -> int:
    return reminders.send_batch(ids=ids)


@shared_task(name="events.send_hosting_email", **MAIL_RETRY)
def send_hosting_email(*, event_id: int) -> int:
    event = Event.objects.select_related("host").filter(pk=event_id).first()
    if event is None:
        return 0
    return emails.hosting_send(event)
