from django.db import migrations

from accounts.reference import coordinators_group_create


def create_group(apps, schema_editor):
    coordinators_group_create(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_group, migrations.RunPython.noop)]
