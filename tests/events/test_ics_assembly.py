"""Calendars assembled from kept VEVENT texts are the bytes icalendar writes for the
whole calendar, in every variant, cold and warm, and a text follows its event."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.cache import cache
from django.db.models import F
from django.urls import reverse
from django.utils import timezone, translation
from icalendar import Calendar

from events.ics import calendar_bytes, finished, whole_calendar
from events.models import Event, Registration
from events.services import calendar_token_for
from programme.ics import sessions_calendar, whole_sessions_calendar
from tests.factories import UserFactory
from tests.programme.timetable_world import build_conference
from universities.models import ResearchArea

pytestmark = pytest.mark.django_db

_HOURS = timedelta(hours=3)
LONG_RU = "Зелёный водород и критические минералы: региональный семинар " * 3
LONG_EN = "Escaping; commas, and back\\slashes: a line long enough to fold " * 3


def _at(zone: str, month: int, hour: int) -> datetime:
    return datetime(timezone.now().year + 1, month, 10, hour, 30, tzinfo=ZoneInfo(zone))


@pytest.fixture
def events(make_event):
    """Online with a join link, on site, hybrid, cancelled, in five zones, with Russian
    and English texts long enough to fold (in the middle of two-byte letters too)."""
    start = _at("Asia/Tashkent", 3, 10)
    return [
        make_event(LONG_EN, description_en=LONG_EN + "\nSecond line.", title_ru=LONG_RU,
                   description_ru=LONG_RU, start=start, end=start + timedelta(hours=2),
                   time_zone="Asia/Tashkent"),
        make_event("On site", format=Event.Format.ON_SITE, venue_en="Main hall, Almaty",
                   venue_ru="Главный зал, Алматы", join_url="", start=_at("Asia/Almaty", 4, 9),
                   end=_at("Asia/Almaty", 4, 17)),
        make_event("Hybrid", format=Event.Format.HYBRID, venue_en="Room 1", time_zone="UTC",
                   start=_at("UTC", 5, 8), end=_at("UTC", 5, 9)),
        make_event("Cancelled", status=Event.Status.CANCELLED, time_zone="Europe/Zurich",
                   start=_at("Europe/Zurich", 7, 14), end=_at("Europe/Zurich", 7, 15)),
        make_event("Summer", description_en="", time_zone="Asia/Bishkek",
                   start=_at("Asia/Bishkek", 8, 23), end=_at("Asia/Bishkek", 8, 23) + _HOURS),
    ]  # fmt: skip


def _whole(events, name="x", **variant):
    return finished(whole_calendar(events, name=name, **variant))


@pytest.mark.parametrize("language", ["en", "ru"])
@pytest.mark.parametrize(
    "variant",
    [{}, {"alarm_minutes": 30}, {"joinable": "all"}, {"joinable": "all", "alarm_minutes": 1440}],
)
def test_assembled_calendar_is_the_whole_calendar_cold_and_warm(events, language, variant):
    if variant.get("joinable") == "all":
        variant = {**variant, "joinable": {event.pk for event in events}}
    with translation.override(language):
        expected = _whole(events, "Календарь платформы", **variant)
        cold = calendar_bytes(events, name="Календарь платформы", **variant)
        warm = calendar_bytes(events, name="Календарь платформы", **variant)
    assert cold == expected
    assert warm == expected


def test_assembled_calendar_keeps_repeats_and_order_and_each_zone_once(events):
    chosen = [events[3], events[0], events[3], events[2]]
    calendar_bytes(events[:1], name="x")  # one text warm, the others cold
    assert calendar_bytes(chosen, name="x") == _whole(chosen)
    parsed = Calendar.from_ical(calendar_bytes(chosen, name="x"))
    assert [tz.tz_name for tz in parsed.timezones] == ["Asia/Tashkent", "Europe/Zurich"]


def test_empty_calendar_is_the_whole_calendar():
    assert calendar_bytes([], name="Nothing yet") == _whole([], "Nothing yet")


def test_assembled_lines_end_in_crlf_and_fold_at_75_octets(events):
    with translation.override("ru"):
        body = calendar_bytes(events, name="x", joinable={events[0].pk}, alarm_minutes=15)
    assert body.endswith(b"END:VCALENDAR\r\n")
    lines = body.split(b"\r\n")[:-1]
    assert b"\n" not in b"".join(lines)
    assert max(len(line) for line in lines) <= 75
    assert any(line.startswith(b" ") for line in lines)  # folded somewhere
    assert len(Calendar.from_ical(body).walk("VEVENT")) == 5


def test_a_kept_text_is_used_while_the_event_version_stays(events):
    event = events[1]
    calendar_bytes([event], name="x")
    # A write that moves neither updated_at nor sequence: the kept text is read.
    Event.objects.filter(pk=event.pk).update(title_en="Not yet seen")
    event.refresh_from_db()
    assert b"Not yet seen" not in calendar_bytes([event], name="x")


def test_a_saved_event_gets_a_new_text(events):
    event = events[1]
    calendar_bytes(events, name="x")
    event.title_en = "Moved to the big hall"
    event.save()
    assert b"Moved to the big hall" in calendar_bytes(events, name="x")
    assert calendar_bytes(events, name="x") == _whole(events)


def test_a_counted_sequence_gets_a_new_text(events):
    event = events[2]
    calendar_bytes([event], name="x")
    Event.objects.filter(pk=event.pk).update(sequence=F("sequence") + 1)
    event.refresh_from_db()
    assert b"SEQUENCE:1\r\n" in calendar_bytes([event], name="x")
    assert calendar_bytes([event], name="x") == _whole([event])


def test_texts_are_kept_per_language(events):
    event = events[0]
    with translation.override("en"):
        english = calendar_bytes([event], name="x")
    with translation.override("ru"):
        russian = calendar_bytes([event], name="x")
    assert "Зелёный".encode() not in english
    assert "Зелёный".encode() in russian.replace(b"\r\n ", b"")


def test_join_link_variant_is_kept_apart(events):
    event = events[0]
    public = calendar_bytes([event], name="x")
    private = calendar_bytes([event], name="x", joinable={event.pk})
    assert b"secret-room" not in public.replace(b"\r\n ", b"")
    assert b"secret-room" in private.replace(b"\r\n ", b"")
    assert calendar_bytes([event], name="x") == public


def test_private_feed_is_the_whole_calendar_of_the_registrations(client, events):
    user = UserFactory()
    token = calendar_token_for(user=user)
    token.alarm_minutes = 60
    token.save()
    for event, status in zip(events[:3], ["confirmed", "waitlisted", "confirmed"], strict=True):
        Registration.objects.create(user=user, event=event, mode="online", status=status)
    url = reverse("events:private_feed", args=[token.token])
    client.get(reverse("events:feed"))  # the public variants warm

    body = client.get(url).content

    by_uid = {event.uid: event for event in events}
    shown = [by_uid[str(v["uid"])] for v in Calendar.from_ical(body).walk("VEVENT")]
    assert {event.pk for event in shown} == {event.pk for event in events[:3]}
    expected = whole_calendar(
        shown, name="My events", joinable={events[0].pk, events[2].pk}, alarm_minutes=60
    )
    assert body == finished(expected)


def test_public_feed_cold_is_the_whole_calendar(client, events):
    body = client.get(reverse("events:feed")).content
    cache.clear()
    assert client.get(reverse("events:feed")).content == body
    upcoming = Event.objects.published().filter(end__gte=timezone.now()).order_by("start")
    assert body == finished(whole_calendar(upcoming, name="Platform events"))


@pytest.mark.parametrize("count", [1, 3])
def test_public_feed_runs_two_queries_cold_and_with_texts_kept(
    client, make_event, django_assert_num_queries, count
):
    for n in range(count):
        make_event(f"Webinar {n}")
    # 1 the latest change and count of events (the feed's key), 2 the events' rows
    with django_assert_num_queries(2):
        cold = client.get(reverse("events:feed")).content
    # Another address of the same events: its own feed, every text kept; the same
    # two queries, and no event made into a model instance
    with django_assert_num_queries(2):
        warm = client.get(reverse("events:feed"), {"kind": ""}).content
    assert warm == cold


def test_feed_of_a_topic_is_the_whole_calendar_of_its_events(client, events):
    area = ResearchArea.objects.first()
    for event in events[1:4]:
        event.areas.add(area, *ResearchArea.objects.all()[1:3])
    client.get(reverse("events:feed"))  # every text kept

    body = client.get(reverse("events:feed"), {"topic": area.slug}).content

    upcoming = Event.objects.filter(pk__in=[e.pk for e in events[1:4]]).order_by("start")
    assert body == finished(whole_calendar(upcoming, name="Platform events"))


def test_sessions_calendar_is_the_whole_calendar_and_follows_the_speakers(client):
    conference = build_conference(None, talks=2)
    first = conference.place(conference.talks[0], room=0, day=0, hour=10)
    conference.place(conference.talks[1], room=1, day=1, hour=11)
    conference.place(None, room=0, day=0, hour=9, title_en="Opening")

    def both():
        sessions = list(
            conference.call.sessions.select_related("room", "contribution__submitter")
            .prefetch_related("contribution__coauthor_accounts")
            .in_order()
        )
        whole = finished(whole_sessions_calendar(sessions, name="Conference"))
        return sessions_calendar(sessions, name="Conference"), whole

    for language in ("en", "ru"):
        with translation.override(language):
            cold, whole = both()
            warm, _whole_again = both()
            assert cold == warm == whole

    speaker = first.contribution.submitter
    speaker.full_name = "Renamed Speaker"
    speaker.save()
    assembled, whole = both()
    assert assembled == whole
    assert b"Renamed Speaker" in assembled
