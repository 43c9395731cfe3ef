from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core import pagecache

from . import checks  # noqa: F401  (registers the system checks)


class PlatformSiteConfig(AppConfig):
    name = "platform_site"
    verbose_name = _("Platform")

    def ready(self) -> None:
        pagecache.watch(*self.get_models())  # the demo-data notice
