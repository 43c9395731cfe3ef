"""Content kept per language side by side (``name_en``, ``name_ru``, …).

The active language picks the field, then its fallbacks (``CONTENT_FALLBACKS``:
Kazakh and Uzbek fall back to Russian, then English), so that a missing
translation never shows as a blank.
"""

from django.conf import settings
from django.utils.translation import get_language


def content_languages(language: str | None = None) -> list[str]:
    """The languages to read content in, best first, for ``language`` (the active one)."""
    code = (language or get_language() or settings.LANGUAGE_CODE).split("-")[0]
    chain = [code, *settings.CONTENT_FALLBACKS.get(code, ()), settings.LANGUAGE_CODE]
    return list(dict.fromkeys(chain))


def localized(obj: object, field: str) -> str:
    for code in content_languages():
        value = getattr(obj, f"{field}_{code}", "")
        if value:
            return str(value)
    return ""


class BilingualNameMixin:
    """Adds ``name`` (and ``__str__``) to a model with ``name_en``/``name_ru``."""

    @property
    def name(self) -> str:
        return localized(self, "name")

    def __str__(self) -> str:
        return self.name
