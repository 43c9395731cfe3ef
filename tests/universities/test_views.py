import pytest
from django.urls import reverse

from tests.factories import UniversityFactory
from universities.models import Activity, ResearchArea, Strength

pytestmark = pytest.mark.django_db


def _names(response):
    return [u.name_en for u in response.context["universities"]]


def test_directory_filters_by_country_code(client):
    UniversityFactory(name_en="Tashkent State Technical University", country="UZ")
    UniversityFactory(name_en="Kyrgyz State Technical University", country="KG")
    response = client.get(reverse("universities:list"), {"country": "UZ"})
    assert _names(response) == ["Tashkent State Technical University"]
    assert response.context["paginator"].count == 1


def test_directory_search_in_cyrillic(client):
    UniversityFactory(name_en="Satbayev University", aliases="Satpayev University")
    UniversityFactory(name_en="Other University")
    response = client.get("/ru/universities/", {"q": "Сатпаев"})
    assert _names(response) == ["Satbayev University"]


def test_directory_filters_by_area_and_minimum_level(client):
    grids = ResearchArea.objects.get(slug="power-systems-smart-grids")
    leading = UniversityFactory(name_en="Leading")
    emerging = UniversityFactory(name_en="Emerging")
    Strength.objects.create(university=leading, area=grids, level=Strength.Level.LEADING)
    Strength.objects.create(university=emerging, area=grids, level=Strength.Level.EMERGING)
    response = client.get(
        reverse("universities:list"), {"area": grids.slug, "level": Strength.Level.ESTABLISHED}
    )
    assert _names(response) == ["Leading"]


@pytest.mark.parametrize(
    "query",
    [{"country": "XX"}, {"area": "no-such-area"}, {"level": "99"}, {"sort": "password"}],
)
def test_directory_bad_filter_values_do_not_fail(client, query):
    UniversityFactory()
    response = client.get(reverse("universities:list"), query)
    assert response.status_code == 200
    assert response.context["filter"].errors


def test_directory_empty_state(client):
    response = client.get(reverse("universities:list"), {"q": "nothing like this"})
    assert "No university matches these filters" in response.content.decode()


def test_directory_sorts_and_paginates(client):
    for name in ("Charlie", "Alpha", "Bravo"):
        UniversityFactory(name_en=name)
    response = client.get(reverse("universities:list"), {"sort": "-name"})
    assert _names(response) == ["Charlie", "Bravo", "Alpha"]


@pytest.mark.parametrize("count", [10, 300])
def test_directory_runs_fixed_number_of_queries(client, django_assert_num_queries, count):
    area = ResearchArea.objects.first()
    for university in UniversityFactory.create_batch(count):
        Strength.objects.create(university=university, area=area, level=2)
    # 1 count of the matching universities, 2 the page of universities with their
    # strength counts, 3 their strengths with areas, 4 whether demo data is loaded,
    # 5 the research areas and 6 the languages of the filter form.
    with django_assert_num_queries(6):
        response = client.get(reverse("universities:list"))
    assert response.status_code == 200
    assert len(response.context["universities"]) == min(count, 24)


def test_profile_shows_strengths_and_activities(client):
    university = UniversityFactory(name_en="Satbayev University")
    area = ResearchArea.objects.get(slug="critical-minerals")
    Strength.objects.create(
        university=university, area=area, level=3, statement="Lithium extraction lab"
    )
    Activity.objects.create(
        university=university,
        kind=Activity.Kind.LABORATORY,
        title="Rare earth lab",
        start_year=2020,
    )
    response = client.get(university.get_absolute_url())
    html = response.content.decode()
    assert "Lithium extraction lab" in html
    assert "Rare earth lab" in html
    assert "Leading" in html


@pytest.mark.parametrize("count", [1, 20])
def test_profile_runs_fixed_number_of_queries(client, django_assert_num_queries, count):
    university = UniversityFactory()
    for area in ResearchArea.objects.all()[:count]:
        Strength.objects.create(university=university, area=area, level=1)
    for n in range(count):
        Activity.objects.create(
            university=university, kind=Activity.Kind.MOBILITY, title=f"A{n}", start_year=2020
        )
    # 1 the university, 2 its languages, 3 its strengths with areas, 4 its activities
    # with areas, 5 its published programmes, 6 what it published in the library,
    # 7 whether demo data is loaded.
    with django_assert_num_queries(7):
        response = client.get(university.get_absolute_url())
    assert response.status_code == 200
    assert len(response.context["university"].activities.all()) == count


def test_unknown_university_is_404(client):
    assert client.get("/universities/no-such-place/").status_code == 404


def test_map_lists_markers_with_coordinates_and_filters(client):
    UniversityFactory(name_en="Located", country="KZ", latitude=43.25, longitude=76.9)
    UniversityFactory(name_en="Elsewhere", country="UZ", latitude=41.3, longitude=69.2)
    UniversityFactory(name_en="Unlocated", country="KZ", latitude=None, longitude=None)
    response = client.get(reverse("universities:map"), {"country": "KZ"})
    assert [m["name"] for m in response.context["markers"]] == ["Located"]
    html = response.content.decode()
    assert 'id="map-markers"' in html
    assert "Located" in html


@pytest.mark.parametrize("count", [10, 300])
def test_map_fixed_queries(client, django_assert_num_queries, count):
    UniversityFactory.create_batch(count, latitude=43.0, longitude=76.0)
    # 1 the universities with their coordinates, 2 whether demo data is loaded,
    # 3 the research areas and 4 the languages of the filter form.
    with django_assert_num_queries(4):
        response = client.get(reverse("universities:map"))
    assert response.status_code == 200
    assert len(response.context["markers"]) == count
