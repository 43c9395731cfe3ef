from types import SimpleNamespace

from django.utils import translation
from django.utils.translation import gettext

from core.bilingual import (
    Text,
    columns,
    content_languages,
    first_value,
    in_every_language,
    localized,
    read,
    values,
)
from industry.models import SkillNeed

ROW = SimpleNamespace(name_en="Satbayev University", name_ru="Университет Сатпаева", name_kk="")


def test_russian_content_in_russian_english_otherwise():
    with translation.override("ru"):
        assert localized(ROW, "name") == "Университет Сатпаева"
    with translation.override("en"):
        assert localized(ROW, "name") == "Satbayev University"


def test_kazakh_and_uzbek_fall_back_to_russian_then_english():
    assert content_languages("kk") == ["kk", "ru", "en", "uz"]
    assert content_languages("uz") == ["uz", "ru", "en", "kk"]
    assert content_languages("ru") == ["ru", "en", "kk", "uz"]
    with translation.override("kk"):
        assert localized(ROW, "name") == "Университет Сатпаева"
    english_only = SimpleNamespace(name_en="Smart grids", name_ru="")
    with translation.override("uz"):
        assert localized(english_only, "name") == "Smart grids"


def test_a_fallback_says_which_language_it_is_shown_in():
    with translation.override("ru"):
        assert read(ROW, "name") == Text("Университет Сатпаева", "ru", False)
        assert read(ROW, "name").note == ""
    russian_only = SimpleNamespace(title_en="", title_ru="Инженеры сетей", title_kk="", title_uz="")
    with translation.override("en"):
        text = read(russian_only, "title")
        assert (text.value, text.language, text.fallback) == ("Инженеры сетей", "ru", True)
        assert text.note == "shown in Russian"
    with translation.override("kk"):
        assert read(russian_only, "title").fallback is True
        assert read(russian_only, "title").note == "орыс тілінде көрсетілген"


def test_every_language_of_a_model_has_its_column_and_the_attribute_reads_the_active_one():
    need = SkillNeed(
        title_en="Grid engineers", title_ru="Инженеры сетей", title_uz="Tarmoq muhandislari"
    )
    shown = {}
    for code in ("en", "ru", "kk", "uz"):
        with translation.override(code):
            shown[code] = need.title
    assert shown == {
        "en": "Grid engineers",
        "ru": "Инженеры сетей",
        "kk": "Инженеры сетей",  # Kazakh falls back to Russian
        "uz": "Tarmoq muhandislari",
    }
    assert columns("title") == ["title_en", "title_ru", "title_kk", "title_uz"]
    assert values(need, "title") == ["Grid engineers", "Инженеры сетей", "Tarmoq muhandislari"]


def test_creating_with_the_attribute_sets_the_active_language():
    with translation.override("ru"):
        need = SkillNeed(title="Инженеры сетей")
    assert (need.title_en, need.title_ru) == ("", "Инженеры сетей")


def test_texts_the_site_writes_come_in_every_language():
    titles = in_every_language(
        "title", lambda: gettext("Regional conference %(year)d") % {"year": 2027}
    )
    assert titles["title_en"] == "Regional conference 2027"
    assert titles["title_ru"] == "Региональная конференция 2027"
    assert set(titles) == {"title_en", "title_ru", "title_kk", "title_uz"}
    assert titles["title_kk"] == "Өңірлік конференция 2027"
    assert titles["title_uz"] == "Mintaqaviy konferensiya 2027"


def test_first_value_prefers_english_then_the_other_languages():
    assert first_value({"name_en": "", "name_ru": " Алматы "}, "name") == "Алматы"
    assert first_value({"name_en": "Almaty", "name_ru": "Алматы"}, "name") == "Almaty"
    assert first_value({}, "name") == ""
