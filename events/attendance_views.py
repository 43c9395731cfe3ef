"""Attendance pages: the personal join link, the attendance file of the video
platform (upload, preview, confirm) and the check-in on site."""

from typing import cast

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET, require_POST

from accounts.models import User
from core.decorators import permission_required
from core.middleware import body_limit

from . import attendance
from .models import Event, Registration

# A preview stays valid this long: the file is read once and confirmed from it.
PREVIEW_MAX_AGE = 60 * 60
PREVIEW_SALT = "events.attendance.preview"


def _event(*, pk: int) -> Event:
    return get_object_or_404(Event, pk=pk)


# --- the personal join link ---------------------------------------------------------


@require_GET
def join(request: HttpRequest, code: str) -> HttpResponse:
    """Whoever holds the code may follow it (it is sent to the registrant alone);
    the first click is recorded."""
    registration = attendance.joinable_registration(code)
    if registration is None or not registration.event.join_url:
        return render(request, "events/attendance/join_unknown.html", status=404)
    event = registration.event
    now = timezone.now()
    if now < attendance.join_opens_at(event):
        context = {"event": event, "opens_at": attendance.join_opens_at(event)}
        return render(request, "events/attendance/join_not_open.html", context)
    if now > event.end:
        return render(request, "events/attendance/join_ended.html", {"event": event})
    attendance.registration_join(registration=registration, now=now)
    return redirect(event.join_url)


@require_GET
@login_required
def registration_qr(request: HttpRequest, code: str) -> HttpResponse:
    """The QR code of one's own registration, as an SVG image."""
    registration = Registration.objects.filter(
        code=attendance.normalise_code(code),
        user=cast(User, request.user),  # signed in: login_required
    ).first()
    if registration is None:
        raise Http404
    response = HttpResponse(attendance.qr_svg(registration.code), content_type="image/svg+xml")
    response["Cache-Control"] = "private, max-age=86400"
    return response


# --- the attendance file ------------------------------------------------------------


class AttendanceFileForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Attendance list (CSV)"),
        help_text=gettext_lazy(
            "The participants' report of Zoom, Teams or Meet, as exported: name, e-mail "
            "and duration; UTF-8 or Windows-1251; at most 2 MB."
        ),
    )


def _upload_page(request: HttpRequest, event: Event, form: AttendanceFileForm) -> HttpResponse:
    return render(request, "events/attendance/upload.html", {"event": event, "form": form})


@body_limit(attendance.MAX_ATTENDANCE_FILE_BYTES + 1024 * 1024)  # the file and the form
@permission_required("events.record_attendance", _event)
def attendance_upload(request: HttpRequest, event: Event) -> HttpResponse:
    """Step 1: read the file and show what matches; nothing is written."""
    form = AttendanceFileForm(request.POST or None, request.FILES or None)
    if request.method != "POST":
        return _upload_page(request, event, form)
    if not form.is_valid():
        messages.error(request, _("Choose the attendance file to upload."))
        return _upload_page(request, event, form)
    upload = form.cleaned_data["file"]
    try:
        if upload.size > attendance.MAX_ATTENDANCE_FILE_BYTES:
            raise attendance.AttendanceFileError(
                _("The file is over 2 MB: upload the attendance list alone.")
            )
        rows = attendance.read_attendance_file(upload.read())
    except attendance.AttendanceFileError as error:
        messages.error(request, str(error))
        return _upload_page(request, event, form)
    preview = attendance.attendance_preview(event=event, rows=rows)
    payload = signing.dumps(
        {"event": event.pk, "minutes": preview.minutes_by_registration()},
        salt=PREVIEW_SALT,
        compress=True,
    )
    return render(
        request,
        "events/attendance/preview.html",
        {"event": event, "preview": preview, "payload": payload},
    )


@require_POST
@permission_required("events.record_attendance", _event)
def attendance_confirm(request: HttpRequest, event: Event) -> HttpResponse:
    """Step 2: write the previewed minutes, all or nothing."""
    try:
        data = signing.loads(
            request.POST.get("payload", ""), salt=PREVIEW_SALT, max_age=PREVIEW_MAX_AGE
        )
    except signing.BadSignature:
        data = None
    if not isinstance(data, dict) or data.get("event") != event.pk:
        messages.error(request, _("This preview has expired; upload the file again."))
        return redirect("events:attendance_upload", pk=event.pk)
    minutes = {int(pk): int(value) for pk, value in data["minutes"].items()}
    written = attendance.attendance_minutes_record(event=event, minutes=minutes)
    messages.success(
        request,
        ngettext(
            "Minutes online were saved for %(count)d registration.",
            "Minutes online were saved for %(count)d registrations.",
            written,
        )
        % {"count": written},
    )
    return redirect("events:attendance_upload", pk=event.pk)


# --- the check-in on site -----------------------------------------------------------


def _checkin_texts() -> dict[str, str]:
    """What the scanner script says, in the page's language."""
    return {
        "count": _("%(checked_in)s checked in of %(registered)s registered on site"),
        "queued": _("Scans waiting to be sent: %(count)s"),
        "kept": _("No connection: %(code)s is kept and will be sent when the connection is back."),
        "no_camera": _("No camera can be used here: type the code instead."),
        "refused": _(
            "The camera was not allowed: type the code instead, or allow the camera in "
            "the browser's settings."
        ),
        "signed_out": _("You are signed out: sign in again; the scans waiting are kept."),
        "stop": _("Stop the camera"),
        "start": _("Scan with the camera"),
    }


@require_GET
@permission_required("events.record_attendance", _event)
def check_in(request: HttpRequest, event: Event) -> HttpResponse:
    return render(
        request,
        "events/attendance/check_in.html",
        {
            "event": event,
            "count": attendance.check_in_count(event),
            "checkin_texts": _checkin_texts(),
        },
    )


def _wants_json(request: HttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "")


@require_POST
@permission_required("events.record_attendance", _event)
def check_in_record(request: HttpRequest, event: Event) -> HttpResponse:
    """One scan or typed code: JSON for the scanner, a message and the page again
    without JavaScript."""
    result = attendance.registration_check_in(event=event, code=request.POST.get("code", ""))
    if _wants_json(request):
        count = attendance.check_in_count(event)
        return JsonResponse(
            {
                "status": result.status,
                "name": result.name,
                "message": result.message,
                "checked_in": count.checked_in,
                "registered": count.registered,
            }
        )
    level = messages.SUCCESS if result.status == result.CHECKED_IN else messages.WARNING
    if not result.ok:
        level = messages.ERROR
    messages.add_message(request, level, result.message)
    return redirect("events:check_in", pk=event.pk)
