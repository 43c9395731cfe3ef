"""Anonymous visitors' pages are cached until the content changes, and never leak
anything of one visitor to another."""

import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import CookieStorage
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection
from django.http import HttpResponse
from django.middleware.csp import ContentSecurityPolicyMiddleware, get_nonce
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core import pagecache, personal
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _get(client, url, **extra):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **extra)
    assert response.status_code == 200
    return response, len(queries)


def _request(rf, path, user=None):
    """A GET of ``path`` as the middleware leaves it for a view: a user, a session and
    no messages."""
    request = rf.get(path)
    request.user = user or AnonymousUser()
    request.session = SessionStore()
    request._messages = []
    return request


def test_a_second_anonymous_visit_is_served_without_touching_the_database(client, university):
    url = university.get_absolute_url()
    first, cold_queries = _get(client, url)
    again, warm_queries = _get(Client(), url)

    assert cold_queries > 0
    assert warm_queries == 0
    assert "Satbayev University" in again.content.decode()


def test_a_change_to_the_content_shows_at_once(client, university):
    url = university.get_absolute_url()
    _get(client, url)

    university.name_en = "Satbayev Kazakh National Research Technical University"
    university.save()

    page, queries = _get(Client(), url)
    assert queries > 0
    assert "Kazakh National Research Technical" in page.content.decode()


def test_the_version_moves_again_once_when_the_transaction_commits(
    django_capture_on_commit_callbacks,
):
    before = pagecache.content_version()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        pagecache.bump()
        pagecache.bump()
        assert pagecache.content_version() == before + 2
    assert len(callbacks) == 1
    assert pagecache.content_version() == before + 3


def test_each_visitor_gets_a_csrf_token_of_their_own_that_works():
    home = reverse("home")
    first = Client(enforce_csrf_checks=True)
    second = Client(enforce_csrf_checks=True)
    first_page, _ = _get(first, home)
    second_page, queries = _get(second, home)

    first_token = TOKEN.search(first_page.content.decode()).group(1)
    second_token = TOKEN.search(second_page.content.decode()).group(1)
    assert queries == 0  # the second page came from the cache
    assert first_token != second_token
    assert "\x00" not in second_page.content.decode()

    switched = second.post(
        reverse("switch_language"),
        {"language": "ru", "next": "/", "csrfmiddlewaretoken": second_token},
    )
    assert switched.status_code == 302
    assert switched.cookies["django_language"].value == "ru"


def test_languages_and_time_zones_are_cached_apart(client, university):
    url = university.get_absolute_url()
    english, _ = _get(client, url)
    russian, _ = _get(Client(), "/ru" + url)
    tashkent, queries = _get(Client(), url, HTTP_COOKIE="tz=Asia/Tashkent")

    assert 'lang="en"' in english.content.decode()
    assert 'lang="ru"' in russian.content.decode()
    assert queries > 0  # another zone renders its own copy


def test_signed_in_users_always_get_a_fresh_page(client, university):
    url = university.get_absolute_url()
    _get(Client(), url)
    user = UserFactory()
    client.force_login(user)

    page, queries = _get(client, url)
    assert queries > 0
    assert "Sign out" in page.content.decode()


def test_a_page_with_a_message_for_this_visitor_is_neither_served_from_nor_stored_in_the_cache(
    client, university, rf
):
    url = university.get_absolute_url()
    _get(Client(), url)

    storage = CookieStorage(rf.get("/"))
    client.cookies["messages"] = storage._encode(
        [Message(constants.SUCCESS, "You have signed out.")]
    )

    page, queries = _get(client, url)
    assert queries > 0
    assert "You have signed out." in page.content.decode()

    _, queries = _get(Client(), url)
    assert queries == 0  # the copy stored earlier, without the message


def test_the_cache_can_be_turned_off(client, university, settings):
    settings.PAGE_CACHE_SECONDS = 0
    url = university.get_absolute_url()
    _get(client, url)
    _, queries = _get(Client(), url)
    assert queries > 0


def test_a_page_that_used_its_csp_nonce_is_not_stored(rf, settings):
    calls = []

    @pagecache.cache_for_visitors
    def view(request):
        calls.append(1)
        return HttpResponse(f'<script nonce="{get_nonce(request)}"></script>')

    def visit():
        return ContentSecurityPolicyMiddleware(view)(_request(rf, "/nonce/"))

    first, second = visit(), visit()
    assert len(calls) == 2
    assert first.content != second.content


def test_what_a_view_keeps_for_its_parts_is_stored_with_the_page_when_it_can_be(rf):
    calls = []

    @pagecache.cache_for_visitors(audience=pagecache.default_audience)
    def view(request, value):
        calls.append(1)
        personal.keep(request, "test.value", value)
        return HttpResponse("<p>page</p>")

    def visit(path, value, user):
        request = _request(rf, path, user)
        view(request, value)
        return request

    user = UserFactory()
    visit("/kept/", {"places": 3}, user)
    served = visit("/kept/", {"places": 99}, user)
    assert calls == [1]  # the second request was served as stored
    assert personal.kept(served, "test.value") == {"places": 3}

    visit("/unpicklable/", lambda: 3, user)  # stored without it: parts read it again
    served = visit("/unpicklable/", None, user)
    assert calls == [1, 1]
    assert personal.kept(served, "test.value") is None


class _CountingCache:
    """The real cache, with the reads the page cache makes of it counted."""

    def __init__(self, real):
        self.real = real
        self.reads = []

    def get(self, key, *args, **kwargs):
        self.reads.append("get")
        return self.real.get(key, *args, **kwargs)

    def get_many(self, keys, *args, **kwargs):
        self.reads.append("get_many")
        return self.real.get_many(keys, *args, **kwargs)

    def __getattr__(self, name):
        return getattr(self.real, name)


def test_a_stored_page_is_read_with_its_versions_in_one_round_trip(rf, monkeypatch):
    calls = []

    @pagecache.cache_for_visitors(scopes=["test:one"])
    def view(request):
        calls.append(1)
        return HttpResponse(f"<p>drawn {len(calls)}</p>")

    def visit():
        return view(_request(rf, "/one-trip/"))

    visit()
    counting = _CountingCache(pagecache.cache)
    monkeypatch.setattr(pagecache, "cache", counting)
    assert visit().content == b"<p>drawn 1</p>"
    assert counting.reads == ["get_many"]

    # A change of the scope: the copy of the older versions is not served, and the
    # page drawn again takes its place under the same key.
    pagecache.bump("test:one")
    assert visit().content == b"<p>drawn 2</p>"
    assert visit().content == b"<p>drawn 2</p>"
    assert calls == [1, 1]
