"""Refuse a request body that is too large before anything reads it."""

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat
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
