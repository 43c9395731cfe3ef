"""Writes of the insights app."""

from datetime import date

from django.db import IntegrityError, transaction

from .gaps import GapFilters, gap_table, snapshot_cells
from .models import GapSnapshot


def gap_snapshot_take(*, today: date) -> bool:
    """Store the gap table (default filters) as the snapshot of ``today``'s month, once:
    False when that month already has one. No e-mail, no task."""
    month = today.replace(day=1)
    if GapSnapshot.objects.filter(month=month).exists():
        return False
    filters = GapFilters()
    cells = snapshot_cells(gap_table(filters, today))
    try:
        with transaction.atomic():
            GapSnapshot.objects.create(
                month=month, horizon_months=filters.horizon_months, data={"cells": cells}
            )
    except IntegrityError:  # another run stored it meanwhile
        return False
    return True
