from django import template

from events.statistics import Line

register = template.Library()


@register.filter
def share(line: Line, total: int) -> int:
    """``line``'s share of ``total`` registrations, in whole per cent (for the bars)."""
    return round(line.share_of(total))
