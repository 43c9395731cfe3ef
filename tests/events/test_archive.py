"""No data lost to a delete: events are archived (hidden, restorable), never deleted in
the site, and the foreign keys that would take others' data with them protect it."""

from datetime import timedelta

import pytest
from django.db.models import ProtectedError
from django.urls import reverse
from django.utils import timezone

from core import outbox
from events import reminders, services
from events.models import Event, HostingRecord, Registration, RotationMember
from tests.factories import UniversityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def past_event(make_event):
    return make_event("Past webinar", start=timezone.now() - timedelta(days=3))


def test_archiving_hides_the_event_and_keeps_its_registrations(
    client, make_event, past_event, student
):
    registration = Registration.objects.create(
        event=past_event, user=student, mode="online", status="confirmed"
    )
    token = services.calendar_token_for(user=student)

    services.event_archive(event=past_event)

    assert Registration.objects.get(pk=registration.pk).status == "confirmed"
    assert list(Event.objects.published()) == []
    assert client.get(past_event.get_absolute_url()).status_code == 404
    assert client.get(reverse("events:ics", args=[past_event.pk])).status_code == 404
    feed = client.get(reverse("events:private_feed", args=[token.token])).content
    assert b"Past webinar" not in feed
    client.force_login(student)
    assert "Past webinar" not in client.get(reverse("events:mine")).content.decode()


def test_coordinators_see_an_archived_event_and_restore_it(client, coordinator, past_event):
    services.event_archive(event=past_event)
    client.force_login(coordinator)
    page = client.get(past_event.get_absolute_url()).content.decode()
    assert "This event is archived" in page
    listing = client.get(reverse("events:manage"))
    assert list(listing.context["archived"]) == [past_event]

    response = client.post(reverse("events:restore", args=[past_event.pk]))

    assert response.url == past_event.get_absolute_url()
    past_event.refresh_from_db()
    assert past_event.archived_at is None
    assert list(Event.objects.published()) == [past_event]


def test_the_archive_page_asks_first_and_says_what_is_kept(client, coordinator, past_event):
    Registration.objects.create(
        event=past_event, user=coordinator, mode="online", status="confirmed"
    )
    client.force_login(coordinator)

    page = client.get(reverse("events:archive", args=[past_event.pk]))

    assert "1 registration is kept." in page.content.decode()
    past_event.refresh_from_db()
    assert past_event.archived_at is None  # nothing happens before the POST
    client.post(reverse("events:archive", args=[past_event.pk]))
    past_event.refresh_from_db()
    assert past_event.archived_at is not None


def test_a_published_event_still_ahead_must_be_cancelled_before_it_is_archived(
    client, coordinator, make_event
):
    event = make_event()
    client.force_login(coordinator)
    page = client.get(reverse("events:archive", args=[event.pk])).content.decode()
    assert "cancel it first" in page

    response = client.post(reverse("events:archive", args=[event.pk]), follow=True)

    assert "cancel it first" in response.content.decode()
    assert Event.objects.get(pk=event.pk).archived_at is None
    services.event_cancel(event=event)
    services.event_archive(event=event)
    assert Event.objects.get(pk=event.pk).archived_at is not None


def test_archiving_twice_or_restoring_a_live_event_is_refused(past_event):
    services.event_archive(event=past_event)
    with pytest.raises(services.EventStateError, match="already archived"):
        services.event_archive(event=past_event)
    services.event_restore(event=past_event)
    with pytest.raises(services.EventStateError, match="not archived"):
        services.event_restore(event=past_event)


@pytest.mark.parametrize("role", ["anonymous", "student", "staff_editor"])
def test_only_coordinators_archive_and_restore(login, role, past_event):
    client = login(role)
    client.post(reverse("events:archive", args=[past_event.pk]))
    assert Event.objects.get(pk=past_event.pk).archived_at is None
    services.event_archive(event=past_event)
    client.post(reverse("events:restore", args=[past_event.pk]))
    assert Event.objects.get(pk=past_event.pk).archived_at is not None


def test_the_follow_up_of_an_archived_event_is_not_sent(past_event, student):
    registration = Registration.objects.create(
        event=past_event, user=student, mode="online", status="confirmed"
    )
    reminders.enqueue_follow_up(registration)
    Event.objects.filter(pk=past_event.pk).update(recording_url="https://video.example.org/1")
    services.event_archive(event=past_event)

    result = outbox.send_due()

    assert (result.sent, result.dropped) == (0, 1)


def test_an_event_with_registrations_cannot_be_deleted(make_event, student):
    event = make_event()
    services.registration_create(event=event, user=student, mode="online")
    with pytest.raises(ProtectedError):
        event.delete()
    assert Registration.objects.filter(event=event).count() == 1


def test_a_university_in_the_rotation_or_its_history_cannot_be_deleted():
    member = RotationMember.objects.create(university=UniversityFactory(), position=1)
    with pytest.raises(ProtectedError):
        member.university.delete()
    hosted = UniversityFactory()
    HostingRecord.objects.create(cycle=1, university=hosted, outcome="declined")
    with pytest.raises(ProtectedError):
        hosted.delete()
