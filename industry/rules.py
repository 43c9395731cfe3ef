"""Who may act for an organisation, on its needs and on the responses to them."""

import rules

from accounts.rules import is_coordinator
from universities.models import UniversityMembership
from universities.rules import is_university_editor

from .models import OrganisationMembership


@rules.predicate
def is_organisation_member(user, organisation) -> bool:
    return OrganisationMembership.holds(user, organisation)


@rules.predicate
def is_organisation_admin(user, organisation) -> bool:
    return OrganisationMembership.holds(
        user, organisation, roles=(OrganisationMembership.Role.ADMIN,)
    )


@rules.predicate
def is_active_organisation(user, organisation) -> bool:
    """Not archived (an archived organisation posts no need until it is restored)."""
    return organisation is not None and not organisation.is_archived


@rules.predicate
def is_university_staff(user) -> bool:
    """Approved editor or admin of at least one university."""
    return UniversityMembership.edits_any(user)


@rules.predicate
def belongs_to_need_organisation(user, need) -> bool:
    return need is not None and OrganisationMembership.holds(user, need.organisation)


@rules.predicate
def belongs_to_response_organisation(user, response) -> bool:
    return response is not None and OrganisationMembership.holds(user, response.need.organisation)


@rules.predicate
def belongs_to_response_university(user, response) -> bool:
    return response is not None and is_university_editor(user, response.university)


@rules.predicate
def is_any_organisation_member(user) -> bool:
    return bool(OrganisationMembership.held_by(user))


can_post_need = is_organisation_member & is_active_organisation
can_edit_organisation = is_coordinator | is_organisation_member
can_manage_organisation_members = is_coordinator | is_organisation_admin
can_create_organisation = is_coordinator
# Archiving hides an organisation and its needs; the same people restore it.
can_archive_organisation = is_coordinator | is_organisation_admin
can_see_archived_organisation = is_coordinator | is_organisation_member
can_edit_need = is_coordinator | belongs_to_need_organisation
can_respond_to_needs = is_university_staff
can_see_need_contact = is_coordinator | is_university_staff | belongs_to_need_organisation
can_view_response = (
    is_coordinator | belongs_to_response_organisation | belongs_to_response_university
)
can_decide_response = is_coordinator | belongs_to_response_organisation
can_moderate = is_coordinator
can_view_inbox = is_coordinator | is_university_staff | is_any_organisation_member
# Who changed what: those who may edit the organisation, or the need.
can_view_organisation_history = can_edit_organisation
can_view_need_history = can_edit_need

rules.add_perm("industry.post_need", can_post_need)
rules.add_perm("industry.edit_organisation", can_edit_organisation)
rules.add_perm("industry.manage_members", can_manage_organisation_members)
rules.add_perm("industry.create_organisation", can_create_organisation)
rules.add_perm("industry.archive_organisation", can_archive_organisation)
rules.add_perm("industry.see_archived", can_see_archived_organisation)
rules.add_perm("industry.edit_need", can_edit_need)
rules.add_perm("industry.respond_to_needs", can_respond_to_needs)
rules.add_perm("industry.see_need_contact", can_see_need_contact)
rules.add_perm("industry.view_response", can_view_response)
rules.add_perm("industry.decide_response", can_decide_response)
rules.add_perm("industry.moderate", can_moderate)
rules.add_perm("industry.view_inbox", can_view_inbox)
rules.add_perm("industry.view_organisation_history", can_view_organisation_history)
rules.add_perm("industry.view_need_history", can_view_need_history)
