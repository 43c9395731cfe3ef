"""Who hears about what in the industry exchange, and the e-mails they get.

Every e-mail is built by ``core.emails`` in the recipient's language and time
zone (templates ``industry/email/<name>_subject.txt``, ``_body.txt``,
``_body.html``). The functions here send; they write nothing (the claims that
make the periodic e-mails go out once live in ``services``).
"""

from collections.abc import Sequence
from datetime import date, timedelta

from django.db.models import QuerySet
from django.urls import reverse

from accounts.models import COORDINATORS_GROUP, User
from core.emails import absolute_url, email_users, link_to
from universities.models import University, UniversityMembership

from .matching import needs_for_university, programmes_for_need, universities_for_need
from .models import NeedResponse, ResponseMessage, SkillNeed, SkillNeedQuerySet

NUDGED_UNIVERSITIES = 5
DIGEST_NEEDS = 20


def response_side(response: NeedResponse) -> list[User]:
    """The university's side of a response: its author, else the university's staff."""
    if response.author is not None and response.author.is_active:
        return [response.author]
    return list(response.university.staff_users())


def new_response(response: NeedResponse) -> int:
    """E-mail the organisation's members that a university answered their need."""
    return email_users(
        response.need.organisation.member_users(),
        "industry/email/new_response",
        {"response": response, "need": response.need, "url": link_to(response)},
    )


def response_decided(response: NeedResponse) -> int:
    """E-mail the university's side that its response was accepted or declined."""
    if response.status == NeedResponse.Status.SENT:
        return 0
    return email_users(
        response_side(response),
        "industry/email/response_decided",
        {"response": response, "need": response.need, "url": link_to(response)},
    )


def follow_up(message: ResponseMessage) -> int:
    """E-mail a follow-up to the other side of the conversation than its author's."""
    response = message.response
    organisation_people = list(response.need.organisation.member_users())
    from_organisation = any(person.pk == message.author_id for person in organisation_people)
    recipients = response_side(response) if from_organisation else organisation_people
    return email_users(
        [person for person in recipients if person.pk != message.author_id],
        "industry/email/follow_up",
        {"message": message, "response": response, "need": response.need, "url": link_to(response)},
    )


def coordinators() -> QuerySet[User]:
    return User.objects.filter(is_active=True, groups__name=COORDINATORS_GROUP)


def unanswered_needs(needs: Sequence[SkillNeed]) -> int:
    """E-mail the coordinators the needs that have had no response for 14 days."""
    if not needs:
        return 0
    return email_users(
        coordinators(),
        "industry/email/unanswered_needs",
        {
            "needs": needs,
            "overview_url": lambda _user: absolute_url(reverse("industry:need_overview")),
        },
    )


def nudge(need: SkillNeed) -> int:
    """E-mail the staff of the universities whose programmes best match an open need."""
    if need.status != SkillNeed.Status.OPEN:
        return 0
    sent = 0
    matches = universities_for_need(programmes_for_need(need), limit=NUDGED_UNIVERSITIES)
    for match in matches:
        sent += email_users(
            match.university.staff_users(),
            "industry/email/nudge",
            {"need": need, "match": match.best, "url": link_to(need)},
        )
    return sent


def last_week(today: date) -> date:
    """The Monday of the ISO week before ``today``'s."""
    return today - timedelta(days=today.weekday() + 7)


def digest_universities() -> QuerySet[University]:
    """Universities with at least one active staff member who wants the weekly digest."""
    wanting = UniversityMembership.objects.editing().filter(
        user__is_active=True, user__needs_digest=True
    )
    return University.objects.filter(pk__in=wanting.values("university"))


def digest_needs(university: University, posted: SkillNeedQuerySet) -> list[SkillNeed]:
    """The needs among ``posted`` that ``university``'s programmes match, best first."""
    return list(needs_for_university(university, posted)[:DIGEST_NEEDS])


def digest(university: University, needs: Sequence[SkillNeed]) -> int:
    """E-mail ``university``'s staff who want it the needs of the week they match."""
    return email_users(
        university.staff_users().filter(needs_digest=True),
        "industry/email/digest",
        {
            "university": university,
            "needs": needs,
            "needs_url": lambda _user: absolute_url(
                reverse("industry:university_needs", args=[university.slug])
            ),
        },
    )
