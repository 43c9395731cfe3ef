from typing import TYPE_CHECKING

from django.apps import AppConfig
from django.db.models import Q, fields
from django.utils.translation import gettext_lazy as _

from core import pagecache
from universities import signals

if TYPE_CHECKING:
    from .models import Programme, Scholarship


class CurriculaConfig(AppConfig):
    name = "curricula"
    verbose_name = _("Curricula")

    def ready(self) -> None:
        # Django's own blank choice ("- Select an option -") has no Russian, Kazakh or
        # Uzbek translation; the one every select of the site shows is ours.
        fields.BLANK_CHOICE_LABEL = _("Choose…")
        # These import models, which load after the app registry; an e-mail's preparer
        # registers when its module loads.
        from . import alerts, receivers  # noqa: F401, PLC0415

        signals.university_archived.connect(
            receivers.archive_programmes, dispatch_uid="curricula.archive_programmes"
        )
        signals.university_restored.connect(
            receivers.restore_programmes, dispatch_uid="curricula.restore_programmes"
        )
        signals.university_renamed.connect(
            receivers.refresh_programme_documents,
            dispatch_uid="curricula.refresh_programme_documents",
        )
        # What a visitor's page shows; a student's saved programmes and searches, an
        # import's progress and the history rows are nobody else's page.
        from .models import (  # noqa: PLC0415
            Accreditation,
            AccreditationAgency,
            Field,
            Intake,
            LearningOutcome,
            Programme,
            ProgrammePartner,
            ProgrammeSkill,
            Scholarship,
            Skill,
            SkillMerge,
        )

        pagecache.watch(Field, Skill, SkillMerge, AccreditationAgency)  # named everywhere
        pagecache.watch(Programme, scopes=programme_pages)
        pagecache.watch(
            ProgrammeSkill, ProgrammePartner, scopes=lambda row: programme_pages(row.programme)
        )
        pagecache.watch(Intake, LearningOutcome, Accreditation, scopes=lambda row: ("catalogue",))
        pagecache.watch(Scholarship, scopes=scholarship_pages)


def programme_pages(programme: "Programme") -> tuple[str, ...]:
    """The catalogue, the skill gaps (the supply of its skills) and the profiles of its
    university and of the partners of a joint programme."""
    from universities.models import University  # noqa: PLC0415

    from .models import ProgrammePartner  # noqa: PLC0415

    partners = ProgrammePartner.objects.filter(programme_id=programme.pk).values("university_id")
    slugs = University.objects.filter(
        Q(pk=programme.university_id) | Q(pk__in=partners)
    ).values_list("slug", flat=True)
    return ("catalogue", "gaps", *(f"university:{slug}" for slug in slugs))


def scholarship_pages(row: "Scholarship") -> tuple[str, ...]:
    return ("catalogue", f"university:{row.university.slug}")
