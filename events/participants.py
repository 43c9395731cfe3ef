"""Who takes part in an event: seen only by coordinators and the host's staff."""

import csv
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from accounts import privacy
from accounts.models import User
from core.audit import Action, record
from core.decorators import permission_required

from . import services
from .models import Event, Registration


def _event(*, pk: int) -> Event:
    return get_object_or_404(Event, pk=pk)


def _participants(event: Event) -> QuerySet[Registration]:
    return (
        event.registrations.exclude(status=Registration.Status.CANCELLED)
        .select_related("user")
        .order_by("status", "created_at", "pk")
    )


@permission_required("events.view_participants", _event)
def participant_list(request: HttpRequest, event: Event) -> HttpResponse:
    registrations = list(_participants(event))
    return render(
        request,
        "events/participant_list.html",
        {
            "event": event,
            "confirmed": [r for r in registrations if r.status == Registration.Status.CONFIRMED],
            "waiting": [r for r in registrations if r.status == Registration.Status.WAITLISTED],
        },
    )


@permission_required("events.view_participants", _event)
def participant_csv(request: HttpRequest, event: Event) -> HttpResponse:
    record(Action.DATA_EXPORTED, request=request, target=event, what="participants")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="participants-{event.pk}.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(
        ["name", "email", "affiliation", "attendance", "status", "speaker", "registered"]
    )
    for registration in _participants(event):
        user = registration.user
        writer.writerow(
            [
                user.display_name,
                user.email,
                user.affiliation,
                registration.get_mode_display(),
                registration.get_status_display(),
                "yes" if registration.is_speaker else "",
                timezone.localtime(registration.created_at).strftime("%Y-%m-%d %H:%M"),
            ]
        )
    return response


# --- a person's own data ------------------------------------------------------------


def registrations_of(user: User) -> list[dict[str, Any]]:
    return [
        {
            "event": registration.event.title,
            "start": registration.event.start.isoformat(),
            "attendance": registration.mode,
            "status": registration.status,
            "registered_at": registration.created_at.isoformat(),
        }
        for registration in Registration.objects.filter(user=user).select_related("event")
    ]


def register_privacy() -> None:
    privacy.register_exporter("event_registrations", registrations_of)
    privacy.register_closer(lambda user: services.registrations_release(user=user))
