"""Who changed what, field by field: the history pages of programmes and skills."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from core.decorators import permission_required
from core.history import HIDDEN, history_context, history_page

from .models import Programme, Skill

# What a restore needs to know, not a change anyone made.
PROGRAMME_HIDDEN = HIDDEN | {"status_before_archive", "archived_with_university"}


def _any_programme(*, university: str, slug: str) -> Programme:
    """Archived or not: the history says who archived it."""
    return get_object_or_404(
        Programme.objects.select_related("university"), university__slug=university, slug=slug
    )


def _skill(*, slug: str) -> Skill:
    return get_object_or_404(Skill, slug=slug)


@permission_required("curricula.view_programme_history", _any_programme)
def programme_history(request: HttpRequest, programme: Programme) -> HttpResponse:
    page = history_page(programme, request.GET.get("page"), hidden=PROGRAMME_HIDDEN)
    university = programme.university
    crumbs = [
        (_("Programmes"), reverse("curricula:programme_list")),
        (university.short_name or university.name, university.get_absolute_url()),
    ]
    return render(request, "core/history.html", history_context(programme, page, crumbs=crumbs))


@permission_required("curricula.view_skill_history", _skill)
def skill_history(request: HttpRequest, skill: Skill) -> HttpResponse:
    page = history_page(skill, request.GET.get("page"))
    crumbs = [(_("Skills taxonomy"), reverse("curricula:skill_list"))]
    return render(request, "core/history.html", history_context(skill, page, crumbs=crumbs))
