"""A synthetic region at a chosen scale, inserted in bulk.

Everything here is generated (names such as "Bench University 17"); the ESCO skills
and ISCED-F fields are the real ones. Rows are inserted with ``bulk_create`` in
batches, so the large scale (100,000 users, 200,000 registrations) loads in minutes.
"""

import random
from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import Model
from django.utils import timezone

from accounts.models import User
from curricula.models import Field, Programme, ProgrammeSkill, Skill
from curricula.seed import load_fields, load_skills
from events.models import Event, Registration, new_registration_code
from industry.models import NeedSkill, Organisation, SkillNeed
from insights.supply import supply_rebuild
from knowledge.models import KnowledgeItem
from universities.cities import city_key
from universities.countries import CENTRAL_ASIA
from universities.models import ResearchArea, Strength, University
from universities.search import search_key

BATCH = 2000


@dataclass(frozen=True)
class Scale:
    universities: int
    programmes: int
    organisations: int
    needs: int
    users: int
    events: int
    registrations: int
    items: int = 0


SCALES = {
    "tiny": Scale(10, 60, 5, 40, 50, 10, 100, 12),
    "small": Scale(100, 5_000, 500, 2_000, 10_000, 500, 20_000, 500),
    "large": Scale(1_000, 50_000, 5_000, 20_000, 100_000, 5_000, 200_000, 5_000),
}
CITIES = ["Almaty", "Astana", "Tashkent", "Samarkand", "Bishkek", "Osh", "Dushanbe", "Ashgabat"]


def _bulk[M: Model](model: type[M], rows: list[M]) -> list[M]:
    return model._default_manager.bulk_create(rows, batch_size=BATCH)


@transaction.atomic
def seed_region(scale: Scale, *, seed: int = 2026) -> dict[str, int]:
    """Insert the region; returns how many rows of each kind were made."""
    rng = random.Random(seed)
    if not Skill.objects.exists():
        load_fields()
        load_skills()
    skills = list(Skill.objects.filter(is_group=False).values_list("pk", flat=True))
    fields = list(Field.objects.filter(level="detailed").values_list("pk", flat=True))
    areas = list(ResearchArea.objects.values_list("pk", flat=True))
    now = timezone.now()

    universities = _bulk(
        University,
        [
            University(
                name_en=f"Bench University {i}",
                name_ru=f"Тестовый университет {i}",
                slug=f"bench-university-{i}",
                country=CENTRAL_ASIA[i % 5],
                city_en=CITIES[i % len(CITIES)],
                city_key=city_key(CITIES[i % len(CITIES)]),
                latitude=40 + rng.random() * 10,
                longitude=60 + rng.random() * 20,
                search_key=search_key(f"Bench University {i} Тестовый университет {i}"),
            )
            for i in range(scale.universities)
        ],
    )
    _bulk(
        Strength,
        [
            Strength(university=u, area_id=area, level=rng.randint(1, 3))
            for u in universities
            for area in rng.sample(areas, 3)
        ],
    )
    programmes = _bulk(
        Programme,
        [
            Programme(
                university=universities[i % len(universities)],
                title_en=f"Energy Programme {i}",
                title_ru=f"Энергетическая программа {i}",
                slug=f"energy-programme-{i}",
                degree="master",
                ects=120,
                field_id=rng.choice(fields),
                intake=rng.randint(10, 120),
                status="published",
                search_document=search_key(f"Energy Programme {i} grids solar batteries"),
            )
            for i in range(scale.programmes)
        ],
    )
    _bulk(
        ProgrammeSkill,
        [
            ProgrammeSkill(programme=p, skill_id=skill, level=rng.randint(1, 3))
            for p in programmes
            for skill in rng.sample(skills, 4)
        ],
    )
    supply_rebuild()  # bulk inserts send no signals: the gap page's supply, grouped
    organisations = _bulk(
        Organisation,
        [
            Organisation(
                name_en=f"Bench Company {i}",
                slug=f"bench-company-{i}",
                sector="energy_utility",
                country=CENTRAL_ASIA[i % 5],
            )  # fmt: skip
            for i in range(scale.organisations)
        ],
    )
    needs = _bulk(
        SkillNeed,
        [
            SkillNeed(
                organisation=organisations[i % len(organisations)],
                title_en=f"Engineers needed {i}",
                kind="hiring",
                headcount=rng.randint(1, 40),
                country=CENTRAL_ASIA[i % 5],
                needed_by=(now + timedelta(days=rng.randint(10, 700))).date(),
                search_document=search_key(f"Engineers needed {i} grids"),
                created_at=now - timedelta(days=rng.randint(0, 90)),
            )
            for i in range(scale.needs)
        ],
    )
    _bulk(
        NeedSkill,
        [
            NeedSkill(need=n, skill_id=skill, level=rng.randint(1, 3))
            for n in needs
            for skill in rng.sample(skills, 3)
        ],
    )
    password = make_password("bench-pass-2026")
    users = _bulk(
        User,
        [
            User(email=f"bench{i}@bench.local", password=password, full_name=f"Bench User {i}")
            for i in range(scale.users)
        ],
    )
    events = _bulk(
        Event,
        [
            Event(
                title_en=f"Bench webinar {i}",
                kind="webinar",
                format="online",
                start=now + timedelta(days=1 + i % 300, hours=i % 7),
                end=now + timedelta(days=1 + i % 300, hours=i % 7 + 1),
                status="published",
                capacity_online=None,
                join_url="https://meet.example.org/bench",
            )
            for i in range(scale.events)
        ],
    )
    pairs: set[tuple[int, int]] = set()
    while len(pairs) < min(scale.registrations, len(users) * len(events)):
        pairs.add((rng.randrange(len(users)), rng.randrange(len(events))))
    # Codes drawn apart: 200,000 random codes would meet one another about once in
    # fifty seeds, which one at a time they do not.
    codes: set[str] = set()
    while len(codes) < len(pairs):
        codes.add(new_registration_code())
    _bulk(
        Registration,
        [
            Registration(
                user=users[u], event=events[e], mode="online", status="confirmed", code=code
            )
            for (u, e), code in zip(pairs, codes, strict=True)
        ],
    )
    kinds = [kind for kind, _label in KnowledgeItem.Kind.choices]
    items = _bulk(
        KnowledgeItem,
        [
            KnowledgeItem(
                kind=kinds[i % len(kinds)],
                title_en=f"Bench report {i} on grids and batteries",
                body_en="What the region's utilities and universities found. " * 8,
                status=KnowledgeItem.Status.PUBLISHED,
                published_on=(now - timedelta(days=i % 900)).date(),
                published_at=now - timedelta(days=i % 900),
                search_document=search_key(f"Bench report {i} grids batteries"),
            )
            for i in range(scale.items)
        ],
    )
    through = KnowledgeItem.universities.through
    _bulk(
        through,
        [through(knowledgeitem=item, university=universities[i % len(universities)])
         for i, item in enumerate(items)],
    )  # fmt: skip
    return {
        "universities": len(universities),
        "programmes": len(programmes),
        "organisations": len(organisations),
        "needs": len(needs),
        "users": len(users),
        "events": len(events),
        "registrations": len(pairs),
        "library items": len(items),
    }
