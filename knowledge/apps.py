from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core import pagecache


class KnowledgeConfig(AppConfig):
    name = "knowledge"
    verbose_name = _("Knowledge library")

    def ready(self) -> None:
        # Once models load: the preparers of the workflow's e-mails.
        from . import notifications  # noqa: F401, PLC0415

        pagecache.watch(*self.get_models())
