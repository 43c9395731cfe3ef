"""Reference rows of universities: the research areas and the languages of instruction.

Data migrations write them with the historical models (``apps`` of the migration);
tests and the benchmark, which empty the tables, call the same functions. A
historical model gets only the columns it has (the Kazakh and Uzbek names came with
migration 0008), and ``reference_names_fill`` adds the names of later languages to
existing rows without overwriting a name someone typed.
"""

from typing import Any

from django.apps import apps as installed_apps
from django.apps.registry import Apps
from django.db import models

# The energy-transition themes on which universities declare strengths:
# (slug, English, Russian, Kazakh, Uzbek).
RESEARCH_AREAS: list[tuple[str, str, str, str, str]] = [
    (
        "renewable-energy",
        "Renewable energy",
        "Возобновляемая энергетика",
        "Жаңартылатын энергетика",
        "Qayta tiklanuvchi energetika",
    ),
    (
        "power-systems-smart-grids",
        "Power systems and smart grids",
        "Энергосистемы и интеллектуальные сети",
        "Энергожүйелер және зияткерлік желілер",
        "Energetika tizimlari va aqlli tarmoqlar",
    ),
    (
        "energy-efficiency",
        "Energy efficiency",
        "Энергоэффективность",
        "Энергия тиімділігі",
        "Energiya samaradorligi",
    ),
    (
        "e-mobility-batteries",
        "E-mobility and batteries",
        "Электромобильность и аккумуляторы",
        "Электр көлігі және аккумуляторлар",
        "Elektr transporti va akkumulyatorlar",
    ),
    ("hydrogen", "Hydrogen", "Водород", "Сутегі", "Vodorod"),
    (
        "critical-minerals",
        "Critical minerals, lithium and rare-earth elements",
        "Критические минералы, литий и редкоземельные элементы",
        "Сыни маңызды минералдар, литий және сирек жер элементтері",
        "Kritik minerallar, litiy va noyob yer elementlari",
    ),
    (
        "coal-chemistry-carbon-materials",
        "Coal chemistry and advanced carbon materials (graphene, nanotubes)",
        "Углехимия и передовые углеродные материалы (графен, нанотрубки)",
        "Көмірхимиясы және озық көміртекті материалдар (графен, нанотүтікшелер)",
        "Koʻmir kimyosi va ilgʻor uglerod materiallari (grafen, nanotrubkalar)",
    ),
    (
        "mine-closure-remediation",
        "Mine closure and land remediation",
        "Закрытие шахт и рекультивация земель",
        "Шахталарды жабу және жерлерді рекультивациялау",
        "Shaxtalarni yopish va yerlarni rekultivatsiya qilish",
    ),
    (
        "water-energy-nexus",
        "Water–energy nexus",
        "Взаимосвязь воды и энергии",
        "Су мен энергияның өзара байланысы",
        "Suv va energiyaning oʻzaro bogʻliqligi",
    ),
    (
        "climate-adaptation",
        "Climate adaptation and resilience",
        "Адаптация к изменению климата и устойчивость",
        "Климаттың өзгеруіне бейімделу және орнықтылық",
        "Iqlim oʻzgarishiga moslashish va barqarorlik",
    ),
    (
        "energy-economics-policy",
        "Energy economics and policy",
        "Экономика и политика в энергетике",
        "Энергетика экономикасы және саясаты",
        "Energetika iqtisodiyoti va siyosati",
    ),
    (
        "just-transition",
        "Just transition and social dialogue",
        "Справедливый переход и социальный диалог",
        "Әділетті көшу және әлеуметтік диалог",
        "Adolatli oʻtish va ijtimoiy muloqot",
    ),
    (
        "digitalisation-ai-energy",
        "Digitalisation and AI for energy",
        "Цифровизация и ИИ в энергетике",
        "Энергетикадағы цифрландыру және жасанды интеллект",
        "Energetikada raqamlashtirish va sunʼiy intellekt",
    ),
]


# ISO 639 codes of the languages taught in the region and by its partners:
# (code, English, Russian, Kazakh, Uzbek).
LANGUAGES: list[tuple[str, str, str, str, str]] = [
    ("kk", "Kazakh", "Казахский", "Қазақ тілі", "Qozoq tili"),
    ("ru", "Russian", "Русский", "Орыс тілі", "Rus tili"),
    ("en", "English", "Английский", "Ағылшын тілі", "Ingliz tili"),
    ("uz", "Uzbek", "Узбекский", "Өзбек тілі", "Oʻzbek tili"),
    ("ky", "Kyrgyz", "Кыргызский", "Қырғыз тілі", "Qirgʻiz tili"),
    ("tg", "Tajik", "Таджикский", "Тәжік тілі", "Tojik tili"),
    ("tk", "Turkmen", "Туркменский", "Түрікмен тілі", "Turkman tili"),
    ("kaa", "Karakalpak", "Каракалпакский", "Қарақалпақ тілі", "Qoraqalpoq tili"),
    ("zh", "Chinese", "Китайский", "Қытай тілі", "Xitoy tili"),
    ("tr", "Turkish", "Турецкий", "Түрік тілі", "Turk tili"),
    ("de", "German", "Немецкий", "Неміс тілі", "Nemis tili"),
    ("fr", "French", "Французский", "Француз тілі", "Fransuz tili"),
    ("ko", "Korean", "Корейский", "Корей тілі", "Koreys tili"),
]


def _names(en: str, ru: str, kk: str, uz: str) -> dict[str, str]:
    return {"name_en": en, "name_ru": ru, "name_kk": kk, "name_uz": uz}


def _columns_of(model: type[models.Model], values: dict[str, Any]) -> dict[str, Any]:
    """``values`` without the columns a historical ``model`` does not have yet."""
    known = {field.name for field in model._meta.get_fields()}
    return {name: value for name, value in values.items() if name in known}


def research_areas_create(apps: Apps = installed_apps) -> None:
    ResearchArea = apps.get_model("universities", "ResearchArea")
    for position, (slug, *names) in enumerate(RESEARCH_AREAS, start=1):
        values = {**_names(*names), "position": position * 10}
        ResearchArea.objects.update_or_create(slug=slug, defaults=_columns_of(ResearchArea, values))


def languages_create(apps: Apps = installed_apps) -> None:
    Language = apps.get_model("universities", "Language")
    for position, (code, *names) in enumerate(LANGUAGES):
        values = {**_names(*names), "position": position}
        Language.objects.update_or_create(code=code, defaults=_columns_of(Language, values))


def reference_names_fill(apps: Apps = installed_apps) -> int:
    """Give existing research areas and languages their Kazakh and Uzbek names where
    those are still empty (a name someone typed stays); returns how many names were
    written."""
    written = 0
    for model_name, key, rows in [
        ("ResearchArea", "slug", RESEARCH_AREAS),
        ("Language", "code", LANGUAGES),
    ]:
        model = apps.get_model("universities", model_name)
        for value, _en, _ru, kk, uz in rows:
            for column, name in [("name_kk", kk), ("name_uz", uz)]:
                empty = model.objects.filter(**{key: value, column: ""})
                written += empty.update(**{column: name})
    return written
