"""The rules of a conference's timetable, read without a request: its days (in the
event's time zone), who speaks in a session, and what a placing would clash with
(a room taken, a speaker in two places at once, a time outside the conference, a
room too small for the audience expected)."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import Q
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from core.timezones import zone_or_none

from .models import Call, Contribution, Room, Session

# The longest a single session may last.
LONGEST = timedelta(hours=8)


def zone_of(call: Call) -> ZoneInfo:
    return zone_or_none(call.event.time_zone) or ZoneInfo("UTC")


def days(call: Call) -> list[date]:
    """The conference's days, from its first to its last, as its time zone reads them."""
    zone = zone_of(call)
    first = timezone.localtime(call.event.start, zone).date()
    last = timezone.localtime(call.event.end - timedelta(microseconds=1), zone).date()
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def local(call: Call, day: date, hour_minute: Any) -> datetime:
    """``day`` at ``hour_minute`` (a ``time``) in the event's time zone, aware."""
    return datetime.combine(day, hour_minute, tzinfo=zone_of(call))


def speaker_ids(contribution: Contribution | None) -> set[int]:
    """The accounts that present ``contribution``: its submitter and co-authors."""
    if contribution is None:
        return set()
    ids = {contribution.submitter_id}
    ids.update(contribution.coauthor_accounts.values_list("pk", flat=True))
    return ids


def speakers(contribution: Contribution | None) -> list[Any]:
    """The people who present ``contribution``, submitter first: accounts, then the
    co-authors named without one (as their names)."""
    if contribution is None:
        return []
    people: list[Any] = [contribution.submitter]
    people += [u for u in contribution.coauthor_accounts.all() if u.pk != contribution.submitter_id]
    return people


def public_name(user: object) -> str:
    """A speaker as the public pages name them: the full name, never the e-mail
    address that ``display_name`` falls back to."""
    if getattr(user, "is_former_member", False):
        return str(_("former member"))
    return str(getattr(user, "full_name", "") or _("A speaker"))


def _time(call: Call, moment: datetime) -> str:
    return formats.time_format(timezone.localtime(moment, zone_of(call)), "TIME_FORMAT")


@dataclass
class Placing:
    """What a session would be: checked by ``clashes`` before it is saved."""

    call: Call
    room: Room
    starts_at: datetime
    ends_at: datetime
    contribution: Contribution | None = None
    expected: int | None = None
    session_pk: int | None = None
    errors: dict[str, list[str]] = field(default_factory=dict)

    def refuse(self, where: str, message: str) -> None:
        self.errors.setdefault(where, []).append(message)


def _overlapping(placing: Placing) -> Any:
    sessions = Session.objects.filter(
        call=placing.call, starts_at__lt=placing.ends_at, ends_at__gt=placing.starts_at
    ).select_related("room", "contribution")
    if placing.session_pk:
        sessions = sessions.exclude(pk=placing.session_pk)
    return sessions


def clashes(placing: Placing) -> dict[str, list[str]]:
    """Every reason ``placing`` cannot stand, by the field it is about (empty when
    none)."""
    call, event = placing.call, placing.call.event
    if placing.room.call_id != call.pk:
        placing.refuse("room", _("Choose a room of this conference."))
    if placing.ends_at <= placing.starts_at:
        placing.refuse("ends_at", _("A session must end after it starts."))
    elif placing.ends_at - placing.starts_at > LONGEST:
        placing.refuse("ends_at", _("A session may last eight hours at most."))
    if placing.starts_at < event.start or placing.ends_at > event.end:
        placing.refuse(
            "starts_at",
            _("The conference runs from %(start)s to %(end)s: place the session within it.")
            % {"start": _moment(call, event.start), "end": _moment(call, event.end)},
        )
    contribution = placing.contribution
    if contribution is not None:
        if contribution.call_id != call.pk:
            placing.refuse("contribution", _("This contribution belongs to another call."))
        elif contribution.state != Contribution.State.ACCEPTED:
            placing.refuse("contribution", _("Only accepted contributions are placed."))
        elif (
            Session.objects.filter(contribution=contribution)
            .exclude(pk=placing.session_pk or 0)
            .exists()
        ):
            placing.refuse("contribution", _("This contribution already has a place: move it."))
    if placing.expected and placing.expected > placing.room.capacity:
        placing.refuse(
            "room",
            _("%(room)s has %(capacity)s places; this session expects %(expected)s.")
            % {
                "room": placing.room,
                "capacity": placing.room.capacity,
                "expected": placing.expected,
            },
        )
    if placing.room.call_id == call.pk and placing.ends_at > placing.starts_at:
        _check_overlaps(placing)
    return placing.errors


def _check_overlaps(placing: Placing) -> None:
    call = placing.call
    overlapping = list(_overlapping(placing).prefetch_related("contribution__coauthor_accounts"))
    for other in overlapping:
        if other.room_id == placing.room.pk:
            placing.refuse(
                "room",
                _("%(room)s already has “%(session)s” at that time (%(start)s–%(end)s).")
                % {
                    "room": placing.room,
                    "session": other,
                    "start": _time(call, other.starts_at),
                    "end": _time(call, other.ends_at),
                },
            )
    mine = speaker_ids(placing.contribution)
    if not mine:
        return
    for other in overlapping:
        theirs = _speakers_of(other)
        for person in _people(theirs & mine, other):
            placing.refuse(
                "starts_at",
                _("%(person)s already speaks in “%(session)s” (%(room)s) at that time.")
                % {"person": person, "session": other, "room": other.room},
            )


def _speakers_of(session: Session) -> set[int]:
    contribution = session.contribution
    if contribution is None:
        return set()
    return {contribution.submitter_id} | {u.pk for u in contribution.coauthor_accounts.all()}


def _people(ids: Iterable[int], session: Session) -> list[str]:
    contribution = session.contribution
    if contribution is None:
        return []
    wanted = set(ids)
    people = [contribution.submitter, *contribution.coauthor_accounts.all()]
    names: dict[int, str] = {}
    for person in people:
        if person.pk in wanted:
            names.setdefault(person.pk, person.display_name)
    return list(names.values())


def _moment(call: Call, moment: datetime) -> str:
    local_moment = timezone.localtime(moment, zone_of(call))
    return formats.date_format(local_moment, "DATETIME_FORMAT")


def grid(call: Call, sessions: Iterable[Session]) -> list[dict[str, Any]]:
    """The timetable by day, each day with its rooms in order and each room's sessions
    in time order (rooms with nothing that day are left out):
    ``[{"day": date, "rooms": [{"room": Room, "sessions": [Session, …]}, …]}, …]``."""
    zone = zone_of(call)
    by_day: dict[date, dict[int, list[Session]]] = {day: {} for day in days(call)}
    rooms: dict[int, Room] = {}
    for session in sessions:
        day = timezone.localtime(session.starts_at, zone).date()
        rooms[session.room_id] = session.room
        by_day.setdefault(day, {}).setdefault(session.room_id, []).append(session)
    ordered_rooms = sorted(rooms.values(), key=lambda room: (room.position, room.pk))
    return [
        {
            "day": day,
            "rooms": [
                {"room": room, "sessions": sorted(by_room[room.pk], key=lambda s: s.starts_at)}
                for room in ordered_rooms
                if room.pk in by_room
            ],
        }
        for day, by_room in sorted(by_day.items())
    ]


def q_speaking(user_id: int) -> Q:
    """Sessions ``user_id`` presents."""
    return Q(contribution__submitter_id=user_id) | Q(contribution__coauthor_accounts=user_id)
