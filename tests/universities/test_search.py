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


@pytest.mark.parametrize(
    "spelling", ["Satbayev", "Satpayev", "Satpaev", "Сатпаев", "Сатбаев", "Сәтбаев"]
)
def test_satbayev_and_satpayev_share_one_key(spelling):
    assert search_key(spelling) == "satpaev"


@pytest.mark.parametrize(
    ("spelling", "key"),
    # b and p stay apart where Kazakh does not devoice b: at the start of a word, after
    # a vowel or a voiced consonant.
    [("Bishkek", "biskek"), ("Pavlodar", "pavlodar"), ("Abai", "abai"), ("Apai", "apai"),
     ("Kerbulak", "kerbulak"), ("Tokbayev", "tokpaev"), ("Ахметбаев", "ahmetpaev")],
)  # fmt: skip
def test_b_reads_as_p_only_after_a_voiceless_consonant(spelling, key):
    assert search_key(spelling) == key


@pytest.fixture
def named_after_satpayev():
    """The university and the institute as the bundled data spells them: neither has
    the other spelling among its names."""
    return [
        UniversityFactory(name_en="Satbayev University", name_ru="", aliases="KazNRTU"),
        UniversityFactory(
            name_en="Ekibastuz Engineering and Technical Institute named after academician "
            "K. Satpayev",
            name_ru="Екибастузский инженерно-технический институт имени академика К. Сатпаева",
            aliases="",
        ),
    ]


@pytest.mark.parametrize("query", ["Satbayev", "Satpayev", "Сатпаев", "Сатбаев", "satpaev"])
def test_either_spelling_finds_both_namesakes(named_after_satpayev, query):
    assert list(University.objects.search(query).order_by("name_en")) == [
        *sorted(named_after_satpayev, key=lambda u: u.name_en)
    ]


def test_b_and_p_stay_apart_in_search():
    bishkek = UniversityFactory(name_en="Bishkek State University", aliases="")
    UniversityFactory(name_en="Pishpek Institute", aliases="")
    assert list(University.objects.search("Bishkek")) == [bishkek]
