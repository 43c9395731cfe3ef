"""Journey 6: a coordinator reads the demo data as a visitor would: the gap page's
summary and top rows name the region's known gaps, the taxonomy's searches find the
platform's own topics, the demo staff member's university gets advice it could act
on, and no skill out of the platform's scope appears on any of these pages."""

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from accounts.reference import coordinators_group_create
from curricula.models import Skill
from universities.reference import languages_create, research_areas_create

from .conftest import PHONE

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(transactional_db, settings):
    settings.DEMO_DATA_ALLOWED = True
    # The reference rows of the migrations, gone with an earlier test's flush.
    coordinators_group_create()
    research_areas_create()
    languages_create()
    call_command("seed_demo", verbosity=0)
    # Out of scope: the retired skills of more than one word (a single word could be
    # part of an unrelated sentence).
    return [
        name.lower()
        for name in Skill.objects.filter(retired_at__isnull=False).values_list("name_en", flat=True)
        if " " in name
    ]


def _out_of_scope(page, retired):
    text = page.locator("main").inner_text().lower()
    return [name for name in retired if re.search(rf"\b{re.escape(name)}\b", text)]


def test_the_demo_gap_page_reads_as_a_coordinator_expects(journey, demo):
    j = journey("demo-story")
    page = j.goto("/skills/gaps/")
    summary = page.locator(".gap-summary")
    expect(summary).to_contain_text("separate and refine rare-earth elements")
    expect(summary).to_contain_text("recycle lithium-ion batteries")
    assert _out_of_scope(page, demo) == []

    page = j.goto("/skills/gaps/?country=KZ")
    first = page.locator("table.gap-table tbody tr").first
    expect(first).to_contain_text("separate and refine rare-earth elements")
    page = j.goto("/skills/gaps/?country=TJ")
    expect(page.locator("table.gap-table tbody tr").first).to_contain_text(
        "recycle lithium-ion batteries"
    )
    page = j.goto("/skills/gaps/?country=UZ")
    expect(page.locator("table.gap-table tbody tr").first).to_contain_text(
        re.compile("grid codes for variable renewables|design smart grids|grid-scale battery")
    )

    for query, concept in [
        ("graphene", "produce graphene from coal"),
        ("rare earth", "separate and refine rare-earth elements"),
        ("lithium", "extract lithium from brine"),
        ("coal", "coal tar chemistry"),
        ("just transition", "just transition policy"),
    ]:
        page = j.goto(f"/skills/?q={query.replace(' ', '+')}")
        expect(page.locator("main")).to_contain_text(concept)

    page = j.goto("/programmes/")
    assert _out_of_scope(page, demo) == []
    page = j.goto("/universities/satbayev-university/")
    expect(page.locator("main")).to_contain_text("Kazakhstan has been a member since 2010")
    page = j.goto("/universities/satbayev-university/gaps/")
    near = page.locator("section.advice-theme").first
    expect(near).to_contain_text("separate and refine rare-earth elements")
    expect(near).to_contain_text("Rare-earth separation engineers")
    assert _out_of_scope(page, demo) == []


def test_the_demo_gap_page_on_a_phone(journey, demo):
    j = journey("demo-story-phone", viewport=PHONE)
    page = j.goto("/skills/gaps/")
    expect(page.locator(".gap-summary")).to_contain_text("separate and refine rare-earth elements")
    page = j.goto("/universities/satbayev-university/gaps/")
    expect(page.locator("section.advice-theme").first).to_be_visible()
