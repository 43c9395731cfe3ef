"""Celery tasks of events: beat's leaves, each calling one domain function."""

from celery import shared_task


@shared_task(name="events.sweep_offers")
def sweep_offers() -> int:
    """Every few minutes: overdue waiting-list offers expire and pass to the next person
    waiting, and places nobody holds (a capacity raised) are offered. Returns how many
    offers expired."""
    from . import offers  # noqa: PLC0415 - a leaf: the domain code loads with the task

    return offers.offers_sweep()
