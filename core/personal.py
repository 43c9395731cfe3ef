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

A builder gets every mark of its name on the page at once, so twenty save buttons
cost one query. It takes values (strings from the mark), never objects, and returns
one context per key. Nothing outside a personal part may depend on who is asking
beyond the page's audience; a part's own template gets the request's context
(``user``, ``perms``, ``request``, the CSRF token) as usual.
"""

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, urlencode

from django.contrib.auth.context_processors import auth as auth_context
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


_PARTS: dict[str, Part] = {}


def personal(name: str, template: str) -> Callable[[Builder], Builder]:
    """Register ``build`` as the builder of the part ``name``, drawn with ``template``."""

    def register(build: Builder) -> Builder:
        _PARTS[name] = Part(name, template, build)
        return build

    return register


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
        return content
    by_name: dict[str, list[int]] = {}
    keys = [dict(parse_qsl(m.group(2).decode())) for m in marks]
    for index, m in enumerate(marks):
        by_name.setdefault(m.group(1).decode(), []).append(index)
    drawn: list[bytes] = [b""] * len(marks)
    context = _part_context(request)
    for name, indexes in by_name.items():
        found = part(name)
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
