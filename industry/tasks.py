"""Celery tasks of the industry exchange: thin, idempotent, e-mail in each recipient's language."""

from datetime import date, datetime, time, timedelta

from celery import shared_task
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from accounts.models import COORDINATORS_GROUP
from core.emails import MAIL_RETRY, absolute_url, email_users
from universities.models import University, UniversityMembership
from universities.rules import EDITING_ROLES

from . import services
from .matching import needs_for_university, programmes_for_need, universities_for_need
from .models import DigestDelivery, NeedResponse, OrganisationMembership, ResponseMessage, SkillNeed

User = get_user_model()


def _link(obj):
    return lambda _user: absolute_url(obj.get_absolute_url())


def _organisation_people(organisation):
    members = OrganisationMembership.objects.approved().filter(organisation=organisation)
    return User.objects.filter(is_active=True, pk__in=members.values("user"))


def _university_people(university):
    staff = UniversityMembership.objects.approved().filter(
        university=university, role__in=EDITING_ROLES
    )
    return User.objects.filter(is_active=True, pk__in=staff.values("user"))


def _response_side(response):
    """The university's side of a response: its author, else the university's staff."""
    if response.author_id and response.author.is_active:
        return [response.author]
    return list(_university_people(response.university))


def _response(response_id):
    return (
        NeedResponse.objects.select_related("need__organisation", "university", "author")
        .filter(pk=response_id)
        .first()
    )


@shared_task(name="industry.notify_new_response", **MAIL_RETRY)
def notify_new_response(*, response_id: int) -> int:
    response = _response(response_id)
    if response is None:
        return 0
    return email_users(
        _organisation_people(response.need.organisation),
        "industry/email/new_response",
        {"response": response, "need": response.need, "url": _link(response)},
    )


@shared_task(name="industry.notify_response_decided", **MAIL_RETRY)
def notify_response_decided(*, response_id: int) -> int:
    response = _response(response_id)
    if response is None or response.status == NeedResponse.Status.SENT:
        return 0
    return email_users(
        _response_side(response),
        "industry/email/response_decided",
        {"response": response, "need": response.need, "url": _link(response)},
    )


@shared_task(name="industry.notify_follow_up", **MAIL_RETRY)
def notify_follow_up(*, message_id: int) -> int:
    message = (
        ResponseMessage.objects.select_related(
            "response__need__organisation", "response__university", "response__author", "author"
        )
        .filter(pk=message_id)
        .first()
    )
    if message is None:
        return 0
    response = message.response
    organisation_people = list(_organisation_people(response.need.organisation))
    from_organisation = any(person.pk == message.author_id for person in organisation_people)
    recipients = _response_side(response) if from_organisation else organisation_people
    recipients = [person for person in recipients if person.pk != message.author_id]
    return email_users(
        recipients,
        "industry/email/follow_up",
        {"message": message, "response": response, "need": response.need, "url": _link(response)},
    )


@shared_task(name="industry.close_expired_needs")
def close_expired_needs() -> int:
    return services.needs_close_expired()


@shared_task(name="industry.flag_unanswered_needs", **MAIL_RETRY)
def flag_unanswered_needs() -> int:
    """Tell coordinators, once per need, about needs without a response for 14 days."""
    claimed = services.needs_flag_unanswered()
    if not claimed:
        return 0
    needs = list(SkillNeed.objects.filter(pk__in=claimed).select_related("organisation"))
    coordinators = User.objects.filter(is_active=True, groups__name=COORDINATORS_GROUP)
    email_users(
        coordinators,
        "industry/email/unanswered_needs",
        {
            "needs": needs,
            "overview_url": lambda _user: absolute_url(reverse("industry:need_overview")),
            "base_url": absolute_url(""),
        },
    )
    return len(claimed)


@shared_task(name="industry.nudge_matching_universities", **MAIL_RETRY)
def nudge_matching_universities(*, need_id: int) -> int:
    need = SkillNeed.objects.select_related("organisation").filter(pk=need_id).first()
    if need is None or need.status != SkillNeed.Status.OPEN:
        return 0
    sent = 0
    for entry in universities_for_need(programmes_for_need(need), limit=5):
        sent += email_users(
            _university_people(entry["university"]),
            "industry/email/nudge",
            {"need": need, "match": entry["best"], "url": _link(need)},
        )
    return sent


@shared_task(name="industry.send_weekly_digests")
def send_weekly_digests() -> int:
    """Queue one digest per university with staff who want it, for the week just ended."""
    week = services.week_start(timezone.localdate()) - timedelta(days=7)
    wanting = UniversityMembership.objects.approved().filter(
        role__in=EDITING_ROLES, user__is_active=True, user__needs_digest=True
    )
    universities = University.objects.filter(pk__in=wanting.values("university"))
    for university_id in universities.values_list("pk", flat=True):
        send_university_digest.delay(university_id=university_id, week=week.isoformat())
    return universities.count()


@shared_task(name="industry.send_university_digest", **MAIL_RETRY)
def send_university_digest(*, university_id: int, week: str) -> int:
    """The needs posted in ``week`` that the university's programmes match, once.

    The delivery row is inserted in the same transaction as the sending: a second
    run waits on the unique index and then skips; a failed send rolls the claim
    back so that the retry can send.
    """
    university = University.objects.filter(pk=university_id).first()
    if university is None:
        return 0
    start = date.fromisoformat(week)
    start_at = timezone.make_aware(datetime.combine(start, time.min))
    posted = services.needs_posted_between(start_at, start_at + timedelta(days=7))
    needs = list(needs_for_university(university, posted)[:20])
    if not needs:
        return 0
    recipients = _university_people(university).filter(needs_digest=True)
    try:
        with transaction.atomic():
            DigestDelivery.objects.create(university=university, week=start)
            return email_users(
                recipients,
                "industry/email/digest",
                {
                    "university": university,
                    "needs": needs,
                    "needs_url": lambda _user: absolute_url(
                        reverse("industry:university_needs", args=[university.slug])
                    ),
                    "base_url": absolute_url(""),
                },
            )
    except IntegrityError:
        return 0
