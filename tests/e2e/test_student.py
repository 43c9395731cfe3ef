"""Journey 1: a student, in Russian, on a desktop and on a phone."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from accounts.models import User
from events.models import Registration

from .conftest import DESKTOP, PHONE
from .helpers import register

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
PASSWORD = "a-long-e2e-password-2026"


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_student_finds_compares_signs_up_and_registers(journey, world, viewport):
    j = journey(f"student-{viewport['width']}", viewport)
    page = j.goto("/ru/")
    expect(page.locator("h1")).to_contain_text("Центральноазиатская")

    page = j.goto("/ru/programmes/")
    if viewport is PHONE:
        # The filter panel is a <details>: its summary opens it, with or without JavaScript.
        page.locator("summary", has_text="Фильтры и поиск").click()
    page.locator("#id_q").fill("сети")
    page.locator("#id_degree").select_option("master")
    page.locator("#id_language").select_option("en")
    page.locator("#filters button[type=submit]").click()
    expect(page.locator("main")).to_contain_text("Инженерия интеллектуальных сетей")
    expect(page.locator("main")).to_contain_text("Энергосистемы и интеллектуальные сети")
    j.check("catalogue-results")

    for checkbox in page.locator("input[name=p]").all()[:2]:
        checkbox.check()
    page.locator("#compare-form button").click()
    expect(page.locator("table.compare-table thead th a")).to_have_count(2)
    j.check("compare")

    email = f"student{viewport['width']}@e2e.test"
    page = j.goto("/ru/accounts/signup/")
    page.locator("input[name=email]").fill(email)
    page.locator("input[name=password1]").fill(PASSWORD)
    page.locator("input[name=password2]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page.locator("main")).to_contain_text(re.compile("подтвер", re.IGNORECASE))
    j.check("verification-sent")
    (message,) = [m for m in mail.outbox if email in m.to]
    path = re.search(r"/(?:ru/)?accounts/confirm-email/[^\s]+/", message.body).group(0)
    page.goto(j.base_url + path)
    j.check("confirm-email")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert User.objects.get(email=email).preferred_language == "ru"

    webinar = world["webinar"]
    page = j.goto(f"/ru/events/{webinar.pk}/")
    page = register(j, page)
    expect(page.locator(".alert-success")).to_be_visible()
    j.check("registered")
    assert Registration.objects.get(user__email=email).status == "confirmed"

    ics = page.request.get(f"{j.base_url}/events/{webinar.pk}/ics")
    assert ics.ok
    assert "BEGIN:VCALENDAR" in ics.text()
    assert "meet.example.org/room" in ics.text()

    page = j.goto("/ru/events/mine/")
    expect(page.locator("main")).to_contain_text("Вебинар о зелёном водороде")
