"""Personal parts of the event page (core/personal.py): the registration box, the
join link for those who may see it, and the buttons each person's permissions give."""

from django.utils import timezone

from core.personal import draw_again, keep, kept, personal, until

from . import offer_views, offers
from .models import Event, Registration, registration_of


def seen(request, event: Event, remaining: dict) -> None:
    """What the event page's view read already (the event, the places free), for the
    parts drawn in the same request and, kept with the stored page, for those drawn
    from it: a registration, which changes the places, retires the page."""
    keep(request, f"events.event:{event.pk}", (event, remaining))


def _state(request, pk: str) -> dict:
    """The event and, for the person asking, their registration and what the box
    shows; built once per request, whichever parts ask."""
    memo = request.__dict__.setdefault("_personal_events", {})
    if pk in memo:
        return memo[pk]
    user = request.user
    event, remaining = kept(request, f"events.event:{pk}") or (None, None)
    if event is None and pk.isdigit():
        event = Event.objects.select_related("host").filter(pk=int(pk)).first()
    if event is None or not user.has_perm("events.view_event", event):
        memo[pk] = {"event": None}
        return memo[pk]
    registration = registration_of(user, event) if user.is_authenticated else None
    if registration is not None:
        # Their place on the waiting list, an offer, the feedback window: theirs alone.
        draw_again(request)
    now = timezone.now()
    for moment in (event.start, event.registration_deadline):
        if moment is not None and moment > now:  # registration closes
            until(request, moment)
    if remaining is None:
        remaining = offers.places_free(event)
    memo[pk] = {
        "event": event,
        "registration": registration,
        "remaining_on_site": remaining[Registration.Mode.ON_SITE],
        "remaining_online": remaining[Registration.Mode.ONLINE],
        "can_see_join_link": user.has_perm("events.see_join_link", event),
        **offer_views.detail_extras(
            user=user, event=event, registration=registration, remaining=remaining
        ),
    }
    return memo[pk]


def _each(request, keys):
    return [_state(request, key.get("pk", "")) for key in keys]


@personal("events.registration", "events/partials/_registration_box.html", by_standing=True)
def registration(request, keys):
    return _each(request, keys)


@personal("events.join_now", "events/partials/_join_now.html", by_standing=True)
def join_now(request, keys):
    return _each(request, keys)


@personal("events.online_link", "events/partials/_online_link.html", by_standing=True)
def online_link(request, keys):
    return _each(request, keys)


@personal("events.event_actions", "events/partials/_event_actions.html", by_standing=True)
def event_actions(request, keys):
    user = request.user
    contexts = []
    for state in _each(request, keys):
        event = state["event"]
        contexts.append(
            {
                "event": event,
                "can_schedule": event is not None and user.has_perm("events.schedule_events"),
                "can_edit_logistics": event is not None
                and user.has_perm("events.edit_logistics", event),
            }
        )
    return contexts
