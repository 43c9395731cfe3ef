"""The writes of events, called with models and plain values as the views call them."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from core.rows import Row
from events import services
from events.models import AgendaItem, CalendarToken, Event, EventSeries, RotationMember
from events.rotation import next_position
from tests.factories import UniversityFactory

pytestmark = pytest.mark.django_db


def _values(event, **changes):
    values = {"title_en": event.title_en, "start": event.start, "end": event.end}
    return {**values, **changes}


def test_event_save_creates_an_event_with_its_agenda_and_relations(student):
    start = timezone.now() + timedelta(days=5)
    event = services.event_save(
        event=Event(),
        values={
            "title_en": "Grid webinar", "kind": "webinar", "format": "online",
            "time_zone": "Asia/Almaty", "start": start, "end": start + timedelta(hours=1),
            "languages": [], "areas": [], "skills": [],
        },
        agenda=[Row(pk=None, values={"starts_at": start, "title_en": "Opening",
                                     "speaker_accounts": [student]})],
    )  # fmt: skip
    assert (event.title_en, event.sequence, event.status) == ("Grid webinar", 0, "draft")
    (item,) = event.agenda.all()
    assert (item.title, list(item.speaker_accounts.all())) == ("Opening", [student])
    assert event.registrations.get().is_speaker is True


def test_saving_an_unchanged_event_keeps_its_sequence(make_event):
    event = make_event()
    services.event_save(event=event, values=_values(event), agenda=[])
    event.refresh_from_db()
    assert event.sequence == 0


def test_a_changed_title_or_agenda_raises_the_sequence_by_one(make_event):
    event = make_event()
    services.event_save(event=event, values=_values(event, title_en="New title"), agenda=[])
    assert event.sequence == 1
    row = Row(pk=None, values={"starts_at": event.start, "title_en": "Keynote"})
    services.event_save(event=event, values=_values(event), agenda=[row])
    assert Event.objects.get(pk=event.pk).sequence == 2


def test_the_sequence_is_counted_in_the_database_not_from_a_stale_copy(make_event):
    event = make_event()
    stale = Event.objects.get(pk=event.pk)  # loaded by a page before two other changes
    services.event_publish(event=event)
    services.event_logistics_save(event=event, values={"venue_en": "Hall A"})
    services.event_save(event=stale, values=_values(stale, title_en="Renamed"), agenda=[])
    assert (stale.sequence, Event.objects.get(pk=event.pk).sequence) == (3, 3)


def test_logistics_save_keeps_the_host_details_and_raises_the_sequence(make_event, university):
    event = make_event(format="on_site", host=university, venue="Hall A")
    services.event_logistics_save(
        event=event, values={"venue_en": "Hall B", "capacity_on_site": 80, "summary_en": "Notes"}
    )
    event.refresh_from_db()
    assert (event.venue, event.capacity_on_site, event.summary, event.sequence) == (
        "Hall B", 80, "Notes", 1,
    )  # fmt: skip


def test_an_agenda_row_of_another_event_is_refused(make_event):
    event, other = make_event(), make_event("Other")
    item = AgendaItem.objects.create(event=other, starts_at=other.start, title="Not yours")
    with pytest.raises(ValueError, match="is not"):
        services.event_save(
            event=event, values=_values(event), agenda=[Row(pk=item.pk, delete=True)]
        )
    assert AgendaItem.objects.filter(pk=item.pk).exists()


def test_series_generate_creates_drafts_of_the_given_length():
    series = EventSeries.objects.create(name_en="Webinars", slug="webinars")
    zone = ZoneInfo("Asia/Almaty")
    starts = [datetime(2030, month, 1, 10, tzinfo=zone) for month in (1, 2)]
    events = services.series_generate(
        series=series, titles={"title_en": "Webinar", "title_ru": "Вебинар"}, starts=starts,
        minutes=90,
        time_zone="Asia/Almaty", join_url="https://meet.example.org/w",
    )  # fmt: skip
    assert [(e.start, e.end - e.start, e.status, e.series) for e in events] == [
        (start, timedelta(minutes=90), "draft", series) for start in starts
    ]


def test_series_create_gives_each_series_its_own_slug():
    values = {"name_en": "Energy webinars", "organiser": "UNECE", "time_zone": "Asia/Almaty"}
    first = services.series_create(values=values)
    second = services.series_create(values=values)
    assert (first.slug, second.slug) == ("energy-webinars", "energy-webinars-2")


def test_calendar_token_is_made_once_and_reset_on_demand(student):
    token = services.calendar_token_for(user=student)
    assert services.calendar_token_for(user=student) == token
    old = token.token
    reset = services.calendar_token_reset(user=student)
    assert reset.pk == token.pk
    assert reset.token != old
    assert CalendarToken.objects.get(user=student).token == reset.token


def test_calendar_alarm_is_saved(student):
    token = services.calendar_token_for(user=student)
    services.calendar_alarm_set(token=token, minutes=15)
    assert CalendarToken.objects.get(pk=token.pk).alarm_minutes == 15


def test_next_position_comes_after_the_last_member():
    assert next_position() == 1
    RotationMember.objects.create(university=UniversityFactory(), position=4)
    assert next_position() == 5
    member = services.rotation_add(university=UniversityFactory())
    assert member.position == 5
    assert next_position() == 6


def test_rotation_member_save_keeps_the_venue_details():
    member = RotationMember.objects.create(university=UniversityFactory(), position=1)
    services.rotation_member_save(
        member=member, values={"venue_capacity": 250, "blackout_dates": "2030-06-01"}
    )
    member.refresh_from_db()
    assert (member.venue_capacity, member.blackout_dates) == (250, "2030-06-01")


@pytest.mark.parametrize(
    ("country", "zone"),
    [("KZ", "Asia/Almaty"), ("KG", "Asia/Bishkek"), ("UZ", "Asia/Tashkent"),
     ("TJ", "Asia/Dushanbe"), ("TM", "Asia/Ashgabat")],
)  # fmt: skip
def test_the_conference_starts_at_nine_in_the_hosts_time_zone(country, zone):
    member = RotationMember.objects.create(
        university=UniversityFactory(country=country), position=1
    )
    start = date(2030, 5, 14)
    event = services.rotation_confirm(member=member, cycle=1, start=start, days=2, attendance=90)
    assert event.time_zone == zone
    assert event.start == datetime.combine(start, time(9), tzinfo=ZoneInfo(zone))
    assert event.end - event.start == timedelta(days=1, hours=9)
    assert (event.host, event.capacity_on_site, event.status) == (member.university, 90, "draft")
