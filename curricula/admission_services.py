"""Every write to a programme's admissions (intakes, learning outcomes, accreditations)
and to a university's scholarships.

The forms check the same rules field by field; the services check them again, so that
no caller can save what the pages refuse, and raise ``ValidationError`` (nothing saved).
"""

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.rows import Row, assign, rows_apply
from universities.models import University

from .models import AccreditationAgency, Programme, Scholarship

PAST_INTAKE = _("A new intake cannot start in the past.")
LEVEL_WITHOUT_SKILL = _("Give the skill this level is for.")
UNKNOWN_AGENCY = _("Pick the agency from the list.")
OUTSIDE_PROGRAMMES = _("Pick programmes of the university or joint programmes it is a partner of.")


def month_start(day: date) -> date:
    return day.replace(day=1)


def intake_refusal(
    *, starts_on: date | None, was: date | None, today: date | None = None
) -> Any | None:
    """Why an intake starting ``starts_on`` cannot be saved (``was``: its start before
    this change, None for a new intake), or None. An intake starting this month is not
    in the past; an existing one in the past may stay as it is."""
    if starts_on is None or starts_on == was:
        return None
    if starts_on < month_start(today or timezone.localdate()):
        return PAST_INTAKE
    return None


def _check_intakes(programme: Programme, rows: Sequence[Row], today: date) -> None:
    starts = dict(programme.intakes.values_list("pk", "starts_on"))
    for row in rows:
        if row.delete:
            continue
        refusal = intake_refusal(
            starts_on=row.values.get("starts_on"),
            was=starts.get(row.pk) if row.pk is not None else None,
            today=today,
        )
        if refusal is not None:
            raise ValidationError({"starts_on": refusal})


def _check_outcomes(rows: Sequence[Row]) -> None:
    for row in rows:
        if not row.delete and row.values.get("level") and row.values.get("skill") is None:
            raise ValidationError({"skill": LEVEL_WITHOUT_SKILL})


def _check_agencies(rows: Sequence[Row]) -> None:
    wanted: set[Any] = {
        getattr(row.values.get("agency"), "pk", row.values.get("agency"))
        for row in rows
        if not row.delete
    }
    known = set(
        AccreditationAgency.objects.filter(pk__in=wanted - {None}).values_list("pk", flat=True)
    )
    if wanted - known:
        raise ValidationError({"agency": UNKNOWN_AGENCY})


def _full_clean_rows(parent: Programme, related_name: str, rows: Sequence[Row]) -> None:
    """Check each kept row as its model does (dates in order), before anything is written."""
    manager = getattr(parent, related_name)
    for row in rows:
        if row.delete:
            continue
        instance = manager.model(programme=parent)
        if row.pk is not None:
            instance = manager.filter(pk=row.pk).first() or instance
        assign(instance, row.values)
        instance.full_clean(exclude=["programme"], validate_unique=False)


def _positioned(rows: Sequence[Row]) -> list[Row]:
    """The outcome rows with their order on the page as their position."""
    kept, position = [], 0
    for row in rows:
        if row.delete:
            kept.append(row)
            continue
        kept.append(Row(pk=row.pk, values={**row.values, "position": position}))
        position += 1
    return kept


def _retold(programme: Programme, rows: Sequence[Row]) -> list[Row]:
    """The accreditation rows, those whose end moved being told again when it nears."""
    ends = dict(programme.accreditations.values_list("pk", "valid_until"))
    return [
        Row(pk=row.pk, values={**row.values, "expiry_told_at": None}, delete=row.delete)
        if row.pk is not None
        and not row.delete
        and row.values.get("valid_until") != ends.get(row.pk)
        else row
        for row in rows
    ]


@transaction.atomic
def programme_admissions_save(
    *,
    programme: Programme,
    intakes: Sequence[Row],
    outcomes: Sequence[Row],
    accreditations: Sequence[Row],
    today: date | None = None,
) -> None:
    """Add, change and remove ``programme``'s intakes, learning outcomes (in the order
    given) and accreditations, all or nothing.

    Raises ValidationError, nothing saved, for a deadline after the start, a new intake
    starting before this month, an accreditation ending before it was decided, an agency
    not on the list, or an outcome level without a skill; ValueError for a row of another
    programme. No other side effects (the programme's cached pages follow its rows).
    """
    today = today or timezone.localdate()
    _check_intakes(programme, intakes, today)
    _check_outcomes(outcomes)
    _check_agencies(accreditations)
    _full_clean_rows(programme, "intakes", intakes)
    _full_clean_rows(programme, "accreditations", accreditations)
    # Deleted rows first: a removed intake frees its month for a new one.
    for related_name, rows in (
        ("intakes", intakes),
        ("outcomes", _positioned(outcomes)),
        ("accreditations", _retold(programme, accreditations)),
    ):
        rows_apply(parent=programme, related_name=related_name, rows=[r for r in rows if r.delete])
        rows_apply(
            parent=programme, related_name=related_name, rows=[r for r in rows if not r.delete]
        )


def scholarship_programmes(
    university: University, scholarship: Scholarship | None = None
) -> QuerySet[Programme]:
    """The programmes a scholarship of ``university`` may serve: its active programmes
    and the joint programmes it is a partner of, and those the scholarship serves now."""
    served = Q(university=university) | Q(partners=university)
    offered = Programme.objects.active().filter(served)
    if scholarship is not None and scholarship.pk:
        kept = Programme.objects.filter(scholarships=scholarship)
        return Programme.objects.filter(
            Q(pk__in=offered.values("pk")) | Q(pk__in=kept.values("pk"))
        )
    return Programme.objects.filter(pk__in=offered.values("pk"))


@transaction.atomic
def scholarship_save(
    *,
    university: University,
    values: Mapping[str, Any],
    scholarship: Scholarship | None = None,
) -> Scholarship:
    """Add a scholarship of ``university`` (or change ``scholarship``) with ``values``,
    its programmes included.

    Raises ValidationError, nothing saved, for an amount without a currency or a
    programme neither the university's nor a joint one it is a partner of. No other
    side effects.
    """
    scholarship = scholarship or Scholarship(university=university)
    many = assign(scholarship, values)
    scholarship.full_clean(exclude=["university"])
    programmes = list(many.get("programmes", []))
    allowed = set(scholarship_programmes(university, scholarship).values_list("pk", flat=True))
    if any(programme.pk not in allowed for programme in programmes):
        raise ValidationError({"programmes": OUTSIDE_PROGRAMMES})
    scholarship.save()
    if "programmes" in many:
        scholarship.programmes.set(programmes)
    return scholarship


@transaction.atomic
def scholarship_remove(*, scholarship: Scholarship) -> None:
    """Delete ``scholarship``; the programmes it served stay as they are. No side effects."""
    scholarship.delete()
