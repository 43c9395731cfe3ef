"""Load ISCED-F 2013 fields and the ESCO energy-transition skills from the bundled data.

ESCO v1.1.1 is published by the European Commission (reuse under Decision
2011/833/EU, source acknowledged on every page). ESCO has no Russian labels:
those in ``*_ru.csv`` are the platform's own translations. Idempotent: fields
are matched on their code and skills on their ESCO URI.
"""

import csv
from pathlib import Path

from django.db import transaction
from django.utils.text import slugify

from .models import Field, Skill
from .taxonomy import out_of_scope, taxonomy_curate

DATA_DIR = Path(__file__).resolve().parent / "data"
ISCED_PREFIX = "http://data.europa.eu/esco/isced-f/"


def _read(name: str) -> list[dict]:
    path = DATA_DIR / name
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


@transaction.atomic
def load_fields() -> int:
    russian = {row["code"]: row["name_ru"] for row in _read("isced_f_2013_ru.csv")}
    rows = sorted(_read("isced_f_2013.csv"), key=lambda r: len(r["code"]))
    by_code = {f.code: f for f in Field.objects.all()}
    for row in rows:
        values = {
            "level": row["level"],
            "name_en": row["name_en"],
            "name_ru": _capitalised(russian.get(row["code"], "")),
            "parent": by_code.get(row["parent_code"]),
            "esco_uri": row["esco_uri"],
        }
        field, _created = Field.objects.update_or_create(code=row["code"], defaults=values)
        by_code[field.code] = field
    return len(rows)


def _skill_records() -> dict[str, dict]:
    """ESCO concepts by URI: the selected skills, then their ancestors (not ISCED fields)."""
    records: dict[str, dict] = {}
    dropped = out_of_scope()
    for row in _read("esco_energy_skills.csv"):
        if row["uri"] in dropped:
            continue  # out of the platform's scope (the reviewed list, curricula/taxonomy.py)
        records[row["uri"]] = {
            "name_en": row["label_en"],
            "kind": Skill.Kind.KNOWLEDGE if row["skill_type"] == "knowledge" else Skill.Kind.SKILL,
            "broader_uri": row["broader_uri"],
            "description_en": row["description_en"],
            "alt_labels": row["alt_labels_en"].replace(" | ", "\n"),
            "green": row["esco_green_collection"] == "1",
            "is_group": False,
        }
    for row in _read("esco_energy_skill_ancestors.csv"):
        if row["uri"] in records or row["uri"].startswith(ISCED_PREFIX):
            continue
        records[row["uri"]] = {
            "name_en": row["label_en"],
            "kind": Skill.Kind.SKILL,
            "broader_uri": row["broader_uri"].split("|")[0],
            "description_en": row["description_en"],
            "alt_labels": "",
            "green": False,
            "is_group": row["concept_type"] == "SkillGroup",
        }
    return records


def _field_code(uri: str, records: dict[str, dict]) -> str | None:
    """Follow broader links up to an ISCED-F field, if the chain reaches one."""
    seen = set()
    while uri and uri not in seen:
        if uri.startswith(ISCED_PREFIX):
            return uri.removeprefix(ISCED_PREFIX)
        seen.add(uri)
        uri = records.get(uri, {}).get("broader_uri", "")
    return None


@transaction.atomic
def load_skills() -> int:
    records = _skill_records()
    russian = {row["uri"]: row["label_ru"] for row in _read("esco_skills_ru.csv")}
    fields = {f.code: f for f in Field.objects.all()}
    existing = {s.esco_uri: s for s in Skill.objects.filter(esco_uri__in=records)}
    used_slugs = set(Skill.objects.values_list("slug", flat=True))
    to_create, to_update = [], []
    for uri, record in records.items():
        values = {k: v for k, v in record.items() if k != "broader_uri"}
        values["field"] = fields.get(_field_code(uri, records) or "")
        if russian.get(uri):
            values["name_ru"] = russian[uri]
        skill = existing.get(uri)
        if skill is None:
            skill = Skill(esco_uri=uri, slug=_unique_slug(record["name_en"], used_slugs), **values)
            to_create.append(skill)
        else:
            for key, value in values.items():
                setattr(skill, key, value)
            to_update.append(skill)
    Skill.objects.bulk_create(to_create, batch_size=500)
    update_fields = [
        "name_en",
        "kind",
        "description_en",
        "alt_labels",
        "green",
        "is_group",
        "field",
    ]
    if russian:
        update_fields.append("name_ru")
    Skill.objects.bulk_update(to_update, update_fields, batch_size=500)
    _link_broader(records)
    taxonomy_curate()
    return len(records)


def _unique_slug(name: str, used: set[str]) -> str:
    base = slugify(name)[:140] or "skill"
    slug, n = base, 2
    while slug in used:
        slug, n = f"{base}-{n}", n + 1
    used.add(slug)
    return slug


def _link_broader(records: dict[str, dict]) -> None:
    by_uri = dict(Skill.objects.filter(esco_uri__in=records).values_list("esco_uri", "id"))
    skills = list(Skill.objects.filter(esco_uri__in=records))
    for skill in skills:
        skill.broader_id = by_uri.get(records[skill.esco_uri]["broader_uri"])
    Skill.objects.bulk_update(skills, ["broader"], batch_size=500)
