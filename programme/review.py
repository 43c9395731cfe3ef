"""The rules of reviewing a call's contributions, read without a request: who may not
review what (conflicts of interest), who reviews what when the committee balances
the load, and the table of scores the committee decides from."""

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from statistics import fmean
from typing import Any

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from industry.models import OrganisationMembership
from universities.models import UniversityMembership

from .models import Call, CommitteeMember, Contribution, Criterion, Review, Score, Track


class Conflict(StrEnum):
    """Why a person may not review a contribution."""

    AUTHOR = "author"
    INSTITUTION = "institution"
    SUBMITTERS_INSTITUTION = "submitters_institution"

    @property
    def message(self) -> Any:
        return CONFLICT_MESSAGES[self]


CONFLICT_MESSAGES = {
    Conflict.AUTHOR: _("The reviewer is an author of this contribution."),
    Conflict.INSTITUTION: _(
        "The reviewer belongs to the university or organisation this contribution comes from."
    ),
    Conflict.SUBMITTERS_INSTITUTION: _(
        "The reviewer belongs to the same university or organisation as the submitter."
    ),
}


@dataclass(frozen=True)
class Affiliation:
    """The universities and organisations a person is an approved member of."""

    universities: frozenset[int] = frozenset()
    organisations: frozenset[int] = frozenset()

    def shares(self, other: "Affiliation") -> bool:
        return bool(
            self.universities & other.universities or self.organisations & other.organisations
        )


@dataclass(frozen=True)
class Authorship:
    """Who a contribution is by: its people with accounts and its institutions."""

    people: frozenset[int]
    institution: Affiliation
    submitter: Affiliation


def affiliations(user_ids: Iterable[int]) -> dict[int, Affiliation]:
    """Each person's approved memberships (two queries, whatever the number)."""
    ids = set(user_ids)
    universities: dict[int, set[int]] = defaultdict(set)
    organisations: dict[int, set[int]] = defaultdict(set)
    for user_id, university_id in (
        UniversityMembership.objects.approved()
        .filter(user_id__in=ids)
        .values_list("user_id", "university_id")
    ):
        universities[user_id].add(university_id)
    for user_id, organisation_id in (
        OrganisationMembership.objects.approved()
        .filter(user_id__in=ids)
        .values_list("user_id", "organisation_id")
    ):
        organisations[user_id].add(organisation_id)
    return {
        pk: Affiliation(frozenset(universities[pk]), frozenset(organisations[pk])) for pk in ids
    }


def authorships(contributions: Sequence[Contribution]) -> dict[int, Authorship]:
    """The authorship of each contribution (three queries, whatever the number)."""
    through = Contribution.coauthor_accounts.through
    coauthors: dict[int, set[int]] = defaultdict(set)
    for contribution_id, user_id in through.objects.filter(
        contribution__in=[c.pk for c in contributions]
    ).values_list("contribution_id", "user_id"):
        coauthors[contribution_id].add(user_id)
    submitters = affiliations(c.submitter_id for c in contributions)
    return {
        c.pk: Authorship(
            people=frozenset({c.submitter_id, *coauthors[c.pk]}),
            institution=Affiliation(
                frozenset(pk for pk in [c.university_id] if pk is not None),
                frozenset(pk for pk in [c.organisation_id] if pk is not None),
            ),
            submitter=submitters[c.submitter_id],
        )
        for c in contributions
    }


def conflict(reviewer_id: int, reviewer: Affiliation, authorship: Authorship) -> Conflict | None:
    """Why ``reviewer`` may not review a contribution of ``authorship``, or None."""
    if reviewer_id in authorship.people:
        return Conflict.AUTHOR
    if reviewer.shares(authorship.institution):
        return Conflict.INSTITUTION
    if reviewer.shares(authorship.submitter):
        return Conflict.SUBMITTERS_INSTITUTION
    return None


def conflict_of(user: Any, contribution: Contribution) -> Conflict | None:
    """Why ``user`` may not review ``contribution``, read from the database, or None."""
    authorship = authorships([contribution])[contribution.pk]
    return conflict(user.pk, affiliations([user.pk])[user.pk], authorship)


# --- who reviews what -----------------------------------------------------------------


def covers(member: CommitteeMember, track_id: int, track_ids: Mapping[int, set[int]]) -> bool:
    """A seat without tracks covers every track of the call."""
    chosen = track_ids.get(member.pk, set())
    return not chosen or track_id in chosen


def seat_tracks(members: Iterable[CommitteeMember]) -> dict[int, set[int]]:
    """The tracks of each seat, from their prefetched ``tracks``."""
    return {member.pk: {track.pk for track in member.tracks.all()} for member in members}


@dataclass
class Candidates:
    """For each contribution, the seats that could review it (track and no conflict),
    and those already reviewing it."""

    eligible: dict[int, list[CommitteeMember]]
    assigned: dict[int, set[int]]
    load: dict[int, int]


def candidates(
    call: Call, contributions: Sequence[Contribution], *, roles: Sequence[str] = ()
) -> Candidates:
    """Who could review each of ``contributions`` (seats of ``roles``, all when empty)."""
    members = list(
        CommitteeMember.objects.filter(call=call)
        .select_related("user")
        .prefetch_related(Prefetch("tracks", queryset=Track.objects.only("pk")))
        .order_by("pk")
    )
    tracks = seat_tracks(members)
    people = affiliations(member.user_id for member in members)
    authors = authorships(contributions)
    assigned: dict[int, set[int]] = defaultdict(set)
    load: dict[int, int] = defaultdict(int)
    for contribution_id, reviewer_id in Review.objects.filter(contribution__call=call).values_list(
        "contribution_id", "reviewer_id"
    ):
        assigned[contribution_id].add(reviewer_id)
        load[reviewer_id] += 1
    eligible = {
        c.pk: [
            m
            for m in members
            if (not roles or m.role in roles)
            and covers(m, c.track_id, tracks)
            and conflict(m.user_id, people[m.user_id], authors[c.pk]) is None
        ]
        for c in contributions
    }
    return Candidates(eligible=eligible, assigned=dict(assigned), load=dict(load))


@dataclass(frozen=True)
class Balance:
    """The reviews a balanced assignment adds, and the contributions left with fewer
    reviewers than asked (not enough reviewers free of conflict in their track)."""

    pairs: list[tuple[int, int]] = field(default_factory=list)  # (contribution, reviewer)
    short: list[int] = field(default_factory=list)


def balance(
    *,
    eligible: Mapping[int, Sequence[int]],
    assigned: Mapping[int, set[int]],
    load: Mapping[int, int],
    per_contribution: int,
) -> Balance:
    """Give every contribution ``per_contribution`` reviewers among its eligible ones,
    the least loaded first (ties by the order given), keeping those it has. The
    contributions with the fewest candidates are served first, so that a reviewer
    everyone could have is not used up by those with many choices."""
    loads = defaultdict(int, load)
    pairs: list[tuple[int, int]] = []
    short: list[int] = []
    order = sorted(eligible, key=lambda pk: (len(eligible[pk]), pk))
    for contribution in order:
        has = set(assigned.get(contribution, set()))
        wanted = per_contribution - len(has)
        free = [reviewer for reviewer in eligible[contribution] if reviewer not in has]
        position = {reviewer: index for index, reviewer in enumerate(free)}
        chosen = sorted(free, key=lambda r: (loads[r], position[r]))[: max(wanted, 0)]
        for reviewer in chosen:
            loads[reviewer] += 1
            pairs.append((contribution, reviewer))
        if len(has) + len(chosen) < per_contribution:
            short.append(contribution)
    return Balance(pairs=pairs, short=sorted(short))


# --- the scores ------------------------------------------------------------------------


def mean(values: Iterable[float]) -> float | None:
    values = list(values)
    return round(fmean(values), 2) if values else None


@dataclass(frozen=True)
class ReviewRow:
    """One reviewer's scores on a contribution, in the order of the criteria."""

    review: Review
    scores: list[int | None]
    done: bool


@dataclass(frozen=True)
class CriterionLine:
    """One criterion's scores, a value (or None: not scored) per review, and their mean."""

    criterion: Criterion
    values: list[int | None]
    mean: float | None


@dataclass(frozen=True)
class ScoreTable:
    """A contribution's reviews side by side, the mean per criterion and overall."""

    contribution: Contribution
    rows: list[ReviewRow]
    lines: list[CriterionLine]
    overall: float | None

    @property
    def means(self) -> list[float | None]:
        return [line.mean for line in self.lines]


def score_table(contribution: Contribution, criteria: Sequence[Criterion]) -> ScoreTable:
    """From the contribution's prefetched reviews and their scores. A review not yet
    scored counts in no mean."""
    rows = []
    for review in contribution.reviews.all():
        given = {score.criterion_id: score.value for score in review.scores.all()}
        rows.append(
            ReviewRow(review=review, scores=[given.get(c.pk) for c in criteria], done=bool(given))
        )
    lines = []
    for index, criterion in enumerate(criteria):
        values = [row.scores[index] for row in rows]
        lines.append(
            CriterionLine(
                criterion=criterion,
                values=values,
                mean=mean(value for value in values if value is not None),
            )
        )
    overall = mean(value for row in rows for value in row.scores if value is not None)
    return ScoreTable(contribution=contribution, rows=rows, lines=lines, overall=overall)


ORDERS = ("mean", "mean_asc", "submitted")


def score_tables(call: Call, *, order: str = "mean") -> tuple[list[Criterion], list[ScoreTable]]:
    """The criteria of ``call`` and a table per contribution not withdrawn, best mean
    first (``mean``), worst first (``mean_asc``) or in the order they came
    (``submitted``); those without a score last. Four queries."""
    criteria = list(call.criteria.all())
    reviews = Review.objects.select_related("reviewer").order_by("created_at", "pk")
    contributions = (
        call.contributions.submitted()
        .select_related("track", "submitter")
        .prefetch_related(
            Prefetch("reviews", queryset=reviews),
            Prefetch("reviews__scores", queryset=Score.objects.order_by("pk")),
        )
    )
    tables = [score_table(c, criteria) for c in contributions]
    if order in ("mean", "mean_asc"):
        sign = -1 if order == "mean" else 1
        tables.sort(key=lambda t: (t.overall is None, sign * (t.overall or 0)))
    return criteria, tables
