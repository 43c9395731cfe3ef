"""Match needs and programmes by the skills they share, in the database.

A programme earns, for each skill the need asks for, the weight of the level
asked (basic 1, intermediate 2, advanced 3) when it teaches the skill at that
level or above, and half of it when it teaches the skill below that level.
Coverage is the sum earned over the sum asked. Ties go to programmes in the
need's country, then in Central Asia.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import (
    Case,
    Count,
    F,
    FloatField,
    IntegerField,
    Max,
    OuterRef,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from curricula.models import Programme, ProgrammeSkill
from universities.countries import CENTRAL_ASIA
from universities.models import University

from .models import NeedSkill, SkillNeed, SkillNeedQuerySet

PARTIAL = 0.5


@dataclass
class ProgrammeMatch:
    programme: Programme
    coverage: float
    matched: int
    at_level: int
    asked: int
    same_country: bool

    @property
    def percent(self) -> int:
        return round(self.coverage * 100)

    def explanation(self) -> str:
        text = ngettext(
            "Teaches %(matched)d of the %(asked)d skill asked",
            "Teaches %(matched)d of the %(asked)d skills asked",
            self.asked,
        ) % {"matched": self.matched, "asked": self.asked}
        text += " " + _("(%(at_level)d at the level asked)") % {"at_level": self.at_level}
        if self.same_country:
            text += "; " + _("same country")
        elif self.programme.university.country in CENTRAL_ASIA:
            text += "; " + _("in the region")
        return text


@dataclass
class UniversityMatch:
    """A university with its matching programmes, best first (``best`` is the first)."""

    university: University
    best: ProgrammeMatch
    programmes: list[ProgrammeMatch] = field(default_factory=list)


def _credit(need_skills: Iterable[NeedSkill]) -> tuple[Case, Case]:
    credit: list[When] = []
    full: list[When] = []
    for ns in need_skills:
        credit.append(When(skill_id=ns.skill_id, level__gte=ns.level, then=Value(float(ns.level))))
        credit.append(When(skill_id=ns.skill_id, then=Value(ns.level * PARTIAL)))
        full.append(When(skill_id=ns.skill_id, level__gte=ns.level, then=Value(1)))
    return (
        Case(*credit, default=Value(0.0), output_field=FloatField()),
        Case(*full, default=Value(0), output_field=IntegerField()),
    )


def programmes_for_need(need: SkillNeed, *, limit: int = 30) -> list[ProgrammeMatch]:
    """The published programmes that best cover the need's skills, best first (2 queries)."""
    need_skills = list(need.need_skills.all())
    if not need_skills:
        return []
    asked_weight = sum(ns.level for ns in need_skills)
    credit, full = _credit(need_skills)
    rows = list(
        ProgrammeSkill.objects.filter(
            skill_id__in=[ns.skill_id for ns in need_skills],
            programme__status=Programme.Status.PUBLISHED,
        )
        .values("programme")
        .annotate(
            earned=Sum(credit),
            matched=Count("id"),
            at_level=Sum(full),
            same_country=Max(
                Case(
                    When(programme__university__country=need.country, then=Value(1)),
                    default=Value(0),
                    output_field=IntegerField(),
                )
            ),
            in_region=Max(
                Case(
                    When(programme__university__country__in=CENTRAL_ASIA, then=Value(1)),
                    default=Value(0),
                    output_field=IntegerField(),
                )
            ),
        )
        .order_by("-earned", "-same_country", "-in_region", "programme")[:limit]
    )
    programmes = Programme.objects.select_related("university").in_bulk(
        [row["programme"] for row in rows]
    )
    return [
        ProgrammeMatch(
            programme=programmes[row["programme"]],
            coverage=row["earned"] / asked_weight,
            matched=row["matched"],
            at_level=row["at_level"],
            asked=len(need_skills),
            same_country=bool(row["same_country"]),
        )
        for row in rows
    ]


def universities_for_need(
    matches: list[ProgrammeMatch], *, limit: int = 10
) -> list[UniversityMatch]:
    """The universities of ``matches`` (best first), each with its programmes among them."""
    by_university: dict[int, UniversityMatch] = {}
    for match in matches:
        entry = by_university.setdefault(
            match.programme.university_id,
            UniversityMatch(university=match.programme.university, best=match),
        )
        entry.programmes.append(match)
    return list(by_university.values())[:limit]


def needs_for_university(
    university: University, needs: SkillNeedQuerySet | None = None
) -> QuerySet[SkillNeed]:
    """Open needs ranked by how well the university's published programmes cover them.

    Returns a queryset of needs annotated with ``coverage`` (0–1), best first;
    needs that share no skill with the university are left out.
    """
    needs = SkillNeed.objects.open().shown() if needs is None else needs
    taught_level = (
        ProgrammeSkill.objects.filter(
            programme__university=university,
            programme__status=Programme.Status.PUBLISHED,
            skill=OuterRef("skill"),
        )
        .values("skill")
        .annotate(best=Max("level"))
        .values("best")
    )
    earned = (
        NeedSkill.objects.filter(need=OuterRef("pk"))
        .annotate(taught=Subquery(taught_level))
        .filter(taught__isnull=False)
        .values("need")
        .annotate(
            earned=Sum(
                Case(
                    When(taught__gte=F("level"), then=F("level") * 1.0),
                    default=F("level") * PARTIAL,
                    output_field=FloatField(),
                )
            )
        )
        .values("earned")
    )
    asked = (
        NeedSkill.objects.filter(need=OuterRef("pk"))
        .values("need")
        .annotate(total=Sum("level"))
        .values("total")
    )
    return (
        needs.annotate(
            earned=Coalesce(Subquery(earned, output_field=FloatField()), Value(0.0)),
            asked=Subquery(asked, output_field=FloatField()),
        )
        .filter(earned__gt=0)
        .annotate(coverage=F("earned") / F("asked"))
        .order_by("-coverage", "needed_by", "pk")
    )
