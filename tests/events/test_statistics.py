"""Participation statistics: registered and attended by country, gender, sector, role
and mode; the year's figures; exports; who may see what."""

import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from events.models import Event, EventSeries, Registration
from events.statistics import participation
from tests.factories import CoordinatorFactory, UserFactory

pytestmark = pytest.mark.django_db


def _register(event, mode="online", attended=False, **profile):
    user = UserFactory(**profile)
    now = timezone.now()
    return Registration.objects.create(
        event=event, user=user, mode=mode, status="confirmed",
        joined_at=now if attended and mode == "online" else None,
        checked_in_at=now if attended and mode == "on_site" else None,
    )  # fmt: skip


@pytest.fixture
def training(make_event):
    series = EventSeries.objects.create(name_en="Low-carbon trainings", slug="low-carbon")
    event = make_event(
        "Low Carbon Development and New Energy Vehicles", format="hybrid", venue="Hall",
        capacity_on_site=50, series=series, start=timezone.now() - timedelta(days=2),
    )  # fmt: skip
    _register(event, "on_site", True, country="KZ", gender="female", sector="academia")
    _register(event, "on_site", False, country="KZ", gender="male", sector="industry")
    _register(event, "online", True, country="CN", gender="female", sector="government",
              participant_role="government")  # fmt: skip
    _register(event, "online", True, country="UZ", gender="unsaid", sector="academia")
    Registration.objects.create(
        event=event, user=UserFactory(gender="female"), mode="online", status="waitlisted"
    )
    return event


def test_figures_of_an_event(training):
    figures = participation(Event.objects.filter(pk=training.pk))

    assert (figures.events, figures.registered, figures.attended, figures.countries) == (1, 4, 3, 3)
    assert figures.women == 2
    assert round(figures.women_share) == 67  # 2 of the 3 who said their gender
    by = {b.key: [(line.label, line.registered, line.attended) for line in b.lines]
          for b in figures.breakdowns}  # fmt: skip
    assert by["country"] == [("Kazakhstan", 2, 1), ("China", 1, 1), ("Uzbekistan", 1, 1)]
    assert by["mode"] == [("On site", 2, 1), ("Online", 2, 2)]
    assert by["gender"] == [("Woman", 2, 2), ("Man", 1, 0), ("Prefer not to say", 1, 1)]
    assert by["role"] == [("Student", 3, 2), ("Government", 1, 1)]


def test_the_event_page_and_exports_are_for_coordinators_and_the_host(client, training):
    page = reverse("events:statistics", args=[training.pk])
    assert client.get(page).status_code == 302  # to the sign-in page
    client.force_login(UserFactory())
    assert client.get(page).status_code == 403
    client.force_login(CoordinatorFactory())

    html = client.get(page).content.decode()
    exported = client.get(reverse("events:statistics_csv", args=[training.pk]))
    workbook = client.get(reverse("events:statistics_xlsx", args=[training.pk]))

    assert "Kazakhstan" in html
    rows = list(csv.reader(io.StringIO(exported.content.decode())))
    assert rows[:2] == [["Breakdown", "Value", "Registered", "Attended"], ["Total", "", "4", "3"]]
    assert ["Country", "Kazakhstan", "2", "1"] in rows
    sheet = load_workbook(io.BytesIO(workbook.content)).active
    assert [cell.value for cell in sheet[2]] == ["Total", None, 4, 3]
    pdf = reverse("events:series_statistics_export", args=["low-carbon", "pdf"])
    assert client.get(pdf).status_code == 404


def test_the_series_figures_gather_its_events(client, training, make_event):
    other = make_event("Second training", series=training.series)
    _register(other, "online", True, country="KG", gender="female")
    client.force_login(CoordinatorFactory())

    response = client.get(reverse("events:series_statistics", args=["low-carbon"]))

    figures = response.context["figures"]
    assert (figures.events, figures.registered, figures.countries) == (2, 5, 4)


def test_the_year_shows_everyone_the_totals_and_coordinators_the_breakdowns(client, training):
    year = timezone.localdate().year
    path = reverse("events:year_statistics", args=[year])

    public = client.get(path)
    assert public.status_code == 200
    assert (public.context["figures"].registered, public.context["figures"].breakdowns) == (4, [])
    assert 'id="by-country"' not in public.content.decode()
    client.force_login(CoordinatorFactory())
    detailed = client.get(path)
    assert 'id="by-country"' in detailed.content.decode()
    assert client.get(reverse("events:year_statistics", args=[1500])).status_code == 404


@pytest.mark.parametrize("count", [2, 12])
def test_event_statistics_run_a_fixed_number_of_queries(
    client, make_event, django_assert_num_queries, count
):
    event = make_event()
    for index in range(count):
        _register(event, "online", index % 2 == 0, country=["KZ", "UZ", "TJ"][index % 3])
    client.force_login(CoordinatorFactory())
    client.get(reverse("events:statistics", args=[event.pk]))  # the demo flag, cached
    # 1. the user with whether they are a coordinator and their memberships (one round
    # trip); 2. the event
    # 3. the totals; 4. the events counted; 5.–9. one breakdown per dimension
    with django_assert_num_queries(9):
        response = client.get(reverse("events:statistics", args=[event.pk]))
    assert response.context["figures"].registered == count
