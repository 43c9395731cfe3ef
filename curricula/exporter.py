"""Programmes written in the import's columns (``curricula.importer.COLUMNS``), so
that a file exported, edited and imported again changes only what was edited."""

import csv
from collections.abc import Iterable

from django.db.models import Prefetch, QuerySet
from django.http import HttpResponse

from .import_columns import COLUMNS, cells
from .models import Accreditation, Programme, ProgrammeSkill

MAX_EXPORTED = 5000


def with_relations(programmes: QuerySet[Programme]) -> QuerySet[Programme]:
    """``programmes`` with what their rows show, in six queries whatever their number."""
    return programmes.select_related("university", "field").prefetch_related(
        "languages",
        "partners",
        "intakes",
        Prefetch("programme_skills", queryset=ProgrammeSkill.objects.select_related("skill")),
        Prefetch("accreditations", queryset=Accreditation.objects.select_related("agency")),
    )


def csv_response(programmes: Iterable[Programme], filename: str) -> HttpResponse:
    """A CSV download (UTF-8 with a BOM, which spreadsheet programs read as UTF-8)."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    writer = csv.DictWriter(response, fieldnames=COLUMNS)
    writer.writeheader()
    for programme in programmes:
        writer.writerow(cells(programme))
    return response
