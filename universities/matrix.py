"""The strengths matrix: universities (rows) by research areas (columns), with the
number of universities of each country that declare a strength in each area, and
totals per area and per university.

Headers stay readable: each area has a short label (its name up to the first
parenthesis, comma or "and"), the full name being in the header's title and in a
legend; each university one label, its short name or else its name, shortened,
the full name being in the row's title."""

import re
from dataclasses import dataclass

from core.bilingual import active_language

from .models import ResearchArea, Strength, University

AREA_LABEL_CHARS = 26
UNIVERSITY_LABEL_CHARS = 30
# "and" in each interface language: a long area name is cut before it.
_CONJUNCTIONS = {"en": " and ", "ru": " и ", "kk": " және ", "uz": " va "}
_NAMED_AFTER = re.compile(r"\s+(named after|имени|атындағы|nomidagi)\s.*$", re.IGNORECASE)


def _shorten(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:–-") + "…"


def area_label(name: str, language: str | None = None) -> str:
    """A research area's name short enough for a column header: up to its first
    parenthesis or comma, then, if still long, up to its first "and"."""
    label = re.split(r"\s*[(,]", name, maxsplit=1)[0].strip() or name
    conjunction = _CONJUNCTIONS.get(language or active_language(), " and ")
    if len(label) > AREA_LABEL_CHARS and conjunction in label:
        head = label.split(conjunction, 1)[0]
        if len(head) >= 8:
            label = head
    return _shorten(label, AREA_LABEL_CHARS)


def university_label(university: University) -> str:
    """The one name a university goes by in the matrix: its short name, or else its
    name without "named after …", shortened."""
    if university.short_name:
        return university.short_name
    return _shorten(_NAMED_AFTER.sub("", university.name), UNIVERSITY_LABEL_CHARS)


@dataclass(frozen=True)
class AreaColumn:
    area: ResearchArea
    label: str  # short, for the header
    total: int  # how many of the universities shown declare a strength in it

    @property
    def name(self) -> str:
        return self.area.name

    @property
    def shortened(self) -> bool:
        return self.label != self.area.name


@dataclass(frozen=True)
class MatrixRow:
    university: University
    cells: list[Strength | None]  # one per area, None where no strength is declared

    @property
    def label(self) -> str:
        return university_label(self.university)

    @property
    def total(self) -> int:
        """How many areas the university declares a strength in."""
        return sum(1 for cell in self.cells if cell is not None)


@dataclass(frozen=True)
class CountryTotals:
    country: str  # the country's name, in the active language
    cells: list[int]  # one per area: how many of its universities declare a strength

    @property
    def total(self) -> int:
        return sum(self.cells)


@dataclass(frozen=True)
class Matrix:
    areas: list[ResearchArea]
    rows: list[MatrixRow]  # by the label each university goes by
    country_totals: list[CountryTotals]  # by country name

    @property
    def columns(self) -> list[AreaColumn]:
        labels = [area_label(area.name) for area in self.areas]
        repeated = {label for label in labels if labels.count(label) > 1}
        return [
            AreaColumn(
                area=area,
                label=area.name if label in repeated else label,
                total=sum(1 for row in self.rows if row.cells[index] is not None),
            )
            for index, (area, label) in enumerate(zip(self.areas, labels, strict=True))
        ]

    @property
    def total(self) -> int:
        """Every declared strength shown."""
        return sum(row.total for row in self.rows)


def strengths_matrix(*, country: str = "", area: ResearchArea | None = None) -> Matrix:
    """The universities with a declared strength, of ``country`` if given, over every
    research area or only ``area``. Two queries, whatever the size."""
    areas = [area] if area is not None else list(ResearchArea.objects.all())
    strengths = Strength.objects.filter(university__archived_at__isnull=True).select_related(
        "university"
    )
    if country:
        strengths = strengths.filter(university__country=country)
    if area is not None:
        strengths = strengths.filter(area=area)
    levels: dict[int, dict[int, Strength]] = {}
    universities: dict[int, University] = {}
    totals: dict[str, dict[int, int]] = {}
    for strength in strengths.order_by("university__name_en"):
        university = strength.university
        universities.setdefault(university.pk, university)
        levels.setdefault(university.pk, {})[strength.area_id] = strength
        counts = totals.setdefault(university.get_country_display(), {})
        counts[strength.area_id] = counts.get(strength.area_id, 0) + 1
    rows = [
        MatrixRow(university=university, cells=[levels[pk].get(a.pk) for a in areas])
        for pk, university in universities.items()
    ]
    return Matrix(
        areas=areas,
        # In the order of what the rows show, so that a reader finds a name.
        rows=sorted(rows, key=lambda row: row.label.casefold()),
        country_totals=[
            CountryTotals(country=name, cells=[counts.get(a.pk, 0) for a in areas])
            for name, counts in sorted(totals.items())
        ],
    )
