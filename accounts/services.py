"""Writes about users and memberships: profile, language, request, approve, reject."""

from collections.abc import Mapping
from typing import Any

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import Action, record
from core.models import OutboxMessage
from core.rows import save_with_relations

from . import privacy
from .memberships import MembershipKind, all_kinds
from .models import MembershipBase, MembershipStatus, User
from .notifications import membership_decision_enqueue, membership_request_enqueue


class MembershipError(Exception):
    """A request or decision that cannot be carried out; the message is for the user."""


@transaction.atomic
def profile_update(*, user: User, values: Mapping[str, Any]) -> User:
    """Save the user's own profile fields (name, affiliation, language, time zone, digest)."""
    return save_with_relations(user, values)  # type: ignore[return-value]


def user_set_language(*, user: User, language: str) -> None:
    """Remember the interface language a signed-in user switched to."""
    if user.preferred_language != language:
        User.objects.filter(pk=user.pk).update(preferred_language=language)
        user.preferred_language = language


@transaction.atomic
def mfa_reset(*, user: User, by: User) -> int:
    """Remove every second factor of ``user`` (a lost phone), so they set up a new one at
    their next sign-in. Returns how many authenticators were removed.

    Side effect: their other sessions end at next use, since the flag is set at sign-in.
    """
    removed, _detail = Authenticator.objects.filter(user=user).delete()
    record(Action.MFA_RESET, actor=by, target=user, removed=removed)
    return removed


FORMER_MEMBER_DOMAIN = "closed.invalid"


@transaction.atomic
def account_close(*, user: User) -> None:
    """Close ``user``'s account for good, at their request.

    What they registered for is cancelled through each app's normal path (waiting
    lists move on); their memberships, addresses, second factors, sessions and
    pending e-mails go; the row itself stays, nameless and inactive, so that what
    they wrote for a university or an organisation stays, shown as a former member.
    Every session of theirs ends: the password hash changes, and Django checks it on
    each request. Side effect: an audit entry (kept without the address).
    """
    for closer in privacy.closers():
        closer(user)
    for kind in all_kinds():
        kind.model.objects.filter(user=user).delete()
    EmailAddress.objects.filter(user=user).delete()
    Authenticator.objects.filter(user=user).delete()
    OutboxMessage.objects.filter(recipient=user).exclude(state=OutboxMessage.State.SENT).delete()
    record(Action.ACCOUNT_DELETED, target=user, label=f"account {user.pk}")
    user.email = f"former-member-{user.pk}@{FORMER_MEMBER_DOMAIN}"
    user.full_name = ""
    user.affiliation = ""
    user.is_active = False
    user.needs_digest = False
    user.set_unusable_password()
    user.save()
    user.groups.clear()


@transaction.atomic
def membership_request(
    *, kind: MembershipKind, user: User, target: Any, message: str = ""
) -> MembershipBase:
    """Ask to join ``target`` (a university or an organisation).

    A rejected request may be made again; it goes back to pending.
    Side effect: e-mails to the people who can decide it (outbox rows, same transaction).
    """
    model = kind.model
    existing = (
        model.objects.select_for_update().filter(user=user, **{model.target_field: target}).first()
    )
    if existing is not None and existing.status == MembershipStatus.APPROVED:
        raise MembershipError(_("You are already a member of %(target)s.") % {"target": target})
    if existing is not None and existing.status == MembershipStatus.PENDING:
        raise MembershipError(
            _("Your request to join %(target)s is already waiting for approval.")
            % {"target": target}
        )
    if existing is None:
        membership = model.objects.create(
            user=user, message=message, **{model.target_field: target}
        )
    else:
        membership = existing
        membership.status = MembershipStatus.PENDING
        membership.message = message
        membership.requested_at = timezone.now()
        membership.decided_at = None
        membership.decided_by = None
        membership.save()
    membership_request_enqueue(kind, membership)
    record(Action.MEMBERSHIP_REQUESTED, actor=user, target=membership, of=str(target))
    return membership


@transaction.atomic
def membership_decide(
    *,
    kind: MembershipKind,
    membership_id: int,
    decided_by: User,
    approve: bool,
    role: str | None = None,
) -> MembershipBase:
    """Approve (with a role) or reject a pending request.

    Side effect: an e-mail to the requester (an outbox row, same transaction).
    """
    membership = kind.model.objects.select_for_update().get(pk=membership_id)
    if membership.status != MembershipStatus.PENDING:
        raise MembershipError(_("This request has already been decided."))
    if approve:
        membership.status = MembershipStatus.APPROVED
        if role:
            if role not in kind.model.Role.values:
                raise MembershipError(_("Choose a valid role."))
            membership.role = role
    else:
        membership.status = MembershipStatus.REJECTED
    membership.decided_at = timezone.now()
    membership.decided_by = decided_by
    membership.save()
    membership_decision_enqueue(kind, membership)
    if approve:
        record(
            Action.MEMBERSHIP_APPROVED, actor=decided_by, target=membership, role=membership.role
        )
    else:
        record(Action.MEMBERSHIP_REFUSED, actor=decided_by, target=membership)
    return membership
