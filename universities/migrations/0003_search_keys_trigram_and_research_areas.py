from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

from universities.reference import research_areas_create
from universities.search import search_key


def fill_search_keys(apps, schema_editor):
    University = apps.get_model("universities", "University")
    for university in University.objects.all():
        names = [university.name_en, university.name_ru, university.name_local, university.short_name]
        names += university.aliases.splitlines()
        university.search_key = " | ".join(search_key(n) for n in names if n.strip())
        university.save(update_fields=["search_key"])


def create_research_areas(apps, schema_editor):
    research_areas_create(apps)


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
