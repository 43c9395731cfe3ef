from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from accounts.models import MembershipBase, User
from core.bilingual import BilingualNameMixin, columns, translated, values
from curricula.models import Programme, Skill, SkillLevel
from universities.authors import change_author
from universities.countries import Country
from universities.models import University, UniversityMembership
from universities.search import SearchDocumentMixin, search_documents

MAX_DESCRIPTION = 20_000
MAX_MUST_HAVES = 5


class OrganisationQuerySet(models.QuerySet["Organisation"]):
    def active(self) -> "OrganisationQuerySet":
        """Every organisation that is not archived."""
        return self.filter(archived_at__isnull=True)

    def archived(self) -> "OrganisationQuerySet":
        return self.filter(archived_at__isnull=False)


class Organisation(BilingualNameMixin, models.Model):
    """An industry partner, agency or donor that posts skill needs.

    Organisations are archived, never deleted in the site: an archived one and its
    needs are hidden everywhere but for coordinators and its own members, and the
    universities' responses and conversations stay (the needs' foreign key protects
    them from a hard delete in the admin too).
    """

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

    name = translated(models.CharField(_("name"), max_length=255))
    slug = models.SlugField(_("slug"), max_length=120, unique=True)

    class Size(models.TextChoices):
        MICRO = "micro", _("Fewer than 10 people")
        SMALL = "small", _("10–49 people")
        MEDIUM = "medium", _("50–249 people")
        LARGE = "large", _("250–999 people")
        VERY_LARGE = "very_large", _("1,000 people or more")

    sector = models.CharField(_("sector"), max_length=32, choices=Sector.choices)
    size = models.CharField(_("size"), max_length=16, choices=Size.choices, blank=True)
    logo = models.ImageField(_("logo"), upload_to="logos/organisations/", blank=True)
    country = models.CharField(_("country"), max_length=2, choices=Country.choices)
    city = models.CharField(_("city"), max_length=100, blank=True)
    website = models.URLField(_("website"), blank=True)
    description = translated(models.TextField(_("description")))
    verified = models.BooleanField(_("verified"), default=False)
    is_demo = models.BooleanField(_("demo content"), default=False)
    archived_at = models.DateTimeField(_("archived"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = OrganisationQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["updated_at"], get_user=change_author)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name_en"]

    def get_absolute_url(self) -> str:
        return reverse("industry:organisation_detail", kwargs={"slug": self.slug})

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None

    def member_users(self) -> QuerySet[User]:
        """Active users with an approved membership of this organisation."""
        members = OrganisationMembership.objects.approved().filter(organisation=self)
        return User.objects.filter(is_active=True, pk__in=members.values("user"))


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


# Needs everyone may be shown: not hidden by a coordinator, of an organisation that
# is not archived.
SHOWN = Q(hidden=False, organisation__archived_at__isnull=True)


class SkillNeedQuerySet(models.QuerySet["SkillNeed"]):
    def open(self) -> "SkillNeedQuerySet":
        return self.filter(status=SkillNeed.Status.OPEN)

    def shown(self) -> "SkillNeedQuerySet":
        """Not hidden by a coordinator, and of an organisation that is not archived."""
        return self.filter(SHOWN)

    def visible_to(self, user: Any) -> "SkillNeedQuerySet":
        """Public needs for everyone; members-only needs for signed-in university staff,
        coordinators and the organisation's own members. Hidden needs only for coordinators
        and their organisation."""
        if getattr(user, "is_authenticated", False) and user.is_coordinator:
            return self
        public = Q(visibility=SkillNeed.Visibility.PUBLIC) & SHOWN
        if not getattr(user, "is_authenticated", False):
            return self.filter(public)
        own = Q(
            organisation__in=OrganisationMembership.objects.approved()
            .filter(user=user)
            .values("organisation")
        )
        if UniversityMembership.edits_any(user):
            return self.filter(SHOWN | own)
        return self.filter(public | own)

    def search(self, query: str) -> "SkillNeedQuerySet":
        return search_documents(self, query)

    def expired(self, today: date | None = None) -> "SkillNeedQuerySet":
        today = today or timezone.localdate()
        return self.open().filter(needed_by__lt=today)

    def posted_between(self, start: datetime, end: datetime) -> "SkillNeedQuerySet":
        """Posted in [``start``, ``end``)."""
        return self.filter(created_at__gte=start, created_at__lt=end)


class SkillNeed(SearchDocumentMixin, models.Model):
    """What an organisation asks of the universities: people, training or research."""

    class Kind(models.TextChoices):
        HIRING = "hiring", _("Graduate hiring")
        INTERNSHIPS = "internships", _("Internships")
        UPSKILLING = "upskilling", _("Upskilling of current staff")
        RESEARCH = "research", _("Joint research")
        GUEST_LECTURERS = "guest_lecturers", _("Guest lecturers")
        THESIS = "thesis", _("Thesis topics")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        FILLED = "filled", _("Filled")
        CLOSED = "closed", _("Closed")

    class Visibility(models.TextChoices):
        PUBLIC = "public", pgettext_lazy("visibility", "Public")
        MEMBERS = "members", _("Signed-in university staff and coordinators only")

    # PROTECT: an organisation's needs carry the universities' responses; the
    # organisation is archived, and needs are closed or hidden, never deleted.
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="needs", verbose_name=_("organisation")
    )
    title = translated(models.CharField(_("title"), max_length=200))
    background = translated(
        models.TextField(
            _("background"),
            validators=[MaxLengthValidator(MAX_DESCRIPTION)],
            help_text=_("The problem to solve, rather than the company."),
        )
    )
    must_haves = translated(
        models.TextField(_("must-have requirements"), help_text=_("One per line, at most five."))
    )
    nice_to_haves = translated(models.TextField(_("nice-to-have requirements")))
    offers_paid_internships = models.BooleanField(_("paid internships"), default=False)
    offers_site_access = models.BooleanField(_("equipment or site access"), default=False)
    offers_co_supervision = models.BooleanField(_("co-supervision"), default=False)
    funding_range = translated(models.CharField(_("funding range"), max_length=100))
    description = translated(
        models.TextField(_("description"), validators=[MaxLengthValidator(MAX_DESCRIPTION)])
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    skills = models.ManyToManyField(
        Skill, through="NeedSkill", related_name="needs", verbose_name=_("skills")
    )
    headcount = models.PositiveIntegerField(
        _("headcount"), validators=[MinValueValidator(1), MaxValueValidator(10_000)]
    )
    country = models.CharField(_("country"), max_length=2, choices=Country.choices)
    city = models.CharField(_("city"), max_length=100, blank=True)
    needed_by = models.DateField(_("needed by"))
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    visibility = models.CharField(
        _("visibility"), max_length=8, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    contact_name = models.CharField(_("contact person"), max_length=150, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    hidden = models.BooleanField(_("hidden by a coordinator"), default=False)
    unanswered_flagged_at = models.DateTimeField(null=True, blank=True, editable=False)
    first_response_at = models.DateTimeField(null=True, blank=True, editable=False)
    search_document = models.TextField(editable=False, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    is_demo = models.BooleanField(_("demo content"), default=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = SkillNeedQuerySet.as_manager()
    # Who changed what (the skills asked for aside). The flags the daily tasks set with
    # an UPDATE are left out: no record is written for them, and a later save would
    # otherwise show them as its author's change.
    history = HistoricalRecords(
        excluded_fields=[
            "search_document",
            "updated_at",
            "unanswered_flagged_at",
            "first_response_at",
        ],
        get_user=change_author,
    )

    class Meta:
        verbose_name = _("skill need")
        verbose_name_plural = _("skill needs")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("industry:need_detail", kwargs={"pk": self.pk})

    def must_have_list(self) -> list[str]:
        return [line.strip() for line in self.must_haves.splitlines() if line.strip()]

    def nice_to_have_list(self) -> list[str]:
        return [line.strip() for line in self.nice_to_haves.splitlines() if line.strip()]

    def clean(self) -> None:
        errors = {}
        for column in columns("must_haves"):
            lines = [line for line in getattr(self, column).splitlines() if line.strip()]
            if len(lines) > MAX_MUST_HAVES:
                errors[column] = _("List at most five must-have requirements, one per line.")
        if errors:
            raise ValidationError(errors)

    def search_texts(self) -> list[str]:
        texts = ("title", "background", "description", "must_haves", "nice_to_haves")
        return [*(value for name in texts for value in values(self, name)), *self.skill_names()]


class NeedSkill(models.Model):
    need = models.ForeignKey(SkillNeed, on_delete=models.CASCADE, related_name="need_skills")
    skill = models.ForeignKey(
        # A skill leaves a need only by a merge (which moves the link), never by a delete.
        Skill,
        on_delete=models.PROTECT,
        related_name="need_skills",
        verbose_name=_("skill"),
    )
    level = models.PositiveSmallIntegerField(
        _("required level"), choices=SkillLevel.choices, default=SkillLevel.INTERMEDIATE
    )

    class Meta:
        verbose_name = _("skill asked for")
        verbose_name_plural = _("skills asked for")
        ordering = ["-level", "skill__name_en"]
        constraints = [models.UniqueConstraint(fields=["need", "skill"], name="unique_need_skill")]

    def __str__(self) -> str:
        return f"{self.skill} ({self.get_level_display()})"


class NeedResponse(models.Model):
    """A university's answer to a need, with a thread of follow-ups."""

    class Status(models.TextChoices):
        SENT = "sent", _("Sent")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    # PROTECT both ways: a response and its conversation belong to both parties, so
    # neither deleting the need nor deleting the university may take them along.
    need = models.ForeignKey(
        SkillNeed, on_delete=models.PROTECT, related_name="responses", verbose_name=_("need")
    )
    university = models.ForeignKey(
        University,
        on_delete=models.PROTECT,
        related_name="need_responses",
        verbose_name=_("university"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    message = models.TextField(_("message"), validators=[MaxLengthValidator(MAX_DESCRIPTION)])
    programmes = models.ManyToManyField(
        Programme, blank=True, related_name="need_responses", verbose_name=_("offered programmes")
    )
    contact_email = models.EmailField(_("contact e-mail"))
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.SENT
    )
    hidden = models.BooleanField(_("hidden by a coordinator"), default=False)
    created_at = models.DateTimeField(_("sent"), default=timezone.now)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["need", "university"], name="one_response_per_university"
            )
        ]

    def __str__(self) -> str:
        return f"{self.university} → {self.need}"

    def get_absolute_url(self) -> str:
        return reverse("industry:response_detail", kwargs={"pk": self.pk})


class ResponseMessage(models.Model):
    response = models.ForeignKey(NeedResponse, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    body = models.TextField(_("message"), validators=[MaxLengthValidator(5000)])
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at"]
