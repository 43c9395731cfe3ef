"""What an item page shows beside the item: related items by theme and skill, open
needs asking for its skills, and programmes teaching them."""

from typing import Any

from django.db.models import Q

from curricula.models import Programme, ProgrammeSkill
from industry.models import NeedSkill, SkillNeed

from .models import KnowledgeItem

RELATED_ITEMS = 4
RELATED_NEEDS = 5
RELATED_PROGRAMMES = 5


def related_items(item: KnowledgeItem, *, limit: int = RELATED_ITEMS) -> list[KnowledgeItem]:
    """Published items sharing a theme or a skill with ``item``, newest first."""
    themes = KnowledgeItem.themes.through.objects.filter(knowledgeitem=item).values("researcharea")
    skills = KnowledgeItem.skills.through.objects.filter(knowledgeitem=item).values("skill")
    sharing = KnowledgeItem.objects.filter(Q(themes__in=themes) | Q(skills__in=skills))
    return list(
        KnowledgeItem.objects.published()
        .exclude(pk=item.pk)
        .filter(pk__in=sharing.values("pk"))
        .newest_first()[:limit]
    )


def _skills_of(item: KnowledgeItem) -> Any:
    return KnowledgeItem.skills.through.objects.filter(knowledgeitem=item).values("skill")


def related_needs(item: KnowledgeItem, *, user: Any, limit: int = RELATED_NEEDS) -> list[SkillNeed]:
    """Open needs ``user`` may see that ask for one of the item's skills, soonest first."""
    asking = NeedSkill.objects.filter(skill__in=_skills_of(item)).values("need")
    return list(
        SkillNeed.objects.visible_to(user)
        .open()
        .filter(pk__in=asking)
        .select_related("organisation")
        .order_by("needed_by", "pk")[:limit]
    )


def related_programmes(item: KnowledgeItem, *, limit: int = RELATED_PROGRAMMES) -> list[Programme]:
    """Published programmes teaching one of the item's skills."""
    teaching = ProgrammeSkill.objects.filter(skill__in=_skills_of(item)).values("programme")
    return list(
        Programme.objects.published()
        .filter(pk__in=teaching)
        .select_related("university")
        .order_by("title_en", "pk")[:limit]
    )
