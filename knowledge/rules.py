"""Who may submit, edit, review and read knowledge items. Views, templates and tests
ask these rules."""

from typing import Any

import rules

from accounts.rules import is_coordinator

from .models import KnowledgeItem, institutions_of


def _signed_in(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False))


@rules.predicate
def acts_for_an_institution(user: Any) -> bool:
    """Approved editing staff of a university, or an approved member of an organisation."""
    if not _signed_in(user):
        return False
    universities, organisations = institutions_of(user)
    return universities.exists() or organisations.exists()


@rules.predicate
def belongs_to_item(user: Any, item: KnowledgeItem | None) -> bool:
    """A member of one of the item's institutions, one of its authors, or its creator."""
    if item is None or not _signed_in(user):
        return False
    return KnowledgeItem.objects.of_institutions_of(user).filter(pk=item.pk).exists()


@rules.predicate
def is_published(user: Any, item: KnowledgeItem | None) -> bool:
    return item is not None and item.is_published


@rules.predicate
def is_open_to_authors(user: Any, item: KnowledgeItem | None) -> bool:
    """A draft, or returned to its authors: still theirs to change and submit."""
    return item is not None and item.status in KnowledgeItem.OPEN_TO_AUTHORS


can_submit_items = is_coordinator | acts_for_an_institution
can_view_item = is_published | is_coordinator | belongs_to_item
# Authors change their item until they submit it (and again once it is returned);
# coordinators review and edit at any step, and every change keeps its history.
can_edit_item = is_coordinator | (belongs_to_item & is_open_to_authors)
can_submit_item = belongs_to_item & is_open_to_authors
can_review = is_coordinator

rules.add_perm("knowledge.submit_items", can_submit_items)
rules.add_perm("knowledge.view_item", can_view_item)
rules.add_perm("knowledge.edit_item", can_edit_item)
rules.add_perm("knowledge.submit_item", can_submit_item)
rules.add_perm("knowledge.review", can_review)
