"""Who changed what, field by field: the history pages of organisations and needs."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from core.decorators import permission_required
from core.history import history_context, history_page

from .models import Organisation, SkillNeed


def _organisation(*, slug: str) -> Organisation:
    return get_object_or_404(Organisation, slug=slug)


def _need(*, pk: int) -> SkillNeed:
    return get_object_or_404(SkillNeed.objects.select_related("organisation"), pk=pk)


@permission_required("industry.view_organisation_history", _organisation)
def organisation_history(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    page = history_page(organisation, request.GET.get("page"))
    crumbs = [(_("Industry partners"), reverse("industry:organisation_list"))]
    return render(request, "core/history.html", history_context(organisation, page, crumbs=crumbs))


@permission_required("industry.view_need_history", _need)
def need_history(request: HttpRequest, need: SkillNeed) -> HttpResponse:
    page = history_page(need, request.GET.get("page"))
    crumbs = [(_("Industry needs"), reverse("industry:need_list"))]
    return render(request, "core/history.html", history_context(need, page, crumbs=crumbs))
