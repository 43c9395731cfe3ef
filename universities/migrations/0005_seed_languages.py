from django.db import migrations

from universities.reference import languages_create


def add_languages(apps, schema_editor):
    languages_create(apps)


class Migration(migrations.Migration):
    dependencies = [("universities", "0004_languages_logo_bologna")]

    operations = [migrations.RunPython(add_languages, migrations.RunPython.noop)]
