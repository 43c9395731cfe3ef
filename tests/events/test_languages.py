"""The private feed keeps the reader's language; a Russian e-mail's .ics is Russian."""

import pytest

from events import emails, services
from events.models import CalendarToken

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("language", "prefix"), [("ru", "/ru"), ("en", "")])
def test_private_feed_address_keeps_the_language_of_the_reader(client, student, language, prefix):
    student.preferred_language = language
    student.save()
    client.force_login(student)
    response = client.get(f"{prefix}/events/mine/")
    token = CalendarToken.objects.get(user=student).token
    assert response.context["private_feed"] == (
        f"http://testserver{prefix}/events/calendar/{token}.ics"
    )


def test_calendar_of_a_russian_email_is_in_russian(make_event, student):
    event = make_event(title_ru="Вебинар о зелёном водороде")
    registration = services.registration_create(event=event, user=student, mode="online")
    student.preferred_language = "ru"
    content = emails.calendar_for(registration, student).content.decode()
    assert "SUMMARY:Вебинар о зелёном водороде" in content
    assert f"/ru/events/{event.pk}/" in content.replace("\r\n ", "")
