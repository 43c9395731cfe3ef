from celery import shared_task
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from core.emails import MAIL_RETRY, absolute_url, email_users

from .memberships import get_kind
from .models import COORDINATORS_GROUP, MembershipStatus


def _membership(kind_key: str, membership_id: int):
    kind = get_kind(kind_key)
    membership = (
        kind.model.objects.select_related("user", kind.model.target_field)
        .filter(pk=membership_id)
        .first()
    )
    return kind, membership


@shared_task(name="accounts.send_membership_request_notice", **MAIL_RETRY)
def send_membership_request_notice(*, kind: str, membership_id: int) -> int:
    """Tell coordinators and the target's admins that a request awaits them."""
    kind_obj, membership = _membership(kind, membership_id)
    if membership is None or membership.status != MembershipStatus.PENDING:
        return 0
    model = kind_obj.model
    admins = (
        model.objects.approved()
        .filter(role=model.ADMIN_ROLE, **{model.target_field: membership.target})
        .values("user")
    )
    approvers = (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(groups__name=COORDINATORS_GROUP) | Q(pk__in=admins))
        .exclude(pk=membership.user_id)
        .distinct()
    )
    return email_users(
        approvers,
        "accounts/email/membership_request",
        {
            "membership": membership,
            "target": membership.target,
            "requester": membership.user,
            "decide_url": lambda _user: absolute_url(reverse("accounts:pending_memberships")),
        },
    )


@shared_task(name="accounts.send_membership_decision", **MAIL_RETRY)
def send_membership_decision(*, kind: str, membership_id: int) -> int:
    """Tell the requester whether the membership was approved or rejected."""
    _kind, membership = _membership(kind, membership_id)
    if membership is None or membership.status == MembershipStatus.PENDING:
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


@shared_task(name="accounts.clear_expired_sessions")
def clear_expired_sessions() -> int:
    deleted, _detail = Session.objects.filter(expire_date__lt=timezone.now()).delete()
    return deleted
