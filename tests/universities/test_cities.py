"""City names: the current official one in each language, and the city filter
accepting any spelling in any script."""

import importlib

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import translation

from tests.factories import UniversityFactory
from universities import seed
from universities.cities import CURRENT_NAMES, city_columns, city_keys, current_names
from universities.models import University

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("city", "names"),
    [
        (("UZ", "Tashkent"), ("Tashkent", "Ташкент")),
        (("KZ", "Almaty"), ("Almaty", "Алматы")),
        (("KZ", "Astana"), ("Astana", "Астана")),
        (("TM", "Ashgabat"), ("Ashgabat", "Ашхабад")),
        (("KZ", "Atyrau"), ("Atyrau", "Атырау")),
        (("KZ", "Taldykorgan"), ("Taldykorgan", "Талдыкорган")),
        (("KG", "Jalal-Abad"), ("Jalal-Abad", "Джалал-Абад")),
        (("KZ", "Petropavl"), ("Petropavl", "Петропавловск")),
        (("TM", "Mary"), ("Mary", "Мары")),
        (("KZ", "Shevchenko"), ("Aktau", "Актау")),
        (("KZ", "Oral"), ("Oral", "Уральск")),
        (("UZ", "Qo'qon"), ("Kokand", "Коканд")),
    ],
)
def test_current_official_names(city, names):
    assert current_names(*city)[:2] == names


@pytest.mark.parametrize(
    ("city", "kazakh", "uzbek"),
    [
        (("UZ", "Tashkent"), "Ташкент", "Toshkent"),
        (("KZ", "Karagandy"), "Қарағанды", "Qaragʻandi"),
        (("KZ", "Ust-Kamenogorsk"), "Өскемен", "Oʻskemen"),
        (("UZ", "Samarkand"), "Самарқанд", "Samarqand"),
        (("TM", "Ashgabat"), "Ашхабад", "Ashxobod"),
    ],
)
def test_current_names_in_kazakh_and_uzbek(city, kazakh, uzbek):
    assert current_names(*city)[2:] == (kazakh, uzbek)


def test_a_city_shows_in_the_language_of_the_page(settings):
    university = UniversityFactory(country="UZ", **city_columns("UZ", "Tashkent"))
    shown = {}
    for code in ("en", "ru", "kk", "uz"):
        with translation.override(code):
            shown[code] = University.objects.get(pk=university.pk).city
    assert shown == {"en": "Tashkent", "ru": "Ташкент", "kk": "Ташкент", "uz": "Toshkent"}


def test_every_city_of_the_bundled_universities_is_curated():
    cities = {(row["country"], row["city_en"]) for row in seed.university_rows() if row["city_en"]}
    assert cities <= {(country, names[0]) for (country, _), names in CURRENT_NAMES.items()}


def test_seed_rows_carry_the_current_names():
    rows = {(row["country"], row["city_en"], row["city_ru"]) for row in seed.university_rows()}
    expected = {
        ("UZ", "Tashkent", "Ташкент"),
        ("KZ", "Almaty", "Алматы"),
        ("KZ", "Astana", "Астана"),
        ("TM", "Ashgabat", "Ашхабад"),
        ("KZ", "Atyrau", "Атырау"),
        ("KZ", "Taldykorgan", "Талдыкорган"),
        ("KG", "Jalal-Abad", "Джалал-Абад"),
        ("KZ", "Petropavl", "Петропавловск"),
        ("TM", "Mary", "Мары"),
    }
    assert expected <= rows
    wrong = {"Ташкен", "Алма-Ата", "Ак-Мола", "Ашгабад", "Атирау", "Талдикорган", "Джалал Абад",
             "Петропавел", "Мари"}  # fmt: skip
    assert {row[2] for row in rows} & wrong == set()


def test_migration_gives_existing_rows_kazakh_and_uzbek_city_names():
    migration = importlib.import_module("universities.migrations.0008_translated_content")
    tashkent = UniversityFactory(country="UZ", city_en="Tashkent", city_ru="Ташкент")
    typed = UniversityFactory(country="KZ", city_en="Almaty", city_kk="Алматы қаласы")
    village = UniversityFactory(country="KZ", city_en="Kaskelen", city_ru="Каскелен")

    migration.city_names_in_kazakh_and_uzbek(apps, None)

    rows = University.objects.filter(pk__in=[tashkent.pk, typed.pk, village.pk])
    assert sorted(rows.values_list("city_en", "city_ru", "city_kk", "city_uz")) == [
        ("Almaty", "", "Алматы қаласы", ""),  # a name the staff wrote stays
        ("Kaskelen", "Каскелен", "", ""),
        ("Tashkent", "Ташкент", "Ташкент", "Toshkent"),
    ]


def test_city_keys_gather_every_known_spelling():
    assert {"almat", "alma ata", "verni"} <= city_keys("Алматы")
    assert city_keys("Алматы") == city_keys("Alma-Ata") == city_keys("almaty")
    assert city_keys("Kaskelen") >= {"kaskelen"}
    assert city_keys("") == set()


@pytest.fixture
def cities():
    return {
        "almaty": UniversityFactory(name_en="A University", city="Almaty", city_ru="Алматы"),
        "astana": UniversityFactory(name_en="B University", city="Astana", city_ru="Астана"),
        # Typed by staff, in Cyrillic only.
        "oral": UniversityFactory(name_en="C University", city="", city_ru="Уральск"),
        "village": UniversityFactory(name_en="D University", city="Kaskelen", city_ru=""),
    }


@pytest.mark.parametrize(
    ("city", "expected"),
    [
        ("Almaty", ["A University"]),
        ("Алматы", ["A University"]),
        ("алматы", ["A University"]),
        ("Алма-Ата", ["A University"]),
        ("Alma-Ata", ["A University"]),
        ("Нур-Султан", ["B University"]),
        ("Akmola", ["B University"]),
        ("Oral", ["C University"]),
        ("Uralsk", ["C University"]),
        ("Орал", ["C University"]),
        ("Каскелен", ["D University"]),
        ("Nowhere", []),
        ("", ["A University", "B University", "C University", "D University"]),
    ],
)
def test_city_filter_accepts_any_spelling_in_any_script(client, cities, city, expected):
    response = client.get(reverse("universities:list"), {"city": city})
    assert [u.name_en for u in response.context["universities"]] == expected


def test_city_filter_matches_whole_names_only(cities):
    assert list(University.objects.in_city("Alma")) == []


def test_changing_the_city_updates_its_key(cities):
    university = cities["almaty"]
    university.city, university.city_ru = "Tashkent", ""
    university.save(update_fields=["city_en", "city_ru"])
    assert list(University.objects.in_city("Ташкент")) == [university]
    assert list(University.objects.in_city("Алматы")) == []
