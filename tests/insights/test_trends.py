"""The dashboard's trends: snapshots against today's gap table, by hand."""

from datetime import date

import pytest

from curricula.models import Skill
from insights.gaps import REGION, Cell, Row
from insights.models import GapSnapshot
from insights.trends import (
    CountryChange,
    HistoryPoint,
    SkillChange,
    country_gaps,
    history,
    trends,
    widened_countries,
    widened_skills,
)
from universities.countries import CENTRAL_ASIA


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
