import django.db.models.deletion
from django.db import migrations, models

import events.models


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0003_rotation_blackout_validator"),
        ("universities", "0005_seed_languages"),
    ]

    operations = [
        migrations.AddField(
            model_name="event",
            name="archived_at",
            field=models.DateTimeField(
                blank=True, editable=False, null=True, verbose_name="archived"
            ),
        ),
        migrations.AlterField(
            model_name="event",
            name="slides",
            field=models.FileField(
                blank=True, upload_to=events.models.slides_path, verbose_name="slides (PDF)"
            ),
        ),
        migrations.AlterField(
            model_name="registration",
            name="event",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="registrations",
                to="events.event",
            ),
        ),
        migrations.AlterField(
            model_name="rotationmember",
            name="university",
            field=models.OneToOneField(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="rotation_member",
                to="universities.university",
            ),
        ),
        migrations.AlterField(
            model_name="hostingrecord",
            name="university",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="universities.university",
            ),
        ),
    ]
