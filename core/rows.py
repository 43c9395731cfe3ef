"""Writing plain values into model instances, for the services."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.db import models


@dataclass(frozen=True)
class Row:
    """One child row as the user left it: ``pk`` is None for a new row."""

    pk: int | None
    values: Mapping[str, Any] = field(default_factory=dict)
    delete: bool = False


def assign(instance: models.Model, values: Mapping[str, Any]) -> dict[str, Any]:
    """Set the concrete fields of ``instance`` from ``values``; return the many-to-many
    values, which can only be set once the row is saved (see ``save_with_relations``).

    File fields follow the form convention: ``None`` leaves the file, ``False`` clears it.
    """
    many: dict[str, Any] = {}
    for name, value in values.items():
        model_field = instance._meta.get_field(name)
        if model_field.many_to_many:
            many[name] = value
        elif isinstance(model_field, models.Field):
            model_field.save_form_data(instance, value)
        else:
            raise ValueError(f"{name} is not a field of {type(instance).__name__}")
    return many


def save_with_relations(instance: models.Model, values: Mapping[str, Any]) -> models.Model:
    """Assign ``values`` to ``instance``, save it and set its many-to-many fields."""
    many = assign(instance, values)
    instance.save()
    for name, value in many.items():
        getattr(instance, name).set(value)
    return instance


def rows_apply(
    *, parent: models.Model, related_name: str, rows: Sequence[Row]
) -> list[models.Model]:
    """Create, update and delete ``parent``'s children (``parent.<related_name>``) as
    ``rows`` say; rows of another parent are refused. Returns the kept children.

    The caller holds the transaction.
    """
    manager = getattr(parent, related_name)
    fk_name = manager.field.name
    kept = []
    for row in rows:
        if row.pk is None:
            child = manager.model(**{fk_name: parent})
        else:
            try:
                child = manager.get(pk=row.pk)
            except ObjectDoesNotExist:
                raise ValueError(f"{manager.model.__name__} {row.pk} is not {parent}'s") from None
            if row.delete:
                child.delete()
                continue
        kept.append(save_with_relations(child, row.values))
    return kept
