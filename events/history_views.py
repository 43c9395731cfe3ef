"""Who changed what, field by field: the history page of an event."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from core.decorators import permission_required
from core.history import history_context, history_page

from .models import Event


def _event(*, pk: int) -> Event:
    # With its host: the rule asks whether the user is the host's staff.
    return get_object_or_404(Event.objects.select_related("host"), pk=pk)


@permission_required("events.view_event_history", _event)
def event_history(request: HttpRequest, event: Event) -> HttpResponse:
    page = history_page(event, request.GET.get("page"))
    crumbs = [(_("Events"), reverse("events:list"))]
    return render(request, "core/history.html", history_context(event, page, crumbs=crumbs))
