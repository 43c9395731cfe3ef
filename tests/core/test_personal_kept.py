"""A stored page drawn for one signed-in person is kept for them while their row, their
standing and the page are unchanged, when every personal part on it is drawn from their
standing alone (core/personal.py, ``by_standing``); otherwise its parts are drawn again
on each request, as before."""

import re
import time
from datetime import timedelta

import pytest
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from core import personal
from curricula.models import Programme
from events.models import Event, Registration
from programme.models import CommitteeMember
from tests.factories import OrganisationMembershipFactory, UserFactory
from tests.programme.test_review import make_call

pytestmark = pytest.mark.django_db

ACCOUNT_MENU = "partials/_account_menu.html"
REGISTRATION_BOX = "events/partials/_registration_box.html"


def _signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def _drawn(response):
    """The templates this response drew (none for a page kept as drawn)."""
    return {template.name for template in response.templates}


def _webinar(**values):
    start = timezone.now() + timedelta(days=5)
    return Event.objects.create(
        title_en="Grid webinar", kind=Event.Kind.WEBINAR, format=Event.Format.ONLINE,
        start=start, end=start + timedelta(hours=1), time_zone="Asia/Almaty",
        status=Event.Status.PUBLISHED, join_url="https://meet.example.org/grid", **values,
    )  # fmt: skip


def _tokens(response):
    return re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.content.decode())


def test_the_event_page_drawn_for_a_person_is_kept_for_them(db):
    event = _webinar()
    ana = UserFactory(full_name="Ana Ivanova")
    client = _signed_in(ana)
    url = event.get_absolute_url()

    stored = client.get(url)  # the page is rendered and stored for everyone signed in
    filled = client.get(url)  # her parts drawn on the stored page, and kept for her
    kept = client.get(url)

    assert "events/event_detail.html" in _drawn(stored)
    assert {ACCOUNT_MENU, REGISTRATION_BOX} <= _drawn(filled)
    assert "events/event_detail.html" not in _drawn(filled)
    assert _drawn(kept) == set()
    assert "Ana Ivanova" in kept.content.decode()
    assert ">Register</a>" in kept.content.decode()
    # Her kept page holds no token of its own: each response masks a fresh one.
    assert "\x00csrf\x00" not in kept.content.decode()
    assert _tokens(kept)
    assert set(_tokens(kept)).isdisjoint(_tokens(filled))
    # Another person gets their own parts, never hers.
    boris = _signed_in(UserFactory(full_name="Boris Petrov")).get(url).content.decode()
    assert "Boris Petrov" in boris
    assert "Ana Ivanova" not in boris


def test_a_change_of_the_persons_row_or_standing_draws_their_parts_again(organisation):
    event = _webinar()
    ana = UserFactory(full_name="Ana Ivanova")
    client = _signed_in(ana)
    url = event.get_absolute_url()
    for _ in range(3):
        page = client.get(url)
    assert _drawn(page) == set()
    assert "Responses</a>" not in page.content.decode()

    ana.full_name = "Ana Sergeyevna"
    ana.save()
    renamed = client.get(url)
    assert ACCOUNT_MENU in _drawn(renamed)
    assert "Ana Sergeyevna" in renamed.content.decode()
    assert _drawn(client.get(url)) == set()

    # Approved into an organisation: her menu now offers its responses' inbox.
    OrganisationMembershipFactory(user=ana, organisation=organisation)
    member = client.get(url)
    assert ACCOUNT_MENU in _drawn(member)
    assert "Responses</a>" in member.content.decode()


def test_a_registration_is_drawn_on_every_request(db):
    event = _webinar()
    ana = UserFactory()
    Registration.objects.create(event=event, user=ana, mode="online", status="confirmed")
    client = _signed_in(ana)
    url = event.get_absolute_url()
    for _ in range(3):
        page = client.get(url)
    # Her place, an offer, the feedback window: drawn for her each time.
    assert REGISTRATION_BOX in _drawn(page)
    assert "You are registered (Online)." in page.content.decode()


def test_a_page_with_a_part_drawn_from_more_than_the_standing_is_never_kept(university):
    Programme.objects.create(
        university=university, title_en="Energy systems", slug="energy-systems",
        degree="master", ects=120, status="published",
    )  # fmt: skip
    client = _signed_in(UserFactory())
    url = reverse("curricula:programme_list")
    for _ in range(3):
        page = client.get(url)
    # Her save buttons read her saved programmes, which her standing does not hold.
    assert "curricula/_save_button.html" in _drawn(page)


def test_a_waiting_message_is_shown_once_and_never_kept(university):
    programme = Programme.objects.create(
        university=university, title_en="Energy systems", slug="energy-systems",
        degree="master", ects=120, status="published",
    )  # fmt: skip
    event = _webinar()
    client = _signed_in(UserFactory())
    url = event.get_absolute_url()
    for _ in range(3):
        client.get(url)
    # Saving a programme leaves a message for the next page she opens.
    client.post(
        reverse("curricula:programme_save", args=[university.slug, programme.slug]),
        {"save": "1", "next": url},
    )
    with_message = client.get(url).content.decode()
    after = client.get(url)
    assert 'class="messages"' in with_message
    assert 'class="messages"' not in after.content.decode()
    assert _drawn(after) == set()


def test_staff_have_their_parts_drawn_every_time(db):
    staff = UserFactory(is_staff=True)
    assert staff.personal_digest() is None
    client = _signed_in(staff)
    url = _webinar().get_absolute_url()
    for _ in range(3):
        page = client.get(url)
    assert ACCOUNT_MENU in _drawn(page)


def test_the_digest_follows_the_row_and_the_standing(organisation):
    ana = UserFactory()
    first = ana.personal_digest()
    assert first == ana.personal_digest()
    OrganisationMembershipFactory(user=ana, organisation=organisation)
    assert ana.personal_digest() != first


def test_a_page_is_kept_no_longer_than_its_parts_change_by_the_clock(db, monkeypatch):
    if not isinstance(caches["default"], LocMemCache):
        pytest.skip("the expiry is moved on with the process's clock")
    # Registration closes in 30 seconds: the page stored for 60 keeps her parts 29.
    event = _webinar(registration_deadline=timezone.now() + timedelta(seconds=30))
    client = _signed_in(UserFactory())
    url = event.get_absolute_url()
    for _ in range(3):
        page = client.get(url)
    assert _drawn(page) == set()
    now = time.time()
    monkeypatch.setattr(time, "time", lambda: now + 31)
    assert REGISTRATION_BOX in _drawn(client.get(url))


def test_a_part_that_asks_to_be_drawn_again_is_not_kept(rf):
    request = rf.get("/")
    request.__dict__["_personal_by_standing"] = True
    assert personal.keepable(request) == (True, None)
    moment = timezone.now() + timedelta(minutes=5)
    personal.until(request, moment + timedelta(minutes=1))
    personal.until(request, moment)
    personal.draw_again(request)
    assert personal.keepable(request) == (False, moment)


def test_a_committee_seat_shows_its_button_on_a_kept_event_page(db):
    call = make_call()
    call.timetable_published_at = None
    ana = UserFactory()
    client = _signed_in(ana)
    url = call.event.get_absolute_url()
    for _ in range(3):
        page = client.get(url)
    assert _drawn(page) == set()
    assert "Timetable editor" not in page.content.decode()
    CommitteeMember.objects.create(call=call, user=ana, role=CommitteeMember.Role.MEMBER)
    assert "Timetable editor" in client.get(url).content.decode()
