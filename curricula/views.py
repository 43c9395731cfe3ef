import csv
import secrets

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import DetailView
from django_filters.views import FilterView

from core import phrases
from core.decorators import permission_required
from core.forms import form_values, formset_rows
from core.middleware import body_limit
from core.relations import referring_counts
from core.submissions import saved_once, token
from core.views import PaginatedFilterMixin, form_page
from universities.models import University

from . import importer, services
from .filters import ProgrammeFilter
from .forms import ProgrammeForm, ProgrammeSkillFormSet
from .models import Accreditation, LearningOutcome, Programme, ProgrammeSkill, Skill

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


def _saved_ids(user) -> set[int]:
    """The programmes a signed-in user saved, for their save buttons (one query; none
    for visitors, whose pages are cached and must not hold anyone's buttons)."""
    if not user.is_authenticated:
        return set()
    return set(user.saved_programmes.values_list("programme_id", flat=True))


class ProgrammeListView(PaginatedFilterMixin, FilterView):
    filterset_class = ProgrammeFilter
    template_name = "curricula/programme_list.html"
    context_object_name = "programmes"
    paginate_by = 20

    def get_queryset(self):
        return _catalogue_queryset()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["saved_ids"] = _saved_ids(self.request.user)
        return context


def programme_export_csv(request):
    programmes = ProgrammeFilter(request.GET, queryset=_catalogue_queryset()).qs
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="programmes.csv"'
    response.write("\ufeff")  # lets spreadsheet programs detect UTF-8
    writer = csv.writer(response)
    writer.writerow(
        [_("Programme"), _("University"), _("Country"), _("Degree level"), "ECTS",
         _("Languages"), _("Delivery mode"), _("Annual intake"), _("Skills"), _("Address")]
    )  # fmt: skip
    for programme in programmes[:5000]:
        writer.writerow(
            [
                programme.title,
                programme.university.name,
                programme.university.get_country_display(),
                programme.get_degree_display(),
                programme.ects,
                ", ".join(language.name for language in programme.languages.all()),
                programme.get_delivery_display(),
                programme.intake or "",
                "; ".join(ps.skill.name for ps in programme.programme_skills.all()),
                request.build_absolute_uri(programme.get_absolute_url()),
            ]
        )
    return response


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
        context["can_edit"] = self.request.user.has_perm("curricula.edit_programme", self.object)
        compared = [p for p in self.request.GET.getlist("p") if p.isdigit()]
        context["compare_ids"] = compared
        context["saved_ids"] = _saved_ids(self.request.user)
        return context


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
            "skill_names": Skill.objects.filter(is_group=False).values_list("name_en", "name_ru"),
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


IMPORT_SESSION_KEY = "programme_import"
IMPORTED_SESSION_KEY = "programme_imported"  # the last preview saved, to spot a second submit


@body_limit(importer.MAX_BYTES + 1024 * 1024)
@permission_required("curricula.add_programme", _university)
def programme_import(request, university):
    """Upload → preview with every row's errors → save all or nothing."""
    context = {"university": university, "encodings": importer.ENCODINGS}
    if request.method == "POST" and request.POST.get("confirm"):
        return _import_confirmed(request, university, context)
    if request.method == "POST":
        upload = request.FILES.get("file")
        encoding = request.POST.get("encoding", "utf-8")
        try:
            if upload is None:
                raise importer.ImportError_(_("Choose a CSV file to upload."))
            text = importer.decode(upload.read(importer.MAX_BYTES + 1), encoding)
            rows = importer.parse(text, university)
        except importer.ImportError_ as error:
            messages.error(request, str(error))
            return render(request, "curricula/programme_import.html", context)
        token = secrets.token_urlsafe(16)
        request.session[IMPORT_SESSION_KEY] = {
            "university": university.pk,
            "text": text,
            "token": token,
        }
        context.update(
            rows=rows,
            valid=not any(row.errors for row in rows),
            token=token,
            new_count=sum(1 for row in rows if not row.updates),
            update_count=sum(1 for row in rows if row.updates),
        )
    return render(request, "curricula/programme_import.html", context)


def _import_confirmed(request, university, context):
    """Save the previewed file; a second submit of the same preview is told it was
    saved (once)."""
    token = request.POST.get("token", "")
    stored = request.session.get(IMPORT_SESSION_KEY) or {}
    fresh = stored.get("university") == university.pk and token in ("", stored.get("token"))
    if not fresh:
        done = request.session.get(IMPORTED_SESSION_KEY) or {}
        if token and done.get("token") == token:
            messages.info(
                request,
                _("This file has already been imported; nothing was saved twice."),
            )
            return redirect("curricula:university_programmes", university=university.slug)
        messages.error(request, _("Upload the file again: the preview has expired."))
        return redirect("curricula:programme_import", university=university.slug)
    rows = importer.parse(stored["text"], university)
    if any(row.errors for row in rows):
        messages.error(request, phrases.NOTHING_SAVED)
        return render(request, "curricula/programme_import.html", {**context, "rows": rows})
    try:
        count = services.programmes_import(university=university, rows=rows)
    except services.ImportConflict as error:
        messages.info(request, str(error))
        return redirect("curricula:university_programmes", university=university.slug)
    del request.session[IMPORT_SESSION_KEY]
    request.session[IMPORTED_SESSION_KEY] = {"token": stored.get("token", "")}
    messages.success(request, _("%(count)d programmes imported.") % {"count": count})
    return redirect("curricula:university_programmes", university=university.slug)


def programme_import_template(request):
    response = HttpResponse(importer.template_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="programmes-template.csv"'
    return response
