"""The outbox's tasks: a nudge that sends what is due, and beat's sweep behind it."""

import math

from celery import shared_task
from django.conf import settings

from . import outbox, retention


@shared_task(name="core.send_outbox", acks_late=True)
def send_outbox() -> int:
    """Send due e-mails in batches. Idempotent: rows are claimed, so any number of
    these may run at once or twice; the sweep runs one again for anything lost."""
    return outbox.send_due().sent


@shared_task(name="core.sweep_outbox")
def sweep_outbox() -> int:
    """Every minute: queue enough senders for what is due, so that a burst is spread
    over every worker. Returns how many were queued."""
    due = outbox.due_count()
    senders = min(math.ceil(due / settings.OUTBOX_BATCH), settings.OUTBOX_MAX_SENDERS)
    for _sender in range(senders):
        send_outbox.delay()
    return senders


@shared_task(name="core.purge_old_records")
def purge_old_records() -> int:
    """Daily: forget what the privacy page says is kept no longer (sent e-mails after
    OUTBOX_KEEP_DAYS, the audit log after AUDIT_KEEP_DAYS)."""
    return retention.purge()
