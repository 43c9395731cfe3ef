"""Who sees an event: anyone a published or cancelled one, a draft only its schedulers
and its host's staff."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

pytestmark = pytest.mark.django_db
ROLES = ["anonymous", "student", "partner", "staff_editor", "other_staff", "coordinator"]


def _user(request, role):
    return AnonymousUser() if role == "anonymous" else request.getfixturevalue(role)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("status", ["published", "cancelled"])
def test_everyone_sees_a_public_event(request, role, status, make_event):
    assert _user(request, role).has_perm("events.view_event", make_event(status=status)) is True


@pytest.mark.parametrize("role", ROLES)
def test_a_draft_is_seen_by_coordinators_and_the_hosts_staff(request, role, make_event, university):
    draft = make_event(status="draft", format="on_site", host=university, venue="Hall A")
    allowed = role in {"staff_editor", "coordinator"}
    assert _user(request, role).has_perm("events.view_event", draft) is allowed


@pytest.mark.parametrize("role", ROLES)
def test_a_drafts_page_and_calendar_file_are_not_found_for_others(
    login, role, make_event, university
):
    draft = make_event(status="draft", format="on_site", host=university, venue="Hall A")
    client = login(role)
    expected = 200 if role in {"staff_editor", "coordinator"} else 404
    assert client.get(draft.get_absolute_url()).status_code == expected
    assert client.get(reverse("events:ics", args=[draft.pk])).status_code == expected
