"""Load the real universities of the five Central Asian countries from the bundled data.

Sources (see DATA_SOURCES.md): Hipo's university-domains-list (MIT) with
curated current and Russian names, and GeoNames cities (CC BY 4.0) for
coordinates. The English and Russian names of the cities are the current official
ones chosen in ``cities.CURRENT_NAMES`` (its docstring gives the rule), not
GeoNames' first candidate. Idempotent: universities are matched on their slug.
"""

import csv
import random
from decimal import Decimal
from pathlib import Path

from django.db import transaction
from django.utils.text import slugify

from core.bilingual import columns, text_in

from . import signals
from .cities import city_columns, gazetteer
from .models import Activity, ResearchArea, Strength, University

DATA_DIR = Path(__file__).resolve().parent / "data"


def _read(name: str) -> list[dict[str, str]]:
    path = DATA_DIR / name
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def university_rows() -> list[dict]:
    """The seed rows, as field values for University."""
    cities = gazetteer()
    rows = []
    for row in _read("universities_central_asia_enriched.csv"):
        name_en = row["current_name_en"] or row["name_en"]
        aliases = [a.strip() for a in row["aliases"].split(";") if a.strip()]
        if row["current_name_en"] and row["name_en"] != row["current_name_en"]:
            aliases.insert(0, row["name_en"])
        city = cities.get((row["country_code"], row["city"])) if row["city"] else None
        names = city_columns(row["country_code"], row["city"]) if city else {}
        names = {column: names.get(column, "") for column in columns("city")}
        rows.append(
            {
                "name_en": name_en,
                "name_ru": row["name_ru"],
                "aliases": "\n".join(dict.fromkeys(aliases)),
                "country": row["country_code"],
                **names,
                "city_en": names.get("city_en") or row["city"],
                "latitude": Decimal(city["lat"]).quantize(Decimal("0.00001")) if city else None,
                "longitude": Decimal(city["lon"]).quantize(Decimal("0.00001")) if city else None,
                "website": row["website"],
                "short_name": next((a for a in aliases if a.isupper() and len(a) <= 12), ""),
            }
        )
    return rows


@transaction.atomic
def load_universities() -> int:
    """Create or update every seed university; returns how many rows were read.

    Side effect: ``signals.university_renamed`` for every university whose names
    changed (curricula rebuilds its programmes' search documents)."""
    rows = university_rows()
    used_slugs: set[str] = set()
    for values in rows:
        slug = slugify(values["name_en"])[:100] or "university"
        if slug in used_slugs:
            slug = f"{slug}-{values['country'].lower()}"
        used_slugs.add(slug)
        before = University.objects.filter(slug=slug).values_list("search_key", flat=True)
        stored_key = before.first()
        university, _ = University.objects.update_or_create(slug=slug, defaults=values)
        if stored_key is not None and stored_key != university.search_key:
            signals.university_renamed.send(sender=University, university=university, by=None)
    return len(rows)


# Demo strengths: technical universities get plausible profiles. Deterministic,
# so that seeding again changes nothing. Marked as demo content.
_THEMES = {
    "techn": ["power-systems-smart-grids", "energy-efficiency", "digitalisation-ai-energy"],
    "energ": ["renewable-energy", "power-systems-smart-grids", "hydrogen"],
    "power": ["power-systems-smart-grids", "renewable-energy"],
    "oil": ["hydrogen", "energy-economics-policy", "climate-adaptation"],
    "min": ["critical-minerals", "mine-closure-remediation", "coal-chemistry-carbon-materials"],
    "geolog": ["critical-minerals", "water-energy-nexus"],
    "agr": ["water-energy-nexus", "climate-adaptation"],
    "econom": ["energy-economics-policy", "just-transition"],
    "national": ["renewable-energy", "climate-adaptation", "just-transition"],
}


@transaction.atomic
def load_demo_strengths(limit: int = 36) -> int:
    areas = {area.slug: area for area in ResearchArea.objects.all()}
    created = 0
    universities = University.objects.in_central_asia().order_by("slug")
    chosen = [
        u for u in universities if any(k in text_in(u, "name", "en").lower() for k in _THEMES)
    ][:limit]
    for university in chosen:
        rng = random.Random(university.slug)
        slugs = {
            s
            for key, values in _THEMES.items()
            if key in text_in(university, "name", "en").lower()
            for s in values
        }
        for slug in sorted(slugs)[:3]:
            Strength.objects.update_or_create(
                university=university,
                area=areas[slug],
                defaults={
                    "level": rng.choice([1, 2, 2, 3]),
                    "statement_en": (
                        f"{text_in(areas[slug], 'name', 'en')}: teaching and applied research (demo)."
                    ),
                    "is_demo": True,
                },
            )
            created += 1
        first = areas[sorted(slugs)[0]]
        Activity.objects.update_or_create(
            university=university,
            title_en=f"{text_in(first, 'name', 'en')} laboratory (demo)",
            defaults={
                "kind": Activity.Kind.LABORATORY,
                "area": first,
                "start_year": 2015 + rng.randrange(9),
                "is_demo": True,
            },
        )
    return created
