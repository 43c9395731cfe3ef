"""The change log of a university, its strengths and activities, read from
django-simple-history's tables and put in words for the history page (by
``core.history``)."""

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.history import HIDDEN, Change, changes_of

from .models import Activity, ResearchArea, Strength, University

MAX_RECORDS = 500
_HIDDEN = HIDDEN | {"university", "archived_by"}


def university_changes(university: University) -> list[Change]:
    """Every recorded change, newest first (at most the last 500 per kind)."""
    areas = {a.pk: a.name for a in ResearchArea.objects.all()}
    display = {"area": lambda value: areas.get(value, str(value))}

    def latest(history_qs: models.QuerySet[Any]) -> list[Any]:
        records = history_qs.select_related("history_user").order_by("-history_date")
        return list(reversed(records[:MAX_RECORDS]))

    def of(records: list[Any], subject: Any) -> list[Change]:
        return changes_of(
            records, subject=subject, hidden=_HIDDEN, display=display, drop_unchanged=True
        )

    changes = of(latest(University.history.filter(id=university.pk)), lambda r: str(_("Profile")))
    changes += of(
        latest(Strength.history.filter(university_id=university.pk)),
        lambda r: f"{_('Strength')}: {areas.get(r.area_id, '')}",
    )
    changes += of(
        latest(Activity.history.filter(university_id=university.pk)),
        lambda r: f"{_('Activity')}: {r.title}",
    )
    return sorted(changes, key=lambda c: c.when, reverse=True)
