import secrets
import uuid
from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords
from translated_fields import to_attribute

from accounts.models import ChangesStanding
from core.bilingual import BilingualNameMixin, active_language, translated, values
from core.timezones import DEFAULT_ZONE, zone_choices
from curricula.models import Skill
from universities.authors import change_author
from universities.models import Language, ResearchArea, University
from universities.search import SearchDocumentMixin, search_documents


class EventSeries(BilingualNameMixin, models.Model):
    """A named series, such as the monthly UNECE webinars."""

    name = translated(models.CharField(_("name"), max_length=200))
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    description = translated(models.TextField(_("description")))
    organiser = models.CharField(_("organiser"), max_length=200, default="UNECE")
    time_zone = models.CharField(
        _("time zone"), max_length=64, choices=zone_choices, default=DEFAULT_ZONE
    )
    reminder_offsets = models.JSONField(
        _("reminders (minutes before the start)"), default=list, blank=True
    )

    class Meta:
        verbose_name = _("event series")
        verbose_name_plural = _("event series")
        ordering = ["name_en"]

    def get_absolute_url(self) -> str:
        return reverse("events:list") + f"?series={self.slug}"


def slides_path(instance: Any, filename: str) -> str:
    """Slides are stored under a generated name: never the uploader's file name."""
    return f"slides/{uuid.uuid4().hex}.pdf"


class EventQuerySet(models.QuerySet["Event"]):
    def published(self) -> "EventQuerySet":
        """The public events: published or cancelled, and not archived."""
        return self.active().filter(status__in=[Event.Status.PUBLISHED, Event.Status.CANCELLED])

    def active(self) -> "EventQuerySet":
        """Every event that is not archived."""
        return self.filter(archived_at__isnull=True)

    def archived(self) -> "EventQuerySet":
        return self.filter(archived_at__isnull=False)

    def upcoming(self, now: datetime | None = None) -> "EventQuerySet":
        return self.filter(end__gte=now or timezone.now())

    def past(self, now: datetime | None = None) -> "EventQuerySet":
        return self.filter(end__lt=now or timezone.now())

    def search(self, query: str) -> "EventQuerySet":
        """Events whose texts, in any language and script, match ``query``."""
        return search_documents(self, query)


class Event(SearchDocumentMixin, models.Model):
    class Kind(models.TextChoices):
        WEBINAR = "webinar", _("Webinar")
        CONFERENCE = "conference", _("Conference")
        TRAINING = "training", _("Training")
        WORKSHOP = "workshop", _("Workshop")

    class Format(models.TextChoices):
        ONLINE = "online", _("Online")
        ON_SITE = "on_site", _("On site")
        HYBRID = "hybrid", _("Hybrid")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        CANCELLED = "cancelled", _("Cancelled")

    title = translated(models.CharField(_("title"), max_length=200))
    description = translated(models.TextField(_("description")))
    series = models.ForeignKey(
        EventSeries,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("series"),
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    format = models.CharField(_("format"), max_length=16, choices=Format.choices)
    start = models.DateTimeField(_("start"), db_index=True)
    end = models.DateTimeField(_("end"))
    time_zone = models.CharField(
        _("time zone"), max_length=64, choices=zone_choices, default=DEFAULT_ZONE
    )
    host = models.ForeignKey(
        University,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="hosted_events",
        verbose_name=_("host university"),
    )
    venue = translated(models.CharField(_("venue"), max_length=300))
    join_url = models.URLField(_("online join link"), blank=True)
    capacity_on_site = models.PositiveIntegerField(
        _("places on site"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    capacity_online = models.PositiveIntegerField(
        _("places online"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Leave empty for no limit."),
    )
    registration_deadline = models.DateTimeField(_("registration deadline"), null=True, blank=True)
    languages = models.ManyToManyField(
        Language, blank=True, related_name="events", verbose_name=_("languages")
    )
    interpretation = models.BooleanField(_("interpretation provided"), default=False)
    areas = models.ManyToManyField(
        ResearchArea, blank=True, related_name="events", verbose_name=_("research areas")
    )
    skills = models.ManyToManyField(
        Skill, blank=True, related_name="events", verbose_name=_("skills")
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    slides = models.FileField(_("slides (PDF)"), upload_to=slides_path, blank=True)
    recording_url = models.URLField(_("recording link"), blank=True)
    summary = translated(models.TextField(_("summary")))
    reminder_offsets = models.JSONField(
        _("reminders (minutes before the start)"),
        null=True,
        blank=True,
        help_text=_("Leave empty to use the series' reminders, or 24 hours and 1 hour before."),
    )

    # How a freed place goes to the waiting list: at once to the first person
    # waiting, or offered to them with a deadline (``events/offers.py``).
    class WaitlistMode(models.TextChoices):
        AUTOMATIC = "automatic", _("Automatic: the first person waiting gets the place")
        OFFERS = "offers", _("Offers: the first person waiting is asked, with a deadline")

    class CertificateRule(models.TextChoices):
        NONE = "none", _("No certificates")
        ATTENDED = "attended", _("Everyone who attended")
        MINUTES = "minutes", _("Who attended, online for at least the minutes set")

    waitlist_mode = models.CharField(
        _("waiting list"), max_length=12, choices=WaitlistMode.choices, default="automatic"
    )
    offer_hours = models.PositiveSmallIntegerField(
        _("hours to answer an offer"),
        default=24,
        validators=[MinValueValidator(1)],
        help_text=_("Shortened automatically when the event is close."),
    )
    certificate_rule = models.CharField(
        _("certificates of attendance"),
        max_length=12,
        choices=CertificateRule.choices,
        default="none",
    )
    certificate_minutes = models.PositiveIntegerField(
        _("minutes online for a certificate"), null=True, blank=True
    )
    sequence = models.PositiveIntegerField(default=0, editable=False)
    search_document = models.TextField(editable=False, blank=True)
    # Archived events are hidden everywhere but the coordinators' list, and restorable;
    # events are never deleted in the site, so no registration is lost with one.
    archived_at = models.DateTimeField(_("archived"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EventQuerySet.as_manager()
    # Who changed what (the agenda, languages, areas and skills aside); the calendar
    # sequence is counted with an UPDATE and is not a change anyone makes.
    history = HistoricalRecords(
        excluded_fields=["sequence", "updated_at", "search_document"], get_user=change_author
    )

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=models.F("start")), name="event_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("events:detail", kwargs={"pk": self.pk})

    def search_texts(self) -> list[str]:
        """What search matches: every language's title, description, venue and summary,
        the host's names, the series' names and the skills' names."""
        texts = [
            value
            for name in ("title", "description", "venue", "summary")
            for value in values(self, name)
        ]
        if self.host is not None:
            texts += self.host.all_names()
        if self.series is not None:
            texts += values(self.series, "name")
        return [*texts, *self.skill_names()]

    @property
    def uid(self) -> str:
        return f"event-{self.pk}@ca-energy-platform"

    @property
    def has_on_site(self) -> bool:
        return self.format in (self.Format.ON_SITE, self.Format.HYBRID)

    @property
    def has_online(self) -> bool:
        return self.format in (self.Format.ONLINE, self.Format.HYBRID)

    def capacity_for(self, mode: str) -> int | None:
        return self.capacity_on_site if mode == Registration.Mode.ON_SITE else self.capacity_online

    def places_remaining(self) -> dict[str, int | None]:
        """Places left in each part of the event (by ``Registration.Mode``); None
        where that part has no limit. Confirmed registrants take a place, speakers
        do not. One query, or none when no part is limited."""
        capacities = {mode: self.capacity_for(mode) for mode in Registration.Mode}
        limited = [mode for mode, capacity in capacities.items() if capacity is not None]
        taken: dict[str, int] = {}
        if limited:
            taken = dict(
                Registration.objects.filter(event=self, mode__in=limited)
                .taking_places()
                .values_list("mode")
                .annotate(n=Count("pk"))
                .values_list("mode", "n")
            )
        return {
            str(mode): None if capacity is None else max(0, capacity - taken.get(mode, 0))
            for mode, capacity in capacities.items()
        }

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None

    @property
    def is_live(self) -> bool:
        """Public and under way now."""
        return self.is_public and self.start <= timezone.now() < self.end

    @property
    def is_public(self) -> bool:
        """Published and not archived: the events whose registrants hear from us."""
        return self.status == self.Status.PUBLISHED and self.archived_at is None

    def has_materials(self) -> bool:
        return bool(self.recording_url or self.slides or self.summary)

    def registration_open(self, now: datetime | None = None) -> bool:
        now = now or timezone.now()
        if not self.is_public or self.start <= now:
            return False
        return self.registration_deadline is None or now <= self.registration_deadline

    def clean(self):
        errors = {}
        if self.start and self.end and self.end <= self.start:
            errors["end"] = _("The end must come after the start.")
        if self.has_on_site:
            if not self.host_id:
                errors["host"] = _("An on-site or hybrid event needs a host university.")
            if not self.venue:
                errors[to_attribute("venue", active_language())] = _(
                    "An on-site or hybrid event needs a venue."
                )
        if self.registration_deadline and self.start and self.registration_deadline > self.start:
            errors["registration_deadline"] = _("Registration must close before the start.")
        if not errors and self.has_on_site and self.host_id and self.start and self.end:
            clash = (
                Event.objects.filter(
                    host_id=self.host_id,
                    format__in=[self.Format.ON_SITE, self.Format.HYBRID],
                    start__lt=self.end,
                    end__gt=self.start,
                )
                .exclude(status=self.Status.CANCELLED)
                .exclude(pk=self.pk)
            )
            if clash.exists():
                errors["start"] = _(
                    "The host university already has an on-site event at that time: %(event)s."
                ) % {"event": clash.first()}
        if errors:
            raise ValidationError(errors)


class AgendaItem(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="agenda")
    starts_at = models.DateTimeField(_("starts at"))
    title = translated(models.CharField(_("title"), max_length=200))
    speakers = models.TextField(
        _("speakers"), blank=True, help_text=_("One per line: name, affiliation.")
    )
    speaker_accounts = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="+",
        verbose_name=_("speakers with accounts"),
    )

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")

    def __str__(self) -> str:
        return self.title

    def speaker_lines(self) -> list[str]:
        return [line.strip() for line in self.speakers.splitlines() if line.strip()]


class RegistrationQuerySet(models.QuerySet["Registration"]):
    def taking_places(self) -> "RegistrationQuerySet":
        """Registrations that hold a place: confirmed, and not a speaker's."""
        return self.filter(status=Registration.Status.CONFIRMED, is_speaker=False)


def new_registration_code() -> str:
    """A short code for a registration: typed at check-in, shown under its QR code,
    and the secret of its personal join link. No 0/O or 1/I to misread."""
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "".join(secrets.choice(alphabet) for _ in range(8))


class Registration(ChangesStanding, models.Model):
    class Mode(models.TextChoices):
        ON_SITE = "on_site", _("On site")
        ONLINE = "online", _("Online")

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        WAITLISTED = "waitlisted", _("Waitlisted")
        CANCELLED = "cancelled", _("Cancelled")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="registrations"
    )
    # PROTECT: an event is archived, never deleted with the registrants' places.
    event = models.ForeignKey(Event, on_delete=models.PROTECT, related_name="registrations")
    mode = models.CharField(_("attendance"), max_length=16, choices=Mode.choices)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices)
    is_speaker = models.BooleanField(
        _("speaker"), default=False, help_text=_("Speakers are reminded but take no place.")
    )
    code = models.CharField(
        _("code"), max_length=12, unique=True, default=new_registration_code, editable=False
    )
    # Attendance: the first click on the personal join link, the check-in on site,
    # and the minutes the video platform's attendance file gives.
    joined_at = models.DateTimeField(_("joined online"), null=True, blank=True)
    checked_in_at = models.DateTimeField(_("checked in"), null=True, blank=True)
    online_minutes = models.PositiveIntegerField(_("minutes online"), null=True, blank=True)
    wants_visa_letter = models.BooleanField(_("asks for a visa invitation letter"), default=False)
    visa_letter_issued_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["user", "event"], name="one_registration_per_user")
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.event}"

    @property
    def attended(self) -> bool:
        """Checked in on site, or joined online (by the link or the attendance file)."""
        return bool(self.checked_in_at or self.joined_at or self.online_minutes)


# The label of a person's registrations in their standing (accounts.User.standing):
# {event id: status}, registered by events/apps.py.
REGISTRATIONS = "events.registration"


def registration_status(user: Any, event: Event) -> str | None:
    """The status of ``user``'s registration for ``event`` (None without one), from
    their standing: no query beyond the one every signed-in request makes."""
    if not getattr(user, "is_authenticated", False):
        return None
    return user.standing().get(REGISTRATIONS, {}).get(event.pk)


def registration_of(user: Any, event: Event) -> Registration | None:
    """``user``'s registration for ``event``, whatever its status: read only when their
    standing says there is one."""
    if registration_status(user, event) is None:
        return None
    return Registration.objects.filter(event=event, user=user).first()


class EventQuestion(models.Model):
    """A question of one event's registration form, besides what the profile holds."""

    class Kind(models.TextChoices):
        TEXT = "text", _("Text")
        CHOICE = "choice", _("Choice")
        YES_NO = "yes_no", _("Yes or no")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices, default="text")
    text = translated(models.CharField(_("question"), max_length=300))
    choices = translated(models.TextField(_("choices"), blank=True, help_text=_("One per line.")))
    required = models.BooleanField(_("required"), default=False)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("registration question")
        verbose_name_plural = _("registration questions")

    def __str__(self) -> str:
        return str(self.text)

    def choice_list(self) -> list[str]:
        return [line.strip() for line in str(self.choices or "").splitlines() if line.strip()]


class RegistrationAnswer(models.Model):
    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(EventQuestion, on_delete=models.CASCADE, related_name="answers")
    value = models.TextField(_("answer"), blank=True, max_length=2000)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["registration", "question"], name="one_answer")
        ]


def new_offer_token() -> str:
    return secrets.token_urlsafe(24)


class WaitlistOffer(models.Model):
    """A freed place offered to the first person waiting, until a deadline."""

    class Status(models.TextChoices):
        OFFERED = "offered", _("Offered")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        EXPIRED = "expired", _("Expired")

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="offers")
    status = models.CharField(max_length=10, choices=Status.choices, default="offered")
    token = models.CharField(max_length=64, unique=True, default=new_offer_token)
    offered_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["offered_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["registration"],
                condition=Q(status="offered"),
                name="one_open_offer_per_registration",
            )
        ]


class Feedback(models.Model):
    """What a participant thought of the event: a rating and comments."""

    registration = models.OneToOneField(
        Registration, on_delete=models.CASCADE, related_name="feedback"
    )
    rating = models.PositiveSmallIntegerField(
        _("rating"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comments = models.TextField(_("comments"), blank=True, max_length=4000)
    created_at = models.DateTimeField(default=timezone.now)


class CalendarToken(models.Model):
    """The secret in a user's private calendar feed URL; resetting it revokes the old URL."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_token"
    )
    token = models.CharField(max_length=64, unique=True)
    alarm_minutes = models.PositiveIntegerField(_("alarm before the start (minutes)"), default=60)


BLACKOUT_ERROR = _("“%(line)s” is not a date or a period such as 2027-06-01..2027-06-30.")


def blackout_period(line: str) -> tuple[date, date]:
    """One line of blackout dates, a date or ``first..last``, as (first, last).

    Raises ValueError for anything else, a reversed period included."""
    parts = [part.strip() for part in line.split("..")]
    if len(parts) > 2:
        raise ValueError(line)
    first, last = date.fromisoformat(parts[0]), date.fromisoformat(parts[-1])
    if first > last:
        raise ValueError(line)
    return first, last


def validate_blackout_dates(text: str) -> None:
    for line in filter(None, (line.strip() for line in text.splitlines())):
        try:
            blackout_period(line)
        except ValueError:
            raise ValidationError(BLACKOUT_ERROR, params={"line": line}) from None


class RotationMember(models.Model):
    """A university in the rotation of on-site regional conferences."""

    # PROTECT: the rotation is the coordinators' plan; a university leaves it by a decision.
    university = models.OneToOneField(
        University, on_delete=models.PROTECT, related_name="rotation_member"
    )
    position = models.PositiveSmallIntegerField(_("position"))
    venue_capacity = models.PositiveIntegerField(_("venue capacity"), null=True, blank=True)
    blackout_dates = models.TextField(
        _("blackout dates"),
        blank=True,
        help_text=_("One period per line: 2027-06-01..2027-06-30, or a single date."),
        validators=[validate_blackout_dates],
    )

    class Meta:
        ordering = ["position"]
        verbose_name = _("rotation member")
        verbose_name_plural = _("rotation members")

    def __str__(self) -> str:
        return str(self.university)

    def blackout_periods(self) -> list[tuple[date, date]]:
        """The periods of ``blackout_dates`` (validated on save; a line that is not
        a period, left from before, is passed over)."""
        periods = []
        for line in filter(None, (line.strip() for line in self.blackout_dates.splitlines())):
            try:
                periods.append(blackout_period(line))
            except ValueError:
                continue
        return periods

    def blocked(self, start: date, end: date) -> bool:
        return any(a <= end and start <= b for a, b in self.blackout_periods())


class HostingRecord(models.Model):
    """Who hosted (or declined) the regional conference in which cycle."""

    class Outcome(models.TextChoices):
        HOSTED = "hosted", _("Hosted")
        DECLINED = "declined", _("Declined")

    cycle = models.PositiveSmallIntegerField(_("cycle"))
    # PROTECT: the hosting history is the rotation's record, not the university's to take.
    university = models.ForeignKey(University, on_delete=models.PROTECT, related_name="+")
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome.choices)
    event = models.ForeignKey(
        Event, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-decided_at"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "university"], name="one_record_per_cycle")
        ]
