"""The programme on the pages of lower apps, which may not import this app: a need
of the needs board says where it was presented as an industry challenge, and offers
its organisation's members to present it in the open calls that take challenges."""

from typing import Any

from django import template
from django.db.models import Exists, OuterRef
from django.utils import timezone

from events.models import Event
from industry.models import SkillNeed

from ..models import Call, Session, SessionKind

register = template.Library()


def _open_calls_for(need: SkillNeed) -> list[Call]:
    """Open calls of public conferences taking industry challenges, in which ``need``
    is not presented yet, closing soonest first."""
    now = timezone.now()
    presented = need.challenges.submitted().values("call")
    return list(
        Call.objects.filter(
            opens_at__lte=now,
            closes_at__gt=now,
            session_kinds__contains=[SessionKind.CHALLENGE],
            event__kind=Event.Kind.CONFERENCE,
            event__status=Event.Status.PUBLISHED,
            event__archived_at__isnull=True,
        )
        .exclude(pk__in=presented)
        .select_related("event")
        .order_by("closes_at", "pk")
    )


@register.inclusion_tag("programme/_challenge_button.html", takes_context=True)
def challenge_button(context: template.Context, need: SkillNeed) -> dict[str, Any]:
    """Where ``need`` is presented (to its organisation's members every challenge not
    withdrawn, to others those in a published timetable), and for its organisation's
    members a button per open call taking challenges. Nothing, and no query, for a
    visitor who is not signed in (their page is cached)."""
    user = context.get("user")
    if user is None or not user.is_authenticated:
        return {"presented": [], "calls": []}
    presenter = user.has_perm("programme.present_challenge", need)
    public = Session.objects.published().filter(contribution=OuterRef("pk"))
    challenges = (
        need.challenges.submitted()
        .select_related("call__event", "session")
        .annotate(public=Exists(public))
    )
    if not presenter:
        challenges = challenges.filter(public=True)
    presented = list(challenges.order_by("created_at", "pk"))
    calls = []
    if presenter and need.status == SkillNeed.Status.OPEN:
        calls = _open_calls_for(need)
    return {
        "need": need,
        "presented": presented,
        "calls": calls,
        "csrf_token": context.get("csrf_token"),
    }
