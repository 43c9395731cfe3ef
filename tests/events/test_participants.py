"""The participant list (coordinators and host staff only) and a person's own data."""

import csv
import io

import pytest
from django.urls import reverse

from accounts import privacy
from accounts.services import account_close
from core.models import AuditEntry
from events import services
from events.models import CalendarToken, Registration
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def hosted(make_event, university):
    return make_event(
        "Regional conference", format="on_site", host=university, venue="Main hall",
        capacity_on_site=1,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 302),
        ("student", 403),
        ("other_staff", 403),
        ("partner", 403),
        ("staff_editor", 200),
        ("coordinator", 200),
    ],
)
def test_only_coordinators_and_the_hosts_staff_see_the_participants(login, hosted, role, status):
    client = login(role)

    for name in ("events:participants", "events:participants_csv"):
        assert client.get(reverse(name, args=[hosted.pk])).status_code == status


def test_a_registrant_does_not_see_the_others(client, hosted, student):
    services.registration_create(event=hosted, user=student, mode="on_site")
    client.force_login(student)

    assert client.get(reverse("events:participants", args=[hosted.pk])).status_code == 403


def test_the_list_shows_confirmed_and_waiting_and_the_csv_is_recorded(client, hosted, coordinator):
    first, second = UserFactory(full_name="Aigerim"), UserFactory(full_name="Bakhtiyor")
    services.registration_create(event=hosted, user=first, mode="on_site")
    services.registration_create(event=hosted, user=second, mode="on_site")
    client.force_login(coordinator)

    page = client.get(reverse("events:participants", args=[hosted.pk]))
    export = client.get(reverse("events:participants_csv", args=[hosted.pk]))

    assert [r.user for r in page.context["confirmed"]] == [first]
    assert [r.user for r in page.context["waiting"]] == [second]
    rows = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig"))))
    assert [(r[0], r[4]) for r in rows[1:]] == [
        ("Aigerim", "Confirmed"),
        ("Bakhtiyor", "Waitlisted"),
    ]
    assert AuditEntry.objects.filter(action="data_exported", actor=coordinator).count() == 1


@pytest.mark.parametrize("count", [1, 10])
def test_participant_list_queries(client, hosted, coordinator, count, django_assert_num_queries):
    for user in UserFactory.create_batch(count):
        Registration.objects.create(event=hosted, user=user, mode="on_site", status="confirmed")
    client.force_login(coordinator)

    # the user with whether they are a coordinator and their memberships (one round
    # trip), the event, the registrations with their users, the demo-data notice.
    with django_assert_num_queries(4):
        response = client.get(reverse("events:participants", args=[hosted.pk]))

    assert len(response.context["confirmed"]) == count


def test_a_persons_registrations_are_in_their_data(hosted, student):
    services.registration_create(event=hosted, user=student, mode="on_site")

    (entry,) = privacy.personal_data(student)["event_registrations"]

    assert (entry["event"], entry["attendance"], entry["status"]) == (
        "Regional conference",
        "on_site",
        "confirmed",
    )


def test_closing_an_account_gives_its_place_to_the_waiting_list(hosted, student):
    waiting = UserFactory()
    services.registration_create(event=hosted, user=student, mode="on_site")
    services.registration_create(event=hosted, user=waiting, mode="on_site")
    services.calendar_token_for(user=student)

    account_close(user=student)

    statuses = dict(Registration.objects.values_list("user_id", "status"))
    assert statuses == {student.pk: "cancelled", waiting.pk: "confirmed"}
    assert not CalendarToken.objects.filter(user=student).exists()
