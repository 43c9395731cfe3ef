import re
import zlib
from datetime import timedelta

import pytest
from django.utils import timezone

from events.models import Event, Registration
from tests.factories import UserFactory

# Letters of Kazakh and Uzbek beside Russian: the fonts must draw every one.
CYRILLIC_NAME = "Әлия Қасымова-Өмірзақ"


@pytest.fixture
def past_event(db, university):
    """A hybrid training that ended yesterday, in Almaty, giving certificates to those
    who attended."""
    start = timezone.now() - timedelta(days=1, hours=3)
    return Event.objects.create(
        title_en="Low carbon development",
        title_ru="Низкоуглеродное развитие",
        kind=Event.Kind.TRAINING,
        format=Event.Format.HYBRID,
        start=start,
        end=start + timedelta(hours=2),
        time_zone="Asia/Almaty",
        host=university,
        venue_en="Main hall",
        venue_ru="Главный зал",
        status=Event.Status.PUBLISHED,
        certificate_rule=Event.CertificateRule.ATTENDED,
    )


@pytest.fixture
def participant(db):
    return UserFactory(
        email="aliya@example.org", full_name=CYRILLIC_NAME, preferred_language="ru", country="KZ"
    )


@pytest.fixture
def register(db):
    def make(event, user=None, **values):
        values.setdefault("mode", Registration.Mode.ONLINE)
        values.setdefault("status", Registration.Status.CONFIRMED)
        return Registration.objects.create(event=event, user=user or UserFactory(), **values)

    return make


@pytest.fixture
def attended(register, past_event, participant):
    """The participant's registration, checked in on site."""
    return register(
        past_event,
        participant,
        mode=Registration.Mode.ON_SITE,
        checked_in_at=past_event.start + timedelta(minutes=5),
    )


def drawn_characters(pdf: bytes) -> set[str]:
    """Every character the PDF's embedded fonts map to (their ToUnicode tables): the
    letters a subset font holds, so the letters the document draws."""
    found: set[str] = set()
    for stream in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.DOTALL):
        try:
            text = zlib.decompress(stream)
        except zlib.error:
            text = stream  # stored as it is (fpdf2 leaves the ToUnicode table plain)
        if b"beginbfchar" not in text and b"beginbfrange" not in text:
            continue
        for code in re.findall(rb"<[0-9A-Fa-f]+>\s*<([0-9A-Fa-f]{4,})>", text):
            found.add(bytes.fromhex(code.decode()).decode("utf-16-be"))
    return found
