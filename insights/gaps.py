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

Both sides are aggregated in the database (one query each, grouped by skill,
country and level); only the grouped rows are combined here.
"""

from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal

from django.core.cache import cache
from django.db.models import Sum
from django.utils import timezone

from core import pagecache
from curricula.models import Programme, ProgrammeSkill, Skill
from industry.models import NeedSkill, SkillNeed
from universities.countries import CENTRAL_ASIA

LEVELS = (3, 2, 1)
REGION = ""
GAP_TABLE_SECONDS = 600


@dataclass
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
        """A colour band for the heatmap (the numbers are always printed too)."""
        coverage = self.coverage
        if coverage is None:
            return "none"
        return str(min(4, int(coverage * 4)))


@dataclass
class Row:
    skill: Skill
    cells: dict[str, Cell] = field(default_factory=dict)

    @property
    def region(self) -> Cell:
        return self.cells[REGION]


def combine(demand_by_level: dict[int, float], supply_by_level: dict[int, float]) -> Cell:
    """Apply the level rule to one skill in one place."""
    demand = sum(demand_by_level.values())
    total_supply = sum(supply_by_level.values())
    spare = 0.0
    unmet = 0.0
    for level in LEVELS:
        available = supply_by_level.get(level, 0.0) + spare
        asked = demand_by_level.get(level, 0.0)
        unmet += max(0.0, asked - available)
        spare = max(0.0, available - asked)
    supply = total_supply if unmet == 0 else demand - unmet
    return Cell(demand=demand, supply=supply)


@dataclass
class GapFilters:
    horizon_months: int = 24
    field_code: str = ""
    group: Skill | None = None
    kind: str = ""


def _skill_scope(filters: GapFilters) -> dict:
    scope = {}
    if filters.field_code:
        scope["skill__field__code__startswith"] = filters.field_code
    if filters.group is not None:
        scope["skill__broader"] = filters.group
    return scope


def cached_gap_table(filters: GapFilters, today=None) -> list[Row]:
    """``gap_table``, computed once per change of the content (see core.pagecache)
    for the same filters and day, for signed-in users and exports too."""
    today = today or timezone.localdate()
    group = filters.group.pk if filters.group else ""
    key = (
        f"gaps:{pagecache.content_version()}:{today.isoformat()}:{filters.horizon_months}:"
        f"{filters.field_code}:{group}:{filters.kind}"
    )
    return cache.get_or_set(key, lambda: gap_table(filters, today), GAP_TABLE_SECONDS)


def gap_table(filters: GapFilters, today=None) -> list[Row]:
    """Rows for every skill with demand in the horizon, largest region gap first."""
    today = today or timezone.localdate()
    until = today + timedelta(days=round(filters.horizon_months * 30.44))
    years = Decimal(filters.horizon_months) / Decimal(12)
    scope = _skill_scope(filters)

    needs = NeedSkill.objects.filter(
        need__status=SkillNeed.Status.OPEN,
        need__hidden=False,
        need__needed_by__gte=today,
        need__needed_by__lte=until,
        **scope,
    )
    if filters.kind:
        needs = needs.filter(need__kind=filters.kind)
    demand_rows = needs.values("skill", "need__country", "level").annotate(
        total=Sum("need__headcount")
    )
    demand: dict[int, dict[str, dict[int, float]]] = {}
    for row in demand_rows:
        places = demand.setdefault(row["skill"], {})
        for place in (
            row["need__country"],
            REGION if row["need__country"] in CENTRAL_ASIA else None,
        ):
            if place is None:
                continue
            levels = places.setdefault(place, {})
            levels[row["level"]] = levels.get(row["level"], 0.0) + float(row["total"])
    if not demand:
        return []

    supply_rows = (
        ProgrammeSkill.objects.filter(
            skill__in=list(demand),
            programme__status=Programme.Status.PUBLISHED,
            programme__intake__isnull=False,
        )
        .values("skill", "programme__university__country", "level")
        .annotate(total=Sum("programme__intake"))
    )
    supply: dict[int, dict[str, dict[int, float]]] = {}
    for row in supply_rows:
        country = row["programme__university__country"]
        places = supply.setdefault(row["skill"], {})
        for place in (country, REGION if country in CENTRAL_ASIA else None):
            if place is None:
                continue
            levels = places.setdefault(place, {})
            levels[row["level"]] = levels.get(row["level"], 0.0) + float(row["total"] * years)

    # Only what the table shows: the rows are cached, and lighter rows load faster.
    skills = Skill.objects.only("name_en", "name_ru", "slug").in_bulk(list(demand))
    rows = []
    for skill_id, places in demand.items():
        row = Row(skill=skills[skill_id])
        for place in (*CENTRAL_ASIA, REGION):
            row.cells[place] = combine(
                places.get(place, {}), supply.get(skill_id, {}).get(place, {})
            )
        rows.append(row)
    rows.sort(key=lambda r: (-r.region.gap, r.skill.name_en))
    return rows


def snapshot_cells(rows: list[Row]) -> list[list]:
    return [
        [row.skill.pk, place, round(cell.demand, 2), round(cell.supply, 2)]
        for row in rows
        for place, cell in row.cells.items()
        if cell.demand or cell.supply
    ]


@dataclass
class UniversityGap:
    skill: Skill
    level_asked: int
    demand_country: float
    demand_region: float
    taught_level: int | None
    partners: list = field(default_factory=list)

    @property
    def level_asked_label(self) -> str:
        from curricula.models import SkillLevel

        return SkillLevel(self.level_asked).label


def university_gaps(university, filters: GapFilters, *, limit: int = 15, today=None):
    """The most demanded skills (in the university's country, then the region) that none
    of its published programmes teaches at the level asked, each with the universities
    of the region that do: candidate partners. Four queries."""
    from django.db.models import Max

    from universities.models import University

    today = today or timezone.localdate()
    until = today + timedelta(days=round(filters.horizon_months * 30.44))
    demand_rows = (
        NeedSkill.objects.filter(
            need__status=SkillNeed.Status.OPEN,
            need__hidden=False,
            need__needed_by__gte=today,
            need__needed_by__lte=until,
            need__country__in=CENTRAL_ASIA,
        )
        .values("skill", "need__country")
        .annotate(total=Sum("need__headcount"), level=Max("level"))
    )
    asked: dict[int, dict] = {}
    for row in demand_rows:
        entry = asked.setdefault(row["skill"], {"country": 0.0, "region": 0.0, "level": 1})
        entry["region"] += float(row["total"])
        if row["need__country"] == university.country:
            entry["country"] += float(row["total"])
        entry["level"] = max(entry["level"], row["level"])
    if not asked:
        return []
    taught = dict(
        ProgrammeSkill.objects.filter(
            programme__university=university,
            programme__status=Programme.Status.PUBLISHED,
            skill__in=list(asked),
        )
        .values("skill")
        .annotate(best=Max("level"))
        .values_list("skill", "best")
    )
    missing = [
        skill_id for skill_id, entry in asked.items() if taught.get(skill_id, 0) < entry["level"]
    ]
    missing.sort(key=lambda s: (-asked[s]["country"], -asked[s]["region"], s))
    missing = missing[:limit]
    teaching = (
        ProgrammeSkill.objects.filter(
            skill__in=missing,
            programme__status=Programme.Status.PUBLISHED,
            programme__university__country__in=CENTRAL_ASIA,
        )
        .exclude(programme__university=university)
        .values("skill", "programme__university")
        .annotate(best=Max("level"))
    )
    partners: dict[int, list[int]] = {}
    for row in teaching:
        if row["best"] >= asked[row["skill"]]["level"]:
            partners.setdefault(row["skill"], []).append(row["programme__university"])
    universities = University.objects.in_bulk({u for ids in partners.values() for u in ids})
    skills = Skill.objects.in_bulk(missing)
    return [
        UniversityGap(
            skill=skills[skill_id],
            level_asked=asked[skill_id]["level"],
            demand_country=asked[skill_id]["country"],
            demand_region=asked[skill_id]["region"],
            taught_level=taught.get(skill_id),
            partners=sorted(
                (universities[u] for u in partners.get(skill_id, [])), key=lambda u: u.name_en
            )[:8],
        )
        for skill_id in missing
    ]
