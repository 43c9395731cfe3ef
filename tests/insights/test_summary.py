"""The plain-language summary at the top of the gap page, in English and Russian."""

import pytest
from django.urls import reverse
from django.utils import translation

from curricula.models import Skill
from insights.gaps import REGION, Cell, Row
from insights.summary import Summary, and_list, gap_summary
from universities.countries import CENTRAL_ASIA

from .test_gaps import need


def _row(skill, region, **countries):
    cells = {code: Cell(*countries.get(code, (0.0, 0.0))) for code in CENTRAL_ASIA}
    cells[REGION] = Cell(*region)
    return Row(skill=skill, cells=cells)


@pytest.fixture
def rows():
    refining = Skill(pk=1, name_en="rare-earth refining", name_ru="переработка РЗЭ")
    grids = Skill(pk=2, name_en="grid integration", name_ru="интеграция в сеть")
    recycling = Skill(pk=3, name_en="battery recycling", name_ru="переработка батарей")
    solar = Skill(pk=4, name_en="solar in dust", name_ru="солнце в пыли")
    return [
        _row(refining, (30.0, 10.0), KZ=(25.0, 13.0), UZ=(5.0, 0.0)),
        _row(grids, (18.0, 0.0), UZ=(18.0, 0.0)),
        _row(recycling, (12.0, 3.0), KZ=(4.0, 3.0), TJ=(8.0, 0.0)),
        _row(solar, (6.0, 20.0), TM=(6.0, 20.0)),  # a surplus
    ]


def test_summary_names_the_largest_gaps_of_the_region_and_each_country(rows):
    assert gap_summary(rows) == Summary(
        region=(
            "The largest gaps in Central Asia are rare-earth refining (gap 20), "
            "grid integration (gap 18) and battery recycling (gap 9)."
        ),
        countries=[
            "Kazakhstan: rare-earth refining (gap 12), battery recycling (gap 1).",
            "Kyrgyzstan: no need posted within this horizon.",
            "Tajikistan: battery recycling (gap 8).",
            "Turkmenistan: no gap; programmes prepare at least as many people as asked for.",
            "Uzbekistan: grid integration (gap 18), rare-earth refining (gap 5).",
        ],
    )


def test_one_gap_is_told_in_the_singular(rows):
    assert gap_summary(rows[1:2]).region == (
        "The largest gap in Central Asia is grid integration (gap 18)."
    )


def test_a_region_without_a_gap_says_so(rows):
    assert gap_summary(rows[3:]).region == (
        "In Central Asia, programmes prepare at least as many people as industry asks for "
        "in every skill listed."
    )


def test_summary_in_russian_keeps_names_in_the_nominative(rows):
    with translation.override("ru"):
        summary = gap_summary(rows)
    # Country and skill stand before the colon and in brackets: never declined.
    assert summary.countries[0] == (
        "Казахстан: переработка РЗЭ (разрыв 12), переработка батарей (разрыв 1)."
    )
    assert summary.countries[2] == "Таджикистан: переработка батарей (разрыв 8)."
    assert "переработка РЗЭ (разрыв 20)" in summary.region
    assert "rare-earth" not in summary.region


def test_lists_join_with_and():
    assert [and_list([]), and_list(["A"]), and_list(["A", "B"]), and_list(["A", "B", "C"])] == [
        "",
        "A",
        "A and B",
        "A, B and C",
    ]


@pytest.mark.django_db
def test_the_page_opens_with_the_summary(client):
    grids = Skill.objects.create(name_en="grid codes", slug="grid-codes")
    need(grids, 12, "KZ")
    page = client.get(reverse("insights:gaps")).content.decode()
    assert '<p class="mb-2">The largest gap in Central Asia is grid codes (gap 12).</p>' in page
    assert "<li>Kazakhstan: grid codes (gap 12).</li>" in page
    assert page.index("gap-summary") < page.index("filters-panel")


@pytest.mark.django_db
def test_the_summary_is_absent_without_any_need(client):
    response = client.get(reverse("insights:gaps"))
    assert response.context["summary"] is None
