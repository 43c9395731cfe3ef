"""Celery tasks of accounts (membership e-mails go through the outbox)."""

from celery import shared_task
from django.contrib.sessions.models import Session
from django.utils import timezone


@shared_task(name="accounts.clear_expired_sessions")
def clear_expired_sessions() -> int:
    deleted, _detail = Session.objects.filter(expire_date__lt=timezone.now()).delete()
    return deleted
