"""Refuse a request body that is too large before anything reads it."""

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat
from django.urls import translate_url
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme

View = Callable[..., Any]


def body_limit(max_bytes: int) -> Callable[[View], View]:
    """Let the decorated view accept request bodies up to ``max_bytes`` (an upload form);
    others accept ``settings.MAX_REQUEST_BODY_BYTES``."""

    def decorate(view: View) -> View:
        view.max_body_bytes = max_bytes  # type: ignore[attr-defined]
        return view

    return decorate


def limit_of(view: View) -> int:
    return int(getattr(view, "max_body_bytes", settings.MAX_REQUEST_BODY_BYTES))


class RequestBodyLimitMiddleware:
    """Answers 413, with a page saying the limit, when ``Content-Length`` is over the
    view's limit. It runs before CSRF checking, which would read (and spool) the body."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: View, args: Any, kwargs: Any
    ) -> HttpResponse | None:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        limit = limit_of(view)
        if length <= limit:
            return None
        back = request.META.get("HTTP_REFERER", "")
        if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
            back = ""
        response = render(
            request,
            "core/too_large.html",
            {"limit": filesizeformat(limit), "size": filesizeformat(length), "back": back},
            status=413,
        )
        response["Connection"] = "close"  # the rest of the body is not read
        return response


# Addresses read by programs (feed readers, calendars) rather than people: they keep
# no cookie and must get the language of the address they were given.
READ_BY_PROGRAMS = ("/feed/rss/", "/feed/atom/", "/feed/", ".ics", "/ics")


class FirstVisitLanguageMiddleware:
    """On a first visit to an address without a language prefix, follow the browser's
    ``Accept-Language``: a visitor whose browser asks for Russian lands on the Russian
    page. The choice is kept in the language cookie, so it happens once, and the
    language switcher (which sets the cookie) always wins afterwards. Feeds and
    calendar files keep the language of their address (``READ_BY_PROGRAMS``)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        redirect_to = self._first_visit_redirect(request)
        if redirect_to is None:
            return self.get_response(request)
        response = HttpResponseRedirect(redirect_to)
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            translation.get_language_from_path(redirect_to) or settings.LANGUAGE_CODE,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            samesite="Lax",
            secure=settings.LANGUAGE_COOKIE_SECURE,
        )
        return response

    @staticmethod
    def _first_visit_redirect(request: HttpRequest) -> str | None:
        if (
            request.method not in ("GET", "HEAD")
            or settings.LANGUAGE_COOKIE_NAME in request.COOKIES
        ):
            return None
        if not request.META.get("HTTP_ACCEPT_LANGUAGE"):
            return None
        if request.path_info.endswith(READ_BY_PROGRAMS):
            return None
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return None  # signed-in people have their own language (UserPreferencesMiddleware)
        if translation.get_language_from_path(request.path_info):
            return None
        wanted = translation.get_language_from_request(request, check_path=False)
        if wanted == settings.LANGUAGE_CODE:
            return None
        current = request.get_full_path()
        target = translate_url(current, wanted)
        return target if target != current else None
