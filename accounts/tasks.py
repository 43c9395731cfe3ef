"""Celery tasks of accounts: leaves that load by id and call one domain function."""

from celery import shared_task
from django.contrib.sessions.models import Session
from django.utils import timezone

from core.emails import MAIL_RETRY

from .memberships import MembershipKind, get_kind
from .models import MembershipBase
from .notifications import membership_decision_notice, membership_request_notice


def _membership(kind_key: str, membership_id: int) -> tuple[MembershipKind, MembershipBase | None]:
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
    if membership is None:
        return 0
    return membership_request_notice(kind_obj, membership)


@shared_task(name="accounts.send_membership_decision", **MAIL_RETRY)
def send_membership_decision(*, kind: str, membership_id: int) -> int:
    """Tell the requester whether the membership was approved or rejected."""
    _kind, membership = _membership(kind, membership_id)
    if membership is None:
        return 0
    return membership_decision_notice(membership)


@shared_task(name="accounts.clear_expired_sessions")
def clear_expired_sessions() -> int:
    deleted, _detail = Session.objects.filter(expire_date__lt=timezone.now()).delete()
    return deleted
