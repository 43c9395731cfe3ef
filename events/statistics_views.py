"""Participation statistics pages: per event and per series for coordinators and the
host's staff (with CSV and XLSX), and the year's figures for everyone (totals only)."""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.text import slugify

from core.decorators import permission_required

from .models import Event, EventSeries
from .statistics import as_csv, as_xlsx, participation, table_rows, year_events

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _event(*, pk):
    return get_object_or_404(Event, pk=pk)


def _export(figures, *, name: str, fmt: str) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404
    rows = table_rows(figures)
    body = as_csv(rows) if fmt == "csv" else as_xlsx(rows, title=name)
    response = HttpResponse(body, content_type=FORMATS[fmt])
    response["Content-Disposition"] = (
        f'attachment; filename="{slugify(name)[:60] or "statistics"}.{fmt}"'
    )
    return response


@permission_required("events.view_statistics", _event)
def event_statistics(request, event):
    return render(
        request,
        "events/statistics/event.html",
        {"event": event, "figures": participation(Event.objects.filter(pk=event.pk))},
    )


def _event_export(fmt: str):
    @permission_required("events.view_statistics", _event)
    def export(request, event):
        figures = participation(Event.objects.filter(pk=event.pk))
        return _export(figures, name=f"participants-{event.pk}", fmt=fmt)

    return export


event_statistics_csv = _event_export("csv")
event_statistics_xlsx = _event_export("xlsx")


def _series(slug):
    return get_object_or_404(EventSeries, slug=slug)


@permission_required("events.view_statistics")
def series_statistics(request, slug):
    series = _series(slug)
    events = Event.objects.filter(series=series)
    return render(
        request,
        "events/statistics/series.html",
        {"series": series, "figures": participation(events), "events": events.order_by("start")},
    )


@permission_required("events.view_statistics")
def series_statistics_export(request, slug, fmt):
    series = _series(slug)
    return _export(
        participation(Event.objects.filter(series=series)), name=f"series-{series.slug}", fmt=fmt
    )


def year_statistics(request, year=None):
    """The year's figures: totals for everyone, the breakdowns for those who may see
    them (coordinators)."""
    year = year or timezone.localdate().year
    if not 2000 <= year <= 2100:
        raise Http404
    detailed = request.user.has_perm("events.view_statistics")
    figures = participation(year_events(year), breakdowns=detailed)
    return render(
        request,
        "events/statistics/year.html",
        {
            "year": year,
            "figures": figures,
            "detailed": detailed,
            "years": range(year - 3, year + 1),
        },
    )


@permission_required("events.view_statistics")
def year_statistics_export(request, year, fmt):
    return _export(participation(year_events(year)), name=f"participation-{year}", fmt=fmt)
