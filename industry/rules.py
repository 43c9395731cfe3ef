"""Who may act for an organisation."""

import rules

from accounts.rules import is_coordinator

from .models import OrganisationMembership


@rules.predicate
def is_organisation_member(user, organisation) -> bool:
    return OrganisationMembership.holds(user, organisation)


@rules.predicate
def is_organisation_admin(user, organisation) -> bool:
    return OrganisationMembership.holds(
        user, organisation, roles=(OrganisationMembership.Role.ADMIN,)
    )


can_post_need = is_organisation_member
can_edit_organisation = is_coordinator | is_organisation_member
can_manage_organisation_members = is_coordinator | is_organisation_admin
can_create_organisation = is_coordinator

rules.add_perm("industry.post_need", can_post_need)
rules.add_perm("industry.edit_organisation", can_edit_organisation)
rules.add_perm("industry.manage_members", can_manage_organisation_members)
rules.add_perm("industry.create_organisation", can_create_organisation)
