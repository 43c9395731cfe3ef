from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.http import HttpRequest

from core.timezones import browser_zone, zone_values

from .middleware import BROWSER_TZ_COOKIE


class AccountAdapter(DefaultAccountAdapter):
    """New accounts keep the language they signed up in and, when it is one of the
    region's, the browser's time zone.

    Failed sign-ins are limited per address (``ACCOUNT_RATE_LIMITS["login_failed"]``:
    per IP, and per account *from that IP*), so an attacker who fails on someone's
    e-mail from one address throttles only that address: the owner signing in from
    another one still gets in, and a password reset clears the limit too.
    """

    def _get_login_attempts_cache_key(self, request: HttpRequest, **credentials: Any) -> str:
        account = super()._get_login_attempts_cache_key(request, **credentials)
        return f"{account}:{self.get_client_ip(request)}"

    def save_user(self, request, user, form, commit=True):
        language = getattr(request, "LANGUAGE_CODE", "") or settings.LANGUAGE_CODE
        if language in dict(settings.LANGUAGES):
            user.preferred_language = language
        zone = browser_zone(request.COOKIES.get(BROWSER_TZ_COOKIE))
        if zone is not None and zone.key in zone_values():
            user.time_zone = zone.key
        return super().save_user(request, user, form, commit=commit)
