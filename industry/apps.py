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

        # Models load after the app registry.
        from .models import (  # noqa: PLC0415
            NeedResponse,
            NeedSkill,
            Organisation,
            OrganisationMembership,
            ResponseMessage,
            SkillNeed,
        )

        memberships.register(
            memberships.MembershipKind(
                key="organisation",
                model=OrganisationMembership,
                label=_("Industry partner"),
                target_label=_("organisation"),
            )
        )
        privacy.register_privacy()
        # An organisation is named on needs, the library's items and the home page.
        pagecache.watch(Organisation)
        # A need is demand on the skill gaps; its skills, too.
        pagecache.watch(SkillNeed, NeedSkill, scopes=lambda row: ("needs", "gaps"))
        pagecache.watch(NeedResponse, ResponseMessage, scopes=lambda row: ("needs",))
        # Memberships and the history rows show on no visitor's page.
