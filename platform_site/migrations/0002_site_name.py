from urllib.parse import urlsplit

from django.conf import settings
from django.db import migrations


def name_site(apps, schema_editor):
    domain = urlsplit(settings.SITE_URL).netloc or "127.0.0.1:8000"
    apps.get_model("sites", "Site").objects.update_or_create(
        pk=settings.SITE_ID,
        defaults={"domain": domain, "name": "Central Asian Regional Platform"},
    )


class Migration(migrations.Migration):
    dependencies = [
        ("platform_site", "0001_initial"),
        ("sites", "0002_alter_domain_unique"),
    ]

    operations = [migrations.RunPython(name_site, migrations.RunPython.noop)]
