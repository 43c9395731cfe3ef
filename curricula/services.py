"""Every write to programmes, their skills and the skills taxonomy.

A programme's search document holds its skill names, so every service that
changes a programme's skills rebuilds it.
"""

from collections.abc import Mapping, Sequence
from typing import Any

from django.db import transaction

from core.rows import Row, rows_apply, save_with_relations
from core.slugs import unique_slug
from universities.models import University

from .importer import Row as ImportRow
from .models import Programme, ProgrammeSkill, Skill

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
    its slug is made from the English title.

    Side effect: the search document is built with the skill names.
    """
    slug = _programme_slug(university, values.get("title_en", ""))
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


@transaction.atomic
def programme_delete(*, programme: Programme) -> None:
    """Delete ``programme`` and its skill links. No other side effects."""
    programme.delete()


@transaction.atomic
def programmes_import(*, university: University, rows: Sequence[ImportRow]) -> int:
    """Save every checked row of an import (see ``curricula.importer``) as a programme of
    ``university``, all or none: a row that matches an existing programme updates it,
    and its skills become those of the row. Returns how many rows were saved.

    Raises ValueError if a row has errors or updates another university's programme.
    Side effect: each programme's search document is rebuilt.
    """
    if any(row.errors for row in rows):
        raise ValueError("a row with errors cannot be imported")
    for row in rows:
        programme = row.programme or Programme(university=university, slug=row.slug)
        if programme.university_id != university.pk:
            raise ValueError(f"{programme} is not a programme of {university}")
        save_with_relations(programme, row.values)
        programme.programme_skills.all().delete()
        ProgrammeSkill.objects.bulk_create(
            ProgrammeSkill(programme=programme, skill=skill, level=level)
            for skill, level in row.skills.items()
        )
        programme.refresh_search_document()
    return len(rows)


@transaction.atomic
def skill_create(*, values: Mapping[str, Any]) -> Skill:
    """Add a skill to the taxonomy; its slug is made from the English name. No side effects."""
    skill = Skill(
        slug=unique_slug(
            Skill.objects.all(),
            values.get("name_en", ""),
            max_length=160,
            fallback="skill",
            reserved=RESERVED_SKILL_SLUGS,
        )
    )
    save_with_relations(skill, values)
    return skill


@transaction.atomic
def skill_update(*, skill: Skill, values: Mapping[str, Any]) -> Skill:
    """Save ``values`` to ``skill`` (its slug stays). No side effects."""
    save_with_relations(skill, values)
    return skill


@transaction.atomic
def skill_merge(*, duplicate: Skill, into: Skill) -> int:
    """Fold ``duplicate`` into ``into`` and delete it; nothing that referred to it is lost.

    Programmes teaching both keep the higher level; narrower skills move under
    ``into``. Returns how many programme links moved. Side effect: the search
    documents of the programmes teaching ``into`` are rebuilt.
    """
    if duplicate.pk == into.pk:
        raise ValueError("a skill cannot be merged into itself")
    moved = 0
    existing = {ps.programme_id: ps for ps in into.programme_skills.select_for_update()}
    for link in duplicate.programme_skills.select_for_update():
        kept = existing.get(link.programme_id)
        if kept is None:
            link.skill = into
            link.save(update_fields=["skill"])
            moved += 1
        else:
            if link.level > kept.level:
                kept.level = link.level
                kept.save(update_fields=["level"])
            link.delete()
    Skill.objects.filter(broader=duplicate).exclude(pk=into.pk).update(broader=into)
    if into.broader_id == duplicate.pk:
        into.broader = duplicate.broader
        into.save(update_fields=["broader"])
    duplicate.delete()
    for programme in Programme.objects.filter(programme_skills__skill=into):
        programme.refresh_search_document()
    return moved
