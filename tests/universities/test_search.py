import pytest

from tests.factories import UniversityFactory
from universities.models import University
from universities.search import search_key

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("spelling", "other"),
    [("Сатпаев", "satpaev"), ("Satpayev", "Сатпаев"), ("КазНУ", "KazNU"), ("Ташкент", "Tashkent")],
)
def test_spellings_share_one_key(spelling, other):
    assert search_key(spelling) == search_key(other)


@pytest.fixture
def satbayev():
    return UniversityFactory(
        name_en="Satbayev University",
        name_ru="Казахский национальный исследовательский технический университет",
        aliases="Kazakh National Technical University\nSatpayev University\nКазНТУ",
        slug="satbayev-university",
    )


@pytest.fixture
def kaznu():
    return UniversityFactory(
        name_en="Al-Farabi Kazakh National University",
        name_ru="Казахский национальный университет имени аль-Фараби",
        aliases="KazNU\nКазНУ",
        slug="al-farabi-kazakh-national-university",
    )


@pytest.mark.parametrize("query", ["Satbayev", "Сатпаев", "satpaev", "Kazakh National Technical"])
def test_search_finds_satbayev_in_any_script(satbayev, kaznu, query):
    assert list(University.objects.search(query)) == [satbayev]


@pytest.mark.parametrize("query", ["KazNU", "КазНУ", "kaznu"])
def test_search_finds_kaznu_by_abbreviation(satbayev, kaznu, query):
    assert list(University.objects.search(query)) == [kaznu]


def test_renaming_updates_the_search_key(satbayev):
    satbayev.aliases = "Polytech"
    satbayev.save(update_fields=["aliases"])
    assert list(University.objects.search("Polytech")) == [satbayev]
    assert list(University.objects.search("КазНТУ")) == []


@pytest.mark.postgres
def test_misspelt_name_found_through_trigrams_on_postgres(satbayev, kaznu):
    assert list(University.objects.search("Satbaeyv")) == [satbayev]
