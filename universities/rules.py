"""Who may do what with a university. Views, templates and tests ask these rules."""

import rules
from django.contrib.auth.models import AnonymousUser

from accounts.models import User
from accounts.rules import is_coordinator

from .models import University, UniversityMembership

# Kept for the apps that still import it; new code asks UniversityMembership.objects.editing().
EDITING_ROLES = UniversityMembership.EDITING_ROLES


@rules.predicate
def is_university_editor(user: User | AnonymousUser, university: University | None) -> bool:
    """Approved staff of this university, as editor or admin."""
    return UniversityMembership.holds(user, university, roles=UniversityMembership.EDITING_ROLES)


@rules.predicate
def is_university_admin(user: User | AnonymousUser, university: University | None) -> bool:
    return UniversityMembership.holds(user, university, roles=(UniversityMembership.Role.ADMIN,))


@rules.predicate
def administers_a_university(user: User | AnonymousUser) -> bool:
    """An approved administrator of at least one university."""
    return UniversityMembership.Role.ADMIN in UniversityMembership.held_by(user).values()


can_edit_university = is_coordinator | is_university_editor
can_manage_university_members = is_coordinator | is_university_admin
can_create_university = is_coordinator
can_verify_university = is_coordinator
can_view_university_history = is_coordinator | is_university_admin
can_manage_research_areas = is_coordinator
# Archiving hides a university everywhere; its administrators and coordinators decide
# it, and may bring it back from the archived universities' page.
can_archive_university = is_coordinator | is_university_admin
can_restore_university = is_coordinator | is_university_admin
can_view_archived = is_coordinator | administers_a_university

rules.add_perm("universities.edit_university", can_edit_university)
rules.add_perm("universities.manage_members", can_manage_university_members)
rules.add_perm("universities.create_university", can_create_university)
rules.add_perm("universities.verify_university", can_verify_university)
rules.add_perm("universities.view_history", can_view_university_history)
rules.add_perm("universities.manage_research_areas", can_manage_research_areas)
rules.add_perm("universities.archive_university", can_archive_university)
rules.add_perm("universities.restore_university", can_restore_university)
rules.add_perm("universities.view_archived", can_view_archived)
