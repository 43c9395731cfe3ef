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
