from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("industry", "0004_digests_to_outbox"),
    ]

    operations = [
        migrations.DeleteModel(
            name="DigestDelivery",
        ),
    ]
