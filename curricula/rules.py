"""Who may do what with programmes and the skills taxonomy."""

from typing import Any

import rules
from django.contrib.auth.models import AnonymousUser

from accounts.models import User
from accounts.rules import is_coordinator
from universities.rules import administers_a_university, is_university_admin, is_university_editor

from .models import Programme


@rules.predicate
def edits_programme_university(user: User | AnonymousUser, programme: Programme | None) -> bool:
    return programme is not None and is_university_editor(user, programme.university)


@rules.predicate
def administers_programme_university(
    user: User | AnonymousUser, programme: Programme | None
) -> bool:
    return programme is not None and is_university_admin(user, programme.university)


@rules.predicate
def is_archived_programme(user: User | AnonymousUser, programme: Programme | None) -> bool:
    return programme is not None and programme.is_archived


can_add_programme = is_coordinator | is_university_editor  # on a university
can_edit_programme = is_coordinator | edits_programme_university  # on a programme
# Archiving is the site's delete, open to those who edit the programme; bringing one
# back is for coordinators and the university's administrators.
can_archive_programme = can_edit_programme
can_restore_programme = is_coordinator | administers_programme_university
can_view_archived_programmes = is_coordinator | administers_a_university
can_manage_skills = is_coordinator
# Who changed what: those who edit the programme; an archived one's, like the archived
# programmes themselves, for those who may restore it.
can_view_programme_history = (can_edit_programme & ~is_archived_programme) | can_restore_programme
can_view_skill_history = can_manage_skills

rules.add_perm("curricula.add_programme", can_add_programme)
rules.add_perm("curricula.edit_programme", can_edit_programme)
rules.add_perm("curricula.archive_programme", can_archive_programme)
rules.add_perm("curricula.restore_programme", can_restore_programme)
rules.add_perm("curricula.view_archived_programmes", can_view_archived_programmes)
rules.add_perm("curricula.manage_skills", can_manage_skills)
rules.add_perm("curricula.view_programme_history", can_view_programme_history)
rules.add_perm("curricula.view_skill_history", can_view_skill_history)


# --- admissions, scholarships, saved programmes and searches ---------------------------


@rules.predicate
def edits_scholarship_university(user: User | AnonymousUser, scholarship: Any) -> bool:
    return scholarship is not None and is_university_editor(user, scholarship.university)


@rules.predicate
def owns_it(user: User | AnonymousUser, obj: Any) -> bool:
    """``obj`` (a saved search, an import job) belongs to ``user``."""
    return obj is not None and bool(user.is_authenticated) and obj.user_id == user.pk


# Intakes, learning outcomes and accreditations of a programme: who edits it.
rules.add_perm("curricula.edit_admissions", can_edit_programme)
# A university's scholarships (on a university), and one of them (on a scholarship).
rules.add_perm("curricula.manage_scholarships", can_add_programme)
rules.add_perm("curricula.edit_scholarship", is_coordinator | edits_scholarship_university)
# Saving programmes and searches: anyone signed in, for themselves.
rules.add_perm("curricula.save", rules.is_authenticated)
rules.add_perm("curricula.edit_saved_search", owns_it)
rules.add_perm("curricula.view_import_job", owns_it | is_coordinator)
