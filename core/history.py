"""Change history in words: who changed which field of a row, from what, to what.

The records are django-simple-history's (a model with ``history = HistoricalRecords(…)``
gets one per save and delete, naming its author; see ``universities.authors``). Each
change compares a record with the one before it of the same row, so reading a page of
changes makes no query per record.
"""

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import PurePosixPath
from typing import Any, NamedTuple, Protocol, overload

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.paginator import Page, Paginator
from django.db import models
from django.utils import formats, timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

ACTIONS = {"+": _("created"), "~": _("changed"), "-": _("deleted")}
# A change whose record before it was never written (the row is older than its history).
RECORDED = _("recorded")
# Columns nobody edits: keys, timestamps, search documents and the demo-data flag.
HIDDEN = frozenset({"id", "created_at", "updated_at", "search_document", "search_key", "is_demo"})
PER_PAGE = 25
# The change reason of the records written when a model's history began.
BASELINE_REASON = "history began"

# Turns a stored value (a foreign key's id, say) into words, in place of the default.
Display = Callable[[Any], str]


class FieldChange(NamedTuple):
    label: str
    before: str
    after: str


@dataclass
class Change:
    """One record in words: its author (None: the system), what happened (``kind``:
    simple-history's "+", "~" or "-"; ``action``: in words) and, for a change that
    could be ``compared`` with the record before it, each field that changed."""

    when: datetime
    who: AbstractBaseUser | None
    kind: str
    action: str
    subject: str = ""
    compared: bool = False
    fields: list[FieldChange] = field(default_factory=list)


def _tracked(record: Any, hidden: frozenset[str]) -> list["models.Field[Any, Any]"]:
    return [f for f in record.tracked_fields if f.name not in hidden]


def _words(record: Any, model_field: "models.Field[Any, Any]", display: Display | None) -> str:
    value = getattr(record, model_field.attname)
    if value is None or value == "":
        return "—"
    if display is not None:
        return display(value)
    if model_field.is_relation:
        return _related(record, model_field, value)
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    if isinstance(value, datetime):
        return str(formats.localize(timezone.localtime(value)))
    if isinstance(value, date | Decimal | float):
        return str(formats.localize(value))
    if isinstance(model_field, models.FileField):
        return PurePosixPath(str(value)).name
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return str(value)


def _related(record: Any, model_field: "models.Field[Any, Any]", value: Any) -> str:
    """The row a foreign key names, if it was read with the record; else its id."""
    if isinstance(model_field, models.ForeignKey) and model_field.is_cached(record):
        related = getattr(record, model_field.name)
        if related is not None:
            return str(related)
    return f"#{value}"


def field_changes(
    record: Any,
    before: Any,
    *,
    hidden: frozenset[str] = HIDDEN,
    display: Mapping[str, Display] | None = None,
) -> list[FieldChange]:
    """The fields whose values differ between two records of one row (``before`` the
    older), in the model's order; ``display`` words the fields it names."""
    display = display or {}
    return [
        FieldChange(
            label=field_label(model_field),
            before=_words(before, model_field, display.get(model_field.name)),
            after=_words(record, model_field, display.get(model_field.name)),
        )
        for model_field in _tracked(record, hidden)
        if getattr(record, model_field.attname) != getattr(before, model_field.attname)
    ]


def changes_of(
    records: Iterable[Any],
    *,
    subject: Callable[[Any], str] | None = None,
    hidden: frozenset[str] = HIDDEN,
    display: Mapping[str, Display] | None = None,
    drop_unchanged: bool = False,
) -> list[Change]:
    """Records (oldest first, of one model, one or more rows) in words, each change
    compared with the previous record of its row among ``records`` (one without it is
    "recorded", with no fields). ``drop_unchanged`` leaves out the compared changes of
    no shown field."""
    previous: dict[Any, Any] = {}
    result = []
    for record in records:
        before = previous.get(record.id)
        previous[record.id] = record
        change = Change(
            when=record.history_date,
            who=record.history_user,
            kind=record.history_type,
            action=str(ACTIONS.get(record.history_type, record.history_type)),
            subject=subject(record) if subject is not None else "",
        )
        if record.history_type == "~" and before is None:
            change.action = str(RECORDED)
        elif record.history_type == "~":
            change.compared = True
            change.fields = field_changes(record, before, hidden=hidden, display=display)
            if drop_unchanged and not change.fields:
                continue
        result.append(change)
    return result


def records_of(obj: models.Model, *, hidden: frozenset[str] = HIDDEN) -> "models.QuerySet[Any]":
    """The change records of ``obj``, newest first, with their authors and the rows
    their shown foreign keys name (read in the same query)."""
    model = type(obj)
    manager = getattr(model, getattr(model._meta, "simple_history_manager_attribute", "history"))
    related = [
        f.name for f in manager.model.tracked_fields if f.is_relation and f.name not in hidden
    ]
    records = manager.filter(id=obj.pk).order_by("-history_date", "-history_id")
    return records.select_related("history_user", *related)


class ChangeLog:
    """The changes of one row, newest first, read a slice at a time (for a paginator):
    a slice reads its records and the one before the oldest of them, which that
    record's change is compared with. Every change is shown, one with no shown field
    too (a save that changed only related rows, such as a programme's skills), so
    that every page holds a full page of records."""

    def __init__(self, records: "models.QuerySet[Any]", *, hidden: frozenset[str] = HIDDEN):
        self.records = records
        self.hidden = hidden

    def __len__(self) -> int:
        return self.records.count()

    def __iter__(self) -> Iterator[Change]:
        return iter(self[0 : len(self)])

    @overload
    def __getitem__(self, index: int) -> Change: ...
    @overload
    def __getitem__(self, index: slice) -> list[Change]: ...
    def __getitem__(self, index: int | slice) -> Change | list[Change]:
        if isinstance(index, int):
            return self[index : index + 1][0]
        start = index.start or 0
        stop = len(self) if index.stop is None else index.stop
        if stop <= start:
            return []
        rows = list(self.records[start : stop + 1])
        changes = changes_of(reversed(rows), hidden=self.hidden)
        changes.reverse()
        return changes[: stop - start]


def history_page(
    obj: models.Model,
    number: str | int | None,
    *,
    per_page: int = PER_PAGE,
    hidden: frozenset[str] = HIDDEN,
) -> Page[Change]:
    """Page ``number`` of the changes of ``obj``, newest first: two queries (how many
    records, and the page's records with their authors)."""
    return Paginator(ChangeLog(records_of(obj, hidden=hidden), hidden=hidden), per_page).get_page(
        number
    )


def record_baseline(
    historical: type[models.Model], model: type[models.Model], *, batch_size: int = 1000
) -> int:
    """Write a record of every row of ``model`` as it stands now (a change by nobody),
    so that the first change after the history began is compared with something.
    For the data migration that adds ``historical``; both models are the migration's."""
    now = timezone.now()
    copied = [
        f.attname for f in historical._meta.concrete_fields if not f.name.startswith("history_")
    ]
    written = 0
    rows = model._base_manager.order_by("pk").iterator(chunk_size=batch_size)
    batch: list[models.Model] = []
    for row in rows:
        values = {name: getattr(row, name) for name in copied}
        batch.append(
            historical(
                **values, history_date=now, history_type="~", history_change_reason=BASELINE_REASON
            )
        )
        if len(batch) == batch_size:
            written += len(historical._base_manager.bulk_create(batch))
            batch = []
    written += len(historical._base_manager.bulk_create(batch))
    return written


class Addressed(Protocol):
    def get_absolute_url(self) -> str: ...


def history_context(
    obj: Addressed, page: Page[Change], *, crumbs: Sequence[tuple[str, str]]
) -> dict[str, Any]:
    """What ``core/history.html`` shows: ``crumbs`` (label, address) lead to ``obj``."""
    return {
        "object": obj,
        "object_url": obj.get_absolute_url(),
        "crumbs": crumbs,
        "page_obj": page,
        "changes": page.object_list,
    }


def field_label(model_field: Any) -> str:
    """A field's name for people; a translated column names its language too:
    "title (Russian)"."""
    code = getattr(model_field, "_translated_field_language_code", None)
    if code is None:
        return str(model_field.verbose_name)
    language = dict(settings.LANGUAGES).get(code, code)
    return f"{model_field.verbose_name} ({language})"
