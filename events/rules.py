"""Who may schedule the platform's webinars, conferences and trainings."""

import rules

from accounts.rules import is_coordinator

can_schedule_events = is_coordinator

rules.add_perm("events.schedule_events", can_schedule_events)
