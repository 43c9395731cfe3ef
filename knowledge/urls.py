from django.urls import path, register_converter

from core.pagecache import cache_for_visitors, default_audience

from . import feeds, views


class FeedFormat:
    """``rss`` or ``atom``: any other format is not found."""

    regex = "rss|atom"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(FeedFormat, "feed")

LIBRARY = ("knowledge",)

app_name = "knowledge"

urlpatterns = [
    path(
        "library/",
        cache_for_visitors(views.LibraryView.as_view(), scopes=LIBRARY, audience=default_audience),
        name="library",
    ),
    path(
        "library/feed/<feed:feed_format>/",
        cache_for_visitors(feeds.library_feed, scopes=LIBRARY),
        name="feed",
    ),
    path(
        "library/kind/<slug:kind>/feed/<feed:feed_format>/",
        cache_for_visitors(feeds.kind_feed, scopes=LIBRARY),
        name="kind_feed",
    ),
    path(
        "library/theme/<slug:slug>/feed/<feed:feed_format>/",
        cache_for_visitors(feeds.theme_feed, scopes=LIBRARY),
        name="theme_feed",
    ),
    path("library/new/", views.item_create, name="create"),
    path("library/mine/", views.my_items, name="mine"),
    path("library/review/", views.review_queue, name="review"),
    path(
        "library/<int:pk>/",
        # With what relates to the item: programmes, needs, events and their sessions.
        cache_for_visitors(views.item_detail, scopes=("knowledge", "catalogue", "needs", "events")),
        name="detail",
    ),
    path("library/<int:pk>/edit/", views.item_edit, name="edit"),
    path("library/<int:pk>/submit/", views.item_submit, name="submit"),
    path("library/<int:pk>/publish/", views.item_publish, name="publish"),
    path("library/<int:pk>/return/", views.item_return, name="return"),
    path("library/<int:pk>/archive/", views.item_archive, name="archive"),
    path("library/<int:pk>/restore/", views.item_restore, name="restore"),
    path("library/<int:pk>/feature/", views.item_feature, name="feature"),
    path("library/<int:pk>/files/<int:file>/", views.download, name="download"),
    path("library/<int:pk>/image/", views.image, name="image"),
    path("news/", cache_for_visitors(views.NewsView.as_view(), scopes=LIBRARY), name="news"),
    path(
        "news/feed/<feed:feed_format>/",
        cache_for_visitors(feeds.news_feed, scopes=LIBRARY),
        name="news_feed",
    ),
]
