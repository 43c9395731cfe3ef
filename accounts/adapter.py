from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings

from core.timezones import RegionTimeZone

from .middleware import BROWSER_TZ_COOKIE


class AccountAdapter(DefaultAccountAdapter):
    """New accounts keep the language they signed up in and, when it is one of the
    region's, the browser's time zone."""

    def save_user(self, request, user, form, commit=True):
        language = getattr(request, "LANGUAGE_CODE", "") or settings.LANGUAGE_CODE
        if language in dict(settings.LANGUAGES):
            user.preferred_language = language
        zone = request.COOKIES.get(BROWSER_TZ_COOKIE, "")
        if zone in RegionTimeZone.values:
            user.time_zone = zone
        return super().save_user(request, user, form, commit=commit)
