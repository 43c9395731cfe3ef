"""Whole pages, cached until what they show changes.

Visitors who are not signed in all see the same page for the same address, language
and time zone, so it is rendered once and kept. Signed-in people share pages too: one
copy per *audience* (signed-in people, coordinators, or what a view says), in which
only the *personal parts* (core/personal.py: the account menu, messages, "you are
registered", the buttons a person's permissions give) are drawn again for each
request, or kept as drawn for one person when all its parts come from their standing
(`personal.person_key`). A stored copy is kept with the content versions it was drawn
under, read with it in one round trip and served only while they are current: one version for
everything, and one per *scope*, a named part of the content ("events", "catalogue",
``f"event:{pk}"``, ``f"university:{slug}"``). Each cached view declares the scopes
its page shows (`cache_for_visitors(view, scopes=…)`); each watched model says which
scopes a change of one of its rows touches (`watch(*models, scopes=…)`). A save,
delete or many-to-many change moves those versions on, so a change shows at once on
the pages that show it and leaves the others cached. Bulk updates that send no
signal call `bump()` (everything) or `bump(*scopes)` themselves. Pages also expire
after `PAGE_CACHE_SECONDS`, which bounds what the clock alone changes (an event that
has started, a deadline passed).

A view that declares no scopes depends on every change, as does a model watched
without them: forgetting a declaration costs cache hits, never a stale page.

The CSRF token in a cached page (the language switcher's form) is swapped for a
fresh one on each hit, so no visitor ever receives another's token; a page that
used its CSP nonce, set a cookie or changed the session is not kept.
"""

import hashlib
import pickle
import re
import threading
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.db import transaction
from django.db.models import Model
from django.db.models.signals import m2m_changed, post_save, pre_delete
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.middleware.csp import get_nonce
from django.middleware.csrf import get_token
from django.template.response import SimpleTemplateResponse
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control

from . import personal

View = Callable[..., HttpResponseBase]
# The part of a page's key that says who sees it ("" for visitors).
# None: this person's page is theirs alone (rendered for them, never stored).
Audience = Callable[[HttpRequest], str | None]
# What a change of one row touches, from the row (its state after a save, before a delete).
ScopesOf = Callable[[Any], Iterable[str]]
# What a page shows: names, formatted with the URL's keyword arguments
# ("university:{slug}"), or a function of those arguments.
PageScopes = Sequence[str] | Callable[[Mapping[str, Any]], Iterable[str]]

VERSION_KEY = "pagecache:version"
SCOPE_KEY = "pagecache:version:"
# Moved by every scoped change: the scope of a page that declared none.
ANY_SCOPE = "*"
CSRF_INPUT = re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]*(")')
CSRF_PLACEHOLDER = b"\x00csrf\x00"

# Keys to move again when the current transaction commits: one callback per
# transaction gathers them all.
_pending = threading.local()


def _versions(keys: Sequence[str]) -> list[int]:
    found = cache.get_many(keys)
    for key in keys:
        if key not in found:
            # Start from the clock, not 1: if the key is ever evicted, the new series
            # cannot meet pages still stored under an old number.
            cache.add(key, time.time_ns(), None)
            found[key] = cache.get(key, 0)
    return [found[key] for key in keys]


def _scope_keys(scopes: Iterable[str]) -> list[str]:
    return [VERSION_KEY, *(SCOPE_KEY + scope for scope in dict.fromkeys(scopes))]


def content_version() -> int:
    """A number that every change moves, whatever its scope (for a cache that follows
    all of the content; `scope_version` follows a part of it)."""
    return sum(_versions([VERSION_KEY, SCOPE_KEY + ANY_SCOPE]))


def unscoped_version() -> str:
    """A number that only the changes named on every page move (a model watched
    without scopes: skills, fields, universities…), for what follows those alone."""
    return str(_versions([VERSION_KEY])[0])


def scope_version(*scopes: str) -> str:
    """One string that changes whenever something in these scopes changes (and on
    `bump()`), for other caches to key on: ``scope_version("gaps")``. With no scope,
    it follows every change."""
    keys = _scope_keys(scopes or [ANY_SCOPE])
    return ".".join(str(version) for version in _versions(keys))


def bump(*scopes: str) -> None:
    """Retire the cached pages that show these scopes (with none: every page), now and
    again when the transaction commits, so a request that read the old data in
    between cannot store it under the new version."""
    keys = [SCOPE_KEY + s for s in (*dict.fromkeys(scopes), ANY_SCOPE)] if scopes else [VERSION_KEY]
    _move(keys)
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        return
    # Once per transaction is enough, however many rows it writes.
    if any(callback is _bump_now for _, callback, _ in connection.run_on_commit):
        _pending.keys.update(keys)
    else:
        # What a rolled-back transaction left here was never committed.
        _pending.keys = set(keys)
        transaction.on_commit(_bump_now)


def _bump_now() -> None:
    keys = getattr(_pending, "keys", None) or {VERSION_KEY}
    _pending.keys = None
    _move(sorted(keys))


def _move(keys: Iterable[str]) -> None:
    for key in keys:
        try:
            cache.incr(key)
        except ValueError:
            cache.add(key, time.time_ns(), None)


class _Watcher:
    """Moves the scopes a row's change touches; one per watched model."""

    def __init__(self, scopes: ScopesOf | None) -> None:
        self.scopes = scopes

    def bump_for(self, instance: Any) -> None:
        if self.scopes is None:
            bump()
        else:
            touched = tuple(self.scopes(instance))
            if touched:
                bump(*touched)

    def saved(self, sender: type, instance: Any, raw: bool = False, **kwargs: Any) -> None:
        if raw:  # loaddata: the cache is cleared by whoever loads
            return
        self.bump_for(instance)

    def deleted(self, sender: type, instance: Any, **kwargs: Any) -> None:
        # Before the delete, while the row's relations still say where it was shown.
        self.bump_for(instance)

    def related(
        self, sender: type, instance: Any, action: str, reverse: bool, **kwargs: Any
    ) -> None:
        if reverse:  # from the other side: which rows of ours changed is not at hand
            bump()
        elif action in ("pre_remove", "pre_clear", "post_add"):
            # Before a removal the row still shows on the page it leaves; after an
            # addition, on the page it joins.
            self.bump_for(instance)


def watch(*models: type[Model], scopes: ScopesOf | None = None) -> None:
    """Any save, delete or many-to-many change of these models retires the cached pages
    that show the scopes ``scopes(row)`` names; without ``scopes``, every page."""
    watcher = _Watcher(scopes)
    for model in models:
        uid = f"pagecache:{model._meta.label}"
        post_save.connect(watcher.saved, sender=model, weak=False, dispatch_uid=uid + ":save")
        pre_delete.connect(watcher.deleted, sender=model, weak=False, dispatch_uid=uid + ":delete")
        for field in model._meta.local_many_to_many:
            through = field.remote_field.through
            m2m_changed.connect(
                watcher.related, sender=through, weak=False, dispatch_uid=f"{uid}:{field.name}"
            )


def _cacheable_request(request: HttpRequest, audience: Audience | None) -> bool:
    if settings.PAGE_CACHE_SECONDS <= 0 or request.method not in ("GET", "HEAD"):
        return False
    if request.user.is_authenticated:
        # Their messages and everything else of theirs are personal parts.
        return audience is not None
    # A pending message ("You have signed out") belongs to this visitor alone, and an
    # anonymous page is served as stored, without its personal parts drawn again.
    return len(messages.get_messages(request)) == 0


def default_audience(request: HttpRequest) -> str:
    """Who sees the same page, personal parts aside: visitors; signed-in people;
    coordinators (who see archived and hidden content, and more buttons)."""
    user = request.user
    if not user.is_authenticated:
        return ""
    return "coordinator" if getattr(user, "is_coordinator", False) else "signed-in"


def _page_scopes(scopes: PageScopes | None, kwargs: Mapping[str, Any]) -> list[str]:
    if scopes is None:
        return [ANY_SCOPE]
    if callable(scopes):
        return list(scopes(kwargs))
    return [scope.format_map(kwargs) for scope in scopes]


def _key(request: HttpRequest, audience: str) -> str:
    parts = [
        audience,
        translation.get_language() or "",
        timezone.get_current_timezone_name(),
        request.build_absolute_uri(),
    ]
    return "page:v2:" + hashlib.sha256("|".join(parts).encode()).hexdigest()


def _lookup(key: str, version_keys: list[str], mine: str | None) -> tuple[list[int], Any, Any]:
    """The current versions of a page's scopes, its stored copy and the copy drawn for
    the person asking (under ``mine``), in one round trip to the cache; a copy is None
    unless it was stored under those versions."""
    found = cache.get_many([*version_keys, key, *([mine] if mine else [])])
    stored = found.pop(key, None)
    drawn = found.pop(mine, None) if mine else None
    if len(found) == len(version_keys):
        versions = [found[k] for k in version_keys]
    else:
        versions = _versions(version_keys)
    if stored is not None and stored[0] != versions:
        stored = None
    if drawn is not None and drawn[0] != versions:
        drawn = None
    return versions, stored and stored[1:], drawn and drawn[1:]


def _keep_drawn(
    request: HttpRequest,
    mine: str,
    versions: list[int],
    content: bytes,
    content_type: str,
    expires: float,
) -> None:
    """Keep the page drawn for the person asking, when every part on it was drawn from
    their standing alone, until the stored copy it came from expires or the clock
    changes a part (`personal.until`), whichever comes first."""
    by_standing, until = personal.keepable(request)
    session = getattr(request, "session", None)
    if not by_standing or (session is not None and session.modified) or get_nonce(request):
        return
    ends = expires if until is None else min(expires, until.timestamp())
    seconds = int(ends - time.time())
    if seconds < 1:
        return
    content = CSRF_INPUT.sub(rb"\1" + CSRF_PLACEHOLDER + rb"\2", content)
    cache.set(mine, (versions, content, content_type), seconds)


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


def cache_for_visitors(
    view: View | None = None,
    *,
    scopes: PageScopes | None = None,
    audience: Audience | None = None,
) -> Any:
    """Serve a stored copy of the page while what it shows is unchanged: the
    ``scopes`` it declares (every change, when it declares none).

    Signed-in people get a stored page only from a view that names its ``audience``:
    a function of the request saying who sees the same page outside its personal
    parts (`default_audience`: signed-in people, coordinators; a view whose content
    depends on more, such as the needs a member's organisations may see, passes its
    own). Their copy's personal parts (core/personal.py) are drawn again on every
    request. Without ``audience`` the view runs for them each time."""
    if view is None:
        return lambda view: cache_for_visitors(view, scopes=scopes, audience=audience)

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not _cacheable_request(request, audience):
            return view(request, *args, **kwargs)
        signed_in = request.user.is_authenticated
        who = audience(request) if signed_in and audience is not None else ""
        if who is None:
            return view(request, *args, **kwargs)
        # One copy per address and audience, stored with the versions it was drawn
        # under: a page of older versions is never served, and is overwritten.
        key = _key(request, who)
        # The page as drawn for this person, when its parts were theirs by standing.
        mine = personal.person_key(request, key) if signed_in else None
        versions, stored, drawn = _lookup(key, _scope_keys(_page_scopes(scopes, kwargs)), mine)
        if drawn is not None:
            return _served(_with_token(request, *drawn), signed_in)
        if stored is not None:
            content, content_type, kept, expires = stored
            if signed_in:
                personal.restore(request, pickle.loads(kept))  # noqa: S301 - written above
                content = personal.fill(request, content)
                if mine is not None:
                    _keep_drawn(request, mine, versions, content, content_type, expires)
            return _served(_with_token(request, content, content_type), signed_in)
        setattr(request, personal.MARKING, True)
        try:
            response = view(request, *args, **kwargs)
            if isinstance(response, SimpleTemplateResponse) and not response.is_rendered:
                response.render()
        finally:
            setattr(request, personal.MARKING, False)
        if isinstance(response, HttpResponse) and _storable(request, response):
            content = CSRF_INPUT.sub(rb"\1" + CSRF_PLACEHOLDER + rb"\2", response.content)
            # With what the view handed to its personal parts (core.personal.keep),
            # pickled apart, so that it is read only when parts are drawn from the copy;
            # a value that cannot be pickled leaves the parts to read it again.
            try:
                kept = pickle.dumps(personal.kept_values(request), pickle.HIGHEST_PROTOCOL)
            except (pickle.PicklingError, TypeError, AttributeError):
                kept = pickle.dumps({})
            seconds = settings.PAGE_CACHE_SECONDS
            cache.set(
                key,
                (versions, content, response["Content-Type"], kept, time.time() + seconds),
                seconds,
            )
        return _served(response, signed_in)

    return wrapper


def _with_token(request: HttpRequest, content: bytes, content_type: str) -> HttpResponse:
    """A stored page with a fresh CSRF token for ``request`` where it holds one."""
    if CSRF_PLACEHOLDER in content:
        content = content.replace(CSRF_PLACEHOLDER, get_token(request).encode())
    return HttpResponse(content, content_type=content_type)


def keep_private(response: HttpResponseBase) -> HttpResponseBase:
    """Mark a page that shows what only some of its audience may see (a draft to its
    editors, an archived event to coordinators): it is served, never stored."""
    patch_cache_control(response, private=True)
    return response


def _served(response: HttpResponseBase, signed_in: bool) -> HttpResponseBase:
    if signed_in:
        # Someone's own page: never kept by a shared cache between here and them.
        patch_cache_control(response, private=True)
    return response
