"""Subscribers (double opt-in, with a record of each consent) and monthly issues."""

import secrets
from datetime import datetime, timedelta
from typing import Self

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.timezones import DEFAULT_ZONE
from universities.models import ResearchArea

# How long a confirmation link is valid, and how soon a repeated sign-up may send
# another one.
CONFIRMATION_VALID = timedelta(hours=48)
RESEND_AFTER = timedelta(minutes=10)


def new_token() -> str:
    return secrets.token_urlsafe(32)


class SubscriberQuerySet(models.QuerySet["Subscriber"]):
    def active(self) -> Self:
        """Confirmed and not unsubscribed: those who receive the issues."""
        return self.filter(confirmed_at__isnull=False, unsubscribed_at__isnull=True)


class Subscriber(models.Model):
    """One address on the list, in one language, for some themes (none: all)."""

    email = models.EmailField(_("e-mail address"), unique=True)
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    time_zone = models.CharField(_("time zone"), max_length=64, default=DEFAULT_ZONE)
    themes = models.ManyToManyField(
        ResearchArea, blank=True, related_name="+", verbose_name=_("themes")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="newsletter_subscriptions",
    )
    # Names the subscriber in unsubscribe links (never guessable, never reused).
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    confirmation_sent_at = models.DateTimeField(null=True, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        verbose_name = _("newsletter subscriber")
        verbose_name_plural = _("newsletter subscribers")

    def __str__(self) -> str:
        return self.email

    # What the e-mail builder reads of a recipient.
    @property
    def preferred_language(self) -> str:
        return self.language

    @property
    def display_name(self) -> str:
        return ""

    @property
    def is_active(self) -> bool:
        return True

    @property
    def is_receiving(self) -> bool:
        return self.confirmed_at is not None and self.unsubscribed_at is None


class Consent(models.Model):
    """What a subscriber agreed to or withdrew: when, the words shown, from which form."""

    class Action(models.TextChoices):
        SUBSCRIBED = "subscribed", _("Subscribed")
        CONFIRMED = "confirmed", _("Confirmed")
        UNSUBSCRIBED = "unsubscribed", _("Unsubscribed")

    class Source(models.TextChoices):
        FORM = "form", _("The newsletter form")
        ACCOUNT = "account", _("One click, signed in")
        EMAIL_LINK = "email_link", _("The link in the e-mail")
        LIST_UNSUBSCRIBE = "list_unsubscribe", _("The mail program's unsubscribe button")

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="consents")
    action = models.CharField(_("action"), max_length=16, choices=Action.choices)
    source = models.CharField(_("from"), max_length=20, choices=Source.choices)
    text = models.TextField(_("text shown"), blank=True)
    language = models.CharField(_("language"), max_length=10, blank=True)
    at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")


class IssueQuerySet(models.QuerySet["Issue"]):
    def sent(self) -> Self:
        return self.filter(status=Issue.Status.SENT)


class Issue(models.Model):
    """The newsletter of one month in one language: what was published since the
    previous issue, assembled when it is shown and fixed when it is sent."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SENT = "sent", _("Sent")

    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    month = models.DateField(_("month"))  # its first day
    introduction = models.TextField(_("introduction"), blank=True, max_length=4000)
    since = models.DateTimeField(_("covers what was published since"))
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.DRAFT)
    sent_at = models.DateTimeField(null=True, blank=True)
    # The month's largest gaps when it was sent: [[skill id, gap], ...].
    gaps = models.JSONField(default=list, blank=True)
    recipients = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)

    objects = IssueQuerySet.as_manager()

    class Meta:
        ordering = ["-month", "language"]
        constraints = [
            models.UniqueConstraint(fields=["language", "month"], name="one_issue_a_month")
        ]
        verbose_name = _("newsletter issue")
        verbose_name_plural = _("newsletter issues")

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} ({self.language})"

    def get_absolute_url(self) -> str:
        return reverse("newsletter:issue", kwargs={"pk": self.pk})

    @property
    def until(self) -> datetime:
        """The end of what it covers: when it was sent, or now for a draft."""
        return self.sent_at or timezone.now()
