import csv
import io

import pytest
from django.urls import reverse

from tests.factories import UniversityFactory
from universities.matrix import CountryTotals, area_label, strengths_matrix, university_label
from universities.models import ResearchArea, Strength, University

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    grids = ResearchArea.objects.get(slug="power-systems-smart-grids")
    hydrogen = ResearchArea.objects.get(slug="hydrogen")
    kz = UniversityFactory(name_en="Astana Tech", country="KZ")
    uz = UniversityFactory(name_en="Tashkent Tech", country="UZ")
    Strength.objects.create(university=kz, area=grids, level=Strength.Level.LEADING)
    Strength.objects.create(university=uz, area=grids, level=Strength.Level.EMERGING)
    Strength.objects.create(university=uz, area=hydrogen, level=Strength.Level.ESTABLISHED)
    return grids, hydrogen


def test_matrix_cells_and_country_totals(client, world):
    grids, hydrogen = world
    response = client.get(reverse("universities:strengths"))
    areas = response.context["areas"]
    table = {row.university.name_en: row.cells for row in response.context["table"]}
    grid_column, hydrogen_column = areas.index(grids), areas.index(hydrogen)
    assert table["Astana Tech"][grid_column].level == Strength.Level.LEADING
    assert table["Astana Tech"][hydrogen_column] is None
    assert table["Tashkent Tech"][hydrogen_column].level == Strength.Level.ESTABLISHED
    totals = {t.country: t.cells for t in response.context["country_totals"]}
    assert totals["Uzbekistan"][grid_column] == 1
    assert totals["Uzbekistan"][hydrogen_column] == 1
    assert totals["Kazakhstan"][hydrogen_column] == 0


def test_matrix_filtered_by_country_and_csv(client, world):
    response = client.get(
        reverse("universities:strengths_csv"), {"country": "UZ", "area": "hydrogen"}
    )
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows == [
        ["University", "Country", "Hydrogen", "Areas with a strength", "Short name"],
        ["Tashkent Tech", "Uzbekistan", "Established", "1", "Tashkent Tech"],
        ["Universities with a strength", "", "1", "1", ""],
    ]


def test_matrix_csv_has_totals_per_university_and_per_area(client, world):
    grids, hydrogen = world
    response = client.get(reverse("universities:strengths_csv"))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    header = rows[0]
    assert header[-2:] == ["Areas with a strength", "Short name"]
    grid_column = header.index("Power systems and smart grids")
    hydrogen_column = header.index("Hydrogen")
    assert [(row[0], row[-2]) for row in rows[1:]] == [
        ("Astana Tech", "1"),
        ("Tashkent Tech", "2"),
        ("Universities with a strength", "3"),
    ]
    assert [rows[-1][grid_column], rows[-1][hydrogen_column]] == ["2", "1"]
    assert sum(int(count) for count in rows[-1][2:-2]) == 3


def test_matrix_page_shows_totals_short_headers_and_one_name_per_university(client, world):
    grids, hydrogen = world
    UniversityFactory(name_en="Kazakh-British Technical University", short_name="KBTU")
    Strength.objects.create(
        university=University.objects.get(short_name="KBTU"), area=hydrogen, level=1
    )
    response = client.get(reverse("universities:strengths"))
    columns = {column.area: column for column in response.context["columns"]}
    assert (columns[grids].label, columns[grids].total) == ("Power systems", 2)
    assert (columns[hydrogen].label, columns[hydrogen].total, columns[hydrogen].shortened) == (
        "Hydrogen",
        2,
        False,
    )
    assert {row.label: row.total for row in response.context["table"]} == {
        "Astana Tech": 1,
        "KBTU": 1,
        "Tashkent Tech": 2,
    }
    assert response.context["matrix_total"] == 4
    page = response.content.decode()
    assert '<abbr title="Power systems and smart grids">Power systems</abbr>' in page
    assert "<div><dt>Power systems</dt><dd>Power systems and smart grids</dd></div>" in page
    assert "<dt>Hydrogen</dt>" not in page  # not shortened: no legend line
    assert 'title="Kazakh-British Technical University">KBTU</a>' in page
    assert '<td class="matrix-total">2</td>' in page


@pytest.mark.parametrize(
    ("language", "name", "label"),
    [
        ("en", "Power systems and smart grids", "Power systems"),
        ("en", "Critical minerals, lithium and rare-earth elements", "Critical minerals"),
        (
            "en",
            "Coal chemistry and advanced carbon materials (graphene, nanotubes)",
            "Coal chemistry",
        ),
        ("en", "Water–energy nexus", "Water–energy nexus"),
        ("en", "Energy efficiency", "Energy efficiency"),
        ("ru", "Энергосистемы и интеллектуальные сети", "Энергосистемы"),
        ("ru", "Взаимосвязь воды и энергии", "Взаимосвязь воды и энергии"),
        ("ru", "Адаптация к изменению климата и устойчивость", "Адаптация к изменению…"),
        ("kk", "Энергожүйелер және зияткерлік желілер", "Энергожүйелер"),
        ("uz", "Energetika tizimlari va aqlli tarmoqlar", "Energetika tizimlari"),
    ],
)
def test_area_labels_are_short_enough_for_a_header(language, name, label):
    assert area_label(name, language) == label


@pytest.mark.parametrize(
    ("values", "label"),
    [
        ({"name_en": "Kazakh-British Technical University", "short_name": "KBTU"}, "KBTU"),
        ({"name_en": "Satbayev University"}, "Satbayev University"),
        (
            {"name_en": "Osh Technological University named after M. M. Adyshev"},
            "Osh Technological University",
        ),
        (
            {"name_en": "Management Development Institute of Singapore, Tashkent"},
            "Management Development…",
        ),
    ],
)
def test_each_university_goes_by_one_short_label(values, label):
    assert university_label(University(**values)) == label


@pytest.mark.parametrize("count", [10, 300])
def test_matrix_fixed_queries(client, django_assert_num_queries, count):
    area = ResearchArea.objects.first()
    for university in UniversityFactory.create_batch(count):
        Strength.objects.create(university=university, area=area, level=1)
    # 1 the research areas (columns), 2 the strengths with their universities,
    # 3 whether demo data is loaded, 4 the research areas of the filter form.
    with django_assert_num_queries(4):
        response = client.get(reverse("universities:strengths"))
    assert response.status_code == 200
    assert len(response.context["table"]) == count
    assert response.context["matrix_total"] == count


@pytest.mark.parametrize("count", [10, 300])
def test_matrix_csv_fixed_queries(client, django_assert_num_queries, count):
    area = ResearchArea.objects.first()
    for university in UniversityFactory.create_batch(count):
        Strength.objects.create(university=university, area=area, level=1)
    # 1 the research areas (columns), 2 the strengths with their universities.
    with django_assert_num_queries(2):
        response = client.get(reverse("universities:strengths_csv"))
    # The header, a line per university, the totals.
    assert len(response.content.decode("utf-8-sig").splitlines()) == count + 2


def test_matrix_bad_filter_is_not_an_error(client, world):
    response = client.get(reverse("universities:strengths"), {"country": "ZZ"})
    assert response.status_code == 200


def test_strengths_matrix_rows_cells_and_totals_for_one_country_and_area(world):
    grids, hydrogen = world
    found = strengths_matrix(country="UZ", area=hydrogen)
    assert found.areas == [hydrogen]
    assert [(row.university.name_en, [c.level for c in row.cells]) for row in found.rows] == [
        ("Tashkent Tech", [Strength.Level.ESTABLISHED])
    ]
    assert found.country_totals == [CountryTotals(country="Uzbekistan", cells=[1])]


def test_strengths_matrix_leaves_empty_cells_where_nothing_is_declared(world):
    grids, hydrogen = world
    found = strengths_matrix()
    columns = [found.areas.index(grids), found.areas.index(hydrogen)]
    cells = {row.university.name_en: [row.cells[i] for i in columns] for row in found.rows}
    assert [c.level if c else None for c in cells["Astana Tech"]] == [Strength.Level.LEADING, None]
    assert [t.country for t in found.country_totals] == ["Kazakhstan", "Uzbekistan"]


def test_matrix_levels_are_dots_named_for_screen_readers_and_on_hover(client, world):
    html = client.get(reverse("universities:strengths")).content.decode()
    assert (
        '<span class="level-mark level-3" title="Leading"><span aria-hidden="true">●●●</span>'
        '<span class="visually-hidden">Leading</span></span>'
    ) in html
    assert '<span aria-hidden="true">●</span><span class="visually-hidden">Emerging</span>' in html
    # The area headers are rotated, each in its own box.
    assert html.count('<th scope="col" class="matrix-area">') == ResearchArea.objects.count()
