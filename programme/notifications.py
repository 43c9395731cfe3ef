"""The e-mails of the programme: decisions told to the authors, and a published
session's moves told to its speakers and to whoever starred it, in their language,
through the outbox."""

from collections.abc import Iterable
from typing import Any

from django.contrib.auth import get_user_model
from django.urls import reverse

from core import outbox
from core.emails import absolute_url, ics_attachment

from .ics import sessions_calendar
from .models import Contribution, Session

DECISION = "programme/email/decision"


def decision_recipients(contribution: Contribution) -> list[Any]:
    """The submitter and the co-authors with an account, each once."""
    people = {contribution.submitter_id: contribution.submitter}
    for user in contribution.coauthor_accounts.all():
        people.setdefault(user.pk, user)
    return list(people.values())


def decision_enqueue(contribution: Contribution) -> int:
    """E-mail the authors the decision ``contribution`` now stands at, once per
    decision (the key holds the moment it was taken), with the reviewers' comments
    (never their names) when the call shares them. Unsent e-mails of an earlier
    decision are withdrawn first. Returns how many e-mails are new."""
    topic = f"programme:decision:{contribution.pk}"
    outbox.withdraw(topic=topic)
    call = contribution.call
    comments = []
    if call.share_reviews:
        comments = [
            comment
            for comment in contribution.reviews.order_by("created_at", "pk").values_list(
                "comment", flat=True
            )
            if comment.strip()
        ]
    stamp = contribution.decided_at.strftime("%Y%m%d%H%M%S%f") if contribution.decided_at else ""
    return outbox.enqueue(
        template=DECISION,
        recipients=decision_recipients(contribution),
        context={
            "contribution": contribution,
            "event": call.event,
            "decision": contribution.state,
            "comments": comments,
        },
        key=lambda user: f"{topic}:{contribution.state}:{stamp}:{user.pk}",
        topic=topic,
    )


@outbox.preparer(DECISION)
def prepare_decision(context: dict[str, Any], recipient: Any) -> outbox.Prepared | None:
    contribution: Contribution = context["contribution"]
    if contribution.state != context["decision"]:
        return None  # decided again since: that decision's e-mail is the one to send
    event = context["event"]
    return outbox.Prepared(context={"url": lambda _u: absolute_url(event.get_absolute_url())})


# --- changes to a published timetable -------------------------------------------------

SESSION_CHANGED = "programme/email/session_changed"


def session_audience(session: Session) -> list[Any]:
    """Who hears of a change: the people who starred ``session`` and its speakers."""
    people: dict[int, Any] = {}
    if session.contribution is not None:
        for user in decision_recipients(session.contribution):
            people.setdefault(user.pk, user)
    for star in session.stars.select_related("user"):
        people.setdefault(star.user_id, star.user)
    return list(people.values())


def session_moved_enqueue(session: Session, *, was: dict[str, Any]) -> int:
    """Tell the audience of ``session`` that it moved (``was``: its former start and
    room name), once per move (the key holds the new SEQUENCE); unsent e-mails of an
    earlier move are withdrawn first."""
    topic = f"programme:session:{session.pk}"
    outbox.withdraw(topic=topic)
    return outbox.enqueue(
        template=SESSION_CHANGED,
        recipients=session_audience(session),
        context={
            "session": session,
            "event": session.call.event,
            "title": str(session),
            "change": "moved",
            "sequence": session.sequence,
            "was_start": was["starts_at"],
            "was_room": was["room"],
        },
        key=lambda user: f"{topic}:moved:{session.sequence}:{user.pk}",
        topic=topic,
    )


def session_removed_enqueue(session: Session) -> int:
    """Tell the audience of ``session`` (about to be deleted) that it is no longer in
    the timetable."""
    topic = f"programme:session:{session.pk}"
    outbox.withdraw(topic=topic)
    return outbox.enqueue(
        template=SESSION_CHANGED,
        recipients=session_audience(session),
        context={
            "event": session.call.event,
            "title": str(session),
            "change": "removed",
            "was_start": session.starts_at,
            "was_room": str(session.room),
        },
        key=lambda user: f"{topic}:removed:{user.pk}",
        topic=topic,
    )


@outbox.preparer(SESSION_CHANGED)
def prepare_session_changed(context: dict[str, Any], recipient: Any) -> outbox.Prepared | None:
    event = context["event"]
    session = context.get("session")
    if context["change"] == "moved":
        if session is None or session.sequence != context["sequence"]:
            return None  # moved again since: that move's e-mail is the one to send
        calendar = sessions_calendar([session], name=str(session))
        return outbox.Prepared(
            context={"url": lambda _u: absolute_url(session.get_absolute_url())},
            attachments=(ics_attachment(calendar),),
        )
    return outbox.Prepared(context={"url": lambda _u: absolute_url(event.get_absolute_url())})


# --- a contribution received, reviews asked for ---------------------------------------

SUBMITTED = "programme/email/submitted"
REVIEW_ASSIGNED = "programme/email/review_assigned"


def submitted_enqueue(contribution: Contribution) -> int:
    """Tell the submitter that ``contribution`` was received, with the call's deadline
    (read in their time zone) and the link to it; once per contribution."""
    call = contribution.call
    return outbox.enqueue(
        template=SUBMITTED,
        recipients=[contribution.submitter],
        context={"contribution": contribution, "call": call, "event": call.event},
        key=f"programme:submitted:{contribution.pk}",
        topic=f"programme:submitted:{contribution.pk}",
    )


@outbox.preparer(SUBMITTED)
def prepare_submitted(context: dict[str, Any], recipient: Any) -> outbox.Prepared | None:
    contribution: Contribution = context["contribution"]
    if contribution.state == Contribution.State.WITHDRAWN:
        return None
    return outbox.Prepared(
        context={"url": lambda _u: absolute_url(contribution.get_absolute_url())}
    )


def review_assigned_enqueue(review: Any) -> int:
    """Ask the reviewer of ``review`` (a ``Review`` just made by hand) to review its
    contribution: its title and the link to their queue, never the authors' names."""
    contribution = review.contribution
    return outbox.enqueue(
        template=REVIEW_ASSIGNED,
        recipients=[review.reviewer],
        context={
            "call": contribution.call,
            "event": contribution.call.event,
            "review": review,
            "titles": [contribution.title],
            "count": 1,
        },
        key=f"programme:review_assigned:{review.pk}",
    )


def reviews_balanced_enqueue(call: Any, pairs: Iterable[tuple[int, int]], *, stamp: str) -> int:
    """One e-mail per reviewer given reviews by one balance run of ``call`` (``pairs``:
    contribution id, reviewer id), saying how many and which titles; never the
    authors' names. ``stamp`` tells the runs apart."""
    by_reviewer: dict[int, list[int]] = {}
    for contribution_id, reviewer_id in pairs:
        by_reviewer.setdefault(reviewer_id, []).append(contribution_id)
    if not by_reviewer:
        return 0
    titles = dict(
        Contribution.objects.filter(
            call=call, pk__in=[c for cs in by_reviewer.values() for c in cs]
        ).values_list("pk", "title")
    )
    reviewers = get_user_model().objects.filter(pk__in=by_reviewer).order_by("pk")
    created = 0
    for reviewer in reviewers:
        assigned = sorted(by_reviewer[reviewer.pk])
        created += outbox.enqueue(
            template=REVIEW_ASSIGNED,
            recipients=[reviewer],
            context={
                "call": call,
                "event": call.event,
                "titles": [titles[pk] for pk in assigned if pk in titles],
                "count": len(assigned),
            },
            key=f"programme:reviews_balanced:{call.pk}:{stamp}:{reviewer.pk}",
        )
    return created


@outbox.preparer(REVIEW_ASSIGNED)
def prepare_review_assigned(context: dict[str, Any], recipient: Any) -> outbox.Prepared | None:
    event = context["event"]
    review = context.get("review")
    if review is not None and review.contribution.state != Contribution.State.SUBMITTED:
        return None  # decided or withdrawn since: nothing left to review
    return outbox.Prepared(
        context={
            "url": lambda _u: absolute_url(
                reverse("programme:review_queue", kwargs={"event": event.pk})
            )
        }
    )
