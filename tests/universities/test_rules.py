"""The archive rules of universities, for every role of the fixed cast."""

import pytest
from django.contrib.auth.models import AnonymousUser

from tests.factories import UniversityMembershipFactory
from universities.models import UniversityMembership

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "student", "partner", "other_staff", "staff_editor", "staff_admin",
         "coordinator"]  # fmt: skip
# rule -> (on the university or on nothing, roles that hold it)
EXPECTED = {
    "universities.archive_university": (True, {"staff_admin", "coordinator"}),
    "universities.restore_university": (True, {"staff_admin", "coordinator"}),
    "universities.view_archived": (False, {"staff_admin", "coordinator"}),
}


@pytest.mark.parametrize("rule", sorted(EXPECTED))
@pytest.mark.parametrize("role", ROLES)
def test_rule_for_role(request, university, rule, role):
    on_university, allowed = EXPECTED[rule]
    user = AnonymousUser() if role == "anonymous" else request.getfixturevalue(role)
    assert user.has_perm(rule, university if on_university else None) is (role in allowed)


def test_an_admin_of_another_university_may_not_archive_this_one(university, other_university):
    admin = UniversityMembershipFactory(
        university=other_university, role=UniversityMembership.Role.ADMIN
    ).user
    assert admin.has_perm("universities.archive_university", university) is False
    assert admin.has_perm("universities.view_archived") is True
