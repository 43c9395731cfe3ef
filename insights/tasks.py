from celery import shared_task
from django.db import IntegrityError, transaction
from django.utils import timezone

from .gaps import GapFilters, gap_table, snapshot_cells
from .models import GapSnapshot


@shared_task(name="insights.take_gap_snapshot")
def take_gap_snapshot() -> bool:
    """Store this month's gap table once; a second run in the same month does nothing."""
    month = timezone.localdate().replace(day=1)
    if GapSnapshot.objects.filter(month=month).exists():
        return False
    filters = GapFilters()
    cells = snapshot_cells(gap_table(filters))
    try:
        with transaction.atomic():
            GapSnapshot.objects.create(
                month=month, horizon_months=filters.horizon_months, data={"cells": cells}
            )
    except IntegrityError:
        return False
    return True
