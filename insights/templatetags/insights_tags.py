from decimal import ROUND_HALF_UP, Decimal

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

register = template.Library()


def whole(number: float) -> int:
    """Rounded as the ``floatformat:0`` filter rounds (half away from zero)."""
    return int(Decimal(repr(number)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


@register.simple_tag
def gap_cell(row, code):
    """One cell of the gap table: a few hundred per page, so built in one call rather
    than by dozens of template lookups each."""
    cell = row.cells[code]
    if not (cell.demand or cell.supply):
        return format_html(
            '<td class="gap-cell band-{}"><span class="text-body-secondary">·</span></td>',
            cell.band,
        )
    note = "—" if cell.coverage is None else _("gap %(gap)s") % {"gap": whole(cell.gap)}
    return format_html(
        '<td class="gap-cell band-{}"><span class="d-block">{} / {}</span>'
        '<span class="small">{}</span></td>',
        cell.band,
        whole(cell.demand),
        whole(cell.supply),
        note,
    )
