from django.db import models
from django.utils.translation import gettext_lazy as _


class Country(models.TextChoices):
    """ISO 3166-1 alpha-2 codes: the five Central Asian countries first, then partners."""

    KAZAKHSTAN = "KZ", _("Kazakhstan")
    KYRGYZSTAN = "KG", _("Kyrgyzstan")
    TAJIKISTAN = "TJ", _("Tajikistan")
    TURKMENISTAN = "TM", _("Turkmenistan")
    UZBEKISTAN = "UZ", _("Uzbekistan")
    MONGOLIA = "MN", _("Mongolia")
    AZERBAIJAN = "AZ", _("Azerbaijan")
    AFGHANISTAN = "AF", _("Afghanistan")
    PAKISTAN = "PK", _("Pakistan")
    CHINA = "CN", _("China")


CENTRAL_ASIA = ("KZ", "KG", "TJ", "TM", "UZ")

# The year each country joined the European Higher Education Area (the Bologna
# process). Kazakhstan, since 2010, is the only Central Asian member.
EHEA_MEMBERS = {"KZ": 2010}

# The time zone of each country's capital: where a university's events are held.
# Kazakhstan has used UTC+5 everywhere since 1 March 2024 (Asia/Almaty in tzdata 2024a+).
TIME_ZONES = {
    "KZ": "Asia/Almaty",
    "KG": "Asia/Bishkek",
    "TJ": "Asia/Dushanbe",
    "TM": "Asia/Ashgabat",
    "UZ": "Asia/Tashkent",
    "MN": "Asia/Ulaanbaatar",
    "AZ": "Asia/Baku",
    "AF": "Asia/Kabul",
    "PK": "Asia/Karachi",
    "CN": "Asia/Shanghai",
}


def time_zone_of(country: str) -> str:
    """The IANA time zone for ``country`` (ISO code); Almaty when it is not known."""
    return TIME_ZONES.get(country, "Asia/Almaty")
