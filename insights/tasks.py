"""Celery tasks of the insights app: leaves that call one function."""

from celery import shared_task
from django.utils import timezone

from . import services


@shared_task(name="insights.take_gap_snapshot")
def take_gap_snapshot() -> bool:
    """Store this month's gap table once; a second run in the same month does nothing."""
    return services.gap_snapshot_take(today=timezone.localdate())
