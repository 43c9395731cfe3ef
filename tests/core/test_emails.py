import email.policy
from datetime import UTC, datetime
from email import message_from_bytes
from pathlib import Path

import pytest
from django.core.mail import EmailMultiAlternatives
from django.urls import reverse

from core.emails import _BOUNDARY_TOKEN, Attachment, build_message, ics_attachment
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


def _sent_form(user, **kwargs):
    """The message of ``build_message`` as the SMTP backend writes it, and read back."""
    message = build_message("sample/email/when", user=user, context=_context(), **kwargs)
    written = message.message(policy=email.policy.SMTP).as_bytes()
    return message, written, message_from_bytes(written, policy=email.policy.default)


@pytest.mark.django_db
@pytest.mark.usefixtures("sample_templates")
def test_the_portals_writer_writes_what_pythons_does_but_for_the_boundaries():
    user = UserFactory(preferred_language="ru", time_zone="Asia/Bishkek", full_name="Айгуль")
    ics = ics_attachment(b"BEGIN:VCALENDAR\r\nSUMMARY:\xd0\xa1\xd0\xb5\xd1\x82\xd0\xb8\r\n")

    message, written, parsed = _sent_form(user, attachments=[ics])
    # Django's own message, written by Python's own policy (a boundary of its choosing).
    plain = EmailMultiAlternatives.message(message, policy=email.policy.SMTP).as_bytes()
    expected = message_from_bytes(plain, policy=email.policy.default)

    assert parsed["Subject"] == expected["Subject"] == "Мероприятие: Smart grids"
    parts = [p for p in parsed.walk() if not p.is_multipart()]
    expected_parts = [p for p in expected.walk() if not p.is_multipart()]
    assert [(p.get_content_type(), p.get_content()) for p in parts] == [
        (p.get_content_type(), p.get_content()) for p in expected_parts
    ]
    assert [p.get_content_type() for p in parts] == ["text/plain", "text/html", "text/calendar"]
    assert "Сети" in parts[2].get_content()
    # The same headers in every part, once each boundary is named the same.
    boundaries = [p.get_boundary() for p in parsed.walk() if p.is_multipart()]
    theirs = [p.get_boundary() for p in expected.walk() if p.is_multipart()]
    assert boundaries == [f"{_BOUNDARY_TOKEN}_0", f"{_BOUNDARY_TOKEN}_1"]

    def named(value, names):
        for index, name in enumerate(names):
            value = value.replace(name, f"boundary-{index}")
        return value

    def headers(message, names):
        return [
            [(k, named(str(v), names)) for k, v in part.items() if k not in {"Date", "Message-ID"}]
            for part in message.walk()
        ]

    assert headers(parsed, boundaries) == headers(expected, theirs)
    assert len(written) < len(plain)  # shorter boundaries


@pytest.mark.django_db
@pytest.mark.usefixtures("sample_templates")
def test_headers_that_repeat_from_one_email_to_the_next_are_parsed_once():
    first = build_message("sample/email/when", user=UserFactory(), context=_context())
    second = build_message("sample/email/when", user=UserFactory(), context=_context())

    one = first.message(policy=email.policy.SMTP)
    two = second.message(policy=email.policy.SMTP)

    assert one["MIME-Version"] is two["MIME-Version"]
    assert one["Content-Type"] is two["Content-Type"]  # the same boundary
    assert one["To"] != two["To"]


@pytest.mark.django_db
@pytest.mark.usefixtures("sample_templates")
def test_a_part_holding_the_boundary_token_gets_a_boundary_of_pythons_choosing():
    attachment = Attachment("a.txt", f"--{_BOUNDARY_TOKEN}_0\r\n".encode(), "text/plain")

    _message, written, parsed = _sent_form(UserFactory(), attachments=[attachment])

    assert _BOUNDARY_TOKEN not in (parsed.get_boundary() or "")
    parts = [p for p in parsed.walk() if not p.is_multipart()]
    assert [p.get_content_type() for p in parts] == ["text/plain", "text/html", "text/plain"]
    assert parts[2].get_content().strip() == f"--{_BOUNDARY_TOKEN}_0"
    assert written.count(b"--" + parsed.get_boundary().encode() + b"\r\n") == 2
