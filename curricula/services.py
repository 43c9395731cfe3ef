"""Every write to programmes, their skills and the skills taxonomy.

A programme's search document holds its skill names, so every service that
changes a programme's skills rebuilds it.
"""

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from core import audit, pagecache
from core.audit import Action
from core.bilingual import first_value, text_in
from core.bilingual import values as texts_of
from core.relations import move_references, remaining_references
from core.rows import Row, rows_apply, save_with_relations
from core.slugs import unique_slug
from universities.models import University
from universities.search import SearchDocumentMixin
from universities.services import ArchiveError

from .importer import Row as ImportRow
from .models import (
    Accreditation,
    AccreditationAgency,
    Intake,
    Programme,
    ProgrammeSkill,
    Skill,
    SkillMerge,
)


class SkillMergeError(Exception):
    """A merge that can no longer be made (a double submit: the skill is already
    merged, or the chosen one was merged meanwhile); the message is for the user."""


class ImportConflict(Exception):
    """An import whose preview is out of date (the same file imported meanwhile, by a
    second submit); the message is for the user."""


# Paths under a university's programmes that a programme's address must not take.
RESERVED_PROGRAMME_SLUGS = frozenset({"new", "import"})
# Paths under /skills/ that a skill's address must not take.
RESERVED_SKILL_SLUGS = frozenset({"new", "gaps"})


def _programme_slug(university: University, title: str) -> str:
    return unique_slug(
        Programme.objects.filter(university=university),
        title,
        max_length=120,
        fallback="programme",
        reserved=RESERVED_PROGRAMME_SLUGS,
    )


@transaction.atomic
def programme_create(
    *, university: University, values: Mapping[str, Any], skill_rows: Sequence[Row]
) -> Programme:
    """Add a programme of ``university`` with ``values`` and the skills of ``skill_rows``;
    its slug is made from the title (the first language given).

    Side effect: the search document is built with the skill names.
    """
    slug = _programme_slug(university, first_value(values, "title"))
    programme = Programme(university=university, slug=slug)
    save_with_relations(programme, values)
    rows_apply(parent=programme, related_name="programme_skills", rows=skill_rows)
    programme.refresh_search_document()
    return programme


@transaction.atomic
def programme_update(
    *, programme: Programme, values: Mapping[str, Any], skill_rows: Sequence[Row]
) -> Programme:
    """Save ``values`` (many-to-many fields included) to ``programme`` and add, change
    or remove its skills as ``skill_rows`` say, all or nothing.

    Raises ValueError for a skill row of another programme. Side effect: the search
    document is rebuilt with the new skill names.
    """
    save_with_relations(programme, values)
    rows_apply(parent=programme, related_name="programme_skills", rows=skill_rows)
    programme.refresh_search_document()
    return programme


@transaction.atomic
def programme_set_status(*, programme: Programme, status: str) -> None:
    """Publish ``programme`` or make it a draft again. No side effects."""
    programme.status = status
    programme.save(update_fields=["status", "updated_at"])


_ARCHIVE_FIELDS = [
    "status", "status_before_archive", "archived_at", "archived_by", "archived_with_university"
]  # fmt: skip


def _lock(programme: Programme) -> Programme:
    return Programme.objects.select_for_update().select_related("university").get(pk=programme.pk)


@transaction.atomic
def programme_archive(*, programme: Programme, by: User | None) -> Programme:
    """Hide ``programme`` from the catalogue, its page, comparisons, matching and the
    gap measure (the site's delete): its skill links and everything that refers to it
    are kept, and ``programme_restore`` gives it back its status. Raises ArchiveError
    if it is already archived (a double submit). No other side effects."""
    stored = _lock(programme)
    if stored.is_archived:
        raise ArchiveError(_("“%(title)s” is already archived.") % {"title": programme.title})
    programme.status_before_archive = stored.status
    programme.status = Programme.Status.ARCHIVED
    programme.archived_at = timezone.now()
    programme.archived_by = by
    programme.archived_with_university = False
    programme.save(update_fields=[*_ARCHIVE_FIELDS, "updated_at"])
    audit.record(Action.ARCHIVED, actor=by, target=programme)
    return programme


@transaction.atomic
def programme_restore(*, programme: Programme) -> Programme:
    """Give an archived ``programme`` back the status it had (published or draft).
    Raises ArchiveError if it is not archived (a double submit) or its university is
    archived (restore the university, which brings it back). No other side effects."""
    stored = _lock(programme)
    if not stored.is_archived:
        raise ArchiveError(_("“%(title)s” is not archived.") % {"title": programme.title})
    if stored.university.is_archived:
        raise ArchiveError(
            _(
                "%(university)s is archived: restore the university, and its programmes "
                "come back with it."
            )
            % {"university": stored.university}
        )
    programme.status = stored.status_before_archive or Programme.Status.DRAFT
    programme.status_before_archive = ""
    programme.archived_at = None
    programme.archived_by = None
    programme.archived_with_university = False
    programme.save(update_fields=[*_ARCHIVE_FIELDS, "updated_at"])
    audit.record(Action.RESTORED, target=programme)
    return programme


@transaction.atomic
def programmes_archive_with_university(*, university: University, by: User | None) -> int:
    """Archive every programme of ``university`` that is not archived yet, marked as
    archived with it; returns how many. Side effect: cached pages are retired."""
    ids = list(
        Programme.objects.active().filter(university=university).values_list("pk", flat=True)
    )
    count = Programme.objects.filter(pk__in=ids).update(
        status_before_archive=F("status"),
        status=Programme.Status.ARCHIVED,
        archived_at=timezone.now(),
        archived_by=by,
        archived_with_university=True,
    )
    _record_bulk_change(ids, by=by)
    pagecache.bump()
    return count


def _record_bulk_change(ids: list[int], *, by: User | None) -> None:
    """An UPDATE writes no change record: write one per programme it changed."""
    if ids:
        Programme.history.bulk_history_create(
            list(Programme.objects.filter(pk__in=ids)), update=True, default_user=by
        )


@transaction.atomic
def programmes_restore_with_university(*, university: University) -> int:
    """Give the programmes archived with ``university`` back their statuses; those
    archived on their own stay archived. Returns how many. Side effect: cached pages
    are retired."""
    ids = list(
        Programme.objects.archived()
        .filter(university=university, archived_with_university=True)
        .values_list("pk", flat=True)
    )
    count = Programme.objects.filter(pk__in=ids).update(
        status=F("status_before_archive"),
        status_before_archive="",
        archived_at=None,
        archived_by=None,
        archived_with_university=False,
    )
    _record_bulk_change(ids, by=None)
    pagecache.bump()
    return count


@transaction.atomic
def programmes_refresh_search_documents(*, university: University) -> int:
    """Rebuild the search document of every programme of ``university`` (archived
    ones too), which holds the university's names. Returns how many. No other side
    effects: the change log does not record search documents."""
    programmes = list(Programme._base_manager.filter(university=university))
    for programme in programmes:
        programme.university = university
        programme.refresh_search_document()
    return len(programmes)


@transaction.atomic
def programmes_import(*, university: University, rows: Sequence[ImportRow]) -> int:
    """Save every checked row of an import (see ``curricula.importer``) as a programme of
    ``university``, all or none: a row that matches an existing programme updates it,
    and its skills, intakes and accreditations become those of the row (rows kept
    where they match: a skill's link, an intake by its start, an accreditation by its
    agency and decision date; an accreditation whose end moved is warned of again).
    Learning outcomes and scholarships are not in the file and are left as they are;
    a row the check found to change nothing is not saved again. Returns how many rows
    were imported.

    Raises ValueError if a row has errors or updates another university's programme,
    ImportConflict if a programme it would create exists meanwhile. Side effect: each
    programme's search document is rebuilt.
    """
    if any(row.errors for row in rows):
        raise ValueError("a row with errors cannot be imported")
    # One import of a university at a time: a second submit of the same preview waits
    # here, then finds the programmes it would create already there.
    University.objects.select_for_update().filter(pk=university.pk).first()
    new_slugs = [row.slug for row in rows if row.programme is None]
    if Programme.objects.filter(university=university, slug__in=new_slugs).exists():
        raise ImportConflict(
            _(
                "These programmes were imported meanwhile (the file was sent twice); "
                "nothing was saved twice."
            )
        )
    for row in rows:
        programme = row.programme or Programme(university=university, slug=row.slug)
        if programme.university_id != university.pk:
            raise ValueError(f"{programme} is not a programme of {university}")
        if row.unchanged:
            continue
        save_with_relations(programme, row.values)
        _import_skills(programme, row.skills)
        _import_intakes(programme, row.intakes)
        _import_accreditations(programme, row.accreditations)
        programme.refresh_search_document()
    return len(rows)


def _import_skills(programme: Programme, skills: Mapping[Skill, int]) -> None:
    links = {link.skill_id: link for link in programme.programme_skills.all()}
    programme.programme_skills.exclude(skill__in=[skill.pk for skill in skills]).delete()
    for skill, level in skills.items():
        link = links.get(skill.pk)
        if link is None:
            ProgrammeSkill.objects.create(programme=programme, skill=skill, level=level)
        elif link.level != level:
            link.level = level
            link.save(update_fields=["level"])


def _import_intakes(programme: Programme, intakes: Mapping[date, date]) -> None:
    kept = {intake.starts_on: intake for intake in programme.intakes.all()}
    programme.intakes.exclude(starts_on__in=list(intakes)).delete()
    for starts_on, deadline in intakes.items():
        intake = kept.get(starts_on)
        if intake is None:
            Intake.objects.create(
                programme=programme, starts_on=starts_on, application_deadline=deadline
            )
        elif intake.application_deadline != deadline:
            intake.application_deadline = deadline
            intake.save(update_fields=["application_deadline"])


def _import_accreditations(
    programme: Programme,
    accreditations: Mapping[tuple[AccreditationAgency, date], tuple[str, date, str]],
) -> None:
    kept = {(a.agency_id, a.decided_on): a for a in programme.accreditations.all()}
    wanted = {(agency.pk, decided) for agency, decided in accreditations}
    for key, accreditation in kept.items():
        if key not in wanted:
            accreditation.delete()
    for (agency, decided), (decision, until, url) in accreditations.items():
        existing = kept.get((agency.pk, decided))
        if existing is None:
            Accreditation.objects.create(
                programme=programme, agency=agency, decided_on=decided,
                decision=decision, valid_until=until, report_url=url,
            )  # fmt: skip
            continue
        if existing.valid_until != until:
            existing.expiry_told_at = None  # a new end: warned of again when it nears
        if (existing.decision, existing.valid_until, existing.report_url) != (decision, until, url):
            existing.decision, existing.valid_until, existing.report_url = decision, until, url
            existing.save()


@transaction.atomic
def skill_create(*, values: Mapping[str, Any]) -> Skill:
    """Add a platform concept to the taxonomy; its slug is made from its name (the
    first language given). No side effects."""
    # A merged skill's address redirects to its survivor: it is not given out again.
    merged = set(SkillMerge.objects.values_list("slug", flat=True))
    skill = Skill(
        origin=Skill.Origin.PLATFORM,
        slug=unique_slug(
            Skill.objects.all(),
            first_value(values, "name"),
            max_length=160,
            fallback="skill",
            reserved=RESERVED_SKILL_SLUGS | merged,
        ),
    )
    save_with_relations(skill, values)
    return skill


@transaction.atomic
def skill_update(*, skill: Skill, values: Mapping[str, Any]) -> Skill:
    """Save ``values`` to ``skill`` (its slug stays). No side effects."""
    save_with_relations(skill, values)
    return skill


class SkillRetireError(Exception):
    """The skill is already in the state asked for (a double submit); the message says so."""


@transaction.atomic
def skill_retire(*, skill: Skill, by: User | None) -> Skill:
    """Hide ``skill`` from every choice, search and the taxonomy list; programmes,
    needs and events that name it keep it, and ``skill_restore`` brings it back.
    Raises SkillRetireError if it is already retired. Side effect: the page cache is
    refreshed."""
    stored = Skill.objects.select_for_update().get(pk=skill.pk)
    if stored.is_retired:
        raise SkillRetireError(_("“%(name)s” is already retired.") % {"name": skill.name})
    skill.retired_at = timezone.now()
    skill.save(update_fields=["retired_at"])
    audit.record(Action.ARCHIVED, actor=by, target=skill)
    pagecache.bump()
    return skill


@transaction.atomic
def skill_restore(*, skill: Skill, by: User | None) -> Skill:
    """Offer a retired ``skill`` again. Raises SkillRetireError if it is not retired.
    Side effect: the page cache is refreshed."""
    stored = Skill.objects.select_for_update().get(pk=skill.pk)
    if not stored.is_retired:
        raise SkillRetireError(_("“%(name)s” is not retired.") % {"name": skill.name})
    skill.retired_at = None
    skill.save(update_fields=["retired_at"])
    audit.record(Action.RESTORED, actor=by, target=skill)
    pagecache.bump()
    return skill


@transaction.atomic
def skill_merge(*, duplicate: Skill, into: Skill, by: User | None = None) -> SkillMerge:
    """Fold ``duplicate`` into ``into`` and delete it; nothing that referred to it is lost.

    Every reference to the duplicate, in any app, moves to ``into``
    (``core.relations.move_references``): a programme, need or event linked to
    both keeps one link, at the higher level; narrower skills move under ``into``; the
    merges that went into the duplicate now lead to ``into``. The duplicate's names
    and alternative labels become alternative labels of ``into``. Returns the
    ``SkillMerge`` record (who, when, what moved), by which the old address redirects.

    Raises ValueError for a skill merged into itself, SkillMergeError when either skill
    is gone (merged meanwhile: a double submit). Side effects: the search documents of
    everything linked to ``into`` are rebuilt; cached pages are retired.
    """
    if duplicate.pk == into.pk:
        raise ValueError("a skill cannot be merged into itself")
    locked = Skill.objects.select_for_update().filter(pk__in=[duplicate.pk, into.pk])
    skills = {skill.pk: skill for skill in locked.order_by("pk")}
    if duplicate.pk not in skills:
        raise SkillMergeError(already_merged_message(duplicate.slug, duplicate.name))
    if into.pk not in skills:
        raise SkillMergeError(
            _("“%(name)s” no longer exists: it was merged meanwhile. Choose another skill.")
            % {"name": into.name}
        )
    old, new = skills[duplicate.pk], skills[into.pk]
    moved = move_references(old=old, new=new)
    left = remaining_references(old)
    if left:  # a reference move_references could not move: never delete it with them
        raise RuntimeError(f"{old.slug} is still referred to by {left}")
    new.alt_labels = "\n".join(_merged_labels(new, old))
    new.save(update_fields=["alt_labels"])
    merge = SkillMerge.objects.create(
        survivor=new, slug=old.slug, former_id=old.pk,
        name_en=text_in(old, "name", "en") or old.name, name_ru=text_in(old, "name", "ru"),
        merged_by=by, moved=moved,
    )  # fmt: skip
    audit.record(Action.MERGED, actor=by, target=new, merged=old.slug, name=old.name, moved=moved)
    old.delete()
    _refresh_search_documents(new)
    pagecache.bump()
    into.refresh_from_db()
    return merge


def already_merged_message(slug: str, name: str = "") -> str:
    """What a second merge of the skill at ``slug`` is told."""
    merge = SkillMerge.objects.filter(slug=slug).select_related("survivor").first()
    if merge is None:
        return _("“%(name)s” no longer exists.") % {"name": name or slug}
    return _("“%(old)s” has already been merged into “%(new)s”.") % {
        "old": name or merge.name_en,
        "new": merge.survivor.name,
    }


def _merged_labels(survivor: Skill, merged: Skill) -> list[str]:
    """The survivor's alternative labels, then the merged skill's names and labels it
    lacks (compared without case), so that searches for them find the survivor."""
    labels = survivor.alt_label_list()
    seen = {label.casefold() for label in [*labels, *texts_of(survivor, "name")]}
    for label in [*texts_of(merged, "name"), *merged.alt_label_list()]:
        if label and label.casefold() not in seen:
            labels.append(label)
            seen.add(label.casefold())
    return labels


def _refresh_search_documents(skill: Skill) -> None:
    """Rebuild the search documents (which hold skill names) of every row, of any
    model, linked to ``skill`` through a many-to-many field."""
    for relation in Skill._meta.related_objects:
        model = relation.related_model
        if (
            relation.many_to_many
            and isinstance(model, type)
            and issubclass(model, SearchDocumentMixin)
        ):
            rows = model._base_manager.filter(**{relation.field.name: skill}).distinct()
            for row in rows:
                row.refresh_search_document()
