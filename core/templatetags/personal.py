"""``{% personal "name" key=value … %}``: a part of a shared page drawn for the person
asking (see core/personal.py)."""

from typing import Any

from django import template
from django.utils.safestring import SafeString

from core import personal as parts

register = template.Library()


@register.simple_tag(takes_context=True)
def personal(context: template.Context, name: str, **key: Any) -> SafeString:
    return parts.render(context, name, {k: "" if v is None else str(v) for k, v in key.items()})
