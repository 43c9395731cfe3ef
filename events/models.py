# Events, registrations and reminders arrive with the events feature.
