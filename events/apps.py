from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from accounts.memberships import StandingSource, register_standing
from core import pagecache


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events")

    def ready(self) -> None:
        # Once models load: the e-mail preparers, and what a person's own data holds.
        from . import attendance, emails, offers, participants, reminders  # noqa: F401, PLC0415

        participants.register_privacy()

        from .models import (  # noqa: PLC0415
            REGISTRATIONS,
            AgendaItem,
            Event,
            EventQuestion,
            EventSeries,
            Feedback,
            HostingRecord,
            Registration,
            RegistrationAnswer,
            RotationMember,
            WaitlistOffer,
        )

        # A person's registrations, by event, read with their memberships: the event
        # page and the join-link rule then ask nothing more of someone not registered.
        register_standing(StandingSource(REGISTRATIONS, Registration, "event", "status"))

        # Rare changes named on many pages. Calendar tokens and history rows show on
        # no visitor's page.
        pagecache.watch(EventSeries, RotationMember, HostingRecord)
        # The lists, the event's page, and the library (an event's materials).
        pagecache.watch(Event, scopes=lambda event: ("events", f"event:{event.pk}", "knowledge"))
        # Counts and places left show on the event's page alone: the lists and the
        # calendar show no counts (templates/events/partials/_event_card.html).
        pagecache.watch(
            AgendaItem,
            EventQuestion,
            Registration,
            scopes=lambda row: (f"event:{row.event_id}",),
        )
        pagecache.watch(
            RegistrationAnswer,
            WaitlistOffer,
            Feedback,
            scopes=lambda row: (f"event:{row.registration.event_id}",),
        )
