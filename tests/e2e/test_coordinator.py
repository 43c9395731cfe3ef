"""Journey 4: a coordinator builds a webinar series, picks the next conference host,
and the registered student's reminder arrives once."""

from datetime import timedelta

import pytest
from allauth.mfa.models import Authenticator
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from core import outbox
from core.models import OutboxMessage
from events import reminders, services
from events.models import Event, HostingRecord, RotationMember
from tests.factories import PASSWORD as FACTORY_PASSWORD
from tests.factories import UniversityMembershipFactory, UserFactory

from .helpers import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_coordinator_schedules_a_series_and_a_conference(journey, world):
    RotationMember.objects.create(university=world["satbayev"], position=1, venue_capacity=300)
    RotationMember.objects.create(university=world["tashkent"], position=2, venue_capacity=300)
    host_staff = UniversityMembershipFactory(university=world["satbayev"]).user
    j = journey("coordinator")
    coordinator = world["coordinator"]
    # A coordinator must set up a second factor at the first sign-in...
    sign_in(j, coordinator.email, FACTORY_PASSWORD)
    assert Authenticator.objects.filter(user=coordinator, type="totp").count() == 1
    expect(j.page.locator("main")).to_contain_text("Recovery")
    # ...and then signs in with a code from the authenticator app.
    page = j.goto("/accounts/logout/")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    sign_in(j, coordinator.email, FACTORY_PASSWORD)
    page = j.goto("/coordination/")
    expect(page.locator("h1")).to_be_visible()
    assert "/2fa/" not in page.url

    page = j.goto("/events/manage/series/new/")
    page.locator("#id_name_en").fill("Monthly UNECE webinars")
    page.locator("#id_time_zone").select_option("Asia/Almaty")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("h1")).to_contain_text("Generate a webinar series")
    page.locator("#id_series").select_option(label="Monthly UNECE webinars")
    page.locator("#id_title_en").fill("Energy transition webinar")
    page.locator("#id_ordinal").select_option("1")
    page.locator("#id_day_of_week").select_option("1")
    page.locator("#id_at").fill("10:00")
    page.locator("#id_time_zone").select_option("Asia/Almaty")
    next_month = (timezone.localdate().replace(day=1) + timedelta(days=32)).replace(day=1)
    page.locator("#id_first_month").fill(next_month.isoformat())
    page.locator("#id_count").fill("6")
    page.get_by_role("button", name="Preview the dates").click()
    expect(page.locator("main form ol li")).to_have_count(6)
    j.check("series-preview")
    page.get_by_role("button", name="Create 6 draft events").click()
    expect(page.locator(".alert-success")).to_contain_text("6 draft events")
    series_events = list(Event.objects.filter(series__name_en="Monthly UNECE webinars"))
    for event in series_events:
        page = j.goto(f"/events/{event.pk}/")
        page.get_by_role("button", name="Publish").click()
        expect(page.locator(".alert-success")).to_be_visible()
    assert {e.status for e in Event.objects.filter(pk__in=[e.pk for e in series_events])} == {
        "published"
    }

    start = timezone.localdate() + timedelta(days=200)
    page = j.goto(f"/events/rotation/?start={start.isoformat()}&days=2&attendance=150")
    expect(page.locator("main")).to_contain_text("Proposed host: Satbayev University")
    page.get_by_role("button", name="Confirm and create the draft conference").click()
    expect(page.locator("h1")).to_contain_text("Regional conference")
    j.check("conference-draft")
    assert HostingRecord.objects.get().university == world["satbayev"]
    assert any(host_staff.email in m.to for m in mail.outbox)

    student = UserFactory(email="learner@e2e.test")
    first = series_events[0]
    services.registration_create(event=Event.objects.get(pk=first.pk), user=student, mode="online")
    outbox.send_due()  # the confirmation
    mail.outbox.clear()
    OutboxMessage.objects.filter(
        recipient=student, template=reminders.REMINDER, key__endswith=":60"
    ).update(due_at=timezone.now())
    outbox.send_due()
    outbox.send_due()
    received = [m for m in mail.outbox if m.to == [student.email]]
    assert len(received) == 1
    assert received[0].subject == "Reminder: Energy transition webinar"
