"""E-mails to users, rendered in each recipient's own language."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, mailers
from django.template.loader import render_to_string
from django.utils import translation


def absolute_url(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def send_to_users(users, template_prefix: str, context: dict, connection=None) -> int:
    """Render ``<prefix>_subject.txt`` and ``<prefix>_body.txt`` per recipient and send.

    ``context`` may hold callables taking the recipient; they are evaluated
    inside the recipient's language so that links point at their version.
    """
    messages = []
    for user in users:
        if not user.email or not user.is_active:
            continue
        with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
            ctx = {k: (v(user) if callable(v) else v) for k, v in context.items()}
            ctx["recipient"] = user
            ctx["site_url"] = settings.SITE_URL
            subject = render_to_string(f"{template_prefix}_subject.txt", ctx).strip()
            body = render_to_string(f"{template_prefix}_body.txt", ctx)
        messages.append(
            EmailMultiAlternatives(
                subject=" ".join(subject.splitlines()), body=body, to=[user.email]
            )
        )
    if not messages:
        return 0
    connection = connection or mailers.default
    return connection.send_messages(messages) or 0
