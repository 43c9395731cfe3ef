from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core import pagecache


class ProgrammeConfig(AppConfig):
    name = "programme"
    verbose_name = _("Conference programme")

    def ready(self) -> None:
        # Once models load: the preparers of the decisions' e-mails, and the rules.
        from . import notifications, rules  # noqa: F401, PLC0415

        pagecache.watch(*self.get_models())
