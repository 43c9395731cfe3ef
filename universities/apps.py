from typing import TYPE_CHECKING

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from accounts import memberships
from core import pagecache

if TYPE_CHECKING:
    from .models import Activity, Strength


class UniversitiesConfig(AppConfig):
    name = "universities"
    verbose_name = _("Universities")

    def ready(self) -> None:
        # Models load after the app registry.
        from .models import (  # noqa: PLC0415
            Activity,
            Language,
            ResearchArea,
            Strength,
            University,
            UniversityMembership,
        )

        memberships.register(
            memberships.MembershipKind(
                key="university",
                model=UniversityMembership,
                label=_("University staff"),
                target_label=_("university"),
            )
        )
        pagecache.watch(Language, University, ResearchArea)  # named on every kind of page
        pagecache.watch(Strength, Activity, scopes=university_profile)
        # Staff memberships and the history rows show on no visitor's page.


def university_profile(row: "Strength | Activity") -> tuple[str, ...]:
    return ("directory", f"university:{row.university.slug}")
