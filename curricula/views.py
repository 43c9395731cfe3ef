from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import DetailView
from django_filters.views import FilterView

from core.decorators import permission_required
from core.forms import form_values, formset_rows
from core.pagecache import keep_private
from core.relations import referring_counts
from core.submissions import saved_once, token
from core.views import PaginatedFilterMixin, form_page
from universities.models import University

from . import exporter, import_views, services
from .filters import ProgrammeFilter
from .forms import ProgrammeForm, ProgrammeSkillFormSet
from .models import Accreditation, LearningOutcome, Programme, ProgrammeSkill

MAX_COMPARED = 4


def _catalogue_queryset():
    """The published programmes (whoever asks: drafts are never in the catalogue),
    with what a card shows: languages, partners, intakes (the next deadline),
    skills and accreditations with their agencies (the "Accredited" badge)."""
    return (
        Programme.objects.published()
        .select_related("university", "field")
        .prefetch_related(
            "languages",
            "partners",
            "intakes",
            Prefetch("programme_skills", queryset=ProgrammeSkill.objects.select_related("skill")),
            Prefetch("accreditations", queryset=Accreditation.objects.select_related("agency")),
        )
    )


class ProgrammeListView(PaginatedFilterMixin, FilterView):
    filterset_class = ProgrammeFilter
    template_name = "curricula/programme_list.html"
    context_object_name = "programmes"
    paginate_by = 20

    def get_queryset(self):
        return _catalogue_queryset()


def programme_export_csv(request):
    """The catalogue as filtered (published programmes only), in the import's columns."""
    programmes = ProgrammeFilter(request.GET, queryset=_catalogue_queryset()).qs
    return exporter.csv_response(programmes[: exporter.MAX_EXPORTED], "programmes.csv")


class ProgrammeDetailView(DetailView):
    template_name = "curricula/programme_detail.html"
    context_object_name = "programme"

    def get_object(self, queryset=None):
        return get_object_or_404(
            Programme.objects.visible_to(self.request.user)
            .select_related("university", "field")
            .prefetch_related(
                "languages",
                "partners",
                "intakes",
                "scholarships",
                Prefetch(
                    "programme_skills", queryset=ProgrammeSkill.objects.select_related("skill")
                ),
                Prefetch("accreditations", queryset=Accreditation.objects.select_related("agency")),
                Prefetch("outcomes", queryset=LearningOutcome.objects.select_related("skill")),
            ),
            university__slug=self.kwargs["university"],
            slug=self.kwargs["slug"],
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        compared = [p for p in self.request.GET.getlist("p") if p.isdigit()]
        context["compare_ids"] = compared
        return context

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if self.object.status != Programme.Status.PUBLISHED:
            keep_private(response)  # a draft, for its editors only
        return response


def programme_compare(request):
    ids = [int(p) for p in request.GET.getlist("p") if p.isdigit()][:MAX_COMPARED]
    programmes = list(_catalogue_queryset().filter(pk__in=ids).prefetch_related("scholarships"))
    programmes.sort(key=lambda p: ids.index(p.pk))
    skills = sorted(
        {ps.skill for p in programmes for ps in p.programme_skills.all()}, key=lambda s: s.name
    )
    levels = [
        {
            "skill": skill,
            "cells": [
                next((ps for ps in p.programme_skills.all() if ps.skill_id == skill.pk), None)
                for p in programmes
            ],
        }
        for skill in skills
    ]
    return render(
        request,
        "curricula/programme_compare.html",
        {
            "programmes": programmes,
            "skill_rows": levels,
            "too_many": len(request.GET.getlist("p")) > MAX_COMPARED,
        },
    )


def _university(*, university):
    return get_object_or_404(University.objects.active(), slug=university)


def _programme(*, university, slug):
    return get_object_or_404(
        Programme.objects.active().select_related("university"),
        university__slug=university,
        slug=slug,
    )


def _any_programme(*, university, slug):
    """Archived or not: for the archive and restore actions."""
    return get_object_or_404(
        Programme.objects.select_related("university"), university__slug=university, slug=slug
    )


def _programme_form(request, university, programme=None):
    form = ProgrammeForm(request.POST or None, instance=programme, university=university)
    skills = ProgrammeSkillFormSet(request.POST or None, instance=programme or Programme())

    def save():
        values, skill_rows = form_values(form), formset_rows(skills)
        if programme is None:
            saved = services.programme_create(
                university=university, values=values, skill_rows=skill_rows
            )
        else:
            saved = services.programme_update(
                programme=programme, values=values, skill_rows=skill_rows
            )
        messages.success(request, _("The programme has been saved."))
        return redirect(saved)

    return form_page(
        request,
        forms=[form, skills],
        template="curricula/programme_form.html",
        context={
            "form": form,
            "skills_formset": skills,
            "university": university,
            "programme": programme,
            "submit_token": token(),
        },
        on_valid=saved_once(request, save),
    )


@permission_required("curricula.add_programme", _university)
def programme_create(request, university):
    return _programme_form(request, university)


@permission_required("curricula.edit_programme", _programme)
def programme_edit(request, programme):
    return _programme_form(request, programme.university, programme)


@permission_required("curricula.archive_programme", _any_programme)
def programme_archive(request, programme):
    """Asks first, saying what it hides and what refers to the programme (all kept);
    archives on POST. A second submit is told the programme is already archived."""
    university = programme.university
    if programme.is_archived:
        messages.info(request, _("“%(title)s” is already archived.") % {"title": programme.title})
        return redirect("curricula:university_programmes", university=university.slug)
    if request.method == "POST":
        try:
            services.programme_archive(programme=programme, by=request.user)
        except services.ArchiveError as error:
            messages.info(request, str(error))
        else:
            messages.success(
                request,
                _("“%(title)s” is archived: hidden from the catalogue. A coordinator or an "
                  "administrator of the university can restore it.") % {"title": programme.title},
            )  # fmt: skip
        return redirect("curricula:university_programmes", university=university.slug)
    return render(request, "curricula/programme_confirm_archive.html", _touched(programme))


def _touched(programme):
    """What the archive and restore pages say the action touches."""
    return {
        "programme": programme,
        "skill_links": programme.programme_skills.count(),
        "touched": referring_counts(programme),
    }


@permission_required("curricula.restore_programme", _any_programme)
def programme_restore(request, programme):
    """Asks first; restores on POST. A second submit is told it is not archived."""
    if not programme.is_archived:
        messages.info(request, _("“%(title)s” is not archived.") % {"title": programme.title})
        return redirect(programme)
    if request.method == "POST":
        try:
            services.programme_restore(programme=programme)
        except services.ArchiveError as error:
            messages.error(request, str(error))
            return redirect("curricula:archived")
        messages.success(request, _("“%(title)s” is restored.") % {"title": programme.title})
        return redirect(programme)
    return render(request, "curricula/programme_confirm_restore.html", _touched(programme))


@permission_required("curricula.view_archived_programmes")
def archived_programmes(request):
    """The archived programmes the user may restore (every one for coordinators)."""
    programmes = (
        Programme.objects.archived()
        .restorable_by(request.user)
        .select_related("university", "archived_by")
        .order_by("-archived_at", "pk")
    )
    page = Paginator(programmes, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "curricula/programme_archived.html",
        {"page_obj": page, "programmes": page.object_list},
    )


@require_POST
@permission_required("curricula.edit_programme", _programme)
def programme_publish(request, programme):
    publish = request.POST.get("status") == Programme.Status.PUBLISHED
    status = Programme.Status.PUBLISHED if publish else Programme.Status.DRAFT
    services.programme_set_status(programme=programme, status=status)
    if publish:
        messages.success(request, _("The programme is published."))
    else:
        messages.success(request, _("The programme is now a draft, hidden from the catalogue."))
    return redirect(programme)


@permission_required("curricula.add_programme", _university)
def university_programmes(request, university):
    """Every programme of one university, drafts included, for its staff, and the
    published joint programmes other universities lead with it as a partner."""
    own = Q(university=university)
    joint = Q(partners=university, status=Programme.Status.PUBLISHED)
    programmes = (
        Programme.objects.active()
        .filter(own | joint)
        .distinct()
        .select_related("university")
        .order_by("status", "title_en", "pk")
    )
    return render(
        request,
        "curricula/university_programmes.html",
        {"university": university, "programmes": programmes},
    )


# The import and its template live with the import jobs (curricula/import_views.py).
programme_import = import_views.programme_import
programme_import_template = import_views.programme_import_template
