"""The dashboard's trends and each skill's trend: snapshots against today's gap
table, by hand."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from core.dates import months_back
from curricula.models import Skill
from insights.gaps import REGION, Cell, GapFilters, Row
from insights.models import GapSnapshot
from insights.trends import (
    CountryChange,
    HistoryPoint,
    SkillChange,
    SkillTrend,
    country_gaps,
    history,
    skill_trends,
    trends,
    trends_apply,
    widened_countries,
    widened_skills,
)
from universities.countries import CENTRAL_ASIA

from .test_gaps import need


def _snapshot(month, cells):
    return GapSnapshot(month=month, data={"cells": cells})


def _row(skill, region, **countries):
    """A gap-table row with ``region`` and each country's (demand, supply)."""
    cells = {code: Cell(*countries.get(code, (0.0, 0.0))) for code in CENTRAL_ASIA}
    cells[REGION] = Cell(*region)
    return Row(skill=skill, cells=cells)


@pytest.fixture
def grids():
    return Skill(pk=1, name_en="smart grids", slug="smart-grids")


@pytest.fixture
def solar():
    return Skill(pk=2, name_en="solar energy", slug="solar-energy")


def test_history_sums_the_region_cells_of_each_snapshot():
    january = _snapshot(
        date(2026, 1, 1), [[1, "", 40.0, 20.0], [2, "", 10.0, 15.0], [1, "KZ", 30.0, 20.0]]
    )
    february = _snapshot(date(2026, 2, 1), [[1, "", 50.0, 20.0]])
    assert history([january, february]) == [
        HistoryPoint(month=date(2026, 1, 1), demand=50.0, supply=35.0),
        HistoryPoint(month=date(2026, 2, 1), demand=50.0, supply=20.0),
    ]
    assert [point.gap for point in history([january, february])] == [15.0, 30.0]


def test_widened_skills_compare_today_with_the_snapshot(grids, solar):
    before = _snapshot(date(2026, 1, 1), [[1, "", 40.0, 20.0]])  # grids: gap 20 then
    rows = [_row(grids, (45.0, 20.0)), _row(solar, (30.0, 0.0))]  # solar is new
    assert widened_skills(rows, before) == [
        SkillChange(skill=solar, now=30.0, change=30.0),
        SkillChange(skill=grids, now=25.0, change=5.0),
    ]
    assert widened_skills(rows, before, limit=1) == [
        SkillChange(skill=solar, now=30.0, change=30.0)
    ]


def test_widened_countries_list_every_country_largest_change_first(grids, solar):
    before = _snapshot(
        date(2026, 1, 1), [[1, "KZ", 30.0, 20.0], [2, "KZ", 5.0, 0.0], [1, "UZ", 10.0, 10.0]]
    )  # KZ: gap 15 then; UZ: 0
    rows = [
        _row(grids, (0.0, 0.0), KZ=(30.0, 20.0), UZ=(10.0, 0.0)),
        _row(solar, (0.0, 0.0), UZ=(8.0, 0.0)),
    ]
    assert country_gaps(rows) == {"KZ": 10.0, "KG": 0.0, "TJ": 0.0, "TM": 0.0, "UZ": 18.0}
    changes = widened_countries(rows, before)
    assert changes == [
        CountryChange(country="UZ", now=18.0, change=18.0),
        CountryChange(country="KG", now=0.0, change=0.0),
        CountryChange(country="TJ", now=0.0, change=0.0),
        CountryChange(country="TM", now=0.0, change=0.0),
        CountryChange(country="KZ", now=10.0, change=-5.0),
    ]
    assert changes[0].label == "Uzbekistan"


def test_trends_compare_with_the_newest_snapshot_and_list_history_oldest_first(grids):
    newest = _snapshot(date(2026, 2, 1), [[1, "", 40.0, 30.0]])
    older = _snapshot(date(2026, 1, 1), [[1, "", 40.0, 0.0]])
    moved = trends([_row(grids, (40.0, 20.0))], [newest, older])
    assert moved.latest is newest
    assert [point.month for point in moved.history] == [date(2026, 1, 1), date(2026, 2, 1)]
    assert moved.widened_skills == [SkillChange(skill=grids, now=20.0, change=10.0)]


def test_no_snapshot_means_no_trend(grids):
    moved = trends([_row(grids, (40.0, 20.0))], [])
    assert (moved.history, moved.latest, moved.widened_skills, moved.widened_countries) == (
        [],
        None,
        [],
        [],
    )


def test_skill_trends_run_from_the_oldest_snapshot_to_today(grids, solar):
    newest = _snapshot(date(2026, 6, 1), [[1, "", 40.0, 25.0], [1, "KZ", 9.0, 0.0]])
    oldest = _snapshot(date(2026, 1, 1), [[1, "", 30.0, 20.0]])
    rows = [_row(grids, (40.0, 22.0), KZ=(12.0, 0.0)), _row(solar, (5.0, 0.0))]
    found = skill_trends(rows, [newest, oldest])
    assert found == {
        1: SkillTrend(gaps=[10.0, 15.0, 18.0], since=date(2026, 1, 1)),
        2: SkillTrend(gaps=[0.0, 0.0, 5.0], since=date(2026, 1, 1)),  # absent: no gap then
    }
    assert skill_trends(rows, [newest, oldest], place="KZ")[1].gaps == [0.0, 9.0, 12.0]
    assert skill_trends(rows, []) == {}


@pytest.mark.parametrize(
    ("gaps", "today", "words"),
    [
        ([12.0, 18.0], date(2026, 7, 15), "gap 12 → 18 over 6 months"),
        ([12.0, 18.0], date(2026, 2, 3), "gap 12 → 18 over 1 month"),
        ([12.0, 18.0], date(2026, 1, 20), "gap 12 → 18 this month"),
        ([0.0, -30.4], date(2026, 4, 1), "gap 0 → −30 over 3 months"),
    ],
)
def test_a_trend_in_words(gaps, today, words):
    assert SkillTrend(gaps=gaps, since=date(2026, 1, 1)).words(today) == words


def test_trends_are_only_for_every_kind_of_need():
    assert trends_apply(GapFilters(theme="hydrogen", horizon_months=12)) is True
    assert trends_apply(GapFilters(kind="internships")) is False


@pytest.mark.django_db
def test_each_row_of_the_page_has_its_sparkline_and_words(client):
    skill = Skill.objects.create(name_en="grid codes", slug="grid-codes")
    need(skill, 18, "KZ")
    today = timezone.localdate()
    then = months_back(4, today=today).replace(day=1)
    GapSnapshot.objects.create(month=then, data={"cells": [[skill.pk, "", 12.0, 0.0]]})
    page = client.get(reverse("insights:gaps")).content.decode()
    assert (
        '<td class="trend-cell"><svg class="sparkline" viewBox="0 0 64 18" width="64" height="18" '
        'aria-hidden="true" focusable="false"><polyline class="sparkline-line" '
        'points="2.5,15.5 61.5,2.5"/><circle class="sparkline-dot" cx="61.5" cy="2.5" r="2"/>'
        '</svg> <span class="trend-words">gap 12 → 18 over 4 months</span></td>'
    ) in page
    assert '<th scope="col">Trend: Central Asia</th>' in page
    # Another horizon has no snapshot yet; a kind of need is not in the snapshots.
    other = client.get(reverse("insights:gaps"), {"horizon": "12"}).content.decode()
    assert "trend-cell" not in other
    assert "No monthly snapshot for this horizon yet" in other
    kind = client.get(reverse("insights:gaps"), {"kind": "hiring"}).content.decode()
    assert "Trends are shown for every kind of need together" in kind
