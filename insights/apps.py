from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save, pre_save
from django.utils.translation import gettext_lazy as _

from core import pagecache
from universities import signals


class InsightsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "insights"
    verbose_name = _("Skill gaps")

    def ready(self) -> None:
        # These import models, which load after the app registry.
        from curricula.models import Programme, ProgrammeSkill, SkillMerge  # noqa: PLC0415
        from universities.models import University  # noqa: PLC0415

        from . import receivers  # noqa: PLC0415
        from .models import GapSnapshot  # noqa: PLC0415

        # The stored supply follows what it is computed from (see insights.supply).
        uid = "insights.supply."
        pre_save.connect(receivers.note_former_skill, ProgrammeSkill, dispatch_uid=uid + "ps")
        post_save.connect(receivers.programme_skill_saved, ProgrammeSkill, dispatch_uid=uid + "ps")
        post_delete.connect(
            receivers.programme_skill_deleted, ProgrammeSkill, dispatch_uid=uid + "ps"
        )
        post_save.connect(receivers.programme_saved, Programme, dispatch_uid=uid + "programme")
        pre_save.connect(receivers.note_former_country, University, dispatch_uid=uid + "uni")
        post_save.connect(receivers.university_saved, University, dispatch_uid=uid + "uni")
        post_save.connect(receivers.skill_merged, SkillMerge, dispatch_uid=uid + "merge")
        for signal in (signals.university_archived, signals.university_restored):
            signal.connect(receivers.university_archived_or_restored, dispatch_uid=uid + "uni")
        # A cell changes only with the rows it is computed from, which retire the pages;
        # a snapshot shows only on the gap pages.
        pagecache.watch(GapSnapshot, scopes=lambda row: ("gaps",))
