"""Demo programmes for the seeded universities (marked ``is_demo``).

Realistic but invented: degree levels, ECTS and durations follow the Bologna
cycles (bachelor 240 ECTS, master 120, doctorate 180, short courses under 60),
languages and currencies follow the country, and each programme teaches skills
of the taxonomy found by keywords. Idempotent: programmes are matched on
(university, slug) and their skills replaced.
"""

import random
from datetime import date

from django.db import transaction
from django.db.models import Q
from django.utils.text import slugify

from core.bilingual import text_in
from universities.models import Language, University

from .models import Field, Programme, ProgrammeSkill, Skill

# (English title, Russian title, ISCED-F code, skill keywords)
THEMES = [
    ("Renewable Energy Systems", "Возобновляемые энергетические системы", "0713",
     ["solar", "wind", "renewable", "photovoltaic", "energy storage"]),
    ("Power Systems and Smart Grids", "Энергосистемы и интеллектуальные сети", "0713",
     ["grid", "electricity", "power", "transmission", "distribution"]),
    ("Electric Vehicles and Battery Technology", "Электромобили и аккумуляторные технологии", "0716",
     ["batter", "electric vehicle", "charging", "automotive"]),
    ("Mining Engineering and Critical Minerals", "Горное дело и критически важные минералы", "0724",
     ["mining", "mineral", "ore", "geolog", "extract"]),
    ("Coal Chemistry and Carbon Materials", "Углехимия и углеродные материалы", "0711",
     ["coal", "chemical", "carbon", "material"]),
    ("Hydrogen Technologies", "Водородные технологии", "0713",
     ["hydrogen", "fuel cell", "gas", "electroly"]),
    ("Energy Efficiency in Buildings", "Энергоэффективность зданий", "0732",
     ["energy efficien", "heating", "building", "insulat", "ventilation"]),
    ("Energy Economics and Policy", "Экономика и политика в энергетике", "0311",
     ["energy market", "policy", "econom", "tariff", "project management"]),
    ("Environmental Engineering and Land Remediation", "Инженерная экология и рекультивация земель", "0712",
     ["environment", "remediat", "waste", "pollution", "water"]),
    ("Digital Energy and Data Science", "Цифровая энергетика и наука о данных", "0688",
     ["data", "software", "digital", "automation", "control system"]),
]  # fmt: skip

DEGREES = [
    # degree, ECTS, months, title prefix (en, ru)
    (Programme.Degree.BACHELOR, 240, 48, "", ""),
    (Programme.Degree.MASTER, 120, 24, "", ""),
    (Programme.Degree.DOCTORATE, 180, 36, "", ""),
    (Programme.Degree.SHORT_COURSE, 15, 4, "Certificate: ", "Сертификат: "),
]
LOCAL = {"KZ": ("kk", "KZT", 1_200_000), "UZ": ("uz", "UZS", 14_000_000), "KG": ("ky", "KGS", 90_000),
         "TJ": ("tg", "TJS", 9_000), "TM": ("tk", "TMT", 12_000)}  # fmt: skip
TECHNICAL = ("technic", "polytechn", "energ", "engineer", "mining", "oil", "industr", "geolog")


def _skills_for(keywords: list[str]) -> list[Skill]:
    query = Q()
    for keyword in keywords:
        query |= Q(name_en__icontains=keyword)
    return list(Skill.objects.filter(query, is_group=False).order_by("pk")[:40])


def _universities(limit: int) -> list[University]:
    universities = list(University.objects.in_central_asia().order_by("slug"))
    technical = [
        u for u in universities if any(k in text_in(u, "name", "en").lower() for k in TECHNICAL)
    ]
    others = [u for u in universities if u not in technical]
    return (technical + others)[:limit]


@transaction.atomic
def load_demo_programmes(limit: int = 70) -> int:
    languages = {language.code: language for language in Language.objects.all()}
    fields = {field.code: field for field in Field.objects.all()}
    skills_by_theme = {theme[0]: _skills_for(theme[3]) for theme in THEMES}
    count = 0
    for university in _universities(limit):
        rng = random.Random(university.slug)
        local, currency, fee = LOCAL.get(university.country, ("ru", "USD", 3000))
        for title_en, title_ru, code, _keywords in rng.sample(THEMES, 4):
            degree, ects, months, prefix_en, prefix_ru = rng.choice(DEGREES)
            programme, _created = Programme.objects.update_or_create(
                university=university,
                slug=slugify(f"{degree}-{title_en}")[:110],
                defaults={
                    "title_en": f"{prefix_en}{title_en}",
                    "title_ru": f"{prefix_ru}{title_ru}",
                    "degree": degree,
                    "ects": ects if degree != Programme.Degree.SHORT_COURSE else rng.choice([6, 10, 15, 30]),
                    "duration_months": months,
                    "field": fields.get(code),
                    "delivery": rng.choice(["on_site", "on_site", "blended", "online"]),
                    "intake": rng.choice([15, 20, 25, 30, 40, 60, 90, 120]),
                    "tuition_free": rng.random() < 0.2,
                    "tuition_per_year": fee * rng.choice([1, 1, 2]),
                    "currency": currency,
                    "start_months": "9" if degree != Programme.Degree.SHORT_COURSE else "2, 9",
                    "application_deadline": date(2027, rng.choice([5, 6, 7]), rng.choice([1, 15, 30])),
                    "description_en": f"{title_en} at {text_in(university, "name", "en")}: a demo programme built for the energy transition.",
                    "description_ru": f"{title_ru}: демонстрационная программа для энергетического перехода.",
                    "status": Programme.Status.PUBLISHED,
                    "last_reviewed": date(2026, rng.randint(1, 10), 1),
                    "is_demo": True,
                },
            )  # fmt: skip
            taught = [languages["ru"], languages[local]]
            if degree != Programme.Degree.BACHELOR or rng.random() < 0.3:
                taught.append(languages["en"])
            programme.languages.set(taught)
            pool = skills_by_theme[title_en]
            chosen = rng.sample(pool, min(len(pool), rng.randint(4, 8)))
            programme.programme_skills.all().delete()
            ProgrammeSkill.objects.bulk_create(
                ProgrammeSkill(programme=programme, skill=skill, level=_level(degree, rng))
                for skill in chosen
            )
            programme.refresh_search_document()
            count += 1
    return count


def _level(degree: str, rng: random.Random) -> int:
    if degree in (Programme.Degree.MASTER, Programme.Degree.DOCTORATE):
        return rng.choice([2, 3, 3])
    if degree == Programme.Degree.SHORT_COURSE:
        return rng.choice([1, 2])
    return rng.choice([1, 2, 2, 3])
