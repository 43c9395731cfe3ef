"""How the gaps moved: the monthly snapshots against today's gap table.

The coordinators' dashboard shows the region's demand, supply and gap month by
month, and the skills and countries whose gap widened most since the latest
snapshot. Every number here is a plain sum over the snapshot's cells or the gap
table's rows; nothing is read from the database.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from curricula.models import Skill
from universities.countries import CENTRAL_ASIA, Country

from .gaps import Row
from .models import GapSnapshot

WIDENED_SKILLS = 10


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
