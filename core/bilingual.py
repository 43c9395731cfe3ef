"""Content kept in English and Russian side by side (``name_en``/``name_ru``).

The active language picks the field; an empty Russian value falls back to
English so that a missing translation never shows as a blank.
"""

from django.utils.translation import get_language


def localized(obj: object, field: str) -> str:
    if (get_language() or "en").startswith("ru"):
        value = getattr(obj, f"{field}_ru", "")
        if value:
            return value
    return getattr(obj, f"{field}_en", "")


class BilingualNameMixin:
    """Adds ``name`` (and ``__str__``) to a model with ``name_en``/``name_ru``."""

    @property
    def name(self) -> str:
        return localized(self, "name")

    def __str__(self) -> str:
        return self.name
