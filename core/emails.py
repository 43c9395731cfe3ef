"""The one e-mail builder of the portal (allauth's own messages aside); every e-mail is
sent through the outbox (core/outbox.py), which calls it when the e-mail is due.

Every e-mail is a name such as ``events/email/reminder`` with three templates:
``<name>_subject.txt``, ``<name>_body.txt`` and ``<name>_body.html`` (the HTML part
extends ``core/email/base.html``: simple, inline-styled, readable in Outlook and on
a phone). Each is rendered in the recipient's language **and time zone**, links are
absolute (``SITE_URL``), and an iCalendar file is attached when one is given.
"""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
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
    message = EmailMultiAlternatives(
        subject=subject, body=text, to=[user.email], headers=dict(headers or {})
    )
    message.attach_alternative(html, "text/html")
    for attachment in attachments:
        message.attach(attachment.filename, attachment.content, attachment.mimetype)
    return message
