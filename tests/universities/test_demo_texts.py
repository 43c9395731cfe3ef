"""The languages demo texts are written in, and the Kazakh and Uzbek names of the
reference rows."""

import pytest

from universities.models import Language, ResearchArea
from universities.reference import LANGUAGES, RESEARCH_AREAS, reference_names_fill
from universities.seed import demo_columns, demo_languages

TITLE = {
    "en": "Power systems",
    "ru": "Энергосистемы",
    "kk": "Энергожүйелер",
    "uz": "Energotizimlar",
}


@pytest.mark.parametrize(
    ("country", "languages"),
    [
        ("KZ", ("en", "ru", "kk")),
        ("UZ", ("en", "ru", "uz")),
        ("KG", ("en", "ru")),
        ("", ("en", "ru")),
    ],
)
def test_demo_languages_add_the_state_language_of_kazakhstan_and_uzbekistan(country, languages):
    assert demo_languages(country) == languages


def test_demo_columns_of_a_kazakh_party_leave_uzbek_empty():
    assert demo_columns({"title": TITLE}, country="KZ") == {
        "title_en": "Power systems",
        "title_ru": "Энергосистемы",
        "title_kk": "Энергожүйелер",
        "title_uz": "",
    }


def test_demo_columns_of_an_uzbek_party_leave_kazakh_empty():
    assert demo_columns({"title": TITLE}, country="UZ") == {
        "title_en": "Power systems",
        "title_ru": "Энергосистемы",
        "title_kk": "",
        "title_uz": "Energotizimlar",
    }


def test_demo_columns_of_other_parties_are_english_and_russian():
    assert demo_columns({"title": TITLE, "summary": {}}, country="TJ") == {
        "title_en": "Power systems",
        "title_ru": "Энергосистемы",
        "title_kk": "",
        "title_uz": "",
        "summary_en": "",
        "summary_ru": "",
        "summary_kk": "",
        "summary_uz": "",
    }


def test_demo_columns_refuse_a_text_missing_in_the_partys_language():
    with pytest.raises(KeyError):
        demo_columns({"title": {"en": "Power systems", "ru": "Энергосистемы"}}, country="KZ")


@pytest.mark.django_db
def test_reference_rows_have_kazakh_and_uzbek_names_after_migrating():
    areas = sorted(ResearchArea.objects.values_list("slug", "name_kk", "name_uz"))
    languages = sorted(Language.objects.values_list("code", "name_kk", "name_uz"))
    assert areas == sorted((slug, kk, uz) for slug, _en, _ru, kk, uz in RESEARCH_AREAS)
    assert languages == sorted((code, kk, uz) for code, _en, _ru, kk, uz in LANGUAGES)


@pytest.mark.django_db
def test_reference_names_fill_keeps_a_name_someone_typed():
    ResearchArea.objects.filter(slug="hydrogen").update(name_kk="Сутегі энергетикасы", name_uz="")
    Language.objects.filter(code="de").update(name_uz="")

    written = reference_names_fill()

    assert written == 2
    assert ResearchArea.objects.values("name_kk", "name_uz").get(slug="hydrogen") == {
        "name_kk": "Сутегі энергетикасы",
        "name_uz": "Vodorod",
    }
    assert Language.objects.get(code="de").name_uz == "Nemis tili"
