from datetime import UTC, datetime
from email import message_from_bytes
from pathlib import Path

import pytest
from django.urls import reverse

from core.emails import Attachment, build_message, ics_attachment
from tests.factories import UserFactory

TEMPLATES = Path(__file__).parent / "templates"
START = datetime(2027, 3, 1, 6, 0, tzinfo=UTC)


@pytest.fixture
def sample_templates(settings):
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], TEMPLATES]}
    ]


def _context():
    return {
        "title": "Smart grids",
        "start": START,
        "url": lambda _user: "http://testserver" + reverse("events:list"),
    }


@pytest.mark.django_db
@pytest.mark.usefixtures("sample_templates")
def test_build_message_renders_in_the_recipients_language_and_time_zone():
    user = UserFactory(preferred_language="ru", time_zone="Asia/Bishkek", full_name="Айгуль")

    message = build_message("sample/email/when", user=user, context=_context())

    assert message.subject == "Мероприятие: Smart grids"
    assert message.to == [user.email]
    # 06:00 UTC is 12:00 in Bishkek (UTC+6); the link is the Russian page.
    assert message.body == "2027-03-01 12:00 Asia/Bishkek http://testserver/ru/events/\n"
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert '<html lang="ru">' in html
    assert "Здравствуйте, Айгуль" in html
    assert "2027-03-01 12:00" in html
    assert '<a href="http://testserver/ru/events/">Smart grids</a>' in html


@pytest.mark.django_db
@pytest.mark.usefixtures("sample_templates")
def test_build_message_attaches_files_and_headers():
    user = UserFactory(preferred_language="en", time_zone="UTC")

    message = build_message(
        "sample/email/when",
        user=user,
        context=_context(),
        attachments=[ics_attachment(b"BEGIN:VCALENDAR"), Attachment("a.txt", b"x", "text/plain")],
        headers={"Message-ID": "<reminder-1@platform>"},
    )

    parsed = message_from_bytes(message.message().as_bytes())
    assert parsed["Message-ID"] == "<reminder-1@platform>"
    assert [
        (a.get_filename(), a.get_content_type()) for a in parsed.walk() if a.get_filename()
    ] == [
        ("event.ics", "text/calendar"),
        ("a.txt", "text/plain"),
    ]
    assert message.body == "2027-03-01 06:00 UTC http://testserver/events/\n"
