"""The e-mails of events, each built by ``core.emails`` in the recipient's language
and time zone: registration, change of time or cancellation, reminder, follow-up
and hosting. Registrants get the event's .ics with the join link only when they
hold a confirmed place."""

from typing import Any

from django.core.mail import EmailMultiAlternatives

from core.emails import (
    Attachment,
    build_message,
    email_users,
    ics_attachment,
    link_to,
    send_messages,
)

from .ics import calendar_bytes
from .models import Event, Registration

# One .ics per (event, confirmed?) while a batch of reminders is built.
Calendars = dict[tuple[int, bool], Attachment]


def _calendar(registration: Registration, calendars: Calendars | None = None) -> Attachment:
    event = registration.event
    confirmed = registration.status == Registration.Status.CONFIRMED
    key = (event.pk, confirmed)
    if calendars is not None and key in calendars:
        return calendars[key]
    joinable = {event.pk} if confirmed else set()
    attachment = ics_attachment(calendar_bytes([event], name=event.title, joinable=joinable))
    if calendars is not None:
        calendars[key] = attachment
    return attachment


def _context(registration: Registration) -> dict[str, Any]:
    event = registration.event
    return {
        "event": event,
        "registration": registration,
        "show_join_link": registration.status == Registration.Status.CONFIRMED
        and registration.mode == Registration.Mode.ONLINE,
        "url": link_to(event),
    }


def registration_send(registration: Registration, *, promoted: bool = False) -> int:
    """The confirmation (or waiting-list notice) of ``registration``, with its .ics;
    nothing for a cancelled one. Returns how many were sent."""
    if registration.status == Registration.Status.CANCELLED:
        return 0
    message = build_message(
        "events/email/registration",
        user=registration.user,
        context={**_context(registration), "promoted": promoted},
        attachments=[_calendar(registration)],
    )
    return send_messages([message])


def change_send(event: Event, *, change: str) -> int:
    """Tell every registrant that ``event`` was ``"rescheduled"`` or ``"cancelled"``."""
    registrations = event.registrations.exclude(
        status=Registration.Status.CANCELLED
    ).select_related("user")
    messages = [
        build_message(
            "events/email/change",
            user=registration.user,
            context={**_context(registration), "change": change},
            attachments=[_calendar(registration)],
        )
        for registration in registrations
        if registration.user.is_active and registration.user.email
    ]
    return send_messages(messages)


def reminder_message(
    registration: Registration, *, follow_up: bool, calendars: Calendars
) -> EmailMultiAlternatives:
    """A reminder before the start (with the .ics), or the follow-up with the materials."""
    if follow_up:
        return build_message(
            "events/email/follow_up", user=registration.user, context=_context(registration)
        )
    return build_message(
        "events/email/reminder",
        user=registration.user,
        context=_context(registration),
        attachments=[_calendar(registration, calendars)],
    )


def hosting_send(event: Event) -> int:
    """Tell the host university's staff that they host ``event``, this cycle's conference."""
    if event.host is None:
        return 0
    return email_users(
        event.host.staff_users(),
        "events/email/hosting",
        {"event": event, "url": link_to(event)},
    )
