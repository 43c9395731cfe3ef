"""Every named permission rule, for every role of the fixed cast."""

import pytest
from django.contrib.auth.models import AnonymousUser

from industry.models import OrganisationMembership
from tests.factories import OrganisationMembershipFactory
from universities.models import UniversityMembership

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "student",
    "staff_editor",
    "staff_admin",
    "other_staff",
    "partner",
    "coordinator",
]

# rule -> (object fixture or None, roles that hold it)
EXPECTED = {
    "universities.edit_university": ("university", {"staff_editor", "staff_admin", "coordinator"}),
    "universities.manage_members": ("university", {"staff_admin", "coordinator"}),
    "universities.create_university": (None, {"coordinator"}),
    "universities.verify_university": (None, {"coordinator"}),
    "industry.post_need": ("organisation", {"partner"}),
    "industry.edit_organisation": ("organisation", {"partner", "coordinator"}),
    "industry.manage_members": ("organisation", {"coordinator"}),
    "industry.create_organisation": (None, {"coordinator"}),
    "events.schedule_events": (None, {"coordinator"}),
}


def _user(request, role):
    if role == "anonymous":
        return AnonymousUser()
    return request.getfixturevalue(role)


@pytest.mark.parametrize("rule", sorted(EXPECTED))
@pytest.mark.parametrize("role", ROLES)
def test_rule_for_role(request, rule, role):
    target_fixture, allowed = EXPECTED[rule]
    user = _user(request, role)
    target = request.getfixturevalue(target_fixture) if target_fixture else None
    assert user.has_perm(rule, target) is (role in allowed)


def test_pending_membership_grants_nothing(university, student):
    UniversityMembership.objects.create(
        user=student, university=university, role=UniversityMembership.Role.ADMIN
    )
    assert not student.has_perm("universities.edit_university", university)
    assert not student.has_perm("universities.manage_members", university)


def test_inactive_coordinator_has_no_rights(coordinator):
    coordinator.is_active = False
    coordinator.save()
    assert not coordinator.has_perm("events.schedule_events")


def test_partner_admin_manages_members(organisation):
    admin = OrganisationMembershipFactory(
        organisation=organisation, role=OrganisationMembership.Role.ADMIN
    ).user
    assert admin.has_perm("industry.manage_members", organisation)
