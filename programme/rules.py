"""Who runs a call and its review. The programme committee of an event: coordinators,
the host university's editing staff and the members named for it; reviewers review
the contributions of their tracks, never their own nor their institution's."""

from typing import Any

import rules

from accounts.rules import is_coordinator
from universities.models import UniversityMembership

from .models import Call, CommitteeMember, Contribution


def _signed_in(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False))


@rules.predicate
def chairs(user: Any, call: Call | None) -> bool:
    """A coordinator, or editing staff of the event's host university."""
    if call is None or not _signed_in(user):
        return False
    if user.is_coordinator:
        return True
    host = call.event.host_id
    return (
        bool(host)
        and UniversityMembership.objects.editing().filter(user=user, university_id=host).exists()
    )


@rules.predicate
def sits_on_committee(user: Any, call: Call | None) -> bool:
    if call is None or not _signed_in(user):
        return False
    return CommitteeMember.objects.filter(
        call=call, user=user, role=CommitteeMember.Role.MEMBER
    ).exists()


@rules.predicate
def reviews_for(user: Any, call: Call | None) -> bool:
    if call is None or not _signed_in(user):
        return False
    return CommitteeMember.objects.filter(call=call, user=user).exists()


@rules.predicate
def submitted_it(user: Any, contribution: Contribution | None) -> bool:
    if contribution is None or not _signed_in(user):
        return False
    return contribution.submitter_id == user.pk


is_committee = chairs | sits_on_committee

# Opening and editing a call: coordinators (a call is part of scheduling the event).
rules.add_perm("programme.open_call", is_coordinator)
rules.add_perm("programme.manage_call", is_committee)
rules.add_perm("programme.review", is_committee | reviews_for)
rules.add_perm("programme.edit_contribution", submitted_it)


@rules.predicate
def coauthors_it(user: Any, contribution: Contribution | None) -> bool:
    if contribution is None or not _signed_in(user):
        return False
    return contribution.coauthor_accounts.filter(pk=user.pk).exists()


@rules.predicate
def on_committee_of_contribution(user: Any, contribution: Contribution | None) -> bool:
    return contribution is not None and is_committee.test(user, contribution.call)


@rules.predicate
def presents_for(user: Any, target: Any) -> bool:
    """An approved member of the organisation of a need (``target`` is the need, or
    holds it as ``need``)."""
    need = getattr(target, "need", target)
    if need is None or not _signed_in(user):
        return False
    memberships = user.organisation_memberships.approved()
    return bool(memberships.filter(organisation_id=need.organisation_id).exists())


# Anyone signed in submits to a call (its dates are the service's to check).
rules.add_perm("programme.submit", rules.is_authenticated)
rules.add_perm(
    "programme.view_contribution", submitted_it | coauthors_it | on_committee_of_contribution
)
rules.add_perm("programme.present_challenge", presents_for)


# --- review and decisions -------------------------------------------------------------


@rules.predicate
def asked_to_review(user: Any, contribution: Contribution | None) -> bool:
    """Holds a seat on the call's committee and was asked to review ``contribution``
    (conflicts of interest are refused, with their reason, by the review service)."""
    if contribution is None or not _signed_in(user):
        return False
    return (
        CommitteeMember.objects.filter(call_id=contribution.call_id, user=user).exists()
        and contribution.reviews.filter(reviewer=user).exists()
    )


def _call_of(obj: Any) -> Call:
    contribution = getattr(obj, "contribution", None)  # a review
    return (contribution or obj).call


@rules.predicate
def chairs_its_call(user: Any, obj: Any) -> bool:
    """On the committee of the call of ``obj`` (a contribution, a seat, a review)."""
    if obj is None:
        return False
    return bool(is_committee.test(user, _call_of(obj)))


rules.add_perm("programme.review_contribution", asked_to_review)
# The committee's decision on a contribution, who reviews it, and the seats.
rules.add_perm("programme.decide", chairs_its_call)
rules.add_perm("programme.assign_reviews", chairs_its_call)
rules.add_perm("programme.manage_seat", chairs_its_call)


# --- the timetable, speakers and slides -----------------------------------------------


@rules.predicate
def chairs_call_of(user: Any, obj: Any) -> bool:
    """On the committee of the call of ``obj`` (a room or a session)."""
    return obj is not None and bool(is_committee.test(user, obj.call))


@rules.predicate
def presents_it(user: Any, contribution: Contribution | None) -> bool:
    """Submitted ``contribution`` or co-authors it (a speaker of its session)."""
    return bool(submitted_it.test(user, contribution) or coauthors_it.test(user, contribution))


# Rooms, sessions and publishing: the programme committee of the call.
rules.add_perm("programme.edit_timetable", is_committee)
rules.add_perm("programme.edit_room", chairs_call_of)
rules.add_perm("programme.edit_session", chairs_call_of)
# A personal schedule: anyone signed in stars published sessions.
rules.add_perm("programme.star", rules.is_authenticated)
# Slides of an accepted contribution: its speakers, and the committee.
rules.add_perm("programme.upload_slides", presents_it | on_committee_of_contribution)
