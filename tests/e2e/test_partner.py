"""Journey 3: an industry partner posts a need; university staff answer; the partner accepts."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from industry.models import NeedResponse, SkillNeed
from tests.factories import PASSWORD as FACTORY_PASSWORD
from tests.factories import UniversityMembershipFactory

from .helpers import approve_membership, sign_in, sign_up

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_partner_posts_a_need_staff_respond_partner_accepts(journey, world):
    organisation = world["organisation"]
    partner = journey("partner")
    page = sign_up(partner, "hr@steppe.e2e.test")
    page = partner.goto("/accounts/memberships/request/organisation/")
    page.locator("#id_target").select_option(label=organisation.name_en)
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".alert-success")).to_be_visible()

    coordinator = journey("partner-coordinator")
    sign_in(coordinator, world["coordinator"].email, FACTORY_PASSWORD)
    approve_membership(coordinator, "hr@steppe.e2e.test")

    page = partner.goto(f"/organisations/{organisation.slug}/needs/new/")
    page.locator("#id_title_en").fill("Smart grid engineers")
    page.locator("#id_kind").select_option("hiring")
    page.locator("#id_headcount").fill("6")
    page.locator("#id_country").select_option("KZ")
    page.locator("#id_needed_by").fill((timezone.localdate() + timedelta(days=120)).isoformat())
    page.locator("#id_need_skills-0-skill").fill("design smart grids")
    page.locator("#id_need_skills-0-level").select_option("2")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("h1")).to_contain_text("Smart grid engineers")
    partner.check("need-posted")
    need = SkillNeed.objects.get(title_en="Smart grid engineers")

    UniversityMembershipFactory(university=world["satbayev"], user__email="dean@e2e.test")
    staff = journey("partner-staff")
    sign_in(staff, "dean@e2e.test", FACTORY_PASSWORD)
    page = staff.goto(f"/universities/{world['satbayev'].slug}/needs/")
    page.get_by_role("link", name="Smart grid engineers").click()
    staff.check("matching-need")
    page.get_by_role("link", name="Respond for your university").click()
    page.locator("#id_message").fill("Our Smart Grids Engineering master's graduates.")
    page.locator("#id_programmes").select_option(label="Smart Grids Engineering")
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".alert-success")).to_be_visible()
    staff.check("responded")

    page = partner.goto("/responses/")
    page.get_by_role("link", name="Smart grid engineers").click()
    expect(page.locator("main")).to_contain_text("master's graduates")
    page.get_by_role("button", name="Accept").click()
    expect(page.locator(".alert-success")).to_be_visible()
    partner.check("accepted")
    assert NeedResponse.objects.get(need=need).status == "accepted"
