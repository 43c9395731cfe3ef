"""Celery tasks of the industry exchange: beat's leaves, each calling one service.

The e-mails themselves are outbox rows the services write (see ``notifications``);
``core.send_outbox`` sends them.
"""

from celery import shared_task
from django.utils import timezone

from . import notifications, services


@shared_task(name="industry.close_expired_needs")
def close_expired_needs() -> int:
    """Daily: open needs whose date has passed are closed."""
    return services.needs_close_expired()


@shared_task(name="industry.flag_unanswered_needs")
def flag_unanswered_needs() -> int:
    """Daily: tell coordinators, once per need, about needs without a response for 14 days."""
    return services.needs_flag_unanswered()


@shared_task(name="industry.send_weekly_digests")
def send_weekly_digests() -> int:
    """Weekly: every university's digest of the week just ended, once (see
    ``services.digests_enqueue``). Returns how many e-mails were enqueued."""
    return services.digests_enqueue(week=notifications.last_week(timezone.localdate()))
