"""The certificate and the visa letter as PDF files: real PDFs, drawn in fonts that
hold every letter of the names, with the hours and dates the event gives."""

import io
from datetime import UTC, datetime, timedelta

import pytest
from django.utils import translation

from certificates import services
from certificates.models import Certificate
from certificates.pdf import attendance_length, certificate_pdf, event_dates, visa_letter_pdf
from events.models import Event, Registration
from events.pdf import is_pdf

from .conftest import CYRILLIC_NAME, drawn_characters

pytestmark = pytest.mark.django_db

UZBEK_NAME = "Gʻulom Oʻrinboyev"


def _letters(text):
    return set(text) - {" "}


def test_certificate_is_a_pdf_with_every_letter_of_the_name(attended, coordinator):
    services.certificates_issue(event=attended.event, actor=coordinator)
    certificate = Certificate.objects.get()

    pdf = certificate_pdf(certificate)

    assert pdf.startswith(b"%PDF-")
    assert is_pdf(io.BytesIO(pdf)) is True
    assert _letters(CYRILLIC_NAME) <= drawn_characters(pdf)
    # The document's subject is the name, written in hexadecimal UTF-16.
    subject = "<feff" + CYRILLIC_NAME.encode("utf-16-be").hex() + ">"
    assert f"/Subject {subject}".encode() in pdf


def test_certificate_draws_an_uzbek_name(past_event, register, coordinator):
    registration = register(past_event, joined_at=past_event.start)
    services.certificates_issue(event=past_event, actor=coordinator)
    certificate = Certificate.objects.get(registration=registration)
    certificate.name = UZBEK_NAME

    assert _letters(UZBEK_NAME) <= drawn_characters(certificate_pdf(certificate))


def test_visa_letter_is_a_pdf_with_the_name(attended, coordinator):
    Registration.objects.filter(pk=attended.pk).update(wants_visa_letter=True)
    letter = services.visa_letter_issue(registration=attended, actor=coordinator)

    pdf = visa_letter_pdf(letter)

    assert is_pdf(io.BytesIO(pdf)) is True
    assert _letters(CYRILLIC_NAME) <= drawn_characters(pdf)


def _event(start, end):
    return Event(start=start, end=end, time_zone="Asia/Almaty")


def test_dates_are_read_in_the_event_time_zone():
    # 20:00 UTC on 2 March is 01:00 on 3 March in Almaty (UTC+5).
    start = datetime(2027, 3, 2, 20, tzinfo=UTC)
    with translation.override("en"):
        assert event_dates(_event(start, start + timedelta(hours=2))) == "March 3, 2027"
        assert (
            event_dates(_event(start, start + timedelta(days=2))) == "March 3, 2027 – March 5, 2027"
        )


def test_length_is_the_minutes_online_when_the_attendance_file_gives_them():
    start = datetime(2027, 3, 3, 4, tzinfo=UTC)
    event = _event(start, start + timedelta(hours=3))
    online = Registration(event=event, mode=Registration.Mode.ONLINE, online_minutes=90)
    on_site = Registration(event=event, mode=Registration.Mode.ON_SITE)
    with translation.override("en"):
        assert attendance_length(online) == "1.5 hours attended online"
        assert attendance_length(on_site) == "3 hours"


def test_length_of_an_event_of_several_days_is_in_days():
    start = datetime(2027, 3, 3, 4, tzinfo=UTC)
    event = _event(start, start + timedelta(days=2, hours=8))
    with translation.override("en"):
        assert attendance_length(Registration(event=event, mode="on_site")) == "3 days"
