"""Content in every interface language, through django-translated-fields.

``title = translated(models.CharField(_("title"), max_length=200))`` makes one
column per language of ``settings.LANGUAGES`` (``title_en``, ``title_ru``,
``title_kk``, ``title_uz``) and a ``title`` attribute that reads the active
language, then its fallbacks (``CONTENT_FALLBACKS``: Kazakh and Uzbek fall back
to Russian, then English), then any language that has a value, so that a missing
translation never shows as a blank. Writing ``obj.title = …`` sets the active
language's column. Adding a language to ``LANGUAGES`` adds its columns at the
next ``makemigrations``.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import get_language, override
from django.utils.translation import gettext_lazy as _
from translated_fields import TranslatedField, to_attribute

# "shown in English": the note beside a text read from another language. One
# sentence per language, so that each is translated whole.
SHOWN_IN = {
    "en": _("shown in English"),
    "ru": _("shown in Russian"),
    "kk": _("shown in Kazakh"),
    "uz": _("shown in Uzbek"),
}


def language_codes() -> list[str]:
    """Every content language, English (the default) first."""
    return [code for code, _name in settings.LANGUAGES]


def active_language() -> str:
    return (get_language() or settings.LANGUAGE_CODE).split("-")[0]


def content_languages(language: str | None = None) -> list[str]:
    """The languages to read content in, best first, for ``language`` (the active one):
    the language, its fallbacks, English, then the others."""
    code = (language or active_language()).split("-")[0]
    chain = [code, *settings.CONTENT_FALLBACKS.get(code, ()), settings.LANGUAGE_CODE]
    return list(dict.fromkeys([*chain, *language_codes()]))


def editing_languages(language: str | None = None) -> list[str]:
    """The languages a form offers, the user's own first, then the others in order."""
    code = (language or active_language()).split("-")[0]
    return list(dict.fromkeys([code, *language_codes()]))


@dataclass(frozen=True)
class Text:
    """A translated text as read for the active language: the value, the language it
    is in, and whether that is a fallback."""

    value: str
    language: str
    fallback: bool

    def __str__(self) -> str:
        return self.value

    @property
    def note(self) -> str:
        return str(SHOWN_IN.get(self.language, "")) if self.fallback else ""


def read(obj: object, name: str, language: str | None = None) -> Text:
    chain = content_languages(language)
    for code in chain:
        value = getattr(obj, to_attribute(name, code), "") or ""
        if value:
            return Text(str(value), code, code != chain[0])
    return Text("", chain[0], False)


def text_in(obj: object, name: str, language: str) -> str:
    """The value of ``name`` in ``language`` exactly, without fallback ("" if none)."""
    return str(getattr(obj, to_attribute(name, language), "") or "")


def localized(obj: object, field: str) -> str:
    return read(obj, field).value


def values(obj: object, name: str) -> list[str]:
    """Every language's value of ``name`` that is not empty (for search documents)."""
    found = (getattr(obj, to_attribute(name, code), "") or "" for code in language_codes())
    return [str(value) for value in found if value]


def _getter(name: str, field: TranslatedField) -> Callable[[object], str]:
    return lambda self: localized(self, name)


def _setter(name: str, field: TranslatedField) -> Callable[[object, str], None]:
    return lambda self, value: setattr(self, to_attribute(name, active_language()), value)


class _TranslatedAttribute(TranslatedField, property):
    """A ``TranslatedField`` that Django also counts among the model's properties, so
    that ``Model(title=…)`` and ``objects.create(title=…)`` set the active language's
    column, as assigning ``obj.title = …`` does."""

    __get__ = TranslatedField.__get__
    __set__ = TranslatedField.__set__


def translated(field: "models.Field[Any, Any]") -> Any:
    """One column of ``field`` per language, every one of them optional (forms ask
    for at least one language where the text is required)."""
    field.blank = True
    return _TranslatedAttribute(field, attrgetter=_getter, attrsetter=_setter)  # type: ignore[call-arg,arg-type]


def columns(name: str) -> list[str]:
    """The columns of the translated field ``name``: ``["name_en", "name_ru", …]``."""
    return [to_attribute(name, code) for code in language_codes()]


class BilingualNameMixin:
    """``__str__`` from the translated ``name`` (kept as a base of older migrations)."""

    @property
    def name(self) -> str:
        return localized(self, "name")

    def __str__(self) -> str:
        return str(self.name)


def first_value(data: Any, name: str) -> str:
    """The first language's value of ``name`` in a mapping of columns (form data,
    service values), English first: what a slug or a sort key is made from."""
    for column in columns(name):
        value = (data.get(column) or "").strip()
        if value:
            return str(value)
    return ""


def in_every_language(name: str, text: Callable[[], object]) -> dict[str, str]:
    """``{"title_en": …, "title_ru": …}``: ``text()`` evaluated in each language (for
    texts the site writes itself from translated phrases)."""
    found = {}
    for code in language_codes():
        with override(code):
            found[to_attribute(name, code)] = str(text())
    return found
