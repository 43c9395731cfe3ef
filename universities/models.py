from typing import Any, ClassVar, Self

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import connection, models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.models import MembershipBase, MembershipQuerySet, User
from core.bilingual import BilingualNameMixin, translated, values

from .authors import change_author
from .cities import city_key, city_keys
from .countries import CENTRAL_ASIA, EHEA_MEMBERS, Country
from .search import search_key


class UniversityQuerySet(models.QuerySet["University"]):
    def in_central_asia(self) -> Self:
        return self.filter(country__in=CENTRAL_ASIA)

    def active(self) -> Self:
        """The universities that are not archived: the only ones lists and pages show."""
        return self.filter(archived_at__isnull=True)

    def archived(self) -> Self:
        return self.filter(archived_at__isnull=False)

    def administered_by(self, user: "User | AnonymousUser") -> Self:
        """Every university for a coordinator; those ``user`` administers otherwise."""
        if not isinstance(user, User) or not user.is_authenticated:
            return self.none()
        if user.is_coordinator:
            return self
        administered = (
            UniversityMembership.objects.approved()
            .filter(user=user, role=UniversityMembership.Role.ADMIN)
            .values("university")
        )
        return self.filter(pk__in=administered)

    def in_city(self, city: str) -> Self:
        """Universities in the city ``city`` names, in any spelling, script or
        transliteration ("Алматы", "Almaty", "Alma-Ata")."""
        keys = city_keys(city)
        if not keys:
            return self
        matches = models.Q()
        for key in sorted(keys):
            matches |= models.Q(city_key__contains=f"|{key}|")
        return self.filter(matches)

    def search(self, query: str) -> Self:
        """Universities whose names, former names or abbreviations match ``query``
        in any script or transliteration (see ``search.search_key``)."""
        key = search_key(query)
        if not key:
            return self
        words = key.split()
        exact = self
        for word in words:
            exact = exact.filter(search_key__contains=word)
        if connection.vendor != "postgresql" or exact.exists():
            return exact
        # Nothing matches as typed: tolerate misspellings through pg_trgm.
        fuzzy = self
        for word in words:
            fuzzy = fuzzy.filter(search_key__trigram_word_similar=word)
        return fuzzy


class Language(BilingualNameMixin, models.Model):
    """A language of instruction (ISO 639 code), shared by universities, programmes and events."""

    code = models.CharField(_("code"), max_length=8, unique=True)
    name = translated(models.CharField(_("name"), max_length=60))
    position = models.PositiveSmallIntegerField(_("position"), default=100)

    class Meta:
        verbose_name = _("language")
        verbose_name_plural = _("languages")
        ordering = ["position", "name_en"]


def _logo_path(instance: "University", filename: str) -> str:
    return f"logos/universities/{filename}"


class University(BilingualNameMixin, models.Model):
    class Kind(models.TextChoices):
        PUBLIC = "public", _("Public")
        PRIVATE = "private", _("Private")
        INTERNATIONAL = "international", _("International")

    name = translated(models.CharField(_("name"), max_length=255))
    name_local = models.CharField(_("name (national language)"), max_length=255, blank=True)
    short_name = models.CharField(_("short name"), max_length=50, blank=True)
    aliases = models.TextField(
        _("former and alternative names"),
        blank=True,
        help_text=_("One per line: abbreviations and former names, in any script."),
    )
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    country = models.CharField(_("country"), max_length=2, choices=Country.choices, db_index=True)
    city = translated(models.CharField(_("city"), max_length=100))
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
    languages = models.ManyToManyField(
        Language,
        blank=True,
        related_name="universities",
        verbose_name=_("languages of instruction"),
    )
    bologna_member = models.BooleanField(
        _("takes part in the Bologna process (ECTS)"),
        default=False,
        help_text=_("Its programmes follow Bologna cycles and award ECTS credits."),
    )
    logo = models.ImageField(_("logo"), upload_to=_logo_path, blank=True)
    description = translated(models.TextField(_("description")))
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    founded_year = models.PositiveSmallIntegerField(
        _("founding year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(800), MaxValueValidator(2100)],
    )
    search_key = models.TextField(editable=False, blank=True, db_index=False)
    # The search keys of every known spelling of the city (``cities.city_key``).
    city_key = models.TextField(editable=False, blank=True)
    verified = models.BooleanField(
        _("verified"), default=False, help_text=_("Checked by a UNECE coordinator.")
    )
    # An archived university is hidden from every list and page, and restorable: the
    # site never deletes one, so nothing that refers to it is lost.
    archived_at = models.DateTimeField(_("archived"), null=True, blank=True, editable=False)
    archived_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("archived by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = UniversityQuerySet.as_manager()
    history = HistoricalRecords(
        excluded_fields=["search_key", "city_key", "updated_at"], get_user=change_author
    )

    class Meta:
        verbose_name = _("university")
        verbose_name_plural = _("universities")
        ordering = ["name_en"]

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.search_key = " | ".join(search_key(name) for name in self.all_names())
        self.city_key = city_key(*values(self, "city"))
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_key", "city_key"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("universities:detail", kwargs={"slug": self.slug})

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None

    @property
    def ehea_since(self) -> int | None:
        """The year the university's country joined the European Higher Education
        Area, or None when it is not a member."""
        return EHEA_MEMBERS.get(self.country)

    def staff_users(self) -> models.QuerySet[User]:
        """Active users who edit this university (approved editors and admins)."""
        memberships = UniversityMembership.objects.staff_of(self)
        return User.objects.filter(is_active=True, pk__in=memberships.values("user"))

    def all_names(self) -> list[str]:
        names = [*values(self, "name"), self.name_local, self.short_name]
        return [name for name in names + self.aliases.splitlines() if name.strip()]


class UniversityMembershipQuerySet(MembershipQuerySet):
    def editing(self) -> "UniversityMembershipQuerySet":
        """Approved memberships that let their holder edit (editors and admins)."""
        return self.approved().filter(role__in=UniversityMembership.EDITING_ROLES)

    def staff_of(self, university: "University") -> "UniversityMembershipQuerySet":
        """The editing staff memberships of ``university``."""
        return self.editing().filter(university=university)


UniversityMembershipManager = models.Manager.from_queryset(UniversityMembershipQuerySet)


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

    EDITING_ROLES = (Role.EDITOR, Role.ADMIN)

    objects: ClassVar[UniversityMembershipManager] = UniversityMembershipManager()

    class Meta:
        verbose_name = _("university membership")
        verbose_name_plural = _("university memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "university"], name="unique_university_membership"
            )
        ]
        default_related_name = "university_memberships"

    @classmethod
    def edits_any(cls, user) -> bool:
        """Whether ``user`` is an approved editor or admin of at least one university
        (from the memberships read once per request: MembershipBase.held_by)."""
        return any(role in cls.EDITING_ROLES for role in cls.held_by(user).values())

    def __str__(self) -> str:
        return f"{self.user} @ {self.university}"


class ResearchArea(BilingualNameMixin, models.Model):
    """An energy-transition theme on which universities declare strengths."""

    name = translated(models.CharField(_("name"), max_length=120))
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    description = translated(models.TextField(_("description")))
    position = models.PositiveSmallIntegerField(_("position"), default=100)

    class Meta:
        verbose_name = _("research area")
        verbose_name_plural = _("research areas")
        ordering = ["position", "name_en"]


class Strength(models.Model):
    """A university's declared strength in one research area."""

    class Level(models.IntegerChoices):
        EMERGING = 1, _("Emerging")
        ESTABLISHED = 2, _("Established")
        LEADING = 3, _("Leading")

    university = models.ForeignKey(
        University, on_delete=models.CASCADE, related_name="strengths", verbose_name=_("university")
    )
    area = models.ForeignKey(
        ResearchArea,
        on_delete=models.PROTECT,
        related_name="strengths",
        verbose_name=_("research area"),
    )
    level = models.PositiveSmallIntegerField(_("level"), choices=Level.choices)
    statement = translated(models.CharField(_("short statement"), max_length=300))
    evidence = translated(
        models.TextField(
            _("evidence"),
            max_length=3000,
            help_text=_("Laboratories or centres, flagship projects, links."),
        )
    )
    is_demo = models.BooleanField(_("demo content"), default=False)
    history = HistoricalRecords(get_user=change_author)

    class Meta:
        verbose_name = _("strength")
        verbose_name_plural = _("strengths")
        ordering = ["area__position", "area__name_en"]
        constraints = [
            models.UniqueConstraint(fields=["university", "area"], name="unique_strength_per_area")
        ]

    def __str__(self) -> str:
        return f"{self.university}: {self.area} ({self.get_level_display()})"


class Activity(models.Model):
    """Something a university does that others should know about."""

    class Kind(models.TextChoices):
        RESEARCH_PROJECT = "research_project", _("Research project")
        LABORATORY = "laboratory", _("Laboratory or centre")
        INDUSTRY_PARTNERSHIP = "industry_partnership", _("Industry partnership")
        JOINT_PROGRAMME = "joint_programme", _("Joint programme")
        MOBILITY = "mobility", _("Mobility scheme")

    university = models.ForeignKey(
        University,
        on_delete=models.CASCADE,
        related_name="activities",
        verbose_name=_("university"),
    )
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    title = translated(models.CharField(_("title"), max_length=200))
    area = models.ForeignKey(
        ResearchArea,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name=_("research area"),
    )
    start_year = models.PositiveSmallIntegerField(
        _("start year"), validators=[MinValueValidator(1900), MaxValueValidator(2100)]
    )
    end_year = models.PositiveSmallIntegerField(
        _("end year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
    )
    partners = models.CharField(_("partners"), max_length=300, blank=True)
    url = models.URLField(_("link"), blank=True)
    description = translated(models.TextField(_("description"), max_length=3000))
    is_demo = models.BooleanField(_("demo content"), default=False)
    history = HistoricalRecords(get_user=change_author)

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["-start_year", "title_en"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.end_year and self.start_year and self.end_year < self.start_year:
            raise ValidationError(
                {"end_year": _("The end year cannot come before the start year.")}
            )
