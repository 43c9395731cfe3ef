"""Long imports run in the background: the checked file is kept in an ImportJob, the
task ``curricula.run_import_job`` checks its rows again (counting ``done`` as it goes,
each count committed at once so that the job page sees it), then saves them all in
one transaction, or none. The user is e-mailed the outcome through the outbox.

The progress counts the rows checked: the save itself is one transaction, invisible
to the job page until it commits, so the page shows "saving" once every row is
checked and the job is still running."""

import logging
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import User
from core import outbox
from core.emails import absolute_url
from core.queue import enqueue_on_commit
from universities.models import University

from . import importer, services
from .models import ImportJob

logger = logging.getLogger(__name__)

DONE_EMAIL = "curricula/email/import_done"
TASK = "curricula.run_import_job"
MAX_ERRORS = 20  # kept on the job and e-mailed: the first ones
# A job checks and saves at most importer.MAX_ROWS rows: minutes at worst.
JOB_LEASE = timedelta(minutes=15)


@transaction.atomic
def import_job_create(
    *, university: University, user: User, text: str, separator: str, total: int
) -> ImportJob:
    """Keep the checked file ``text`` of ``university`` as a job of ``user`` and queue
    its run. Side effect: the task ``curricula.run_import_job`` is queued on commit."""
    job = ImportJob.objects.create(
        university=university, user=user, text=text, separator=separator, total=total
    )
    enqueue_on_commit(TASK, job_id=job.pk)
    return job


def job_run(*, job_id: int) -> None:
    """Run the queued job ``job_id``: a job claimed less than ``JOB_LEASE`` ago (a
    second delivery of the task), finished or gone is left alone. A row that fails its
    checks now (the taxonomy or the programmes changed since the preview), or any error
    while saving, leaves nothing saved, and the job says why. Side effect: the user is
    e-mailed the outcome."""
    now = timezone.now()
    # A running job whose lease ran out lost its worker (killed, restarted): the task's
    # late acknowledgement delivers it again, and it is taken again from the start.
    claimable = Q(status=ImportJob.Status.QUEUED) | Q(
        status=ImportJob.Status.RUNNING, claimed_at__lt=now - JOB_LEASE
    )
    claimed = ImportJob.objects.filter(claimable, pk=job_id).update(
        status=ImportJob.Status.RUNNING, done=0, claimed_at=now
    )
    if not claimed:
        return
    job = ImportJob.objects.select_related("university", "user").get(pk=job_id)
    try:
        rows = importer.parse(job.text, job.university, job.separator, progress=_progress(job_id))
        errors = [
            _("Line %(line)d: %(error)s") % {"line": row.line, "error": error}
            for row in rows
            for error in row.errors
        ]
        if errors:
            _finish(job, errors=errors)
            return
        services.programmes_import(university=job.university, rows=rows)
    except (importer.ImportError_, services.ImportConflict) as error:
        _finish(job, errors=[str(error)])
        return
    except Exception:  # anything unexpected: the transaction rolled back, say so
        logger.exception("import job %s failed", job_id)
        _finish(job, errors=[_("The import stopped on an unexpected error; nothing was saved.")])
        return
    _finish(
        job,
        created=sum(1 for row in rows if not row.updates),
        updated=sum(1 for row in rows if row.updates),
    )


def _progress(job_id: int) -> Any:
    """Count the rows checked, committed every 20 rows (and at the last)."""

    def report(done: int, total: int) -> None:
        if done % 20 == 0 or done == total:
            ImportJob.objects.filter(pk=job_id).update(done=done, total=total)

    return report


@transaction.atomic
def _finish(
    job: ImportJob, *, errors: list[str] | None = None, created: int = 0, updated: int = 0
) -> None:
    job.status = ImportJob.Status.FAILED if errors else ImportJob.Status.DONE
    job.errors = errors[:MAX_ERRORS] if errors else []
    job.created, job.updated = created, updated
    # A failed job keeps the count of rows it checked; a finished one checked them all.
    checked = ImportJob.objects.values_list("done", flat=True).get(pk=job.pk)
    job.done = checked if errors else job.total
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "errors", "created", "updated", "done", "finished_at"])
    done_enqueue(job)


def done_enqueue(job: ImportJob) -> int:
    """E-mail the user of ``job`` its outcome, once; the link is in their language."""
    if job.user is None:
        return 0
    with translation.override(job.user.preferred_language or None):
        url = absolute_url(reverse("curricula:import_job", kwargs={"pk": job.pk}))
    return outbox.enqueue(
        template=DONE_EMAIL,
        recipients=[job.user],
        context={
            "job": job,
            "university": job.university.name,
            "succeeded": job.status == ImportJob.Status.DONE,
            "count": job.created + job.updated,
            "created": job.created,
            "updated": job.updated,
            "errors": job.errors[:5],
            "more_errors": max(0, len(job.errors) - 5),
            "url": url,
        },
        key=f"curricula:import_done:{job.pk}",
    )
