import csv

from django.conf import settings
from django.db.models import Count, Prefetch
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.generic import DetailView
from django_filters.views import FilterView

from .filters import UniversityFilter
from .forms import MatrixFilterForm
from .models import Activity, ResearchArea, Strength, University


class UniversityListView(FilterView):
    filterset_class = UniversityFilter
    template_name = "universities/university_list.html"
    context_object_name = "universities"
    paginate_by = 24

    def get_queryset(self):
        return (
            University.objects.order_by("name_en")
            .annotate(strength_count=Count("strengths", distinct=True))
            .prefetch_related(
                Prefetch(
                    "strengths",
                    queryset=Strength.objects.select_related("area").order_by("-level"),
                )
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("page", None)
        context["query_without_page"] = query.urlencode()
        return context


class UniversityDetailView(DetailView):
    model = University
    template_name = "universities/university_detail.html"
    context_object_name = "university"

    def get_queryset(self):
        return University.objects.prefetch_related(
            Prefetch("strengths", queryset=Strength.objects.select_related("area")),
            Prefetch("activities", queryset=Activity.objects.select_related("area")),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_edit"] = self.request.user.has_perm(
            "universities.edit_university", self.object
        )
        return context


def _matrix(request):
    """Universities (rows) by research areas (columns) with the filters of the page."""
    form = MatrixFilterForm(request.GET or None)
    areas = list(ResearchArea.objects.all())
    strengths = Strength.objects.select_related("university")
    if form.is_valid():
        if form.cleaned_data["country"]:
            strengths = strengths.filter(university__country=form.cleaned_data["country"])
        if form.cleaned_data["area"]:
            areas = [form.cleaned_data["area"]]
            strengths = strengths.filter(area=form.cleaned_data["area"])
    rows: dict[int, dict] = {}
    totals: dict[str, dict[int, int]] = {}
    for strength in strengths.order_by("university__name_en"):
        university = strength.university
        row = rows.setdefault(university.pk, {"university": university, "levels": {}})
        row["levels"][strength.area_id] = strength
        country = totals.setdefault(university.get_country_display(), {})
        country[strength.area_id] = country.get(strength.area_id, 0) + 1
    table = [
        {"university": row["university"], "cells": [row["levels"].get(a.pk) for a in areas]}
        for row in rows.values()
    ]
    country_totals = [
        {"country": name, "cells": [counts.get(a.pk, 0) for a in areas]}
        for name, counts in sorted(totals.items())
    ]
    return form, areas, table, country_totals


def strengths_matrix(request):
    form, areas, table, country_totals = _matrix(request)
    return render(
        request,
        "universities/strengths_matrix.html",
        {"form": form, "areas": areas, "table": table, "country_totals": country_totals},
    )


def strengths_matrix_csv(request):
    _form, areas, table, _totals = _matrix(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="university-strengths.csv"'
    response.write("\ufeff")  # lets spreadsheet programs detect UTF-8
    writer = csv.writer(response)
    writer.writerow([_("University"), _("Country"), *[area.name for area in areas]])
    for row in table:
        university = row["university"]
        writer.writerow(
            [
                university.name,
                university.get_country_display(),
                *[cell.get_level_display() if cell else "" for cell in row["cells"]],
            ]
        )
    return response


class UniversityMapView(FilterView):
    """The directory's filters, drawn on a map; the list below works without tiles or JS."""

    filterset_class = UniversityFilter
    template_name = "universities/university_map.html"
    context_object_name = "universities"

    def get_queryset(self):
        return University.objects.order_by("name_en").only(
            "slug", "name_en", "name_ru", "city", "city_ru", "country", "latitude", "longitude"
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["markers"] = [
            {
                "name": university.name,
                "city": university.city_ru
                if university.city_ru and self._russian()
                else university.city,
                "lat": float(university.latitude),
                "lon": float(university.longitude),
                "url": university.get_absolute_url(),
            }
            for university in context["universities"]
            if university.latitude is not None and university.longitude is not None
        ]
        context["map_config"] = {
            "tileUrl": settings.MAP_TILE_URL,
            "attribution": settings.MAP_TILE_ATTRIBUTION,
        }
        return context

    def _russian(self) -> bool:
        return (self.request.LANGUAGE_CODE or "").startswith("ru")
