"""Celery tasks of curricula: leaves that take ids and call the domain modules."""

from celery import shared_task


@shared_task(name="curricula.warn_expiring_accreditations")
def warn_expiring_accreditations() -> int:
    """Daily: tell the university's editors of accreditations ending within a month."""
    from .accreditation import expiring_warn  # noqa: PLC0415 - being built

    return expiring_warn()


@shared_task(name="curricula.send_search_alerts")
def send_search_alerts() -> int:
    """Daily: the saved searches due an alert (weekly at most) get one."""
    from .alerts import alerts_enqueue  # noqa: PLC0415 - being built

    return alerts_enqueue()


@shared_task(name="curricula.run_import_job", acks_late=True)
def run_import_job(job_id: int) -> None:
    from .import_jobs import job_run  # noqa: PLC0415 - being built

    job_run(job_id=job_id)
