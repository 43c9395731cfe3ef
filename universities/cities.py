"""The names of the region's cities: the current official one in each language, and
every spelling a city is known by (for the city filter).

Choice rule for the shown names (``CURRENT_NAMES``): the current official name in
each language, not the first of GeoNames' candidates (which lists historical,
misspelt and colloquial forms in no order):

* Russian: the name the country's own Russian-language laws and gazetteers use today
  (Алматы, not Алма-Ата; Астана, not Ак-Мола or Нур-Султан; Ашхабад; Атырау; Мары;
  Джалал-Абад), keeping a Russian form that is still official in Russian
  (Уральск, Петропавловск, Усть-Каменогорск).
* Kazakh: the name in the Kazakh Cyrillic alphabet used by Kazakhstan's own
  gazetteer (Қарағанды, Өскемен, Ақтау), and the usual Kazakh form of the
  neighbours' capitals (Бішкек, Ташкент).
* Uzbek (Latin script): the Uzbek Latin name (Toshkent, Samarqand, Fargʻona;
  Olmaota, Qaragʻandi, Ashxobod), with the letter ʻ (U+02BB) of the official alphabet.
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

# (country, GeoNames ascii_name) -> (English, Russian, Kazakh, Uzbek).
CURRENT_NAMES: dict[tuple[str, str], tuple[str, str, str, str]] = {
    ("KG", "Bishkek"): ("Bishkek", "Бишкек", "Бішкек", "Bishkek"),
    ("KG", "Jalal-Abad"): ("Jalal-Abad", "Джалал-Абад", "Жалалабад", "Jalolobod"),
    ("KG", "Osh"): ("Osh", "Ош", "Ош", "Oʻsh"),
    ("KZ", "Almaty"): ("Almaty", "Алматы", "Алматы", "Olmaota"),
    ("KZ", "Astana"): ("Astana", "Астана", "Астана", "Astana"),
    ("KZ", "Atyrau"): ("Atyrau", "Атырау", "Атырау", "Atirau"),
    ("KZ", "Ekibastuz"): ("Ekibastuz", "Экибастуз", "Екібастұз", "Ekibastuz"),
    ("KZ", "Karagandy"): ("Karaganda", "Караганда", "Қарағанды", "Qaragʻandi"),
    ("KZ", "Kostanay"): ("Kostanay", "Костанай", "Қостанай", "Qoʻstanay"),
    ("KZ", "Oral"): ("Oral", "Уральск", "Орал", "Oral"),
    ("KZ", "Pavlodar"): ("Pavlodar", "Павлодар", "Павлодар", "Pavlodar"),
    ("KZ", "Petropavl"): ("Petropavl", "Петропавловск", "Петропавл", "Petropavl"),
    ("KZ", "Rudnyy"): ("Rudny", "Рудный", "Рудный", "Rudniy"),
    ("KZ", "Semey"): ("Semey", "Семей", "Семей", "Semey"),
    ("KZ", "Shevchenko"): ("Aktau", "Актау", "Ақтау", "Oqtov"),
    ("KZ", "Taldykorgan"): ("Taldykorgan", "Талдыкорган", "Талдықорған", "Taldiqoʻrgʻon"),
    ("KZ", "Temirtau"): ("Temirtau", "Темиртау", "Теміртау", "Temirtau"),
    ("KZ", "Turkestan"): ("Turkestan", "Туркестан", "Түркістан", "Turkiston"),
    ("KZ", "Ust-Kamenogorsk"): ("Oskemen", "Усть-Каменогорск", "Өскемен", "Oʻskemen"),
    ("KZ", "Zhezqazghan"): ("Zhezkazgan", "Жезказган", "Жезқазған", "Jezqazgʻon"),
    ("TJ", "Buston"): ("Buston", "Бустон", "Бустон", "Buston"),
    ("TJ", "Dushanbe"): ("Dushanbe", "Душанбе", "Душанбе", "Dushanbe"),
    ("TM", "Ashgabat"): ("Ashgabat", "Ашхабад", "Ашхабад", "Ashxobod"),
    ("TM", "Mary"): ("Mary", "Мары", "Мары", "Mari"),
    ("UZ", "Fergana"): ("Fergana", "Фергана", "Ферғана", "Fargʻona"),
    ("UZ", "Navoiy"): ("Navoi", "Навои", "Навои", "Navoiy"),
    ("UZ", "Nukus"): ("Nukus", "Нукус", "Нөкіс", "Nukus"),
    ("UZ", "Qo'qon"): ("Kokand", "Коканд", "Қоқан", "Qoʻqon"),
    ("UZ", "Samarkand"): ("Samarkand", "Самарканд", "Самарқанд", "Samarqand"),
    ("UZ", "Tashkent"): ("Tashkent", "Ташкент", "Ташкент", "Toshkent"),
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


def current_names(country: str, ascii_name: str) -> tuple[str, ...]:
    """The (English, Russian, Kazakh, Uzbek) names of a GeoNames city, by the rule
    above (Kazakh and Uzbek empty for a city outside the table: they fall back)."""
    if (country, ascii_name) in CURRENT_NAMES:
        return CURRENT_NAMES[country, ascii_name]
    row = gazetteer().get((country, ascii_name))
    candidates = _candidates(row) if row else []
    return ascii_name, candidates[0] if candidates else "", "", ""


def city_columns(country: str, ascii_name: str) -> dict[str, str]:
    """``{"city_en": …, "city_ru": …, "city_kk": …, "city_uz": …}`` for a GeoNames city."""
    names = dict(zip(("en", "ru", "kk", "uz"), current_names(country, ascii_name), strict=True))
    return {f"city_{code}": names.get(code, "") for code in ("en", "ru", "kk", "uz")}


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
