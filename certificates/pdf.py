"""The PDF documents of the app, drawn with fpdf2 in the bundled DejaVu fonts (which
have every letter of Russian, Kazakh and Uzbek): the certificate of attendance (A4
landscape, in the certificate's language, with its verification code and a QR code
of its verification address) and the visa invitation letter (A4 portrait, in English
and Russian)."""

import io
import logging
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

import segno
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.bilingual import read
from core.countries import country_name
from core.emails import absolute_url
from core.timezones import zone_or_none
from events.models import Event, Registration

from .models import Certificate, VisaLetter

FONTS = Path(__file__).resolve().parent.parent / "core" / "fonts"
FONT = "DejaVu"
INK = (29, 36, 41)
ACCENT = (11, 79, 113)
MUTED = (90, 101, 110)
# fontTools tells of every glyph it keeps when fpdf2 subsets a font: not news.
logging.getLogger("fontTools").setLevel(logging.WARNING)
# An event longer than this is counted in days, not hours.
LONGEST_IN_HOURS = timedelta(hours=12)

if TYPE_CHECKING:  # fpdf2 and its fonts load with the first PDF, not with every worker
    from fpdf import FPDF


def _zone(event: Event) -> ZoneInfo:
    return zone_or_none(event.time_zone) or ZoneInfo("UTC")


def _date(moment: datetime, zone: ZoneInfo) -> str:
    return formats.date_format(timezone.localtime(moment, zone), "DATE_FORMAT")


def event_dates(event: Event) -> str:
    """The event's dates in its own time zone, in the active language: one date, or
    the first and the last."""
    zone = _zone(event)
    first, last = _date(event.start, zone), _date(event.end, zone)
    return first if first == last else f"{first} – {last}"


def _number(value: float) -> str:
    return formats.number_format(value, decimal_pos=0 if value == int(value) else 1)


def attendance_length(registration: Registration) -> str:
    """What the certificate says of the time attended: the minutes online where the
    attendance file gives them, or the event's length (hours, or days when long)."""
    if registration.mode == Registration.Mode.ONLINE and registration.online_minutes:
        hours = round(registration.online_minutes / 60 * 2) / 2 or 0.5
        return _("%(hours)s hours attended online") % {"hours": _number(hours)}
    event = registration.event
    length = event.end - event.start
    if length > LONGEST_IN_HOURS:
        zone = _zone(event)
        days = (
            timezone.localtime(event.end, zone).date()
            - timezone.localtime(event.start, zone).date()
        ).days + 1
        return ngettext("%(count)d day", "%(count)d days", days) % {"count": days}
    hours = round(length.total_seconds() / 3600 * 2) / 2 or 0.5
    return _("%(hours)s hours") % {"hours": _number(hours)}


def organisers(event: Event, language: str) -> str:
    names = [event.series.organiser if event.series_id and event.series else "UNECE"]
    if event.host_id and event.host:
        names.append(read(event.host, "name", language).value)
    return ", ".join(dict.fromkeys(name for name in names if name))


def _document(orientation: str) -> "FPDF":
    from fpdf import FPDF  # noqa: PLC0415 - see TYPE_CHECKING above

    pdf = FPDF(orientation=orientation, unit="mm", format="A4")
    pdf.set_auto_page_break(auto=False)
    pdf.add_font(FONT, "", str(FONTS / "DejaVuSans.ttf"))
    pdf.add_font(FONT, "B", str(FONTS / "DejaVuSans-Bold.ttf"))
    pdf.set_creator("Central Asian Regional Platform")
    pdf.add_page()
    pdf.set_text_color(*INK)
    return pdf


def _line(pdf: "FPDF", text: str, *, size: float, bold: bool = False, height: float = 0,
          color: tuple[int, int, int] = INK, align: str = "C") -> None:  # fmt: skip
    pdf.set_font(FONT, "B" if bold else "", size)
    pdf.set_text_color(*color)
    from fpdf.enums import XPos, YPos  # noqa: PLC0415

    pdf.multi_cell(0, height or size * 0.5, text, align=align, new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _qr_png(url: str) -> io.BytesIO:
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="png", scale=8, border=1)
    buffer.seek(0)
    return buffer


def verification_url(certificate: Certificate) -> str:
    return absolute_url(reverse("certificates:verify", kwargs={"code": certificate.code}))


def certificate_pdf(certificate: Certificate) -> bytes:
    """The certificate as a PDF, in its language (the event's texts falling back as
    the site's pages do), dates in the event's time zone."""
    registration = certificate.registration
    event = registration.event
    language = certificate.language
    with translation.override(language):
        pdf = _document("L")
        pdf.set_title(_("Certificate of attendance"))
        pdf.set_subject(certificate.name)
        pdf.set_draw_color(*ACCENT)
        pdf.set_line_width(1.2)
        pdf.rect(8, 8, 281, 194)
        pdf.set_line_width(0.3)
        pdf.rect(11, 11, 275, 188)
        pdf.set_margins(24, 20, 24)
        pdf.set_y(22)
        _line(pdf, _("UNECE · Central Asian Regional Platform"), size=11, color=ACCENT)
        pdf.ln(8)
        _line(pdf, _("Certificate of attendance").upper(), size=28, bold=True, color=ACCENT)
        pdf.ln(8)
        _line(pdf, _("This is to certify that"), size=13, color=MUTED)
        pdf.ln(3)
        _line(pdf, certificate.name, size=26, bold=True)
        pdf.ln(3)
        _line(pdf, _("attended"), size=13, color=MUTED)
        pdf.ln(2)
        _line(pdf, read(event, "title", language).value, size=18, bold=True, height=9)
        pdf.ln(3)
        _line(pdf, f"{event_dates(event)} · {attendance_length(registration)}", size=13)
        pdf.ln(1)
        _line(pdf, _("Organised by %(names)s") % {"names": organisers(event, language)}, size=12)
        url = verification_url(certificate)
        pdf.image(_qr_png(url), x=240, y=150, w=36, h=36)
        pdf.set_xy(24, 160)
        pdf.set_right_margin(62)
        issued = _date(certificate.issued_at, _zone(event))
        _line(pdf, _("Issued on %(date)s") % {"date": issued}, size=10, align="L", height=6)
        _line(pdf, _("Verification code: %(code)s") % {"code": certificate.code},
              size=10, bold=True, align="L", height=6)  # fmt: skip
        _line(pdf, _("Check this certificate at %(url)s") % {"url": url},
              size=9, align="L", height=5, color=MUTED)  # fmt: skip
        return bytes(pdf.output())


# --- the visa invitation letter ----------------------------------------------------


def _letter_text(letter: VisaLetter, language: str) -> list[str]:
    """The letter's paragraphs in ``language``: title, reference, greeting, invitation,
    purpose, the signatory's role."""
    registration = letter.registration
    event, user = registration.event, registration.user
    with translation.override(language):
        host = read(event.host, "name", language).value if event.host_id and event.host else ""
        name = user.full_name or user.display_name
        country = country_name(user.country, language) if user.country else ""
        values = {
            "person": f"{name} ({country})" if country else name,
            "event": read(event, "title", language).value,
            "dates": event_dates(event),
            "venue": read(event, "venue", language).value,
            "host": host,
        }
        if host:
            invite = _(
                "The organisers, the United Nations Economic Commission for Europe (UNECE) "
                "and %(host)s, invite %(person)s to attend “%(event)s”, held on "
                "site on %(dates)s at %(venue)s."
            )
        else:
            invite = _(
                "The organisers, the United Nations Economic Commission for Europe (UNECE), "
                "invite %(person)s to attend “%(event)s”, held on site on "
                "%(dates)s at %(venue)s."
            )
        issued = _date(letter.issued_at, _zone(event))
        return [
            _("Invitation letter"),
            _("Reference %(reference)s, %(date)s")
            % {"reference": letter.reference, "date": issued},
            _("To whom it may concern"),
            invite % values,
            _(
                "This letter is issued at the participant's request, in support of their "
                "visa application. We kindly ask the authorities concerned to facilitate it."
            ),
            _("Coordinator, Central Asian Regional Platform"),
        ]


def visa_letter_pdf(letter: VisaLetter) -> bytes:
    """The letter, in English and then in Russian on the same page (the Russian part
    is left out while its words have no Russian translation)."""
    english = _letter_text(letter, "en")
    parts = [english]
    russian = _letter_text(letter, "ru")
    if russian[0] != english[0]:
        parts.append(russian)
    pdf = _document("P")
    pdf.set_margins(22, 18, 22)
    pdf.set_title(english[0])
    pdf.set_y(18)
    with translation.override("en"):
        _line(pdf, _("UNECE · Central Asian Regional Platform"), size=11, color=ACCENT, align="L")
    for title, reference, greeting, invite, purpose, role in parts:
        pdf.ln(6)
        _line(pdf, title.upper(), size=14, bold=True, color=ACCENT)
        _line(pdf, reference, size=9, color=MUTED)
        pdf.ln(3)
        _line(pdf, greeting, size=11, align="L", height=6)
        pdf.ln(2)
        _line(pdf, invite, size=11, align="J", height=6)
        pdf.ln(2)
        _line(pdf, purpose, size=11, align="J", height=6)
        pdf.ln(4)
        _line(pdf, letter.signatory, size=11, bold=True, align="L", height=6)
        _line(pdf, role, size=10, align="L", height=5, color=MUTED)
    return bytes(pdf.output())
