from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core import pagecache


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events")

    def ready(self) -> None:
        # Once models load: the e-mail preparers, and what a person's own data holds.
        from . import attendance, emails, offers, participants, reminders  # noqa: F401, PLC0415

        participants.register_privacy()

        private = {"CalendarToken"}  # never shown on a public page
        pagecache.watch(*(m for m in self.get_models() if m.__name__ not in private))
