"""iCalendar (RFC 5545) files for events: one event, public feeds and private feeds."""

from datetime import timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from icalendar import Alarm, Calendar, Timezone
from icalendar import Event as VEvent

from .models import Event

PRODID = "-//UNECE Central Asian Platform//Events//EN"


def _vevent(event: Event, *, with_join_link: bool, alarm_minutes: int | None) -> VEvent:
    zone = ZoneInfo(event.time_zone)
    item = VEvent()
    item.add("uid", event.uid)
    item.add("sequence", event.sequence)
    item.add("dtstamp", event.updated_at or timezone.now())
    item.add("dtstart", event.start.astimezone(zone))
    item.add("dtend", event.end.astimezone(zone))
    item.add("summary", event.title)
    description = event.description
    if with_join_link and event.join_url:
        description = f"{description}\n\n{event.join_url}".strip()
    if description:
        item.add("description", description)
    location = event.venue if event.has_on_site else ""
    if with_join_link and event.join_url and event.has_online:
        location = f"{location} / {event.join_url}".strip(" /")
    if location:
        item.add("location", location)
    item.add("url", f"{settings.SITE_URL}{event.get_absolute_url()}")
    item.add("status", "CANCELLED" if event.status == Event.Status.CANCELLED else "CONFIRMED")
    if alarm_minutes:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", event.title)
        alarm.add("trigger", timedelta(minutes=-alarm_minutes))
        item.add_component(alarm)
    return item


def new_calendar(name: str) -> Calendar:
    """An empty calendar of the platform named ``name``."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    return calendar


def finished(calendar: Calendar) -> bytes:
    """``calendar`` with the time zones its events use, as bytes."""
    _add_time_zones(calendar)
    return bytes(calendar.to_ical())


def calendar_bytes(events, *, name: str, joinable=frozenset(), alarm_minutes=None) -> bytes:
    """A calendar of ``events``; join links only for the events whose pk is in ``joinable``."""
    calendar = new_calendar(name)
    for event in events:
        calendar.add_component(
            _vevent(event, with_join_link=event.pk in joinable, alarm_minutes=alarm_minutes)
        )
    return finished(calendar)


@lru_cache(maxsize=64)
def _vtimezone(tzid: str) -> Timezone | None:
    """Building a VTIMEZONE walks decades of the zone's offsets (about 50 ms), and zones
    do not change while a process runs: each is built once and shared, read-only."""
    try:
        return Timezone.from_tzid(tzid)
    except ValueError:
        return None


def _add_time_zones(calendar: Calendar) -> None:
    """What ``Calendar.add_missing_timezones`` does, with the zones built once."""
    position = len(calendar.timezones)
    for tzid in sorted(calendar.get_missing_tzids()):
        component = _vtimezone(tzid)
        if component is not None:
            calendar.subcomponents.insert(position, component)
            position += 1
