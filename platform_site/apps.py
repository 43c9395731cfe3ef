from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlatformSiteConfig(AppConfig):
    name = "platform_site"
    verbose_name = _("Platform")

    def ready(self):
        from core import pagecache

        from . import checks  # noqa: F401  (registers the system checks)

        pagecache.watch(*self.get_models())  # the demo-data notice
