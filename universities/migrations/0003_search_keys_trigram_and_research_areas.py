from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

from universities.search import search_key

RESEARCH_AREAS = [
    ("renewable-energy", "Renewable energy", "Возобновляемая энергетика"),
    ("power-systems-smart-grids", "Power systems and smart grids", "Энергосистемы и интеллектуальные сети"),
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
    ("mine-closure-remediation", "Mine closure and land remediation", "Закрытие шахт и рекультивация земель"),
    ("water-energy-nexus", "Water–energy nexus", "Взаимосвязь воды и энергии"),
    ("climate-adaptation", "Climate adaptation and resilience", "Адаптация к изменению климата и устойчивость"),
    ("energy-economics-policy", "Energy economics and policy", "Экономика и политика в энергетике"),
    ("just-transition", "Just transition and social dialogue", "Справедливый переход и социальный диалог"),
    ("digitalisation-ai-energy", "Digitalisation and AI for energy", "Цифровизация и ИИ в энергетике"),
]


def fill_search_keys(apps, schema_editor):
    University = apps.get_model("universities", "University")
    for university in University.objects.all():
        names = [university.name_en, university.name_ru, university.name_local, university.short_name]
        names += university.aliases.splitlines()
        university.search_key = " | ".join(search_key(n) for n in names if n.strip())
        university.save(update_fields=["search_key"])


def create_research_areas(apps, schema_editor):
    ResearchArea = apps.get_model("universities", "ResearchArea")
    for position, (slug, name_en, name_ru) in enumerate(RESEARCH_AREAS, start=1):
        ResearchArea.objects.update_or_create(
            slug=slug, defaults={"name_en": name_en, "name_ru": name_ru, "position": position * 10}
        )


def add_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS university_search_key_trgm "
            "ON universities_university USING gin (search_key gin_trgm_ops)"
        )


def drop_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS university_search_key_trgm")


class Migration(migrations.Migration):
    dependencies = [("universities", "0002_researcharea_university_founded_year_and_more")]

    operations = [
        TrigramExtension(),
        migrations.RunPython(fill_search_keys, migrations.RunPython.noop),
        migrations.RunPython(create_research_areas, migrations.RunPython.noop),
        migrations.RunPython(add_trigram_index, drop_trigram_index),
    ]
