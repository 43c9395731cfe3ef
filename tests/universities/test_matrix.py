import csv
import io

import pytest
from django.urls import reverse

from tests.factories import UniversityFactory
from universities.matrix import CountryTotals, strengths_matrix
from universities.models import ResearchArea, Strength

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
        ["University", "Country", "Hydrogen"],
        ["Tashkent Tech", "Uzbekistan", "Established"],
    ]


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


@pytest.mark.parametrize("count", [10, 300])
def test_matrix_csv_fixed_queries(client, django_assert_num_queries, count):
    area = ResearchArea.objects.first()
    for university in UniversityFactory.create_batch(count):
        Strength.objects.create(university=university, area=area, level=1)
    # 1 the research areas (columns), 2 the strengths with their universities.
    with django_assert_num_queries(2):
        response = client.get(reverse("universities:strengths_csv"))
    assert len(response.content.decode("utf-8-sig").splitlines()) == count + 1


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
