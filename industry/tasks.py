"""Celery tasks of the industry exchange: leaves that load by id and call one function."""

from datetime import date

from celery import shared_task
from django.utils import timezone

from core.emails import MAIL_RETRY
from universities.models import University

from . import notifications, services
from .models import NeedResponse, ResponseMessage, SkillNeed


def _response(response_id: int) -> NeedResponse | None:
    return (
        NeedResponse.objects.select_related("need__organisation", "university", "author")
        .filter(pk=response_id)
        .first()
    )


@shared_task(name="industry.notify_new_response", **MAIL_RETRY)
def notify_new_response(*, response_id: int) -> int:
    response = _response(response_id)
    return 0 if response is None else notifications.new_response(response)


@shared_task(name="industry.notify_response_decided", **MAIL_RETRY)
def notify_response_decided(*, response_id: int) -> int:
    response = _response(response_id)
    return 0 if response is None else notifications.response_decided(response)


@shared_task(name="industry.notify_follow_up", **MAIL_RETRY)
def notify_follow_up(*, message_id: int) -> int:
    message = (
        ResponseMessage.objects.select_related(
            "response__need__organisation", "response__university", "response__author", "author"
        )
        .filter(pk=message_id)
        .first()
    )
    return 0 if message is None else notifications.follow_up(message)


@shared_task(name="industry.close_expired_needs")
def close_expired_needs() -> int:
    return services.needs_close_expired()


@shared_task(name="industry.flag_unanswered_needs", **MAIL_RETRY)
def flag_unanswered_needs() -> int:
    """Tell coordinators, once per need, about needs without a response for 14 days."""
    return services.needs_flag_unanswered()


@shared_task(name="industry.nudge_matching_universities", **MAIL_RETRY)
def nudge_matching_universities(*, need_id: int) -> int:
    need = SkillNeed.objects.select_related("organisation").filter(pk=need_id).first()
    return 0 if need is None else notifications.nudge(need)


@shared_task(name="industry.send_weekly_digests")
def send_weekly_digests() -> int:
    """Queue one digest per university with staff who want it, for the week just ended."""
    week = notifications.last_week(timezone.localdate()).isoformat()
    university_ids = list(notifications.digest_universities().values_list("pk", flat=True))
    for university_id in university_ids:
        send_university_digest.delay(university_id=university_id, week=week)
    return len(university_ids)


@shared_task(name="industry.send_university_digest", **MAIL_RETRY)
def send_university_digest(*, university_id: int, week: str) -> int:
    """The needs posted in ``week`` (an ISO date, its Monday) that the university's
    programmes match, once (see ``services.digest_send``)."""
    university = University.objects.filter(pk=university_id).first()
    if university is None:
        return 0
    return services.digest_send(university=university, week=date.fromisoformat(week))
