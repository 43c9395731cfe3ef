"""The archive rules of programmes, for every role of the fixed cast."""

import pytest
from django.contrib.auth.models import AnonymousUser

from curricula.models import Programme

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "student", "partner", "other_staff", "staff_editor", "staff_admin",
         "coordinator"]  # fmt: skip
# rule -> (on the programme or on nothing, roles that hold it)
EXPECTED = {
    "curricula.archive_programme": (True, {"staff_editor", "staff_admin", "coordinator"}),
    "curricula.restore_programme": (True, {"staff_admin", "coordinator"}),
    "curricula.view_archived_programmes": (False, {"staff_admin", "coordinator"}),
}


@pytest.mark.parametrize("rule", sorted(EXPECTED))
@pytest.mark.parametrize("role", ROLES)
def test_rule_for_role(request, university, rule, role):
    programme = Programme.objects.create(
        university=university, title_en="Grids", slug="grids", degree="master", ects=120
    )
    on_programme, allowed = EXPECTED[rule]
    user = AnonymousUser() if role == "anonymous" else request.getfixturevalue(role)
    assert user.has_perm(rule, programme if on_programme else None) is (role in allowed)
