"""Every write of the newsletter: subscribing (double opt-in), confirming,
unsubscribing, and assembling, editing and sending the monthly issues.

Each subscriber receives each issue exactly once: one outbox row per (issue,
subscriber), under a unique key, written in the transaction that marks the issue
sent.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime

from allauth.account.models import EmailAddress
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from core import outbox
from universities.models import ResearchArea

from .contents import largest_gaps_now
from .models import CONFIRMATION_VALID, RESEND_AFTER, Consent, Issue, Subscriber

CONFIRM_TEMPLATE = "newsletter/email/confirm"
ISSUE_TEMPLATE = "newsletter/email/issue"


class IssueAlreadySent(Exception):
    """An issue is sent once; it is not edited or sent again afterwards."""


@dataclass(frozen=True)
class SubscribeResult:
    subscriber: Subscriber
    confirmation_sent: bool  # False: sent a moment ago (or confirmed at once)
    confirmed: bool


def _normalised(email: str) -> str:
    return email.strip().lower()


def _send_confirmation(subscriber: Subscriber, now: datetime) -> None:
    subscriber.confirmation_sent_at = now
    subscriber.save(update_fields=["confirmation_sent_at"])
    outbox.enqueue(
        template=CONFIRM_TEMPLATE,
        recipients=[subscriber],
        context={"subscriber": subscriber},
        key=f"newsletter-confirm:{subscriber.pk}:{now.isoformat()}",
        expires_at=now + CONFIRMATION_VALID,
        topic=f"newsletter-subscriber:{subscriber.pk}",
    )


@transaction.atomic
def subscriber_subscribe(
    *,
    email: str,
    language: str,
    themes: Iterable[ResearchArea],
    consent_text: str,
    user: User | None = None,
    time_zone: str = "",
    now: datetime | None = None,
) -> SubscribeResult:
    """Put ``email`` on the list for ``themes`` (none: all), recording the consent.

    A signed-in user subscribing their own verified address is confirmed at once.
    Anyone else gets a confirmation e-mail (through the outbox), valid 48 hours; a
    repeated sign-up within ten minutes sends no second one. Subscribing again
    after unsubscribing asks for a new confirmation."""
    now = now or timezone.now()
    email = _normalised(email)
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    subscriber, _created = Subscriber.objects.select_for_update().get_or_create(
        email=email, defaults={"language": language}
    )
    subscriber.language = language
    if time_zone:
        subscriber.time_zone = time_zone
    elif user is not None and user.time_zone:
        subscriber.time_zone = user.time_zone
    if user is not None and subscriber.user_id is None:
        subscriber.user = user
    if subscriber.unsubscribed_at is not None:
        subscriber.unsubscribed_at = None
        subscriber.confirmed_at = None
    subscriber.save()
    subscriber.themes.set(list(themes))
    verified = user is not None and _normalised(user.email) == email and user_has_verified(user)
    source = Consent.Source.ACCOUNT if verified else Consent.Source.FORM
    Consent.objects.create(
        subscriber=subscriber,
        action=Consent.Action.SUBSCRIBED,
        source=source,
        text=consent_text,
        language=language,
        at=now,
    )
    if subscriber.confirmed_at is not None:
        return SubscribeResult(subscriber, confirmation_sent=False, confirmed=True)
    if verified:
        _confirm(subscriber, now=now, source=source)
        return SubscribeResult(subscriber, confirmation_sent=False, confirmed=True)
    recent = (
        subscriber.confirmation_sent_at and now - subscriber.confirmation_sent_at < RESEND_AFTER
    )
    if recent:
        return SubscribeResult(subscriber, confirmation_sent=False, confirmed=False)
    _send_confirmation(subscriber, now)
    return SubscribeResult(subscriber, confirmation_sent=True, confirmed=False)


def user_has_verified(user: User) -> bool:
    """Whether ``user``'s address was verified (allauth's record)."""
    return EmailAddress.objects.filter(user=user, email__iexact=user.email, verified=True).exists()


def _confirm(subscriber: Subscriber, *, now: datetime, source: str) -> None:
    subscriber.confirmed_at = now
    subscriber.save(update_fields=["confirmed_at"])
    Consent.objects.create(
        subscriber=subscriber,
        action=Consent.Action.CONFIRMED,
        source=source,
        language=subscriber.language,
        at=now,
    )


@transaction.atomic
def subscriber_confirm(*, subscriber: Subscriber, now: datetime | None = None) -> bool:
    """Confirm the subscription (the link of the confirmation e-mail); returns False
    when it was confirmed already (a link used twice changes nothing)."""
    subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
    if subscriber.confirmed_at is not None and subscriber.unsubscribed_at is None:
        return False
    _confirm(subscriber, now=now or timezone.now(), source=Consent.Source.EMAIL_LINK)
    return True


@transaction.atomic
def subscriber_unsubscribe(
    *, subscriber: Subscriber, source: str, now: datetime | None = None
) -> bool:
    """Take ``subscriber`` off the list; returns False when they were off it already.
    Side effect: the issues still waiting in the outbox for them are dropped when due
    (their preparer checks)."""
    subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
    if subscriber.unsubscribed_at is not None:
        return False
    now = now or timezone.now()
    subscriber.unsubscribed_at = now
    subscriber.save(update_fields=["unsubscribed_at"])
    Consent.objects.create(
        subscriber=subscriber,
        action=Consent.Action.UNSUBSCRIBED,
        source=source,
        language=subscriber.language,
        at=now,
    )
    return True


@transaction.atomic
def issues_assemble(*, month: date, now: datetime | None = None) -> list[Issue]:
    """This month's draft issue in every interface language (those that exist stay
    as they are), each covering what was published since its language's last sent
    issue (or the month before, for the first)."""
    now = now or timezone.now()
    first = month.replace(day=1)
    issues = []
    for code, _name in settings.LANGUAGES:
        last = Issue.objects.sent().filter(language=code).order_by("-sent_at").first()
        if last and last.sent_at:
            since = last.sent_at
        else:
            previous = date(first.year - (first.month == 1), (first.month - 2) % 12 + 1, 1)
            since = datetime(previous.year, previous.month, 1, tzinfo=UTC)
        issue, _created = Issue.objects.get_or_create(
            language=code, month=first, defaults={"since": since, "created_at": now}
        )
        issues.append(issue)
    return issues


@transaction.atomic
def issue_update(*, issue: Issue, introduction: str) -> Issue:
    """Edit the introduction of a draft issue."""
    issue = Issue.objects.select_for_update().get(pk=issue.pk)
    if issue.status == Issue.Status.SENT:
        raise IssueAlreadySent
    issue.introduction = introduction
    issue.save(update_fields=["introduction"])
    return issue


@transaction.atomic
def issue_send(*, issue: Issue, now: datetime | None = None) -> int:
    """Send ``issue`` to every active subscriber of its language, once: marks it
    sent, fixes the month's gaps it shows, and writes one outbox row per subscriber
    (a unique key per issue and subscriber). Returns how many were queued.
    Side effect: the outbox's sender is nudged after commit."""
    issue = Issue.objects.select_for_update().get(pk=issue.pk)
    if issue.status == Issue.Status.SENT:
        raise IssueAlreadySent
    now = now or timezone.now()
    issue.gaps = largest_gaps_now()
    issue.status = Issue.Status.SENT
    issue.sent_at = now
    subscribers = list(Subscriber.objects.active().filter(language=issue.language))
    issue.recipients = outbox.enqueue(
        template=ISSUE_TEMPLATE,
        recipients=subscribers,
        context={"issue": issue},
        key=lambda subscriber: f"newsletter:{issue.pk}:{subscriber.pk}",
        topic=f"newsletter-issue:{issue.pk}",
    )
    issue.save(update_fields=["gaps", "status", "sent_at", "recipients"])
    return issue.recipients
