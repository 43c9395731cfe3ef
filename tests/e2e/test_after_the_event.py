"""Journey 19: around and after an event. A person offered a freed place declines it on
a phone and the next one is asked; a participant gives feedback and the host's staff
read the results; the coordinator issues a visa invitation letter, corrects a name on a
certificate and revokes another; the series' statistics add its events up."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import User
from certificates.models import Certificate, VisaLetter
from core import outbox
from events import services
from events.models import Event, EventSeries, Feedback, Registration, WaitlistOffer
from tests.factories import PASSWORD as FACTORY_PASSWORD
from tests.factories import UniversityMembershipFactory, UserFactory

from .conftest import PHONE
from .helpers import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _decline_link(email):
    (message,) = [m for m in mail.outbox if email in m.to and "/offers/" in m.body]
    return re.search(r"/events/offers/[^\s]+/decline/", message.body).group(0)


def test_decline_feedback_visa_letter_certificates_and_series_statistics(journey, world):
    satbayev = world["satbayev"]
    series = EventSeries.objects.create(
        slug="regional-conferences", name_en="Regional conferences", time_zone="Asia/Almaty"
    )

    # A freed place is offered; the person offered it declines from the e-mail's link,
    # and the place is offered to the next one waiting.
    soon = timezone.now() + timedelta(days=8)
    workshop = Event.objects.create(
        kind="training", format="on_site", title_en="Rare-earth separation workshop",
        title_ru="Практикум по разделению редкоземельных элементов",
        start=soon, end=soon + timedelta(hours=4), time_zone="Asia/Almaty",
        status="published", host=satbayev, venue_en="Satbayev University, laboratory 3",
        capacity_on_site=1, waitlist_mode="offers", series=series,
    )  # fmt: skip
    holder, offered, next_one = (
        UserFactory(email=f"{name}@e2e.test") for name in ("holder", "offered", "next")
    )
    for person in (holder, offered, next_one):
        services.registration_create(event=workshop, user=person, mode="on_site")
    services.registration_cancel(registration=Registration.objects.get(user=holder))
    outbox.send_due()
    o = journey("decline", viewport=PHONE)
    page = o.goto(_decline_link(offered.email))
    expect(page.locator("h1")).to_contain_text("Offer of a place")
    page.get_by_role("button", name="Decline it").click()
    page.wait_for_load_state()
    o.check("offer-declined")
    assert Registration.objects.get(user=offered, event=workshop).status == "cancelled"
    assert WaitlistOffer.objects.get(status="offered").registration.user == next_one

    # A conference of the series ended yesterday: a participant gives feedback.
    ended = timezone.now() - timedelta(days=1)
    conference = Event.objects.create(
        kind="conference", format="on_site", title_en="Regional conference on coal regions",
        title_ru="Региональная конференция об угольных регионах",
        start=ended - timedelta(hours=8), end=ended, time_zone="Asia/Almaty",
        status="published", host=satbayev, venue_en="Satbayev University, main hall",
        certificate_rule="attended", series=series,
    )  # fmt: skip
    attendee, misspelt, traveller = (
        UserFactory(email=f"{name}@e2e.test", full_name=full)
        for name, full in [
            ("attendee", "Айгерим Бекова"),
            ("misspelt", "Тимур Рахимв"),
            ("traveller", "Дилноза Каримова"),
        ]
    )
    for person in (attendee, misspelt, traveller):
        Registration.objects.create(
            event=conference, user=person, mode="on_site", status="confirmed",
            checked_in_at=ended - timedelta(hours=7), wants_visa_letter=person == traveller,
        )  # fmt: skip
    p = journey("feedback", viewport=PHONE)
    sign_in(p, attendee.email, FACTORY_PASSWORD)
    page = p.goto(f"/events/{conference.pk}/feedback/")
    expect(page.locator("h1")).to_contain_text("Your feedback")
    page.get_by_role("button", name="Send my feedback").click()
    page.wait_for_load_state()
    p.check("feedback-without-rating")
    expect(page.locator("main")).to_contain_text("Choose a rating from 1 to 5.")
    page.get_by_label("4", exact=True).check()
    page.locator("textarea[name=comments]").fill("Лучше всего было посещение пилотной установки.")
    page.get_by_role("button", name="Send my feedback").click()
    page.wait_for_load_state()
    expect(page.locator(".alert-success")).to_contain_text("your feedback is saved")
    assert Feedback.objects.get(registration__user=attendee).rating == 4

    s = journey("feedback-results")
    staff = UniversityMembershipFactory(university=satbayev, user__full_name="Ерлан Сапаров").user
    sign_in(s, staff.email, FACTORY_PASSWORD)
    page = s.goto(f"/events/{conference.pk}/feedback/results/")
    expect(page.locator("main")).to_contain_text("посещение пилотной установки")

    # The coordinator: a visa letter, certificates, one corrected and one revoked.
    c = journey("certificates-after")
    sign_in(c, world["coordinator"].email, FACTORY_PASSWORD)
    page = c.goto(f"/certificates/event/{conference.pk}/")
    page.get_by_role("button", name="Issue and e-mail the letter").click()
    page.wait_for_load_state()
    expect(page.locator(".alert-success")).to_contain_text("Дилноза Каримова")
    letter = VisaLetter.objects.get()
    assert letter.registration.user == traveller
    pdf = page.request.get(c.base_url + f"/certificates/visa-letters/{letter.registration_id}/pdf/")
    assert (pdf.status, pdf.headers["content-type"]) == (200, "application/pdf")
    assert pdf.body().startswith(b"%PDF")
    page.get_by_role("link", name="Issue certificates").click()
    page.wait_for_load_state()
    c.check("issue-certificates")
    page.get_by_role("button", name="Issue and e-mail").click()
    page.wait_for_load_state()
    assert Certificate.objects.filter(registration__event=conference).count() == 3

    wrong = Certificate.objects.get(registration__user=misspelt)
    page = c.goto(f"/certificates/{wrong.code}/reissue/")
    page.locator("input[name=name]").fill("Тимур Рахимов")
    page.get_by_role("button", name="Reissue").click()
    page.wait_for_load_state()
    expect(page.locator(".alert-success")).to_contain_text("A corrected certificate")
    wrong.refresh_from_db()
    assert wrong.replaced_by.name == "Тимур Рахимов"

    revoked = Certificate.objects.get(registration__user=attendee)
    page = c.goto(f"/certificates/{revoked.code}/revoke/")
    page.get_by_role("button", name="Revoke").click()
    page.wait_for_load_state()
    c.check("revoke-without-reason")
    assert Certificate.objects.get(pk=revoked.pk).is_valid
    page.locator("textarea[name=reason], input[name=reason]").fill("Выдан не тому человеку.")
    page.get_by_role("button", name="Revoke").click()
    page.wait_for_load_state()
    expect(page.locator(".alert-success")).to_contain_text("The certificate is revoked.")
    assert not Certificate.objects.get(pk=revoked.pk).is_valid
    v = journey("verify-revoked", viewport=PHONE)
    page = v.goto(f"/certificates/{revoked.code}/")
    expect(page.locator("main")).to_contain_text(f"Certificate {revoked.code} was revoked on")

    # The series' statistics: both its events; the three checked in at the conference.
    page = c.goto(f"/events/series/{series.slug}/statistics/")
    expect(page.locator("main")).to_contain_text("Rare-earth separation workshop")
    expect(page.locator("main")).to_contain_text("Regional conference on coal regions")
    expect(page.locator(".stat-totals")).to_contain_text("Attended3")

    # In Russian: no English left in the interface of the coordinator's pages. The
    # coordinator reads Russian from now on (signed-in people are kept in their own).
    User.objects.filter(pk=world["coordinator"].pk).update(
        preferred_language="ru", full_name="Мадина Омарова"
    )
    for address in (
        f"/ru/certificates/event/{conference.pk}/",
        f"/ru/events/{conference.pk}/feedback/results/",
        f"/ru/events/series/{series.slug}/statistics/",
        f"/ru/certificates/{revoked.code}/",
    ):
        page = c.goto(address)
        expect(page.locator("html")).to_have_attribute("lang", "ru")
