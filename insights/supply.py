"""The supply side of the gap measure, kept by skill, country and level.

Grouping every programme-skill row each time the gap table is computed costs most
of the gap page at the large scale, so the groups are stored (``SupplyCell``) and
computed again, from the rows, for the skills a change touches: in the same
transaction as the change (``insights.receivers``), so that the stored groups are
always those the rows give. A skill's rows are recomputed under a lock on the skill,
so two transactions changing programmes of the same skill cannot both write what
they saw alone.

Writes that send no signal (``QuerySet.update``, ``bulk_create``) call
``supply_refresh`` for the skills they touch, or ``supply_rebuild`` once after
loading many programmes.
"""

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.db.models import Count, QuerySet, Sum

from curricula.models import Programme, ProgrammeSkill, Skill

from .models import SupplyCell

BATCH = 2000


def grouped_supply(skills: Iterable[int] | None = None) -> QuerySet[ProgrammeSkill, Any]:
    """The places of published programmes with an intake, grouped by skill, country
    and level (of every skill, or of ``skills``): what ``SupplyCell`` keeps."""
    rows = ProgrammeSkill.objects.filter(
        programme__status=Programme.Status.PUBLISHED, programme__intake__isnull=False
    )
    if skills is not None:
        rows = rows.filter(skill__in=list(skills))
    return (
        rows.order_by()  # without Meta.ordering, which would join the skills for nothing
        .values("skill", "programme__university__country", "level")
        .annotate(places=Sum("programme__intake"), programmes=Count("programme"))
    )


def _cells(rows: Iterable[dict[str, Any]]) -> list[SupplyCell]:
    return [
        SupplyCell(
            skill_id=row["skill"],
            country=row["programme__university__country"],
            level=row["level"],
            places=row["places"],
            programmes=row["programmes"],
        )
        for row in rows
    ]


def supply_refresh(*, skills: Iterable[int]) -> int:
    """Compute the stored supply of ``skills`` (ids) again from the programmes' rows,
    in the caller's transaction (or one of its own); returns how many cells they now
    have. Call it after any write to programmes or their skills that sends no signal.

    Side effect: the skills' rows are locked until the transaction ends."""
    ids = sorted(set(skills))
    if not ids:
        return 0
    with transaction.atomic(savepoint=False):
        # NO KEY UPDATE: programme-skill rows may still be added meanwhile (their
        # foreign key takes a KEY SHARE lock), but their supply is computed after ours.
        list(
            Skill.objects.select_for_update(no_key=True)
            .filter(pk__in=ids)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        cells = _cells(grouped_supply(ids))
        SupplyCell.objects.filter(skill_id__in=ids).delete()
        SupplyCell.objects.bulk_create(cells, batch_size=BATCH)
    return len(cells)


def supply_refresh_programmes(*, programmes: Iterable[int]) -> int:
    """``supply_refresh`` for every skill taught by ``programmes`` (ids): after a bulk
    change of their status, intake or university."""
    skills = (
        ProgrammeSkill.objects.filter(programme__in=list(programmes))
        .order_by()
        .values_list("skill", flat=True)
        .distinct()
    )
    return supply_refresh(skills=skills)


@transaction.atomic
def supply_rebuild() -> int:
    """Compute the whole stored supply again from the programmes' rows; returns how
    many cells there are. For loaders that insert programmes in bulk, and a repair.

    Side effect: every skill is locked until the transaction ends."""
    list(Skill.objects.select_for_update(no_key=True).order_by("pk").values_list("pk", flat=True))
    cells = _cells(grouped_supply())
    SupplyCell.objects.all().delete()
    SupplyCell.objects.bulk_create(cells, batch_size=BATCH)
    return len(cells)
