"""Every write to a university, its strengths and activities, and the research areas.

The university, its strengths and its activities keep a change log
(django-simple-history): each service records ``by`` as the author of the changes
it makes (see ``authors.changes_by``).
"""

from collections.abc import Mapping, Sequence
from typing import Any, cast

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from core.audit import Action, record
from core.rows import Row, assign, rows_apply, save_with_relations
from core.slugs import unique_slug

from . import signals
from .authors import changes_by
from .models import Activity, ResearchArea, Strength, University


class ArchiveError(Exception):
    """An archive or restore that does not fit the row's state (archiving twice,
    restoring what is not archived); the message is for the user."""


@transaction.atomic
def university_create(*, values: Mapping[str, Any], by: User | None) -> University:
    """Add a university with the profile ``values`` (its ``slug`` among them).

    Side effects: a "created" change record by ``by``; a logo in ``values`` is stored.
    """
    with changes_by(by):
        university = University()
        save_with_relations(university, values)
    return university


@transaction.atomic
def university_update(
    *, university: University, values: Mapping[str, Any], by: User | None
) -> University:
    """Save the profile ``values`` (languages and logo included) of ``university``.

    Side effects: a "changed" change record by ``by``; a new logo is stored (a logo
    set to False is cleared); when the names it is found by change (their search key),
    ``signals.university_renamed`` is sent, on which curricula rebuilds the search
    documents of the university's programmes.
    """
    # The stored key, not the instance's names: a validated form has already put the
    # new names on the instance.
    stored_key = University.objects.filter(pk=university.pk).values_list("search_key", flat=True)
    before = stored_key.first()
    with changes_by(by):
        save_with_relations(university, values)
    if before is not None and before != university.search_key:
        signals.university_renamed.send(sender=University, university=university, by=by)
    return university


@transaction.atomic
def strengths_replace(
    *, university: University, rows: Sequence[Row], by: User | None
) -> list[Strength]:
    """Add, change and remove ``university``'s strengths as ``rows`` say, all or none.

    Raises ValueError for a row of another university. Side effects: a change record
    by ``by`` for every strength added, changed or removed.
    """
    with changes_by(by):
        kept = rows_apply(parent=university, related_name="strengths", rows=rows)
    return cast(list[Strength], kept)


@transaction.atomic
def activities_replace(
    *, university: University, rows: Sequence[Row], by: User | None
) -> list[Activity]:
    """Add, change and remove ``university``'s activities as ``rows`` say, all or none.

    Raises ValueError for a row of another university. Side effects: a change record
    by ``by`` for every activity added, changed or removed.
    """
    with changes_by(by):
        kept = rows_apply(parent=university, related_name="activities", rows=rows)
    return cast(list[Activity], kept)


@transaction.atomic
def university_verify(*, university: University, verified: bool, by: User | None) -> None:
    """Mark ``university`` as checked by a coordinator (or no longer checked).

    Side effect: a "changed" change record by ``by``.
    """
    university.verified = verified
    with changes_by(by):
        university.save(update_fields=["verified", "updated_at"])


def _lock(university: University) -> University:
    return University.objects.select_for_update().get(pk=university.pk)


@transaction.atomic
def university_archive(*, university: University, by: User | None) -> University:
    """Hide ``university`` from every list and page; nothing is deleted, and
    ``university_restore`` brings it back. Raises ArchiveError if it is already
    archived (a double submit).

    Side effects: a "changed" change record by ``by``; ``signals.university_archived``
    is sent, on which curricula archives the university's programmes with it.
    """
    if _lock(university).is_archived:
        raise ArchiveError(_("%(name)s is already archived.") % {"name": university})
    university.archived_at = timezone.now()
    university.archived_by = by
    with changes_by(by):
        university.save(update_fields=["archived_at", "archived_by", "updated_at"])
    signals.university_archived.send(sender=University, university=university, by=by)
    record(Action.ARCHIVED, actor=by, target=university)
    return university


@transaction.atomic
def university_restore(*, university: University, by: User | None) -> University:
    """Bring an archived ``university`` back, as it was. Raises ArchiveError if it is
    not archived (a double submit).

    Side effects: a "changed" change record by ``by``; ``signals.university_restored``
    is sent, on which curricula restores the programmes archived with it.
    """
    if not _lock(university).is_archived:
        raise ArchiveError(_("%(name)s is not archived.") % {"name": university})
    university.archived_at = None
    university.archived_by = None
    with changes_by(by):
        university.save(update_fields=["archived_at", "archived_by", "updated_at"])
    signals.university_restored.send(sender=University, university=university, by=by)
    record(Action.RESTORED, actor=by, target=university)
    return university


@transaction.atomic
def research_area_create(*, values: Mapping[str, Any]) -> ResearchArea:
    """Add a research area; its slug is made from the English name. No side effects."""
    area = ResearchArea()
    assign(area, values)
    area.slug = unique_slug(ResearchArea.objects.all(), area.name, max_length=80, fallback="area")
    area.save()
    return area


@transaction.atomic
def research_area_update(*, area: ResearchArea, values: Mapping[str, Any]) -> ResearchArea:
    """Save ``values`` to ``area`` (its slug stays). No side effects."""
    save_with_relations(area, values)
    return area
