"""The gap heatmap: themes (rows) by the five countries and Central Asia (columns).

A theme's cell adds up the gap table's cells of its skills. Places count only up
to each skill's own demand ("met"), so that a surplus of one skill cannot hide a
shortage of another: the theme's gap is the sum of its skills' shortages, and its
colour the share of its demand met. Nothing is read from the database: the rows
of ``insights.gaps.gap_table`` carry their skills' themes.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.bilingual import text_in
from universities.countries import CENTRAL_ASIA
from universities.models import ResearchArea

from .gaps import REGION, Row, band, whole

PLACES = (*CENTRAL_ASIA, REGION)


@dataclass(frozen=True)
class ThemeCell:
    """One theme in one place: what industry asks for, and how much of it programmes
    prepare (skill by skill, never more than each skill's demand)."""

    demand: float = 0.0
    met: float = 0.0

    @property
    def gap(self) -> float:
        return self.demand - self.met

    @property
    def coverage(self) -> float | None:
        return None if not self.demand else self.met / self.demand

    @property
    def band(self) -> str:
        return band(self.coverage)


@dataclass(frozen=True)
class ThemeRow:
    theme: ResearchArea | None  # None: the skills without a theme
    cells: dict[str, ThemeCell]

    @property
    def name(self) -> str:
        return self.theme.name if self.theme is not None else str(_("Skills without a theme"))

    @property
    def slug(self) -> str:
        return self.theme.slug if self.theme is not None else ""


def _order(theme: ResearchArea | None) -> tuple[int, int, str]:
    if theme is None:
        return (1, 0, "")
    return (0, theme.position, text_in(theme, "name", "en"))


def theme_heatmap(rows: Sequence[Row]) -> list[ThemeRow]:
    """One row per theme that the ``rows`` have skills of, in the themes' order, the
    skills without a theme last."""
    sums: dict[int | None, dict[str, list[float]]] = {}
    themes: dict[int | None, ResearchArea | None] = {}
    for row in rows:
        key = row.skill.theme_id
        if key not in themes:
            themes[key] = row.skill.theme
        places = sums.setdefault(key, {place: [0.0, 0.0] for place in PLACES})
        for place in PLACES:
            cell = row.cells[place]
            places[place][0] += cell.demand
            places[place][1] += min(cell.supply, cell.demand)
    heat = [
        ThemeRow(
            theme=themes[key],
            cells={place: ThemeCell(demand=d, met=m) for place, (d, m) in places.items()},
        )
        for key, places in sums.items()
    ]
    return sorted(heat, key=lambda theme_row: _order(theme_row.theme))


def cell_words(cell: ThemeCell) -> str:
    """What a cell says, in words: "industry asks for 35 people; programmes prepare
    about 25 of them"."""
    if not cell.demand:
        return str(_("no need posted"))
    demand = whole(cell.demand)
    asked = ngettext(
        "industry asks for %(count)s person", "industry asks for %(count)s people", demand
    ) % {"count": demand}
    if cell.gap <= 0:
        prepared = _("programmes prepare enough for all of them")
    elif whole(cell.met) == 0:
        prepared = _("programmes prepare none of them")
    else:
        prepared = _("programmes prepare about %(count)s of them") % {"count": whole(cell.met)}
    return f"{asked}; {prepared}"


def legend() -> list[tuple[str, str]]:
    """The colour bands with their meaning, most short first."""
    return [
        ("0", str(_("less than a quarter of the demand met"))),
        ("1", str(_("a quarter to half of the demand met"))),
        ("2", str(_("half to three quarters of the demand met"))),
        ("3", str(_("three quarters or more met, still short"))),
        ("4", str(_("all of the demand met"))),
        ("none", str(_("no need posted"))),
    ]
