"""The newsletter's e-mails, completed when the outbox sends them: the confirmation
link (dropped once confirmed) and each issue, filtered by the subscriber's themes,
with its unsubscribe link and the List-Unsubscribe headers (RFC 2369 and 8058)."""

from typing import Any

from django.utils import translation

from core import outbox
from core.emails import link_to

from .contents import issue_contents
from .links import confirmation_url, unsubscribe_url
from .models import CONFIRMATION_VALID, Issue, Subscriber
from .services import CONFIRM_TEMPLATE, ISSUE_TEMPLATE


def _subscriber(recipient: Any) -> Subscriber | None:
    return Subscriber.objects.filter(email=recipient.email).first()


@outbox.preparer(CONFIRM_TEMPLATE)
def prepare_confirmation(context: dict[str, Any], recipient: Any) -> outbox.Prepared | None:
    subscriber = _subscriber(recipient)
    if subscriber is None or subscriber.is_receiving:
        return None
    hours = int(CONFIRMATION_VALID.total_seconds() // 3600)
    with translation.override(subscriber.language):
        link = confirmation_url(subscriber)
    return outbox.Prepared(context={"confirm_url": link, "hours": hours})


@outbox.preparer(ISSUE_TEMPLATE)
def prepare_issue(context: dict[str, Any], recipient: Any) -> outbox.Prepared | None:
    issue: Issue = context["issue"]
    subscriber = _subscriber(recipient)
    if subscriber is None or not subscriber.is_receiving or subscriber.language != issue.language:
        return None
    themes = list(subscriber.themes.values_list("pk", flat=True))
    with translation.override(subscriber.language):
        link = unsubscribe_url(subscriber)
    return outbox.Prepared(
        context={
            "contents": issue_contents(issue, themes=themes),
            "unsubscribe_url": link,
            "archive_url": link_to(issue),
        },
        headers={
            "List-Unsubscribe": f"<{link}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
