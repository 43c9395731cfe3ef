"""The personal parts every page has: the account menu and the messages."""

from core.personal import personal


@personal("site.account", "partials/_account_menu.html")
def account(request, keys):
    return [{} for _ in keys]


@personal("site.messages", "partials/_messages.html")
def messages(request, keys):
    return [{} for _ in keys]
