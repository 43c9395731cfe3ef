"""Reference rows of curricula: the accreditation agencies of the maintained list
(``curricula/data/agencies.csv``: the EQAR-registered agencies that work in the
region and the agencies of the national registers, with their register entries).

The data migration loads them with the historical models; tests and the seed call
the same function. Rows are matched on their slug and updated, never duplicated.
"""

import csv
from pathlib import Path
from typing import Any

from django.apps import apps as installed_apps
from django.apps.registry import Apps

AGENCIES = Path(__file__).resolve().parent / "data" / "agencies.csv"


def agency_rows() -> list[dict[str, str]]:
    with AGENCIES.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def agencies_load(apps: Apps | Any = installed_apps) -> int:
    """Create or update every agency of the list; returns how many there are."""
    agency = apps.get_model("curricula", "AccreditationAgency")
    rows = agency_rows()
    for row in rows:
        agency.objects.update_or_create(
            slug=row["slug"], defaults={k: v for k, v in row.items() if k != "slug"}
        )
    return len(rows)
