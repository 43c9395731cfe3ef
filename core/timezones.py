"""Time zones offered to users: the region's, plus UTC.

Kazakhstan has used UTC+5 everywhere since 1 March 2024; tzdata 2024a and
later give Asia/Almaty that offset, so the zone name stays right.
"""

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.db import models
from django.utils.translation import gettext_lazy as _


class RegionTimeZone(models.TextChoices):
    ALMATY = "Asia/Almaty", _("Kazakhstan (Astana, Almaty) — UTC+5")
    TASHKENT = "Asia/Tashkent", _("Uzbekistan (Tashkent) — UTC+5")
    BISHKEK = "Asia/Bishkek", _("Kyrgyzstan (Bishkek) — UTC+6")
    DUSHANBE = "Asia/Dushanbe", _("Tajikistan (Dushanbe) — UTC+5")
    ASHGABAT = "Asia/Ashgabat", _("Turkmenistan (Ashgabat) — UTC+5")
    UTC = "UTC", _("Coordinated Universal Time (UTC)")


def zone_or_none(name: str | None) -> ZoneInfo | None:
    """A ZoneInfo for a valid IANA name (such as one sent by a browser), else None."""
    if not name or len(name) > 64:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None
