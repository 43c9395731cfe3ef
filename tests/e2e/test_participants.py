"""Journey 8: participants. People register with their answers; a freed place is
offered, the offer expires and passes on, and the next person accepts; the host's
staff check one in by code on a phone and upload an online attendance file; the
coordinator issues certificates, a visitor verifies one, and the statistics are
exported."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from certificates.models import Certificate
from core import outbox
from events import offers, services
from events.models import Event, EventQuestion, Registration, WaitlistOffer
from tests.factories import PASSWORD as FACTORY_PASSWORD
from tests.factories import UniversityMembershipFactory, UserFactory

from .conftest import PHONE
from .helpers import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _offer_link(email):
    (message,) = [m for m in mail.outbox if email in m.to and "/offers/" in m.body]
    return re.search(r"/events/offers/[^\s]+/accept/", message.body).group(0)


def test_registration_offers_check_in_attendance_certificates_and_statistics(
    journey, world, tmp_path
):
    satbayev = world["satbayev"]
    start = timezone.now() + timedelta(days=6)
    training = Event.objects.create(
        kind="training", format="hybrid", title_en="Battery recycling training",
        start=start, end=start + timedelta(hours=6), time_zone="Asia/Almaty",
        status="published", host=satbayev, venue_en="Satbayev University, hall 2",
        capacity_on_site=1, waitlist_mode="offers", join_url="https://meet.example.org/b",
    )  # fmt: skip
    diet = EventQuestion.objects.create(
        event=training, position=1, kind="choice", required=True, text_en="Dietary needs",
        choices_en="None\nVegetarian\nHalal",
    )  # fmt: skip

    # A first-time participant answers the profile's and the event's questions.
    first = UserFactory(
        email="first@e2e.test", country="", sector="", gender="", participant_role=""
    )
    j = journey("participant")
    sign_in(j, first.email, FACTORY_PASSWORD)
    page = j.goto(f"/events/{training.pk}/register/")
    page.locator("#id_mode_0").check()
    page.locator("#id_country").select_option("TJ")
    page.locator("#id_sector").select_option("academia")
    page.locator("#id_participant_role").select_option("academic")
    page.locator("#id_gender").select_option("female")
    page.locator(f"#id_question_{diet.pk}").select_option("Halal")
    j.check("registration-form")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    expect(page.locator(".alert-success")).to_contain_text("You are registered")
    held = Registration.objects.get(user=first)
    assert (held.status, held.answers.get().value) == ("confirmed", "Halal")

    # Two more wait; the first cancels: the place is offered, the offer expires and
    # passes on, and the third accepts it from the e-mail's link.
    second, third = UserFactory(email="second@e2e.test"), UserFactory(email="third@e2e.test")
    for person in (second, third):
        services.registration_create(
            event=training, user=person, mode="on_site", answers={diet.pk: "None"}
        )
    services.registration_cancel(registration=held)
    outbox.send_due()
    assert WaitlistOffer.objects.get(status="offered").registration.user == second
    WaitlistOffer.objects.filter(status="offered").update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )
    assert offers.offers_sweep() == 1
    outbox.send_due()
    t = journey("offer", viewport=PHONE)
    page = t.goto(_offer_link(third.email))
    page.get_by_role("button", name="Accept the place").click()
    page.wait_for_load_state()
    t.check("offer-accepted")
    assert Registration.objects.get(user=third).status == "confirmed"
    assert Registration.objects.get(user=second).status == "cancelled"

    # The host's staff check the third in by the code typed, on a phone.
    staff = UniversityMembershipFactory(university=satbayev).user
    s = journey("check-in", viewport=PHONE)
    sign_in(s, staff.email, FACTORY_PASSWORD)
    page = s.goto(f"/events/{training.pk}/check-in/")
    code = Registration.objects.get(user=third).code
    page.locator("#checkin-code").fill(code)
    page.locator("#checkin-form button[type=submit]").click()
    expect(page.locator("#checkin-result")).to_contain_text("checked in")
    s.check("checked-in")
    assert Registration.objects.get(user=third).checked_in_at is not None

    # After a webinar, the online attendance file; certificates; verification.
    past = timezone.now() - timedelta(days=1)
    webinar = Event.objects.create(
        kind="webinar", format="online", title_en="Grid storage webinar", start=past,
        end=past + timedelta(hours=2), time_zone="Asia/Almaty", status="published",
        host=satbayev, certificate_rule="minutes", certificate_minutes=60,
    )  # fmt: skip
    for person in (first, second, third):
        Registration.objects.create(event=webinar, user=person, mode="online", status="confirmed")
    report = tmp_path / "zoom.csv"
    report.write_text(
        "Name (original name),User Email,Duration (Minutes)\n"
        f"First,{first.email},95\nSecond,{second.email},20\nGuest,guest@example.org,50\n",
        encoding="utf-8",
    )
    page = s.goto(f"/events/{webinar.pk}/attendance/upload/")
    page.locator("input[type=file]").set_input_files(str(report))
    page.get_by_role("button", name="Preview").click()
    page.wait_for_load_state()
    s.check("attendance-preview")
    expect(page.locator("main")).to_contain_text("guest@example.org")
    page.get_by_role("button", name="Save these minutes").click()
    page.wait_for_load_state()
    assert Registration.objects.get(event=webinar, user=first).online_minutes == 95

    c = journey("certificates")
    sign_in(c, world["coordinator"].email, FACTORY_PASSWORD)
    page = c.goto(f"/certificates/event/{webinar.pk}/")
    page.get_by_role("link", name="Issue certificates").click()
    page.wait_for_load_state()
    page.get_by_role("button", name="Issue and e-mail").click()
    page.wait_for_load_state()
    c.check("issued")
    (certificate,) = Certificate.objects.filter(registration__event=webinar)
    assert certificate.registration.user == first  # 95 minutes; 20 are too few
    outbox.send_due()
    certificates_sent = [
        m
        for m in mail.outbox
        if first.email in m.to and any(name.endswith(".pdf") for name, *_ in m.attachments)
    ]
    assert len(certificates_sent) == 1
    v = journey("verify", viewport=PHONE)
    page = v.goto(f"/certificates/{certificate.code}/")
    expect(page.locator("main")).to_contain_text("is valid")

    page = c.goto(f"/events/{webinar.pk}/statistics/")
    # The three took part online; two of them attended (minutes in the file).
    expect(page.locator("section[aria-labelledby=by-country]")).to_contain_text("Tajikistan")
    expect(page.locator(".stat-totals")).to_contain_text("Attended2")
    csv_link = page.get_by_role("link", name="Download CSV").get_attribute("href")
    exported = page.request.get(c.base_url + csv_link)
    assert exported.status == 200
    assert "Total" in exported.text()
