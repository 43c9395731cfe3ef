"""Attendance: the personal join link's first click, the video platform's attendance
file matched to registrations, and the check-in on site by QR code or short code.

Every write here is a conditional ``UPDATE`` or runs in one transaction: a join link
clicked twice at once counts once, a code scanned on three phones checks its person
in once, and an attendance file is written whole or not at all.
"""

import csv
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

import segno
from django.db import transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.emails import Attachment, absolute_url

from .models import Event, Registration

# The join link opens this long before the start (people test their sound first).
JOIN_OPENS_BEFORE = timedelta(minutes=30)
MAX_ATTENDANCE_FILE_BYTES = 2 * 1024 * 1024
# Longer than any event: a value above it is not a duration but a misread column.
MAX_MINUTES = 60 * 24 * 31


# --- the personal join link ---------------------------------------------------------


def join_path(registration: Registration) -> str:
    return reverse("events:join", kwargs={"code": registration.code})


def join_link(registration: Registration) -> str:
    """The registrant's personal join link, absolute (for e-mails and pages)."""
    return absolute_url(join_path(registration))


def join_opens_at(event: Event) -> datetime:
    return event.start - JOIN_OPENS_BEFORE


def joinable_registration(code: str) -> Registration | None:
    """The confirmed online registration of a published event that ``code`` names."""
    return (
        Registration.objects.filter(
            code=normalise_code(code),
            status=Registration.Status.CONFIRMED,
            mode=Registration.Mode.ONLINE,
            event__status=Event.Status.PUBLISHED,
            event__archived_at__isnull=True,
        )
        .select_related("event")
        .first()
    )


@transaction.atomic
def registration_join(*, registration: Registration, now: datetime | None = None) -> bool:
    """Record the first click on ``registration``'s join link; later clicks (and a
    concurrent second one) change nothing. True when this click was the first."""
    now = now or timezone.now()
    first = Registration.objects.filter(pk=registration.pk, joined_at__isnull=True).update(
        joined_at=now
    )
    if first:
        registration.joined_at = now
    return bool(first)


# --- the QR code of a registration ----------------------------------------------------


def normalise_code(code: str) -> str:
    """A code as typed or scanned: case, spaces and dashes do not matter."""
    return re.sub(r"[\s-]+", "", code or "").upper()[:12]


def qr_svg(code: str) -> str:
    """The QR code of ``code`` as an SVG document, to show on a page."""
    buffer = io.BytesIO()
    segno.make(code, error="m").save(
        buffer, kind="svg", scale=6, border=2, xmldecl=False, svgclass="qr-code", title=code
    )
    return buffer.getvalue().decode()


def qr_attachment(code: str) -> Attachment:
    """The QR code of ``code`` as a PNG, for the confirmation e-mail."""
    buffer = io.BytesIO()
    segno.make(code, error="m").save(buffer, kind="png", scale=10, border=4)
    return Attachment(f"check-in-{code}.png", buffer.getvalue(), "image/png")


# --- the video platform's attendance file ----------------------------------------------


class AttendanceFileError(ValueError):
    """An attendance file that cannot be read; the message says why, for the user."""


@dataclass(frozen=True)
class AttendanceRow:
    """One person of an attendance file: the rows of one e-mail summed."""

    name: str
    email: str
    minutes: int


@dataclass(frozen=True)
class MatchedRow:
    registration: Registration
    row: AttendanceRow


@dataclass(frozen=True)
class AttendancePreview:
    matched: list[MatchedRow]
    unmatched: list[AttendanceRow]

    def minutes_by_registration(self) -> dict[int, int]:
        return {match.registration.pk: match.row.minutes for match in self.matched}


def _header(text: str) -> str:
    text = text.replace("\ufeff", "").strip().strip('"').lower()
    return re.sub(r"\s+", " ", text)


# The usual headers of Zoom, Teams and Meet exports, in English and Russian.
NAME_HEADERS = {
    "name", "name (original name)", "full name", "display name", "participant",
    "participant name", "user name", "имя", "имя (исходное имя)", "полное имя", "фио",
    "участник", "имя участника", "имя пользователя", "first name",
}  # fmt: skip
LAST_NAME_HEADERS = {"last name", "surname", "фамилия"}
EMAIL_HEADERS = {
    "email", "e-mail", "user email", "email address", "e-mail address", "participant email",
    "attendee email", "эл. почта", "электронная почта", "адрес электронной почты", "почта",
    "email пользователя", "эл. почта пользователя", "e-mail пользователя",
}  # fmt: skip
MINUTES_HEADERS = {
    "duration (minutes)", "duration", "minutes", "total duration (minutes)",
    "in-meeting duration", "attendance duration", "time in call", "time in meeting",
    "продолжительность (минуты)", "продолжительность", "длительность",
    "длительность (минуты)", "общая продолжительность (минуты)", "минуты",
    "время в собрании", "продолжительность участия",
}  # fmt: skip


def _columns(header: list[str]) -> dict[str, int]:
    """Which column of ``header`` holds the name, last name, e-mail and minutes."""
    found: dict[str, int] = {}
    for index, text in enumerate(header):
        label = _header(text)
        bare = re.sub(r"\s*\(.*\)$", "", label)
        for field, names in (
            ("last_name", LAST_NAME_HEADERS),
            ("email", EMAIL_HEADERS),
            ("minutes", MINUTES_HEADERS),
            ("name", NAME_HEADERS),
        ):
            if field not in found and (label in names or bare in names):
                found[field] = index
                break
    return found


def _decode(data: bytes) -> str:
    if not data.strip():
        raise AttendanceFileError(_("The file is empty."))
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")  # Teams writes its attendance lists so
    if b"\x00" in data:
        raise AttendanceFileError(
            _("This file is not text: upload the attendance list as a CSV file.")
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1251")
    except UnicodeDecodeError:
        raise AttendanceFileError(
            _("This file is not text in UTF-8 or Windows-1251: save it again as CSV.")
        ) from None


def _rows(text: str, delimiter: str) -> list[list[str]]:
    return [row for row in csv.reader(io.StringIO(text), delimiter=delimiter) if any(row)]


def _table(text: str) -> tuple[dict[str, int], list[list[str]]]:
    """The columns and the data rows of the participants' table in ``text``: the first
    row that names an e-mail and minutes (with a name, preferably) is its header; rows
    above it (a meeting's summary, say) are left out."""
    try:
        sniffed = csv.Sniffer().sniff(text[:8192], delimiters=",;\t").delimiter
    except csv.Error:
        sniffed = ","
    first_rows: list[list[str]] = []
    for delimiter in dict.fromkeys([sniffed, ",", ";", "\t"]):
        rows = _rows(text, delimiter)
        first_rows = first_rows or rows
        headers = [(i, _columns(row)) for i, row in enumerate(rows[:50])]
        usable = [(i, c) for i, c in headers if {"email", "minutes"} <= c.keys()]
        if usable:
            index, columns = next(((i, c) for i, c in usable if "name" in c), usable[0])
            return columns, rows[index + 1 :]
    if not first_rows:
        raise AttendanceFileError(_("The file is empty."))
    raise AttendanceFileError(
        _(
            "The file's columns (%(found)s) are not those of an attendance list: it needs a "
            "name, an e-mail and a duration column, such as “%(expected)s”."
        )
        % {
            "found": ", ".join(f"“{column.strip()}”" for column in first_rows[0] if column),
            "expected": "Name (original name), User Email, Duration (Minutes)",
        }
    )


_PARTS = re.compile(
    r"(\d+(?:[.,]\d+)?)\s*(h|hr|hrs|hours?|ч|час(?:а|ов)?|m|min|mins|minutes?|мин(?:уты?|ут)?"
    r"|s|sec|secs|seconds?|с|сек(?:унды?|унд)?)\b",
    re.IGNORECASE,
)


def parse_seconds(value: str) -> int | None:
    """A duration as export files write it: minutes (``45``, ``45.5``), a clock
    (``1:05:30``) or words (``1h 5m 30s``, ``1 ч 5 мин``). None if it is none."""
    value = value.strip().replace("\xa0", " ")
    if re.fullmatch(r"\d+(?:[.,]\d+)?", value):
        return round(float(value.replace(",", ".")) * 60)
    if re.fullmatch(r"\d{1,3}:\d{2}(?::\d{2})?", value):
        parts = [int(part) for part in value.split(":")]
        hours, minutes, seconds = parts if len(parts) == 3 else [0, *parts]
        return hours * 3600 + minutes * 60 + seconds
    found = _PARTS.findall(value)
    if not found or _PARTS.sub("", value).strip():
        return None
    total = 0.0
    for number, unit in found:
        amount = float(number.replace(",", "."))
        first = unit[0].lower()
        scale = 3600 if first in "hч" else 60 if first in "mм" else 1
        total += amount * scale
    return round(total)


def read_attendance_file(data: bytes) -> list[AttendanceRow]:
    """The people of an attendance file (a Zoom, Teams or Meet export, UTF-8 with or
    without BOM or Windows-1251, separated by commas, semicolons or tabs): one row per
    e-mail (lower-cased), its durations summed. Raises ``AttendanceFileError``."""
    if len(data) > MAX_ATTENDANCE_FILE_BYTES:
        raise AttendanceFileError(_("The file is over 2 MB: upload the attendance list alone."))
    columns, rows = _table(_decode(data))
    seconds: dict[str, int] = {}
    names: dict[str, str] = {}
    for line, row in enumerate(rows, start=2):

        def cell(field: str, row: list[str] = row) -> str:
            index = columns.get(field)
            return row[index].strip() if index is not None and index < len(row) else ""

        email = cell("email").lower()
        duration = parse_seconds(cell("minutes"))
        if duration is None:
            raise AttendanceFileError(
                _("Row %(line)d: “%(value)s” is not a duration.")
                % {"line": line, "value": cell("minutes")}
            )
        name = " ".join(filter(None, [cell("name"), cell("last_name")]))
        key = email or f"#{line}"  # a row without an e-mail stays a row of its own
        seconds[key] = seconds.get(key, 0) + duration
        names.setdefault(key, name)
    people = []
    for key, total in seconds.items():
        minutes = round(total / 60)
        if minutes > MAX_MINUTES:
            raise AttendanceFileError(
                _("The duration of %(email)s is longer than any event: is it in minutes?")
                % {"email": key}
            )
        email = "" if key.startswith("#") else key
        people.append(AttendanceRow(name=names[key], email=email, minutes=minutes))
    return people


def attendance_preview(*, event: Event, rows: list[AttendanceRow]) -> AttendancePreview:
    """``rows`` matched by e-mail (case does not matter) to ``event``'s confirmed
    registrations, and those that match none. One query."""
    registrations = {
        registration.user.email.lower(): registration
        for registration in event.registrations.filter(
            status=Registration.Status.CONFIRMED
        ).select_related("user")
    }
    matched, unmatched = [], []
    for row in rows:
        registration = registrations.get(row.email) if row.email else None
        if registration is None:
            unmatched.append(row)
        else:
            matched.append(MatchedRow(registration=registration, row=row))
    matched.sort(key=lambda match: match.registration.user.display_name.lower())
    return AttendancePreview(matched=matched, unmatched=unmatched)


@transaction.atomic
def attendance_minutes_record(*, event: Event, minutes: Mapping[int, int]) -> int:
    """Write the minutes online of ``event``'s confirmed registrations (by their id),
    all in one transaction; ids that are not (or no longer) such a registration are
    left out. Returns how many were written. No e-mail, no task."""
    registrations = list(
        event.registrations.select_for_update()
        .filter(pk__in=list(minutes), status=Registration.Status.CONFIRMED)
        .order_by("pk")
    )
    for registration in registrations:
        registration.online_minutes = max(0, min(int(minutes[registration.pk]), MAX_MINUTES))
    Registration.objects.bulk_update(registrations, ["online_minutes"])
    return len(registrations)


# --- the check-in on site -------------------------------------------------------------


@dataclass(frozen=True)
class CheckIn:
    """The answer to one scan or typed code."""

    status: str  # "checked_in", "already", "other_event" or "unknown"
    name: str = ""
    checked_in_at: datetime | None = None

    CHECKED_IN, ALREADY, OTHER_EVENT, UNKNOWN = "checked_in", "already", "other_event", "unknown"

    @property
    def ok(self) -> bool:
        return self.status in (self.CHECKED_IN, self.ALREADY)

    @property
    def message(self) -> str:
        if self.status == self.CHECKED_IN:
            return _("%(name)s is checked in. Welcome!") % {"name": self.name}
        if self.status == self.ALREADY:
            at = timezone.localtime(self.checked_in_at).strftime("%H:%M")
            return _("%(name)s was already checked in at %(time)s.") % {
                "name": self.name,
                "time": at,
            }
        if self.status == self.OTHER_EVENT:
            return _("This code is for another event: %(name)s is not registered for this one.") % {
                "name": self.name
            }
        return _("No confirmed registration for this event has this code. Check it and try again.")


@transaction.atomic
def registration_check_in(*, event: Event, code: str, now: datetime | None = None) -> CheckIn:
    """Check in the person whose registration ``code`` names, once: the first scan
    sets ``checked_in_at`` (a conditional UPDATE, so scans on several phones at once
    count once); later ones answer "already". A code of another event, or of no
    confirmed registration, is refused. No e-mail, no task."""
    now = now or timezone.now()
    registration = (
        Registration.objects.filter(code=normalise_code(code))
        .exclude(status=Registration.Status.WAITLISTED)
        .select_related("user")
        .first()
    )
    if registration is None or (
        registration.event_id == event.pk and registration.status != Registration.Status.CONFIRMED
    ):
        return CheckIn(CheckIn.UNKNOWN)
    name = registration.user.display_name
    if registration.event_id != event.pk:
        return CheckIn(CheckIn.OTHER_EVENT, name)
    first = Registration.objects.filter(pk=registration.pk, checked_in_at__isnull=True).update(
        checked_in_at=now
    )
    if first:
        return CheckIn(CheckIn.CHECKED_IN, name, now)
    registration.refresh_from_db(fields=["checked_in_at"])
    return CheckIn(CheckIn.ALREADY, name, registration.checked_in_at)


@dataclass(frozen=True)
class CheckInCount:
    checked_in: int
    registered: int


def check_in_count(event: Event) -> CheckInCount:
    """How many of ``event``'s confirmed on-site registrants are checked in. One query."""
    counts = event.registrations.filter(status=Registration.Status.CONFIRMED).aggregate(
        registered=Count("pk", filter=Q(mode=Registration.Mode.ON_SITE)),
        checked_in=Count("pk", filter=Q(checked_in_at__isnull=False)),
    )
    return CheckInCount(checked_in=counts["checked_in"], registered=counts["registered"])
