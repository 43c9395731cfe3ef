from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from accounts import memberships
from core import pagecache


class IndustryConfig(AppConfig):
    name = "industry"
    verbose_name = _("Industry")

    def ready(self) -> None:
        from .models import OrganisationMembership  # noqa: PLC0415 (models load after the app registry)

        memberships.register(
            memberships.MembershipKind(
                key="organisation",
                model=OrganisationMembership,
                label=_("Industry partner"),
                target_label=_("organisation"),
            )
        )
        pagecache.watch(*(m for m in self.get_models() if m.__name__ != "DigestDelivery"))
