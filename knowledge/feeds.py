"""RSS and Atom feeds of the library: everything published, one kind, one theme, and
the news and commentary, each in the language of its address (``/ru/library/feed/rss/``).

A feed is the same for every visitor, so it goes through the anonymous page cache like
the pages it follows (knowledge/urls.py)."""

from dataclasses import dataclass
from datetime import datetime, time
from typing import Any
from urllib.parse import urlencode

from django.contrib.syndication.views import Feed
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed, SyndicationFeed
from django.utils.translation import gettext as _

from accounts.models import User
from universities.models import ResearchArea

from .models import KnowledgeItem, KnowledgeItemQuerySet

FEED_LENGTH = 30


@dataclass(frozen=True)
class FeedScope:
    """What one feed follows: its name and where that sits (``Report``, ``Library``),
    the page it mirrors, and the items it takes."""

    names: tuple[str, ...]
    link: str
    items: KnowledgeItemQuerySet

    @property
    def name(self) -> str:
        return self.names[0]


def library_link(**query: str) -> str:
    url = reverse("knowledge:library")
    return f"{url}?{urlencode(query)}" if query else url


def library_scope() -> FeedScope:
    return FeedScope((_("Library"),), library_link(), KnowledgeItem.objects.published())


def kind_scope(kind: str) -> FeedScope:
    """One kind's items; an unknown kind is not found."""
    if kind not in KnowledgeItem.Kind.values:
        raise Http404
    items = KnowledgeItem.objects.published().filter(kind=kind)
    names = (str(KnowledgeItem.Kind(kind).label), _("Library"))
    return FeedScope(names, library_link(kind=kind), items)


def theme_scope(slug: str) -> FeedScope:
    """One theme's items; an unknown theme is not found."""
    theme = get_object_or_404(ResearchArea, slug=slug)
    items = KnowledgeItem.objects.published().filter(themes=theme)
    return FeedScope((str(theme.name), _("Library")), library_link(theme=theme.slug), items)


def news_scope() -> FeedScope:
    items = KnowledgeItem.objects.published().news()
    return FeedScope((_("News and commentary"),), reverse("knowledge:news"), items)


def publication_time(item: KnowledgeItem) -> datetime | None:
    """The item's publication date, at the start of that day in the site's zone; the
    moment it was published here when it carries no date."""
    if item.published_on is not None:
        return timezone.make_aware(datetime.combine(item.published_on, time.min))
    return item.published_at


class KnowledgeFeed(Feed):
    """The newest published items of a scope, at most ``FEED_LENGTH``."""

    feed_type: type[SyndicationFeed] = Rss201rev2Feed

    def get_object(self, request: HttpRequest, *args: Any, **kwargs: Any) -> FeedScope:
        scope: FeedScope = kwargs["scope"]
        return scope

    def title(self, scope: FeedScope) -> str:
        return " · ".join([*scope.names, _("Central Asian Regional Platform")])

    def description(self, scope: FeedScope) -> str:
        return _(
            "The latest items published on the Central Asian Regional Platform: %(scope)s."
        ) % {"scope": scope.name}

    def subtitle(self, scope: FeedScope) -> str:
        return self.description(scope)

    def link(self, scope: FeedScope) -> str:
        return scope.link

    def items(self, scope: FeedScope) -> list[KnowledgeItem]:
        authors = User.objects.only("pk", "full_name")
        items = scope.items.newest_first().prefetch_related(
            Prefetch("authors", queryset=authors), "themes"
        )
        return list(items[:FEED_LENGTH])

    def item_title(self, item: KnowledgeItem) -> str:
        return str(item.title)

    def item_description(self, item: KnowledgeItem) -> str:
        return str(item.summary)

    def item_link(self, item: KnowledgeItem) -> str:
        return item.get_absolute_url()

    def item_pubdate(self, item: KnowledgeItem) -> datetime | None:
        return publication_time(item)

    def item_updateddate(self, item: KnowledgeItem) -> datetime | None:
        # Atom asks every entry when it last changed; here, when it was published on
        # the platform (a curated item may carry a much older publication date).
        return item.published_at or publication_time(item)

    def item_author_name(self, item: KnowledgeItem) -> str | None:
        # Names only: an account without a name stays out rather than show its e-mail.
        names = [author.full_name for author in item.authors.all() if author.full_name]
        names += item.outside_author_list()
        return ", ".join(names) or None

    def item_categories(self, item: KnowledgeItem) -> list[str]:
        return [str(theme.name) for theme in item.themes.all()]


class KnowledgeAtomFeed(KnowledgeFeed):
    feed_type = Atom1Feed


FEEDS: dict[str, KnowledgeFeed] = {"rss": KnowledgeFeed(), "atom": KnowledgeAtomFeed()}


def _serve(request: HttpRequest, feed_format: str, scope: FeedScope) -> HttpResponse:
    return FEEDS[feed_format](request, scope=scope)


def library_feed(request: HttpRequest, feed_format: str) -> HttpResponse:
    return _serve(request, feed_format, library_scope())


def kind_feed(request: HttpRequest, feed_format: str, kind: str) -> HttpResponse:
    return _serve(request, feed_format, kind_scope(kind))


def theme_feed(request: HttpRequest, feed_format: str, slug: str) -> HttpResponse:
    return _serve(request, feed_format, theme_scope(slug))


def news_feed(request: HttpRequest, feed_format: str) -> HttpResponse:
    return _serve(request, feed_format, news_scope())
