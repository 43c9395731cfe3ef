"""iCalendar (RFC 5545) files for events: one event, public feeds and private feeds.

A calendar is assembled from texts instead of being written by icalendar as one
object, which costs most of a 500-event feed's time. icalendar folds each content
line on its own (at 75 octets, a fold being CRLF and a space) and ends every line
with CRLF, so a calendar's bytes are its header lines, then each component's own
``to_ical()``, then ``END:VCALENDAR``. Each VEVENT's text is kept in the cache by
event, version, language and variant, and each VTIMEZONE's text is built once per
process; the result is byte for byte what icalendar writes for ``whole_calendar``
(tests/events/test_ics_assembly.py).
"""

import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache, partial
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
from django.conf import settings
from django.core.cache import cache
from django.utils import timezone, translation
from icalendar import Alarm, Calendar, Component, Timezone
from icalendar import Event as VEvent

from .models import Event

PRODID = "-//UNECE Central Asian Platform//Events//EN"
END = b"END:VCALENDAR\r\n"
# A text lives until its key moves (any change of the event does that); the limit
# only lets the texts of old versions go.
TEXT_CACHE_SECONDS = 7 * 24 * 3600
# Part of every text's key: another icalendar may write other bytes.
TEXT_FORMAT = f"1:{icalendar.__version__}"


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


def whole_calendar(
    events: Iterable[Event],
    *,
    name: str,
    joinable: Iterable[int] = frozenset(),
    alarm_minutes: int | None = None,
) -> Calendar:
    """The calendar of ``events`` as one icalendar object, built whole: what
    ``calendar_bytes`` assembles from kept texts, for readers that want the object."""
    joinable = set(joinable)
    calendar = new_calendar(name)
    for event in events:
        calendar.add_component(
            _vevent(event, with_join_link=event.pk in joinable, alarm_minutes=alarm_minutes)
        )
    return calendar


def calendar_bytes(
    events: Iterable[Event],
    *,
    name: str,
    joinable: Iterable[int] = frozenset(),
    alarm_minutes: int | None = None,
) -> bytes:
    """A calendar of ``events``; join links only for the events whose pk is in
    ``joinable``. Byte for byte ``finished(whole_calendar(...))``, from the VEVENT
    texts kept in the cache where they are."""
    joinable = set(joinable)
    prefix = text_key_prefix("vevent", settings.SITE_URL)
    return assembled(name, kept_texts([_part(prefix, e, joinable, alarm_minutes) for e in events]))


@lru_cache(maxsize=1)
def event_columns() -> tuple[str, ...]:
    """The columns a feed reads of each event (``values_list`` of them gives rows for
    ``rows_calendar_bytes``): every column but the search text, in the model's order."""
    return tuple(f.attname for f in Event._meta.concrete_fields if f.name != "search_document")


def rows_calendar_bytes(
    rows: Iterable[Sequence[Any]],
    *,
    name: str,
    joinable: Iterable[int] = frozenset(),
    alarm_minutes: int | None = None,
) -> bytes:
    """``calendar_bytes`` of the events read as ``rows`` (``event_columns`` of each, in
    order), making model instances only of the events whose texts are not kept: a feed
    whose texts are warm costs its one query and one cache read."""
    joinable = set(joinable)
    prefix = text_key_prefix("vevent", settings.SITE_URL)
    columns = event_columns()
    pk_at, stamp_at, sequence_at, link_at = (
        columns.index(column) for column in ("id", "updated_at", "sequence", "join_url")
    )
    keyed = []
    for row in rows:
        pk = row[pk_at]
        with_join_link = pk in joinable and bool(row[link_at])
        key = _text_key(prefix, pk, row[stamp_at], row[sequence_at], with_join_link, alarm_minutes)
        keyed.append((key, row))
    found = read_texts([key for key, _row in keyed])
    parts: list[tuple[str | None, Callable[[], Component] | None]] = []
    for key, row in keyed:
        if key in found:
            parts.append((key, None))
        else:
            event = Event.from_db(Event.objects.db, columns, row)
            parts.append(_part(prefix, event, joinable, alarm_minutes))
    return assembled(name, kept_texts(parts, found=found))


def _text_key(
    prefix: str,
    pk: int,
    updated_at: datetime,
    sequence: int,
    with_join_link: bool,
    alarm_minutes: int | None,
) -> str:
    return (
        f"{prefix}:{pk}:{updated_at.isoformat()}:{sequence}:{int(with_join_link)}"
        f":{alarm_minutes or 0}"
    )


def _part(
    prefix: str, event: Event, joinable: set[int], alarm_minutes: int | None
) -> tuple[str | None, Callable[[], Component]]:
    # The link only shows when the event has one: both variants are then the same.
    with_join_link = event.pk in joinable and bool(event.join_url)
    build = partial(_vevent, event, with_join_link=with_join_link, alarm_minutes=alarm_minutes)
    if event.pk is None or event.updated_at is None:
        return None, build
    key = _text_key(prefix, event.pk, event.updated_at, event.sequence, with_join_link,
                    alarm_minutes)  # fmt: skip
    return key, build


# --- Assembly from texts -------------------------------------------------------


@dataclass(frozen=True)
class ComponentText:
    """One component as icalendar writes it (folded lines, each ending in CRLF) and
    the time zones (TZIDs) its properties name, UTC aside."""

    ical: bytes
    tzids: tuple[str, ...]

    @classmethod
    def of(cls, component: Component) -> "ComponentText":
        # As Calendar.get_missing_tzids finds them: every property's TZID parameter.
        used = {
            getattr(value, "params", {}).get("TZID")
            for _name, value in component.property_items(sorted=False)
        }
        tzids = tuple(sorted(tzid for tzid in used if tzid and tzid != "UTC"))
        return cls(ical=bytes(component.to_ical()), tzids=tzids)


def text_key_prefix(kind: str, *parts: str) -> str:
    """The start of the cache keys of ``kind``'s texts: the format, the active
    language and whatever else (``parts``) the texts are written with."""
    language = translation.get_language() or ""
    extra = hashlib.sha256("|".join(parts).encode()).hexdigest()[:12] if parts else ""
    return f"ics:{kind}:{TEXT_FORMAT}:{language}:{extra}"


def read_texts(keys: Sequence[str]) -> dict[str, ComponentText]:
    """The texts kept under ``keys`` (one cache read), by key; the others are missing."""
    texts = {}
    for key, stored in cache.get_many(list(keys)).items():
        if isinstance(stored, tuple) and len(stored) == 2:
            texts[key] = ComponentText(ical=stored[0], tzids=tuple(stored[1]))
    return texts


def kept_texts(
    parts: Sequence[tuple[str | None, Callable[[], Component] | None]],
    *,
    found: dict[str, ComponentText] | None = None,
) -> list[ComponentText]:
    """The text of each ``(key, build)`` in ``parts``, in order: the one kept under
    ``key`` (``found``, or one cache read for all), otherwise built, and kept (one
    write for all). A part without a key is built every time; ``build`` may be None
    only for a key in ``found``."""
    if found is None:
        found = read_texts([key for key, _build in parts if key is not None])
    texts: list[ComponentText] = []
    new: dict[str, tuple[bytes, tuple[str, ...]]] = {}
    for key, build in parts:
        if key is not None and key in found:
            texts.append(found[key])
            continue
        if build is None:
            raise ValueError(f"no text kept under {key} and nothing to build it")
        text = ComponentText.of(build())
        texts.append(text)
        if key is not None:
            found[key] = text
            new[key] = (text.ical, text.tzids)
    if new:
        cache.set_many(new, TEXT_CACHE_SECONDS)
    return texts


def assembled(name: str, texts: Sequence[ComponentText]) -> bytes:
    """The calendar named ``name`` holding ``texts``, with the VTIMEZONEs they need
    first (in the order of their TZIDs, as ``finished`` adds them), as bytes."""
    tzids = sorted({tzid for text in texts for tzid in text.tzids})
    zones = [zone for zone in map(_vtimezone_ical, tzids) if zone is not None]
    header = bytes(new_calendar(name).to_ical())[: -len(END)]
    return b"".join([header, *zones, *(text.ical for text in texts), END])


@lru_cache(maxsize=64)
def _vtimezone(tzid: str) -> Timezone | None:
    """Building a VTIMEZONE walks decades of the zone's offsets (about 50 ms), and zones
    do not change while a process runs: each is built once and shared, read-only."""
    try:
        return Timezone.from_tzid(tzid)
    except ValueError:
        return None


@lru_cache(maxsize=64)
def _vtimezone_ical(tzid: str) -> bytes | None:
    component = _vtimezone(tzid)
    return None if component is None else bytes(component.to_ical())


def _add_time_zones(calendar: Calendar) -> None:
    """What ``Calendar.add_missing_timezones`` does, with the zones built once."""
    position = len(calendar.timezones)
    for tzid in sorted(calendar.get_missing_tzids()):
        component = _vtimezone(tzid)
        if component is not None:
            calendar.subcomponents.insert(position, component)
            position += 1
