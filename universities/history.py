"""The change log of a university, its strengths and activities, read from
django-simple-history's tables and put in words for the history page."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import User

from .models import Activity, ResearchArea, Strength, University

ACTIONS = {"+": _("created"), "~": _("changed"), "-": _("deleted")}
MAX_RECORDS = 500


@dataclass
class Change:
    when: datetime
    who: User | None
    subject: str
    action: str
    fields: list[tuple[str, str, str]] = field(default_factory=list)


def _display(model: type[models.Model], name: str, value: Any, areas: dict[int, str]) -> str:
    if value in (None, ""):
        return "—"
    model_field = _field(model, name)
    if name == "area":
        return areas.get(value, str(value))
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    return str(value)


def _changes_of(
    model: type[models.Model],
    records: Iterable[Any],
    subject: Callable[[Any], str],
    areas: dict[int, str],
) -> list[Change]:
    """Turn one model's records (oldest first) into changes, each against the previous
    record of the same row, so no extra query is made per record."""
    previous: dict[int, Any] = {}
    hidden = {
        "id",
        "university",
        "search_key",
        "updated_at",
        "created_at",
        "is_demo",
        "archived_by",
    }
    result = []
    for record in records:
        before = previous.get(record.id)
        previous[record.id] = record
        change = Change(
            when=record.history_date,
            who=record.history_user,
            subject=subject(record),
            action=ACTIONS.get(record.history_type, record.history_type),
        )
        if record.history_type == "~" and before is not None:
            delta = record.diff_against(before, excluded_fields=hidden & _names(model))
            change.fields = [
                (
                    str(_field(model, c.field).verbose_name),
                    _display(model, c.field, c.old, areas),
                    _display(model, c.field, c.new, areas),
                )
                for c in delta.changes
            ]
            if not change.fields:
                continue
        result.append(change)
    return result


def _field(model: type[models.Model], name: str) -> "models.Field[Any, Any]":
    model_field = model._meta.get_field(name)
    if not isinstance(model_field, models.Field):
        raise TypeError(f"{name} is a relation of {model.__name__}, not one of its fields")
    return model_field


def _names(model: type[models.Model]) -> set[str]:
    return {f.name for f in model._meta.concrete_fields}


def university_changes(university: University) -> list[Change]:
    """Every recorded change, newest first (at most the last 500 per kind)."""
    areas = {a.pk: a.name for a in ResearchArea.objects.all()}

    def latest(history_qs: models.QuerySet[Any]) -> list[Any]:
        records = history_qs.select_related("history_user").order_by("-history_date")
        return list(reversed(records[:MAX_RECORDS]))

    changes = _changes_of(
        University,
        latest(University.history.filter(id=university.pk)),
        lambda r: str(_("Profile")),
        areas,
    )
    changes += _changes_of(
        Strength,
        latest(Strength.history.filter(university_id=university.pk)),
        lambda r: f"{_('Strength')}: {areas.get(r.area_id, '')}",
        areas,
    )
    changes += _changes_of(
        Activity,
        latest(Activity.history.filter(university_id=university.pk)),
        lambda r: f"{_('Activity')}: {r.title}",
        areas,
    )
    return sorted(changes, key=lambda c: c.when, reverse=True)
