from django.http import HttpResponseRedirect
from django.urls import translate_url
from django.utils import timezone, translation

from core.timezones import zone_or_none

BROWSER_TZ_COOKIE = "tz"


class UserPreferencesMiddleware:
    """Activate each visitor's time zone and keep signed-in users in their language.

    Signed-in users get the zone and language from their profile: a page
    requested in another language redirects to the same page in theirs (the
    language switcher updates the profile, so switching still works).
    Anonymous visitors get the zone their browser reported in a cookie.
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
            zone = zone_or_none(request.COOKIES.get(BROWSER_TZ_COOKIE))
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
