"""The curated energy-transition taxonomy: ESCO's skills in scope, each under a
theme, and the platform's own concepts where ESCO has none.

The scope rule (README, "The skills taxonomy"): a skill is kept when a university
would teach it for one of the platform's themes (the research areas); skills of
other domains are out. ``data/taxonomy_review.csv`` is the reviewed list, one row
per ESCO skill of the bundled selection (``scripts/taxonomy_review.py`` proposes
it; the decisions are checked by hand). Skills that are out are retired, not
deleted: what refers to them keeps its history.

The data migration, the seed and the tests call the same functions, with the
migration's ``apps`` or the installed ones.
"""

import csv
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from pathlib import Path

from django.apps import apps as installed_apps
from django.apps.registry import Apps
from django.utils import timezone

from .concepts import CONCEPTS

REVIEW = Path(__file__).resolve().parent / "data" / "taxonomy_review.csv"
LANGUAGE_CODES = ("en", "ru", "kk", "uz")


@dataclass(frozen=True)
class Decision:
    keep: bool
    theme: str
    reason: str


@cache
def review() -> dict[str, Decision]:
    """The reviewed decision for each ESCO skill, by URI."""
    with REVIEW.open(encoding="utf-8", newline="") as handle:
        return {
            row["uri"]: Decision(row["decision"] == "keep", row["theme"], row["reason"])
            for row in csv.DictReader(handle)
        }


def out_of_scope() -> set[str]:
    return {uri for uri, decision in review().items() if not decision.keep}


@dataclass(frozen=True)
class Curated:
    themed: int
    retired: int
    concepts: int


def taxonomy_curate(apps: Apps = installed_apps, now: datetime | None = None) -> Curated:
    """Give each kept ESCO skill its theme (where it has none yet: a coordinator's
    choice stays), retire the skills out of scope, and write the platform concepts
    (matched on their slug; their texts are updated, a retirement is kept)."""
    skill_model = apps.get_model("curricula", "Skill")
    area_model = apps.get_model("universities", "ResearchArea")
    areas = {area.slug: area for area in area_model.objects.all()}
    now = now or timezone.now()
    by_theme: dict[str, list[str]] = {}
    for uri, decision in review().items():
        if decision.keep and decision.theme in areas:
            by_theme.setdefault(decision.theme, []).append(uri)
    themed = sum(
        skill_model.objects.filter(esco_uri__in=uris, theme__isnull=True).update(theme=areas[slug])
        for slug, uris in by_theme.items()
    )
    retired = skill_model.objects.filter(
        esco_uri__in=out_of_scope(), retired_at__isnull=True
    ).update(retired_at=now)
    concepts = 0
    for concept in CONCEPTS:
        if concept.theme not in areas:
            continue
        names = dict(zip(LANGUAGE_CODES, concept.names, strict=True))
        skill_model.objects.update_or_create(
            slug=concept.slug,
            defaults={
                **{f"name_{code}": name for code, name in names.items()},
                "description_en": concept.definition_en,
                "description_ru": concept.definition_ru,
                "kind": concept.kind,
                "origin": "platform",
                "theme": areas[concept.theme],
                "source": concept.source,
            },
        )
        concepts += 1
    return Curated(themed=themed, retired=retired, concepts=concepts)
