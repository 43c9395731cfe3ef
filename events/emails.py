"""The e-mails of events, each an outbox row (``core.outbox``) written in the
transaction of the change that causes it: registration (or waiting list), a place
freed for someone waiting, a change of time or a cancellation, and the hosting
e-mail. Their preparers check, when each is sent, that it is still worth sending,
and add the links and the event's .ics (with the join link only for a confirmed
place). The reminders and the follow-up are in ``events.reminders``.

Keys (one e-mail per key, ever):

- ``registration:<registration>:<created stamp>:<status>`` for the confirmation or
  the waiting-list notice, ``…:promoted`` when a freed place goes to someone waiting;
- ``event-change:<event>:<sequence>:<user>`` for a new time or a cancellation;
- ``hosting:<event>:<user>`` for the host university's staff.
"""

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.utils import timezone, translation

from accounts.models import User
from core import outbox
from core.emails import Attachment, absolute_url, ics_attachment

from .attendance import join_link, qr_attachment
from .ics import calendar_bytes
from .models import Event, Registration

REGISTRATION = "events/email/registration"
CHANGE = "events/email/change"
HOSTING = "events/email/hosting"

RESCHEDULED, CANCELLED = "rescheduled", "cancelled"

# Built calendars, by event, version, join link and language: a burst of reminders of
# one event builds its .ics once per language.
_CALENDARS: dict[tuple[int, int, str, bool, str], Attachment] = {}
_CALENDARS_KEPT = 256


def calendar_for(registration: Registration, recipient: User) -> Attachment:
    """``registration``'s event as an .ics in ``recipient``'s language, with the join
    link only for a confirmed place."""
    event = registration.event
    confirmed = registration.status == Registration.Status.CONFIRMED
    language = recipient.preferred_language or settings.LANGUAGE_CODE
    key = (event.pk, event.sequence, str(event.updated_at), confirmed, language)
    attachment = _CALENDARS.get(key)
    if attachment is None:
        joinable = {event.pk} if confirmed else set()
        with translation.override(language):
            content = calendar_bytes([event], name=event.title, joinable=joinable)
        attachment = ics_attachment(content)
        if len(_CALENDARS) >= _CALENDARS_KEPT:
            _CALENDARS.clear()
        _CALENDARS[key] = attachment
    return attachment


def event_link(event: Event) -> Callable[[Any], str]:
    """The event's page, in the recipient's language (evaluated when rendered)."""
    return lambda _user: absolute_url(event.get_absolute_url())


def registrant_context(registration: Registration) -> dict[str, Any]:
    """What every registrant's e-mail shows: the event, their part, the link."""
    event = registration.event
    show_join_link = (
        registration.status == Registration.Status.CONFIRMED
        and registration.mode == Registration.Mode.ONLINE
    )
    return {
        "event": event,
        "registration": registration,
        "show_join_link": show_join_link,
        # The personal join link, through the portal (it records the first click).
        "join_link": (lambda _user: join_link(registration)) if show_join_link else "",
        "url": event_link(event),
    }


def _stamp(registration: Registration) -> str:
    return registration.created_at.strftime("%Y%m%d%H%M%S%f")


# --- enqueueing (called by the services, inside their transaction) ------------------


def registration_enqueue(registration: Registration, *, promoted: bool = False) -> int:
    """The confirmation or waiting-list notice of ``registration`` (or, ``promoted``,
    the news that a freed place is theirs); nothing for a cancelled one."""
    if registration.status == Registration.Status.CANCELLED:
        return 0
    what = "promoted" if promoted else registration.status
    return outbox.enqueue(
        template=REGISTRATION,
        recipients=[registration.user],
        context={"registration": registration, "status": registration.status, "promoted": promoted},
        key=f"registration:{registration.pk}:{_stamp(registration)}:{what}",
    )


def change_enqueue(event: Event, *, change: str) -> int:
    """Tell everyone registered (and not cancelled) that ``event`` was ``"rescheduled"``
    or ``"cancelled"``: once per change (the calendar sequence names it) and person."""
    users = User.objects.filter(
        pk__in=event.registrations.exclude(status=Registration.Status.CANCELLED).values("user")
    )
    return outbox.enqueue(
        template=CHANGE,
        recipients=users,
        context={"event": event, "change": change},
        key=lambda user: f"event-change:{event.pk}:{event.sequence}:{user.pk}",
    )


def hosting_enqueue(event: Event) -> int:
    """Tell the host university's editing staff that they host ``event``."""
    if event.host is None:
        return 0
    return outbox.enqueue(
        template=HOSTING,
        recipients=event.host.staff_users(),
        context={"event": event},
        key=lambda user: f"hosting:{event.pk}:{user.pk}",
    )


# --- preparers (called by the sender, when each e-mail is due) ----------------------


@outbox.preparer(REGISTRATION)
def _registration(context: dict[str, Any], recipient: User) -> outbox.Prepared | None:
    registration: Registration = context["registration"]
    event = registration.event
    if registration.status != context["status"]:
        return None  # cancelled, or promoted: a later e-mail says so
    if not event.is_public or event.end <= timezone.now():
        return None  # cancelled (its own e-mail says so), archived, or over
    attachments = [calendar_for(registration, recipient)]
    if (
        registration.status == Registration.Status.CONFIRMED
        and registration.mode == Registration.Mode.ON_SITE
    ):
        attachments.append(qr_attachment(registration.code))  # shown at the check-in
    return outbox.Prepared(context=registrant_context(registration), attachments=tuple(attachments))


@outbox.preparer(CHANGE)
def _change(context: dict[str, Any], recipient: User) -> outbox.Prepared | None:
    event: Event = context["event"]
    registration = (
        event.registrations.exclude(status=Registration.Status.CANCELLED)
        .filter(user=recipient)
        .first()
    )
    if registration is None:
        return None  # no longer registered
    if context["change"] == RESCHEDULED and not event.is_public:
        return None  # cancelled since (that e-mail follows) or archived
    return outbox.Prepared(
        context=registrant_context(registration),
        attachments=(calendar_for(registration, recipient),),
    )


@outbox.preparer(HOSTING)
def _hosting(context: dict[str, Any], recipient: User) -> outbox.Prepared | None:
    event: Event = context["event"]
    if event.status == Event.Status.CANCELLED or event.is_archived:
        return None
    return outbox.Prepared(context={"url": event_link(event)})
