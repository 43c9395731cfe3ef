"""The editorial workflow of knowledge items: create, update, submit, publish, return,
archive, restore, feature.

Every step is one transaction that also writes the audit entry and the e-mails to the
item's authors (outbox rows, see ``notifications``), so a refused or failed step
leaves neither behind. A step asked of an item in the wrong status raises
``NotNow`` with a message for the user.
"""

from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from core.audit import Action, record
from core.rows import Row, rows_apply, save_with_relations

from . import notifications
from .models import NEEDS_FILE_OR_LINK, ItemCountry, KnowledgeItem, has_file_or_link

Status = KnowledgeItem.Status

# Audit actions of the workflow besides archiving and restoring (core's Action has none
# for them yet): recorded under these names.
SUBMITTED = Action.KNOWLEDGE_SUBMITTED
PUBLISHED = Action.KNOWLEDGE_PUBLISHED
RETURNED = Action.KNOWLEDGE_RETURNED
FEATURED = Action.KNOWLEDGE_FEATURED


class NotNow(Exception):  # noqa: N818 - a refusal, not a fault
    """The step does not apply to the item in its present status (a double submit, or
    someone else acted first). The message is for the user."""


def _locked(item: KnowledgeItem) -> KnowledgeItem:
    return KnowledgeItem.objects.select_for_update().get(pk=item.pk)


def _set_countries(item: KnowledgeItem, countries: Sequence[str]) -> None:
    wanted = set(countries)
    item.country_rows.exclude(country__in=wanted).delete()
    present = set(item.country_rows.values_list("country", flat=True))
    ItemCountry.objects.bulk_create(
        [ItemCountry(item=item, country=code) for code in sorted(wanted - present)]
    )


def _save(
    item: KnowledgeItem,
    values: Mapping[str, Any],
    countries: Sequence[str],
    files: Sequence[Row],
) -> KnowledgeItem:
    save_with_relations(item, values)
    _set_countries(item, countries)
    rows_apply(parent=item, related_name="files", rows=files)
    if not has_file_or_link(external_url=item.external_url, file_count=item.files.count()):
        raise ValidationError(NEEDS_FILE_OR_LINK, code="needs_file_or_link")
    item.refresh_search_document()
    return item


@transaction.atomic
def item_create(
    *,
    author: User,
    values: Mapping[str, Any],
    countries: Sequence[str],
    files: Sequence[Row],
) -> KnowledgeItem:
    """A new draft by ``author`` with its countries and files, all or nothing. Without
    any author named, ``author`` is the author. Raises ``ValidationError`` when it has
    neither a file nor an external link. No e-mail."""
    item = _save(KnowledgeItem(created_by=author), values, countries, files)
    if not item.authors.exists() and not item.outside_authors.strip():
        item.authors.add(author)
    return item


@transaction.atomic
def item_update(
    *,
    item: KnowledgeItem,
    values: Mapping[str, Any],
    countries: Sequence[str],
    files: Sequence[Row],
) -> KnowledgeItem:
    """Save ``item`` with its countries and files, all or nothing (a published item's
    change keeps its history). Raises ``ValidationError`` when it would be left with
    neither a file nor an external link. No e-mail."""
    return _save(item, values, countries, files)


def _move(item: KnowledgeItem, status: str, **fields: Any) -> None:
    item.status = status
    item.status_changed_at = timezone.now()
    for name, value in fields.items():
        setattr(item, name, value)
    item.save(update_fields=["status", "status_changed_at", *fields, "updated_at"])


@transaction.atomic
def item_submit(*, item: KnowledgeItem, actor: User) -> None:
    """Send a draft (or a returned item) to the coordinators' review queue.

    Side effects: the audit entry; e-mails (outbox rows) to the item's authors."""
    if _locked(item).status not in KnowledgeItem.OPEN_TO_AUTHORS:
        raise NotNow(_("This item has already been submitted."))
    _move(item, Status.SUBMITTED)
    record(SUBMITTED, actor=actor, target=item)
    notifications.step_enqueue(item, notifications.SUBMITTED)


@transaction.atomic
def item_publish(*, item: KnowledgeItem, actor: User) -> None:
    """Publish ``item`` (without a publication date, today is its date).

    Side effects: the audit entry; e-mails (outbox rows) to the item's authors."""
    current = _locked(item).status
    if current == Status.PUBLISHED:
        raise NotNow(_("This item is already published."))
    if current == Status.ARCHIVED:
        raise NotNow(_("This item is archived: restore it first."))
    now = timezone.now()
    _move(
        item,
        Status.PUBLISHED,
        published_at=item.published_at or now,
        published_on=item.published_on or timezone.localdate(),
        return_reason="",
    )
    record(PUBLISHED, actor=actor, target=item)
    notifications.step_enqueue(item, notifications.PUBLISHED)


@transaction.atomic
def item_return(*, item: KnowledgeItem, actor: User, reason: str) -> None:
    """Return a submitted item to its authors with ``reason``.

    Side effects: the audit entry; e-mails (outbox rows) to the item's authors, with
    the reason."""
    if _locked(item).status != Status.SUBMITTED:
        raise NotNow(_("Only an item submitted for review can be returned."))
    _move(item, Status.RETURNED, return_reason=reason.strip())
    record(RETURNED, actor=actor, target=item, reason=reason.strip()[:500])
    notifications.step_enqueue(item, notifications.RETURNED)


@transaction.atomic
def item_archive(*, item: KnowledgeItem, actor: User) -> None:
    """Take ``item`` out of the library (nothing is deleted; ``item_restore`` brings
    it back). Side effects: unfeatured; the audit entry; e-mails (outbox rows) to the
    item's authors."""
    if _locked(item).status == Status.ARCHIVED:
        raise NotNow(_("This item is already archived."))
    _move(item, Status.ARCHIVED, featured=False)
    record(Action.ARCHIVED, actor=actor, target=item)
    notifications.step_enqueue(item, notifications.ARCHIVED)


@transaction.atomic
def item_restore(*, item: KnowledgeItem, actor: User) -> None:
    """Bring an archived item back: published again if it had been, else a draft.

    Side effects: the audit entry; e-mails (outbox rows) to the item's authors."""
    if _locked(item).status != Status.ARCHIVED:
        raise NotNow(_("This item is not archived."))
    _move(item, Status.PUBLISHED if item.published_at else Status.DRAFT)
    record(Action.RESTORED, actor=actor, target=item)
    notifications.step_enqueue(item, notifications.RESTORED)


@transaction.atomic
def item_feature(*, item: KnowledgeItem, actor: User, featured: bool) -> bool:
    """Feature a published item on the home page (or stop); False when it was so
    already. Side effects: the audit entry; when featured, e-mails (outbox rows) to
    the item's authors."""
    current = _locked(item)
    if featured and current.status != Status.PUBLISHED:
        raise NotNow(_("Only a published item can be featured."))
    if current.featured == featured:
        return False
    item.featured = featured
    item.save(update_fields=["featured", "updated_at"])
    record(FEATURED, actor=actor, target=item, featured=featured)
    if featured:
        notifications.step_enqueue(item, notifications.FEATURED, moment=timezone.now())
    return True
