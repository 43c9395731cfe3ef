"""Who may schedule events, keep a hosted event's logistics, see join links, and see a
draft (coordinators and the host's staff; anyone sees a published or cancelled event).
An archived event is seen by coordinators only, who may restore it."""

import rules

from accounts.rules import is_coordinator
from universities.models import UniversityMembership

from .models import Event, Registration, registration_status


@rules.predicate
def is_host_staff(user, event) -> bool:
    return (
        event is not None
        and event.host_id is not None
        and UniversityMembership.holds(user, event.host, roles=UniversityMembership.EDITING_ROLES)
    )


@rules.predicate
def is_confirmed_registrant(user, event) -> bool:
    # From the person's standing, read once per request with their memberships.
    return event is not None and registration_status(user, event) == Registration.Status.CONFIRMED


@rules.predicate
def is_not_draft(user, event) -> bool:
    return event is not None and event.status != Event.Status.DRAFT


@rules.predicate
def is_not_archived(user, event) -> bool:
    return event is not None and event.archived_at is None


can_schedule_events = is_coordinator
can_edit_logistics = is_coordinator | is_host_staff
can_see_join_link = is_coordinator | is_host_staff | is_confirmed_registrant
can_view_event = (
    (is_not_archived & is_not_draft) | is_coordinator | (is_not_archived & is_host_staff)
)

# Who changed what: those who keep the event (coordinators, the host's staff); an
# archived one's, like the archived event itself, for coordinators only.
can_view_event_history = is_coordinator | (is_not_archived & is_host_staff)

rules.add_perm("events.schedule_events", can_schedule_events)
rules.add_perm("events.edit_logistics", can_edit_logistics)
rules.add_perm("events.see_join_link", can_see_join_link)
rules.add_perm("events.view_event", can_view_event)
rules.add_perm("events.view_event_history", can_view_event_history)
# The list of who takes part: coordinators and the host's staff, nobody else.
rules.add_perm("events.view_participants", is_coordinator | is_host_staff)
# Participation statistics (with personal data), check-in and attendance files:
# coordinators and the host's staff.
rules.add_perm("events.view_statistics", is_coordinator | is_host_staff)
rules.add_perm("events.record_attendance", is_coordinator | is_host_staff)

# --- attendance ---

# --- offers and feedback ---
# Feedback: a confirmed participant gives it; coordinators and the host's staff read it.
rules.add_perm("events.give_feedback", is_confirmed_registrant & is_not_draft)
rules.add_perm("events.view_feedback", is_coordinator | is_host_staff)
