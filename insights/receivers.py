"""What insights does when the apps below it change programmes, their skills or
universities: the stored supply of the skills touched is computed again
(``insights.supply``), in the same transaction as the change."""

from typing import Any

from curricula.models import Programme, ProgrammeSkill, SkillMerge
from universities.models import University

from .supply import supply_refresh, supply_refresh_programmes

# What a programme's supply depends on; a save of other fields alone changes nothing.
PROGRAMME_FIELDS = frozenset({"status", "intake", "university", "university_id"})
# Set on an instance before its save, when the save moves its supply elsewhere.
FORMER_SKILL = "_supply_former_skill"
FORMER_COUNTRY = "_supply_former_country"


def _saves(update_fields: Any, *fields: str) -> bool:
    return update_fields is None or bool(set(update_fields) & set(fields))


def note_former_skill(*, instance: ProgrammeSkill, update_fields: Any, **kwargs: Any) -> None:
    if instance._state.adding or not _saves(update_fields, "skill", "skill_id"):
        return
    former = ProgrammeSkill.objects.filter(pk=instance.pk).values_list("skill", flat=True).first()
    if former is not None and former != instance.skill_id:
        setattr(instance, FORMER_SKILL, former)


def programme_skill_saved(*, instance: ProgrammeSkill, **kwargs: Any) -> None:
    former = instance.__dict__.pop(FORMER_SKILL, None)
    supply_refresh(skills=[instance.skill_id] if former is None else [instance.skill_id, former])


def programme_skill_deleted(*, instance: ProgrammeSkill, **kwargs: Any) -> None:
    supply_refresh(skills=[instance.skill_id])


def programme_saved(
    *, instance: Programme, created: bool, update_fields: Any, **kwargs: Any
) -> None:
    # A new programme has no skills yet: each link's save counts it.
    if created or not _saves(update_fields, *PROGRAMME_FIELDS):
        return
    supply_refresh_programmes(programmes=[instance.pk])


def note_former_country(*, instance: University, update_fields: Any, **kwargs: Any) -> None:
    if instance._state.adding or not _saves(update_fields, "country"):
        return
    former = University.objects.filter(pk=instance.pk).values_list("country", flat=True).first()
    if former is not None and former != instance.country:
        setattr(instance, FORMER_COUNTRY, former)


def _refresh_university(university: University) -> None:
    supply_refresh(
        skills=ProgrammeSkill.objects.filter(programme__university=university)
        .order_by()
        .values_list("skill", flat=True)
        .distinct()
    )


def university_saved(*, instance: University, **kwargs: Any) -> None:
    if instance.__dict__.pop(FORMER_COUNTRY, None) is not None:
        _refresh_university(instance)


def university_archived_or_restored(*, university: University, **kwargs: Any) -> None:
    """Curricula's receivers of the same signals (connected first: curricula comes
    before insights in INSTALLED_APPS) have archived or restored the university's
    programmes with one UPDATE, which sends no signal."""
    _refresh_university(university)


def skill_merged(*, instance: SkillMerge, created: bool, **kwargs: Any) -> None:
    """The merge has moved (and folded) the merged skill's programme links to the
    survivor with UPDATEs, which send no signal."""
    if created:
        supply_refresh(skills=[instance.survivor_id, *filter(None, [instance.former_id])])
