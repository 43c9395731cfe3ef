"""Programme fragments for pages of lower apps (the university profile), which
must not import curricula themselves."""

from django import template

from curricula.models import Programme
from universities.models import University

register = template.Library()


@register.simple_tag
def published_programmes(university: University) -> list[Programme]:
    return list(
        Programme.objects.published()
        .filter(university=university)
        .select_related("university")
        .order_by("degree", "title_en")
    )
