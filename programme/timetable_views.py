"""The committee's timetable editor: rooms, placing, moving and removing sessions,
and publishing the timetable."""

from datetime import date, datetime, time, timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from core.decorators import permission_required
from core.forms import form_values
from core.phrases import NOTHING_SAVED
from core.submissions import saved_once, token
from core.views import form_page

from . import timetable
from . import timetable_services as services
from .models import Call, Contribution, Room, Session
from .notifications import session_audience
from .timetable_forms import RoomForm, SessionForm


def call_or_404(*, event):
    return get_object_or_404(Call.objects.select_related("event"), event_id=event)


def room_or_404(*, pk):
    return get_object_or_404(Room.objects.select_related("call__event"), pk=pk)


def session_or_404(*, pk):
    sessions = Session.objects.select_related("call__event", "room", "contribution__submitter")
    return get_object_or_404(sessions, pk=pk)


def _editor_url(call, day=None):
    url = reverse("programme:timetable_edit", kwargs={"event": call.event_id})
    return f"{url}#day-{day.isoformat()}" if day else url


def _day_of(session):
    return timezone.localtime(session.starts_at, timetable.zone_of(session.call)).date()


def _refused(form, error):
    """Put the service's reasons on the form's fields (the others above it)."""
    for field, problems in error.message_dict.items():
        for problem in problems:
            form.add_error(field if field in form.fields else None, problem)


# --- the editor -----------------------------------------------------------------------


def _placed(call):
    sessions = (
        Session.objects.filter(call=call)
        .select_related("room", "contribution__track", "contribution__submitter")
        .prefetch_related("contribution__coauthor_accounts")
        .in_order()
    )
    sessions = list(sessions)
    for session in sessions:
        session.speaker_list = timetable.speakers(session.contribution)
    return sessions


def _unplaced(call):
    contributions = list(
        call.contributions.filter(state=Contribution.State.ACCEPTED, session__isnull=True)
        .select_related("track", "submitter")
        .prefetch_related("coauthor_accounts")
        .order_by("track__position", "title", "pk")
    )
    for contribution in contributions:
        contribution.speaker_list = timetable.speakers(contribution)
    return contributions


@permission_required("programme.edit_timetable", call_or_404)
def timetable_edit(request, call):
    sessions = _placed(call)
    rooms = list(call.rooms.all())
    context = {
        "call": call,
        "event": call.event,
        "zone": timetable.zone_of(call),
        "grid": timetable.grid(call, sessions),
        "placed": len(sessions),
        "rooms": rooms,
        "unplaced": _unplaced(call),
        "room_form": RoomForm(instance=Room(call=call)),
        "submit_token": token(),
    }
    return render(request, "programme/timetable_edit.html", context)


@require_POST
@permission_required("programme.edit_timetable", call_or_404)
def timetable_publish(request, call):
    publish = request.POST.get("publish") == "1"
    try:
        changed = services.timetable_publish(call=call, publish=publish)
    except services.NotNow as refusal:
        messages.error(request, str(refusal))
        return redirect(_editor_url(call))
    if not changed:
        messages.info(request, _("The timetable already stood so; nothing changed."))
    elif publish:
        messages.success(
            request,
            _("The timetable is public. From now on every move is e-mailed to the speakers "
              "and to the people who starred the session."),
        )  # fmt: skip
    else:
        messages.success(request, _("The timetable is no longer public."))
    return redirect(_editor_url(call))


# --- rooms ----------------------------------------------------------------------------


def _room_form(request, call, room=None):
    form = RoomForm(request.POST or None, instance=room or Room(call=call))
    context = {
        "call": call,
        "event": call.event,
        "room": room,
        "form": form,
        "submit_token": token(),
    }

    def save():
        try:
            saved = services.room_save(call=call, values=form_values(form), room=room)
        except ValidationError as error:
            _refused(form, error)
            messages.error(request, NOTHING_SAVED)
            return render(request, "programme/room_form.html", context)
        if room is None:
            messages.success(request, _("The room “%(room)s” has been added.") % {"room": saved})
        else:
            messages.success(request, _("The room “%(room)s” has been saved.") % {"room": saved})
        return redirect(f"{_editor_url(call)}#rooms")

    return form_page(
        request,
        forms=[form],
        template="programme/room_form.html",
        context=context,
        on_valid=saved_once(request, save),
    )


@require_http_methods(["GET", "POST"])
@permission_required("programme.edit_timetable", call_or_404)
def room_create(request, call):
    return _room_form(request, call)


@require_http_methods(["GET", "POST"])
@permission_required("programme.edit_room", room_or_404)
def room_edit(request, room):
    return _room_form(request, room.call, room)


@require_http_methods(["GET", "POST"])
@permission_required("programme.edit_room", room_or_404)
def room_remove(request, room):
    call = room.call
    if request.method == "POST":
        try:
            services.room_remove(room=room)
        except services.NotNow as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(request, _("The room “%(room)s” has been removed.") % {"room": room})
        return redirect(f"{_editor_url(call)}#rooms")
    context = {"call": call, "event": call.event, "room": room, "held": room.sessions.count()}
    return render(request, "programme/room_confirm_remove.html", context)


# --- sessions -------------------------------------------------------------------------


def _create_initial(request, call):
    """What the "Place" links preselect: ``?contribution=``, ``?day=``, ``?room=``."""
    days = timetable.days(call)
    day = days[0] if days else None
    if request.GET.get("day") in {d.isoformat() for d in days}:
        day = date.fromisoformat(request.GET["day"])
    starts = timezone.localtime(call.event.start, timetable.zone_of(call)).time()
    starts = time(starts.hour, starts.minute)
    ends = datetime.combine(date.min, starts) + timedelta(minutes=call.minutes)
    initial = {
        "day": day.isoformat() if day else None,
        "starts_at": starts,
        "ends_at": ends.time() if ends.date() == date.min else None,
    }
    for name in ("contribution", "room"):
        if request.GET.get(name, "").isdigit():
            initial[name] = int(request.GET[name])
    return initial


def _moved_message(session, told):
    if told is None:
        return _("Moved “%(title)s”.") % {"title": session}
    return ngettext(
        "Moved “%(title)s”; %(count)d person will be told.",
        "Moved “%(title)s”; %(count)d people will be told.",
        told,
    ) % {"title": session, "count": told}


def _session_form(request, call, session=None):
    initial = _create_initial(request, call) if session is None else None
    form = SessionForm(request.POST or None, call=call, session=session, initial=initial)
    context = {
        "call": call,
        "event": call.event,
        "session": session,
        "form": form,
        "zone": form.zone,
        "submit_token": token(),
    }

    def save():
        values = form.values()
        try:
            if session is None:
                saved = services.session_place(call=call, values=values)
                messages.success(request, _("Placed “%(title)s”.") % {"title": saved})
            else:
                _move(request, call, session, values)
        except ValidationError as error:
            _refused(form, error)
            messages.error(request, NOTHING_SAVED)
            return render(request, "programme/session_form.html", context)
        except services.NotNow as refusal:
            messages.error(request, str(refusal))
            return redirect(_editor_url(call))
        return redirect(_editor_url(call, values["starts_at"].date()))

    return form_page(
        request,
        forms=[form],
        template="programme/session_form.html",
        context=context,
        on_valid=saved_once(request, save),
    )


def _move(request, call, session, values):
    moves = (
        session.room_id != values["room"].pk
        or session.starts_at != values["starts_at"]
        or session.ends_at != values["ends_at"]
    )
    told = None
    if moves and call.timetable_published_at is not None:
        told = len(session_audience(session))
    if services.session_move(session=session, values=values):
        messages.success(request, _moved_message(session, told))
    else:
        messages.info(request, _("Nothing changed in “%(title)s”.") % {"title": session})


@require_http_methods(["GET", "POST"])
@permission_required("programme.edit_timetable", call_or_404)
def session_create(request, call):
    return _session_form(request, call)


@require_http_methods(["GET", "POST"])
@permission_required("programme.edit_session", session_or_404)
def session_edit(request, session):
    return _session_form(request, session.call, session)


@require_http_methods(["GET", "POST"])
@permission_required("programme.edit_session", session_or_404)
def session_remove(request, session):
    call = session.call
    day = _day_of(session)
    if request.method == "POST":
        services.session_remove(session=session)
        messages.success(
            request, _("“%(title)s” is no longer in the timetable.") % {"title": session}
        )
        return redirect(_editor_url(call, day))
    published = call.timetable_published_at is not None
    context = {
        "call": call,
        "event": call.event,
        "session": session,
        "zone": timetable.zone_of(call),
        "published": published,
        "audience": session_audience(session) if published else [],
        "cancel": _editor_url(call, day),
    }
    return render(request, "programme/session_confirm_remove.html", context)
