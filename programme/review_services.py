"""The writes of the review: the committee's seats, who reviews what, the reviews and
their scores, and the committee's decisions.

Each is one transaction. A step the rules refuse (a reviewer on their own
contribution, a review after the decision) raises ``Refused`` with a message for
the user, and leaves nothing behind."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User

from . import notifications
from .models import SCORE_MAX, SCORE_MIN, Call, CommitteeMember, Contribution, Review, Score, Track
from .review import balance, candidates, conflict_of
from .services import free_slot

DECISIONS = (
    Contribution.State.ACCEPTED,
    Contribution.State.WAITLISTED,
    Contribution.State.REJECTED,
)


class Refused(Exception):  # noqa: N818 - a refusal, not a fault
    """The rules do not allow this step; the message is for the user."""


def _locked(contribution: Contribution) -> Contribution:
    return Contribution.objects.select_for_update().get(pk=contribution.pk)


def _open_to_review(contribution: Contribution) -> None:
    if contribution.state != Contribution.State.SUBMITTED:
        raise Refused(_("The committee has decided on this contribution; its reviews are closed."))


@transaction.atomic
def committee_seat(
    *, call: Call, user: User, role: str, tracks: Sequence[Track]
) -> tuple[CommitteeMember, bool]:
    """Seat ``user`` on the call's committee in ``role`` for ``tracks`` (none: every
    track), or change the seat they hold. Returns the seat and whether it is new.
    No e-mail."""
    if any(track.call_id != call.pk for track in tracks):
        raise Refused(_("A track of another call cannot be chosen."))
    member, created = CommitteeMember.objects.select_for_update().get_or_create(
        call=call, user=user, defaults={"role": role}
    )
    if not created and member.role != role:
        member.role = role
        member.save(update_fields=["role"])
    member.tracks.set(tracks)
    return member, created


@transaction.atomic
def committee_remove(*, member: CommitteeMember) -> int:
    """Take ``member`` off the committee. Their reviews not yet scored go with them
    (returns how many); those they scored stay for the committee to read. No e-mail."""
    unscored, _detail = Review.objects.filter(
        contribution__call_id=member.call_id, reviewer_id=member.user_id, scores__isnull=True
    ).delete()
    member.delete()
    return unscored


def _seat_for(contribution: Contribution, reviewer: User) -> CommitteeMember:
    member = (
        CommitteeMember.objects.filter(call_id=contribution.call_id, user=reviewer)
        .prefetch_related("tracks")
        .first()
    )
    if member is None:
        raise Refused(_("This person does not sit on the committee of this call."))
    tracks = {track.pk for track in member.tracks.all()}
    if tracks and contribution.track_id not in tracks:
        raise Refused(_("This reviewer does not review the contribution's track."))
    return member


@transaction.atomic
def review_assign(*, contribution: Contribution, reviewer: User) -> Review:
    """Ask ``reviewer`` to review ``contribution`` (an empty review: no score yet);
    the review they have, if they have one. Refused on a conflict of interest, for a
    track they do not review, or once the committee has decided. Side effect: a new
    review e-mails the reviewer (an outbox row), never with the authors' names."""
    contribution = _locked(contribution)
    _open_to_review(contribution)
    _seat_for(contribution, reviewer)
    reason = conflict_of(reviewer, contribution)
    if reason is not None:
        raise Refused(reason.message)
    review, created = Review.objects.get_or_create(contribution=contribution, reviewer=reviewer)
    if created:
        notifications.review_assigned_enqueue(review)
    return review


@transaction.atomic
def review_unassign(*, review: Review) -> None:
    """Withdraw the request to review; refused once the reviewer has scored. No e-mail."""
    if Score.objects.filter(review=review).exists():
        raise Refused(_("This review has scores already: it stays with the committee."))
    review.delete()


@dataclass(frozen=True)
class Balanced:
    """What ``reviews_balance`` did: reviews added, contributions left short."""

    added: int
    short: list[Contribution]


@transaction.atomic
def reviews_balance(*, call: Call, per_contribution: int) -> Balanced:
    """Give every contribution still under review ``per_contribution`` reviewers of its
    track, the least loaded first, never one in a conflict of interest; the reviews
    it has are kept. Only seats in the reviewer role are used. Side effect: one e-mail
    (outbox row) per reviewer given reviews, saying how many."""
    Call.objects.select_for_update().filter(pk=call.pk).first()  # one balance at a time
    contributions = list(call.contributions.filter(state=Contribution.State.SUBMITTED))
    found = candidates(call, contributions, roles=[CommitteeMember.Role.REVIEWER])
    result = balance(
        eligible={pk: [m.user_id for m in seats] for pk, seats in found.eligible.items()},
        assigned=found.assigned,
        load=found.load,
        per_contribution=per_contribution,
    )
    Review.objects.bulk_create(
        [Review(contribution_id=c, reviewer_id=r) for c, r in result.pairs],
        ignore_conflicts=True,
    )
    notifications.reviews_balanced_enqueue(
        call, result.pairs, stamp=timezone.now().strftime("%Y%m%d%H%M%S%f")
    )
    by_pk = {c.pk: c for c in contributions}
    return Balanced(added=len(result.pairs), short=[by_pk[pk] for pk in result.short])


def _checked_scores(call: Call, scores: Mapping[int, int | None]) -> dict[int, int]:
    errors = {}
    checked = {}
    for criterion in call.criteria.all():
        value = scores.get(criterion.pk)
        if value is None or not SCORE_MIN <= value <= SCORE_MAX:
            errors[f"criterion_{criterion.pk}"] = _(
                "Give “%(criterion)s” a score from %(min)s to %(max)s."
            ) % {"criterion": criterion, "min": SCORE_MIN, "max": SCORE_MAX}
        else:
            checked[criterion.pk] = value
    if errors:
        raise ValidationError(errors)
    return checked


@transaction.atomic
def review_save(
    *, contribution: Contribution, reviewer: User, scores: Mapping[int, int | None], comment: str
) -> Review:
    """Save ``reviewer``'s scores (criterion id → 1 to 5, every criterion of the call)
    and comment on ``contribution``. Refused when they were not asked to review it,
    on a conflict of interest, or once the committee has decided; ``ValidationError``
    when a score is missing or outside the scale. No e-mail."""
    contribution = _locked(contribution)
    _open_to_review(contribution)
    review = Review.objects.filter(contribution=contribution, reviewer=reviewer).first()
    if review is None:
        raise Refused(_("You have not been asked to review this contribution."))
    reason = conflict_of(reviewer, contribution)
    if reason is not None:
        raise Refused(reason.message)
    checked = _checked_scores(contribution.call, scores)
    review.comment = comment.strip()
    review.save(update_fields=["comment", "updated_at"])
    review.scores.exclude(criterion_id__in=checked).delete()
    Score.objects.bulk_create(
        [Score(review=review, criterion_id=pk, value=value) for pk, value in checked.items()],
        update_conflicts=True,
        unique_fields=["review", "criterion"],
        update_fields=["value"],
    )
    return review


@transaction.atomic
def contribution_decide(*, contribution: Contribution, decision: str) -> bool:
    """Accept, waitlist or reject ``contribution`` (a decided one may be changed).
    False when it already stood so (a second press sends nothing).

    Side effects: the e-mails of earlier decisions not yet sent are withdrawn; an
    e-mail (outbox row) to the submitter and each co-author with an account, in
    their language, with the reviewers' comments when the call shares them."""
    if decision not in DECISIONS:
        raise Refused(_("Choose accept, waitlist or reject."))
    contribution = _locked(contribution)
    if contribution.state == Contribution.State.WITHDRAWN:
        raise Refused(_("This contribution has been withdrawn by its authors."))
    if contribution.state == decision:
        return False
    contribution.state = decision
    contribution.decided_at = timezone.now()
    contribution.save(update_fields=["state", "decided_at", "updated_at"])
    if decision != Contribution.State.ACCEPTED:
        free_slot(contribution)
    notifications.decision_enqueue(contribution)
    return True
