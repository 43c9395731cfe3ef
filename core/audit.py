"""The audit log: ``record(...)`` from services, views and signal receivers.

Entries are written in the caller's transaction (a refused or rolled-back change
leaves no entry claiming it happened) and are append-only.
"""

from typing import Any

from django.db import models
from django.http import HttpRequest
from simple_history.models import HistoricalRecords

from .models import AuditEntry

Action = AuditEntry.Action


def client_ip(request: HttpRequest | None) -> str | None:
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def record(
    action: str,
    *,
    actor: Any = None,
    target: models.Model | None = None,
    request: HttpRequest | None = None,
    label: str = "",
    object_type: str = "",
    object_id: str = "",
    object_repr: str = "",
    **details: Any,
) -> AuditEntry:
    """Write one entry. ``actor`` is the user who acted (None for the anonymous or the
    system), ``target`` what it was done to (or, for a row already gone, its
    ``object_type``, ``object_id`` and ``object_repr``); ``details`` are small JSON values.

    Without ``request``, the one being served is used (simple_history's middleware keeps
    it), so a service records who acted, from where, without being passed the request.
    """
    if request is None:  # inside a service called from a view: the request being served
        request = getattr(HistoricalRecords.context, "request", None)
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    if actor is None and request is not None and request.user.is_authenticated:
        actor = request.user
    return AuditEntry.objects.create(
        action=action,
        actor=actor,
        actor_label=label or (getattr(actor, "email", "") if actor is not None else ""),
        object_type=target._meta.label_lower if target is not None else object_type,
        object_id=str(target.pk) if target is not None else object_id,
        object_repr=(str(target) if target is not None else object_repr)[:300],
        path=request.get_full_path()[:500] if request is not None else "",
        ip=client_ip(request),
        details=details,
    )
