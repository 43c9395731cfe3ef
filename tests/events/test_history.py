"""The change history of events: who changed which field, from what to what, and who
may read it."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from events import services

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "student", "partner", "other_staff", "staff_editor", "coordinator"]
READERS = {"staff_editor", "coordinator"}  # the host's staff, and coordinators


@pytest.fixture
def event(make_event, university):
    return make_event(format="on_site", host=university, venue="Hall A", join_url="")


def _user(request, role):
    return AnonymousUser() if role == "anonymous" else request.getfixturevalue(role)


def _history(event):
    return reverse("events:history", args=[event.pk])


@pytest.mark.parametrize("role", ROLES)
def test_history_rule_for_role(request, role, event):
    assert _user(request, role).has_perm("events.view_event_history", event) is (role in READERS)


@pytest.mark.parametrize("role", ROLES)
def test_an_archived_events_history_is_for_coordinators_only(request, role, make_event, university):
    event = make_event(format="on_site", host=university, venue="Hall A", status="cancelled")
    services.event_archive(event=event)
    assert _user(request, role).has_perm("events.view_event_history", event) is (
        role == "coordinator"
    )


@pytest.mark.parametrize("role", ROLES)
def test_the_history_page_is_open_only_to_its_readers(login, role, event):
    response = login(role).get(_history(event))
    if role == "anonymous":
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))
    else:
        assert response.status_code == (200 if role in READERS else 403)


def test_a_logistics_edit_records_who_changed_which_field_from_what_to_what(
    client, staff_editor, coordinator, event
):
    client.force_login(staff_editor)
    response = client.post(
        reverse("events:logistics", args=[event.pk]),
        {"venue_en": "Hall B", "capacity_on_site": "80"},
    )
    assert response.status_code == 302
    client.force_login(coordinator)
    changes = client.get(_history(event)).context["changes"]
    assert [(c.action, c.who) for c in changes] == [("changed", staff_editor), ("created", None)]
    assert changes[0].fields == [
        ("venue (English)", "Hall A", "Hall B"),
        ("places on site", "—", "80"),
    ]


def test_publishing_through_the_site_records_who_published(client, coordinator, make_event):
    event = make_event(status="draft")
    client.force_login(coordinator)
    client.post(reverse("events:publish", args=[event.pk]))
    latest = client.get(_history(event)).context["changes"][0]
    # The calendar sequence the publication raised is no one's change: not recorded.
    assert (latest.who, latest.fields) == (coordinator, [("status", "Draft", "Published")])


def test_the_event_page_links_to_the_history_for_its_readers_only(
    client, staff_editor, other_staff, event
):
    client.force_login(staff_editor)
    assert _history(event) in client.get(event.get_absolute_url()).content.decode()
    client.force_login(other_staff)
    assert _history(event) not in client.get(event.get_absolute_url()).content.decode()


@pytest.mark.parametrize("edits", [1, 30])
def test_history_runs_fixed_queries(client, staff_editor, event, django_assert_num_queries, edits):
    client.force_login(staff_editor)
    for n in range(edits):
        client.post(reverse("events:logistics", args=[event.pk]), {"venue_en": f"Hall {n}"})
    # 1 the user with whether they are a coordinator and their memberships (one round
    # trip: whether they are the host's staff, and the navbar's inbox link), 2 the event
    # with its host, 3 how many records, 4 the page's records with their authors, hosts
    # and series, 5 whether demo data is loaded.
    with django_assert_num_queries(5):
        response = client.get(_history(event))
    assert len(response.context["changes"]) == min(edits + 1, 25)
