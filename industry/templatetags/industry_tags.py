"""Needs shown on pages of lower apps (skills, universities), which must not import industry."""

from django import template
from django.db.models import Count

from industry.models import NeedSkill, SkillNeed

register = template.Library()


@register.simple_tag(takes_context=True)
def open_needs_for_skill(context, skill, limit=50):
    """Open needs the visitor may see that ask for ``skill``, soonest first."""
    needs = (
        SkillNeed.objects.visible_to(context["request"].user)
        .open()
        .filter(need_skills__skill=skill)
        .select_related("organisation")
        .order_by("needed_by")
    )
    return list(needs[:limit])


@register.simple_tag
def open_need_counts(skills) -> dict[int, int]:
    """How many open, shown needs ask for each of ``skills`` (one query)."""
    rows = (
        NeedSkill.objects.filter(skill__in=list(skills), need__in=SkillNeed.objects.open().shown())
        .values("skill")
        .annotate(count=Count("need", distinct=True))
    )
    return {row["skill"]: row["count"] for row in rows}


@register.filter
def lookup(mapping, key):
    return mapping.get(key, 0)
