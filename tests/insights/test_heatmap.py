"""The heatmap of themes by country, from gap-table rows built by hand, and its cells
on the page."""

import pytest
from django.urls import reverse

from curricula.models import Skill
from insights.gaps import REGION, Cell, Row
from insights.heatmap import ThemeCell, cell_words, legend, theme_heatmap
from tests.factories import UniversityFactory
from universities.countries import CENTRAL_ASIA
from universities.models import ResearchArea

from .test_gaps import need, programme

pytestmark = pytest.mark.django_db


def _row(skill, region, **countries):
    cells = {code: Cell(*countries.get(code, (0.0, 0.0))) for code in CENTRAL_ASIA}
    cells[REGION] = Cell(*region)
    return Row(skill=skill, cells=cells)


@pytest.fixture
def themes():
    return (
        ResearchArea.objects.get(slug="power-systems-smart-grids"),
        ResearchArea.objects.get(slug="hydrogen"),
    )


def test_a_theme_adds_its_skills_counting_places_only_up_to_each_skills_demand(themes):
    grids, hydrogen = themes
    rows = [
        _row(Skill(pk=1, name_en="grid codes", theme=grids), (40.0, 20.0), KZ=(30.0, 20.0)),
        # A surplus of 45 in Kazakhstan: it must not hide the shortage of grid codes.
        _row(Skill(pk=2, name_en="demand response", theme=grids), (5.0, 50.0), KZ=(5.0, 50.0)),
        _row(Skill(pk=3, name_en="electrolysers", theme=hydrogen), (8.0, 0.0), UZ=(8.0, 0.0)),
        _row(Skill(pk=4, name_en="untagged"), (3.0, 3.0), TJ=(3.0, 3.0)),
    ]
    heat = theme_heatmap(rows)
    assert [(row.theme, row.name) for row in heat] == [
        (grids, "Power systems and smart grids"),
        (hydrogen, "Hydrogen"),
        (None, "Skills without a theme"),
    ]
    assert heat[0].cells["KZ"] == ThemeCell(demand=35.0, met=25.0)
    assert heat[0].cells[REGION] == ThemeCell(demand=45.0, met=25.0)
    assert heat[0].cells["UZ"] == ThemeCell(demand=0.0, met=0.0)
    assert heat[1].cells["UZ"] == ThemeCell(demand=8.0, met=0.0)
    assert heat[2].cells["TJ"] == ThemeCell(demand=3.0, met=3.0)
    assert [heat[0].cells["KZ"].gap, heat[0].cells["KZ"].band] == [10.0, "2"]  # 25 / 35 met
    assert [heat[1].cells["UZ"].band, heat[2].cells["TJ"].band, heat[0].cells["UZ"].band] == [
        "0",
        "4",
        "none",
    ]


@pytest.mark.parametrize(
    ("cell", "words"),
    [
        (
            ThemeCell(demand=35.0, met=25.0),
            "industry asks for 35 people; programmes prepare about 25 of them",
        ),
        (
            ThemeCell(demand=1.0, met=0.0),
            "industry asks for 1 person; programmes prepare none of them",
        ),
        (
            ThemeCell(demand=12.0, met=12.0),
            "industry asks for 12 people; programmes prepare enough for all of them",
        ),
        (ThemeCell(demand=0.0, met=0.0), "no need posted"),
    ],
)
def test_each_cell_in_words(cell, words):
    assert cell_words(cell) == words


def test_the_legend_names_every_band_in_words():
    assert legend() == [
        ("0", "less than a quarter of the demand met"),
        ("1", "a quarter to half of the demand met"),
        ("2", "half to three quarters of the demand met"),
        ("3", "three quarters or more met, still short"),
        ("4", "all of the demand met"),
        ("none", "no need posted"),
    ]


def test_heatmap_cells_link_to_the_table_of_their_theme_and_country(client, themes):
    grids, _hydrogen = themes
    codes = Skill.objects.create(name_en="grid codes", slug="grid-codes", theme=grids)
    need(codes, 35, "KZ")
    programme(UniversityFactory(country="KZ"), codes, 5)  # 10 places in two years
    page = client.get(reverse("insights:gaps"), {"horizon": "24", "all": "1"}).content.decode()
    # 10 of 35 met: the second band; the page's other filters kept, "all" dropped.
    assert (
        '<td class="heat-cell gap-band-1"><a href="?horizon=24&amp;theme=power-systems-smart-grids'
        '&amp;country=KZ#gap-table" title="industry asks for 35 people; programmes prepare about '
        '10 of them"><span aria-hidden="true"><span class="gap-main">25</span>'
        '<span class="gap-detail">asks 35 · prepares 10</span></span><span class="visually-hidden">'
        "Power systems and smart grids, Kazakhstan: industry asks for 35 people; programmes "
        "prepare about 10 of them</span></a></td>"
    ) in page
    # The region's cell filters by theme only.
    assert '<a href="?horizon=24&amp;theme=power-systems-smart-grids#gap-table"' in page
    followed = client.get(
        reverse("insights:gaps"), {"theme": "power-systems-smart-grids", "country": "KZ"}
    )
    assert [row.skill for row in followed.context["rows"]] == [codes]
