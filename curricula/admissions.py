"""What a student needs to apply to a programme, beside the programme's own fields:
its intakes (application deadline and start), its learning outcomes with the skills
and levels they give, its accreditations by agencies of a maintained list, the
scholarships that serve it; and what a signed-in student keeps: saved programmes
and saved searches with their alerts. Imported by ``curricula.models``."""

import secrets
from datetime import date
from typing import Self

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.bilingual import localized, translated

CURRENCIES = [
    ("KZT", "KZT"), ("UZS", "UZS"), ("KGS", "KGS"), ("TJS", "TJS"), ("TMT", "TMT"),
    ("USD", "USD"), ("EUR", "EUR"),
]  # fmt: skip


class EntryDegree(models.TextChoices):
    """The prior degree a programme asks for."""

    SECONDARY = "secondary", _("Secondary school certificate")
    VOCATIONAL = "vocational", _("Vocational diploma")
    BACHELOR = "bachelor", _("Bachelor's degree")
    MASTER = "master", _("Master's or specialist degree")


class Intake(models.Model):
    """One start of a programme, with the last day to apply for it."""

    programme = models.ForeignKey(
        "curricula.Programme", on_delete=models.CASCADE, related_name="intakes"
    )
    starts_on = models.DateField(_("studies start"))
    application_deadline = models.DateField(_("application deadline"))

    class Meta:
        ordering = ["starts_on", "pk"]
        verbose_name = _("intake")
        verbose_name_plural = _("intakes")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(application_deadline__lte=models.F("starts_on")),
                name="intake_deadline_before_start",
            ),
            models.UniqueConstraint(fields=["programme", "starts_on"], name="one_intake_a_day"),
        ]

    def __str__(self) -> str:
        return f"{self.starts_on:%Y-%m}"

    def clean(self) -> None:
        if (
            self.starts_on
            and self.application_deadline
            and self.application_deadline > self.starts_on
        ):
            raise ValidationError(
                {"application_deadline": _("The application deadline must come before the start.")}
            )

    def is_open(self, today: date | None = None) -> bool:
        return self.application_deadline >= (today or timezone.localdate())


class LearningOutcome(models.Model):
    """What a graduate can do, with the skill of the taxonomy it gives and its level."""

    programme = models.ForeignKey(
        "curricula.Programme", on_delete=models.CASCADE, related_name="outcomes"
    )
    text = translated(models.TextField(_("learning outcome")))
    skill = models.ForeignKey(
        "curricula.Skill",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="outcomes",
        verbose_name=_("skill"),
    )
    level = models.PositiveSmallIntegerField(
        _("level"), choices=[(1, _("Basic")), (2, _("Intermediate")), (3, _("Advanced"))],
        null=True, blank=True,
    )  # fmt: skip
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("learning outcome")
        verbose_name_plural = _("learning outcomes")

    def __str__(self) -> str:
        return str(localized(self, "text"))[:80]


class AccreditationAgency(models.Model):
    """A quality assurance agency: registered in EQAR and working in the region, or
    in a national register of one of the five countries. The list is kept in
    ``curricula/data/agencies.csv`` and loaded by a migration and the seed."""

    class Register(models.TextChoices):
        EQAR = "eqar", _("EQAR (European Quality Assurance Register)")
        NATIONAL = "national", _("National register")

    slug = models.SlugField(max_length=60, unique=True)
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    name = translated(models.CharField(_("name"), max_length=250))
    country = models.CharField(
        _("country"), max_length=2, blank=True, help_text=_("Where the agency is based.")
    )
    register = models.CharField(_("register"), max_length=10, choices=Register.choices)
    register_url = models.URLField(_("entry in the register"), max_length=300)
    website = models.URLField(_("website"), blank=True)

    class Meta:
        ordering = ["acronym", "slug"]
        verbose_name = _("accreditation agency")
        verbose_name_plural = _("accreditation agencies")

    def __str__(self) -> str:
        name = localized(self, "name")
        return f"{self.acronym} — {name}" if self.acronym else str(name)


class AccreditationQuerySet(models.QuerySet["Accreditation"]):
    def current(self, today: date | None = None) -> Self:
        return self.filter(valid_until__gte=today or timezone.localdate())


class Accreditation(models.Model):
    """An agency's decision on a programme, valid between two dates."""

    class Decision(models.TextChoices):
        ACCREDITED = "accredited", _("Accredited")
        CONDITIONS = "conditions", _("Accredited with conditions")

    programme = models.ForeignKey(
        "curricula.Programme", on_delete=models.CASCADE, related_name="accreditations"
    )
    agency = models.ForeignKey(
        AccreditationAgency,
        on_delete=models.PROTECT,
        related_name="accreditations",
        verbose_name=_("agency"),
    )
    decision = models.CharField(
        _("decision"), max_length=12, choices=Decision.choices, default="accredited"
    )
    decided_on = models.DateField(_("decided on"))
    valid_until = models.DateField(_("valid until"))
    report_url = models.URLField(_("report"), max_length=500, blank=True)
    # When the university's editors were told it ends within a month.
    expiry_told_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = AccreditationQuerySet.as_manager()

    class Meta:
        ordering = ["-valid_until", "pk"]
        verbose_name = _("accreditation")
        verbose_name_plural = _("accreditations")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_until__gt=models.F("decided_on")),
                name="accreditation_ends_after_decision",
            )
        ]

    def __str__(self) -> str:
        return f"{self.agency} ({self.valid_until:%Y-%m-%d})"

    def clean(self) -> None:
        if self.decided_on and self.valid_until and self.valid_until <= self.decided_on:
            raise ValidationError(
                {"valid_until": _("An accreditation must end after it was decided.")}
            )

    def is_expired(self, today: date | None = None) -> bool:
        return self.valid_until < (today or timezone.localdate())


class Scholarship(models.Model):
    """A scholarship or grant for students of one or more programmes."""

    university = models.ForeignKey(
        "universities.University",
        on_delete=models.CASCADE,
        related_name="scholarships",
        help_text=_("The university whose editors keep it."),
    )
    name = translated(models.CharField(_("name"), max_length=250))
    provider = models.CharField(_("provider"), max_length=250)
    amount = models.DecimalField(
        _("amount"), max_digits=12, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(0)],
    )  # fmt: skip
    currency = models.CharField(_("currency"), max_length=3, choices=CURRENCIES, blank=True)
    eligibility = translated(models.TextField(_("who is eligible")))
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    url = models.URLField(_("link"), blank=True)
    programmes = models.ManyToManyField(
        "curricula.Programme", related_name="scholarships", verbose_name=_("programmes")
    )

    class Meta:
        ordering = ["name_en", "pk"]
        verbose_name = _("scholarship")
        verbose_name_plural = _("scholarships")

    def __str__(self) -> str:
        return str(localized(self, "name"))

    def clean(self) -> None:
        if self.amount is not None and not self.currency:
            raise ValidationError({"currency": _("Give the currency of the amount.")})


class SavedProgramme(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_programmes"
    )
    programme = models.ForeignKey(
        "curricula.Programme", on_delete=models.CASCADE, related_name="saved_by"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["user", "programme"], name="save_a_programme_once")
        ]


def _token() -> str:
    return secrets.token_urlsafe(24)


class SavedSearch(models.Model):
    """A catalogue search (its query string) whose new programmes and approaching
    deadlines are e-mailed, weekly at most."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_searches"
    )
    name = models.CharField(_("name"), max_length=150)
    query = models.CharField(max_length=1000, blank=True)
    token = models.CharField(max_length=40, unique=True, default=_token, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    # The last alert; the next one tells only of what came since.
    last_sent_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at", "pk"]
        verbose_name = _("saved search")
        verbose_name_plural = _("saved searches")
        constraints = [models.UniqueConstraint(fields=["user", "query"], name="save_a_search_once")]

    def __str__(self) -> str:
        return self.name


class ImportJob(models.Model):
    """A programme import run in the background: the checked file, its progress and
    its outcome (all rows saved, or none)."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting")
        RUNNING = "running", _("Importing")
        DONE = "done", _("Imported")
        FAILED = "failed", _("Not imported")

    university = models.ForeignKey(
        "universities.University", on_delete=models.CASCADE, related_name="import_jobs"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    text = models.TextField(editable=False)  # the decoded file
    separator = models.CharField(max_length=1, default=",")
    status = models.CharField(max_length=8, choices=Status.choices, default="queued")
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    # When a worker took it: a job whose worker died is taken again after a lease.
    claimed_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "pk"]

    def progress(self) -> int:
        return 100 if not self.total else min(100, round(100 * self.done / self.total))
