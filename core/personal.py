"""Personal parts: the few pieces of a shared page that differ from one signed-in
person to the next (their account menu, their messages, "you are registered", the
buttons their permissions give).

A page cached by `core.pagecache.cache_for_visitors` is the same for everyone of an
*audience* (visitors; signed-in people; coordinators; see `pagecache`), except for
these parts. A template marks each with ``{% personal "events.registration" event=event.pk %}``:
the tag renders the part's own template with the context its *builder* returns, and,
while a page is being stored, wraps the result in markers. On every later request
the stored page is taken as it is and only the marked parts are built and rendered
again for the person asking: a few small queries instead of the whole page.

Each app registers its parts in its ``personal.py`` (imported by core's AppConfig)::

    @personal("events.registration", "events/partials/_registration_box.html")
    def registration(request, keys):  # keys: [{"event": "12"}, …], one per mark on the page
        return [{...context for the first mark...}, ...]

A part registered with ``by_standing=True`` draws the same for everyone of the same
row and standing (``User.personal_digest``: groups, memberships, registrations) on one
version of the page; when every part of a page is such a part, `core.pagecache` keeps
the page as drawn for that person, and their next request draws nothing. Its builder
names the moments the clock changes what it drew (`until`) and calls `draw_again`
for a request in which it read more of the person.

A builder gets every mark of its name on the page at once, so twenty save buttons
cost one query. It takes values (strings from the mark), never objects, and returns
one context per key. Nothing outside a personal part may depend on who is asking
beyond the page's audience; a part's own template gets the request's context
(``user``, ``perms``, ``request``, the CSRF token) as usual.
"""

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import parse_qsl, urlencode

from django.contrib.auth.context_processors import auth as auth_context
from django.contrib.messages import get_messages
from django.contrib.messages.context_processors import messages as messages_context
from django.http import HttpRequest
from django.template import Context, context_processors
from django.template.loader import get_template
from django.utils.safestring import SafeString, mark_safe

Keys = Sequence[Mapping[str, str]]
Builder = Callable[[HttpRequest, Keys], Sequence[Mapping[str, Any]]]

# Set on a request while its page is rendered to be stored: marks are written.
MARKING = "_personal_marking"
# What the view read that its parts need too (see `keep`).
KEPT = "_personal_kept"
MARK = re.compile(rb"<!--personal ([\w.]+)\?([^>]*?)-->.*?<!--/personal-->", re.DOTALL)


@dataclass(frozen=True)
class Part:
    name: str
    template: str
    build: Builder
    # What it draws depends on nothing of the person's but their row and standing
    # (``User.personal_digest``), besides the page, its kept values and the clock.
    by_standing: bool = False


_PARTS: dict[str, Part] = {}
# Set by `fill`: whether the parts it drew may be kept for the person (`keepable`).
_BY_STANDING = "_personal_by_standing"
# Set by a builder (`draw_again`, `until`).
_OWN = "_personal_own"
_UNTIL = "_personal_until"


def personal(
    name: str, template: str, *, by_standing: bool = False
) -> Callable[[Builder], Builder]:
    """Register ``build`` as the builder of the part ``name``, drawn with ``template``.

    ``by_standing``: for one version of the page, what the part draws is the same for
    everyone of the same row and standing (their memberships, groups, registrations:
    ``User.personal_digest``), until the clock moves past what the builder names with
    `until`; so a page whose parts all are may be kept, drawn, for that person
    (`core.pagecache`). A builder that reads anything else of theirs (their saved
    programmes, a committee seat) leaves it False, or calls `draw_again` when it does."""

    def register(build: Builder) -> Builder:
        _PARTS[name] = Part(name, template, build, by_standing)
        return build

    return register


def draw_again(request: HttpRequest) -> None:
    """For a ``by_standing`` builder: what it drew for this request depends on more
    than the person's standing (their registration's place on a waiting list, an
    offer), so the page drawn for them is not kept."""
    request.__dict__[_OWN] = True


def until(request: HttpRequest, moment: datetime) -> None:
    """For a ``by_standing`` builder: what it drew changes by the clock alone at
    ``moment`` (registration closes, the event starts), so it is kept no longer."""
    current = request.__dict__.get(_UNTIL)
    if current is None or moment < current:
        request.__dict__[_UNTIL] = moment


def keepable(request: HttpRequest) -> tuple[bool, datetime | None]:
    """Whether the parts `fill` drew for ``request`` may be kept for the person asking,
    and the moment they change by the clock (None: not by the clock)."""
    by_standing = bool(request.__dict__.get(_BY_STANDING)) and not request.__dict__.get(_OWN)
    return by_standing, request.__dict__.get(_UNTIL)


def person_key(request: HttpRequest, page_key: str) -> str | None:
    """Where the page ``page_key`` drawn for the person asking is kept, or None when it
    may not be: nobody signed in, a user model without ``personal_digest`` or with
    none for them (staff), or messages waiting (shown once, then gone)."""
    digest_of = getattr(request.user, "personal_digest", None)
    digest = digest_of() if digest_of is not None else None
    if digest is None or len(get_messages(request)):
        return None
    return f"{page_key}:{digest}"


def part(name: str) -> Part:
    try:
        return _PARTS[name]
    except KeyError:
        raise LookupError(f"No personal part is registered as {name!r}.") from None


def marking(request: HttpRequest) -> bool:
    return bool(getattr(request, MARKING, False))


def keep(request: HttpRequest, name: str, value: Any) -> None:
    """Hand ``value``, which the page's view read (an event, its places free), to the
    parts of the page under ``name``. It is stored with the page (`core.pagecache`),
    so that the parts drawn again from the stored copy do not read it once more: only
    what the page shows to its whole audience, and picklable."""
    request.__dict__.setdefault(KEPT, {})[name] = value


def kept(request: HttpRequest, name: str) -> Any:
    """What `keep` handed over under ``name`` in this request or with its stored page
    (None without it)."""
    return request.__dict__.get(KEPT, {}).get(name)


def kept_values(request: HttpRequest) -> dict[str, Any]:
    return dict(request.__dict__.get(KEPT, {}))


def restore(request: HttpRequest, values: Mapping[str, Any]) -> None:
    """The values kept with a stored page, for the parts drawn from it."""
    request.__dict__.setdefault(KEPT, {}).update(values)


def _draw(part_: Part, context: Context, values: Mapping[str, Any]) -> str:
    template = get_template(part_.template).template  # type: ignore[attr-defined]
    with context.push(values):
        return template.render(context)


def render(context: Context, name: str, key: Mapping[str, str]) -> SafeString:
    """The part for the request being rendered (the template tag)."""
    found = part(name)
    request = context.get("request")
    if request is None:  # drawn outside a request (an e-mail, a test): nobody's part
        return mark_safe(_draw(found, context, {}))  # noqa: S308 - rendered by a template
    values = found.build(request, [key])[0]
    html = _draw(found, context, values)
    if marking(request):
        html = f"<!--personal {name}?{urlencode(key)}-->{html}<!--/personal-->"
    return mark_safe(html)  # noqa: S308 - rendered by a template, which escapes


# What a part's template may read of the request: the processors a page has, but for
# the site's own (the demo notice and the language list belong to the shared page).
PART_PROCESSORS = (
    context_processors.request,
    context_processors.csrf,
    context_processors.i18n,
    context_processors.tz,
    auth_context,
    messages_context,
)


def _part_context(request: HttpRequest) -> Context:
    values: dict[str, Any] = {}
    for processor in PART_PROCESSORS:
        values.update(processor(request))
    return Context(values)


def fill(request: HttpRequest, content: bytes) -> bytes:
    """Every marked part of a stored page, built and drawn again for ``request``; one
    builder call per part name, one context for all of them."""
    marks = list(MARK.finditer(content))
    if not marks:
        request.__dict__[_BY_STANDING] = True
        return content
    by_name: dict[str, list[int]] = {}
    keys = [dict(parse_qsl(m.group(2).decode())) for m in marks]
    for index, m in enumerate(marks):
        by_name.setdefault(m.group(1).decode(), []).append(index)
    drawn: list[bytes] = [b""] * len(marks)
    context = _part_context(request)
    request.__dict__[_BY_STANDING] = True
    for name, indexes in by_name.items():
        found = part(name)
        if not found.by_standing:
            request.__dict__[_BY_STANDING] = False
        built = found.build(request, [keys[i] for i in indexes])
        for index, values in zip(indexes, built, strict=True):
            html = _draw(found, context, values)
            key = marks[index].group(2).decode()
            drawn[index] = f"<!--personal {name}?{key}-->{html}<!--/personal-->".encode()
    pieces: list[bytes] = []
    last = 0
    for m, piece in zip(marks, drawn, strict=True):
        pieces += [content[last : m.start()], piece]
        last = m.end()
    pieces.append(content[last:])
    return b"".join(pieces)
