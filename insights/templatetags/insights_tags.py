"""Cells of the gap page: a few hundred per page, so each is built in one call
rather than by dozens of template lookups."""

from datetime import date
from functools import lru_cache

from django import template
from django.http import QueryDict
from django.utils import translation
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from insights.charts import sparkline
from insights.gaps import REGION, Cell, Row, whole
from insights.heatmap import ThemeCell, ThemeRow, cell_words
from insights.trends import SkillTrend

register = template.Library()

__all__ = ["gap_cell", "gap_row", "heat_cell", "shortfall", "trend_cell", "whole"]


def _asks_prepares(demand: float, supply: float) -> str:
    return _("asks %(demand)s · prepares %(supply)s") % {
        "demand": whole(demand),
        "supply": whole(supply),
    }


@register.simple_tag
def gap_cell(row: Row, code: str) -> SafeString:
    """The gap as the big number, what is asked and prepared below it; a surplus
    reads "25 more prepared than asked"."""
    cell = row.cells[code]
    # Six hundred cells a page, many alike (nothing asked, the same small numbers):
    # each is drawn once per language and pair of numbers.
    return _gap_cell(translation.get_language() or "", cell.demand, cell.supply)


@register.simple_tag
def gap_row(row: Row, places: tuple[str, ...] | list[str]) -> SafeString:
    """A row's heading (the skill, a link, and its theme) and its cell in each of
    ``places``: a hundred rows a page, each drawn in one call."""
    skill = row.skill
    language = translation.get_language() or ""
    # Kept on the skill, which the gap pages read once per process and version of the
    # skills (insights.gaps._skills): drawn once per language until a skill changes.
    headings = skill.__dict__.setdefault("_gap_headings", {})
    heading = headings.get(language)
    if heading is None:
        theme = skill.theme
        heading = headings[language] = format_html(
            '<th scope="row" class="fw-normal"><a href="{}">{}</a>{}</th>',
            skill.get_absolute_url(),
            skill.name,
            format_html('<span class="gap-theme">{}</span>', theme.name) if theme else "",
        )
    cells = [row.cells[code] for code in places]
    return mark_safe(  # noqa: S308 - each piece is built by format_html
        heading + "".join(_gap_cell(language, cell.demand, cell.supply) for cell in cells)
    )


@lru_cache(maxsize=4096)
def _gap_cell(language: str, demand: float, supply: float) -> SafeString:
    cell = Cell(demand=demand, supply=supply)
    if not (cell.demand or cell.supply):
        return format_html(
            '<td class="gap-cell gap-band-none"><span aria-hidden="true">·</span>'
            '<span class="visually-hidden">{}</span></td>',
            _("nothing asked or prepared"),
        )
    if not cell.demand:
        return format_html(
            '<td class="gap-cell gap-band-none"><span class="gap-detail">{}</span>'
            '<span class="gap-detail">{}</span></td>',
            _("no need posted"),
            _("prepares %(supply)s") % {"supply": whole(cell.supply)},
        )
    gap = whole(cell.gap)
    if gap < 0:
        number = format_html('<span class="gap-main">{}</span>', -gap)
        phrase = ngettext(
            "%(number)s more prepared than asked", "%(number)s more prepared than asked", -gap
        )
        # The phrase is escaped before the number's own markup goes in.
        surplus = mark_safe(conditional_escape(phrase) % {"number": number})  # noqa: S308
        main = format_html('<span class="gap-surplus">{}</span>', surplus)
    else:
        main = format_html('<span class="gap-main">{}</span>', gap)
    return format_html(
        '<td class="gap-cell gap-band-{}">{}<span class="gap-detail">{}</span></td>',
        cell.band,
        main,
        _asks_prepares(cell.demand, cell.supply),
    )


@register.simple_tag
def heat_cell(theme_row: ThemeRow, code: str, label: str, query: str) -> SafeString:
    """One cell of the heatmap, a link to the gap table of that theme and country;
    its meaning in words for screen readers and on hover."""
    cell = theme_row.cells[code]
    # Drawn once per language, theme, place, filters and pair of numbers: after a
    # change, only the cells of the themes it moved are drawn again.
    return _heat_cell(
        translation.get_language() or "",
        theme_row.name,
        theme_row.slug,
        code,
        str(label),
        query,
        cell.demand,
        cell.met,
    )


@lru_cache(maxsize=2048)
def _heat_cell(
    language: str,
    name: str,
    slug: str,
    code: str,
    label: str,
    query: str,
    demand: float,
    met: float,
) -> SafeString:
    cell = ThemeCell(demand=demand, met=met)
    words = cell_words(cell)
    if cell.demand:
        shown = format_html(
            '<span class="gap-main">{}</span><span class="gap-detail">{}</span>',
            whole(cell.gap),
            _asks_prepares(cell.demand, cell.met),
        )
    else:
        shown = format_html('<span class="gap-detail">{}</span>', words)
    inside = format_html(
        '<span aria-hidden="true">{}</span><span class="visually-hidden">{}</span>',
        shown,
        _("%(theme)s, %(place)s: %(words)s")
        % {
            "theme": name,
            "place": label,
            "words": words,
        },
    )
    if not slug:
        return format_html(
            '<td class="heat-cell gap-band-{}" title="{}">{}</td>', cell.band, words, inside
        )
    link = QueryDict(query, mutable=True)
    link["theme"] = slug
    if code != REGION:
        link["country"] = code
    return format_html(
        '<td class="heat-cell gap-band-{}"><a href="?{}#gap-table" title="{}">{}</a></td>',
        cell.band,
        link.urlencode(),
        words,
        inside,
    )


@register.simple_tag
def trend_cell(trend: SkillTrend | None, today: date) -> SafeString:
    """A sparkline of the skill's gap at each snapshot and today, and the same in words."""
    if trend is None:
        return format_html('<td class="trend-cell"></td>')
    line = sparkline(trend.gaps)
    return format_html(
        '<td class="trend-cell"><svg class="sparkline" viewBox="0 0 64 18" width="64" '
        'height="18" aria-hidden="true" focusable="false"><polyline class="sparkline-line" '
        'points="{}"/><circle class="sparkline-dot" cx="{}" cy="{}" r="2"/></svg> '
        '<span class="trend-words">{}</span></td>',
        line.points,
        line.last_x,
        line.last_y,
        trend.words(today),
    )


@register.filter
def trend_of(trends: dict[int, SkillTrend], row: Row) -> SkillTrend | None:
    return trends.get(row.skill.pk)


@register.simple_tag
def shortfall(cell: Cell, place: str) -> str:
    """One place's figures in words, for the advice to a university."""
    numbers = {"place": place, "demand": whole(cell.demand), "supply": whole(cell.supply)}
    if not cell.demand:
        return _("%(place)s: no need posted") % numbers
    if cell.gap > 0:
        return _("%(place)s: industry asks for %(demand)s, programmes prepare about %(supply)s") % (
            numbers
        )
    return _("%(place)s: programmes prepare enough (%(supply)s for %(demand)s asked)") % numbers
