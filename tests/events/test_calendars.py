"""iCalendar files and time zones."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from events import services
from events.ics import calendar_bytes
from events.models import Event, EventSeries
from universities.models import Language, ResearchArea

pytestmark = pytest.mark.django_db
TASHKENT = ZoneInfo("Asia/Tashkent")


def _vevents(response):
    assert response["Content-Type"].startswith("text/calendar")
    return list(Calendar.from_ical(response.content).walk("VEVENT"))


@pytest.fixture
def tashkent_event(make_event):
    start = datetime(timezone.now().year + 1, 3, 10, 10, 0, tzinfo=TASHKENT)
    return make_event(start=start, end=start + timedelta(hours=2), time_zone="Asia/Tashkent")


def test_event_at_ten_in_tashkent_is_five_utc_in_the_feed(client, tashkent_event):
    (vevent,) = _vevents(client.get(reverse("events:ics", args=[tashkent_event.pk])))
    start = vevent.decoded("dtstart")
    assert (start.hour, str(start.tzinfo)) == (10, "Asia/Tashkent")
    assert start.astimezone(ZoneInfo("UTC")).hour == 5
    assert b"BEGIN:VTIMEZONE" in client.get(reverse("events:ics", args=[tashkent_event.pk])).content


def test_tashkent_user_sees_ten_oclock(client, student, tashkent_event):
    student.time_zone = "Asia/Tashkent"
    student.save()
    client.force_login(student)
    page = client.get(tashkent_event.get_absolute_url()).content.decode()
    assert "10:00" in page or "10 a.m." in page
    assert "Your time:" not in page  # the same zone: shown once


def test_anonymous_visitor_sees_the_browser_zone_too(client, tashkent_event):
    client.cookies["tz"] = "UTC"
    page = client.get(tashkent_event.get_absolute_url()).content.decode()
    assert "Your time:" in page
    assert "5 a.m." in page or "05:00" in page


def test_uid_is_stable_and_sequence_grows_on_changes(client, coordinator, make_event):
    event = make_event()
    first = _vevents(client.get(reverse("events:ics", args=[event.pk])))[0]
    services.event_cancel(event=event)
    second = _vevents(client.get(reverse("events:ics", args=[event.pk])))[0]
    assert first["uid"] == second["uid"] == f"event-{event.pk}@ca-energy-platform"
    assert (first["sequence"], second["sequence"]) == (0, 1)
    assert (str(first["status"]), str(second["status"])) == ("CONFIRMED", "CANCELLED")


def test_join_link_only_in_a_confirmed_registrants_calendar(client, student, make_event):
    event = make_event()
    public = client.get(reverse("events:ics", args=[event.pk])).content
    feed = client.get(reverse("events:feed")).content
    assert b"secret-room" not in public
    assert b"secret-room" not in feed
    services.registration_create(event=event, user=student, mode="online")
    client.force_login(student)
    assert b"secret-room" in client.get(reverse("events:ics", args=[event.pk])).content


def test_join_link_on_the_page_only_for_registrants_coordinators_and_host_staff(
    client, student, coordinator, staff_editor, university, make_event
):
    event = make_event(format="hybrid", host=university, venue="Hall A")
    assert "secret-room" not in client.get(event.get_absolute_url()).content.decode()
    client.force_login(student)
    assert "secret-room" not in client.get(event.get_absolute_url()).content.decode()
    services.registration_create(event=event, user=student, mode="online")
    assert "secret-room" in client.get(event.get_absolute_url()).content.decode()
    for user in (coordinator, staff_editor):
        client.force_login(user)
        assert "secret-room" in client.get(event.get_absolute_url()).content.decode()


def test_series_feed_holds_only_that_series(client, make_event):
    series = EventSeries.objects.create(name_en="Monthly webinars", slug="monthly")
    make_event("In series", series=series)
    make_event("Elsewhere")
    titles = [
        str(v["summary"])
        for v in _vevents(client.get(reverse("events:series_feed", args=["monthly"])))
    ]
    assert titles == ["In series"]


def test_public_feed_follows_the_list_filters(client, make_event):
    make_event("Webinar one")
    make_event("Training one", kind="training")
    titles = [
        str(v["summary"])
        for v in _vevents(client.get(reverse("events:feed"), {"kind": "training"}))
    ]
    assert titles == ["Training one"]


def test_private_feed_has_registrations_links_and_alarm_and_can_be_reset(
    client, student, make_event
):
    event = make_event()
    make_event("Not mine")
    services.registration_create(event=event, user=student, mode="online")
    token = services.calendar_token_for(user=student)
    url = reverse("events:private_feed", args=[token.token])
    (vevent,) = _vevents(client.get(url))
    assert str(vevent["summary"]) == event.title_en
    assert "secret-room" in str(vevent["description"])
    (alarm,) = vevent.walk("VALARM")
    assert alarm.decoded("trigger") == timedelta(minutes=-60)
    client.force_login(student)
    client.post(reverse("events:reset_calendar"))
    assert client.get(url).status_code == 404


def test_month_calendar_places_events_on_their_day(client, make_event):
    start = timezone.now() + timedelta(days=40)
    make_event("Far away", start=start)
    month = timezone.localtime(start).strftime("%Y-%m")
    response = client.get(reverse("events:calendar"), {"month": month})
    days = {
        day.day: [e.title_en for e in events]
        for week in response.context["weeks"]
        for day, events in week
        if day.month == start.month
    }
    assert days[timezone.localtime(start).day] == ["Far away"]
    assert client.get(reverse("events:calendar"), {"month": "2027-13"}).status_code == 200


def test_cancelled_event_shows_as_cancelled(client, make_event):
    event = make_event(status=Event.Status.CANCELLED)
    assert "cancelled" in client.get(event.get_absolute_url()).content.decode()


def test_public_feed_is_cached_until_an_event_changes(
    client, make_event, django_assert_num_queries
):
    event = make_event("First title")
    assert b"First title" in client.get(reverse("events:feed")).content
    # 1 latest change and count of events: the key of the cached feed
    with django_assert_num_queries(1):
        assert b"First title" in client.get(reverse("events:feed")).content
    Event.objects.filter(pk=event.pk).update(
        title_en="New title", updated_at=timezone.now() + timedelta(seconds=1)
    )
    assert b"New title" in client.get(reverse("events:feed")).content


def test_list_filters_by_topic_without_repeating_an_event(client, make_event):
    event = make_event("Hydrogen")
    event.areas.set(ResearchArea.objects.all()[:2])
    event.languages.set(Language.objects.all()[:2])
    make_event("Other")
    area = event.areas.first()
    response = client.get(
        reverse("events:list"), {"topic": area.slug, "language": event.languages.first().code}
    )
    assert [e.title_en for e in response.context["upcoming"]] == ["Hydrogen"]


def test_a_calendar_of_several_zones_carries_each_zone_once_as_the_library_builds_it(
    make_event, tashkent_event
):
    start = datetime(timezone.now().year + 1, 4, 1, 9, 0, tzinfo=ZoneInfo("Asia/Almaty"))
    almaty = make_event(start=start, end=start + timedelta(hours=1), time_zone="Asia/Almaty")
    ours = Calendar.from_ical(calendar_bytes([tashkent_event, almaty, tashkent_event], name="x"))

    reference = Calendar.from_ical(calendar_bytes([tashkent_event, almaty], name="x"))
    reference.subcomponents = [c for c in reference.subcomponents if c.name != "VTIMEZONE"]
    reference.add_missing_timezones()

    assert sorted(tz.tz_name for tz in ours.timezones) == ["Asia/Almaty", "Asia/Tashkent"]
    assert {tz.tz_name: tz.to_ical() for tz in ours.timezones} == {
        tz.tz_name: tz.to_ical() for tz in reference.timezones
    }
