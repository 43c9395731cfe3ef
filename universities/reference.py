"""Reference rows of universities: the research areas and the languages of instruction.

Data migrations write them with the historical models (``apps`` of the migration);
tests and the benchmark, which empty the tables, call the same functions.
"""

from django.apps import apps as installed_apps
from django.apps.registry import Apps

# The energy-transition themes on which universities declare strengths:
# (slug, English, Russian).
RESEARCH_AREAS: list[tuple[str, str, str]] = [
    ("renewable-energy", "Renewable energy", "Возобновляемая энергетика"),
    (
        "power-systems-smart-grids",
        "Power systems and smart grids",
        "Энергосистемы и интеллектуальные сети",
    ),
    ("energy-efficiency", "Energy efficiency", "Энергоэффективность"),
    ("e-mobility-batteries", "E-mobility and batteries", "Электромобильность и аккумуляторы"),
    ("hydrogen", "Hydrogen", "Водород"),
    (
        "critical-minerals",
        "Critical minerals, lithium and rare-earth elements",
        "Критические минералы, литий и редкоземельные элементы",
    ),
    (
        "coal-chemistry-carbon-materials",
        "Coal chemistry and advanced carbon materials (graphene, nanotubes)",
        "Углехимия и передовые углеродные материалы (графен, нанотрубки)",
    ),
    (
        "mine-closure-remediation",
        "Mine closure and land remediation",
        "Закрытие шахт и рекультивация земель",
    ),
    ("water-energy-nexus", "Water–energy nexus", "Взаимосвязь воды и энергии"),
    (
        "climate-adaptation",
        "Climate adaptation and resilience",
        "Адаптация к изменению климата и устойчивость",
    ),
    ("energy-economics-policy", "Energy economics and policy", "Экономика и политика в энергетике"),
    (
        "just-transition",
        "Just transition and social dialogue",
        "Справедливый переход и социальный диалог",
    ),
    (
        "digitalisation-ai-energy",
        "Digitalisation and AI for energy",
        "Цифровизация и ИИ в энергетике",
    ),
]


# ISO 639 codes of the languages taught in the region and by its partners.
LANGUAGES: list[tuple[str, str, str]] = [
    ("kk", "Kazakh", "Казахский"),
    ("ru", "Russian", "Русский"),
    ("en", "English", "Английский"),
    ("uz", "Uzbek", "Узбекский"),
    ("ky", "Kyrgyz", "Кыргызский"),
    ("tg", "Tajik", "Таджикский"),
    ("tk", "Turkmen", "Туркменский"),
    ("kaa", "Karakalpak", "Каракалпакский"),
    ("zh", "Chinese", "Китайский"),
    ("tr", "Turkish", "Турецкий"),
    ("de", "German", "Немецкий"),
    ("fr", "French", "Французский"),
    ("ko", "Korean", "Корейский"),
]


def research_areas_create(apps: Apps = installed_apps) -> None:
    ResearchArea = apps.get_model("universities", "ResearchArea")
    for position, (slug, name_en, name_ru) in enumerate(RESEARCH_AREAS, start=1):
        ResearchArea.objects.update_or_create(
            slug=slug, defaults={"name_en": name_en, "name_ru": name_ru, "position": position * 10}
        )


def languages_create(apps: Apps = installed_apps) -> None:
    Language = apps.get_model("universities", "Language")
    for position, (code, name_en, name_ru) in enumerate(LANGUAGES):
        Language.objects.update_or_create(
            code=code, defaults={"name_en": name_en, "name_ru": name_ru, "position": position}
        )
