"""Who hears about what in the industry exchange, and the e-mails they get.

Every e-mail is an outbox row (core/outbox.py) that a service writes in the
transaction of the change that causes it, under a key that makes the same e-mail
impossible to enqueue twice: the decision of a response reaches each person once
per status, a nudge each university's staff once a week, a digest once per week.
The preparers at the bottom complete each e-mail when it is sent (its links, the
week's needs) and drop it when it is no longer useful.
"""

from collections.abc import Callable
from dataclasses import dataclass, fields
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from accounts.models import COORDINATORS_GROUP, User
from core import outbox
from core.emails import absolute_url, link_to
from universities.models import University, UniversityMembership

from .matching import (
    ProgrammeMatch,
    needs_for_university,
    programmes_for_need,
    universities_for_need,
)
from .models import NeedResponse, ResponseMessage, SkillNeed, SkillNeedQuerySet

NEW_RESPONSE = "industry/email/new_response"
RESPONSE_DECIDED = "industry/email/response_decided"
FOLLOW_UP = "industry/email/follow_up"
UNANSWERED = "industry/email/unanswered_needs"
NUDGE = "industry/email/nudge"
DIGEST = "industry/email/digest"

NUDGED_UNIVERSITIES = 5
DIGEST_NEEDS = 20
# A digest not sent within a week of its Monday is overtaken by the next one.
DIGEST_USEFUL_FOR = timedelta(days=14)


def _response_topic(response: NeedResponse) -> str:
    return f"industry.response:{response.pk}"


def _need_topic(need: SkillNeed) -> str:
    return f"industry.need:{need.pk}"


# --- the conversation of a response ----------------------------------------------


def response_side(response: NeedResponse) -> list[User]:
    """The university's side of a response: its author, else the university's staff."""
    if response.author is not None and response.author.is_active:
        return [response.author]
    return list(response.university.staff_users())


def new_response_enqueue(response: NeedResponse) -> int:
    """E-mail the organisation's members that a university answered their need (once
    per response and member)."""
    return outbox.enqueue(
        template=NEW_RESPONSE,
        recipients=response.need.organisation.member_users(),
        context={"response": response, "need": response.need},
        key=lambda user: f"industry.new-response:{response.pk}:{user.pk}",
        topic=_response_topic(response),
    )


def response_decided_enqueue(response: NeedResponse) -> int:
    """E-mail the university's side that its response was accepted or declined (once
    per response, status and person)."""
    if response.status == NeedResponse.Status.SENT:
        return 0
    status = response.status
    return outbox.enqueue(
        template=RESPONSE_DECIDED,
        recipients=response_side(response),
        context={"response": response, "need": response.need, "status": status},
        key=lambda user: f"industry.response-decided:{response.pk}:{status}:{user.pk}",
        topic=_response_topic(response),
    )


def follow_up_recipients(message: ResponseMessage) -> list[User]:
    """The other side of the conversation than the author's."""
    response = message.response
    organisation_people = list(response.need.organisation.member_users())
    from_organisation = any(person.pk == message.author_id for person in organisation_people)
    recipients = response_side(response) if from_organisation else organisation_people
    return [person for person in recipients if person.pk != message.author_id]


def follow_up_enqueue(message: ResponseMessage) -> int:
    """E-mail a follow-up to the other side (once per message and person)."""
    response = message.response
    return outbox.enqueue(
        template=FOLLOW_UP,
        recipients=follow_up_recipients(message),
        context={"message": message, "response": response, "need": response.need},
        key=lambda user: f"industry.follow-up:{message.pk}:{user.pk}",
        topic=_response_topic(response),
    )


# --- needs nobody answers -------------------------------------------------------------


def coordinators() -> QuerySet[User]:
    return User.objects.filter(is_active=True, groups__name=COORDINATORS_GROUP)


def unanswered_enqueue(need: SkillNeed) -> int:
    """E-mail the coordinators that ``need`` has had no response for 14 days (once
    per need and coordinator)."""
    return outbox.enqueue(
        template=UNANSWERED,
        recipients=coordinators(),
        context={"need": need},
        key=lambda user: f"industry.unanswered:{need.pk}:{user.pk}",
        topic=_need_topic(need),
    )


def iso_week(day: date) -> str:
    """``day``'s ISO week, e.g. ``2026-W07``."""
    year, week, _weekday = day.isocalendar()
    return f"{year}-W{week:02d}"


@dataclass
class Nudged:
    """What a nudge did: how many universities match, how many e-mails are new."""

    universities: int
    enqueued: int


def nudge_enqueue(need: SkillNeed, *, week: str) -> Nudged:
    """E-mail the staff of the universities whose programmes best match an open need,
    once per university and staff member in ISO ``week``: a second nudge in the same
    week tells nobody again."""
    if need.status != SkillNeed.Status.OPEN:
        return Nudged(universities=0, enqueued=0)
    matches = universities_for_need(programmes_for_need(need), limit=NUDGED_UNIVERSITIES)
    enqueued = 0
    for match in matches:
        university = match.university
        enqueued += outbox.enqueue(
            template=NUDGE,
            recipients=university.staff_users(),
            context={
                "need": need,
                "university": university,
                "programme": match.best.programme,
                "match": _figures(match.best),
            },
            key=_nudge_key(need, university, week),
            topic=_need_topic(need),
        )
    return Nudged(universities=len(matches), enqueued=enqueued)


def _figures(match: ProgrammeMatch) -> dict[str, Any]:
    """The plain values of ``match`` (its programme aside), for an outbox context."""
    return {f.name: getattr(match, f.name) for f in fields(match) if f.name != "programme"}


def _nudge_key(need: SkillNeed, university: University, week: str) -> Callable[[User], str]:
    return lambda user: f"industry.nudge:{need.pk}:{university.pk}:{week}:{user.pk}"


# --- the weekly digest --------------------------------------------------------------


def last_week(today: date) -> date:
    """The Monday of the ISO week before ``today``'s."""
    return today - timedelta(days=today.weekday() + 7)


def week_start(week: date) -> datetime:
    """Midnight at the start of ``week`` (its Monday), in the site's time zone."""
    return datetime.combine(week, time.min, tzinfo=timezone.get_default_timezone())


def needs_posted_in(week: date) -> SkillNeedQuerySet:
    """The open, shown needs posted in ``week`` (its Monday)."""
    start = week_start(week)
    return SkillNeed.objects.open().shown().posted_between(start, start + timedelta(days=7))


def digest_universities() -> QuerySet[University]:
    """Universities with at least one active staff member who wants the weekly digest."""
    wanting = UniversityMembership.objects.editing().filter(
        user__is_active=True, user__needs_digest=True
    )
    return University.objects.active().filter(pk__in=wanting.values("university"))


def digest_needs(university: University, posted: SkillNeedQuerySet) -> list[SkillNeed]:
    """The needs among ``posted`` that ``university``'s programmes match, best first."""
    return list(needs_for_university(university, posted)[:DIGEST_NEEDS])


def digest_enqueue(university: University, week: date) -> int:
    """E-mail ``university``'s staff who want it the digest of ``week`` (its Monday),
    once per university, week and person. The needs are listed when it is sent."""
    return outbox.enqueue(
        template=DIGEST,
        recipients=university.staff_users().filter(needs_digest=True),
        context={"university": university, "week": week},
        key=lambda user: f"industry.digest:{university.pk}:{week.isoformat()}:{user.pk}",
        expires_at=week_start(week) + DIGEST_USEFUL_FOR,
        topic=f"industry.digest:{university.pk}",
    )


# --- preparers: the last word of each e-mail, when it is sent ---------------------------


def _is_shown(need: SkillNeed) -> bool:
    return not need.hidden and not need.organisation.is_archived


@outbox.preparer(NEW_RESPONSE)
def _new_response(context: dict[str, Any], recipient: User) -> outbox.Prepared | None:
    response: NeedResponse = context["response"]
    if response.hidden:
        return None  # hidden as abusive before it went out
    return outbox.Prepared(context={"url": link_to(response)})


@outbox.preparer(RESPONSE_DECIDED)
def _response_decided(context: dict[str, Any], recipient: User) -> outbox.Prepared | None:
    response: NeedResponse = context["response"]
    if response.status != context["status"]:
        return None  # decided otherwise since; that decision has its own e-mail
    return outbox.Prepared(context={"url": link_to(response)})


@outbox.preparer(FOLLOW_UP)
def _follow_up(context: dict[str, Any], recipient: User) -> outbox.Prepared | None:
    return outbox.Prepared(context={"url": link_to(context["response"])})


@outbox.preparer(UNANSWERED)
def _unanswered(context: dict[str, Any], recipient: User) -> outbox.Prepared | None:
    need: SkillNeed = context["need"]
    still_unanswered = need.first_response_at is None and need.status == SkillNeed.Status.OPEN
    if not still_unanswered or not _is_shown(need):
        return None
    return outbox.Prepared(
        context={
            "needs": [need],
            "overview_url": lambda _user: absolute_url(reverse("industry:need_overview")),
        }
    )


@outbox.preparer(NUDGE)
def _nudge(context: dict[str, Any], recipient: User) -> outbox.Prepared | None:
    need: SkillNeed = context["need"]
    if need.status != SkillNeed.Status.OPEN or not _is_shown(need):
        return None
    if NeedResponse.objects.filter(need=need, university=context["university"]).exists():
        return None  # the university has answered meanwhile
    match = ProgrammeMatch(programme=context["programme"], **context["match"])
    return outbox.Prepared(context={"match": match, "url": link_to(need)})


@outbox.preparer(DIGEST)
def _digest(context: dict[str, Any], recipient: User) -> outbox.Prepared | None:
    if not recipient.needs_digest:
        return None  # opted out since
    university: University = context["university"]
    needs = digest_needs(university, needs_posted_in(context["week"]))
    if not needs:
        return None  # the week's matching needs were closed or hidden since
    return outbox.Prepared(
        context={
            "needs": needs,
            "needs_url": lambda _user: absolute_url(
                reverse("industry:university_needs", args=[university.slug])
            ),
        }
    )
