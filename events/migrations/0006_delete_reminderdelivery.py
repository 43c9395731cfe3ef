from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0005_reminders_to_outbox"),
    ]

    operations = [migrations.DeleteModel(name="ReminderDelivery")]
