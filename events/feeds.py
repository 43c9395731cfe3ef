"""iCalendar pages: one event's file, the public feeds and a user's private feed."""

import hashlib
from collections.abc import Callable
from typing import Any

from django.core.cache import cache
from django.db.models import Count, Max, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .filters import published_listing
from .ics import calendar_bytes, event_columns, rows_calendar_bytes
from .models import CalendarToken, Event, EventSeries, Registration

FEED_CACHE_SECONDS = 300


def _rows(events: QuerySet[Event]) -> QuerySet[Any]:
    """What a feed reads of its events: their own columns as rows, not the list page's
    host, series and languages nor model instances (``rows_calendar_bytes`` makes
    them only for the events whose texts are not kept)."""
    return events.select_related(None).prefetch_related(None).values_list(*event_columns())


def ics_response(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def event_ics(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_object_or_404(Event.objects.select_related("host", "series"), pk=pk)
    if not request.user.has_perm("events.view_event", event):
        raise Http404
    joinable = {event.pk} if request.user.has_perm("events.see_join_link", event) else set()
    return ics_response(calendar_bytes([event], name=event.title, joinable=joinable), "event.ics")


def _cached_feed(request: HttpRequest, build: Callable[[], bytes]) -> bytes:
    """Public feeds are the same for everyone: build them once per change of any event
    (the key holds the latest update and the count) and language, for five minutes at
    most so that finished events drop out."""
    stamp = Event.objects.aggregate(latest=Max("updated_at"), count=Count("pk"))
    parts = [request.path, request.GET.urlencode(), translation.get_language() or "",
             str(stamp["latest"]), str(stamp["count"])]  # fmt: skip
    key = "ics:" + hashlib.sha256("|".join(parts).encode()).hexdigest()
    body = cache.get_or_set(key, build, FEED_CACHE_SECONDS)
    return body if isinstance(body, bytes) else build()


def events_feed(request: HttpRequest) -> HttpResponse:
    def build() -> bytes:
        listing = published_listing(request.GET or None).qs
        events = _rows(listing.filter(end__gte=timezone.now()).order_by("start"))[:500]
        return rows_calendar_bytes(events, name=_("Platform events"))

    return ics_response(_cached_feed(request, build), "events.ics")


def series_feed(request: HttpRequest, slug: str) -> HttpResponse:
    series = get_object_or_404(EventSeries, slug=slug)

    def build() -> bytes:
        events = _rows(Event.objects.published().filter(series=series).order_by("start"))
        return rows_calendar_bytes(events, name=series.name)

    return ics_response(_cached_feed(request, build), f"{slug}.ics")


def private_feed(request: HttpRequest, token: str) -> HttpResponse:
    owner = get_object_or_404(CalendarToken.objects.select_related("user"), token=token)
    registrations = (
        Registration.objects.filter(
            user=owner.user,
            event__status__in=[Event.Status.PUBLISHED, Event.Status.CANCELLED],
            event__archived_at__isnull=True,
        )
        .exclude(status=Registration.Status.CANCELLED)
        .values_list(*(f"event__{column}" for column in event_columns()), "status")
    )
    rows = list(registrations)
    joinable = {row[0] for row in rows if row[-1] == Registration.Status.CONFIRMED}
    body = rows_calendar_bytes(
        [row[:-1] for row in rows],
        name=_("My events"),
        joinable=joinable,
        alarm_minutes=owner.alarm_minutes,
    )
    return ics_response(body, "my-events.ics")
