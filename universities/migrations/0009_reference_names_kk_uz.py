from django.db import migrations

from universities.reference import reference_names_fill


def kazakh_and_uzbek_names(apps, schema_editor):
    reference_names_fill(apps)


class Migration(migrations.Migration):
    dependencies = [("universities", "0008_translated_content")]

    operations = [migrations.RunPython(kazakh_and_uzbek_names, migrations.RunPython.noop)]
