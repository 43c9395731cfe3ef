"""The strengths matrix: universities (rows) by research areas (columns), with the
number of universities of each country that declare a strength in each area."""

from dataclasses import dataclass

from .models import ResearchArea, Strength, University


@dataclass(frozen=True)
class MatrixRow:
    university: University
    cells: list[Strength | None]  # one per area, None where no strength is declared


@dataclass(frozen=True)
class CountryTotals:
    country: str  # the country's name, in the active language
    cells: list[int]  # one per area: how many of its universities declare a strength


@dataclass(frozen=True)
class Matrix:
    areas: list[ResearchArea]
    rows: list[MatrixRow]  # by university name
    country_totals: list[CountryTotals]  # by country name


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
    return Matrix(
        areas=areas,
        rows=[
            MatrixRow(university=university, cells=[levels[pk].get(a.pk) for a in areas])
            for pk, university in universities.items()
        ],
        country_totals=[
            CountryTotals(country=name, cells=[counts.get(a.pk, 0) for a in areas])
            for name, counts in sorted(totals.items())
        ],
    )
