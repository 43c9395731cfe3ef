"""The names of the region's cities: the current official one in each language, and
every spelling a city is known by (for the city filter).

Choice rule for the shown names (``CURRENT_NAMES``): the current official name in
each language, not the first of GeoNames' candidates (which lists historical,
misspelt and colloquial forms in no order):

* Russian: the name the country's own Russian-language laws and gazetteers use today
  (Алматы, not Алма-Ата; Астана, not Ак-Мола or Нур-Султан; Ашхабад; Атырау; Мары;
  Джалал-Абад), keeping a Russian form that is still official in Russian
  (Уральск, Петропавловск, Усть-Каменогорск).
* English: the romanisation the country's government uses today (Aktau, not the
  Soviet Shevchenko; Oral; Oskemen; Kokand), in its usual English spelling without
  diacritics.

A city not in the table keeps GeoNames' ASCII name in English and, in Russian, the
first GeoNames candidate (a fallback only: every city of the bundled universities is
in the table).
"""

import csv
from functools import cache
from pathlib import Path

from .search import search_key

DATA_DIR = Path(__file__).resolve().parent / "data"

# (country, GeoNames ascii_name) -> (English, Russian).
CURRENT_NAMES: dict[tuple[str, str], tuple[str, str]] = {
    ("KG", "Bishkek"): ("Bishkek", "Бишкек"),
    ("KG", "Jalal-Abad"): ("Jalal-Abad", "Джалал-Абад"),
    ("KG", "Osh"): ("Osh", "Ош"),
    ("KZ", "Almaty"): ("Almaty", "Алматы"),
    ("KZ", "Astana"): ("Astana", "Астана"),
    ("KZ", "Atyrau"): ("Atyrau", "Атырау"),
    ("KZ", "Ekibastuz"): ("Ekibastuz", "Экибастуз"),
    ("KZ", "Karagandy"): ("Karaganda", "Караганда"),
    ("KZ", "Kostanay"): ("Kostanay", "Костанай"),
    ("KZ", "Oral"): ("Oral", "Уральск"),
    ("KZ", "Pavlodar"): ("Pavlodar", "Павлодар"),
    ("KZ", "Petropavl"): ("Petropavl", "Петропавловск"),
    ("KZ", "Rudnyy"): ("Rudny", "Рудный"),
    ("KZ", "Semey"): ("Semey", "Семей"),
    ("KZ", "Shevchenko"): ("Aktau", "Актау"),
    ("KZ", "Taldykorgan"): ("Taldykorgan", "Талдыкорган"),
    ("KZ", "Temirtau"): ("Temirtau", "Темиртау"),
    ("KZ", "Turkestan"): ("Turkestan", "Туркестан"),
    ("KZ", "Ust-Kamenogorsk"): ("Oskemen", "Усть-Каменогорск"),
    ("KZ", "Zhezqazghan"): ("Zhezkazgan", "Жезказган"),
    ("TJ", "Buston"): ("Buston", "Бустон"),
    ("TJ", "Dushanbe"): ("Dushanbe", "Душанбе"),
    ("TM", "Ashgabat"): ("Ashgabat", "Ашхабад"),
    ("TM", "Mary"): ("Mary", "Мары"),
    ("UZ", "Fergana"): ("Fergana", "Фергана"),
    ("UZ", "Navoiy"): ("Navoi", "Навои"),
    ("UZ", "Nukus"): ("Nukus", "Нукус"),
    ("UZ", "Qo'qon"): ("Kokand", "Коканд"),
    ("UZ", "Samarkand"): ("Samarkand", "Самарканд"),
    ("UZ", "Tashkent"): ("Tashkent", "Ташкент"),
}


@cache
def gazetteer() -> dict[tuple[str, str], dict[str, str]]:
    """The bundled GeoNames cities by (country, ascii_name), the most populous of
    same-named places kept (the file is sorted by population)."""
    path = DATA_DIR / "cities_central_asia.csv"
    cities: dict[tuple[str, str], dict[str, str]] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            cities.setdefault((row["country_code"], row["ascii_name"]), row)
    return cities


def _candidates(row: dict[str, str]) -> list[str]:
    return [name for name in row["alt_names_ru_candidates"].split("|") if name]


def current_names(country: str, ascii_name: str) -> tuple[str, str]:
    """The (English, Russian) names of a GeoNames city, by the rule above."""
    if (country, ascii_name) in CURRENT_NAMES:
        return CURRENT_NAMES[country, ascii_name]
    row = gazetteer().get((country, ascii_name))
    candidates = _candidates(row) if row else []
    return ascii_name, candidates[0] if candidates else ""


def known_names(country: str, ascii_name: str) -> list[str]:
    """Every name a city is known by: the current ones, GeoNames' names and all its
    Russian and other Cyrillic candidates."""
    names = list(current_names(country, ascii_name))
    row = gazetteer().get((country, ascii_name))
    if row:
        names += [row["name"], row["ascii_name"], *_candidates(row)]
        names += [name for name in row["alt_names_other_cyrillic"].split("|") if name]
    return [name for name in dict.fromkeys(names) if name]


@cache
def _spellings_by_key() -> dict[str, frozenset[str]]:
    by_key: dict[str, set[str]] = {}
    for country, ascii_name in gazetteer():
        names = known_names(country, ascii_name)
        for name in names:
            by_key.setdefault(search_key(name), set()).update(names)
    return {key: frozenset(names) for key, names in by_key.items() if key}


def city_keys(*names: str) -> set[str]:
    """The search keys of every spelling of the city or cities ``names`` name, in any
    script or transliteration (the keys of ``names`` themselves included): "Алматы"
    gives the keys of Almaty, Алма-Ата, Алматы, Верный…"""
    keys: set[str] = set()
    for name in names:
        key = search_key(name)
        if key:
            keys |= {key, *(search_key(n) for n in _spellings_by_key().get(key, ()))}
    return keys


def city_key(*names: str) -> str:
    """The stored form of ``city_keys``: each key between bars, so that a filter on
    ``|key|`` matches whole names only ("|almaty|alma ata|verni|")."""
    keys = sorted(city_keys(*names))
    return f"|{'|'.join(keys)}|" if keys else ""
