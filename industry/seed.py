"""Demonstration organisations (marked as demo content)."""

from django.db import transaction

from .models import Organisation

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
