"""One search over everything: universities, programmes, skills, needs, events and
the library's knowledge items in one list grouped by type, across scripts and languages.

Each section searches its own stored, indexed document (``universities.search``:
Сатпаев = Satbayev, «водород» finds what is written "hydrogen" in Russian too) and
shows only what the person may see. Two queries per section: the count and the
first results.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import F, QuerySet
from django.http import HttpRequest
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from core.pagecache import default_audience
from curricula.models import Programme, Skill
from events.models import Event
from industry.models import OrganisationMembership, SkillNeed
from knowledge.models import KnowledgeItem
from universities.models import University, UniversityMembership
from universities.search import search_key

PER_SECTION = 5
# Every ``search()`` annotates its rows with the rank of the match.
RANK = F("rank").desc()
PER_TYPE = 50


@dataclass(frozen=True)
class Section:
    key: str
    label: Promise
    results: Callable[[Any, str], QuerySet[Any]]


def _universities(user: Any, query: str) -> QuerySet[Any]:
    return University.objects.active().search(query).order_by("name_en")


def _programmes(user: Any, query: str) -> QuerySet[Any]:
    found = Programme.objects.visible_to(user).search(query).select_related("university")
    return found.order_by(RANK, "title_en")


def _skills(user: Any, query: str) -> QuerySet[Any]:
    return Skill.objects.active().filter(is_group=False).search(query).order_by("name_en")


def _needs(user: Any, query: str) -> QuerySet[Any]:
    found = SkillNeed.objects.visible_to(user).open().search(query).select_related("organisation")
    return found.order_by(RANK, "-created_at")


def _knowledge(user: Any, query: str) -> QuerySet[Any]:
    found = KnowledgeItem.objects.published().search(query)
    return found.order_by(RANK, "-published_on")


def _events(user: Any, query: str) -> QuerySet[Any]:
    found = Event.objects.published().search(query)
    return found.order_by(RANK, "-start")


SECTIONS: list[Section] = [
    Section("universities", _("Universities"), _universities),
    Section("programmes", _("Programmes"), _programmes),
    Section("skills", _("Skills"), _skills),
    Section("needs", _("Industry needs"), _needs),
    Section("events", _("Events"), _events),
    Section("knowledge", _("Library"), _knowledge),
]


@dataclass
class Found:
    section: Section
    count: int
    items: list[Any] = field(default_factory=list)


def search_everything(user: Any, query: str, only: str = "") -> list[Found]:
    """Each section's count and first results for ``query`` (``only``: one section,
    with more of its results). Sections are in a fixed order; empty ones are kept so
    that the page can show every type's count."""
    query = query.strip()[:200]
    if not query:
        return []
    if not search_key(query):  # nothing but signs: it names nothing
        return [Found(section, 0) for section in SECTIONS if not only or section.key == only]
    found = []
    for section in SECTIONS:
        if only and section.key != only:
            continue
        results = section.results(user, query)
        count = results.count()
        limit = PER_TYPE if only else PER_SECTION
        found.append(Found(section, count, list(results[:limit]) if count else []))
    return found


def search_audience(request: HttpRequest) -> str | None:
    """Who gets the same results (core/pagecache.py): visitors; coordinators; other
    signed-in people who belong to no university or organisation. A member of one may
    find its drafts, members-only needs and unpublished items, so theirs is theirs."""
    audience = default_audience(request)
    if audience in ("", "coordinator"):
        return audience
    user = request.user
    if UniversityMembership.held_by(user) or OrganisationMembership.held_by(user):
        return None
    return audience
