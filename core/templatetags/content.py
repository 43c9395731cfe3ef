"""Translated content in templates, saying discreetly when a text is shown in
another language than the page's.

``{% translated obj "title" as title %}`` gives a ``core.bilingual.Text`` (its
``value``, ``language``, ``fallback`` and ``note``); ``{% text_block obj "description" %}``
renders a paragraph block marked with its language and, for a fallback, a note such
as "shown in English".
"""

from typing import Any

from django import template

from core.bilingual import Text, read

register = template.Library()


@register.simple_tag
def translated(obj: object, name: str) -> Text:
    return read(obj, name)


@register.inclusion_tag("core/partials/_text_block.html")
def text_block(obj: object, name: str, css: str = "") -> dict[str, Any]:
    return {"text": read(obj, name), "css": css}


@register.inclusion_tag("core/partials/_fallback_note.html")
def fallback_note(obj: object, name: str) -> dict[str, Any]:
    return {"text": read(obj, name)}
