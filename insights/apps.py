from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core import pagecache


class InsightsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "insights"
    verbose_name = _("Skill gaps")

    def ready(self) -> None:
        pagecache.watch(*self.get_models())
