"""Demonstration organisations (marked as demo content)."""

from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from curricula.models import Programme, Skill

from .models import NeedResponse, NeedSkill, Organisation, SkillNeed

DEMO_ORGANISATIONS = [
    {
        "slug": "demo-steppe-power-grid",
        "name_en": "Steppe Power Grid (demo)",
        "name_ru": "Степная электросеть (демо)",
        "sector": Organisation.Sector.ENERGY_UTILITY,
        "country": "KZ",
        "city": "Astana",
        "description_en": (
            "A transmission operator modernising substations and integrating wind farms."
        ),
        "description_ru": (
            "Оператор магистральных сетей: модернизация подстанций и подключение ветропарков."
        ),
    },
    {
        "slug": "demo-karaganda-carbon-materials",
        "name_en": "Karaganda Carbon Materials (demo)",
        "name_ru": "Карагандинские углеродные материалы (демо)",
        "sector": Organisation.Sector.MINING_METALS,
        "country": "KZ",
        "city": "Karaganda",
        "description_en": (
            "Turns coal into graphene, carbon nanotubes and rare-earth concentrates."
        ),
        "description_ru": "Перерабатывает уголь в графен, углеродные нанотрубки и концентраты РЗЭ.",
    },
    {
        "slug": "demo-fergana-solar",
        "name_en": "Fergana Solar (demo)",
        "name_ru": "Фергана Солар (демо)",
        "sector": Organisation.Sector.ENERGY_UTILITY,
        "country": "UZ",
        "city": "Fergana",
        "description_en": "Builds and runs utility-scale photovoltaic plants with battery storage.",
        "description_ru": "Строит и эксплуатирует крупные солнечные электростанции с накопителями.",
    },
    {
        "slug": "demo-tian-shan-hydro",
        "name_en": "Tian Shan Hydro (demo)",
        "name_ru": "Тянь-Шань Гидро (демо)",
        "sector": Organisation.Sector.ENERGY_UTILITY,
        "country": "KG",
        "city": "Bishkek",
        "description_en": "Operates small hydropower plants and plans pumped storage.",
        "description_ru": "Эксплуатирует малые ГЭС и планирует гидроаккумулирующие станции.",
    },
    {
        "slug": "demo-pamir-e-mobility",
        "name_en": "Pamir E-Mobility (demo)",
        "name_ru": "Памир Э-Мобилити (демо)",
        "sector": Organisation.Sector.EMOBILITY_BATTERIES,
        "country": "TJ",
        "city": "Dushanbe",
        "description_en": "Electric buses and charging networks for Central Asian cities.",
        "description_ru": "Электробусы и зарядные сети для городов Центральной Азии.",
    },
]


@transaction.atomic
def load_demo_organisations() -> list[Organisation]:
    organisations = []
    for values in DEMO_ORGANISATIONS:
        data = dict(values)
        slug = data.pop("slug")
        organisation, _created = Organisation.objects.update_or_create(
            slug=slug, defaults={**data, "is_demo": True, "verified": True}
        )
        organisations.append(organisation)
    return organisations


# (organisation slug, title, kind, headcount, months ahead, skill keywords, background)
DEMO_NEEDS = [
    ("demo-steppe-power-grid", "Substation automation engineers", "hiring", 6, 8,
     ["grid", "electricity", "automation"], "Digital substations replace relay panels across northern Kazakhstan."),
    ("demo-steppe-power-grid", "Wind integration internships", "internships", 10, 5,
     ["wind", "electricity"], "New wind farms must be balanced against a coal-heavy grid."),
    ("demo-steppe-power-grid", "Grid code training for dispatchers", "upskilling", 25, 10,
     ["electricity", "power"], "Dispatchers need to handle variable renewable output safely."),
    ("demo-karaganda-carbon-materials", "Graphene from coal: joint research", "research", 4, 18,
     ["coal", "carbon", "chemical"], "Coal tar pitch can be refined into graphene and nanotubes."),
    ("demo-karaganda-carbon-materials", "Process chemists for carbon materials", "hiring", 8, 9,
     ["chemical", "material"], "A pilot line for carbon materials opens next year."),
    ("demo-karaganda-carbon-materials", "Thesis topics on mine-water treatment", "thesis", 5, 12,
     ["water", "mining", "environment"], "Closed shafts leak mine water into the Nura basin."),
    ("demo-fergana-solar", "Photovoltaic plant operators", "hiring", 12, 6,
     ["solar", "photovoltaic"], "Three plants of 100 MW each need operation teams."),
    ("demo-fergana-solar", "Battery storage guest lecturers", "guest_lecturers", 2, 7,
     ["batter", "energy storage"], "Storage changes how plants bid into the market."),
    ("demo-fergana-solar", "Solar resource assessment internships", "internships", 6, 4,
     ["solar", "data"], "Satellite and ground data must be reconciled for new sites."),
    ("demo-tian-shan-hydro", "Pumped storage feasibility study", "research", 3, 20,
     ["water", "energy storage", "hydro"], "Seasonal water and winter peaks call for pumped storage."),
    ("demo-tian-shan-hydro", "Hydropower maintenance technicians", "upskilling", 30, 11,
     ["maintenance", "electricity"], "Ageing small plants need predictive maintenance."),
    ("demo-pamir-e-mobility", "Electric bus depot engineers", "hiring", 9, 7,
     ["electric vehicle", "charging", "batter"], "Dushanbe replaces diesel buses with electric ones."),
    ("demo-pamir-e-mobility", "Battery recycling research partners", "research", 3, 24,
     ["batter", "waste", "recycl"], "Used traction batteries need a safe second life or recycling."),
    ("demo-pamir-e-mobility", "Charging network planners (thesis)", "thesis", 4, 14,
     ["charging", "data"], "Where to place chargers in a mountain city?"),
]  # fmt: skip


@transaction.atomic
def load_demo_needs() -> int:
    """Demo needs with skills, a few with responses; matched on (organisation, title)."""
    today = timezone.localdate()
    organisations = {o.slug: o for o in Organisation.objects.filter(is_demo=True)}
    count = 0
    for index, (slug, title, kind, headcount, months, keywords, background) in enumerate(
        DEMO_NEEDS
    ):
        organisation = organisations.get(slug)
        if organisation is None:
            continue
        need, _created = SkillNeed.objects.update_or_create(
            organisation=organisation,
            title_en=title,
            defaults={
                "kind": kind,
                "headcount": headcount,
                "needed_by": today + timedelta(days=months * 30),
                "country": organisation.country,
                "city": organisation.city,
                "background_en": background,
                "must_haves_en": "Degree in a related field\nRussian or English at working level",
                "offers_paid_internships": kind == "internships",
                "offers_co_supervision": kind in ("research", "thesis"),
                "contact_name": "Demo contact",
                "contact_email": f"needs@{slug}.example",
                "visibility": "members" if index % 5 == 4 else "public",
                "is_demo": True,
            },
        )
        query = Q()
        for keyword in keywords:
            query |= Q(name_en__icontains=keyword)
        skills = list(
            Skill.objects.filter(query, is_group=False, programme_skills__isnull=False)
            .distinct()
            .order_by("pk")[:4]
        )
        need.need_skills.all().delete()
        NeedSkill.objects.bulk_create(
            NeedSkill(need=need, skill=skill, level=2 + (i + index) % 2)
            for i, skill in enumerate(skills)
        )
        need.refresh_search_document()
        if index % 3 == 0 and skills:
            programme = (
                Programme.objects.published()
                .filter(programme_skills__skill=skills[0], university__country=organisation.country)
                .select_related("university")
                .first()
            )
            if programme is not None:
                response, _ = NeedResponse.objects.get_or_create(
                    need=need,
                    university=programme.university,
                    defaults={
                        "message": "Our graduates and staff can help (demo response).",
                        "contact_email": "demo@university.example",
                    },
                )
                response.programmes.set([programme])
                SkillNeed.objects.filter(pk=need.pk, first_response_at__isnull=True).update(
                    first_response_at=response.created_at
                )
        count += 1
    return count
