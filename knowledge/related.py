"""What an item page shows beside the item: related items by theme and skill, open
needs asking for its skills, programmes teaching them, and the events on its themes
or skills (whose recordings and slides are the library's materials of the event,
linked where they are, never copied). Past conferences add the speakers' slides of
their published timetable."""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Q
from django.urls import reverse

from curricula.models import Programme, ProgrammeSkill
from events.models import Event
from industry.models import NeedSkill, SkillNeed
from programme.models import Session
from programme.timetable import speakers

from .models import KnowledgeItem

RELATED_ITEMS = 4
RELATED_NEEDS = 5
RELATED_PROGRAMMES = 5
RELATED_EVENTS = 4
EVENT_MATERIALS = 6


def related_items(item: KnowledgeItem, *, limit: int = RELATED_ITEMS) -> list[KnowledgeItem]:
    """Published items sharing a theme or a skill with ``item``, newest first."""
    themes = KnowledgeItem.themes.through.objects.filter(knowledgeitem=item).values("researcharea")
    skills = KnowledgeItem.skills.through.objects.filter(knowledgeitem=item).values("skill")
    sharing = KnowledgeItem.objects.filter(Q(themes__in=themes) | Q(skills__in=skills))
    return list(
        KnowledgeItem.objects.published()
        .exclude(pk=item.pk)
        .filter(pk__in=sharing.values("pk"))
        .newest_first()[:limit]
    )


def _skills_of(item: KnowledgeItem) -> Any:
    return KnowledgeItem.skills.through.objects.filter(knowledgeitem=item).values("skill")


def related_needs(item: KnowledgeItem, *, user: Any, limit: int = RELATED_NEEDS) -> list[SkillNeed]:
    """Open needs ``user`` may see that ask for one of the item's skills, soonest first."""
    asking = NeedSkill.objects.filter(skill__in=_skills_of(item)).values("need")
    return list(
        SkillNeed.objects.visible_to(user)
        .open()
        .filter(pk__in=asking)
        .select_related("organisation")
        .order_by("needed_by", "pk")[:limit]
    )


def related_programmes(item: KnowledgeItem, *, limit: int = RELATED_PROGRAMMES) -> list[Programme]:
    """Published programmes teaching one of the item's skills."""
    teaching = ProgrammeSkill.objects.filter(skill__in=_skills_of(item)).values("programme")
    return list(
        Programme.objects.published()
        .filter(pk__in=teaching)
        .select_related("university")
        .order_by("title_en", "pk")[:limit]
    )


def related_events(item: KnowledgeItem, *, limit: int = RELATED_EVENTS) -> list[Event]:
    """Public events sharing a theme or a skill with ``item``: the coming ones first
    (soonest first), then past ones with materials (latest first)."""
    themes = KnowledgeItem.themes.through.objects.filter(knowledgeitem=item).values("researcharea")
    sharing = Event.objects.filter(Q(areas__in=themes) | Q(skills__in=_skills_of(item)))
    events = Event.objects.filter(
        pk__in=sharing.values("pk"), status=Event.Status.PUBLISHED, archived_at__isnull=True
    )
    coming = list(events.upcoming().order_by("start", "pk")[:limit])
    with_materials = ~Q(recording_url="") | ~Q(slides="")
    past = list(
        events.past()
        .filter(with_materials)
        .order_by("-start", "-pk")[: max(0, limit - len(coming))]
    )
    return coming + past


def event_materials(
    *, theme: Any = None, skill: Any = None, limit: int = EVENT_MATERIALS
) -> list[Event]:
    """Past public events with a recording or slides, latest first: the library shows
    them as materials of the event (on a theme or a skill when the library is filtered
    by one)."""
    with_slides = _sessions_with_slides().values("call__event")
    events = (
        Event.objects.filter(status=Event.Status.PUBLISHED, archived_at__isnull=True)
        .past()
        .filter(~Q(recording_url="") | ~Q(slides="") | Q(pk__in=with_slides))
    )
    if theme is not None:
        events = events.filter(pk__in=Event.objects.filter(areas=theme).values("pk"))
    if skill is not None:
        events = events.filter(pk__in=Event.objects.filter(skills=skill).values("pk"))
    found = list(events.order_by("-start", "-pk")[:limit])
    _attach_session_slides(found)
    return found


@dataclass(frozen=True)
class SessionSlides:
    """The slides of one session of a past conference's published timetable."""

    title: str
    speakers: list[str]
    slides_url: str
    session_url: str


def _sessions_with_slides() -> Any:
    return (
        Session.objects.published()
        .filter(contribution__isnull=False)
        .exclude(contribution__slides="")
    )


def _attach_session_slides(events: Sequence[Event]) -> None:
    """Give each of ``events`` its ``session_slides`` (a list of ``SessionSlides``, in
    the timetable's order): one query for the sessions and one for their co-authors
    with an account, none when there are no events."""
    if not events:
        return
    by_event: dict[int, list[SessionSlides]] = {event.pk: [] for event in events}
    sessions = (
        _sessions_with_slides()
        .filter(call__event__in=list(by_event))
        .select_related("call", "contribution__submitter")
        .prefetch_related("contribution__coauthor_accounts")
        .in_order()
    )
    for session in sessions:
        contribution = session.contribution
        assert contribution is not None  # filtered above
        names = [person.display_name for person in speakers(contribution)]
        by_event[session.call.event_id].append(
            SessionSlides(
                title=contribution.title,
                speakers=names + contribution.coauthor_list(),
                slides_url=reverse("programme:slides_file", kwargs={"pk": contribution.pk}),
                session_url=session.get_absolute_url(),
            )
        )
    for event in events:
        # Read by the library's template beside the event's own recording and slides.
        setattr(event, "session_slides", by_event[event.pk])  # noqa: B010
