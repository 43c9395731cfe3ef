import csv
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TypedDict

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.templatetags.static import static
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_POST
from django.views.generic import DetailView
from django_filters.views import FilterView

from core.bilingual import columns
from core.decorators import permission_required
from core.forms import form_values, formset_rows
from core.middleware import body_limit
from core.relations import referring_counts
from core.submissions import saved_once, token
from core.uploads import MAX_LOGO_BYTES
from core.views import PaginatedFilterMixin, form_page

from . import matrix, services
from .countries import Country
from .filters import UniversityFilter
from .forms import (
    ActivityFormSet,
    MatrixFilterForm,
    ResearchAreaForm,
    StrengthFormSet,
    UniversityCreateForm,
    UniversityForm,
)
from .history import university_changes
from .models import Activity, ResearchArea, Strength, University


class UniversityListView(PaginatedFilterMixin, FilterView):
    filterset_class = UniversityFilter
    template_name = "universities/university_list.html"
    context_object_name = "universities"
    paginate_by = 24

    def get_queryset(self):
        return (
            University.objects.active()
            .order_by("name_en")
            .annotate(strength_count=Count("strengths", distinct=True))
            .prefetch_related(
                Prefetch(
                    "strengths",
                    queryset=Strength.objects.select_related("area").order_by("-level"),
                )
            )
        )


class UniversityDetailView(DetailView):
    model = University
    template_name = "universities/university_detail.html"
    context_object_name = "university"

    def get_queryset(self):
        return University.objects.active().prefetch_related(
            "languages",
            Prefetch("strengths", queryset=Strength.objects.select_related("area")),
            Prefetch("activities", queryset=Activity.objects.select_related("area")),
        )


def _matrix(request):
    """The matrix with the filters of the page (none when they are not valid)."""
    form = MatrixFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    found = matrix.strengths_matrix(country=filters.get("country", ""), area=filters.get("area"))
    return form, found


def strengths_matrix(request):
    form, found = _matrix(request)
    columns = found.columns
    return render(
        request,
        "universities/strengths_matrix.html",
        {
            "form": form,
            "areas": found.areas,
            "columns": columns,
            "shortened": any(column.shortened for column in columns),
            "table": found.rows,
            "country_totals": found.country_totals,
            "matrix_total": found.total,
        },
    )


def strengths_matrix_csv(request):
    """The matrix with its totals: a last column of each university's areas, a last
    row of each area's universities; the short name each row goes by at the end."""
    _form, found = _matrix(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="university-strengths.csv"'
    response.write("\ufeff")  # lets spreadsheet programs detect UTF-8
    writer = csv.writer(response)
    writer.writerow(
        [
            _("University"),
            _("Country"),
            *[area.name for area in found.areas],
            _("Areas with a strength"),
            _("Short name"),
        ]
    )
    for row in found.rows:
        writer.writerow(
            [
                row.university.name,
                row.university.get_country_display(),
                *[cell.get_level_display() if cell else "" for cell in row.cells],
                row.total,
                row.label,
            ]
        )
    writer.writerow(
        [
            _("Universities with a strength"),
            "",
            *[column.total for column in found.columns],
            found.total,
            "",
        ]
    )
    return response


# The bundled base layer: the five countries' outlines (Natural Earth 1:50m, see
# DATA_SOURCES.md), drawn under the markers so that the map reads without tiles.
MAP_BASE_LAYER = "data/central_asia.geojson"

# Where each country's name is written on the map (latitude, longitude): inside its
# main part and clear of the capital's markers.
COUNTRY_LABEL_POINTS = {
    "KZ": (48.4, 67.5),
    "KG": (41.5, 75.2),
    "TJ": (38.9, 72.0),
    "TM": (39.3, 59.0),
    "UZ": (42.2, 63.3),
}

# The default of settings.MAP_TILE_ATTRIBUTION, so that it is shown translated; an
# attribution the operator sets is shown as it is written.
gettext_noop("&copy; OpenStreetMap contributors")


class MapMarker(TypedDict):
    name: str
    city: str
    country: str
    lat: float
    lon: float
    url: str


@dataclass(frozen=True)
class CountryGroup:
    """One country's universities in the list under the map."""

    country: str
    name: str
    markers: list[MapMarker]


def map_markers(universities: Iterable[University]) -> list[MapMarker]:
    """The universities that have coordinates, as the map script draws them."""
    return [
        {
            "name": university.name,
            "city": university.city,
            "country": university.country,
            "lat": float(university.latitude),
            "lon": float(university.longitude),
            "url": university.get_absolute_url(),
        }
        for university in universities
        if university.latitude is not None and university.longitude is not None
    ]


def markers_by_country(markers: Iterable[MapMarker]) -> list[CountryGroup]:
    """The markers under a heading per country (in the order of ``Country``, the
    five Central Asian countries first), each country's sorted by name."""
    grouped: dict[str, list[MapMarker]] = {}
    for marker in markers:
        grouped.setdefault(marker["country"], []).append(marker)
    return [
        CountryGroup(
            country=code,
            name=str(label),
            markers=sorted(grouped[code], key=lambda m: (m["name"].casefold(), m["city"])),
        )
        for code, label in Country.choices
        if code in grouped
    ]


def map_config() -> dict[str, object]:
    """What the map script needs besides the markers: the tiles (none when
    settings.MAP_TILE_URL is empty), the base layer, the countries' names in the
    active language and the texts of the map's controls."""
    tiles, attribution = settings.MAP_TILE_URL, settings.MAP_TILE_ATTRIBUTION
    return {
        "tileUrl": tiles,
        "attribution": _(attribution) if tiles and attribution else "",
        "base": {
            "url": static(MAP_BASE_LAYER),
            "attribution": escape(_("Borders: Natural Earth")),
        },
        "countries": [
            {"code": code, "name": str(Country(code).label), "lat": lat, "lon": lon}
            for code, (lat, lon) in COUNTRY_LABEL_POINTS.items()
        ],
        "texts": {"zoomIn": _("Zoom in"), "zoomOut": _("Zoom out"), "close": _("Close")},
    }


class UniversityMapView(FilterView):
    """The directory's filters, drawn on a map over a bundled base of the five
    countries; the list below, grouped by country, works without tiles or JS."""

    filterset_class = UniversityFilter
    template_name = "universities/university_map.html"
    context_object_name = "universities"

    def get_queryset(self):
        return (
            University.objects.active()
            .order_by("name_en")
            .only("slug", *columns("name"), *columns("city"), "country", "latitude", "longitude")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["markers"] = map_markers(context["universities"])
        context["countries"] = markers_by_country(context["markers"])
        context["map_config"] = map_config()
        return context


def _university(*, slug):
    return get_object_or_404(University.objects.active(), slug=slug)


def _any_university(*, slug):
    """Archived or not: for the archive and restore actions, and the change log."""
    return get_object_or_404(University, slug=slug)


# The profile form's body: a logo up to the accepted size, and room for the other fields.
# A larger body is refused unread; one within it gets the logo's own message.
PROFILE_BODY_LIMIT = MAX_LOGO_BYTES + 1024 * 1024


@body_limit(PROFILE_BODY_LIMIT)
@permission_required("universities.edit_university", _university)
def university_edit(request, university):
    can_verify = request.user.has_perm("universities.verify_university", university)
    form = UniversityForm(
        request.POST or None, request.FILES or None, instance=university, can_verify=can_verify
    )

    def save():
        services.university_update(university=university, values=form_values(form), by=request.user)
        messages.success(request, _("The profile has been saved."))
        return redirect(university)

    return form_page(
        request,
        forms=[form],
        template="universities/university_form.html",
        context={"form": form, "university": university, "submit_token": token()},
        on_valid=saved_once(request, save),
    )


def _edit_children(request, university, formset_class, replace, *, tab, title, intro, success):
    """The strengths and the activities pages: one formset, saved all or nothing."""
    formset = formset_class(request.POST or None, instance=university)

    def save():
        replace(university=university, rows=formset_rows(formset), by=request.user)
        messages.success(request, success)
        return redirect(university)

    return form_page(
        request,
        forms=[formset],
        template="universities/children_form.html",
        context={
            "formset": formset,
            "university": university,
            "tab": tab,
            "title": title,
            "intro": intro,
            "submit_token": token(),
        },
        on_valid=saved_once(request, save),
    )


@permission_required("universities.edit_university", _university)
def strengths_edit(request, university):
    return _edit_children(
        request,
        university,
        StrengthFormSet,
        services.strengths_replace,
        tab="strengths",
        title=_("Edit strengths"),
        intro=_(
            "Declare the research areas in which your university is strong, with evidence "
            "others can check. Tick “Delete” to remove one."
        ),
        success=_("The strengths have been saved."),
    )


@permission_required("universities.edit_university", _university)
def activities_edit(request, university):
    return _edit_children(
        request,
        university,
        ActivityFormSet,
        services.activities_replace,
        tab="activities",
        title=_("Edit activities"),
        intro=_(
            "Research projects, laboratories, industry partnerships, joint programmes and "
            "mobility schemes others should know about. Tick “Delete” to remove one."
        ),
        success=_("The activities have been saved."),
    )


@body_limit(PROFILE_BODY_LIMIT)
@permission_required("universities.create_university")
def university_create(request):
    form = UniversityCreateForm(request.POST or None, request.FILES or None, can_verify=True)

    def save():
        university = services.university_create(values=form_values(form), by=request.user)
        messages.success(request, _("The university has been added."))
        return redirect(university)

    return form_page(
        request,
        forms=[form],
        template="universities/university_form.html",
        context={"form": form, "submit_token": token()},
        on_valid=saved_once(request, save),
    )


@require_POST
@permission_required("universities.verify_university", _university)
def university_verify(request, university):
    verified = request.POST.get("verified") == "1"
    services.university_verify(university=university, verified=verified, by=request.user)
    if verified:
        messages.success(request, _("%(name)s is now marked as verified.") % {"name": university})
    else:
        messages.success(
            request, _("%(name)s is no longer marked as verified.") % {"name": university}
        )
    return redirect(university)


@permission_required("universities.view_history", _any_university)
def university_history(request, university):
    page = Paginator(university_changes(university), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "universities/university_history.html",
        {"university": university, "page_obj": page, "changes": page.object_list},
    )


@permission_required("universities.manage_research_areas")
def research_area_list(request):
    areas = ResearchArea.objects.annotate(
        strength_count=Count("strengths", distinct=True)
    ).order_by("position", "name_en")
    return render(request, "universities/research_area_list.html", {"areas": areas})


def _research_area(*, slug):
    return get_object_or_404(ResearchArea, slug=slug)


def _area_page(request, form, save):
    return form_page(
        request,
        forms=[form],
        template="universities/research_area_form.html",
        context={"form": form, "submit_token": token()},
        on_valid=saved_once(request, save),
    )


@permission_required("universities.manage_research_areas")
def research_area_create(request):
    form = ResearchAreaForm(request.POST or None)

    def save():
        services.research_area_create(values=form_values(form))
        messages.success(request, _("The research area has been added."))
        return redirect("universities:areas")

    return _area_page(request, form, save)


@permission_required("universities.manage_research_areas", _research_area)
def research_area_edit(request, area):
    form = ResearchAreaForm(request.POST or None, instance=area)

    def save():
        services.research_area_update(area=area, values=form_values(form))
        messages.success(request, _("The research area has been saved."))
        return redirect("universities:areas")

    return _area_page(request, form, save)


@permission_required("universities.archive_university", _any_university)
def university_archive(request, university):
    """Asks first, saying what refers to the university (all of it kept); archives on
    POST. A second submit is told the university is already archived."""
    if university.is_archived:
        messages.info(request, _("%(name)s is already archived.") % {"name": university})
        return redirect("universities:archived")
    if request.method == "POST":
        try:
            services.university_archive(university=university, by=request.user)
        except services.ArchiveError as error:
            messages.info(request, str(error))
        else:
            messages.success(
                request,
                _("%(name)s is archived: hidden from every list and page, with its programmes. "
                  "Restore it from the archived universities.") % {"name": university},
            )  # fmt: skip
        return redirect("universities:archived")
    return render(
        request,
        "universities/university_confirm_archive.html",
        {"university": university, "touched": referring_counts(university)},
    )


@permission_required("universities.restore_university", _any_university)
def university_restore(request, university):
    """Asks first; restores on POST. A second submit is told it is not archived."""
    if not university.is_archived:
        messages.info(request, _("%(name)s is not archived.") % {"name": university})
        return redirect(university)
    if request.method == "POST":
        try:
            services.university_restore(university=university, by=request.user)
        except services.ArchiveError as error:
            messages.info(request, str(error))
        else:
            messages.success(request, _("%(name)s is restored.") % {"name": university})
        return redirect(university)
    return render(
        request,
        "universities/university_confirm_restore.html",
        {"university": university, "touched": referring_counts(university)},
    )


@permission_required("universities.view_archived")
def archived_universities(request):
    """The archived universities the user may restore (every one for coordinators)."""
    universities = (
        University.objects.archived()
        .administered_by(request.user)
        .select_related("archived_by")
        .order_by("-archived_at", "pk")
    )
    page = Paginator(universities, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "universities/university_archived.html",
        {"page_obj": page, "universities": page.object_list},
    )
