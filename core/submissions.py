"""A form sent twice (a double click, a resend after a slow answer) is saved once.

Each form page carries a one-time token (``token()`` in its context, in the hidden
field of ``universities/partials/_submit_token.html``). ``saved_once`` claims it in the
cache when the form is valid: a second POST with the same token, while the first is
being saved or after, is not saved again, and goes where the first went with a
message. While the cache is down the claim fails open (the form is saved). A save that
still meets a unique constraint (two requests at the same moment) is rolled back by
its service and answered with a message, never a 500.
"""

import secrets
from collections.abc import Callable

from django.contrib import messages
from django.core.cache import cache
from django.db import IntegrityError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _

FIELD = "submit_token"
SECONDS = 60 * 60
PENDING = "pending"

ALREADY_SAVED = _("This form had already been sent: it was saved once.")
SAVED_MEANWHILE = _(
    "Someone saved the same thing at the same moment (perhaps a second click), so "
    "nothing was saved twice. Check the page, then save again if something is missing."
)


def token() -> str:
    """A fresh token for a form page."""
    return secrets.token_urlsafe(16)


def _key(value: str) -> str:
    return f"submit:{value}"


def saved_once(
    request: HttpRequest, save: Callable[[], HttpResponse]
) -> Callable[[], HttpResponse]:
    """``save`` (a form page's ``on_valid``), run at most once per token."""

    def run() -> HttpResponse:
        sent = request.POST.get(FIELD, "")[:64]
        if sent and not cache.add(_key(sent), PENDING, SECONDS):
            first = cache.get(_key(sent))
            if first is not None:  # None: the cache is down, or forgot it; save
                messages.info(request, ALREADY_SAVED)
                return redirect(first if first != PENDING else request.get_full_path())
        try:
            response = save()
        except IntegrityError:
            _release(sent)
            messages.error(request, SAVED_MEANWHILE)
            return redirect(request.get_full_path())
        except BaseException:
            _release(sent)  # nothing was saved: the same form may be sent again
            raise
        if isinstance(response, HttpResponseRedirect):
            if sent:
                cache.set(_key(sent), response.url, SECONDS)
        else:
            _release(sent)
        return response

    return run


def _release(sent: str) -> None:
    if sent:
        cache.delete(_key(sent))
