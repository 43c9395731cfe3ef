"""A programme's admissions page (intakes, learning outcomes, accreditations) and a
university's scholarships, for its editors."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from core import phrases
from core.decorators import permission_required
from core.forms import form_values, formset_rows
from core.submissions import saved_once, token
from core.views import form_page
from universities.models import University

from . import admission_services
from .admission_forms import ScholarshipForm, admissions_formsets
from .models import Programme, Scholarship


def _programme(*, university: str, slug: str) -> Programme:
    return get_object_or_404(
        Programme.objects.active().select_related("university"),
        university__slug=university,
        slug=slug,
    )


def _university(*, university: str) -> University:
    return get_object_or_404(University.objects.active(), slug=university)


def _scholarship(*, pk: int) -> Scholarship:
    return get_object_or_404(
        Scholarship.objects.select_related("university").filter(
            university__archived_at__isnull=True
        ),
        pk=pk,
    )


def _refused(request: HttpRequest, error: ValidationError) -> None:
    """A refusal of a service that the forms did not catch: its messages, above the page."""
    for message in error.messages:
        messages.error(request, message)


@permission_required("curricula.edit_admissions", _programme)
def programme_admissions(request: HttpRequest, programme: Programme) -> HttpResponse:
    today = timezone.localdate()
    formsets = admissions_formsets(request.POST or None, programme, today)

    def save() -> HttpResponse:
        try:
            admission_services.programme_admissions_save(
                programme=programme,
                intakes=formset_rows(formsets["intakes"]),
                outcomes=formset_rows(formsets["outcomes"]),
                accreditations=formset_rows(formsets["accreditations"]),
                today=today,
            )
        except ValidationError as error:
            _refused(request, error)
            messages.error(request, phrases.NOTHING_SAVED)
            return render(request, "curricula/programme_admissions.html", context)
        messages.success(request, _("The intakes, learning outcomes and accreditations are saved."))
        return redirect("curricula:programme_admissions", programme.university.slug, programme.slug)

    context = {
        "programme": programme,
        "university": programme.university,
        **{f"{name}_formset": formset for name, formset in formsets.items()},
        "today": today,
        "submit_token": token(),
    }
    return form_page(
        request,
        forms=formsets.values(),
        template="curricula/programme_admissions.html",
        context=context,
        on_valid=saved_once(request, save),
    )


def _scholarship_form(
    request: HttpRequest,
    university: University,
    template: str,
    context: dict,
    scholarship: Scholarship | None = None,
) -> HttpResponse:
    form = ScholarshipForm(request.POST or None, instance=scholarship, university=university)

    def save() -> HttpResponse:
        try:
            saved = admission_services.scholarship_save(
                university=university, values=form_values(form), scholarship=scholarship
            )
        except ValidationError as error:
            _refused(request, error)
            return render(request, template, page)
        messages.success(request, _("“%(name)s” is saved.") % {"name": saved.name})
        return redirect("curricula:scholarships", university.slug)

    page = {**context, "form": form, "university": university, "submit_token": token()}
    return form_page(
        request, forms=[form], template=template, context=page, on_valid=saved_once(request, save)
    )


@permission_required("curricula.manage_scholarships", _university)
def scholarships(request: HttpRequest, university: University) -> HttpResponse:
    """The university's scholarships, with the form that adds one."""
    listed = university.scholarships.order_by("name_en", "pk").prefetch_related(
        Prefetch(
            "programmes",
            queryset=Programme.objects.select_related("university").order_by("title_en", "pk"),
        )
    )
    return _scholarship_form(
        request, university, "curricula/scholarships.html", {"scholarships": listed}
    )


@permission_required("curricula.edit_scholarship", _scholarship)
def scholarship_edit(request: HttpRequest, scholarship: Scholarship) -> HttpResponse:
    return _scholarship_form(
        request,
        scholarship.university,
        "curricula/scholarship_form.html",
        {"scholarship": scholarship},
        scholarship,
    )


@permission_required("curricula.edit_scholarship", _scholarship)
def scholarship_remove(request: HttpRequest, scholarship: Scholarship) -> HttpResponse:
    """Asks first, naming the programmes it serves; removes on POST."""
    university = scholarship.university
    if request.method == "POST":
        name = scholarship.name
        admission_services.scholarship_remove(scholarship=scholarship)
        messages.success(request, _("“%(name)s” is removed.") % {"name": name})
        return redirect("curricula:scholarships", university.slug)
    return render(
        request,
        "curricula/scholarship_confirm_remove.html",
        {
            "scholarship": scholarship,
            "university": university,
            "programmes": list(
                scholarship.programmes.select_related("university").order_by("title_en", "pk")
            ),
        },
    )
