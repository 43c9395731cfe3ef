from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        # Registered once the models are loaded: e-mail preparers and sign-in receivers.
        from . import audit, mfa, notifications  # noqa: F401, PLC0415
