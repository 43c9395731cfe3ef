"""Every list page of events runs a fixed number of queries, whatever it lists."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from events import services
from events.models import AgendaItem, CalendarToken, EventSeries, HostingRecord, RotationMember
from tests.factories import UniversityFactory, UserFactory

pytestmark = pytest.mark.django_db
SIZES = [2, 12]


@pytest.fixture
def listed(make_event, student):
    """``count`` upcoming and ``count`` past events of one series, each with the
    student registered, and ``count`` universities in the rotation that hosted."""

    def make(count):
        series = EventSeries.objects.create(name_en="Monthly webinars", slug="monthly")
        now = timezone.now()
        upcoming = [
            make_event(f"Upcoming {i}", series=series, start=now + timedelta(days=i + 1))
            for i in range(count)
        ]
        for event in upcoming:
            services.registration_create(event=event, user=student, mode="online")
        past = [
            make_event(f"Past {i}", series=series, start=now - timedelta(days=i + 1))
            for i in range(count)
        ]
        for position, event in enumerate(upcoming, start=1):
            university = UniversityFactory()
            RotationMember.objects.create(university=university, position=position)
            HostingRecord.objects.create(
                cycle=1, university=university, outcome="hosted", event=event
            )
        return upcoming + past

    return make


@pytest.mark.parametrize("count", SIZES)
def test_events_list_runs_fixed_queries(client, listed, django_assert_num_queries, count):
    listed(count)
    # 1 demo-data banner, 3 filter choices (topics, languages, series),
    # 2 upcoming events and their languages, 2 past events and their languages
    with django_assert_num_queries(8):
        response = client.get(reverse("events:list"))
    assert len(response.context["upcoming"]) == count


@pytest.mark.parametrize("count", SIZES)
def test_month_calendar_runs_fixed_queries(client, listed, django_assert_num_queries, count):
    events = listed(count)
    month = timezone.localtime(events[0].start).strftime("%Y-%m")
    # 1 the month's events, 1 their languages, 1 demo-data banner
    with django_assert_num_queries(3):
        client.get(reverse("events:calendar"), {"month": month})


@pytest.mark.parametrize("count", SIZES)
def test_public_feed_runs_fixed_queries(client, listed, django_assert_num_queries, count):
    listed(count)
    # 1 latest change and count of events (the cache key), 1 the upcoming events' rows
    with django_assert_num_queries(2):
        response = client.get(reverse("events:feed"))
    assert response.content.count(b"BEGIN:VEVENT") == count


@pytest.mark.parametrize("count", SIZES)
def test_series_feed_runs_fixed_queries(client, listed, django_assert_num_queries, count):
    listed(count)
    # 1 series, 1 latest change and count of events (the cache key), 1 the series' events
    with django_assert_num_queries(3):
        response = client.get(reverse("events:series_feed", args=["monthly"]))
    assert response.content.count(b"BEGIN:VEVENT") == 2 * count


@pytest.mark.parametrize("count", SIZES)
def test_private_feed_runs_fixed_queries(client, listed, student, django_assert_num_queries, count):
    listed(count)
    token = services.calendar_token_for(user=student)
    # 1 token and its owner, 1 the owner's registrations with their events
    with django_assert_num_queries(2):
        response = client.get(reverse("events:private_feed", args=[token.token]))
    assert response.content.count(b"BEGIN:VEVENT") == count


@pytest.mark.parametrize("count", SIZES)
def test_my_events_runs_fixed_queries(client, listed, student, django_assert_num_queries, count):
    listed(count)
    services.calendar_token_for(user=student)
    client.force_login(student)
    # 1 user with the menu's roles (whether they are a coordinator and their
    # memberships, one round trip), 1 calendar token, 1 demo-data banner,
    # 1 registrations with their events, 1 their certificates
    with django_assert_num_queries(5):
        response = client.get(reverse("events:mine"))
    assert len(response.context["registrations"]) == count


def test_my_events_makes_the_calendar_token_on_the_first_visit(
    client, student, django_assert_num_queries
):
    client.force_login(student)
    # the 4 of every visit (no registration: no certificates to look for), and, after
    # the calendar token's read, the token's savepoint, insert and release
    with django_assert_num_queries(7):
        client.get(reverse("events:mine"))
    assert CalendarToken.objects.filter(user=student).count() == 1


@pytest.mark.parametrize("count", SIZES)
def test_manage_list_runs_fixed_queries(
    client, listed, coordinator, django_assert_num_queries, count
):
    events = listed(count)
    for event in events[count:]:  # the past ones
        services.event_archive(event=event)
    client.force_login(coordinator)
    # 1 user with whether they are a coordinator and their memberships (one round
    # trip), 1 demo-data banner,
    # 1 events with their registration counts, 1 archived events with theirs
    with django_assert_num_queries(4):
        response = client.get(reverse("events:manage"))
    assert (len(response.context["events"]), len(response.context["archived"])) == (count, count)


@pytest.mark.parametrize("count", SIZES)
def test_rotation_runs_fixed_queries(client, listed, django_assert_num_queries, count):
    listed(count)
    # 3 current cycle (members, latest cycle, records in it), 1 demo-data banner,
    # 1 members with their universities, 1 history with universities and events
    with django_assert_num_queries(6):
        response = client.get(reverse("events:rotation"))
    assert len(response.context["members"]) == count


@pytest.mark.parametrize("count", SIZES)
def test_rotation_for_a_coordinator_runs_fixed_queries(
    client, listed, coordinator, django_assert_num_queries, count
):
    listed(count)
    client.force_login(coordinator)
    # 1 user with whether they are a coordinator and their memberships (one round
    # trip), the 6 of the public page, with 1 universities that can join (the add form) read
    # between its members and its history
    with django_assert_num_queries(8):
        response = client.get(reverse("events:rotation"))
    assert len(response.context["history"]) == count


@pytest.mark.parametrize("count", SIZES)
def test_event_page_runs_fixed_queries(client, make_event, django_assert_num_queries, count):
    event = make_event("Limited", capacity_online=50)
    for i in range(count):
        AgendaItem.objects.create(event=event, starts_at=event.start, title=f"Talk {i}")
        services.registration_create(event=event, user=UserFactory(), mode="online")
    # 1 event with host and series, 1 languages, 1 areas, 1 agenda,
    # 2 places remaining (confirmed places, open offers), 1 demo-data banner
    with django_assert_num_queries(7):
        response = client.get(event.get_absolute_url())
    assert response.context["remaining_online"] == 50 - count
