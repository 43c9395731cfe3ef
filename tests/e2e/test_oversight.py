"""Journey 20: oversight. A student cancels a registration after being asked; a
coordinator merges a duplicate skill picked from the suggestions, removes the second
factor of a colleague who lost their phone, saves an event's logistics, and reads the
audit log, the needs overview, the archived lists and the history of each kind of
record."""

import pytest
from allauth.mfa.models import Authenticator
from playwright.sync_api import expect

from accounts.models import User
from core.models import AuditEntry
from curricula.models import Skill
from events import services
from events.models import Registration
from industry.models import NeedSkill
from tests.factories import PASSWORD as FACTORY_PASSWORD
from tests.factories import CoordinatorFactory, UserFactory

from .conftest import PHONE
from .helpers import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_cancel_merge_reset_logistics_audit_and_history(journey, world):
    webinar, need = world["webinar"], world["need"]

    # A student cancels, after being told what cancelling does.
    student = UserFactory(email="cancelling@e2e.test", full_name="Санжар Ахмедов")
    services.registration_create(event=webinar, user=student, mode="online")
    s = journey("cancel", viewport=PHONE)
    sign_in(s, student.email, FACTORY_PASSWORD)
    page = s.goto(f"/events/{webinar.pk}/unregister/")
    expect(page.locator("main")).to_contain_text("You get no further reminders")
    page.get_by_role("button", name="Cancel my registration").click()
    page.wait_for_load_state()
    expect(page.locator(".alert-success")).to_contain_text("Your registration is cancelled.")
    assert Registration.objects.get(user=student).status == "cancelled"

    # A colleague set up an authenticator, then lost the phone.
    colleague = CoordinatorFactory(email="colleague@e2e.test", full_name="Нодира Юсупова")
    k = journey("colleague")
    sign_in(k, colleague.email, FACTORY_PASSWORD)
    assert Authenticator.objects.filter(user=colleague, type="totp").exists()

    c = journey("oversight")
    sign_in(c, world["coordinator"].email, FACTORY_PASSWORD)
    page = c.goto("/accounts/second-factor/reset/")
    page.locator("input[name=email]").fill(colleague.email)
    page.locator("input[name=confirm]").check()
    page.get_by_role("button", name="Remove the second factor").click()
    page.wait_for_load_state()
    expect(page.locator(".alert-success")).to_contain_text(colleague.email)
    assert not Authenticator.objects.filter(user=colleague, type="totp").exists()

    # A duplicate skill, asked for by the need, merged into the one already there.
    duplicate = Skill.objects.create(
        slug="smart-grid-design", name_en="smart grid design", name_ru="проектирование смарт-грид"
    )
    NeedSkill.objects.filter(need=need).update(skill=duplicate)
    page = c.goto(f"/skills/{duplicate.slug}/merge/")
    expect(page.locator("main")).to_contain_text("What refers to it and will move")
    field = page.locator("input[name=into]")
    field.press_sequentially("design sm", delay=30)
    expect(page.locator("#skill-suggestions option[value='design smart grids']")).to_have_count(1)
    field.fill("design smart grids")
    page.get_by_role("button", name="Next: check the merge").click()
    page.wait_for_load_state()
    c.check("merge-confirm")
    page.get_by_role("button", name="Merge", exact=True).click()
    page.wait_for_load_state()
    expect(page.locator(".alert-success")).to_contain_text("was merged into design smart grids")
    assert not Skill.objects.filter(pk=duplicate.pk).exists()
    assert NeedSkill.objects.get(need=need).skill == world["grids"]

    # The event's logistics, saved as they are.
    page = c.goto(f"/events/{webinar.pk}/logistics/")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()
    expect(page.locator(".alert-success")).to_contain_text("The event has been saved.")

    # The audit log holds the reset and the merge; the overview and the archives.
    page = c.goto("/accounts/audit/")
    expect(page.locator("main")).to_contain_text("Second factor reset by a coordinator")
    expect(page.locator("main")).to_contain_text("Merged")
    assert AuditEntry.objects.filter(action="mfa_reset").count() == 1
    assert AuditEntry.objects.filter(action="merged").count() == 1
    page = c.goto("/needs/overview/")
    expect(page.locator("main")).to_contain_text("Substation digitalisation engineers")
    for address in ("/universities/archived/", "/programmes/archived/"):
        page = c.goto(address)
        expect(page.locator("h1")).to_be_visible()

    # The history of each kind of record.
    satbayev, programme = world["satbayev"], world["programmes"][0]
    for address in (
        f"/universities/{satbayev.slug}/history/",
        f"/programmes/{satbayev.slug}/{programme.slug}/history/",
        f"/skills/{world['grids'].slug}/history/",
        f"/needs/{need.pk}/history/",
        f"/organisations/{world['organisation'].slug}/history/",
        f"/events/{webinar.pk}/history/",
    ):
        page = c.goto(address)
        expect(page.locator("h1")).to_contain_text("Changes to")

    # The same pages in Russian: no English left in the interface (checked on each). The
    # coordinator reads Russian from now on (signed-in people are kept in their own).
    User.objects.filter(pk=world["coordinator"].pk).update(
        preferred_language="ru", full_name="Мадина Омарова"
    )
    for address in (
        "/ru/accounts/audit/",
        "/ru/accounts/second-factor/reset/",
        "/ru/needs/overview/",
        f"/ru/events/{webinar.pk}/history/",
        f"/ru/skills/{world['grids'].slug}/merge/",
    ):
        page = c.goto(address)
        expect(page.locator("html")).to_have_attribute("lang", "ru")
