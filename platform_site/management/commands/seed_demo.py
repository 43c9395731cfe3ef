from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from platform_site.services import DEMO_ACCOUNTS, DEMO_PASSWORD, demo_data_load


class Command(BaseCommand):
    help = "Load the real universities, ISCED-F fields, ESCO skills and demo accounts and content."

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEMO_DATA_ALLOWED:
            raise CommandError(
                "Demo data (with demo accounts and a known password) is disabled here. "
                "Set DJANGO_DEMO_DATA=1 to load it anyway."
            )
        counts = demo_data_load()
        summary = ", ".join(f"{n} {what}" for what, n in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Demo data loaded: {summary}."))
        self.stdout.write(f"Demo accounts (password: {DEMO_PASSWORD}):")
        for email, *_rest in DEMO_ACCOUNTS:
            self.stdout.write(f"  {email}")
