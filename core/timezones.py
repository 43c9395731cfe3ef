"""Time zones: which ones users may choose, how a browser's is read, how a zone is named.

Any IANA zone may be chosen; the region's five and Geneva's come first in the list.
Kazakhstan has used UTC+5 everywhere since 1 March 2024; tzdata 2024a and later give
Asia/Almaty that offset, so the zone name stays right.

A zone is shown to people by a place and its offset at the moment shown ("Almaty time,
UTC+5", "Geneva time, UTC+1" in January and "UTC+2" in July), never by its raw id.
"""

from datetime import datetime, timedelta, tzinfo
from functools import lru_cache
from urllib.parse import unquote
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from django.db import models
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext, pgettext_lazy


class RegionTimeZone(models.TextChoices):
    """The region's zones (one per country), offered first."""

    ALMATY = "Asia/Almaty", _("Kazakhstan (Astana, Almaty) — UTC+5")
    TASHKENT = "Asia/Tashkent", _("Uzbekistan (Tashkent) — UTC+5")
    BISHKEK = "Asia/Bishkek", _("Kyrgyzstan (Bishkek) — UTC+6")
    DUSHANBE = "Asia/Dushanbe", _("Tajikistan (Dushanbe) — UTC+5")
    ASHGABAT = "Asia/Ashgabat", _("Turkmenistan (Ashgabat) — UTC+5")
    UTC = "UTC", _("Coordinated Universal Time (UTC)")


DEFAULT_ZONE = RegionTimeZone.ALMATY.value
GENEVA = "Europe/Zurich"  # IANA names the Swiss zone after Zurich; UNECE sits in Geneva
FIRST_ZONES = (*RegionTimeZone.values[:5], GENEVA, "UTC")

# The areas of the IANA database that name places; the rest (US/…, Etc/GMT+5, …) are
# old aliases, still accepted from a browser but not offered.
AREAS: dict[str, Promise] = {
    "Africa": pgettext_lazy("time zone area", "Africa"),
    "America": pgettext_lazy("time zone area", "America"),
    "Antarctica": pgettext_lazy("time zone area", "Antarctica"),
    "Arctic": pgettext_lazy("time zone area", "Arctic"),
    "Asia": pgettext_lazy("time zone area", "Asia"),
    "Atlantic": pgettext_lazy("time zone area", "Atlantic Ocean"),
    "Australia": pgettext_lazy("time zone area", "Australia"),
    "Europe": pgettext_lazy("time zone area", "Europe"),
    "Indian": pgettext_lazy("time zone area", "Indian Ocean"),
    "Pacific": pgettext_lazy("time zone area", "Pacific Ocean"),
}

# Each label is a whole phrase, so that every language can put the place in the form
# its grammar needs (Russian: «время Алматы», «время Ташкента»).
PLACE_TIMES: dict[str, Promise] = {
    "Asia/Almaty": pgettext_lazy("time zone", "Almaty time"),
    "Asia/Tashkent": pgettext_lazy("time zone", "Tashkent time"),
    "Asia/Bishkek": pgettext_lazy("time zone", "Bishkek time"),
    "Asia/Dushanbe": pgettext_lazy("time zone", "Dushanbe time"),
    "Asia/Ashgabat": pgettext_lazy("time zone", "Ashgabat time"),
    "Asia/Samarkand": pgettext_lazy("time zone", "Samarkand time"),
    "Asia/Aqtau": pgettext_lazy("time zone", "Aktau time"),
    "Asia/Aqtobe": pgettext_lazy("time zone", "Aktobe time"),
    "Asia/Atyrau": pgettext_lazy("time zone", "Atyrau time"),
    "Asia/Oral": pgettext_lazy("time zone", "Oral time"),
    "Asia/Qostanay": pgettext_lazy("time zone", "Kostanay time"),
    "Asia/Qyzylorda": pgettext_lazy("time zone", "Kyzylorda time"),
    "Europe/Zurich": pgettext_lazy("time zone", "Geneva time"),
    "Europe/Moscow": pgettext_lazy("time zone", "Moscow time"),
    "Europe/Istanbul": pgettext_lazy("time zone", "Istanbul time"),
    "Europe/Berlin": pgettext_lazy("time zone", "Berlin time"),
    "Europe/Paris": pgettext_lazy("time zone", "Paris time"),
    "Europe/London": pgettext_lazy("time zone", "London time"),
    "Europe/Brussels": pgettext_lazy("time zone", "Brussels time"),
    "Europe/Vienna": pgettext_lazy("time zone", "Vienna time"),
    "America/New_York": pgettext_lazy("time zone", "New York time"),
    "Asia/Shanghai": pgettext_lazy("time zone", "Beijing time"),
    "Asia/Baku": pgettext_lazy("time zone", "Baku time"),
    "Asia/Tbilisi": pgettext_lazy("time zone", "Tbilisi time"),
    "Asia/Yerevan": pgettext_lazy("time zone", "Yerevan time"),
    "Asia/Kabul": pgettext_lazy("time zone", "Kabul time"),
    "Asia/Dubai": pgettext_lazy("time zone", "Dubai time"),
    "Asia/Kolkata": pgettext_lazy("time zone", "India time"),
}


@lru_cache(maxsize=1)
def zone_names() -> frozenset[str]:
    """Every zone the IANA database installed here knows."""
    return frozenset(available_timezones())


def zone_or_none(name: str | None) -> ZoneInfo | None:
    """A ZoneInfo for a valid IANA name (such as one sent by a browser), else None."""
    if not name or len(name) > 64 or name not in zone_names():
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def browser_zone(cookie: str | None) -> ZoneInfo | None:
    """The zone a browser reported in its cookie, written URL-encoded ("Asia%2FTashkent");
    None when it is missing or not an IANA zone."""
    if not cookie or len(cookie) > 200:
        return None
    return zone_or_none(unquote(cookie))


def offset_label(zone: tzinfo, at: datetime) -> str:
    """ "UTC+5", "UTC-3:30", "UTC" for the zone's offset at the moment ``at``."""
    offset = timezone.localtime(at, zone).utcoffset() or timedelta(0)
    minutes = int(offset.total_seconds()) // 60
    if minutes == 0:
        return "UTC"
    sign = "+" if minutes > 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")


def place_time(name: str) -> str:
    """The zone's place as a time in the active language: "Almaty time"."""
    if name == "UTC" or name not in zone_names() or "/" not in name:
        return name
    known = PLACE_TIMES.get(name)
    if known is not None:
        return str(known)
    city = name.rsplit("/", 1)[-1].replace("_", " ")
    # Translators: a place's time zone for places without a translated name; the place
    # is in English, so phrase it so that the name can stay unchanged ("время: %(place)s").
    return pgettext("time zone", "%(place)s time") % {"place": city}


def zone_label(zone: str | tzinfo | None, at: datetime | None = None) -> str:
    """A zone named for a person in the active language, with its offset at ``at``
    (now by default): "Almaty time, UTC+5", «время Алматы, UTC+5»; "UTC" for UTC."""
    if zone is None:
        return ""
    name = zone if isinstance(zone, str) else str(getattr(zone, "key", zone))
    info = zone if isinstance(zone, tzinfo) else zone_or_none(name)
    if info is None:
        return name
    offset = offset_label(info, at or timezone.now())
    place = place_time(name)
    if place == "UTC":
        return offset if offset != "UTC" else "UTC"
    return f"{place}, {offset}"


def zone_choices() -> list[tuple[str, str | list[tuple[str, str]]]]:
    """Choices for a zone field: the region's zones, Geneva's and UTC first, then every
    other zone grouped by area and sorted by place, each labelled with its offset now."""
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    return _zone_choices(translation.get_language() or "", now)


@lru_cache(maxsize=16)
def _zone_choices(language: str, now: datetime) -> list[tuple[str, str | list[tuple[str, str]]]]:
    def option(name: str) -> tuple[str, str]:
        return name, f"{zone_label(name, now)} — {name}" if name != "UTC" else "UTC"

    groups: dict[str, list[str]] = {}
    for name in zone_names():
        area = name.split("/", 1)[0]
        if area in AREAS and name not in FIRST_ZONES:
            groups.setdefault(area, []).append(name)
    choices: list[tuple[str, str | list[tuple[str, str]]]] = [
        (str(_("Central Asia, Geneva and UTC")), [option(name) for name in FIRST_ZONES])
    ]
    for area in sorted(groups):
        choices.append((str(AREAS[area]), [option(name) for name in sorted(groups[area])]))
    return choices


def zone_values() -> frozenset[str]:
    """The zones a user may choose (the values of ``zone_choices``)."""
    areas = {name for name in zone_names() if name.split("/", 1)[0] in AREAS}
    return frozenset({*areas, *FIRST_ZONES})
