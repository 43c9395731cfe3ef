"""The library's items on other apps' pages (the home page, a university's or an
organisation's profile), so that no lower app imports this one; and the feeds that
follow a library or news page."""

from dataclasses import dataclass
from typing import Any

from django import template
from django.urls import reverse
from django.utils.translation import gettext as _

from industry.models import Organisation
from universities.models import University

from ..feeds import library_link
from ..models import KnowledgeItem

register = template.Library()

FEATURED = 3
PUBLISHED_BY = 6


@register.inclusion_tag("knowledge/partials/_featured.html")
def featured_items(limit: int = FEATURED) -> dict[str, Any]:
    """The items coordinators feature on the home page, newest first (one query)."""
    return {"items": list(KnowledgeItem.objects.featured().newest_first()[:limit])}


@register.inclusion_tag("knowledge/partials/_published_by.html")
def published_by(
    institution: University | Organisation, limit: int = PUBLISHED_BY
) -> dict[str, Any]:
    """What a university or an organisation published, newest first (one query: one
    row more than shown tells whether the library has more of theirs)."""
    if isinstance(institution, University):
        field, library_filter = "universities", "university"
    else:
        field, library_filter = "organisations", "organisation"
    items = KnowledgeItem.objects.published().filter(**{field: institution}).newest_first()
    found = list(items[: limit + 1])
    return {
        "items": found[:limit],
        "more": library_link(**{library_filter: institution.slug}) if len(found) > limit else "",
    }


@dataclass(frozen=True)
class FeedLink:
    """One feed a page offers, in both formats."""

    name: str
    rss: str
    atom: str


def _feed(name: str, url_name: str, **kwargs: str) -> FeedLink:
    def url(feed_format: str) -> str:
        return reverse(url_name, kwargs={**kwargs, "feed_format": feed_format})

    return FeedLink(name, url("rss"), url("atom"))


@register.simple_tag
def feed_links(filterset: Any = None, *, news: bool = False) -> list[FeedLink]:
    """The library's (or the news') feed, then those of the kind and the theme the
    page is filtered by. No query: the theme is the one the filter already read."""
    if news:
        links = [_feed(_("News and commentary"), "knowledge:news_feed")]
    else:
        links = [_feed(_("Library"), "knowledge:feed")]
    valid = filterset is not None and filterset.is_bound and filterset.form.is_valid()
    data = filterset.form.cleaned_data if valid else {}
    if kind := data.get("kind"):
        links.append(_feed(str(KnowledgeItem.Kind(kind).label), "knowledge:kind_feed", kind=kind))
    if theme := data.get("theme"):
        links.append(_feed(str(theme.name), "knowledge:theme_feed", slug=theme.slug))
    return links
