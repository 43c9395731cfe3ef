from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from accounts import memberships
from core import pagecache


class IndustryConfig(AppConfig):
    name = "industry"
    verbose_name = _("Industry")

    def ready(self) -> None:
        from . import notifications  # noqa: F401, PLC0415 (registers the e-mail preparers once models load)
        from .models import OrganisationMembership  # noqa: PLC0415 (models load after the app registry)

        memberships.register(
            memberships.MembershipKind(
                key="organisation",
                model=OrganisationMembership,
                label=_("Industry partner"),
                target_label=_("organisation"),
            )
        )
        pagecache.watch(*self.get_models())
