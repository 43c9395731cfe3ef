"""Writes of a conference's timetable: rooms, placing sessions (accepted
contributions and plenaries) and moving or removing them, publishing, stars of a
personal schedule, and the speakers' slides.

Each is one transaction, the call's row locked while sessions are placed so that two
committee members cannot book one room at once. A placing that clashes raises
``ValidationError`` with every reason, by field; nothing is saved.
"""

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from core.bilingual import columns
from events.pdf import is_pdf

from . import notifications
from .models import Call, Contribution, Room, Session, Star
from .services import NotNow, _locked_call, free_slot  # noqa: F401 - a write of the timetable too
from .timetable import Placing, clashes

# --- rooms ----------------------------------------------------------------------------


@transaction.atomic
def room_save(*, call: Call, values: Mapping[str, Any], room: Room | None = None) -> Room:
    """Add a room to ``call`` or change ``room``: ``values`` holds the name columns,
    ``capacity`` and ``stream_url``. Refuses a capacity below the audience a session
    placed in the room expects."""
    call = _locked_call(call)
    names = {column: (values.get(column) or "").strip() for column in columns("name")}
    if not any(names.values()):
        raise ValidationError({"name_en": _("Name the room in at least one language.")})
    capacity = values.get("capacity")
    if not isinstance(capacity, int) or capacity < 1:
        raise ValidationError({"capacity": _("A room has at least one place.")})
    if room is not None:
        needing = (
            room.sessions.filter(expected__gt=capacity).order_by("-expected").first()
            if room.pk
            else None
        )
        if needing is not None:
            raise ValidationError(
                {
                    "capacity": _("“%(session)s” in this room expects %(expected)s people.")
                    % {"session": needing, "expected": needing.expected}
                }
            )
    else:
        room = Room(call=call, position=call.rooms.count())
    for column, value in names.items():
        setattr(room, column, value)
    room.capacity = capacity
    room.stream_url = (values.get("stream_url") or "").strip()
    room.full_clean()
    room.save()
    return room


@transaction.atomic
def room_remove(*, room: Room) -> None:
    """Remove an empty room; a room with sessions is refused (move them first)."""
    if room.sessions.exists():
        raise NotNow(_("This room still has sessions: move or remove them first."))
    room.delete()


# --- sessions -------------------------------------------------------------------------


def _placing(call: Call, values: Mapping[str, Any], session: Session | None) -> Placing:
    room = values.get("room")
    starts_at, ends_at = values.get("starts_at"), values.get("ends_at")
    if not isinstance(room, Room):
        raise ValidationError({"room": _("Choose a room.")})
    if not isinstance(starts_at, datetime) or not isinstance(ends_at, datetime):
        raise ValidationError({"starts_at": _("Give the day, the start and the end.")})
    return Placing(
        call=call,
        room=room,
        starts_at=starts_at,
        ends_at=ends_at,
        contribution=values.get("contribution"),
        expected=values.get("expected") or None,
        session_pk=session.pk if session else None,
    )


def _titles(values: Mapping[str, Any]) -> dict[str, str]:
    return {column: (values.get(column) or "").strip() for column in columns("title")}


@transaction.atomic
def session_place(*, call: Call, values: Mapping[str, Any]) -> Session:
    """Place a session: ``values`` holds ``room``, ``starts_at``, ``ends_at``, and
    either an accepted ``contribution`` or the title columns of a plenary, and an
    optional ``expected`` audience. Raises ``ValidationError`` with every clash."""
    call = _locked_call(call)
    placing = _placing(call, values, None)
    titles = _titles(values)
    errors = clashes(placing)
    if placing.contribution is None and not any(titles.values()):
        errors.setdefault("title_en", []).append(
            _("Choose a contribution, or give a plenary its title.")
        )
    if errors:
        raise ValidationError(errors)
    session = Session(
        call=call,
        room=placing.room,
        starts_at=placing.starts_at,
        ends_at=placing.ends_at,
        contribution=placing.contribution,
        expected=placing.expected,
        **(titles if placing.contribution is None else {}),
    )
    try:
        with transaction.atomic():
            session.save()
    except IntegrityError:
        raise NotNow(_("This contribution already has a place: move it.")) from None
    return session


@transaction.atomic
def session_move(*, session: Session, values: Mapping[str, Any]) -> bool:
    """Move ``session`` (another room, another time, another expected audience, a
    plenary's title). False when nothing changed. After publication a move in time
    or room counts the session's SEQUENCE up and tells its speakers and whoever
    starred it (outbox rows, in their language)."""
    call = _locked_call(session.call)
    session = Session.objects.select_for_update().select_related("room").get(pk=session.pk)
    placing = _placing(call, {**values, "contribution": session.contribution}, session)
    errors = clashes(placing)
    titles = _titles(values) if session.is_plenary else {}
    if session.is_plenary and not any(titles.values()):
        errors.setdefault("title_en", []).append(_("Give the plenary its title."))
    if errors:
        raise ValidationError(errors)
    was = {"starts_at": session.starts_at, "room": str(session.room)}
    moved = (
        session.room_id != placing.room.pk
        or session.starts_at != placing.starts_at
        or session.ends_at != placing.ends_at
    )
    changed = moved or session.expected != placing.expected
    changed = changed or any(getattr(session, k) != v for k, v in titles.items())
    if not changed:
        return False
    session.room, session.starts_at, session.ends_at = (
        placing.room,
        placing.starts_at,
        placing.ends_at,
    )
    session.expected = placing.expected
    for column, value in titles.items():
        setattr(session, column, value)
    session.save()
    if moved and call.timetable_published_at is not None:
        Session.objects.filter(pk=session.pk).update(sequence=F("sequence") + 1)
        session.refresh_from_db()
        notifications.session_moved_enqueue(session, was=was)
    return True


@transaction.atomic
def session_remove(*, session: Session) -> None:
    """Take ``session`` out of the timetable; after publication its audience is told.
    The contribution stays accepted and may be placed again."""
    session = (
        Session.objects.select_for_update(of=("self",))
        .select_related("call__event", "room", "contribution")
        .get(pk=session.pk)
    )
    if session.call.timetable_published_at is not None:
        notifications.session_removed_enqueue(session)
    session.delete()


@transaction.atomic
def timetable_publish(*, call: Call, publish: bool, now: datetime | None = None) -> bool:
    """Make the timetable public, or take it back. False when it already stood so.
    Publishing an empty timetable is refused."""
    call = _locked_call(call)
    if publish == (call.timetable_published_at is not None):
        return False
    if publish and not call.sessions.exists():
        raise NotNow(_("Place at least one session before publishing the timetable."))
    call.timetable_published_at = (now or timezone.now()) if publish else None
    call.save(update_fields=["timetable_published_at"])
    return True


# --- personal schedules ---------------------------------------------------------------


def star(*, user: User, session: Session) -> bool:
    """Add ``session`` to ``user``'s schedule; False when it was there. Only sessions
    of a published timetable."""
    if not Session.objects.published().filter(pk=session.pk).exists():
        raise NotNow(_("This session is not in a published timetable."))
    _star, created = Star.objects.get_or_create(user=user, session=session)
    return created


def unstar(*, user: User, session: Session) -> bool:
    deleted, _rows = Star.objects.filter(user=user, session=session).delete()
    return bool(deleted)


# --- slides ---------------------------------------------------------------------------


@transaction.atomic
def slides_upload(*, contribution: Contribution, upload: UploadedFile) -> Contribution:
    """Keep ``upload`` as the slides of an accepted contribution (a PDF, checked by
    its content), replacing earlier slides."""
    contribution = Contribution.objects.select_for_update().get(pk=contribution.pk)
    if contribution.state != Contribution.State.ACCEPTED:
        raise NotNow(_("Slides are uploaded once a contribution is accepted."))
    if not is_pdf(upload):
        raise ValidationError({"slides": _("This file is not a PDF.")})
    old = (contribution.slides.name or "") if contribution.slides else ""
    contribution.slides.save("slides.pdf", upload, save=False)
    contribution.save(update_fields=["slides", "updated_at"])
    if old:
        storage = contribution.slides.storage
        transaction.on_commit(lambda: storage.delete(old))
    return contribution


@transaction.atomic
def slides_remove(*, contribution: Contribution) -> None:
    contribution = Contribution.objects.select_for_update().get(pk=contribution.pk)
    if not contribution.slides:
        return
    old = contribution.slides.name or ""
    storage = contribution.slides.storage
    contribution.slides = ""
    contribution.save(update_fields=["slides", "updated_at"])
    transaction.on_commit(lambda: storage.delete(old))
