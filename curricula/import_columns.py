"""The one column set of the programme import and export, and a programme as the
cells of its row (``cells``): what the export writes and the import reads back."""

from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from core.bilingual import columns

from .models import Field, Programme

COLUMNS = [
    "slug", *columns("title"), "degree", "field", "ects", "duration_months", "languages",
    "delivery", "intake", "tuition_free", "tuition_per_year", "tuition_international",
    "currency", "official_url", "application_url", "entry_degree", "language_test",
    "language_level", *columns("entry_requirements"), *columns("description"),
    *columns("learning_outcomes"), "intakes", "skills", "partners", "accreditations",
    "last_reviewed", "status", "university",
]  # fmt: skip
LEVEL_NAMES = {1: "basic", 2: "intermediate", 3: "advanced"}
# The columns holding lists, and the scalar fields the form cleans.
LISTS = ["languages", "intakes", "skills", "partners", "accreditations"]
FIELDS = [name for name in COLUMNS if name not in {"slug", "university", *LISTS}]


# --- a programme as the cells of its row ---------------------------------------------


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Field):
        return value.code
    return str(value)


def _month(day: date) -> str:
    return day.strftime("%Y-%m") if day.day == 1 else day.isoformat()


def relation_cells(
    *,
    languages: Iterable[str],
    intakes: Mapping[date, date],
    skills: Iterable[tuple[str, int]],
    partners: Iterable[str],
    accreditations: Iterable[tuple[str, str, date, date, str]],
) -> dict[str, str]:
    """The list columns, each in one order whatever the order given."""
    return {
        "languages": ";".join(sorted(languages)),
        "intakes": "; ".join(
            f"{_month(start)}:{deadline.isoformat()}" for start, deadline in sorted(intakes.items())
        ),
        "skills": "; ".join(f"{slug}:{LEVEL_NAMES[level]}" for slug, level in sorted(skills)),
        "partners": ";".join(sorted(partners)),
        "accreditations": "; ".join(
            ":".join(filter(None, [slug, decision, decided.isoformat(), until.isoformat(), url]))
            for slug, decision, decided, until, url in sorted(accreditations)
        ),
    }


def cells(programme: Programme) -> dict[str, str]:
    """The row of ``programme`` in the import columns (its relations prefetched:
    languages, partners, intakes, programme_skills with skills, accreditations with
    agencies)."""
    row = {name: _text(getattr(programme, name)) for name in FIELDS}
    row.update(
        relation_cells(
            languages=[language.code for language in programme.languages.all()],
            intakes={i.starts_on: i.application_deadline for i in programme.intakes.all()},
            skills=[(ps.skill.slug, ps.level) for ps in programme.programme_skills.all()],
            partners=[partner.slug for partner in programme.partners.all()],
            accreditations=[
                (a.agency.slug, a.decision, a.decided_on, a.valid_until, a.report_url)
                for a in programme.accreditations.all()
            ],
        )
    )
    row["slug"] = programme.slug
    row["university"] = programme.university.slug
    return {name: row[name] for name in COLUMNS}
