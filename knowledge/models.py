"""The library: knowledge items (reports, guidance for industry, tools, news, …) and
their files, one per language."""

import uuid
from typing import Any

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.models import User
from core.bilingual import translated, values
from curricula.models import Skill
from industry.models import Organisation, OrganisationMembership
from universities.authors import change_author
from universities.countries import CENTRAL_ASIA, Country
from universities.models import ResearchArea, University, UniversityMembership
from universities.search import SearchDocumentMixin, search_documents

MAX_SUMMARY = 600
MAX_BODY = 50_000
OTHER_COUNTRY = "other"
COUNTRY_CHOICES = [
    *((code, Country(code).label) for code in CENTRAL_ASIA),
    (OTHER_COUNTRY, _("Other countries")),
]
NEEDS_FILE_OR_LINK = _("Add a file or an external link: an item needs at least one of them.")


def has_file_or_link(*, external_url: str, file_count: int) -> bool:
    """The one rule every item keeps: something to read, here or elsewhere."""
    return bool(external_url) or file_count > 0


def image_path(instance: Any, filename: str) -> str:
    return f"knowledge/images/{uuid.uuid4().hex}.jpg"


def file_path(instance: Any, filename: str) -> str:
    """A generated name; the extension is the format found in the content."""
    return f"knowledge/files/{uuid.uuid4().hex}.{instance.format}"


def institutions_of(user: Any) -> tuple[models.QuerySet[Any], models.QuerySet[Any]]:
    """The universities ``user`` edits for and the organisations they are a member of,
    as subqueries of ids."""
    universities = UniversityMembership.objects.editing().filter(user=user).values("university")
    organisations = (
        OrganisationMembership.objects.approved().filter(user=user).values("organisation")
    )
    return universities, organisations


class KnowledgeItemQuerySet(models.QuerySet["KnowledgeItem"]):
    def published(self) -> "KnowledgeItemQuerySet":
        return self.filter(status=KnowledgeItem.Status.PUBLISHED)

    def news(self) -> "KnowledgeItemQuerySet":
        """News and commentary, the items of ``/news/``."""
        return self.filter(kind__in=KnowledgeItem.NEWS_KINDS)

    def featured(self) -> "KnowledgeItemQuerySet":
        return self.published().filter(featured=True)

    def of_institutions_of(self, user: Any) -> "KnowledgeItemQuerySet":
        """Items of the universities and organisations ``user`` acts for, and those
        they created or wrote."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        universities, organisations = institutions_of(user)
        mine = (
            Q(universities__in=universities)
            | Q(organisations__in=organisations)
            | Q(created_by=user)
            | Q(authors=user)
        )
        return self.filter(pk__in=KnowledgeItem.objects.filter(mine).values("pk"))

    def visible_to(self, user: Any) -> "KnowledgeItemQuerySet":
        """Published items for everyone; every item for coordinators; the items of
        their institutions (drafts, returned, archived) for its members."""
        if getattr(user, "is_authenticated", False) and user.is_coordinator:
            return self
        published = self.published()
        if not getattr(user, "is_authenticated", False):
            return published
        return published | self.of_institutions_of(user)

    def search(self, query: str) -> "KnowledgeItemQuerySet":
        return search_documents(self, query)

    def newest_first(self) -> "KnowledgeItemQuerySet":
        return self.order_by(models.F("published_on").desc(nulls_last=True), "-created_at", "-pk")


class KnowledgeItem(SearchDocumentMixin, models.Model):
    """A knowledge product of the region, or one curated from elsewhere by its link."""

    class Kind(models.TextChoices):
        REPORT = "report", _("Report")
        POLICY_BRIEF = "policy_brief", _("Policy brief")
        GUIDANCE = "guidance", _("Guidance for industry")
        TOOL = "tool", _("Tool")
        GUIDE = "guide", _("Guide")
        CASE_STUDY = "case_study", _("Case study")
        DATASET = "dataset", _("Dataset")
        COMMENTARY = "commentary", _("Commentary or op-ed")
        NEWS = "news", _("News")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted for review")
        PUBLISHED = "published", _("Published")
        RETURNED = "returned", _("Returned to its authors")
        ARCHIVED = "archived", _("Archived")

    NEWS_KINDS = (Kind.NEWS, Kind.COMMENTARY)
    # The statuses in which the institution's members may still edit and submit.
    OPEN_TO_AUTHORS = (Status.DRAFT, Status.RETURNED)

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, db_index=True)
    title = translated(models.CharField(_("title"), max_length=250))
    summary = translated(
        models.TextField(
            _("summary"),
            validators=[MaxLengthValidator(MAX_SUMMARY)],
            help_text=_("At most 600 characters: what a reader learns from it."),
        )
    )
    body = translated(models.TextField(_("text"), validators=[MaxLengthValidator(MAX_BODY)]))
    authors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="knowledge_items",
        verbose_name=_("authors with an account"),
    )
    outside_authors = models.TextField(
        _("other authors"), blank=True, help_text=_("One name per line.")
    )
    universities = models.ManyToManyField(
        University, blank=True, related_name="knowledge_items", verbose_name=_("universities")
    )
    organisations = models.ManyToManyField(
        Organisation, blank=True, related_name="knowledge_items", verbose_name=_("organisations")
    )
    published_on = models.DateField(_("publication date"), null=True, blank=True)
    themes = models.ManyToManyField(
        ResearchArea, blank=True, related_name="knowledge_items", verbose_name=_("themes")
    )
    skills = models.ManyToManyField(
        Skill, blank=True, related_name="knowledge_items", verbose_name=_("skills")
    )
    external_url = models.URLField(
        _("external link"),
        max_length=500,
        blank=True,
        help_text=_("Where the item is published elsewhere, to point to it instead of copying it."),
    )
    image = models.ImageField(
        _("image"),
        upload_to=image_path,
        blank=True,
        help_text=_("News and commentary only; re-encoded to a small JPEG."),
    )
    # Written with the image (knowledge/images.py), so pages can reserve its space
    # without the storage being read.
    image_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    return_reason = models.TextField(_("reason for returning it"), blank=True)
    status_changed_at = models.DateTimeField(default=timezone.now, editable=False)
    published_at = models.DateTimeField(_("published"), null=True, blank=True, editable=False)
    featured = models.BooleanField(_("featured on the home page"), default=False)
    is_demo = models.BooleanField(_("demo content"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    search_document = models.TextField(editable=False, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = KnowledgeItemQuerySet.as_manager()
    history = HistoricalRecords(
        excluded_fields=["search_document", "updated_at"], get_user=change_author
    )

    class Meta:
        verbose_name = _("knowledge item")
        verbose_name_plural = _("knowledge items")
        ordering = ["-published_on", "-created_at"]

    def __str__(self) -> str:
        return str(self.title)

    def get_absolute_url(self) -> str:
        return reverse("knowledge:detail", kwargs={"pk": self.pk})

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def takes_image(self) -> bool:
        return self.kind in self.NEWS_KINDS

    def outside_author_list(self) -> list[str]:
        return [line.strip() for line in self.outside_authors.splitlines() if line.strip()]

    def author_names(self) -> list[str]:
        """The names shown publicly: authors with an account by their name (never their
        e-mail address; a nameless or closed account is left out), then outside ones."""
        named = [
            author.full_name
            for author in self.authors.all()
            if author.full_name and not author.is_former_member
        ]
        return [*named, *self.outside_author_list()]

    def recipients(self) -> models.QuerySet[User]:
        """Who hears about each step: the authors with an account and the creator."""
        ids = [*self.authors.values_list("pk", flat=True), self.created_by_id]
        return User.objects.filter(pk__in=[pk for pk in ids if pk is not None])

    def search_texts(self) -> list[str]:
        """Every language's title, summary and text, the outside authors, and (once
        saved) the names of its skills, themes and institutions in every language, so
        that «водород» finds an item in English about hydrogen."""
        texts = [value for name in ("title", "summary", "body") for value in values(self, name)]
        return [*texts, *self.outside_author_list(), *self.skill_names(), *self._related_names()]

    def _related_names(self) -> list[str]:
        if not self.pk:
            return []
        names = [value for theme in self.themes.all() for value in values(theme, "name")]
        names += [name for university in self.universities.all() for name in university.all_names()]
        names += [value for org in self.organisations.all() for value in values(org, "name")]
        return names


class ItemCountry(models.Model):
    """A country an item is about (the five of the region, or other)."""

    item = models.ForeignKey(KnowledgeItem, on_delete=models.CASCADE, related_name="country_rows")
    country = models.CharField(_("country"), max_length=8, choices=COUNTRY_CHOICES)

    class Meta:
        verbose_name = _("country")
        verbose_name_plural = _("countries")
        ordering = ["country"]
        constraints = [
            models.UniqueConstraint(fields=["item", "country"], name="unique_item_country")
        ]

    def __str__(self) -> str:
        return str(self.get_country_display())


class KnowledgeFile(models.Model):
    """One language's file of an item, checked by its content (knowledge/files.py)."""

    class Format(models.TextChoices):
        PDF = "pdf", "PDF"
        DOCX = "docx", "Word (DOCX)"
        XLSX = "xlsx", "Excel (XLSX)"
        PPTX = "pptx", "PowerPoint (PPTX)"

    class Licence(models.TextChoices):
        CC_BY = "cc-by-4.0", "CC BY 4.0"
        CC_BY_SA = "cc-by-sa-4.0", "CC BY-SA 4.0"
        CC_BY_NC = "cc-by-nc-4.0", "CC BY-NC 4.0"
        CC0 = "cc0-1.0", "CC0 1.0"
        ALL_RIGHTS = "all-rights-reserved", _("All rights reserved")

    MIME_TYPES: dict[str, str] = {
        Format.PDF: "application/pdf",
        Format.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        Format.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        Format.PPTX: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    }

    item = models.ForeignKey(KnowledgeItem, on_delete=models.CASCADE, related_name="files")
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    file = models.FileField(_("file"), upload_to=file_path, max_length=200)
    format = models.CharField(_("format"), max_length=8, choices=Format.choices, editable=False)
    size = models.PositiveIntegerField(_("size"), default=0, editable=False)
    licence = models.CharField(
        _("licence"), max_length=24, choices=Licence.choices, default=Licence.CC_BY
    )

    class Meta:
        verbose_name = _("file")
        verbose_name_plural = _("files")
        ordering = ["language", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["item", "language"], name="one_file_per_language")
        ]

    def __str__(self) -> str:
        return f"{self.item} ({self.language})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.file:
            self.format = self.format or (self.file.name or "").rsplit(".", 1)[-1].lower()
            if not getattr(self.file, "_committed", True):  # a new upload
                self.size = self.file.size
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("knowledge:download", kwargs={"pk": self.item_id, "file": self.pk})

    @property
    def mime_type(self) -> str:
        return self.MIME_TYPES.get(self.format, "application/octet-stream")

    def download_name(self) -> str:
        return f"item-{self.item_id}-{self.language}.{self.format}"
