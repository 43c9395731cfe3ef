"""Participation statistics: who registered and who attended, by country, gender,
sector, role and mode, for one event, a series or a year; and the figures UNECE
reports (events, participants, share of women, countries reached).

Counted over confirmed registrations (speakers aside). Attended: checked in on
site, joined by the personal link, or present in the video platform's attendance
file. Everything is aggregated in the database, one query per breakdown.
"""

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from accounts.models import User
from core.countries import country_name

from .models import Event, Registration

ATTENDED = Q(checked_in_at__isnull=False) | Q(joined_at__isnull=False) | Q(online_minutes__gt=0)
# (key, the registration's column, its heading)
DIMENSIONS = (
    ("country", "user__country", gettext_lazy("Country")),
    ("gender", "user__gender", gettext_lazy("Gender")),
    ("sector", "user__sector", gettext_lazy("Sector")),
    ("role", "user__participant_role", gettext_lazy("Role")),
    ("mode", "mode", gettext_lazy("Attendance")),
)
LABELS = {
    "gender": dict(User.Gender.choices),
    "sector": dict(User.Sector.choices),
    "role": dict(User.ParticipantRole.choices),
    "mode": dict(Registration.Mode.choices),
}


@dataclass
class Line:
    label: str
    registered: int
    attended: int

    def share_of(self, total: int) -> float:
        return 100 * self.registered / total if total else 0.0


@dataclass
class Breakdown:
    key: str
    heading: str
    lines: list[Line] = field(default_factory=list)


@dataclass
class Participation:
    events: int
    registered: int
    attended: int
    women: int
    countries: int
    breakdowns: list[Breakdown] = field(default_factory=list)

    @property
    def women_share(self) -> float | None:
        """Women among those who said their gender, in per cent (None without any)."""
        said = self.registered - self.unsaid
        return 100 * self.women / said if said else None

    unsaid: int = 0


def counted(events: QuerySet[Event]) -> QuerySet[Registration]:
    """The registrations the statistics count: confirmed, not speakers."""
    return Registration.objects.filter(
        event__in=events, status=Registration.Status.CONFIRMED, is_speaker=False
    )


def _label(key: str, value: str) -> str:
    if not value:
        return _("Not given")
    if key == "country":
        return country_name(value)
    return str(LABELS.get(key, {}).get(value, value))


def participation(events: QuerySet[Event], *, breakdowns: bool = True) -> Participation:
    """The figures of ``events``: totals (two queries) and, with ``breakdowns``, one
    table per dimension (one query each)."""
    registrations = counted(events)
    totals = registrations.aggregate(
        registered=Count("pk"),
        attended=Count("pk", filter=ATTENDED),
        women=Count("pk", filter=Q(user__gender=User.Gender.FEMALE)),
        unsaid=Count("pk", filter=Q(user__gender__in=["", User.Gender.UNSAID])),
        countries=Count("user__country", distinct=True, filter=~Q(user__country="")),
    )
    result = Participation(
        events=events.count(),
        registered=totals["registered"],
        attended=totals["attended"],
        women=totals["women"],
        countries=totals["countries"],
        unsaid=totals["unsaid"],
    )
    if not breakdowns:
        return result
    for key, column, heading in DIMENSIONS:
        rows = (
            registrations.order_by()
            .values(column)
            .annotate(registered=Count("pk"), attended=Count("pk", filter=ATTENDED))
        )
        lines = [Line(_label(key, row[column]), row["registered"], row["attended"]) for row in rows]
        lines.sort(key=lambda line: (-line.registered, line.label))
        result.breakdowns.append(Breakdown(key, str(heading), lines))
    return result


def year_events(year: int) -> QuerySet[Event]:
    """The public events that started in ``year`` (UTC)."""
    start = datetime(year, 1, 1, tzinfo=UTC)
    end = datetime(year + 1, 1, 1, tzinfo=UTC)
    return Event.objects.published().filter(
        status=Event.Status.PUBLISHED, start__gte=start, start__lt=end
    )


def table_rows(figures: Participation) -> list[list[object]]:
    """The statistics as one table: dimension, value, registered, attended."""
    rows: list[list[object]] = [
        [
            _("Breakdown"),
            _("Value"),
            pgettext("statistics column", "Registered"),
            pgettext("statistics column", "Attended"),
        ]
    ]
    rows.append([_("Total"), "", figures.registered, figures.attended])
    for breakdown in figures.breakdowns:
        rows.extend(
            [breakdown.heading, line.label, line.registered, line.attended]
            for line in breakdown.lines
        )
    return rows


def as_csv(rows: Iterable[list[object]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerows(rows)
    return buffer.getvalue()


def as_xlsx(rows: Iterable[list[object]], *, title: str) -> bytes:
    from openpyxl import Workbook  # noqa: PLC0415 - 20 MB, for this download only

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title[:31]
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
