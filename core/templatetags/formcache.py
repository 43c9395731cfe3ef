"""``{% formcache form %}…{% endformcache %}``: a filter form's fields, drawn once per
language, time zone, submitted values and change of what its choices list.

A filter form lists skills, fields, universities, cities as choices, and drawing
them option by option is most of a list page's time when nothing of it is kept.
What it draws depends only on the values submitted for its fields and on those
choices, so the markup is kept under that key: unscoped changes (the taxonomy, the
universities, the languages: core.pagecache) retire it, and it lasts
PAGE_CACHE_SECONDS at most. Only forms without a CSRF token (GET forms) belong here.
"""

import hashlib
from typing import Any

from django import template
from django.conf import settings
from django.core.cache import cache
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe

from core import pagecache

register = template.Library()


def _key(form: Any) -> str:
    data = getattr(form, "data", {}) or {}
    submitted = []
    for name in getattr(form, "fields", {}):
        field_name = form.add_prefix(name)
        values = data.getlist(field_name) if hasattr(data, "getlist") else [data.get(field_name)]
        submitted.append(f"{field_name}={values!r}")
    parts = [
        f"{type(form).__module__}.{type(form).__qualname__}",
        str(getattr(form, "is_bound", False)),
        translation.get_language() or "",
        timezone.get_current_timezone_name(),
        pagecache.scope_version("filter-forms"),
        *submitted,
    ]
    return "form:" + hashlib.sha256("|".join(parts).encode()).hexdigest()


class FormCacheNode(template.Node):
    def __init__(self, nodelist: template.NodeList, form: template.base.FilterExpression) -> None:
        self.nodelist = nodelist
        self.form = form

    def render(self, context: template.Context) -> SafeString:
        form = self.form.resolve(context)
        if form is None or settings.PAGE_CACHE_SECONDS <= 0:
            return self.nodelist.render(context)
        key = _key(form)
        html = cache.get(key)
        if html is None:
            html = str(self.nodelist.render(context))
            cache.set(key, html, settings.PAGE_CACHE_SECONDS)
        return mark_safe(html)  # noqa: S308 - rendered by the template, which escapes


@register.tag
def formcache(parser: template.base.Parser, token: template.base.Token) -> FormCacheNode:
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError("{% formcache form %} takes one form.")
    nodelist = parser.parse(("endformcache",))
    parser.delete_first_token()
    return FormCacheNode(nodelist, parser.compile_filter(bits[1]))
