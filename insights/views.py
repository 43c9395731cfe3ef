import csv
import io

from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _

from core.decorators import permission_required
from curricula.models import Programme
from events.models import Event, Registration
from industry.models import NeedResponse, Organisation, SkillNeed
from universities.countries import CENTRAL_ASIA, Country
from universities.models import University

from .advice import university_advice
from .charts import bar_chart
from .forms import GapFilterForm
from .gaps import PLACES, REGION, GapFilters, cached_gap_table, largest_gaps, ordered_rows
from .heatmap import legend, theme_heatmap
from .models import GapSnapshot
from .summary import gap_summary
from .trends import TREND_SNAPSHOTS, skill_trends, trends, trends_apply

CHART_BARS = 15
SHOWN_ROWS = 100
# The filters a heatmap cell sets itself, and the page's own switches.
CELL_DROPS = ("theme", "country", "all")


def _rows(request):
    """The filter form, every row of its gap table, and the rows the page shows (and
    the exports hold): the first 100 in the chosen order, or every one with ``?all=1``.
    Also returns how many rows that order has in all."""
    form = GapFilterForm(request.GET or None)
    every = cached_gap_table(form.filters())
    ordered = ordered_rows(every, sort=form.sort_key(), place=form.place())
    shown = ordered if request.GET.get("all") == "1" else ordered[:SHOWN_ROWS]
    return form, every, shown, len(ordered)


def _columns():
    return [(code, Country(code).label) for code in CENTRAL_ASIA] + [(REGION, _("Central Asia"))]


def _place_label(place: str) -> str:
    return str(Country(place).label) if place else _("Central Asia")


def _cell_query(request) -> str:
    query = request.GET.copy()
    for name in CELL_DROPS:
        query.pop(name, None)
    return query.urlencode()


def _trends(form, rows):
    """Each shown row's trend by skill id: none when the snapshots do not measure
    what the page shows (a kind of need chosen)."""
    filters = form.filters()
    if not rows or not trends_apply(filters):
        return {}
    snapshots = list(GapSnapshot.objects.of_horizon(filters.horizon_months)[:TREND_SNAPSHOTS])
    return skill_trends(rows, snapshots, place=form.place())


def skill_gaps(request):
    form, every, rows, total = _rows(request)
    place = form.place()
    largest = largest_gaps(every, place=place, limit=CHART_BARS)
    return render(
        request,
        "insights/skill_gaps.html",
        {
            "form": form,
            "rows": rows,
            "columns": _columns(),
            "places": PLACES,
            "summary": gap_summary(every) if every else None,
            "heatmap": theme_heatmap(every),
            "legend": legend(),
            "cell_query": _cell_query(request),
            "charts": [bar_chart(largest, place=place, layout=k) for k in ("wide", "narrow")]
            if largest
            else [],
            "chart_bars": largest,
            "place": place,
            "place_label": _place_label(place),
            "trends": _trends(form, rows),
            "trends_apply": trends_apply(form.filters()),
            "today": timezone.localdate(),
            "query": request.GET.urlencode(),
            "horizon": form.filters().horizon_months,
            "total": total,
            "all_query": _with_all(request),
        },
    )


def _with_all(request) -> str:
    query = request.GET.copy()
    query["all"] = "1"
    return query.urlencode()


def _table(rows) -> list[list]:
    """The rows as the CSV and the workbook hold them: the columns of every place,
    then (added later, at the end) the skill's theme."""
    header = [_("Skill")]
    for _code, label in _columns():
        header += [
            f"{label}: {_('demand')}",
            f"{label}: {_('supply')}",
            f"{label}: {_('gap')}",
            f"{label}: {_('coverage')}",
        ]
    header.append(_("Theme"))
    table = [header]
    for row in rows:
        line = [row.skill.name]
        for code, _label in _columns():
            cell = row.cells[code]
            coverage = "" if cell.coverage is None else round(cell.coverage, 3)
            line += [round(cell.demand, 1), round(cell.supply, 1), round(cell.gap, 1), coverage]
        line.append(row.skill.theme.name if row.skill.theme else "")
        table.append(line)
    return table


def skill_gaps_csv(request):
    _form, _every, rows, _total = _rows(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="skill-gaps.csv"'
    response.write("\ufeff")
    csv.writer(response).writerows(_table(rows))
    return response


def skill_gaps_xlsx(request):
    _form, _every, rows, _total = _rows(request)
    from openpyxl import Workbook  # noqa: PLC0415 - 20 MB, for this download only

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Skill gaps")[:31]
    for line in _table(rows):
        sheet.append(line)
    sheet.freeze_panes = "B2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="skill-gaps.xlsx"'
    return response


def university_skill_gaps(request, slug):
    university = get_object_or_404(University.objects.active(), slug=slug)
    form = GapFilterForm(request.GET or None)
    return render(
        request,
        "insights/university_gaps.html",
        {
            "university": university,
            "form": form,
            "themes": university_advice(university, form.filters(), viewer=request.user),
        },
    )


@permission_required("insights.view_dashboard")
def coordination(request):
    snapshots = list(GapSnapshot.objects.order_by("-month")[:12])
    moved = trends(cached_gap_table(GapFilters()), snapshots)
    counts = {
        "open_needs": SkillNeed.objects.open().count(),
        "responses": NeedResponse.objects.count(),
        "unanswered": SkillNeed.objects.open().filter(first_response_at__isnull=True).count(),
        "programmes": Programme.objects.published().count(),
        "universities": University.objects.active().in_central_asia().count(),
        "organisations": Organisation.objects.active().count(),
        "upcoming_events": Event.objects.filter(status=Event.Status.PUBLISHED).upcoming().count(),
        "registrations": Registration.objects.filter(
            status=Registration.Status.CONFIRMED, event__end__gte=timezone.now()
        ).count(),
    }
    counts.update(
        NeedResponse.objects.aggregate(
            accepted=Count("pk", filter=Q(status=NeedResponse.Status.ACCEPTED))
        )
    )
    return render(
        request,
        "insights/coordination.html",
        {
            "counts": counts,
            "history": moved.history,
            "latest": moved.latest,
            "widened_skills": moved.widened_skills,
            "widened_countries": moved.widened_countries,
        },
    )
