"""Fair waiting lists: offers with a deadline, passed on when declined or unanswered."""

import threading
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from core import outbox
from core.queue import task_named
from events import offer_views, offers, services
from events.models import Event, Registration, WaitlistOffer
from events.tasks import sweep_offers
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def full_event(make_event):
    """An offers-mode event of 2 online places, taken, and 3 people waiting."""

    def make(**values):
        event = make_event(capacity_online=2, waitlist_mode=Event.WaitlistMode.OFFERS, **values)
        people = UserFactory.create_batch(5)
        registrations = [
            services.registration_create(event=event, user=user, mode="online") for user in people
        ]
        outbox.send_due()  # the confirmations and waiting-list notices
        mail.outbox.clear()
        return event, registrations

    return make


def _open(event):
    return list(
        WaitlistOffer.objects.filter(registration__event=event, status="offered").values_list(
            "registration__user__email", flat=True
        )
    )


def test_deadline_is_the_offer_hours_when_the_event_is_far(make_event):
    now = timezone.now()
    event = make_event(start=now + timedelta(days=10))
    assert offers.offer_deadline(event, now=now) == now + timedelta(hours=24)


def test_deadline_is_a_quarter_of_the_time_left_when_the_event_is_close(make_event):
    now = timezone.now()
    event = make_event(start=now + timedelta(hours=20))
    assert offers.offer_deadline(event, now=now) == now + timedelta(hours=5)


def test_deadline_is_at_least_an_hour_but_never_past_the_start(make_event):
    now = timezone.now()
    soon = make_event(start=now + timedelta(hours=2))
    very_soon = make_event(start=now + timedelta(minutes=30))
    assert offers.offer_deadline(soon, now=now) == now + timedelta(hours=1)
    assert offers.offer_deadline(very_soon, now=now) == now + timedelta(minutes=30)


def test_no_deadline_once_the_event_has_started(make_event):
    now = timezone.now()
    event = make_event(start=now - timedelta(minutes=5))
    assert offers.offer_deadline(event, now=now) is None


def test_a_cancellation_offers_the_place_to_the_first_person_waiting(full_event):
    event, (holder, _second, first_waiting, second_waiting, _third) = full_event()
    assert services.registration_cancel(registration=holder) is None
    offer = WaitlistOffer.objects.get()
    first_waiting.refresh_from_db()
    assert (offer.registration, offer.status) == (first_waiting, "offered")
    assert first_waiting.status == "waitlisted"  # not confirmed until accepted
    assert offers.places_free(event)["online"] == 0  # the offer holds the place
    assert offers.waiting_position(second_waiting) == 2


def test_the_offer_email_has_accept_and_decline_links(full_event, settings):
    event, (holder, _second, first_waiting, *_rest) = full_event()
    services.registration_cancel(registration=holder)
    offer = WaitlistOffer.objects.get()
    outbox.send_due()
    assert [m.to for m in mail.outbox] == [[first_waiting.user.email]]
    body = mail.outbox[0].body
    assert mail.outbox[0].subject.startswith("A place is free for you: Green hydrogen webinar")
    assert f"{settings.SITE_URL}/events/offers/{offer.token}/accept/" in body
    assert f"{settings.SITE_URL}/events/offers/{offer.token}/decline/" in body
    assert "you leave the waiting list" in body


def test_places_are_offered_per_mode(make_event, university):
    event = make_event(
        format="hybrid",
        host=university,
        venue="Hall A",
        capacity_on_site=1,
        capacity_online=1,
        waitlist_mode=Event.WaitlistMode.OFFERS,
    )
    on_site, online, waiting_online, waiting_on_site = UserFactory.create_batch(4)
    holder = services.registration_create(event=event, user=on_site, mode="on_site")
    services.registration_create(event=event, user=online, mode="online")
    services.registration_create(event=event, user=waiting_online, mode="online")
    services.registration_create(event=event, user=waiting_on_site, mode="on_site")
    services.registration_cancel(registration=holder)
    assert _open(event) == [waiting_on_site.email]


def test_never_more_offers_than_places_free(full_event):
    event, (first, second, *waiting) = full_event()
    services.registration_cancel(registration=first)
    services.registration_cancel(registration=second)
    assert _open(event) == [waiting[0].user.email, waiting[1].user.email]
    assert offers.offers_make(event=event) == []  # the places are held by the offers


def test_cancelling_a_waiting_place_with_an_open_offer_passes_it_on(full_event):
    event, (holder, _second, first_waiting, second_waiting, _third) = full_event()
    services.registration_cancel(registration=holder)
    services.registration_cancel(registration=first_waiting)
    assert WaitlistOffer.objects.get(registration=first_waiting).status == "declined"
    assert _open(event) == [second_waiting.user.email]


def test_accepting_in_time_confirms_and_tells_them(full_event):
    event, (holder, _second, first_waiting, *_rest) = full_event()
    services.registration_cancel(registration=holder)
    offer = WaitlistOffer.objects.get()
    outbox.send_due()
    mail.outbox.clear()
    answer = offers.offer_accept(offer=offer)
    first_waiting.refresh_from_db()
    assert (answer.outcome, first_waiting.status) == ("accepted", "confirmed")
    assert event.registrations.taking_places().count() == 2
    outbox.send_due()
    assert [m.subject for m in mail.outbox] == ["A place is free for you: Green hydrogen webinar"]


def test_accepting_twice_says_it_is_already_accepted(full_event):
    _event, (holder, *_rest) = full_event()
    services.registration_cancel(registration=holder)
    offer = WaitlistOffer.objects.get()
    offers.offer_accept(offer=offer)
    assert offers.offer_accept(offer=offer).outcome == "already_accepted"


def test_accepting_after_the_deadline_passes_the_place_on(full_event):
    event, (holder, _second, first_waiting, second_waiting, _third) = full_event()
    services.registration_cancel(registration=holder)
    offer = WaitlistOffer.objects.get()
    late = offer.expires_at + timedelta(seconds=1)
    answer = offers.offer_accept(offer=offer, now=late)
    first_waiting.refresh_from_db()
    offer.refresh_from_db()
    assert (answer.outcome, offer.status, first_waiting.status) == (
        "expired",
        "expired",
        "cancelled",
    )
    assert _open(event) == [second_waiting.user.email]


def test_declining_passes_the_place_to_the_next_person(full_event):
    event, (holder, _second, first_waiting, second_waiting, _third) = full_event()
    services.registration_cancel(registration=holder)
    answer = offers.offer_decline(offer=WaitlistOffer.objects.get())
    first_waiting.refresh_from_db()
    assert (answer.outcome, first_waiting.status) == ("declined", "cancelled")
    assert _open(event) == [second_waiting.user.email]
    assert offers.offer_decline(offer=answer.offer).outcome == "already_declined"


def test_the_sweep_expires_overdue_offers_and_passes_them_on(full_event):
    event, (holder, _second, first_waiting, second_waiting, _third) = full_event()
    services.registration_cancel(registration=holder)
    WaitlistOffer.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    assert sweep_offers() == 1
    assert WaitlistOffer.objects.get(registration=first_waiting).status == "expired"
    assert _open(event) == [second_waiting.user.email]
    assert sweep_offers() == 0  # nothing overdue now: a second run changes nothing


def test_the_sweep_offers_places_added_by_a_larger_capacity(full_event):
    event, (_first, _second, *waiting) = full_event()
    Event.objects.filter(pk=event.pk).update(capacity_online=4)
    sweep_offers()
    assert _open(event) == [waiting[0].user.email, waiting[1].user.email]


def test_no_offer_once_the_event_has_started(full_event):
    event, (holder, *_rest) = full_event()
    Event.objects.filter(pk=event.pk).update(
        start=timezone.now() - timedelta(minutes=1), end=timezone.now() + timedelta(hours=1)
    )
    holder.refresh_from_db()
    services.registration_cancel(registration=holder)
    assert offers.offers_sweep() == 0
    assert _open(event) == []


def test_automatic_mode_still_confirms_at_once(make_event):
    event = make_event(capacity_online=1)
    holder, waiting = UserFactory.create_batch(2)
    registration = services.registration_create(event=event, user=holder, mode="online")
    services.registration_create(event=event, user=waiting, mode="online")
    promoted = services.registration_cancel(registration=registration)
    assert (promoted.user, promoted.status) == (waiting, "confirmed")
    assert not WaitlistOffer.objects.exists()


# --- pages --------------------------------------------------------------------------


def test_the_accept_link_shows_the_offer_with_two_buttons(client, full_event):
    _event, (holder, *_rest) = full_event()
    services.registration_cancel(registration=holder)
    offer = WaitlistOffer.objects.get()
    response = client.get(reverse("events:offer_accept", args=[offer.token]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Accept the place" in html
    assert "Decline it" in html
    assert f'action="/events/offers/{offer.token}/decline/"' in html


def test_posting_the_accept_link_confirms(client, full_event):
    _event, (holder, _second, first_waiting, *_rest) = full_event()
    services.registration_cancel(registration=holder)
    offer = WaitlistOffer.objects.get()
    response = client.post(reverse("events:offer_accept", args=[offer.token]))
    first_waiting.refresh_from_db()
    assert response.status_code == 200
    assert "The place is yours: your registration is confirmed." in response.content.decode()
    assert first_waiting.status == "confirmed"


def test_a_late_answer_gets_a_clear_page(client, full_event):
    _event, (holder, *_rest) = full_event()
    services.registration_cancel(registration=holder)
    offer = WaitlistOffer.objects.get()
    WaitlistOffer.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    page = client.get(reverse("events:offer_accept", args=[offer.token])).content.decode()
    response = client.post(reverse("events:offer_accept", args=[offer.token]))
    assert "Accept the place" not in page
    assert "This offer has expired" in page
    assert "This offer has expired" in response.content.decode()


def test_an_unknown_offer_is_not_found(client):
    assert client.get(reverse("events:offer_decline", args=["no-such-token"])).status_code == 404


def _detail(event, registration, user):
    request = RequestFactory().get(event.get_absolute_url())
    request.user = user
    context = {
        "event": event,
        "registration": registration,
        "remaining_on_site": None,
        "remaining_online": 0,
        "can_see_join_link": False,
        **offer_views.detail_extras(user=user, event=event, registration=registration),
    }
    return render_to_string("events/event_detail.html", context, request=request)


def test_the_full_events_button_says_join_the_waiting_list(full_event, student):
    event, _registrations = full_event()
    html = _detail(event, None, student)
    assert "Join the waiting list</a>" in html
    assert f'href="/events/{event.pk}/register/"' in html


def test_a_waiting_person_sees_their_position(full_event):
    event, registrations = full_event()
    third = registrations[4]
    assert "You are number 3 on the waiting list." in _detail(event, third, third.user)


def test_an_open_offer_is_shown_on_the_event_page(full_event):
    event, (holder, _second, first_waiting, *_rest) = full_event()
    services.registration_cancel(registration=holder)
    offer = WaitlistOffer.objects.get()
    first_waiting.refresh_from_db()
    html = _detail(event, first_waiting, first_waiting.user)
    assert "A place is free for you." in html
    assert f'action="/events/offers/{offer.token}/accept/"' in html


# --- concurrency --------------------------------------------------------------------


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_fifty_concurrent_acceptances_never_exceed_the_places(make_event):
    """Fifty open offers for twenty places (written directly, as if places had been
    given past the offers): fifty people accepting at once confirm exactly twenty."""
    event = make_event(capacity_online=20, waitlist_mode=Event.WaitlistMode.OFFERS)
    deadline = timezone.now() + timedelta(hours=2)
    waiting = [
        Registration.objects.create(event=event, user=user, mode="online", status="waitlisted")
        for user in UserFactory.create_batch(50)
    ]
    offered = [WaitlistOffer.objects.create(registration=r, expires_at=deadline) for r in waiting]
    task_named(outbox.SEND_TASK)  # the task modules load once, before the threads race
    barrier = threading.Barrier(50)
    outcomes, errors = [], []

    def accept(offer):
        try:
            barrier.wait()
            outcomes.append(offers.offer_accept(offer=offer).outcome)
        except Exception as error:  # noqa: BLE001 - collected for the assertion
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=accept, args=(offer,)) for offer in offered]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(outcomes).count("accepted") == 20
    assert sorted(outcomes).count("no_place") == 30
    assert Registration.objects.filter(status="confirmed").count() == 20


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_cancellations_make_one_offer_per_freed_place(make_event):
    event = make_event(capacity_online=10, waitlist_mode=Event.WaitlistMode.OFFERS)
    users = UserFactory.create_batch(30)
    registrations = [
        services.registration_create(event=event, user=user, mode="online") for user in users
    ]
    task_named(outbox.SEND_TASK)  # the task modules load once, before the threads race
    barrier = threading.Barrier(10)
    errors = []

    def cancel(registration):
        try:
            barrier.wait()
            services.registration_cancel(registration=registration)
        except Exception as error:  # noqa: BLE001 - collected for the assertion
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=cancel, args=(r,)) for r in registrations[:10]]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    offered = WaitlistOffer.objects.filter(status="offered").order_by("registration__created_at")
    assert [o.registration_id for o in offered] == [r.pk for r in registrations[10:20]]


def test_the_event_page_of_a_full_event_offers_the_waiting_list(client, full_event, student):
    event, _registrations = full_event()
    client.force_login(student)
    html = client.get(event.get_absolute_url()).content.decode()
    assert f'<a class="btn btn-primary" href="/events/{event.pk}/register/">' in html
    assert "Join the waiting list</a>" in html


def test_a_newcomer_gets_no_place_an_open_offer_holds(full_event):
    event, (holder, *_rest) = full_event()
    assert offers.place_for_newcomer(event, "online") is False
    services.registration_cancel(registration=holder)
    assert offers.place_for_newcomer(event, "online") is False  # held by the offer


def test_a_newcomer_waits_behind_people_waiting_for_a_raised_capacity(full_event, make_event):
    event, _registrations = full_event()
    Event.objects.filter(pk=event.pk).update(capacity_online=10)
    event.refresh_from_db()
    open_event = make_event(capacity_online=10, waitlist_mode=Event.WaitlistMode.OFFERS)
    assert offers.place_for_newcomer(event, "online") is False
    assert offers.place_for_newcomer(open_event, "online") is True
