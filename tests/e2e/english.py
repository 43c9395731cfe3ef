"""English left in the interface of a Russian, Kazakh or Uzbek page.

A text the page shows (a line of its visible text, a button's value, a placeholder,
a title, an aria-label, an alt text, an option of a select) is English when it is
exactly an English message of the catalogues the page is translated from (the
project's, django-allauth's and Django's) whose translation is different or
missing, or, on a page in a Cyrillic language, when its words are all Latin and
one has four letters or more (an English word the catalogues never saw), unless it
is a name or an acronym of the allow-list. Text inside an element whose ``lang`` is another
language (the language switcher's "English"), or that is marked ``translate="no"`` (a
certificate's code), is not the interface's.
"""

import re
import unicodedata
from functools import cache
from pathlib import Path

import allauth
import django
import polib

ROOT = Path(__file__).resolve().parents[2]
CHECKED = ("ru", "kk", "uz")
CYRILLIC = ("ru", "kk")
# Acronyms, standards and names that stay in Latin script in every language.
ALLOWED_WORDS = {
    "ECTS",
    "UNECE",
    "ESCO",
    "ISCED",
    "GeoNames",
    "CSV",
    "XLSX",
    "Excel",
    "iCalendar",
    "RSS",
    "Bootstrap",
    "Leaflet",
    "OpenStreetMap",
    "Windows",  # the Windows-1251 encoding
}
URL_OR_EMAIL = re.compile(r"\S+@\S+|https?://\S*|www\.\S+|\b[\w-]+(?:\.[\w-]+)+/\S*")
WORD = re.compile(r"[^\W\d_]+(?:[ʻʼ'’][^\W\d_]+)*")

TEXTS = (Path(__file__).parent / "texts.js").read_text(encoding="utf-8")


def _po(locale: Path, language: str) -> Path:
    return locale / language / "LC_MESSAGES" / "django.po"


def _catalogues(language: str) -> list[tuple[Path, Path]]:
    """For the project, django-allauth and Django (its own messages and its contrib
    apps'): the catalogue of ``language`` and the Russian one (whose messages count
    too where the language's catalogue misses them)."""
    django_root = Path(django.__file__).parent
    locales = [
        ROOT / "locale",
        Path(allauth.__file__).parent / "locale",
        django_root / "conf" / "locale",
        *sorted(django_root.glob("contrib/*/locale")),
    ]
    return [(_po(locale, language), _po(locale, "ru")) for locale in locales]


def _entries(path: Path) -> dict[str, set[str]]:
    """Each message of a catalogue (singular and plural) with its translations."""
    if not path.exists():
        return {}
    entries: dict[str, set[str]] = {}
    for entry in polib.pofile(str(path)):
        if entry.obsolete:
            continue
        translations = {entry.msgstr, *entry.msgstr_plural.values()} - {""}
        for msgid in filter(None, (entry.msgid, entry.msgid_plural)):
            entries.setdefault(msgid.strip(), set()).update(translations)
    return entries


@cache
def english_messages(language: str) -> frozenset[str]:
    """The English messages (of two letters or more) that ``language`` translates
    differently or not at all. The first catalogue (the project's first) that
    translates a message decides, as at run time."""
    kept: dict[str, bool] = {}  # message -> whether its translation is itself
    seen: set[str] = set()
    for own_path, russian_path in _catalogues(language):
        own = _entries(own_path)
        for msgid, translations in own.items():
            if translations and msgid not in kept:
                kept[msgid] = msgid in translations
        seen.update(own, _entries(russian_path))
    return frozenset(
        msgid
        for msgid in seen
        if sum(c.isalpha() for c in msgid) >= 2 and not kept.get(msgid, False)
    )


def _latin(word: str) -> bool:
    return all(
        unicodedata.name(letter, "").startswith("LATIN") for letter in word if letter.isalpha()
    )


def only_latin_words(text: str) -> bool:
    """Whether every word of ``text`` (addresses aside) is Latin, one of four letters
    or more that is not on the allow-list."""
    words = WORD.findall(URL_OR_EMAIL.sub(" ", text))
    if not words or not all(_latin(word) for word in words):
        return False
    return any(len(word) >= 4 and word not in ALLOWED_WORDS for word in words)


def english_in(language: str, texts: list[str]) -> list[str]:
    """The texts of a page in ``language`` that are English."""
    if language not in CHECKED:
        return []
    messages = english_messages(language)
    found = []
    for text in dict.fromkeys(t.strip() for t in texts if t):
        if not text or all(word in ALLOWED_WORDS for word in WORD.findall(text)):
            continue
        if text in messages or (language in CYRILLIC and only_latin_words(text)):
            found.append(text)
    return found


def english_left(page) -> list[str]:
    """The English texts of the page open in ``page`` (a Playwright page)."""
    shown = page.evaluate(TEXTS)
    return english_in(shown["language"], shown["texts"])
