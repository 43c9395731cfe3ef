from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InsightsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "insights"
    verbose_name = _("Skill gaps")

    def ready(self):
        from core import pagecache

        pagecache.watch(*self.get_models())
