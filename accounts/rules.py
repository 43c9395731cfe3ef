"""Permission rules shared by every app: who is a coordinator, who decides memberships."""

import rules

from .memberships import kind_of


@rules.predicate
def is_coordinator(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_coordinator)


@rules.predicate
def is_admin_of_membership_target(user, membership) -> bool:
    if membership is None:
        return False
    model = kind_of(membership).model
    return model.holds(user, membership.target, roles=(model.ADMIN_ROLE,))


can_decide_membership = is_coordinator | is_admin_of_membership_target

rules.add_perm("accounts.decide_membership", can_decide_membership)
rules.add_perm("accounts.reset_mfa", is_coordinator)
rules.add_perm("accounts.view_audit_log", is_coordinator)
