from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.bilingual import BilingualNameMixin
from accounts.models import MembershipBase
from universities.countries import Country


class Organisation(BilingualNameMixin, models.Model):
    """An industry partner, agency or donor that posts skill needs."""

    class Sector(models.TextChoices):
        ENERGY_UTILITY = "energy_utility", _("Energy utility")
        OIL_GAS = "oil_gas", _("Oil and gas")
        MINING_METALS = "mining_metals", _("Mining and metals")
        MANUFACTURING = "manufacturing", _("Manufacturing")
        EMOBILITY_BATTERIES = "emobility_batteries", _("E-mobility and batteries")
        CONSTRUCTION = "construction", _("Construction")
        ICT = "ict", _("ICT")
        CONSULTING = "consulting", _("Consulting")
        PUBLIC_AGENCY = "public_agency", _("Public agency")
        DEVELOPMENT_BANK = "development_bank", _("Development bank or donor")
        NGO = "ngo", _("NGO")

    name_en = models.CharField(_("name (English)"), max_length=255)
    name_ru = models.CharField(_("name (Russian)"), max_length=255, blank=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    sector = models.CharField(_("sector"), max_length=32, choices=Sector.choices)
    country = models.CharField(_("country"), max_length=2, choices=Country.choices)
    city = models.CharField(_("city"), max_length=100, blank=True)
    website = models.URLField(_("website"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_ru = models.TextField(_("description (Russian)"), blank=True)
    verified = models.BooleanField(_("verified"), default=False)
    is_demo = models.BooleanField(_("demo content"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name_en"]


class OrganisationMembership(MembershipBase):
    """Industry partner: an approved membership lets the user post the organisation's needs."""

    class Role(models.TextChoices):
        MEMBER = "member", _("Member")
        ADMIN = "admin", _("Administrator")

    target_field = "organisation"

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.MEMBER)

    class Meta:
        verbose_name = _("organisation membership")
        verbose_name_plural = _("organisation memberships")
        default_related_name = "organisation_memberships"
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation"], name="unique_organisation_membership"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.organisation}"
