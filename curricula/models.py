from typing import Self

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.models import User
from core.bilingual import BilingualNameMixin, columns, translated, values
from universities.authors import change_author
from universities.models import Language, ResearchArea, University, UniversityMembership
from universities.search import SearchDocumentMixin, search_documents

from .admissions import (  # noqa: F401 - the app's models, kept in their own module
    Accreditation,
    AccreditationAgency,
    EntryDegree,
    ImportJob,
    Intake,
    LearningOutcome,
    SavedProgramme,
    SavedSearch,
    Scholarship,
)


class Field(BilingualNameMixin, models.Model):
    """A field of education and training from ISCED-F 2013 (UNESCO-UIS)."""

    class Level(models.TextChoices):
        BROAD = "broad", _("Broad field")
        NARROW = "narrow", _("Narrow field")
        DETAILED = "detailed", _("Detailed field")

    code = models.CharField(_("ISCED-F code"), max_length=4, unique=True)
    level = models.CharField(_("level"), max_length=8, choices=Level.choices)
    name = translated(models.CharField(_("name"), max_length=255))
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


class SkillQuerySet(models.QuerySet["Skill"]):
    def active(self) -> "SkillQuerySet":
        """Skills offered in choices: not retired (retired ones stay for history)."""
        return self.filter(retired_at__isnull=True)

    def search(self, query: str) -> "SkillQuerySet":
        """Skills named ``query`` in any language or alternative label, a hyphen and
        a space being the same ("rare earth" finds "rare-earth")."""
        query = query.strip()
        if not query:
            return self
        named = models.Q()
        for variant in dict.fromkeys([query, query.replace("-", " "), query.replace(" ", "-")]):
            named |= models.Q(alt_labels__icontains=variant)
            for column in columns("name"):
                named |= models.Q(**{f"{column}__icontains": variant})
        return self.filter(named)

    def search_names(self) -> list[str]:
        """The names these skills are found by in search documents: English, Russian,
        and the names of the skills merged into them (once each)."""
        rows = self.values_list(*columns("name"), "merges__name_en", "merges__name_ru")
        return list(dict.fromkeys(name for row in rows for name in row if name))


class Skill(BilingualNameMixin, models.Model):
    """A skill or knowledge concept, mostly from ESCO v1.1.1."""

    class Kind(models.TextChoices):
        SKILL = "skill", _("Skill or competence")
        KNOWLEDGE = "knowledge", _("Knowledge")

    class Origin(models.TextChoices):
        ESCO = "esco", _("ESCO v1.1.1")
        PLATFORM = "platform", _("Platform concept")

    name = translated(models.CharField(_("name"), max_length=255))
    slug = models.SlugField(_("slug"), max_length=160, unique=True)
    origin = models.CharField(
        _("origin"), max_length=16, choices=Origin.choices, default=Origin.ESCO
    )
    # The first level pages filter by: one of the energy-transition themes.
    theme = models.ForeignKey(
        ResearchArea,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="skills",
        verbose_name=_("theme"),
    )
    source = models.CharField(
        _("source of the definition"),
        max_length=300,
        blank=True,
        help_text=_("For a platform concept: the document its definition follows."),
    )
    # A retired skill is hidden from every choice and search, and kept for history.
    retired_at = models.DateTimeField(_("retired"), null=True, blank=True, editable=False)
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
    description = translated(models.TextField(_("description")))
    alt_labels = models.TextField(_("alternative labels"), blank=True)
    is_group = models.BooleanField(
        _("skill group"), default=False, help_text=_("A grouping concept, not taught by itself.")
    )
    green = models.BooleanField(_("in ESCO's green skills collection"), default=False)

    objects = SkillQuerySet.as_manager()
    history = HistoricalRecords(get_user=change_author)

    class Meta:
        verbose_name = _("skill")
        verbose_name_plural = _("skills")
        ordering = ["name_en"]

    def get_absolute_url(self) -> str:
        return reverse("curricula:skill_detail", kwargs={"slug": self.slug})

    def alt_label_list(self) -> list[str]:
        return [line.strip() for line in self.alt_labels.splitlines() if line.strip()]

    @property
    def is_retired(self) -> bool:
        return self.retired_at is not None

    @property
    def is_platform_concept(self) -> bool:
        return self.origin == self.Origin.PLATFORM


class SkillMerge(models.Model):
    """A skill that was folded into another (``survivor``) and deleted: its address
    redirects to the survivor, its names still find it, and coordinators see on the
    survivor's page who merged what, and when. Merging the survivor in turn moves
    these records on with it."""

    survivor = models.ForeignKey(
        Skill, on_delete=models.CASCADE, related_name="merges", verbose_name=_("merged into")
    )
    # Not unique: a skill given the address later shadows the redirect; the latest
    # merge of an address is the one it redirects to.
    slug = models.SlugField(_("former address"), max_length=160)
    # For records that keep skills by id rather than by a relation (the monthly gap
    # snapshots): the id the merged skill had.
    former_id = models.PositiveBigIntegerField(
        _("former id"), null=True, blank=True, editable=False
    )
    name_en = models.CharField(_("name (English)"), max_length=255)
    name_ru = models.CharField(_("name (Russian)"), max_length=255, blank=True)
    merged_by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("merged by"),
    )
    merged_at = models.DateTimeField(_("merged"), default=timezone.now)
    # How many rows of each relation moved, by ``Reference.key`` (core.relations).
    moved = models.JSONField(_("references moved"), default=dict, blank=True)

    class Meta:
        verbose_name = _("skill merge")
        verbose_name_plural = _("skill merges")
        ordering = ["-merged_at"]

    def __str__(self) -> str:
        return f"{self.name_en} → {self.survivor_id}"

    @property
    def moved_total(self) -> int:
        return sum(self.moved.values())


class SkillLevel(models.IntegerChoices):
    """How far a programme takes a skill, and how far a need asks for it."""

    BASIC = 1, _("Basic")
    INTERMEDIATE = 2, _("Intermediate")
    ADVANCED = 3, _("Advanced")


class ProgrammeQuerySet(models.QuerySet["Programme"]):
    def published(self) -> Self:
        return self.filter(status=Programme.Status.PUBLISHED)

    def active(self) -> Self:
        """Published programmes and drafts: every programme that is not archived."""
        return self.exclude(status=Programme.Status.ARCHIVED)

    def archived(self) -> Self:
        return self.filter(status=Programme.Status.ARCHIVED)

    def visible_to(self, user: User | AnonymousUser) -> Self:
        """Published programmes, plus drafts of the universities ``user`` edits (all
        drafts for coordinators); archived ones to nobody."""
        if not isinstance(user, User) or not user.is_authenticated:
            return self.published()
        if user.is_coordinator:
            return self.active()
        editable = UniversityMembership.objects.editing().filter(user=user)
        published = models.Q(status=Programme.Status.PUBLISHED)
        drafts = models.Q(
            status=Programme.Status.DRAFT, university__in=editable.values("university")
        )
        return self.filter(published | drafts)

    def restorable_by(self, user: User | AnonymousUser) -> Self:
        """The programmes ``user`` may restore: all for coordinators, else those of the
        universities ``user`` administers."""
        return self.filter(university__in=University.objects.administered_by(user))

    def search(self, query: str) -> Self:
        """Programmes whose titles, descriptions or skills match ``query`` in any script."""
        return search_documents(self, query)


# The most ECTS credits a programme may have (six years of full-time study).
MAX_ECTS = 360


class Programme(SearchDocumentMixin, models.Model):
    """A study programme of one university: a degree, a short course or a vocational course."""

    class Degree(models.TextChoices):
        BACHELOR = "bachelor", _("Bachelor")
        MASTER = "master", _("Master")
        DOCTORATE = "doctorate", _("Doctorate")
        SHORT_COURSE = "short_course", _("Short course or certificate")
        VOCATIONAL = "vocational", _("Vocational")

    class Delivery(models.TextChoices):
        ON_SITE = "on_site", _("On site")
        ONLINE = "online", _("Online")
        BLENDED = "blended", _("Blended")

    class Currency(models.TextChoices):
        KZT = "KZT", "KZT"
        UZS = "UZS", "UZS"
        KGS = "KGS", "KGS"
        TJS = "TJS", "TJS"
        TMT = "TMT", "TMT"
        USD = "USD", "USD"
        EUR = "EUR", "EUR"

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        # Hidden from every list and page (the site's delete), restorable.
        ARCHIVED = "archived", _("Archived")

    # ECTS each Bologna cycle allows: (minimum, maximum or None).
    ECTS_RANGES: dict[str, tuple[int, int | None]] = {
        Degree.BACHELOR: (180, 240),
        Degree.MASTER: (60, 120),
        Degree.DOCTORATE: (180, None),
        Degree.SHORT_COURSE: (0, 59),
    }

    # PROTECT: partners' links and industry's responses refer to programmes; a
    # university is archived, not deleted, and a hard delete must face them first.
    university = models.ForeignKey(
        University,
        on_delete=models.PROTECT,
        related_name="programmes",
        verbose_name=_("university"),
    )
    title = translated(models.CharField(_("title"), max_length=255))
    slug = models.SlugField(_("slug"), max_length=120)
    degree = models.CharField(_("degree level"), max_length=16, choices=Degree.choices)
    field = models.ForeignKey(
        Field,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="programmes",
        verbose_name=_("ISCED-F field"),
    )
    ects = models.PositiveSmallIntegerField(
        _("ECTS credits"), validators=[MaxValueValidator(MAX_ECTS)]
    )
    duration_months = models.PositiveSmallIntegerField(
        _("duration (months)"), null=True, blank=True, validators=[MaxValueValidator(120)]
    )
    languages = models.ManyToManyField(
        Language, blank=True, related_name="programmes", verbose_name=_("languages of instruction")
    )
    delivery = models.CharField(
        _("delivery mode"), max_length=16, choices=Delivery.choices, default=Delivery.ON_SITE
    )
    intake = models.PositiveIntegerField(
        _("annual intake (places)"), null=True, blank=True, validators=[MaxValueValidator(100000)]
    )
    tuition_free = models.BooleanField(_("tuition-free"), default=False)
    tuition_per_year = models.DecimalField(
        _("tuition per year for local students"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices, blank=True)
    description = translated(models.TextField(_("description")))
    learning_outcomes = translated(models.TextField(_("learning outcomes")))
    partners = models.ManyToManyField(
        University,
        through="ProgrammePartner",
        blank=True,
        related_name="joint_programmes",
        verbose_name=_("joint or double degree partners"),
    )
    skills = models.ManyToManyField(
        Skill, through="ProgrammeSkill", related_name="programmes", verbose_name=_("skills")
    )
    # Free text from before the list of agencies, kept until an editor picks the agency.
    accreditation_note = models.CharField(max_length=400, blank=True, editable=False)
    # How to apply and what is asked.
    official_url = models.URLField(_("official page"), max_length=500, blank=True)
    application_url = models.URLField(_("application page"), max_length=500, blank=True)
    entry_degree = models.CharField(
        _("prior degree required"), max_length=12, choices=EntryDegree.choices, blank=True
    )
    language_test = models.CharField(
        _("language test"), max_length=60, blank=True, help_text=_("e.g. IELTS, TOEFL, KazTest.")
    )
    language_level = models.CharField(
        _("level asked"), max_length=30, blank=True, help_text=_("e.g. 6.0 or B2.")
    )
    entry_requirements = translated(models.TextField(_("other entry requirements")))
    tuition_international = models.DecimalField(
        _("tuition per year for international students"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    last_reviewed = models.DateField(_("last reviewed"), null=True, blank=True)
    archived_at = models.DateTimeField(_("archived"), null=True, blank=True, editable=False)
    archived_by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("archived by"),
    )
    # What a restore gives back: the status before archiving, and whether the
    # programme went with its university (and so comes back with it).
    status_before_archive = models.CharField(max_length=16, blank=True, editable=False)
    archived_with_university = models.BooleanField(default=False, editable=False)
    is_demo = models.BooleanField(_("demo content"), default=False)
    search_document = models.TextField(editable=False, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ProgrammeQuerySet.as_manager()
    # Who changed what (the skills, languages and partners aside): see core.history.
    history = HistoricalRecords(
        excluded_fields=["search_document", "updated_at"], get_user=change_author
    )

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["title_en"]
        indexes = [
            # The catalogue's default order, so a page of it is read in order, not sorted.
            models.Index(
                fields=["title_en", "id"],
                condition=models.Q(status="published"),
                name="programme_catalogue_order",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["university", "slug"], name="unique_programme_slug_per_university"
            ),
            models.CheckConstraint(
                condition=models.Q(ects__lte=360), name="programme_ects_at_most_360"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "curricula:programme_detail",
            kwargs={"university": self.university.slug, "slug": self.slug},
        )

    @property
    def is_archived(self) -> bool:
        return self.status == self.Status.ARCHIVED

    @property
    def is_micro_credential(self) -> bool:
        return self.degree == self.Degree.SHORT_COURSE and self.ects < 60

    def clean(self) -> None:
        errors: dict[str, str | Promise] = {}
        allowed = self.ECTS_RANGES.get(self.degree)
        # Beyond MAX_ECTS the field's own validator speaks; one message is enough.
        if allowed and self.ects is not None and self.ects <= MAX_ECTS:
            low, high = allowed
            if self.ects < low or (high is not None and self.ects > high):
                errors["ects"] = ects_mismatch_message(self.get_degree_display(), low, high)
        fees = (self.tuition_per_year, self.tuition_international)
        if not self.tuition_free and any(fee is not None for fee in fees) and not self.currency:
            errors["currency"] = _("Give the currency of the tuition fee.")
        if errors:
            raise ValidationError(errors)

    def search_texts(self) -> list[str]:
        """What search matches: titles, descriptions, outcomes, skill names and every
        name of the university (its names in each language, short name and aliases)."""
        return [
            *values(self, "title"),
            *values(self, "description"),
            *values(self, "learning_outcomes"),
            *self.skill_names(),
            *self.university.all_names(),
        ]


def ects_mismatch_message(degree_label: str, low: int, high: int | None) -> str:
    if high is None:
        return gettext("%(degree)s: at least %(low)d ECTS credits (Bologna cycles).") % {
            "degree": degree_label,
            "low": low,
        }
    return gettext("%(degree)s: between %(low)d and %(high)d ECTS credits (Bologna cycles).") % {
        "degree": degree_label,
        "low": low,
        "high": high,
    }


class ProgrammeSkill(models.Model):
    """A learning outcome of a programme tagged with the taxonomy, at a level."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="programme_skills"
    )
    # PROTECT: a skill is merged into another, not deleted with universities' links.
    skill = models.ForeignKey(
        Skill, on_delete=models.PROTECT, related_name="programme_skills", verbose_name=_("skill")
    )
    level = models.PositiveSmallIntegerField(
        _("level"), choices=SkillLevel.choices, default=SkillLevel.INTERMEDIATE
    )

    class Meta:
        verbose_name = _("programme skill")
        verbose_name_plural = _("programme skills")
        ordering = ["-level", "skill__name_en"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "skill"], name="unique_programme_skill")
        ]

    def __str__(self) -> str:
        return f"{self.skill} ({self.get_level_display()})"


class ProgrammePartner(models.Model):
    """A partner university of a joint or double degree programme (the table of
    ``Programme.partners``)."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="+")
    # PROTECT: the link is the other university's data, not the partner's to take.
    university = models.ForeignKey(
        University, on_delete=models.PROTECT, related_name="+", verbose_name=_("partner")
    )

    class Meta:
        db_table = "curricula_programme_partners"
        verbose_name = _("joint programme partner")
        verbose_name_plural = _("joint programme partners")
        unique_together = [("programme", "university")]

    def __str__(self) -> str:
        return f"{self.programme} — {self.university}"
