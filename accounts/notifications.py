"""Who hears about a membership request or decision, and the e-mails they get."""

from django.db.models import Q, QuerySet
from django.urls import reverse

from core.emails import absolute_url, email_users

from .memberships import MembershipKind
from .models import COORDINATORS_GROUP, MembershipBase, MembershipStatus, User


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


def membership_request_notice(kind: MembershipKind, membership: MembershipBase) -> int:
    """E-mail the approvers that ``membership`` awaits them; nothing once it is decided."""
    if membership.status != MembershipStatus.PENDING:
        return 0
    return email_users(
        approvers_of(kind, membership),
        "accounts/email/membership_request",
        {
            "membership": membership,
            "target": membership.target,
            "requester": membership.user,
            "decide_url": lambda _user: absolute_url(reverse("accounts:pending_memberships")),
        },
    )


def membership_decision_notice(membership: MembershipBase) -> int:
    """E-mail the requester whether ``membership`` was approved or rejected."""
    if membership.status == MembershipStatus.PENDING:
        return 0
    return email_users(
        [membership.user],
        "accounts/email/membership_decision",
        {
            "membership": membership,
            "target": membership.target,
            "approved": membership.is_approved,
            "profile_url": lambda _user: absolute_url(reverse("accounts:profile")),
        },
    )
