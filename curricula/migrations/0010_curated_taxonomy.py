"""Curate the taxonomy already loaded: themes for the skills in scope, the skills
out of scope retired (kept for history), and the platform concepts added."""

from django.db import migrations

from curricula.taxonomy import taxonomy_curate


def curate(apps, schema_editor):
    # A new database gets the taxonomy, curated, from the seed (curricula.seed).
    if apps.get_model("curricula", "Skill").objects.exists():
        taxonomy_curate(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("curricula", "0009_skill_themes_origin_retirement"),
        ("universities", "0008_translated_content"),
    ]

    operations = [migrations.RunPython(curate, migrations.RunPython.noop)]
