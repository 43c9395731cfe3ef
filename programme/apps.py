from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core import pagecache


class ProgrammeConfig(AppConfig):
    name = "programme"
    verbose_name = _("Conference programme")

    def ready(self) -> None:
        # Once models load: the preparers of the decisions' e-mails, and the rules.
        from . import notifications, rules  # noqa: F401, PLC0415
        from .models import Call, CommitteeMember, Contribution, Room, Session, Track  # noqa: PLC0415

        # The event's page links its call and timetable; the library and its items list
        # the sessions' slides and speakers. Reviews, scores, the committee and a
        # person's stars show on no visitor's page.
        pagecache.watch(Call, scopes=lambda call: (f"event:{call.event_id}", "knowledge"))
        # A committee seat gives its holder the timetable editor's button on the event's
        # page, a part kept for each person by their standing, which holds no seats.
        pagecache.watch(CommitteeMember, scopes=lambda seat: (f"event:{seat.call.event_id}",))
        pagecache.watch(Track, Room, Session, Contribution, scopes=lambda row: ("knowledge",))
