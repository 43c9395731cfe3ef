"""Writes that touch a programme and its skills together."""

from django.db import transaction

from .models import Programme, Skill


@transaction.atomic
def programme_save(*, form, skills_formset) -> Programme:
    """Save the programme, its many-to-many fields and its skills, all or nothing.

    Side effect: the search document is rebuilt with the new skill names.
    """
    programme = form.save()
    skills_formset.instance = programme
    skills_formset.save()
    programme.refresh_search_document()
    return programme


@transaction.atomic
def programme_set_status(*, programme: Programme, status: str) -> None:
    programme.status = status
    programme.save(update_fields=["status", "updated_at"])


@transaction.atomic
def skill_merge(*, duplicate: Skill, into: Skill) -> int:
    """Fold ``duplicate`` into ``into`` and delete it; nothing that referred to it is lost.

    Programmes teaching both keep the higher level; narrower skills move under
    ``into``. Returns how many programme links moved.
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
