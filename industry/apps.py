from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from accounts import memberships
from core import pagecache


class IndustryConfig(AppConfig):
    name = "industry"
    verbose_name = _("Industry")

    def ready(self) -> None:
        # Once models load: the e-mail preparers, and what a person's own data holds.
        from . import notifications, privacy  # noqa: F401, PLC0415
        from .models import OrganisationMembership  # noqa: PLC0415 (models load after the app registry)

        memberships.register(
            memberships.MembershipKind(
                key="organisation",
                model=OrganisationMembership,
                label=_("Industry partner"),
                target_label=_("organisation"),
            )
        )
        privacy.register_privacy()
        pagecache.watch(*self.get_models())
