from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """Shared parts that are not about any one kind of content: the page cache, the
    e-mail builder, bilingual helpers, uploads, slugs, time zones, view helpers."""

    name = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        autodiscover_modules("personal")  # each app's personal parts (core/personal.py)
