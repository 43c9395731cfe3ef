from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import translate_url
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.timezones import browser_zone, zone_or_none

from .mfa import SETUP_REQUIRED, has_mfa
from .models import User

BROWSER_TZ_COOKIE = "tz"


class UserPreferencesMiddleware:
    """Activate each visitor's time zone and keep signed-in users in their language.

    Signed-in users get the zone and language from their profile: a page
    requested in another language redirects to the same page in theirs (the
    language switcher updates the profile, so switching still works).
    Anonymous visitors get the zone their browser reported in a cookie (URL-encoded
    by static/js/site.js; ignored unless it is an IANA zone).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            zone = zone_or_none(user.time_zone)
            redirect = self._language_redirect(request, user.preferred_language)
            if redirect is not None:
                return redirect
        else:
            zone = browser_zone(request.COOKIES.get(BROWSER_TZ_COOKIE))
        if zone is not None:
            timezone.activate(zone)
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()

    @staticmethod
    def _language_redirect(request, preferred: str):
        if request.method not in ("GET", "HEAD") or not preferred:
            return None
        if preferred == translation.get_language():
            return None
        current = request.get_full_path()
        target = translate_url(current, preferred)
        if target == current:
            return None
        return HttpResponseRedirect(target)


# While a second factor must be set up, only these stay reachable (URL names).
MFA_SETUP_ALLOWED = {
    "mfa_activate_totp",
    "mfa_index",
    "mfa_view_recovery_codes",
    "mfa_generate_recovery_codes",
    "mfa_download_recovery_codes",
    "mfa_reauthenticate",
    "account_logout",
    "account_reauthenticate",
    "account_email",
    "account_confirm_email",
    "switch_language",
    "healthz",
    "security_txt",
}


class MFARequiredMiddleware:
    """Sends a user whose role requires a second factor, and who has none, to set one
    up before any other page (the session is marked at sign-in: see accounts/mfa.py)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: Callable[..., Any], args: Any, kwargs: Any
    ) -> HttpResponse | None:
        session = getattr(request, "session", None)
        if session is None or not session.get(SETUP_REQUIRED):
            return None
        match = request.resolver_match
        if match is not None and match.url_name in MFA_SETUP_ALLOWED:
            return None
        if isinstance(request.user, User) and has_mfa(request.user):  # set up since flagged
            session.pop(SETUP_REQUIRED, None)
            return None
        if request.path.startswith((settings.STATIC_URL or "/static/", "/media/")):
            return None
        messages.warning(
            request,
            _("Your role needs a second sign-in factor. Set up an authenticator app to continue."),
        )
        return redirect("mfa_activate_totp")
