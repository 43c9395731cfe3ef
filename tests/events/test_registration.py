"""Registration, the waiting list, and what registrants are sent."""

import threading
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from core import outbox
from core.models import OutboxMessage
from events import reminders, services
from events.models import Event, Registration
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_confirmed_until_full_then_waitlisted(make_event):
    event = make_event(capacity_online=2)
    users = UserFactory.create_batch(3)
    statuses = [
        services.registration_create(event=event, user=u, mode="online").status for u in users
    ]
    assert statuses == ["confirmed", "confirmed", "waitlisted"]


def test_unlimited_online_part_of_a_hybrid_event(make_event, university):
    event = make_event(format="hybrid", host=university, venue="Hall A", capacity_on_site=1)
    first, second, third = UserFactory.create_batch(3)
    assert (
        services.registration_create(event=event, user=first, mode="on_site").status == "confirmed"
    )
    assert (
        services.registration_create(event=event, user=second, mode="on_site").status
        == "waitlisted"
    )
    assert (
        services.registration_create(event=event, user=third, mode="online").status == "confirmed"
    )


def test_cancelling_promotes_the_first_waitlisted_and_tells_them(
    make_event, django_capture_on_commit_callbacks
):
    event = make_event(capacity_online=1)
    holder, first_waiting, second_waiting = UserFactory.create_batch(3)
    registration = services.registration_create(event=event, user=holder, mode="online")
    services.registration_create(event=event, user=first_waiting, mode="online")
    services.registration_create(event=event, user=second_waiting, mode="online")
    outbox.send_due()  # the confirmation and the waiting-list notices
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        promoted = services.registration_cancel(registration=registration)
    assert promoted.user == first_waiting
    assert promoted.status == "confirmed"
    assert [m.to for m in mail.outbox] == [[first_waiting.email]]
    assert "A place is free for you" in mail.outbox[0].subject
    assert OutboxMessage.objects.filter(topic=reminders.topic(promoted)).count() == 3
    assert not OutboxMessage.objects.filter(topic=reminders.topic(registration)).exists()


def test_registration_closes_at_the_deadline(make_event, student):
    event = make_event(registration_deadline=timezone.now() - timedelta(minutes=1))
    with pytest.raises(services.RegistrationError, match="closed"):
        services.registration_create(event=event, user=student, mode="online")


def test_mode_must_exist_for_the_event(make_event, student):
    with pytest.raises(services.RegistrationError):
        services.registration_create(event=make_event(), user=student, mode="on_site")


def test_registering_twice_is_refused_but_after_cancelling_is_allowed(make_event, student):
    event = make_event()
    registration = services.registration_create(event=event, user=student, mode="online")
    with pytest.raises(services.RegistrationError, match="already registered"):
        services.registration_create(event=event, user=student, mode="online")
    services.registration_cancel(registration=registration)
    again = services.registration_create(event=event, user=student, mode="online")
    assert (again.pk, again.status) == (registration.pk, "confirmed")


def test_confirmation_email_carries_an_ics_file(
    client, student, make_event, django_capture_on_commit_callbacks
):
    event = make_event()
    client.force_login(student)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("events:register", args=[event.pk]), {"mode": "online"})
    assert response.status_code == 302
    (message,) = mail.outbox
    assert message.to == [student.email]
    filename, content, mimetype = message.attachments[0]
    assert (filename, mimetype) == ("event.ics", "text/calendar")
    assert "secret-room" in content  # a confirmed registrant's calendar holds the room
    registration = Registration.objects.get(user=student)
    assert "http://testserver" + reverse("events:join", args=[registration.code]) in message.body


def test_register_page_flow_and_my_events(client, student, make_event):
    event = make_event()
    client.force_login(student)
    client.post(reverse("events:register", args=[event.pk]), {"mode": "online"})
    page = client.get(reverse("events:mine")).content.decode()
    assert event.title_en in page
    client.post(reverse("events:unregister", args=[event.pk]))
    assert Registration.objects.get().status == "cancelled"


def test_anonymous_visitor_is_sent_to_sign_in(client, make_event):
    event = make_event()
    response = client.post(reverse("events:register", args=[event.pk]), {"mode": "online"})
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_fifty_concurrent_registrations_never_overbook(make_event):
    event = make_event(capacity_online=10)
    users = UserFactory.create_batch(50)
    barrier = threading.Barrier(50)
    errors = []

    def register(user):
        try:
            barrier.wait()
            services.registration_create(event=event, user=user, mode="online")
        except Exception as error:  # noqa: BLE001 - collected for the assertion
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=register, args=(user,)) for user in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    counts = {s: Registration.objects.filter(status=s).count() for s in ("confirmed", "waitlisted")}
    assert counts == {"confirmed": 10, "waitlisted": 40}


def test_draft_event_is_hidden_from_the_public(client, make_event):
    event = make_event(status=Event.Status.DRAFT)
    assert client.get(event.get_absolute_url()).status_code == 404
