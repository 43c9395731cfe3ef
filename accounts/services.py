"""Membership workflow: request, approve, reject."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .memberships import MembershipKind
from .models import MembershipStatus


class MembershipError(Exception):
    """A request or decision that cannot be carried out; the message is for the user."""


@transaction.atomic
def membership_request(*, kind: MembershipKind, user, target, message: str = ""):
    """Ask to join ``target`` (a university or an organisation).

    A rejected request may be made again; it goes back to pending.
    Side effects: after commit, e-mails the people who can decide it.
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

    from .tasks import send_membership_request_notice

    transaction.on_commit(
        lambda: send_membership_request_notice.delay(kind=kind.key, membership_id=membership.pk)
    )
    return membership


@transaction.atomic
def membership_decide(
    *, kind: MembershipKind, membership_id: int, decided_by, approve: bool, role: str | None = None
):
    """Approve (with a role) or reject a pending request.

    Side effects: after commit, e-mails the requester the decision.
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

    from .tasks import send_membership_decision

    transaction.on_commit(
        lambda: send_membership_decision.delay(kind=kind.key, membership_id=membership.pk)
    )
    return membership
