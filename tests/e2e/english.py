"""English left in the interface of a Russian, Kazakh or Uzbek page.

A text the page shows (a line of its visible text, a button's value, a placeholder,
a title, an aria-label, an alt text, an option of a select) is English when it is
exactly an English message of the catalogues the page is translated from (the
project's, django-allauth's and Django's) whose translation is different, or, on a
page in a Cyrillic language, when its words are all Latin and one has four letters
or more (an English word the catalogues never saw), unless it is a name or an
acronym of the allow-list. Text inside an element whose ``lang`` is another
language (the language switcher's "English") is not the interface's.
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
URL_OR_EMAIL = re.compile(r"\S+@\S+|https?://\S+|www\.\S+|\b[\w-]+(?:\.[\w-]+)+/\S*")
WORD = re.compile(r"[^\W\d_]+(?:[ʻʼ'’][^\W\d_]+)*")

TEXTS = (Path(__file__).parent / "texts.js").read_text(encoding="utf-8")


def _catalogues(language: str) -> list[Path]:
    allauth_locale = Path(allauth.__file__).parent / "locale"
    allauth_language = language if (allauth_locale / language).is_dir() else "ru"
    return [
        ROOT / "locale" / language / "LC_MESSAGES" / "django.po",
        allauth_locale / allauth_language / "LC_MESSAGES" / "django.po",
        Path(django.__file__).parent / "conf" / "locale" / language / "LC_MESSAGES" / "django.po",
    ]


@cache
def english_messages(language: str) -> frozenset[str]:
    """The English messages (of two letters or more) that ``language`` translates
    differently."""
    messages = set()
    for path in _catalogues(language):
        if not path.exists():
            continue
        for entry in polib.pofile(str(path)):
            if entry.obsolete:
                continue
            translations = {entry.msgstr, *entry.msgstr_plural.values()} - {""}
            for msgid in filter(None, (entry.msgid, entry.msgid_plural)):
                if sum(c.isalpha() for c in msgid) >= 2 and msgid not in translations:
                    messages.add(msgid.strip())
    return frozenset(messages)


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
