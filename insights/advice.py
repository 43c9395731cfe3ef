"""Advice to one university: the skills short in its country (and the region) that
it is best placed to teach, who already teaches them, and who asks for them.

Over the gap table (``gaps.gap_table``, with the page's filters):

* the skills with a gap in the university's country or in Central Asia;
* grouped by theme. A theme is near the university when it declared a strength
  in it or its published programmes teach skills of it; the nearest first (a
  strength counts by its level, twice, and each programme once), then the themes
  it has nothing in, by their largest gap;
* within a theme, the largest gap in the country first, then in the region;
* for each skill: the level asked (the highest asked in the country when the
  country is short of it, else the highest asked in the region), the level the
  university already teaches it at, the universities of the region teaching it at
  the level asked (partners for a joint programme or a staff exchange), and the
  open needs asking for it that the reader may see (the country's first).
"""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Count, Max
from django.utils import timezone

from core.bilingual import text_in
from curricula.models import Programme, ProgrammeSkill, Skill, SkillLevel
from industry.models import NeedSkill, SkillNeed
from universities.countries import CENTRAL_ASIA
from universities.models import ResearchArea, Strength, University

from .gaps import Cell, GapFilters, Row, cached_gap_table, needs_in_horizon

NEEDS_PER_SKILL = 3
PARTNERS_PER_SKILL = 8


@dataclass
class SkillAdvice:
    skill: Skill
    country: Cell
    region: Cell
    level_asked: int
    taught_level: int | None = None
    partners: list[University] = field(default_factory=list)
    needs: list[SkillNeed] = field(default_factory=list)

    @property
    def level_asked_label(self) -> str:
        return str(SkillLevel(self.level_asked).label)

    @property
    def taught_level_label(self) -> str:
        return str(SkillLevel(self.taught_level).label) if self.taught_level else ""

    @property
    def teaches_enough(self) -> bool:
        """It already teaches the skill at the level asked: more places would help."""
        return bool(self.taught_level and self.taught_level >= self.level_asked)


@dataclass
class ThemeAdvice:
    theme: ResearchArea | None
    strength: Strength | None = None
    programmes: int = 0  # its published programmes teaching skills of the theme
    skills: list[SkillAdvice] = field(default_factory=list)

    @property
    def nearness(self) -> int:
        return (self.strength.level * 2 if self.strength else 0) + self.programmes

    @property
    def is_near(self) -> bool:
        return self.nearness > 0


def _short(rows: list[Row], country: str) -> list[Row]:
    return [row for row in rows if row.cells[country].gap > 0 or row.region.gap > 0]


def university_advice(
    university: University,
    filters: GapFilters,
    *,
    viewer: Any,
    today: date | None = None,
) -> list[ThemeAdvice]:
    """The themes of ``university``'s advice, nearest first (see the module)."""
    today = today or timezone.localdate()
    country = university.country
    rows = _short(cached_gap_table(filters, today), country)
    if not rows:
        return []
    skill_ids = [row.skill.pk for row in rows]
    needs = needs_in_horizon(filters.horizon_months, today).filter(country__in=CENTRAL_ASIA)
    if filters.kind:
        needs = needs.filter(kind=filters.kind)
    asked: dict[int, dict[str, int]] = {}
    for entry in (
        NeedSkill.objects.filter(need__in=needs, skill__in=skill_ids)
        .order_by()
        .values("skill", "need__country")
        .annotate(level=Max("level"))
    ):
        levels = asked.setdefault(entry["skill"], {})
        levels[entry["need__country"]] = entry["level"]
    published = ProgrammeSkill.objects.filter(programme__status=Programme.Status.PUBLISHED)
    own = published.filter(programme__university=university)
    taught = dict(
        own.filter(skill__in=skill_ids)
        .order_by()
        .values("skill")
        .annotate(best=Max("level"))
        .values_list("skill", "best")
    )
    programmes_by_theme = dict(
        own.filter(skill__theme__isnull=False)
        .order_by()
        .values("skill__theme")
        .annotate(programmes=Count("programme", distinct=True))
        .values_list("skill__theme", "programmes")
    )
    strengths = {s.area_id: s for s in Strength.objects.filter(university=university)}

    short_here = {row.skill.pk for row in rows if row.cells[country].gap > 0}

    def level_asked(skill_id: int) -> int:
        """The highest level asked in the country when it is short of the skill there,
        else the highest asked in the region."""
        levels = asked.get(skill_id, {})
        if skill_id in short_here and country in levels:
            return levels[country]
        return max(levels.values(), default=SkillLevel.BASIC)

    partners: dict[int, list[int]] = {}
    for teacher in (
        published.filter(skill__in=skill_ids, programme__university__country__in=CENTRAL_ASIA)
        .exclude(programme__university=university)
        .order_by()
        .values("skill", "programme__university")
        .annotate(best=Max("level"))
    ):
        if teacher["best"] >= level_asked(teacher["skill"]):
            partners.setdefault(teacher["skill"], []).append(teacher["programme__university"])
    universities = University.objects.in_bulk({u for ids in partners.values() for u in ids})
    asking: dict[int, list[SkillNeed]] = {}
    for link in (
        NeedSkill.objects.filter(need__in=needs.visible_to(viewer), skill__in=skill_ids)
        .select_related("need__organisation")
        .order_by("-need__headcount", "need__pk")
    ):
        asking.setdefault(link.skill_id, []).append(link.need)

    themes: dict[int | None, ThemeAdvice] = {}
    for row in rows:
        skill = row.skill
        theme_id = skill.theme_id
        if theme_id not in themes:
            themes[theme_id] = ThemeAdvice(
                theme=skill.theme,
                strength=strengths.get(theme_id) if theme_id else None,
                programmes=programmes_by_theme.get(theme_id, 0) if theme_id else 0,
            )
        found = asking.get(skill.pk, [])
        # The country's needs first, each group largest first (the sort is stable).
        found.sort(key=lambda need: need.country != country)
        themes[theme_id].skills.append(
            SkillAdvice(
                skill=skill,
                country=row.cells[country],
                region=row.region,
                level_asked=level_asked(skill.pk),
                taught_level=taught.get(skill.pk),
                partners=sorted(
                    (universities[u] for u in partners.get(skill.pk, [])),
                    key=lambda u: text_in(u, "name", "en"),
                )[:PARTNERS_PER_SKILL],
                needs=found[:NEEDS_PER_SKILL],
            )
        )
    for advice in themes.values():
        advice.skills.sort(
            key=lambda a: (-a.country.gap, -a.region.gap, text_in(a.skill, "name", "en"))
        )
    return sorted(
        themes.values(),
        key=lambda t: (
            -t.nearness,
            t.theme is None,
            -max(a.country.gap for a in t.skills),
            t.theme.position if t.theme else 0,
        ),
    )
