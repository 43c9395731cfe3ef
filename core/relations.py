"""The rows that refer to a row, found through ``_meta``, so that a relation added
later, by any app, is covered without this module (or its callers) knowing it.

Two uses: confirmation pages count what an action will touch (``referring_counts``),
and a merge moves every reference from one row to another (``move_references``; the
skill merge of curricula). Many-to-many fields are covered through the foreign keys
of their tables, auto-created or not. Generic foreign keys (a content type and an id)
are not relations ``_meta`` knows, and are not covered.
"""

from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils.text import capfirst

# Fields of a link row that say how much (a programme's level of a skill, a need's
# required level): when two link rows fold into one, the higher value is kept.
AMOUNT_FIELDS = ("level", "importance")


class UnsupportedReference(Exception):
    """A reference that ``move_references`` cannot move safely."""


@dataclass(frozen=True)
class UniqueSet:
    """A unique constraint of a referring model that includes the reference: two rows
    with the same ``others`` values may not refer to the same row."""

    others: tuple[str, ...]  # attnames of the constraint's other fields
    condition: models.Q | None = None


@dataclass(frozen=True)
class Reference:
    """One foreign key (or one-to-one field) of any model that points at a model."""

    field: "models.ForeignKey[Any, Any]"
    unique_sets: tuple[UniqueSet, ...]

    @property
    def model(self) -> type[models.Model]:
        return self.field.model

    @property
    def key(self) -> str:
        """A stable name, e.g. ``industry.needskill.skill``."""
        return f"{self.model._meta.label_lower}.{self.field.name}"

    @property
    def is_record(self) -> bool:
        """A change-history copy (no constraint, nothing done on delete), which is not
        the data of anyone and is not shown in counts."""
        return self.field.remote_field.on_delete is models.DO_NOTHING

    @property
    def label(self) -> str:
        """What the referring rows are, for people: the model's plural name (for the
        table of a many-to-many field, the rows on its other side)."""
        opts = self.model._meta
        if opts.auto_created:
            others = [f for f in opts.fields if f.is_relation and f is not self.field]
            if len(others) == 1 and others[0].related_model is not None:
                return str(capfirst(others[0].related_model._meta.verbose_name_plural))
        name = str(capfirst(opts.verbose_name_plural))
        if self.model is self.field.related_model:
            return f"{name} ({self.field.verbose_name})"
        return name


@dataclass(frozen=True)
class ReferringCount:
    label: str
    count: int


def references(model: type[models.Model]) -> list[Reference]:
    """Every foreign key of every installed model that points at ``model``.

    Raises UnsupportedReference for what cannot be moved row by row (multi-table
    inheritance, a unique constraint over expressions): a caller that moves
    references must then be taught first.
    """
    found: list[Reference] = []
    through_models: set[type[models.Model]] = set()
    for relation in model._meta.get_fields(include_hidden=True):
        if not relation.auto_created or relation.concrete:
            continue
        if relation.many_to_many:
            through = getattr(relation, "through", None)
            if through is not None:
                through_models.add(through)
            continue  # moved through the foreign keys of its table, seen on their own
        field = getattr(relation, "field", None)
        if not isinstance(field, models.ForeignKey):
            raise UnsupportedReference(f"{relation!r} is not a foreign key")
        if field.remote_field.parent_link:
            raise UnsupportedReference(f"{field} is a parent link of {field.model}")
        found.append(Reference(field=field, unique_sets=_unique_sets(field)))
    missing = through_models - {reference.model for reference in found}
    if missing:
        raise UnsupportedReference(f"no foreign key to {model} in {sorted(map(str, missing))}")
    return found


def _attname(model: type[models.Model], name: str) -> str:
    field = model._meta.get_field(name)
    return getattr(field, "attname", name)


def _unique_sets(field: "models.ForeignKey[Any, Any]") -> tuple[UniqueSet, ...]:
    opts = field.model._meta
    names = {field.name, field.attname}
    sets: list[UniqueSet] = []
    if field.unique:
        sets.append(UniqueSet(others=()))
    for together in opts.unique_together:
        if names & set(together):
            others = tuple(_attname(field.model, n) for n in together if n not in names)
            sets.append(UniqueSet(others=others))
    for constraint in opts.constraints:
        if not isinstance(constraint, models.UniqueConstraint):
            continue
        if constraint.expressions:
            raise UnsupportedReference(f"{constraint.name} of {opts.label} is over expressions")
        if names & set(constraint.fields):
            others = tuple(_attname(field.model, n) for n in constraint.fields if n not in names)
            condition = constraint.condition if isinstance(constraint.condition, models.Q) else None
            sets.append(UniqueSet(others=others, condition=condition))
    return tuple(sets)


def _target(field: "models.ForeignKey[Any, Any]", row: models.Model) -> Any:
    """The value a foreign key holds when it points at ``row``."""
    return getattr(row, field.target_field.attname)


def referring_counts(obj: models.Model) -> list[ReferringCount]:
    """How many rows of each kind refer to ``obj`` (change records left out), for the
    confirmation page of an action on it. One count per relation."""
    counts = []
    for reference in references(type(obj)):
        if reference.is_record:
            continue
        manager = reference.model._base_manager
        count = manager.filter(**{reference.field.attname: _target(reference.field, obj)}).count()
        if count:
            counts.append(ReferringCount(label=reference.label, count=count))
    return counts


def remaining_references(obj: models.Model) -> list[str]:
    """The keys of the references that still point at ``obj`` (none after a move)."""
    return [
        reference.key
        for reference in references(type(obj))
        if reference.model._base_manager.filter(
            **{reference.field.attname: _target(reference.field, obj)}
        ).exists()
    ]


def move_references(*, old: models.Model, new: models.Model) -> dict[str, int]:
    """Make every row that refers to ``old`` refer to ``new``; returns how many rows of
    each reference (by ``Reference.key``) moved. Call it inside a transaction.

    A row that would then break a unique constraint (``new`` already has its twin, a
    programme linked to both skills, say) is folded into the twin instead: the twin
    keeps the higher of the two ``AMOUNT_FIELDS``, whatever refers to the folded row
    moves to the twin (the same rules, recursively), and the folded row is deleted.
    A row of ``old``'s own model that points at ``old`` (a narrower skill) moves to
    ``new``; ``new`` itself, if it pointed at ``old``, takes ``old``'s value instead.
    Bulk updates send no signals: a caller whose pages are cached retires them.
    """
    if type(old) is not type(new) or old.pk == new.pk:
        raise ValueError("a row can only move its references to another row of its model")
    moved: dict[str, int] = {}
    # Change records last: folding a row records its deletion, pointing at ``old``.
    for reference in sorted(references(type(old)), key=lambda r: r.is_record):
        count = _move(reference, old, new)
        if count:
            moved[reference.key] = count
    return moved


def _move(reference: Reference, old: models.Model, new: models.Model) -> int:
    field = reference.field
    manager = reference.model._base_manager
    rows = manager.filter(**{field.attname: _target(field, old)})
    if reference.model is type(old):
        rows = rows.exclude(pk=new.pk)
        _unlink_from_old(field, old, new)
    if not reference.unique_sets:
        return rows.update(**{field.attname: _target(field, new)})
    twins = _twins(reference, rows, new)
    moving = [pk for pk in rows.select_for_update().values_list("pk", flat=True) if pk not in twins]
    for row in manager.filter(pk__in=list(twins)).order_by("pk"):
        _fold(row, manager.get(pk=twins[row.pk]))
    manager.filter(pk__in=moving).update(**{field.attname: _target(field, new)})
    return len(moving) + len(twins)


def _unlink_from_old(field: "models.ForeignKey[Any, Any]", old: models.Model, new: Any) -> None:
    """``new`` pointing at ``old`` would point at itself: it takes ``old``'s value."""
    if getattr(new, field.attname) != _target(field, old):
        return
    value = getattr(old, field.attname)
    if value == _target(field, new):
        value = None
    type(new)._base_manager.filter(pk=new.pk).update(**{field.attname: value})
    setattr(new, field.attname, value)


def _twins(reference: Reference, rows: models.QuerySet[Any], new: models.Model) -> dict[Any, Any]:
    """Row of ``rows`` -> the row of ``new`` it would collide with, for those that would."""
    field = reference.field
    manager = reference.model._base_manager
    twins: dict[Any, Any] = {}
    for unique in reference.unique_sets:
        taken = manager.filter(**{field.attname: _target(field, new)})
        candidates = rows
        if unique.condition is not None:
            taken, candidates = taken.filter(unique.condition), rows.filter(unique.condition)
        owners = {
            tuple(values[:-1]): values[-1] for values in taken.values_list(*unique.others, "pk")
        }
        for values in candidates.values_list(*unique.others, "pk"):
            twin = owners.get(tuple(values[:-1]))
            if twin is not None:
                twins.setdefault(values[-1], twin)
    return twins


def _fold(row: models.Model, twin: models.Model) -> None:
    fields = {f.name for f in type(row)._meta.concrete_fields}
    kept = {}
    for name in (n for n in AMOUNT_FIELDS if n in fields):
        mine, theirs = getattr(row, name), getattr(twin, name)
        if mine is not None and (theirs is None or mine > theirs):
            kept[name] = mine
    if kept:
        type(twin)._base_manager.filter(pk=twin.pk).update(**kept)
    move_references(old=row, new=twin)
    row.delete()
