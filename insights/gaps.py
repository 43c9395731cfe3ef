"""The skill-gap measure: what industry asks for against what curricula supply.

For each skill and country (and Central Asia as a whole), over open, shown needs
whose needed-by date falls within the horizon:

* demand: the headcount of the needs asking for the skill (a need asking for
  several skills counts for each);
* supply: the annual intake of published programmes teaching the skill, times
  the horizon in years;
* the level rule: a need asking for a skill at a level is supplied only by
  programmes teaching it at that level or above. Places are matched to demand
  from the advanced level down (advanced places may fill intermediate or basic
  demand, never the reverse). When some demand cannot be met this way, only the
  matched places count as supply; when all demand is met, every place counts;
* gap = demand − supply (negative: a surplus); coverage = supply ÷ demand.

Both sides come grouped by skill, country and level (one query each): demand is
grouped in the database, supply is kept grouped as programmes change
(``insights.supply``); only the grouped rows are combined here. A table is kept as
numbers by skill id; the skills it names are read once per process while no skill
changes (``_skills``), so a programme's change costs one supply query, not a reload
of every skill.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, cast

from django.core.cache import cache
from django.db.models import Sum
from django.utils import timezone

from core import pagecache
from core.bilingual import columns, text_in
from core.dates import months_ahead
from curricula.models import Skill
from industry.models import NeedSkill, SkillNeed, SkillNeedQuerySet
from universities.countries import CENTRAL_ASIA

from .models import SupplyCell

LEVELS = (3, 2, 1)
REGION = ""
PLACES = (*CENTRAL_ASIA, REGION)
GAP_TABLE_SECONDS = 600
SORTS = ("gap", "demand", "name")


def whole(number: float) -> int:
    """Rounded as the ``floatformat:0`` filter rounds (half away from zero)."""
    return int(Decimal(repr(number)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def band(coverage: float | None) -> str:
    """The colour band of a share of demand met: "0" (under a quarter) to "3" (three
    quarters or more), "4" when all of it is met, "none" without demand. Colours only
    repeat what the words and numbers printed with them say."""
    if coverage is None:
        return "none"
    return str(min(4, int(coverage * 4)))


@dataclass(slots=True)
class Cell:
    demand: float = 0.0
    supply: float = 0.0

    @property
    def gap(self) -> float:
        return self.demand - self.supply

    @property
    def coverage(self) -> float | None:
        return None if not self.demand else self.supply / self.demand

    @property
    def band(self) -> str:
        """A colour band for the table and the heatmap (see ``band``)."""
        return band(self.coverage)


@dataclass(slots=True)
class Row:
    skill: Skill
    cells: dict[str, Cell] = field(default_factory=dict)

    @property
    def region(self) -> Cell:
        return self.cells[REGION]


# People asked for, or places, at each of LEVELS (advanced first).
Levels = tuple[float, float, float]
NO_LEVELS: Levels = (0.0, 0.0, 0.0)


def match(asked: Levels, offered: Levels) -> Cell:
    """The level rule for one skill in one place, by level (see LEVELS)."""
    demand = asked[0] + asked[1] + asked[2]
    total_supply = offered[0] + offered[1] + offered[2]
    if not demand or not total_supply:  # nothing to match (most cells of a table)
        return Cell(demand=demand, supply=total_supply)
    spare = 0.0
    unmet = 0.0
    for need, have in zip(asked, offered, strict=True):
        available = have + spare
        if need > available:
            unmet += need - available
            spare = 0.0
        else:
            spare = available - need
    return Cell(demand=demand, supply=total_supply if unmet == 0 else demand - unmet)


def combine(demand_by_level: dict[int, float], supply_by_level: dict[int, float]) -> Cell:
    """Apply the level rule to one skill in one place."""
    return match(
        cast("Levels", tuple(demand_by_level.get(level, 0.0) for level in LEVELS)),
        cast("Levels", tuple(supply_by_level.get(level, 0.0) for level in LEVELS)),
    )


@dataclass
class GapFilters:
    horizon_months: int = 24
    field_code: str = ""
    group: Skill | None = None
    kind: str = ""
    theme: str = ""  # a research area's slug


def _skill_scope(filters: GapFilters) -> dict[str, Any]:
    # Retired skills are out of the platform's scope: kept for history, never a gap.
    scope: dict[str, Any] = {"skill__retired_at__isnull": True}
    if filters.field_code:
        scope["skill__field__code__startswith"] = filters.field_code
    if filters.group is not None:
        scope["skill__broader"] = filters.group
    if filters.theme:
        scope["skill__theme__slug"] = filters.theme
    return scope


def needs_in_horizon(horizon_months: int, today: date) -> SkillNeedQuerySet:
    """The open, shown needs whose needed-by date falls within the horizon."""
    until = months_ahead(horizon_months, today=today)
    return SkillNeed.objects.open().shown().filter(needed_by__gte=today, needed_by__lte=until)


def _filters_key(filters: GapFilters, day: date) -> str:
    group = filters.group.pk if filters.group else ""
    return (
        f"{day.isoformat()}:{filters.horizon_months}:{filters.field_code}:{group}:"
        f"{filters.kind}:{filters.theme}"
    )


def _kept(key: str, compute: Callable[[], Any]) -> Any:
    """``compute()``, kept under ``key`` for GAP_TABLE_SECONDS (a get and a set: not
    get_or_set, which reads the value back once more)."""
    found = cache.get(key)
    if found is None:
        found = compute()
        cache.set(key, found, GAP_TABLE_SECONDS)
    return found


# A table as kept: (skill id, ((place, demand, supply), …)) in the table's order.
Packed = list[tuple[int, tuple[tuple[str, float, float], ...]]]


def _pack(rows: list[Row]) -> Packed:
    return [
        (
            row.skill.pk,
            tuple((place, cell.demand, cell.supply) for place, cell in row.cells.items()),
        )
        for row in rows
    ]


def cached_gap_table(filters: GapFilters, today: date | None = None) -> list[Row]:
    """``gap_table``, computed once per change of the content (see core.pagecache)
    for the same filters and day, for signed-in users and exports too."""
    day = today or timezone.localdate()
    key = f"gaps:packed:{pagecache.scope_version('gaps')}:{_filters_key(filters, day)}"
    packed = cast("Packed", _kept(key, lambda: _pack(gap_table(filters, day))))
    skills = _skills([skill_id for skill_id, _cells in packed])
    return [
        Row(
            skill=skills[skill_id],
            cells={place: Cell(demand, supply) for place, demand, supply in cells},
        )
        for skill_id, cells in packed
    ]


# The skills the gap pages name, read once per process and kept while nothing named
# on every page changes (a skill, its theme: `pagecache.unscoped_version`).
_SKILLS: dict[str, dict[int, Skill]] = {}


def _skills(ids: list[int]) -> dict[int, Skill]:
    version = pagecache.unscoped_version()
    known = _SKILLS.get(version)
    if known is None:
        _SKILLS.clear()
        known = _SKILLS[version] = {}
    missing = [skill_id for skill_id in ids if skill_id not in known]
    if missing:
        # Only what the pages show (names in every language, the theme of the heatmap).
        known.update(
            Skill.objects.select_related("theme")
            .only(
                *columns("name"),
                "slug",
                "theme",
                "theme__slug",
                "theme__position",
                *(f"theme__{column}" for column in columns("name")),
            )
            .in_bulk(missing)
        )
    return known


# By skill, then place (each country and the region, REGION).
Places = dict[int, dict[str, Levels]]


def _by_level(values: dict[int, float]) -> Levels:
    return cast("Levels", tuple(values.get(level, 0.0) for level in LEVELS))


def _demand(filters: GapFilters, today: date) -> Places:
    """People asked for, by skill, place and level: kept while the needs are
    unchanged, so that a programme's change, which moves only the supply, does not
    group every need's skills again."""

    def compute() -> Places:
        needs = needs_in_horizon(filters.horizon_months, today)
        if filters.kind:
            needs = needs.filter(kind=filters.kind)
        demand_rows = (
            NeedSkill.objects.filter(need__in=needs, **_skill_scope(filters))
            # Without Meta.ordering, which would join the skills for nothing.
            .order_by()
            .values_list("skill", "need__country", "level")
            .annotate(total=Sum("need__headcount"))
        )
        grouped: dict[int, dict[str, dict[int, float]]] = {}
        for skill_id, country, level, total in demand_rows:
            places = grouped.setdefault(skill_id, {})
            for place in (country, REGION if country in CENTRAL_ASIA else None):
                if place is None:
                    continue
                levels = places.setdefault(place, {})
                levels[level] = levels.get(level, 0.0) + float(total)
        return {
            skill_id: {place: _by_level(levels) for place, levels in places.items()}
            for skill_id, places in grouped.items()
        }

    key = f"gaps:demand:levels:{pagecache.scope_version('needs')}:{_filters_key(filters, today)}"
    return cast("Places", _kept(key, compute))


def _supply(demand: Places, per_horizon: float) -> Places:
    """Places over the horizon for the skills of ``demand``, by place and level, from
    the supply kept grouped as programmes change (insights.supply). The whole table
    is a few rows per skill: cheaper read whole than by a list of ids, or summed by
    level in the database."""
    column = {level: index for index, level in enumerate(LEVELS)}
    grouped: dict[int, dict[str, list[float]]] = {}
    for skill_id, country, level, places in SupplyCell.objects.filter(
        country__in=CENTRAL_ASIA
    ).values_list("skill_id", "country", "level", "places"):
        if skill_id not in demand or level not in column:
            continue
        found = grouped.get(skill_id)
        if found is None:
            found = grouped[skill_id] = {}
        levels = found.get(country)
        if levels is None:
            levels = found[country] = [0.0, 0.0, 0.0]
        levels[column[level]] = places * per_horizon
    supply: Places = {}
    for skill_id, countries in grouped.items():
        region = [0.0, 0.0, 0.0]
        for levels in countries.values():
            region[0] += levels[0]
            region[1] += levels[1]
            region[2] += levels[2]
        countries[REGION] = region
        supply[skill_id] = {place: cast("Levels", tuple(v)) for place, v in countries.items()}
    return supply


def gap_table(filters: GapFilters, today: date | None = None) -> list[Row]:
    """Rows for every skill with demand in the horizon, largest region gap first."""
    today = today or timezone.localdate()
    demand = _demand(filters, today)
    if not demand:
        return []
    supply = _supply(demand, filters.horizon_months / 12)  # places are yearly
    skills = _skills(list(demand))
    rows = []
    nothing: dict[str, Levels] = {}
    for skill_id, asked in demand.items():
        offered = supply.get(skill_id, nothing)
        rows.append(
            Row(
                skill=skills[skill_id],
                cells={
                    place: match(asked.get(place, NO_LEVELS), offered.get(place, NO_LEVELS))
                    for place in PLACES
                },
            )
        )
    rows.sort(key=lambda r: (-r.region.gap, text_in(r.skill, "name", "en")))
    return rows


def ordered_rows(rows: list[Row], *, sort: str = "gap", place: str = REGION) -> list[Row]:
    """``rows`` in the order chosen on the page: largest gap or demand in ``place``
    first, or by skill name (in the active language). Outside the region, only the
    skills with demand or places in that country."""
    if place != REGION:
        rows = [row for row in rows if row.cells[place].demand or row.cells[place].supply]
    if sort == "name":
        return sorted(rows, key=lambda r: r.skill.name.lower())
    if sort == "demand":
        return sorted(rows, key=lambda r: (-r.cells[place].demand, text_in(r.skill, "name", "en")))
    return sorted(rows, key=lambda r: (-r.cells[place].gap, text_in(r.skill, "name", "en")))


def largest_gaps(rows: list[Row], *, place: str = REGION, limit: int) -> list[Row]:
    """The ``limit`` rows with the largest positive gap in ``place``, largest first."""
    short = [row for row in rows if row.cells[place].gap > 0]
    return sorted(short, key=lambda r: (-r.cells[place].gap, text_in(r.skill, "name", "en")))[
        :limit
    ]


def snapshot_cells(rows: list[Row]) -> list[list[Any]]:
    return [
        [row.skill.pk, place, round(cell.demand, 2), round(cell.supply, 2)]
        for row in rows
        for place, cell in row.cells.items()
        if cell.demand or cell.supply
    ]
