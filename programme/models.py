"""A conference's call for contributions, its tracks and criteria, the contributions
submitted (an industry challenge among them, from a need of the needs board), the
programme committee and its reviewers, and the reviews."""

import uuid
from typing import Any, Self

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.bilingual import translated
from curricula.models import Skill
from events.models import Event
from industry.models import Organisation, SkillNeed
from universities.models import ResearchArea, University

SCORE_MIN, SCORE_MAX = 1, 5


def contribution_slides_path(instance: Any, filename: str) -> str:
    """Slides are stored under a generated name: never the uploader's file name."""
    return f"slides/contributions/{uuid.uuid4().hex}.pdf"


class SessionKind(models.TextChoices):
    TALK = "talk", _("Talk")
    PANEL = "panel", _("Panel")
    POSTER = "poster", _("Poster")
    WORKSHOP = "workshop", _("Workshop")
    CHALLENGE = "challenge", _("Industry challenge")


class Call(models.Model):
    """The call for contributions of one event (a conference, usually)."""

    event = models.OneToOneField(Event, on_delete=models.PROTECT, related_name="call")
    description = translated(models.TextField(_("what the call asks for"), blank=True))
    opens_at = models.DateTimeField(_("opens"))
    closes_at = models.DateTimeField(_("closes"))
    session_kinds = models.JSONField(
        _("session types"), default=list, help_text=_("The kinds of session one may propose.")
    )
    minutes = models.PositiveSmallIntegerField(_("length of a session (minutes)"), default=20)
    blind_review = models.BooleanField(
        _("blind review"), default=False, help_text=_("Reviewers do not see who the authors are.")
    )
    share_reviews = models.BooleanField(
        _("share the reviewers' comments with the authors"), default=True
    )
    # The timetable is public from this moment; moves after it are told to people.
    timetable_published_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("call for contributions")
        verbose_name_plural = _("calls for contributions")

    def __str__(self) -> str:
        return str(self.event)

    def get_absolute_url(self) -> str:
        return reverse("programme:call", kwargs={"event": self.event_id})

    def is_open(self, now: Any = None) -> bool:
        now = now or timezone.now()
        return self.opens_at <= now < self.closes_at


class Track(models.Model):
    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="tracks")
    name = translated(models.CharField(_("track"), max_length=150))
    theme = models.ForeignKey(
        ResearchArea, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return str(self.name)


class Criterion(models.Model):
    """What reviewers score, from 1 to 5."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="criteria")
    name = translated(models.CharField(_("criterion"), max_length=150))
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return str(self.name)


class CommitteeMember(models.Model):
    """A member of an event's programme committee, or one of its reviewers (of some
    tracks). Coordinators and the host university's editors chair every committee."""

    class Role(models.TextChoices):
        MEMBER = "member", _("Committee member")
        REVIEWER = "reviewer", _("Reviewer")

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="committee")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    role = models.CharField(max_length=10, choices=Role.choices, default="reviewer")
    tracks = models.ManyToManyField(Track, blank=True, related_name="reviewers")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["call", "user"], name="one_seat_per_call")]


class ContributionQuerySet(models.QuerySet["Contribution"]):
    def submitted(self) -> Self:
        return self.exclude(state=Contribution.State.WITHDRAWN)


class Contribution(models.Model):
    class State(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        ACCEPTED = "accepted", _("Accepted")
        WAITLISTED = "waitlisted", _("On the waiting list")
        REJECTED = "rejected", _("Not accepted")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    call = models.ForeignKey(Call, on_delete=models.PROTECT, related_name="contributions")
    submitter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="contributions"
    )
    title = models.CharField(_("title"), max_length=250)
    abstract = models.TextField(_("abstract"), max_length=4000)
    kind = models.CharField(_("session type"), max_length=12, choices=SessionKind.choices)
    track = models.ForeignKey(
        Track, on_delete=models.PROTECT, related_name="contributions", verbose_name=_("track")
    )
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    coauthors = models.TextField(
        _("co-authors without an account"), blank=True, help_text=_("One per line.")
    )
    coauthor_accounts = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="coauthored_contributions"
    )
    skills = models.ManyToManyField(Skill, blank=True, related_name="+")
    university = models.ForeignKey(
        University, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # An industry challenge presents a need of the needs board.
    need = models.ForeignKey(
        SkillNeed, on_delete=models.PROTECT, null=True, blank=True, related_name="challenges"
    )
    file = models.FileField(_("file (PDF)"), upload_to="contributions/", blank=True)
    # The speakers' slides, uploaded after acceptance.
    slides = models.FileField(_("slides (PDF)"), upload_to=contribution_slides_path, blank=True)
    state = models.CharField(max_length=12, choices=State.choices, default="submitted")
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ContributionQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["call", "need"],
                condition=Q(need__isnull=False) & ~Q(state="withdrawn"),
                name="one_challenge_per_need",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("programme:contribution", kwargs={"pk": self.pk})

    def coauthor_list(self) -> list[str]:
        return [line.strip() for line in self.coauthors.splitlines() if line.strip()]


class Review(models.Model):
    contribution = models.ForeignKey(Contribution, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    comment = models.TextField(
        _("comment for the committee and, if shared, the authors"), blank=True, max_length=4000
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["contribution", "reviewer"], name="one_review_each")
        ]

    def total(self) -> float | None:
        scores = [score.value for score in self.scores.all()]
        return sum(scores) / len(scores) if scores else None


class Score(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="scores")
    value = models.PositiveSmallIntegerField(
        _("score"), validators=[MinValueValidator(SCORE_MIN), MaxValueValidator(SCORE_MAX)]
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["review", "criterion"], name="one_score_each"),
            models.CheckConstraint(
                condition=Q(value__gte=SCORE_MIN) & Q(value__lte=SCORE_MAX), name="score_in_scale"
            ),
        ]


# --- the timetable --------------------------------------------------------------------


class Room(models.Model):
    """A room of the conference (or an online stream), with its places."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="rooms")
    name = translated(models.CharField(_("room"), max_length=150))
    capacity = models.PositiveIntegerField(_("places"), validators=[MinValueValidator(1)])
    stream_url = models.URLField(_("online stream link"), blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("room")
        verbose_name_plural = _("rooms")

    def __str__(self) -> str:
        return str(self.name)


class SessionQuerySet(models.QuerySet["Session"]):
    def published(self) -> Self:
        """Sessions of timetables that are public, of events that are."""
        return self.filter(
            call__timetable_published_at__isnull=False,
            call__event__status="published",
            call__event__archived_at__isnull=True,
        )

    def in_order(self) -> Self:
        return self.order_by("starts_at", "room__position", "room_id", "pk")


class Session(models.Model):
    """A place in the timetable: a room and a time, with an accepted contribution or a
    plenary (an opening, a keynote, a break) that has only a title."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="sessions")
    room = models.ForeignKey(
        Room, on_delete=models.PROTECT, related_name="sessions", verbose_name=_("room")
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    contribution = models.OneToOneField(
        Contribution,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="session",
        verbose_name=_("contribution"),
    )
    title = translated(models.CharField(_("title of a plenary"), max_length=250))
    expected = models.PositiveIntegerField(
        _("expected audience"),
        null=True,
        blank=True,
        help_text=_("Leave empty unless the session needs a large room."),
    )
    # The iCalendar SEQUENCE of the session, counted up when it moves after publication.
    sequence = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = SessionQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="session_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return self.contribution.title if self.contribution is not None else str(self.title)

    def get_absolute_url(self) -> str:
        return reverse("programme:session", kwargs={"pk": self.pk})

    @property
    def uid(self) -> str:
        return f"programme-session-{self.pk}@ca-energy-platform"

    @property
    def is_plenary(self) -> bool:
        return not self.contribution_id


class Star(models.Model):
    """A session in someone's personal schedule."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="starred_sessions"
    )
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="stars")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "session"], name="one_star_each")]
