"""The e-mail alerts of saved searches: once a week at most, the programmes matching
a saved search that are new (or changed) since the last alert, and those whose next
application deadline falls within the next two weeks; nothing is sent when there is
nothing to tell. Each e-mail carries a one-click unsubscribe link (RFC 8058) that
deletes the saved search."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.db import transaction
from django.db.models import Q
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone, translation

from core import outbox
from core.emails import absolute_url
from core.timezones import zone_or_none

from .filters import ProgrammeFilter
from .models import Programme, SavedSearch
from .saved_services import next_deadlines

TEMPLATE = "curricula/email/search_alert"
EVERY = timedelta(days=7)
# A daily run a little earlier than the week before still counts as a week later.
SLACK = timedelta(hours=1)
DEADLINE_WINDOW = timedelta(days=14)
MAX_LISTED = 20  # programmes of each kind in one e-mail; the link shows the rest


@dataclass
class AlertContents:
    new: list[int]
    deadlines: list[tuple[int, date]]

    @property
    def is_empty(self) -> bool:
        return not self.new and not self.deadlines


def _today_of(user: Any, now: datetime) -> date:
    zone = zone_or_none(getattr(user, "time_zone", "")) or ZoneInfo("UTC")
    return now.astimezone(zone).date()


def matching(query: str) -> Any:
    """The published programmes the saved ``query`` matches now."""
    filterset = ProgrammeFilter(data=QueryDict(query), queryset=Programme.objects.published())
    if not filterset.form.is_valid():
        # A filter no longer valid (a field renamed): the rest of the search still counts.
        valid = {k: v for k, v in QueryDict(query).lists() if k not in filterset.form.errors}
        data = QueryDict(mutable=True)
        for key, values in valid.items():
            data.setlist(key, values)
        filterset = ProgrammeFilter(data=data, queryset=Programme.objects.published())
    return filterset.qs


def alert_contents(search: SavedSearch, now: datetime) -> AlertContents:
    """What the alert of ``search`` would tell at ``now``."""
    since = search.last_sent_at or search.created_at
    today = _today_of(search.user, now)
    programmes = matching(search.query)
    new = list(
        programmes.filter(Q(created_at__gt=since) | Q(updated_at__gt=since))
        .order_by("title_en", "pk")
        .values_list("pk", flat=True)[:MAX_LISTED]
    )
    soon = next_deadlines(
        programmes.filter(
            intakes__application_deadline__gte=today,
            intakes__application_deadline__lte=today + DEADLINE_WINDOW,
        ).distinct(),
        today,
    )
    window_end = today + DEADLINE_WINDOW
    deadlines: list[tuple[int, date]] = []
    for programme in soon:
        intakes = getattr(programme, "open_intakes", [])
        if intakes and intakes[0].application_deadline <= window_end:
            deadlines.append((programme.pk, intakes[0].application_deadline))
    deadlines.sort(key=lambda pair: (pair[1], pair[0]))
    deadlines = deadlines[:MAX_LISTED]
    return AlertContents(new=new, deadlines=deadlines)


def due(now: datetime) -> Any:
    """The saved searches due an alert: a week after the last one, or a week after
    saving for the first one."""
    week_ago = now - EVERY + SLACK
    return (
        SavedSearch.objects.filter(
            Q(last_sent_at__lte=week_ago) | Q(last_sent_at__isnull=True, created_at__lte=week_ago)
        )
        .filter(user__is_active=True)
        .select_related("user")
        .order_by("pk")
    )


def _key(search: SavedSearch, now: datetime) -> str:
    year, week, _day = now.isocalendar()
    return f"curricula:search-alert:{search.pk}:{year}-W{week:02d}"


@transaction.atomic
def alert_enqueue(*, search: SavedSearch, now: datetime) -> bool:
    """Enqueue the alert of ``search`` if it has anything to tell and is still due
    (the row is locked, so two runs at once send one). Side effects: one outbox row
    (key per search and ISO week) and ``last_sent_at`` set to ``now``; nothing at all
    when there is nothing to tell, so that the next day may."""
    locked = (
        SavedSearch.objects.select_for_update(of=("self",))
        .select_related("user")
        .filter(pk=search.pk)
        .first()
    )
    if locked is None or not due(now).filter(pk=locked.pk).exists():
        return False
    contents = alert_contents(locked, now)
    if contents.is_empty:
        return False
    created = outbox.enqueue(
        template=TEMPLATE,
        recipients=[locked.user],
        context={"search": locked, "new": contents.new, "deadlines": contents.deadlines},
        key=_key(locked, now),
        topic=f"curricula:search-alert:{locked.pk}",
    )
    SavedSearch.objects.filter(pk=locked.pk).update(last_sent_at=now)
    return created > 0


def alerts_enqueue(now: datetime | None = None) -> int:
    """Daily (beat, through ``curricula.send_search_alerts``): enqueue the alert of
    every saved search due one. Returns how many e-mails were enqueued."""
    now = now or timezone.now()
    return sum(alert_enqueue(search=search, now=now) for search in due(now))


def unsubscribe_url(search: SavedSearch) -> str:
    return absolute_url(reverse("curricula:search_unsubscribe", kwargs={"token": search.token}))


@outbox.preparer(TEMPLATE)
def prepare_alert(context: dict[str, Any], recipient: Any) -> outbox.Prepared | None:
    search: SavedSearch = context["search"]
    ids = set(context["new"]) | {pk for pk, _deadline in context["deadlines"]}
    programmes = {
        programme.pk: programme
        for programme in Programme.objects.published()
        .filter(pk__in=ids)
        .select_related("university")
    }
    new = [programmes[pk] for pk in context["new"] if pk in programmes]
    deadlines = [
        {"programme": programmes[pk], "deadline": deadline}
        for pk, deadline in context["deadlines"]
        if pk in programmes
    ]
    if not new and not deadlines:
        return None  # every programme of it was unpublished since
    with translation.override(recipient.preferred_language or None):
        link = unsubscribe_url(search)
        search_link = absolute_url(f"{reverse('curricula:programme_list')}?{search.query}")
    return outbox.Prepared(
        context={
            "new_programmes": new,
            "deadlines": deadlines,
            "unsubscribe_url": link,
            "search_url": search_link,
        },
        headers={
            "List-Unsubscribe": f"<{link}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
