from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core import pagecache


class CurriculaConfig(AppConfig):
    name = "curricula"
    verbose_name = _("Curricula")

    def ready(self) -> None:
        pagecache.watch(*self.get_models())
