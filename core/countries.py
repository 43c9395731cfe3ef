"""Every country by its ISO 3166 code, named in the interface language (CLDR's
names through Babel: Kazakh and Uzbek included), for the forms that ask where a
person comes from. Central Asia's five come first."""

from functools import lru_cache

from babel import Locale
from django.utils import translation

FIRST = ("KZ", "KG", "TJ", "TM", "UZ")
# CLDR's territories that are not countries.
NOT_COUNTRIES = {"EU", "EZ", "UN", "QO", "XA", "XB", "ZZ"}


@lru_cache(maxsize=8)
def _names(language: str) -> dict[str, str]:
    try:
        territories = Locale.parse(language.replace("-", "_")).territories
    except (ValueError, LookupError):
        territories = Locale.parse("en").territories
    return {
        code: name
        for code, name in territories.items()
        if len(code) == 2 and code.isalpha() and code not in NOT_COUNTRIES
    }


def country_name(code: str, language: str | None = None) -> str:
    """The name of ``code`` in ``language`` (the active one by default); the code when
    it is unknown."""
    return _names(language or translation.get_language() or "en").get(code, code)


def country_choices() -> list[tuple[str, str]]:
    """(code, name) of every country in the active language: Central Asia's five
    first, then the others by name."""
    names = _names(translation.get_language() or "en")
    first = [(code, names[code]) for code in FIRST]
    others = sorted(
        ((code, name) for code, name in names.items() if code not in FIRST),
        key=lambda pair: pair[1].casefold(),
    )
    return first + others


def is_country(code: str) -> bool:
    return code in _names("en")
