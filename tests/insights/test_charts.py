"""The server-drawn charts: the bar chart of the largest gaps and the sparklines."""

import pytest
from django.urls import reverse

from curricula.models import Skill
from insights.charts import Sparkline, Tick, bar_chart, nice_ticks, shorten, sparkline
from insights.gaps import REGION, Cell, Row
from universities.countries import CENTRAL_ASIA

from .test_gaps import need


def _row(name, region, **countries):
    cells = {code: Cell(*countries.get(code, (0.0, 0.0))) for code in CENTRAL_ASIA}
    cells[REGION] = Cell(*region)
    return Row(skill=Skill(name_en=name), cells=cells)


@pytest.mark.parametrize(
    ("top", "ticks"),
    [
        (0, [0, 1]),
        (3, [0, 1, 2, 3]),
        (10, [0, 2, 4, 6, 8, 10]),
        (20, [0, 5, 10, 15, 20]),
        (236, [0, 50, 100, 150, 200, 250]),
        (1240, [0, 500, 1000, 1500]),
    ],
)
def test_axis_ticks_are_round_numbers_from_zero_past_the_largest(top, ticks):
    assert nice_ticks(top) == ticks


@pytest.mark.parametrize(
    ("text", "limit", "short"),
    [
        ("battery recycling", 20, "battery recycling"),
        ("design a mini wind power system", 20, "design a mini wind…"),
        ("electrolysers, alkaline and PEM", 14, "electrolysers…"),
    ],
)
def test_long_names_are_cut_at_a_word(text, limit, short):
    assert shorten(text, limit) == short


def test_wide_chart_has_names_beside_bars_values_at_their_ends_and_an_axis():
    rows = [_row("rare-earth refining", (30.0, 10.0)), _row("grid integration", (10.0, 0.0))]
    chart = bar_chart(rows, place=REGION, layout="wide")
    assert [(bar.label, bar.value, bar.width) for bar in chart.bars] == [
        ("rare-earth refining", 20, "410"),
        ("grid integration", 10, "205"),
    ]
    assert [(bar.y, bar.label_y, bar.value_x) for bar in chart.bars] == [
        ("11", "23", "695"),
        ("37", "49", "490"),
    ]
    assert chart.ticks == [
        Tick(x="280", value=0),
        Tick(x="382.5", value=5),
        Tick(x="485", value=10),
        Tick(x="587.5", value=15),
        Tick(x="690", value=20),
    ]
    assert (chart.label_anchor, chart.axis_y, chart.height) == ("end", 62, 108)


def test_narrow_chart_puts_names_above_the_bars_and_follows_the_place():
    rows = [_row("grid integration", (10.0, 0.0), UZ=(7.0, 1.0))]
    chart = bar_chart(rows, place="UZ", layout="narrow")
    assert chart.label_anchor == "start"
    assert [(bar.value, bar.label_y, bar.y, bar.width) for bar in chart.bars] == [
        (6, "21", "26", "290")
    ]
    assert [tick.value for tick in chart.ticks] == [0, 2, 4, 6]


def test_sparkline_runs_from_oldest_to_today_largest_at_the_top():
    assert sparkline([10.0, 20.0, 30.0]) == Sparkline(
        points="2.5,15.5 32,9 61.5,2.5", last_x="61.5", last_y="2.5"
    )
    assert sparkline([5.0, 5.0]).points == "2.5,9 61.5,9"


@pytest.mark.django_db
def test_the_page_draws_the_labelled_chart_in_both_layouts(client):
    grids = Skill.objects.create(name_en="grid codes", slug="grid-codes")
    solar = Skill.objects.create(name_en="solar in dust", slug="solar-in-dust")
    need(grids, 12, "KZ")
    need(solar, 4, "UZ")
    english = client.get(reverse("insights:gaps")).content.decode()
    assert (
        '<text class="gap-chart-axis-title" x="485" y="100" text-anchor="middle">'
        "Gap (people), next 24 months</text>"
    ) in english
    assert '<title id="chart-wide-title">The 2 largest gaps in Central Asia</title>' in english
    page = client.get("/ru" + reverse("insights:gaps")).content.decode()
    for layout in ("wide", "narrow"):
        assert f'<svg class="gap-chart gap-chart-{layout}" viewBox="0 0 ' in page
    assert (
        '<text class="gap-chart-label" x="272" y="23" text-anchor="end">grid codes</text>' in page
    )
    assert '<text class="gap-chart-value" x="613" y="24">12</text>' in page  # axis to 15
    # Coordinates keep their decimal point in every language.
    assert '<line x1="416.7" x2="416.7" y1="0" y2="62"/>' in page
    assert (
        '<desc id="chart-wide-desc">grid codes: разрыв 12; solar in dust: разрыв 4</desc>' in page
    )
