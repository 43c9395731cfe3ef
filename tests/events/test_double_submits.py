"""Double submits and bad combinations get a clear message, never a 500."""

from datetime import date, timedelta

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import translation

from core.models import OutboxMessage
from events import emails, services
from events.models import Event, HostingRecord, Registration, RotationMember
from tests.factories import UniversityFactory

pytestmark = pytest.mark.django_db


def _messages(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.fixture
def member(db):
    """The first of two members: one decision does not end the cycle."""
    RotationMember.objects.create(university=UniversityFactory(country="UZ"), position=2)
    return RotationMember.objects.create(
        university=UniversityFactory(name_en="Almaty U", country="KZ"), position=1
    )


def _decide(client, member, decision, language=""):
    start = (date.today() + timedelta(days=120)).isoformat()
    with translation.override("en"):  # a request to /ru/ leaves Russian active
        path = reverse("events:rotation_decide")
    return client.post(
        f"{language}{path}",
        {"member": member.pk, "decision": decision, "start": start, "days": "2"},
    )


def test_confirming_a_host_twice_says_so_and_creates_one_conference(client, coordinator, member):
    client.force_login(coordinator)
    _decide(client, member, "confirm")

    response = _decide(client, member, "confirm")

    assert response.status_code == 302
    assert _messages(response)[-1] == "Almaty U is already this cycle's host; nothing was changed."
    assert (Event.objects.count(), HostingRecord.objects.count()) == (1, 1)
    assert OutboxMessage.objects.filter(template=emails.HOSTING).count() == 0  # no staff


def test_declining_after_confirming_is_refused_with_a_message(client, coordinator, member):
    client.force_login(coordinator)
    _decide(client, member, "confirm")

    response = _decide(client, member, "decline")

    assert _messages(response)[-1] == "Almaty U is already this cycle's host; nothing was changed."
    assert list(HostingRecord.objects.values_list("outcome", flat=True)) == ["hosted"]


def test_confirming_after_declining_is_refused_in_the_users_language(client, coordinator, member):
    coordinator.preferred_language = "ru"
    coordinator.save()
    client.force_login(coordinator)
    _decide(client, member, "decline", language="/ru")

    response = _decide(client, member, "confirm", language="/ru")

    assert response.status_code == 302
    with translation.override("ru"):
        expected = translation.gettext(
            "%(university)s has already declined this cycle; nothing was changed."
        ) % {"university": member.university}
    assert _messages(response)[-1] == expected
    assert not Event.objects.exists()


def test_the_rotation_services_refuse_a_second_decision(member):
    services.rotation_decline(member=member, cycle=1)
    with pytest.raises(services.RotationError, match="already declined"):
        services.rotation_decline(member=member, cycle=1)
    with pytest.raises(services.RotationError, match="already declined"):
        services.rotation_confirm(member=member, cycle=1, start=date(2030, 5, 1), days=1,
                                  attendance=None)  # fmt: skip
    services.rotation_confirm(member=member, cycle=2, start=date(2030, 5, 1), days=1,
                              attendance=None)  # fmt: skip
    assert HostingRecord.objects.count() == 2


def test_registering_twice_says_so_and_keeps_one_registration(client, student, make_event):
    event = make_event()
    client.force_login(student)
    client.post(reverse("events:register", args=[event.pk]), {"mode": "online"})

    response = client.post(reverse("events:register", args=[event.pk]), {"mode": "online"})

    assert response.status_code == 302
    assert _messages(response)[-1] == "You are already registered for this event."
    assert Registration.objects.filter(event=event).count() == 1
    assert OutboxMessage.objects.filter(template=emails.REGISTRATION).count() == 1


def test_registering_twice_is_refused_in_the_users_language(client, student, make_event):
    student.preferred_language = "ru"
    student.save()
    event = make_event()
    client.force_login(student)
    url = f"/ru{reverse('events:register', args=[event.pk])}"
    client.post(url, {"mode": "online"})

    response = client.post(url, {"mode": "online"})

    assert _messages(response)[-1] == "Вы уже зарегистрированы на это мероприятие."


def test_cancelling_a_registration_asks_first_then_twice_says_there_is_nothing(
    client, student, make_event
):
    event = make_event()
    services.registration_create(event=event, user=student, mode="online")
    client.force_login(student)
    url = reverse("events:unregister", args=[event.pk])

    page = client.get(url)
    assert "Cancel your registration for" in page.content.decode()
    assert Registration.objects.get().status == "confirmed"
    client.post(url)
    response = client.post(url)

    assert response.status_code == 302
    assert _messages(response)[-1] == "You are not registered for this event."
    assert Registration.objects.get().status == "cancelled"


def test_cancelling_an_event_twice_tells_registrants_once(client, coordinator, student, make_event):
    event = make_event()
    services.registration_create(event=event, user=student, mode="online")
    client.force_login(coordinator)
    client.post(reverse("events:cancel", args=[event.pk]))

    response = client.post(reverse("events:cancel", args=[event.pk]))

    assert response.status_code == 302
    assert _messages(response)[-1] == "This event is already cancelled."
    assert OutboxMessage.objects.filter(template=emails.CHANGE).count() == 1
    with pytest.raises(services.EventStateError):
        services.event_cancel(event=event)


def test_a_cancelled_event_cannot_be_published_again(client, coordinator, make_event):
    event = make_event(status="cancelled")
    client.force_login(coordinator)

    response = client.post(reverse("events:publish", args=[event.pk]))

    assert response.status_code == 302
    assert _messages(response)[-1] == "A cancelled or archived event cannot be published."
    assert Event.objects.get(pk=event.pk).status == "cancelled"


def test_resetting_the_calendar_address_asks_first(client, student):
    token = services.calendar_token_for(user=student)
    client.force_login(student)

    page = client.get(reverse("events:reset_calendar"))

    assert "stops working at once" in page.content.decode()
    assert services.calendar_token_for(user=student).token == token.token
    client.post(reverse("events:reset_calendar"))
    assert services.calendar_token_for(user=student).token != token.token
