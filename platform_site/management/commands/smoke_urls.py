from typing import Any

from django.core.management.base import BaseCommand
from django.urls import NoReverseMatch, reverse
from django.utils import translation

# Key pages as URL names; those not built yet are skipped.
KEY_PAGES = [
    "home",
    "account_login",
    "account_signup",
    "universities:list",
    "universities:map",
    "universities:strengths",
    "curricula:skill_list",
    "curricula:programme_list",
    "insights:gaps",
    "industry:need_list",
    "industry:organisation_list",
    "events:list",
]


class Command(BaseCommand):
    help = "Print the paths of the key pages that exist, in English and in Russian."

    def handle(self, *args: Any, **options: Any) -> None:
        paths = ["/healthz"]
        for language in ("en", "ru"):
            with translation.override(language):
                for name in KEY_PAGES:
                    try:
                        paths.append(reverse(name))
                    except NoReverseMatch:
                        continue
        self.stdout.write("\n".join(paths))
