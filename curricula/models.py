from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.bilingual import BilingualNameMixin


class Field(BilingualNameMixin, models.Model):
    """A field of education and training from ISCED-F 2013 (UNESCO-UIS)."""

    class Level(models.TextChoices):
        BROAD = "broad", _("Broad field")
        NARROW = "narrow", _("Narrow field")
        DETAILED = "detailed", _("Detailed field")

    code = models.CharField(_("ISCED-F code"), max_length=4, unique=True)
    level = models.CharField(_("level"), max_length=8, choices=Level.choices)
    name_en = models.CharField(_("name (English)"), max_length=255)
    name_ru = models.CharField(_("name (Russian)"), max_length=255, blank=True)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("broader field"),
    )
    esco_uri = models.URLField(_("ESCO URI"), blank=True)

    class Meta:
        verbose_name = _("field of education")
        verbose_name_plural = _("fields of education")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Skill(BilingualNameMixin, models.Model):
    """A skill or knowledge concept, mostly from ESCO v1.1.1."""

    class Kind(models.TextChoices):
        SKILL = "skill", _("Skill or competence")
        KNOWLEDGE = "knowledge", _("Knowledge")

    name_en = models.CharField(_("name (English)"), max_length=255)
    name_ru = models.CharField(_("name (Russian)"), max_length=255, blank=True)
    slug = models.SlugField(_("slug"), max_length=160, unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.SKILL)
    broader = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="narrower",
        verbose_name=_("broader skill"),
    )
    field = models.ForeignKey(
        Field,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="skills",
        verbose_name=_("ISCED-F field"),
    )
    esco_uri = models.URLField(_("ESCO URI"), max_length=255, blank=True, db_index=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_ru = models.TextField(_("description (Russian)"), blank=True)
    alt_labels = models.TextField(_("alternative labels"), blank=True)
    is_group = models.BooleanField(
        _("skill group"), default=False, help_text=_("A grouping concept, not taught by itself.")
    )
    green = models.BooleanField(_("in ESCO's green skills collection"), default=False)

    class Meta:
        verbose_name = _("skill")
        verbose_name_plural = _("skills")
        ordering = ["name_en"]
