"""The personal parts every page has: the account menu and the messages."""

from collections.abc import Sequence
from typing import Any

from django.http import HttpRequest

from core.personal import Keys, personal


@personal("site.account", "partials/_account_menu.html", by_standing=True)
def account(request: HttpRequest, keys: Keys) -> Sequence[dict[str, Any]]:
    """The signed-in person's menu, or the sign-in links (the template reads ``user``)."""
    return [{} for _ in keys]


@personal("site.messages", "partials/_messages.html", by_standing=True)
def messages(request: HttpRequest, keys: Keys) -> Sequence[dict[str, Any]]:
    """The messages waiting for this person (the template reads ``messages``)."""
    return [{} for _ in keys]
