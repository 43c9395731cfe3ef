import csv
import io

from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from core.bilingual import text_in
from core.decorators import permission_required
from curricula.models import Programme
from events.models import Event, Registration
from industry.models import NeedResponse, Organisation, SkillNeed
from universities.countries import CENTRAL_ASIA, Country
from universities.models import University

from .forms import GapFilterForm
from .gaps import REGION, GapFilters, cached_gap_table, chart_bars, university_gaps
from .models import GapSnapshot
from .trends import trends

CHART_BARS = 15


SHOWN_ROWS = 100


def _rows(request):
    """The rows the page shows (and the exports hold): the first 100 in the chosen
    order, or every row with ``?all=1``. Also returns how many there are in all."""
    form = GapFilterForm(request.GET or None)
    rows = cached_gap_table(form.filters())
    sort = form.sort_key()
    if sort == "demand":
        rows.sort(key=lambda r: (-r.region.demand, text_in(r.skill, "name", "en")))
    elif sort == "name":
        rows.sort(key=lambda r: r.skill.name.lower())
    total = len(rows)
    if request.GET.get("all") != "1":
        rows = rows[:SHOWN_ROWS]
    return form, rows, total


def _columns():
    return [(code, Country(code).label) for code in CENTRAL_ASIA] + [(REGION, _("Central Asia"))]


def skill_gaps(request):
    form, rows, total = _rows(request)
    return render(
        request,
        "insights/skill_gaps.html",
        {
            "form": form,
            "rows": rows,
            "columns": _columns(),
            "bars": chart_bars(rows, limit=CHART_BARS),
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
    header = [_("Skill")]
    for _code, label in _columns():
        header += [
            f"{label}: {_('demand')}",
            f"{label}: {_('supply')}",
            f"{label}: {_('gap')}",
            f"{label}: {_('coverage')}",
        ]
    table = [header]
    for row in rows:
        line = [row.skill.name]
        for code, _label in _columns():
            cell = row.cells[code]
            coverage = "" if cell.coverage is None else round(cell.coverage, 3)
            line += [round(cell.demand, 1), round(cell.supply, 1), round(cell.gap, 1), coverage]
        table.append(line)
    return table


def skill_gaps_csv(request):
    _form, rows, _total = _rows(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="skill-gaps.csv"'
    response.write("\ufeff")
    csv.writer(response).writerows(_table(rows))
    return response


def skill_gaps_xlsx(request):
    _form, rows, _total = _rows(request)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Skill gaps")[:31]
    for line in _table(rows):
        sheet.append(line)
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
            "gaps": university_gaps(university, form.filters()),
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
