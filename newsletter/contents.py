"""What an issue holds: assembled from what was published between the previous
issue and this one, filtered by a subscriber's themes (none chosen: everything).

* knowledge items published in the issue's window, newest first;
* events starting within the six weeks after the issue (upcoming when it went out);
* open, public needs posted in the window;
* the month's largest skill gaps in Central Asia (fixed when the issue is sent).
"""

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import timedelta

from curricula.models import Skill
from events.models import Event
from industry.models import SkillNeed
from insights.gaps import GapFilters, cached_gap_table, largest_gaps
from knowledge.models import KnowledgeItem

from .models import Issue

PER_SECTION = 8
GAPS = 5
EVENTS_AHEAD = timedelta(weeks=6)


@dataclass
class Gap:
    skill: Skill
    gap: int


@dataclass
class Contents:
    items: list[KnowledgeItem] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    needs: list[SkillNeed] = field(default_factory=list)
    gaps: list[Gap] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.items or self.events or self.needs or self.gaps)


def largest_gaps_now() -> list[list[int]]:
    """The region's largest gaps today, as stored on a sent issue: [[skill id, gap]]."""
    rows = largest_gaps(cached_gap_table(GapFilters()), limit=GAPS)
    return [[row.skill.pk, round(row.region.gap)] for row in rows]


def issue_contents(issue: Issue, *, themes: Collection[int] = ()) -> Contents:
    """The sections of ``issue``, for a subscriber of ``themes`` (research area ids)."""
    since, until = issue.since, issue.until
    items = KnowledgeItem.objects.published().filter(
        published_at__gte=since, published_at__lt=until
    )
    needs = (
        SkillNeed.objects.open()
        .visible_to(None)
        .filter(created_at__gte=since, created_at__lt=until)
        .select_related("organisation")
    )
    if themes:
        items = items.filter(themes__in=themes)
        needs = needs.filter(need_skills__skill__theme__in=themes)
    events = (
        Event.objects.published()
        .filter(status=Event.Status.PUBLISHED, start__gte=until, start__lt=until + EVENTS_AHEAD)
        .order_by("start", "pk")
    )
    stored = issue.gaps if issue.status == Issue.Status.SENT else largest_gaps_now()
    skills = Skill.objects.in_bulk([skill_id for skill_id, _gap in stored])
    gaps = [
        Gap(skills[skill_id], gap)
        for skill_id, gap in stored
        if skill_id in skills and (not themes or skills[skill_id].theme_id in themes)
    ]
    return Contents(
        items=list(items.distinct().newest_first()[:PER_SECTION]),
        events=list(events[:PER_SECTION]),
        needs=list(needs.distinct().order_by("-created_at", "-pk")[:PER_SECTION]),
        gaps=gaps,
    )
