"""Whole pages for anonymous visitors, cached until the content changes.

Students and other visitors who are not signed in all see the same page for the
same address, language and time zone, so it is rendered once and kept. The key
holds a content version that any save or delete of the watched models moves on
(`watch`), so a change shows at once. Bulk updates that send no signal call
`bump()` themselves. Pages also expire after `PAGE_CACHE_SECONDS`, which bounds
what the clock alone changes (an event that has started, a deadline passed).

The CSRF token in a cached page (the language switcher's form) is swapped for a
fresh one on each hit, so no visitor ever receives another's token.
"""

import hashlib
import re
import time
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.db import transaction
from django.db.models import Model
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.middleware.csp import get_nonce
from django.middleware.csrf import get_token
from django.template.response import SimpleTemplateResponse
from django.utils import timezone, translation

View = Callable[..., HttpResponseBase]

VERSION_KEY = "pagecache:version"
CSRF_INPUT = re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]*(")')
CSRF_PLACEHOLDER = b"\x00csrf\x00"


def content_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        # Start from the clock, not 1: if the key is ever evicted, the new series
        # cannot meet pages still stored under an old number.
        cache.add(VERSION_KEY, time.time_ns(), None)
        version = cache.get(VERSION_KEY, 0)
    return version


def bump() -> None:
    """Retire every cached page: now, and again when the transaction commits, so a
    request that read the old data in between cannot store it under the new version."""
    _bump_now()
    connection = transaction.get_connection()
    # Once per transaction is enough, however many rows it writes.
    if connection.in_atomic_block and not any(
        callback is _bump_now for _, callback, _ in connection.run_on_commit
    ):
        transaction.on_commit(_bump_now)


def _bump_now() -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.add(VERSION_KEY, time.time_ns(), None)


def _changed(sender: type, **kwargs: Any) -> None:
    if kwargs.get("raw"):  # loaddata: the cache is cleared by whoever loads
        return
    bump()


def watch(*models: type[Model]) -> None:
    """Any save, delete or many-to-many change of these models retires cached pages."""
    for model in models:
        uid = f"pagecache:{model._meta.label}"
        post_save.connect(_changed, sender=model, dispatch_uid=uid + ":save")
        post_delete.connect(_changed, sender=model, dispatch_uid=uid + ":delete")
        for field in model._meta.local_many_to_many:
            through = field.remote_field.through
            m2m_changed.connect(_changed, sender=through, dispatch_uid=f"{uid}:{field.name}")


def _cacheable_request(request: HttpRequest) -> bool:
    if settings.PAGE_CACHE_SECONDS <= 0 or request.method not in ("GET", "HEAD"):
        return False
    if request.user.is_authenticated:
        return False
    # A pending message ("You have signed out") belongs to this visitor alone.
    return len(messages.get_messages(request)) == 0


def _key(request: HttpRequest) -> str:
    parts = [
        str(content_version()),
        translation.get_language() or "",
        timezone.get_current_timezone_name(),
        request.build_absolute_uri(),
    ]
    return "page:" + hashlib.sha256("|".join(parts).encode()).hexdigest()


def _storable(request: HttpRequest, response: HttpResponseBase) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    control = response.get("Cache-Control", "")
    if "private" in control or "no-store" in control:
        return False
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return False
    # A page that used its CSP nonce holds a value meant for this response alone.
    return not get_nonce(request)


def cache_for_visitors(view: View) -> View:
    """Serve anonymous visitors a stored copy of the page while the content is unchanged."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not _cacheable_request(request):
            return view(request, *args, **kwargs)
        key = _key(request)
        stored = cache.get(key)
        if stored is not None:
            content, content_type = stored
            if CSRF_PLACEHOLDER in content:
                content = content.replace(CSRF_PLACEHOLDER, get_token(request).encode())
            return HttpResponse(content, content_type=content_type)
        response = view(request, *args, **kwargs)
        if isinstance(response, SimpleTemplateResponse) and not response.is_rendered:
            response.render()
        if isinstance(response, HttpResponse) and _storable(request, response):
            content = CSRF_INPUT.sub(rb"\1" + CSRF_PLACEHOLDER + rb"\2", response.content)
            cache.set(key, (content, response["Content-Type"]), settings.PAGE_CACHE_SECONDS)
        return response

    return wrapper
