"""Around and after an event: whether it is live now, the links that add it to Google
Calendar or Outlook, and the feedback its confirmed participants give (a rating of 1
to 5 and comments, one per registration, editable for 30 days after the end) with
the results coordinators and the host's staff read."""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from urllib.parse import quote, urlencode

from django.conf import settings
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User

from .models import Event, Feedback, Registration

FEEDBACK_DAYS = 30
RATINGS = range(1, 6)
DETAILS_LENGTH = 1000  # calendar services cut long texts; the page has the rest

NOT_YET, OPEN, CLOSED = "not_yet", "open", "closed"


class FeedbackError(Exception):
    """Feedback that cannot be given now; the message is for the user."""


def is_live(event: Event, *, now: datetime | None = None) -> bool:
    """Published, not archived, started and not yet ended."""
    now = now or timezone.now()
    return event.is_public and event.start <= now < event.end


# --- calendar links -----------------------------------------------------------------


@dataclass(frozen=True)
class CalendarLinks:
    google: str
    outlook: str


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def calendar_links(event: Event) -> CalendarLinks:
    """Addresses that open Google Calendar or Outlook with ``event`` filled in (times
    in UTC; the event's page in the details; the venue, or "Online"; never the join
    link, which only confirmed registrants see)."""
    page = f"{settings.SITE_URL}{event.get_absolute_url()}"
    description = str(event.description or "")
    if len(description) > DETAILS_LENGTH:
        description = description[: DETAILS_LENGTH - 1].rstrip() + "…"
    details = f"{description}\n\n{page}".strip()
    location = str(event.venue) if event.has_on_site and event.venue else _("Online")
    title = str(event.title)
    google = urlencode(
        {
            "action": "TEMPLATE",
            "text": title,
            "dates": f"{_stamp(event.start)}/{_stamp(event.end)}",
            "details": details,
            "location": location,
        },
        quote_via=quote,
    )
    outlook = urlencode(
        {
            "subject": title,
            "startdt": _iso(event.start),
            "enddt": _iso(event.end),
            "body": details,
            "location": location,
        },
        quote_via=quote,
    )
    return CalendarLinks(
        google=f"https://calendar.google.com/calendar/render?{google}",
        outlook=f"https://outlook.live.com/calendar/0/deeplink/compose?{outlook}",
    )


# --- feedback -----------------------------------------------------------------------


def feedback_window(event: Event, *, now: datetime | None = None) -> str:
    """``NOT_YET`` before the end, ``OPEN`` for 30 days after it, then ``CLOSED``."""
    now = now or timezone.now()
    if now < event.end:
        return NOT_YET
    return OPEN if now <= event.end + timedelta(days=FEEDBACK_DAYS) else CLOSED


def feedback_registration(event: Event, user: User) -> Registration | None:
    """The confirmed registration through which ``user`` gives feedback on ``event``."""
    return (
        Registration.objects.filter(event=event, user=user, status=Registration.Status.CONFIRMED)
        .select_related("feedback")
        .first()
    )


@transaction.atomic
def feedback_save(
    *, registration: Registration, rating: int, comments: str, now: datetime | None = None
) -> Feedback:
    """Give or change the feedback of ``registration`` (confirmed, from the end of its
    event for 30 days). Refused, with a message, outside that window or for a place
    not confirmed. Side effects: none."""
    registration = (
        Registration.objects.select_for_update().select_related("event").get(pk=registration.pk)
    )
    if registration.status != Registration.Status.CONFIRMED:
        raise FeedbackError(_("Only confirmed participants can give feedback."))
    window = feedback_window(registration.event, now=now)
    if window == NOT_YET:
        raise FeedbackError(_("Feedback opens when the event ends."))
    if window == CLOSED:
        raise FeedbackError(_("Feedback closed 30 days after the event."))
    if rating not in RATINGS:
        raise FeedbackError(_("Choose a rating from 1 to 5."))
    feedback, _created = Feedback.objects.update_or_create(
        registration=registration, defaults={"rating": rating, "comments": comments.strip()}
    )
    return feedback


@dataclass(frozen=True)
class FeedbackResults:
    count: int
    average: float | None
    # (rating, how many gave it, percentage of all), from 5 down to 1.
    distribution: list[tuple[int, int, int]]
    comments: list[Feedback]


def feedback_results(event: Event) -> FeedbackResults:
    """The figures and the comments of ``event``'s feedback. Two queries."""
    given = Feedback.objects.filter(registration__event=event)
    by_rating = dict(given.values_list("rating").annotate(n=Count("pk")).values_list("rating", "n"))
    count = sum(by_rating.values())
    total = sum(rating * n for rating, n in by_rating.items())
    comments = list(given.exclude(comments="").order_by("-created_at", "-pk"))
    return FeedbackResults(
        count=count,
        average=round(total / count, 1) if count else None,
        distribution=[
            (rating, by_rating.get(rating, 0), round(100 * by_rating.get(rating, 0) / count))
            if count
            else (rating, 0, 0)
            for rating in reversed(RATINGS)
        ],
        comments=comments,
    )
