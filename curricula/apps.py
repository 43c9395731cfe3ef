from django.apps import AppConfig
from django.db.models import fields
from django.utils.translation import gettext_lazy as _

from core import pagecache
from universities import signals


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
        # What a visitor's page shows; a student's saved programmes and searches and
        # an import's progress are nobody else's page.
        private = {"SavedProgramme", "SavedSearch", "ImportJob"}
        pagecache.watch(*(m for m in self.get_models() if m.__name__ not in private))
