from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from accounts import memberships
from core import pagecache


class UniversitiesConfig(AppConfig):
    name = "universities"
    verbose_name = _("Universities")

    def ready(self) -> None:
        from .models import UniversityMembership  # noqa: PLC0415 (models load after the app registry)

        memberships.register(
            memberships.MembershipKind(
                key="university",
                model=UniversityMembership,
                label=_("University staff"),
                target_label=_("university"),
            )
        )
        pagecache.watch(*self.get_models())
