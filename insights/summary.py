"""The gap page in a few sentences: the largest gaps in Central Asia, then in each
country, from the rows of the gap table.

Every sentence is one translatable phrase. Names stand in the nominative, outside
the sentence's grammar ("Kazakhstan: grid codes (gap 12), …"), so that languages
with cases never have to decline a country or a skill.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from universities.countries import CENTRAL_ASIA, Country

from .gaps import REGION, Row, largest_gaps, whole

IN_REGION = 3
IN_COUNTRY = 2


@dataclass(frozen=True)
class Summary:
    region: str
    countries: list[str]  # one sentence per country, in the usual order


def _item(row: Row, place: str) -> str:
    """ "grid codes (gap 12)"."""
    gap = _("gap %(gap)s") % {"gap": whole(row.cells[place].gap)}
    return f"{row.skill.name} ({gap})"


def and_list(items: Sequence[str]) -> str:
    """ "A, B and C" in the active language."""
    if len(items) < 2:
        return "".join(items)
    return _("%(items)s and %(last)s") % {"items": ", ".join(items[:-1]), "last": items[-1]}


def _region(rows: Sequence[Row]) -> str:
    largest = largest_gaps(list(rows), place=REGION, limit=IN_REGION)
    if not largest:
        return str(
            _(
                "In Central Asia, programmes prepare at least as many people as industry "
                "asks for in every skill listed."
            )
        )
    return ngettext(
        "The largest gap in Central Asia is %(skills)s.",
        "The largest gaps in Central Asia are %(skills)s.",
        len(largest),
    ) % {"skills": and_list([_item(row, REGION) for row in largest])}


def _country(rows: Sequence[Row], code: str) -> str:
    country = str(Country(code).label)
    largest = largest_gaps(list(rows), place=code, limit=IN_COUNTRY)
    if largest:
        return _("%(country)s: %(skills)s.") % {
            "country": country,
            "skills": ", ".join(_item(row, code) for row in largest),
        }
    if any(row.cells[code].demand for row in rows):
        return _(
            "%(country)s: no gap; programmes prepare at least as many people as asked for."
        ) % {"country": country}
    return _("%(country)s: no need posted within this horizon.") % {"country": country}


def gap_summary(rows: Sequence[Row]) -> Summary:
    """The sentences for ``rows`` (the whole table of the page's filters)."""
    return Summary(region=_region(rows), countries=[_country(rows, code) for code in CENTRAL_ASIA])
