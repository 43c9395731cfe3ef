"""How the gaps moved: the monthly snapshots against today's gap table.

The coordinators' dashboard shows the region's demand, supply and gap month by
month, and the skills and countries whose gap widened most since the latest
snapshot; the gap page shows each skill's gap month by month. Every number here
is a plain sum over the snapshot's cells or the gap table's rows; nothing is read
from the database.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from curricula.models import Skill
from universities.countries import CENTRAL_ASIA, Country

from .gaps import REGION, GapFilters, Row, whole
from .models import GapSnapshot

WIDENED_SKILLS = 10
# The gap page's sparklines: the latest snapshots, and today.
TREND_SNAPSHOTS = 6


@dataclass(frozen=True)
class HistoryPoint:
    """The region's totals in one snapshot."""

    month: date
    demand: float
    supply: float

    @property
    def gap(self) -> float:
        return self.demand - self.supply


@dataclass(frozen=True)
class SkillChange:
    skill: Skill
    now: float
    change: float


@dataclass(frozen=True)
class CountryChange:
    country: str
    now: float
    change: float

    @property
    def label(self) -> str:
        return str(Country(self.country).label)


@dataclass(frozen=True)
class Trends:
    history: list[HistoryPoint]
    latest: GapSnapshot | None
    widened_skills: list[SkillChange]
    widened_countries: list[CountryChange]


def _gap(pair: tuple[float, float] | None) -> float:
    return 0.0 if pair is None else pair[0] - pair[1]


def history(snapshots: Sequence[GapSnapshot]) -> list[HistoryPoint]:
    """One point per snapshot, in the order given, with the region's totals."""
    points = []
    for snapshot in snapshots:
        totals = snapshot.region_totals().values()
        points.append(
            HistoryPoint(
                month=snapshot.month,
                demand=sum(demand for demand, _supply in totals),
                supply=sum(supply for _demand, supply in totals),
            )
        )
    return points


def widened_skills(
    rows: Sequence[Row], before: GapSnapshot, *, limit: int = WIDENED_SKILLS
) -> list[SkillChange]:
    """The skills of ``rows`` whose region gap grew most since ``before`` (a skill
    absent from the snapshot had no gap then)."""
    then = before.region_totals()
    changes = [
        SkillChange(
            skill=row.skill,
            now=row.region.gap,
            change=row.region.gap - _gap(then.get(row.skill.pk)),
        )
        for row in rows
    ]
    return sorted(changes, key=lambda item: -item.change)[:limit]


def country_gaps(rows: Sequence[Row]) -> dict[str, float]:
    """The gap of each Central Asian country: the sum of its cells over ``rows``."""
    return {code: sum(row.cells[code].gap for row in rows) for code in CENTRAL_ASIA}


def widened_countries(rows: Sequence[Row], before: GapSnapshot) -> list[CountryChange]:
    """Every Central Asian country, the one whose gap grew most since ``before`` first."""
    then = before.country_totals()
    changes = [
        CountryChange(country=code, now=now, change=now - _gap(then.get(code)))
        for code, now in country_gaps(rows).items()
    ]
    return sorted(changes, key=lambda item: -item.change)


def trends(rows: Sequence[Row], snapshots: Sequence[GapSnapshot]) -> Trends:
    """The dashboard's trends from today's ``rows`` and the ``snapshots``, newest first."""
    if not snapshots:
        return Trends(history=[], latest=None, widened_skills=[], widened_countries=[])
    latest = snapshots[0]
    return Trends(
        history=history(list(reversed(snapshots))),
        latest=latest,
        widened_skills=widened_skills(rows, latest),
        widened_countries=widened_countries(rows, latest),
    )


def signed(number: int) -> str:
    """``number`` with a true minus sign when below zero."""
    return f"−{-number}" if number < 0 else str(number)


def months_between(earlier: date, later: date) -> int:
    return (later.year - earlier.year) * 12 + later.month - earlier.month


@dataclass(frozen=True)
class SkillTrend:
    """One skill's gap in one place: at each snapshot, oldest first, then today."""

    gaps: list[float]
    since: date  # the month of the oldest snapshot

    @property
    def first(self) -> int:
        return whole(self.gaps[0])

    @property
    def last(self) -> int:
        return whole(self.gaps[-1])

    def words(self, today: date) -> str:
        """ "gap 12 → 18 over 6 months" (a surplus is a gap below zero: "−30")."""
        months = months_between(self.since, today)
        values = {"first": signed(self.first), "last": signed(self.last), "months": months}
        if months < 1:
            return _("gap %(first)s → %(last)s this month") % values
        return (
            ngettext(
                "gap %(first)s → %(last)s over %(months)s month",
                "gap %(first)s → %(last)s over %(months)s months",
                months,
            )
            % values
        )


def trends_apply(filters: GapFilters) -> bool:
    """Whether the snapshots measure what the page shows: they hold the gap table of
    every kind of need (the theme, field and group filters only choose skills)."""
    return not filters.kind


def skill_trends(
    rows: Sequence[Row], snapshots: Sequence[GapSnapshot], *, place: str = REGION
) -> dict[int, SkillTrend]:
    """Each row's gap in ``place`` at every snapshot (given newest first) and today,
    by skill id; none without a snapshot. A skill absent from a snapshot had no gap
    then."""
    if not snapshots:
        return {}
    oldest_first = list(reversed(snapshots))
    then = [snapshot.place_totals(place) for snapshot in oldest_first]
    return {
        row.skill.pk: SkillTrend(
            gaps=[*(_gap(cells.get(row.skill.pk)) for cells in then), row.cells[place].gap],
            since=oldest_first[0].month,
        )
        for row in rows
    }
