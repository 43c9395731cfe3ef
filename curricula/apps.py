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
        from . import receivers  # noqa: PLC0415 (it imports models, which load after the app registry)

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
        pagecache.watch(*self.get_models())
