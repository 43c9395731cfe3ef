from types import SimpleNamespace

from django.utils import translation

from core.bilingual import content_languages, localized

ROW = SimpleNamespace(name_en="Satbayev University", name_ru="Университет Сатпаева", name_kk="")


def test_russian_content_in_russian_english_otherwise():
    with translation.override("ru"):
        assert localized(ROW, "name") == "Университет Сатпаева"
    with translation.override("en"):
        assert localized(ROW, "name") == "Satbayev University"


def test_kazakh_and_uzbek_fall_back_to_russian_then_english():
    assert content_languages("kk") == ["kk", "ru", "en"]
    assert content_languages("uz") == ["uz", "ru", "en"]
    with translation.override("kk"):
        assert localized(ROW, "name") == "Университет Сатпаева"
    english_only = SimpleNamespace(name_en="Smart grids", name_ru="")
    with translation.override("uz"):
        assert localized(english_only, "name") == "Smart grids"
