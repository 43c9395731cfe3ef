"""A two-day conference in Almaty with a closed call, two tracks, two rooms and
accepted contributions, for the timetable's tests (import the fixtures you use)."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from events.models import Event
from programme.models import Call, Contribution, Room, Session, Track
from tests.factories import UserFactory

ALMATY = ZoneInfo("Asia/Almaty")


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=ALMATY)


@dataclass
class Conference:
    event: Event
    call: Call
    tracks: list[Track]
    rooms: list[Room]
    talks: list[Contribution]  # accepted
    days: list[date]

    def place(self, talk: Contribution | None, room: int, day: int, hour: int, minutes: int = 30,
              **extra) -> Session:  # fmt: skip
        start = at(self.days[day], hour)
        return Session.objects.create(
            call=self.call, room=self.rooms[room], contribution=talk, starts_at=start,
            ends_at=start + timedelta(minutes=minutes), **extra,
        )  # fmt: skip


def build_conference(host, *, talks: int = 4, published_event: bool = True) -> Conference:
    first = (timezone.localtime(timezone.now(), ALMATY) + timedelta(days=40)).date()
    event = Event.objects.create(
        title_en="Rotating conference on the energy transition",
        kind=Event.Kind.CONFERENCE, format=Event.Format.HYBRID,
        start=at(first, 9), end=at(first + timedelta(days=1), 18),
        time_zone="Asia/Almaty", host=host, venue_en="Main building, Almaty",
        status=Event.Status.PUBLISHED if published_event else Event.Status.DRAFT,
        capacity_on_site=300,
    )  # fmt: skip
    call = Call.objects.create(
        event=event, opens_at=timezone.now() - timedelta(days=30),
        closes_at=timezone.now() - timedelta(days=1), session_kinds=["talk", "challenge"],
    )  # fmt: skip
    tracks = [
        Track.objects.create(call=call, name_en="Smart grids", position=0),
        Track.objects.create(call=call, name_en="Critical minerals", position=1),
    ]
    rooms = [
        Room.objects.create(call=call, name_en="Aula", capacity=200, position=0,
                            stream_url="https://stream.example.org/aula"),
        Room.objects.create(call=call, name_en="Room 104", capacity=40, position=1),
    ]  # fmt: skip
    accepted = []
    for n in range(talks):
        speaker: Any = UserFactory(full_name=f"Speaker{n} Test")
        accepted.append(
            Contribution.objects.create(
                call=call,
                submitter=speaker,
                title=f"Talk {n}",
                abstract=f"Abstract {n}.",
                kind="talk",
                track=tracks[n % 2],
                language="en",
                state=Contribution.State.ACCEPTED,
                decided_at=timezone.now(),
            )  # fmt: skip
        )
    return Conference(event, call, tracks, rooms, accepted, [first, first + timedelta(days=1)])


@pytest.fixture
def conference(university) -> Conference:
    return build_conference(university)
