"""iCalendar files of a timetable: the whole timetable, a session, and a person's
starred sessions. Each session is its own VEVENT, whose SEQUENCE goes up when the
session moves after publication.

Calendars are assembled from kept VEVENT texts (see ``events/ics.py``). A session's
VEVENT also shows other rows (its speakers' names, the abstract, the room, the event),
which change without the session's ``updated_at`` moving, so its text is kept under a
digest of every value it is written from rather than under the session's version."""

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from functools import partial

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar
from icalendar import Event as VEvent

from core.bilingual import read
from events.ics import assembled, kept_texts, new_calendar, text_key_prefix

from .models import Session
from .timetable import public_name, speakers, zone_of


@dataclass(frozen=True)
class _SessionValues:
    """Everything a session's VEVENT is written from, as plain values."""

    uid: str
    sequence: int
    stamp: datetime
    start: datetime
    end: datetime
    summary: str
    description: str
    location: str
    url: str
    status: str


def _values(session: Session) -> _SessionValues:
    call = session.call
    event = call.event
    zone = zone_of(call)
    lines = []
    contribution = session.contribution
    if contribution is not None:
        names = ", ".join(public_name(person) for person in speakers(contribution))
        if names:
            lines.append(names)
        lines.append(contribution.abstract)
    lines.append(str(event.title))
    where = [str(session.room)]
    if event.has_on_site and read(event, "venue"):
        where.append(str(read(event, "venue")))
    return _SessionValues(
        uid=session.uid,
        sequence=session.sequence,
        stamp=session.updated_at or timezone.now(),
        start=session.starts_at.astimezone(zone),
        end=session.ends_at.astimezone(zone),
        summary=str(session),
        description="\n\n".join(line for line in lines if line),
        location=", ".join(where),
        url=f"{settings.SITE_URL}{session.get_absolute_url()}",
        status="CANCELLED" if event.status == event.Status.CANCELLED else "CONFIRMED",
    )


def _vevent(values: _SessionValues) -> VEvent:
    item = VEvent()
    item.add("uid", values.uid)
    item.add("sequence", values.sequence)
    item.add("dtstamp", values.stamp)
    item.add("dtstart", values.start)
    item.add("dtend", values.end)
    item.add("summary", values.summary)
    item.add("description", values.description)
    item.add("location", values.location)
    item.add("url", values.url)
    item.add("status", values.status)
    return item


def whole_sessions_calendar(sessions: Iterable[Session], *, name: str) -> Calendar:
    """The calendar of ``sessions`` as one icalendar object, built whole: what
    ``sessions_calendar`` assembles from kept texts."""
    calendar = new_calendar(name)
    for session in sessions:
        calendar.add_component(_vevent(_values(session)))
    return calendar


def sessions_calendar(sessions: Iterable[Session], *, name: str) -> bytes:
    """A calendar of ``sessions`` (their call, event, room, contribution and its
    co-authors loaded, for speed), from the VEVENT texts kept in the cache where
    they are."""
    prefix = text_key_prefix("session")
    parts = []
    for session in sessions:
        values = _values(session)
        key = None
        if session.updated_at is not None:
            key = f"{prefix}:{session.pk}:{hashlib.sha256(repr(values).encode()).hexdigest()}"
        parts.append((key, partial(_vevent, values)))
    return assembled(name, kept_texts(parts))
