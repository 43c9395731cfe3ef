from celery import shared_task
from django.utils import timezone

from . import services


@shared_task(name="newsletter.assemble_issues")
def assemble_issues() -> int:
    """The month's draft issues, on its first day, for the coordinators to preview,
    introduce and send; returns how many exist for the month."""
    return len(services.issues_assemble(month=timezone.localdate()))
