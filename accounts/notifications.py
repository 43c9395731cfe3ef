"""Who hears about a membership request or decision, and the e-mails they get.

The e-mails are outbox rows written in the transaction of the request or the
decision (core/outbox.py); the preparers below complete them when they are sent.
"""

from typing import Any

from django.db.models import Q, QuerySet
from django.urls import reverse

from core import outbox
from core.emails import absolute_url

from .memberships import MembershipKind
from .models import COORDINATORS_GROUP, MembershipBase, MembershipStatus, User

REQUEST = "accounts/email/membership_request"
DECISION = "accounts/email/membership_decision"


def approvers_of(kind: MembershipKind, membership: MembershipBase) -> QuerySet[User]:
    """Coordinators and the target's administrators, except the requester."""
    model = kind.model
    admins = (
        model.objects.approved()
        .filter(role=model.ADMIN_ROLE, **{model.target_field: membership.target})
        .values("user")
    )
    return (
        User.objects.filter(is_active=True)
        .filter(Q(groups__name=COORDINATORS_GROUP) | Q(pk__in=admins))
        .exclude(pk=membership.user_id)
        .distinct()
    )


def _stamp(membership: MembershipBase, field: str) -> str:
    moment = getattr(membership, field)
    return moment.strftime("%Y%m%d%H%M%S%f") if moment else "-"


def membership_request_enqueue(kind: MembershipKind, membership: MembershipBase) -> int:
    """E-mail the approvers that ``membership`` awaits them (once per request)."""
    if membership.status != MembershipStatus.PENDING:
        return 0
    stamp = _stamp(membership, "requested_at")
    return outbox.enqueue(
        template=REQUEST,
        recipients=approvers_of(kind, membership),
        context={
            "kind": kind.key,
            "membership": membership,
            "target": membership.target,
            "requester": membership.user,
        },
        key=lambda user: f"membership-request:{kind.key}:{membership.pk}:{stamp}:{user.pk}",
    )


def membership_decision_enqueue(kind: MembershipKind, membership: MembershipBase) -> int:
    """E-mail the requester whether ``membership`` was approved or rejected (once)."""
    if membership.status == MembershipStatus.PENDING:
        return 0
    stamp = _stamp(membership, "decided_at")
    return outbox.enqueue(
        template=DECISION,
        recipients=[membership.user],
        context={
            "membership": membership,
            "target": membership.target,
            "approved": membership.is_approved,
        },
        key=f"membership-decision:{kind.key}:{membership.pk}:{stamp}",
    )


@outbox.preparer(REQUEST)
def _request(context: dict[str, Any], recipient: User) -> outbox.Prepared | None:
    if context["membership"].status != MembershipStatus.PENDING:
        return None  # already decided: nothing left to ask
    return outbox.Prepared(
        context={"decide_url": lambda _u: absolute_url(reverse("accounts:pending_memberships"))}
    )


@outbox.preparer(DECISION)
def _decision(context: dict[str, Any], recipient: User) -> outbox.Prepared | None:
    return outbox.Prepared(
        context={"profile_url": lambda _u: absolute_url(reverse("accounts:profile"))}
    )
