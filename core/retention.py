"""How long records are kept (the privacy page states the same)."""

from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone

from .models import AuditEntry, OutboxMessage


def purge(now: datetime | None = None) -> int:
    """Delete finished outbox rows and audit entries past their retention. Returns how
    many rows went. The audit log is append-only from the site; only this removes it."""
    now = now or timezone.now()
    finished = [OutboxMessage.State.SENT, OutboxMessage.State.DROPPED, OutboxMessage.State.FAILED]
    outbox, _ = OutboxMessage.objects.filter(
        state__in=finished, created_at__lt=now - timedelta(days=settings.OUTBOX_KEEP_DAYS)
    ).delete()
    audit, _ = AuditEntry.objects.filter(
        at__lt=now - timedelta(days=settings.AUDIT_KEEP_DAYS)
    ).delete()
    return outbox + audit
