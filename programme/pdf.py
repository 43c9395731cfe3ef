"""The printable timetable: an A4 PDF drawn with fpdf2 in the bundled DejaVu fonts
(every letter of Russian, Kazakh and Uzbek), in the active language and the event's
time zone: the event's title and dates, then for each day a table of time, room,
title and speakers."""

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from core.bilingual import read
from core.timezones import zone_label

from .models import Call, Session
from .timetable import public_name, speakers, zone_of

FONTS = Path(__file__).resolve().parent.parent / "core" / "fonts"
FONT = "DejaVu"
INK = (29, 36, 41)
ACCENT = (11, 79, 113)
MUTED = (90, 101, 110)
# Time, room, title, speakers (mm, on the 180 mm between the margins).
COLUMNS = (24, 34, 72, 50)
# fontTools tells of every glyph it keeps when fpdf2 subsets a font: not news.
logging.getLogger("fontTools").setLevel(logging.WARNING)

if TYPE_CHECKING:  # fpdf2 and its fonts load with the first PDF, not with every worker
    from fpdf import FPDF


@dataclass(frozen=True)
class Row:
    """One line of the printed timetable."""

    time: str
    room: str
    title: str
    speakers: str


def session_speakers(session: Session) -> str:
    """The session's speakers, accounts first, then co-authors named without one."""
    contribution = session.contribution
    if contribution is None:
        return ""
    names = [public_name(person) for person in speakers(contribution)]
    names += contribution.coauthor_list()
    return ", ".join(names)


def _time(session: Session, call: Call) -> str:
    zone = zone_of(call)
    start = timezone.localtime(session.starts_at, zone)
    end = timezone.localtime(session.ends_at, zone)
    return f"{formats.time_format(start, 'TIME_FORMAT')}–{formats.time_format(end, 'TIME_FORMAT')}"


def rows_by_day(call: Call, sessions: Iterable[Session]) -> list[tuple[date, list[Row]]]:
    """The printed rows, by day in the event's time zone, each day in time order."""
    zone = zone_of(call)
    days: dict[date, list[Row]] = {}
    for session in sorted(sessions, key=lambda s: (s.starts_at, s.room.position, s.room_id)):
        day = timezone.localtime(session.starts_at, zone).date()
        days.setdefault(day, []).append(
            Row(_time(session, call), str(session.room), str(session), session_speakers(session))
        )
    return sorted(days.items())


def event_dates(call: Call) -> str:
    zone = zone_of(call)
    event = call.event
    first = formats.date_format(timezone.localtime(event.start, zone), "DATE_FORMAT")
    last = formats.date_format(timezone.localtime(event.end, zone), "DATE_FORMAT")
    return first if first == last else f"{first} – {last}"


def _document() -> "FPDF":
    from fpdf import FPDF  # noqa: PLC0415 - see TYPE_CHECKING above

    pdf = FPDF(orientation="P", unit="mm", format="A4")
    pdf.set_margins(15, 15, 15)
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_font(FONT, "", str(FONTS / "DejaVuSans.ttf"))
    pdf.add_font(FONT, "B", str(FONTS / "DejaVuSans-Bold.ttf"))
    pdf.set_creator("Central Asian Regional Platform")
    pdf.add_page()
    pdf.set_text_color(*INK)
    return pdf


def _line(pdf: "FPDF", text: str, *, size: float, bold: bool = False,
          color: tuple[int, int, int] = INK) -> None:  # fmt: skip
    pdf.set_font(FONT, "B" if bold else "", size)
    pdf.set_text_color(*color)
    from fpdf.enums import XPos, YPos  # noqa: PLC0415

    pdf.multi_cell(0, size * 0.5, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _day_table(pdf: "FPDF", rows: list[Row]) -> None:
    pdf.set_font(FONT, "", 9)
    pdf.set_text_color(*INK)
    from fpdf.fonts import FontFace  # noqa: PLC0415

    headings = FontFace(emphasis="BOLD", color=(255, 255, 255), fill_color=ACCENT)
    with pdf.table(
        col_widths=COLUMNS, text_align="LEFT", headings_style=headings, line_height=4.5
    ) as table:
        heading = table.row()
        for label in (_("Time"), _("Room"), _("Title"), _("Speakers")):
            heading.cell(label)
        for row in rows:
            line = table.row()
            for text in (row.time, row.room, row.title, row.speakers):
                line.cell(text)


def timetable_pdf(call: Call, sessions: Iterable[Session]) -> bytes:
    """The timetable of ``call`` as a PDF (``sessions`` with their room, contribution,
    submitter and co-authors loaded)."""
    event = call.event
    title = str(read(event, "title").value)
    pdf = _document()
    pdf.set_title(_("Timetable: %(event)s") % {"event": title})
    _line(pdf, _("UNECE · Central Asian Regional Platform"), size=9, color=ACCENT)
    pdf.ln(2)
    _line(pdf, title, size=16, bold=True)
    _line(pdf, event_dates(call), size=11)
    zone = zone_label(zone_of(call), event.start)
    _line(pdf, _("All times are %(zone)s.") % {"zone": zone}, size=9, color=MUTED)
    days = rows_by_day(call, sessions)
    if not days:
        pdf.ln(4)
        _line(pdf, _("No session has been placed yet."), size=11)
    for day, rows in days:
        pdf.ln(5)
        _line(pdf, formats.date_format(day, "DATE_FORMAT"), size=12, bold=True, color=ACCENT)
        pdf.ln(1)
        _day_table(pdf, rows)
    return bytes(pdf.output())
