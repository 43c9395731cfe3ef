"""The library's RSS and Atom feeds: what they list and in which order, per kind, per
theme and for the news; their language; their fixed number of queries; and the links to
them from the library and news pages."""

import datetime
from email.utils import parsedate_to_datetime
from xml.etree import ElementTree

import pytest
from django.contrib.sites.models import Site
from django.urls import reverse
from django.utils import timezone

from knowledge.feeds import FEED_LENGTH
from knowledge.models import KnowledgeItem
from tests.factories import UserFactory
from universities.models import ResearchArea

pytestmark = pytest.mark.django_db

Kind = KnowledgeItem.Kind
Status = KnowledgeItem.Status
ATOM = "{http://www.w3.org/2005/Atom}"
DC = "{http://purl.org/dc/elements/1.1/}"


# The XML parsed here is the site's own response, not outside input.


def _rss(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/rss+xml; charset=utf-8"
    return ElementTree.fromstring(response.content).find("channel")  # noqa: S314


def _atom(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    return ElementTree.fromstring(response.content)  # noqa: S314


def _rss_titles(response):
    return [entry.findtext("title") for entry in _rss(response).findall("item")]


def _atom_titles(response):
    return [entry.findtext(f"{ATOM}title") for entry in _atom(response).findall(f"{ATOM}entry")]


def _day(year, month, day):
    return datetime.date(year, month, day)


@pytest.fixture
def library(make_item, area):
    """Published items of several kinds and dates, and others that no feed may list."""
    storage = ResearchArea.objects.get(slug="e-mobility-batteries")
    make_item("Old report", published_on=_day(2023, 5, 1), themes=[area])
    make_item("Storage tool", kind=Kind.TOOL, published_on=_day(2025, 2, 1), themes=[storage])
    make_item("Hydrogen guidance", kind=Kind.GUIDANCE, published_on=_day(2024, 9, 1),
              themes=[area, storage])  # fmt: skip
    make_item("Grid news", kind=Kind.NEWS, published_on=_day(2025, 3, 1), themes=[area])
    make_item("Op-ed", kind=Kind.COMMENTARY, published_on=_day(2024, 1, 1))
    make_item("A draft", status=Status.DRAFT, published_on=_day(2025, 4, 1), themes=[area])
    make_item("Under review", status=Status.SUBMITTED, published_on=_day(2025, 4, 1))
    make_item("Returned", status=Status.RETURNED, kind=Kind.NEWS, themes=[area])
    make_item("Archived one", status=Status.ARCHIVED, published_on=_day(2025, 5, 1))


def test_library_feed_lists_published_items_newest_first(client, library):
    response = client.get(reverse("knowledge:feed", kwargs={"feed_format": "rss"}))

    assert _rss_titles(response) == [
        "Grid news",
        "Storage tool",
        "Hydrogen guidance",
        "Op-ed",
        "Old report",
    ]


def test_atom_feed_lists_the_same_items(client, library):
    response = client.get(reverse("knowledge:feed", kwargs={"feed_format": "atom"}))

    assert _atom_titles(response) == [
        "Grid news",
        "Storage tool",
        "Hydrogen guidance",
        "Op-ed",
        "Old report",
    ]


def test_library_feed_names_itself_and_the_page_it_follows(client, library):
    channel = _rss(client.get(reverse("knowledge:feed", kwargs={"feed_format": "rss"})))
    domain = Site.objects.get_current().domain

    assert channel.findtext("title") == "Library · Central Asian Regional Platform"
    assert channel.findtext("link") == f"http://{domain}/library/"
    assert channel.findtext("language") == "en"


@pytest.mark.parametrize("feed_format", ["rss", "atom"])
def test_kind_feed_lists_only_that_kind(client, library, feed_format):
    url = reverse("knowledge:kind_feed", kwargs={"kind": "guidance", "feed_format": feed_format})

    response = client.get(url)

    titles = _rss_titles(response) if feed_format == "rss" else _atom_titles(response)
    assert titles == ["Hydrogen guidance"]


def test_kind_feed_is_titled_by_its_kind_and_follows_the_filtered_library(client, library):
    url = reverse("knowledge:kind_feed", kwargs={"kind": "policy_brief", "feed_format": "rss"})

    channel = _rss(client.get(url))

    assert channel.findtext("title") == "Policy brief · Library · Central Asian Regional Platform"
    assert channel.findtext("link").endswith("/library/?kind=policy_brief")
    assert channel.findall("item") == []


@pytest.mark.parametrize("feed_format", ["rss", "atom"])
def test_theme_feed_lists_only_that_theme(client, library, feed_format):
    url = reverse("knowledge:theme_feed", kwargs={"slug": "hydrogen", "feed_format": feed_format})

    response = client.get(url)

    titles = _rss_titles(response) if feed_format == "rss" else _atom_titles(response)
    assert titles == ["Grid news", "Hydrogen guidance", "Old report"]


def test_theme_feed_is_titled_by_its_theme(client, library):
    url = reverse("knowledge:theme_feed", kwargs={"slug": "hydrogen", "feed_format": "atom"})

    feed = _atom(client.get(url))

    assert feed.findtext(f"{ATOM}title") == "Hydrogen · Library · Central Asian Regional Platform"


def test_news_feed_lists_news_and_commentary(client, library):
    response = client.get(reverse("knowledge:news_feed", kwargs={"feed_format": "rss"}))

    assert _rss_titles(response) == ["Grid news", "Op-ed"]
    assert _rss(response).findtext("title") == (
        "News and commentary · Central Asian Regional Platform"
    )


@pytest.mark.parametrize(
    "path",
    [
        "/library/kind/no-such-kind/feed/rss/",
        "/library/kind/no-such-kind/feed/atom/",
        "/library/theme/no-such-theme/feed/rss/",
        "/ru/library/theme/no-such-theme/feed/atom/",
        "/library/feed/json/",
        "/library/kind/report/feed/json/",
    ],
)
def test_unknown_kind_theme_or_format_is_not_found(client, path):
    assert client.get(path).status_code == 404


def test_feed_item_has_its_link_date_authors_and_themes(client, make_item, area):
    named = UserFactory(full_name="Aigerim Sadykova")
    nameless = UserFactory(full_name="", email="hidden@example.org")
    storage = ResearchArea.objects.get(slug="e-mobility-batteries")
    item = make_item(
        "Hydrogen roadmap",
        published_on=_day(2025, 3, 1),
        authors=[named, nameless],
        outside_authors="Jane Doe\n\nJohn Roe",
        themes=[area, storage],
    )
    domain = Site.objects.get_current().domain

    response = client.get(reverse("knowledge:feed", kwargs={"feed_format": "rss"}))

    (entry,) = _rss(response).findall("item")
    assert entry.findtext("title") == "Hydrogen roadmap"
    assert entry.findtext("description") == "About Hydrogen roadmap."
    assert entry.findtext("link") == f"http://{domain}/library/{item.pk}/"
    assert parsedate_to_datetime(entry.findtext("pubDate")) == timezone.make_aware(
        datetime.datetime(2025, 3, 1)
    )
    assert entry.findtext(f"{DC}creator") == "Aigerim Sadykova, Jane Doe, John Roe"
    assert sorted(c.text for c in entry.findall("category")) == [
        "E-mobility and batteries",
        "Hydrogen",
    ]
    assert b"hidden@example.org" not in response.content


def _atom_time(entry, name):
    return datetime.datetime.fromisoformat(entry.findtext(f"{ATOM}{name}"))


def test_an_item_without_a_date_is_dated_when_it_was_published(client, make_item):
    published_at = timezone.make_aware(datetime.datetime(2025, 6, 2, 10, 30))
    make_item("Undated", published_on=None, published_at=published_at)

    response = client.get(reverse("knowledge:feed", kwargs={"feed_format": "atom"}))

    (entry,) = _atom(response).findall(f"{ATOM}entry")
    assert _atom_time(entry, "published") == published_at
    assert _atom_time(entry, "updated") == published_at


def test_an_atom_entry_is_updated_when_it_was_published_here(client, make_item):
    published_at = timezone.make_aware(datetime.datetime(2025, 6, 2, 10, 30))
    make_item("Curated", published_on=_day(2019, 4, 1), published_at=published_at)

    response = client.get(reverse("knowledge:feed", kwargs={"feed_format": "atom"}))

    (entry,) = _atom(response).findall(f"{ATOM}entry")
    assert _atom_time(entry, "published") == timezone.make_aware(datetime.datetime(2019, 4, 1))
    assert _atom_time(entry, "updated") == published_at


def test_feed_lists_at_most_thirty_items(client, make_item):
    for day in range(1, FEED_LENGTH + 2):
        make_item(f"Item {day:02}", published_on=_day(2025, 1, day))

    response = client.get(reverse("knowledge:feed", kwargs={"feed_format": "rss"}))

    assert FEED_LENGTH == 30
    assert _rss_titles(response) == [f"Item {day:02}" for day in range(31, 1, -1)]


def test_feed_under_the_russian_prefix_is_in_russian(client, make_item, area):
    item = make_item(
        "Hydrogen roadmap",
        title_ru="Дорожная карта водорода",
        summary_ru="О водороде.",
        published_on=_day(2025, 3, 1),
        themes=[area],
    )
    make_item("Only in English", published_on=_day(2025, 1, 1))

    channel = _rss(client.get("/ru/library/feed/rss/"))

    assert channel.findtext("title") == "Библиотека · Центральноазиатская региональная платформа"
    assert channel.findtext("language") == "ru"
    assert channel.findtext("link").endswith("/ru/library/")
    first, second = channel.findall("item")
    assert first.findtext("title") == "Дорожная карта водорода"
    assert first.findtext("description") == "О водороде."
    assert [c.text for c in first.findall("category")] == ["Водород"]
    assert first.findtext("link").endswith(f"/ru/library/{item.pk}/")
    assert second.findtext("title") == "Only in English"


def test_theme_and_kind_feeds_under_the_russian_prefix_are_titled_in_russian(client, library):
    kind = _rss(client.get("/ru/library/kind/report/feed/rss/"))
    theme = _atom(client.get("/ru/library/theme/hydrogen/feed/atom/"))

    assert kind.findtext("title") == (
        "Доклад · Библиотека · Центральноазиатская региональная платформа"
    )
    assert theme.findtext(f"{ATOM}title") == (
        "Водород · Библиотека · Центральноазиатская региональная платформа"
    )


def test_a_published_item_shows_in_the_cached_feed_at_once(client, make_item, coordinator):
    url = reverse("knowledge:feed", kwargs={"feed_format": "rss"})
    item = make_item("Waiting", status=Status.SUBMITTED)
    assert _rss_titles(client.get(url)) == []

    item.status = Status.PUBLISHED
    item.save()

    assert _rss_titles(client.get(url)) == ["Waiting"]


@pytest.fixture
def many(make_item, area):
    def make(count, kind=Kind.REPORT):
        for n in range(count):
            make_item(
                f"Item {n}",
                kind=kind,
                themes=[area],
                authors=[UserFactory()],
                outside_authors="Jane Doe",
                published_on=_day(2025, 1, n + 1),
            )

    return make


@pytest.mark.parametrize("count", [1, 5])
@pytest.mark.parametrize("feed_format", ["rss", "atom"])
def test_library_feed_runs_a_fixed_number_of_queries(
    client, many, django_assert_num_queries, count, feed_format
):
    many(count)
    Site.objects.clear_cache()
    # 1. the site (its domain for absolute links; Django keeps it after the first feed)
    # 2. the items; 3. their authors with an account; 4. their themes (prefetches)
    with django_assert_num_queries(4):
        response = client.get(reverse("knowledge:feed", kwargs={"feed_format": feed_format}))
    assert response.status_code == 200
    assert response.content.count(b"Jane Doe") == count


@pytest.mark.parametrize("count", [1, 5])
def test_theme_feed_runs_a_fixed_number_of_queries(client, many, django_assert_num_queries, count):
    many(count)
    Site.objects.clear_cache()
    # 1. the theme; 2. the site; 3. the items; 4. their authors; 5. their themes
    with django_assert_num_queries(5):
        response = client.get(
            reverse("knowledge:theme_feed", kwargs={"slug": "hydrogen", "feed_format": "rss"})
        )
    assert len(_rss(response).findall("item")) == count


@pytest.mark.parametrize("count", [1, 5])
def test_kind_feed_runs_a_fixed_number_of_queries(client, many, django_assert_num_queries, count):
    many(count)
    Site.objects.clear_cache()
    # 1. the site; 2. the items; 3. their authors; 4. their themes
    with django_assert_num_queries(4):
        response = client.get(
            reverse("knowledge:kind_feed", kwargs={"kind": "report", "feed_format": "atom"})
        )
    assert len(_atom(response).findall(f"{ATOM}entry")) == count


@pytest.mark.parametrize("count", [1, 5])
def test_news_feed_runs_a_fixed_number_of_queries(client, many, django_assert_num_queries, count):
    many(count, kind=Kind.NEWS)
    client.get(reverse("knowledge:feed", kwargs={"feed_format": "rss"}))  # keeps the site
    # 1. the items; 2. their authors; 3. their themes (the site is kept after one feed)
    with django_assert_num_queries(3):
        response = client.get(reverse("knowledge:news_feed", kwargs={"feed_format": "rss"}))
    assert len(_rss(response).findall("item")) == count


def _alternates(html):
    return [line.strip() for line in html.splitlines() if 'rel="alternate"' in line]


def test_library_page_links_its_feeds(client):
    html = client.get(reverse("knowledge:library")).content.decode()

    assert _alternates(html) == [
        '<link rel="alternate" type="application/rss+xml" title="Library (RSS)"'
        ' href="/library/feed/rss/">',
        '<link rel="alternate" type="application/atom+xml" title="Library (Atom)"'
        ' href="/library/feed/atom/">',
    ]
    assert '<a href="/library/feed/rss/" type="application/rss+xml">RSS</a>' in html
    assert '<a href="/library/feed/atom/" type="application/atom+xml">Atom</a>' in html


def test_filtered_library_page_links_the_kind_and_theme_feeds(client):
    html = client.get(reverse("knowledge:library"), {"kind": "tool", "theme": "hydrogen"})

    hrefs = [line.split('href="')[1].rstrip('">') for line in _alternates(html.content.decode())]
    assert hrefs == [
        "/library/feed/rss/",
        "/library/feed/atom/",
        "/library/kind/tool/feed/rss/",
        "/library/kind/tool/feed/atom/",
        "/library/theme/hydrogen/feed/rss/",
        "/library/theme/hydrogen/feed/atom/",
    ]


def test_library_page_ignores_an_invalid_filter_for_its_feeds(client):
    html = client.get(reverse("knowledge:library"), {"kind": "nonsense", "theme": "hydrogen"})

    assert len(_alternates(html.content.decode())) == 2


def test_news_page_links_the_news_feed_in_russian(client):
    html = client.get("/ru/news/", {"kind": "news"}).content.decode()

    assert _alternates(html) == [
        '<link rel="alternate" type="application/rss+xml"'
        ' title="Новости и комментарии (RSS)" href="/ru/news/feed/rss/">',
        '<link rel="alternate" type="application/atom+xml"'
        ' title="Новости и комментарии (Atom)" href="/ru/news/feed/atom/">',
        '<link rel="alternate" type="application/rss+xml"'
        ' title="Новости (RSS)" href="/ru/library/kind/news/feed/rss/">',
        '<link rel="alternate" type="application/atom+xml"'
        ' title="Новости (Atom)" href="/ru/library/kind/news/feed/atom/">',
    ]
