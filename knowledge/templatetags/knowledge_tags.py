"""The library's items on other apps' pages (the home page, a university's or an
organisation's profile), so that no lower app imports this one."""

from typing import Any

from django import template

from industry.models import Organisation
from universities.models import University

from ..models import KnowledgeItem

register = template.Library()

FEATURED = 3
PUBLISHED_BY = 6


@register.inclusion_tag("knowledge/partials/_item_list.html")
def featured_items(limit: int = FEATURED) -> dict[str, Any]:
    """The items coordinators feature on the home page, newest first."""
    return {"items": list(KnowledgeItem.objects.featured().newest_first()[:limit])}


@register.inclusion_tag("knowledge/partials/_item_list.html")
def published_by(
    institution: University | Organisation, limit: int = PUBLISHED_BY
) -> dict[str, Any]:
    """What a university or an organisation published, newest first."""
    field = "universities" if isinstance(institution, University) else "organisations"
    items = KnowledgeItem.objects.published().filter(**{field: institution}).newest_first()
    return {"items": list(items[:limit])}
