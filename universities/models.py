from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.bilingual import BilingualNameMixin
from accounts.models import MembershipBase

from .countries import Country


class UniversityQuerySet(models.QuerySet):
    def in_central_asia(self):
        from .countries import CENTRAL_ASIA

        return self.filter(country__in=CENTRAL_ASIA)


class University(BilingualNameMixin, models.Model):
    class Kind(models.TextChoices):
        PUBLIC = "public", _("Public")
        PRIVATE = "private", _("Private")
        INTERNATIONAL = "international", _("International")

    name_en = models.CharField(_("name (English)"), max_length=255)
    name_ru = models.CharField(_("name (Russian)"), max_length=255, blank=True)
    name_local = models.CharField(_("name (national language)"), max_length=255, blank=True)
    short_name = models.CharField(_("short name"), max_length=50, blank=True)
    aliases = models.TextField(
        _("former and alternative names"),
        blank=True,
        help_text=_("One per line: abbreviations and former names, in any script."),
    )
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    country = models.CharField(_("country"), max_length=2, choices=Country.choices, db_index=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    city_ru = models.CharField(_("city (Russian)"), max_length=100, blank=True)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    website = models.URLField(_("website"), blank=True)
    kind = models.CharField(_("type"), max_length=16, choices=Kind.choices, blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_ru = models.TextField(_("description (Russian)"), blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    verified = models.BooleanField(
        _("verified"), default=False, help_text=_("Checked by a UNECE coordinator.")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = UniversityQuerySet.as_manager()

    class Meta:
        verbose_name = _("university")
        verbose_name_plural = _("universities")
        ordering = ["name_en"]

    def get_absolute_url(self) -> str:
        return reverse("universities:detail", kwargs={"slug": self.slug})


class UniversityMembership(MembershipBase):
    """University staff: an approved membership grants editing rights."""

    class Role(models.TextChoices):
        EDITOR = "editor", _("Editor")
        ADMIN = "admin", _("Administrator")

    target_field = "university"

    university = models.ForeignKey(
        University,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("university"),
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.EDITOR)

    class Meta:
        verbose_name = _("university membership")
        verbose_name_plural = _("university memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "university"], name="unique_university_membership"
            )
        ]
        default_related_name = "university_memberships"

    def __str__(self) -> str:
        return f"{self.user} @ {self.university}"
