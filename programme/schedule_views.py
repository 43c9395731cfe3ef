"""The public timetable (a grid by day and room, a list per room on a phone), its
.ics and PDF, a page per session and per speaker, stars and "my schedule" with its
private iCalendar feed."""

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.contrib import messages
from django.db.models import Prefetch, QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import MembershipStatus, User
from core.countries import country_name
from core.decorators import permission_required
from events.feeds import ics_response
from events.models import CalendarToken, Event
from events.services import calendar_token_for
from industry.models import OrganisationMembership
from universities.models import UniversityMembership

from . import timetable_services
from .ics import sessions_calendar
from .models import Call, Contribution, Room, Session, Star
from .pdf import timetable_pdf as draw_timetable
from .timetable import grid, public_name, q_speaking, speakers, zone_of

# The grid's rows are five minutes each; the stylesheet has a class for each of the
# 300 rows of a day of 24 hours and more (static/css/timetable.css).
STEP = timedelta(minutes=5)
MAX_ROW = 300


def call_or_404(*, event: int) -> Call:
    return get_object_or_404(Call.objects.select_related("event"), event_id=event)


def _published(call: Call) -> bool:
    return call.timetable_published_at is not None


def _shown_or_404(request, call: Call) -> bool:
    """Whether the visitor sees a preview (the committee, before publication); 404
    for anyone else while the timetable or its event is not public."""
    if _published(call) and request.user.has_perm("events.view_event", call.event):
        return False
    if request.user.has_perm("programme.edit_timetable", call):
        return True
    raise Http404


def _sessions(call: Call) -> QuerySet[Session]:
    return (
        call.sessions.select_related("room", "contribution__submitter", "contribution__track")
        .prefetch_related("contribution__coauthor_accounts")
        .in_order()
    )


def _starred_ids(user: Any, sessions: QuerySet[Session] | None = None) -> set[int]:
    if not user.is_authenticated:
        return set()
    stars = Star.objects.filter(user=user)
    if sessions is not None:
        stars = stars.filter(session__in=sessions.values("pk"))
    return set(stars.values_list("session_id", flat=True))


def _other_zone(call: Call) -> bool:
    """Whether the visitor's time zone is not the event's (times are shown in both)."""
    return timezone.get_current_timezone_name() != zone_of(call).key


# --- the grid -------------------------------------------------------------------------


@dataclass
class Card:
    session: Session
    speakers: list[tuple[User, str]]
    coauthors: list[str]
    starred: bool
    row: int = 0
    span: int = 1


@dataclass
class RoomColumn:
    room: Room
    cards: list[Card]


@dataclass
class Day:
    day: date
    anchor: str
    span: int
    rooms: list[RoomColumn] = field(default_factory=list)


def card(session: Session, starred: set[int]) -> Card:
    contribution = session.contribution
    people = [(person, public_name(person)) for person in speakers(contribution)]
    names = contribution.coauthor_list() if contribution else []
    return Card(session, people, names, session.pk in starred)


def _steps(delta: timedelta) -> int:
    return int(delta.total_seconds() // STEP.total_seconds())


def _days(call: Call, sessions: list[Session], starred: set[int]) -> list[Day]:
    """The grid of each day: a row per five minutes from the hour of the day's first
    session. ``Card.row`` counts from 1 within a room's list; ``Day.span`` is what a
    room's column spans, its name's row included."""
    zone = zone_of(call)
    days = []
    for entry in grid(call, sessions):
        columns = [
            RoomColumn(r["room"], [card(s, starred) for s in r["sessions"]]) for r in entry["rooms"]
        ]
        day = Day(entry["day"], f"day-{entry['day'].isoformat()}", 1, columns)
        cards = [c for column in columns for c in column.cards]
        if cards:
            first = min(c.session.starts_at for c in cards)
            origin = timezone.localtime(first, zone).replace(minute=0, second=0, microsecond=0)
            for c in cards:
                length = -_steps(c.session.starts_at - c.session.ends_at)  # rounded up
                c.row = min(_steps(c.session.starts_at - origin) + 1, MAX_ROW)
                c.span = max(1, min(length, MAX_ROW + 1 - c.row))
            day.span = max(c.row + c.span for c in cards)
        days.append(day)
    return days


def timetable(request, event):
    call = call_or_404(event=event)
    preview = _shown_or_404(request, call)
    sessions = list(_sessions(call))
    starred = _starred_ids(request.user, call.sessions.all())
    days = _days(call, sessions, starred)
    return render(
        request,
        "programme/timetable.html",
        {
            "call": call,
            "event": call.event,
            "preview": preview,
            "days": days,
            "has_sessions": bool(sessions),
            "other_zone": _other_zone(call),
            "can_edit": preview or request.user.has_perm("programme.edit_timetable", call),
            "here": request.get_full_path(),
        },
    )


# --- files ----------------------------------------------------------------------------


def _public_call_or_404(request, event: int) -> Call:
    call = call_or_404(event=event)
    if not _published(call) or not request.user.has_perm("events.view_event", call.event):
        raise Http404
    return call


def timetable_ics(request, event):
    call = _public_call_or_404(request, event)
    body = sessions_calendar(_sessions(call), name=str(call.event.title))
    return ics_response(body, f"timetable-{call.event_id}.ics")


def timetable_pdf(request, event):
    call = _public_call_or_404(request, event)
    response = HttpResponse(draw_timetable(call, _sessions(call)), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="timetable-{call.event_id}.pdf"'
    return response


# --- a session, a speaker -------------------------------------------------------------


def _approved_memberships() -> list[Prefetch]:
    approved = MembershipStatus.APPROVED
    return [
        Prefetch(
            "university_memberships",
            queryset=UniversityMembership.objects.filter(status=approved).select_related(
                "university"
            ),
            to_attr="approved_universities",
        ),
        Prefetch(
            "organisation_memberships",
            queryset=OrganisationMembership.objects.filter(status=approved).select_related(
                "organisation"
            ),
            to_attr="approved_organisations",
        ),
    ]


def affiliations(user: User) -> list[Any]:
    """Where a speaker works: their approved universities and organisations (loaded
    by ``_approved_memberships``)."""
    return [m.university for m in getattr(user, "approved_universities", [])] + [
        m.organisation for m in getattr(user, "approved_organisations", [])
    ]


def _speakers_with_places(contribution: Contribution) -> list[tuple[User, str, list[Any]]]:
    """The speakers' accounts, submitter first, with their names and their approved
    universities and organisations (three queries, whatever their number)."""
    ids = [contribution.submitter_id]
    ids += contribution.coauthor_accounts.values_list("pk", flat=True)
    by_pk = User.objects.prefetch_related(*_approved_memberships()).in_bulk(ids)
    people = [by_pk[pk] for pk in dict.fromkeys(ids) if pk in by_pk]
    return [(person, public_name(person), affiliations(person)) for person in people]


def session_or_404(*, pk: int) -> Session:
    sessions = Session.objects.select_related(
        "call__event", "room", "contribution__submitter", "contribution__track"
    )
    return get_object_or_404(sessions, pk=pk)


def session_detail(request, pk):
    session = session_or_404(pk=pk)
    call = session.call
    preview = _shown_or_404(request, call)
    contribution = session.contribution
    people = []
    context = {}
    if contribution is not None:
        people = _speakers_with_places(contribution)
        context = {
            "coauthors": contribution.coauthor_list(),
            "skills": list(contribution.skills.all()),
            "can_upload_slides": contribution.state == contribution.State.ACCEPTED
            and request.user.has_perm("programme.upload_slides", contribution),
        }
    return render(
        request,
        "programme/session_detail.html",
        {
            **context,
            "session": session,
            "call": call,
            "event": call.event,
            "contribution": contribution,
            "speakers": people,
            "preview": preview,
            "starred": request.user.is_authenticated
            and Star.objects.filter(user=request.user, session=session).exists(),
            "other_zone": _other_zone(call),
            "here": request.get_full_path(),
        },
    )


def speaker(request, pk):
    person = get_object_or_404(
        User.objects.filter(is_active=True).prefetch_related(*_approved_memberships()), pk=pk
    )
    sessions = list(
        Session.objects.published()
        .filter(q_speaking(person.pk))
        .distinct()
        .select_related("call__event", "room", "contribution__track")
        .order_by("starts_at", "pk")
    )
    if not sessions:
        raise Http404
    return render(
        request,
        "programme/speaker.html",
        {
            "person": person,
            "name": public_name(person),
            "places": affiliations(person),
            "country": country_name(person.country) if person.country else "",
            "sessions": sessions,
        },
    )


# --- stars and my schedule ------------------------------------------------------------


def _back(request, session: Session) -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return session.get_absolute_url()


@require_POST
@permission_required("programme.star")
def session_star(request, pk):
    """Adds the session to the user's schedule (``starred=1``), takes it out
    (``starred=0``), or toggles it when the form says neither."""
    session = get_object_or_404(Session.objects.published(), pk=pk)
    wanted = request.POST.get("starred")
    if wanted not in ("0", "1"):
        wanted = "0" if Star.objects.filter(user=request.user, session=session).exists() else "1"
    if wanted == "1":
        try:
            timetable_services.star(user=request.user, session=session)
        except timetable_services.NotNow as error:
            messages.error(request, str(error))
            return redirect(_back(request, session))
        messages.success(request, _("Added to your schedule"))
    else:
        timetable_services.unstar(user=request.user, session=session)
        messages.success(request, _("Removed from your schedule"))
    return redirect(_back(request, session))


def _starred_sessions(user: User) -> QuerySet[Session]:
    """The user's starred sessions in published timetables (those of cancelled events
    too, which calendars then show as cancelled)."""
    return (
        Session.objects.filter(
            stars__user=user,
            call__timetable_published_at__isnull=False,
            call__event__status__in=[Event.Status.PUBLISHED, Event.Status.CANCELLED],
            call__event__archived_at__isnull=True,
        )
        .select_related("call__event", "room", "contribution__submitter", "contribution__track")
        .prefetch_related("contribution__coauthor_accounts")
        .order_by("starts_at", "room__position", "pk")
    )


@dataclass
class ScheduleDay:
    day: date
    sessions: list[Session]


def _by_day(sessions: list[Session]) -> list[ScheduleDay]:
    """Starred sessions by the day of their event's time zone, in time order."""
    days: dict[date, list[Session]] = {}
    for session in sessions:
        day = timezone.localtime(session.starts_at, zone_of(session.call)).date()
        days.setdefault(day, []).append(session)
    return [ScheduleDay(day, items) for day, items in sorted(days.items())]


def _feed_urls(request, token: CalendarToken) -> tuple[str, str]:
    address = request.build_absolute_uri(
        reverse("programme:my_schedule_feed", kwargs={"token": token.token})
    )
    return address, "webcal://" + address.split("://", 1)[1]


@permission_required("programme.star")
def my_schedule(request):
    sessions = list(_starred_sessions(request.user))
    zone = timezone.get_current_timezone_name()
    for session in sessions:
        session.other_zone = zone != zone_of(session.call).key
        session.speaker_names = [public_name(p) for p in speakers(session.contribution)]
    feed, webcal = _feed_urls(request, calendar_token_for(user=request.user))
    upcoming = (
        Call.objects.filter(
            timetable_published_at__isnull=False,
            event__status="published",
            event__archived_at__isnull=True,
            event__end__gte=timezone.now(),
        )
        .select_related("event")
        .order_by("event__start")[:5]
    )
    return render(
        request,
        "programme/my_schedule.html",
        {
            "days": _by_day(sessions),
            "feed": feed,
            "webcal": webcal,
            "upcoming": upcoming if not sessions else [],
            "here": request.get_full_path(),
        },
    )


def my_schedule_feed(request, token):
    owner = get_object_or_404(CalendarToken.objects.select_related("user"), token=token)
    body = sessions_calendar(_starred_sessions(owner.user), name=_("My schedule"))
    return ics_response(body, "my-schedule.ics")
