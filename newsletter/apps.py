from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core import pagecache


class NewsletterConfig(AppConfig):
    name = "newsletter"
    verbose_name = _("Newsletter")

    def ready(self) -> None:
        # Once models load: the preparers of the confirmation and issue e-mails.
        from . import notifications  # noqa: F401, PLC0415
        from .models import Issue  # noqa: PLC0415

        # Subscribers and their consents show on no visitor's page.
        pagecache.watch(Issue)
