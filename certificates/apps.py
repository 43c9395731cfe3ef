from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    name = "certificates"
    verbose_name = _("Certificates and letters")

    def ready(self) -> None:
        # Once models load: the preparers of the certificate and letter e-mails.
        from . import notifications  # noqa: F401, PLC0415
