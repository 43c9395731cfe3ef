"""The stored supply of the programmes already there (see insights.supply)."""

from django.db import migrations
from django.db.models import Count, Sum


def fill(apps, schema_editor):
    programme_skill = apps.get_model("curricula", "ProgrammeSkill")
    supply_cell = apps.get_model("insights", "SupplyCell")
    rows = (
        programme_skill.objects.filter(
            programme__status="published", programme__intake__isnull=False
        )
        .order_by()
        .values("skill", "programme__university__country", "level")
        .annotate(places=Sum("programme__intake"), programmes=Count("programme"))
    )
    supply_cell.objects.bulk_create(
        (
            supply_cell(
                skill_id=row["skill"],
                country=row["programme__university__country"],
                level=row["level"],
                places=row["places"],
                programmes=row["programmes"],
            )
            for row in rows
        ),
        batch_size=2000,
    )


def empty(apps, schema_editor):
    apps.get_model("insights", "SupplyCell").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("insights", "0002_supply"),
        ("curricula", "0014_import_job_lease"),
        ("universities", "0009_reference_names_kk_uz"),
    ]

    operations = [migrations.RunPython(fill, empty)]
