"""iCalendar files of a timetable: the whole timetable, a session, and a person's
starred sessions. Each session is its own VEVENT, whose SEQUENCE goes up when the
session moves after publication."""

from collections.abc import Iterable

from django.conf import settings
from django.utils import timezone
from icalendar import Event as VEvent

from core.bilingual import read
from events.ics import finished, new_calendar

from .models import Session
from .timetable import public_name, speakers, zone_of


def _vevent(session: Session) -> VEvent:
    call = session.call
    event = call.event
    zone = zone_of(call)
    item = VEvent()
    item.add("uid", session.uid)
    item.add("sequence", session.sequence)
    item.add("dtstamp", session.updated_at or timezone.now())
    item.add("dtstart", session.starts_at.astimezone(zone))
    item.add("dtend", session.ends_at.astimezone(zone))
    item.add("summary", str(session))
    lines = []
    contribution = session.contribution
    if contribution is not None:
        names = ", ".join(public_name(person) for person in speakers(contribution))
        if names:
            lines.append(names)
        lines.append(contribution.abstract)
    lines.append(str(event.title))
    item.add("description", "\n\n".join(line for line in lines if line))
    where = [str(session.room)]
    if event.has_on_site and read(event, "venue"):
        where.append(str(read(event, "venue")))
    item.add("location", ", ".join(where))
    item.add("url", f"{settings.SITE_URL}{session.get_absolute_url()}")
    item.add("status", "CANCELLED" if event.status == event.Status.CANCELLED else "CONFIRMED")
    return item


def sessions_calendar(sessions: Iterable[Session], *, name: str) -> bytes:
    """A calendar of ``sessions`` (their call, event, room, contribution and its
    co-authors loaded, for speed)."""
    calendar = new_calendar(name)
    for session in sessions:
        calendar.add_component(_vevent(session))
    return finished(calendar)
