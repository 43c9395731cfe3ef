"""The one e-mail builder of the portal (allauth's own messages aside); every e-mail is
sent through the outbox (core/outbox.py), which calls it when the e-mail is due.

Every e-mail is a name such as ``events/email/reminder`` with three templates:
``<name>_subject.txt``, ``<name>_body.txt`` and ``<name>_body.html`` (the HTML part
extends ``core/email/base.html``: simple, inline-styled, readable in Outlook and on
a phone). Each is rendered in the recipient's language **and time zone**, links are
absolute (``SITE_URL``), and an iCalendar file is attached when one is given.
"""

import email.policy
import secrets
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from email.headerregistry import BaseHeader, HeaderRegistry
from email.message import MIMEPart
from functools import lru_cache
from smtplib import SMTPException
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .timezones import zone_or_none

# Celery options for a task whose work is sending e-mail: retry the outside world.
MAIL_RETRY: dict[str, Any] = {
    "autoretry_for": (SMTPException, OSError),
    "retry_backoff": 30,
    "retry_backoff_max": 900,
    "max_retries": 6,
}


def absolute_url(path: str) -> str:
    """``path`` (from ``reverse`` or ``get_absolute_url``) as a full address for an e-mail."""
    return f"{settings.SITE_URL}{path}"


def link_to(obj: Any) -> Callable[[Any], str]:
    """A context value that becomes ``obj``'s absolute address in the recipient's language."""
    return lambda _user: absolute_url(obj.get_absolute_url())


@dataclass(frozen=True)
class Attachment:
    filename: str
    content: bytes
    mimetype: str


def ics_attachment(content: bytes) -> Attachment:
    return Attachment("event.ics", content, "text/calendar")


def can_receive(user: Any) -> bool:
    return bool(user.is_active and user.email)


class _ReusedHeaders(email.policy.EmailPolicy):
    """Python's modern e-mail policy, with each header parsed and folded once.

    Under that policy every header set on a message is parsed into a header object,
    and folded again when the message is written: with the random boundaries below,
    about two fifths of the cost of sending a reminder. Most headers of a burst are
    the same from one e-mail to the next (each part's Content-Type and
    Content-Transfer-Encoding, MIME-Version, From, the subject in each language), so
    a parsed header is kept by its name and text, and its folded form on the header
    object. The bytes written are the same.
    """

    def header_store_parse(self, name: str, value: Any) -> tuple[str, Any]:
        if type(value) is str and len(value.splitlines()) <= 1:
            return name, _parsed(self.header_factory, name, value)
        return super().header_store_parse(name, value)

    def _fold(self, name: str, value: Any, refold_binary: bool = False) -> str:
        if not isinstance(value, BaseHeader):
            return super()._fold(name, value, refold_binary=refold_binary)  # type: ignore[misc]
        # The writer clones the policy for each part: the fold is kept by what it
        # depends on, not by the policy object.
        key = (self.linesep, self.max_line_length, self.utf8, self.refold_source)
        folds: dict[tuple[Any, ...], str] = value.__dict__.setdefault("_folds", {})
        if key not in folds:
            folds[key] = value.fold(policy=self)
        return folds[key]


class _HeaderClasses(HeaderRegistry):
    """Python's header registry, making each header's class once: it makes a new class
    for every header set on a message."""

    def __init__(self) -> None:
        super().__init__()
        self._classes: dict[str, type[BaseHeader]] = {}

    def __getitem__(self, name: str) -> type[BaseHeader]:
        key = name.lower()
        if key not in self._classes:
            self._classes[key] = super().__getitem__(name)
        return self._classes[key]


@lru_cache(maxsize=128)
def _parsed(factory: Callable[[str, str], BaseHeader], name: str, value: str) -> BaseHeader:
    return factory(name, value)


_REUSED: dict[Any, _ReusedHeaders] = {
    email.policy.default: _ReusedHeaders(header_factory=_HeaderClasses()),
    email.policy.SMTP: _ReusedHeaders(linesep="\r\n", header_factory=_HeaderClasses()),
}


# The boundaries between the parts of a multipart e-mail: the same for every e-mail a
# process writes (so their Content-Type headers are parsed once), and one per level of
# nesting. Python's writer would draw a random one per part and search the text for it.
_BOUNDARY_TOKEN = f"=_{secrets.token_hex(12)}"


def _set_boundaries(msg: MIMEPart) -> None:
    """Give each multipart part of ``msg`` the process's boundary for its level, unless
    the token occurs in some part (then the writer chooses as it always does)."""
    leaves = [part for part in msg.walk() if not part.is_multipart()]
    for part in leaves:
        if _BOUNDARY_TOKEN in str(part.get_payload()) or any(
            _BOUNDARY_TOKEN in str(value) for value in part.values()
        ):
            return
    _nest(msg, 0)


def _nest(part: MIMEPart, depth: int) -> None:
    if part.is_multipart():
        part.set_boundary(f"{_BOUNDARY_TOKEN}_{depth}")
        for child in part.iter_parts():
            _nest(child, depth + 1)


class PortalEmail(EmailMultiAlternatives):
    """An e-mail of the portal: Django's, written with `_ReusedHeaders` and the
    process's boundaries."""

    def message(self, *, policy: Any = email.policy.default) -> Any:
        reused = _REUSED.get(policy)
        msg = super().message(policy=reused or policy)
        if reused is not None:
            _set_boundaries(msg)
        return msg


def build_message(
    name: str,
    *,
    user: Any,
    context: Mapping[str, Any],
    attachments: Iterable[Attachment] = (),
    headers: Mapping[str, str] | None = None,
) -> EmailMultiAlternatives:
    """Render the e-mail ``name`` for ``user`` in their language and time zone.

    Values of ``context`` that are callables are called with the recipient inside
    their language, so that a ``reverse()`` there gives their version of a page.
    """
    language = user.preferred_language or settings.LANGUAGE_CODE
    zone = zone_or_none(user.time_zone) or ZoneInfo("UTC")
    with translation.override(language), timezone.override(zone):
        ctx = {key: (value(user) if callable(value) else value) for key, value in context.items()}
        ctx.update(recipient=user, site_url=settings.SITE_URL, language=language)
        subject = " ".join(render_to_string(f"{name}_subject.txt", ctx).split())
        text = render_to_string(f"{name}_body.txt", ctx)
        html = render_to_string(f"{name}_body.html", {**ctx, "subject": subject})
    message = PortalEmail(subject=subject, body=text, to=[user.email], headers=dict(headers or {}))
    message.attach_alternative(html, "text/html")
    for attachment in attachments:
        message.attach(attachment.filename, attachment.content, attachment.mimetype)
    return message
