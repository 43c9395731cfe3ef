from collections.abc import Sequence
from typing import Any

from django.apps import AppConfig
from django.conf import settings
from django.core.checks import CheckMessage, Warning, register


@register(deploy=True)
def secret_key_is_configured(
    app_configs: Sequence[AppConfig] | None, **kwargs: Any
) -> list[CheckMessage]:
    if getattr(settings, "SECRET_KEY_IS_EPHEMERAL", False):
        return [
            Warning(
                "DJANGO_SECRET_KEY is not set: a throw-away key is in use, so sessions "
                "and e-mail links break at every restart and differ between processes.",
                hint="Set DJANGO_SECRET_KEY (or DJANGO_SECRET_KEY_FILE).",
                id="platform_site.W001",
            )
        ]
    return []


@register()
def page_cache_is_shared(
    app_configs: Sequence[AppConfig] | None, **kwargs: Any
) -> list[CheckMessage]:
    backend = settings.CACHES["default"]["BACKEND"]
    if settings.PAGE_CACHE_SECONDS > 0 and backend.endswith("LocMemCache"):
        return [
            Warning(
                "The page cache is on with a per-process cache: a change made in one "
                "process (another web worker, Celery) shows in the others only when "
                "their copies expire.",
                hint="Set CACHE_URL to a shared Redis, or PAGE_CACHE_SECONDS=0.",
                id="platform_site.W002",
            )
        ]
    return []
