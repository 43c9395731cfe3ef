from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndustryConfig(AppConfig):
    name = "industry"
    verbose_name = _("Industry")

    def ready(self):
        from accounts import memberships
        from core import pagecache

        from .models import Organisation, OrganisationMembership

        memberships.register(
            memberships.MembershipKind(
                key="organisation",
                model=OrganisationMembership,
                label=_("Industry partner"),
                target_label=Organisation._meta.verbose_name,
            )
        )
        pagecache.watch(*(m for m in self.get_models() if m.__name__ != "DigestDelivery"))
