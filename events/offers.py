"""Fair waiting lists: a freed place offered to the first person waiting, with a
deadline, passed on when unanswered; never more offers out than places free.

An event whose ``waitlist_mode`` is "offers" does not confirm the first person
waiting when a place frees: that person gets a ``WaitlistOffer`` (by e-mail, with
accept and decline links) that holds the place until its deadline. Every write
locks the event's row first, as registration does, so places are counted one at a
time: confirmed registrants and open offers together never exceed the places.
Declining, or letting the deadline pass, leaves the waiting list (the offer e-mail
says so) and the place goes to the next person waiting.

E-mail key: ``offer:<offer>`` (one e-mail per offer, ever).
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Count, Exists, OuterRef
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from core import outbox
from core.emails import absolute_url

from . import emails, reminders
from .models import Event, Registration, WaitlistOffer

OFFER = "events/email/offer"

MIN_OFFER_TIME = timedelta(hours=1)
# Near the start an offer never runs past this share of the time left.
SHARE_OF_TIME_LEFT = 4

ACCEPTED, ALREADY_ACCEPTED, DECLINED, ALREADY_DECLINED, EXPIRED, NO_PLACE = (
    "accepted",
    "already_accepted",
    "declined",
    "already_declined",
    "expired",
    "no_place",
)


@dataclass(frozen=True)
class Answer:
    """What became of an answer to an offer: ``outcome`` is one of the constants above."""

    offer: WaitlistOffer
    outcome: str


def offer_deadline(event: Event, *, now: datetime) -> datetime | None:
    """When an offer made ``now`` runs out: ``offer_hours`` later, but never past a
    quarter of the time left before the start (and at least an hour, the start
    itself at the latest). None once the event has started: no offer then."""
    if event.start <= now:
        return None
    left = event.start - now
    window = min(timedelta(hours=event.offer_hours), max(left / SHARE_OF_TIME_LEFT, MIN_OFFER_TIME))
    return min(now + window, event.start)


def open_offers() -> Any:
    return WaitlistOffer.objects.filter(status=WaitlistOffer.Status.OFFERED)


def places_free(event: Event) -> dict[str, int | None]:
    """Places nobody holds in each part of ``event`` (by ``Registration.Mode``): the
    capacity less confirmed registrants (speakers aside) and open offers; None where
    the part has no limit. Two queries, or none when no part is limited."""
    capacities = {str(mode): event.capacity_for(mode) for mode in Registration.Mode}
    limited = [mode for mode, capacity in capacities.items() if capacity is not None]
    taken: dict[str, int] = {}
    if limited:
        registrations = Registration.objects.filter(event=event, mode__in=limited)
        for counts in (
            registrations.taking_places().values_list("mode").annotate(n=Count("pk")),
            registrations.filter(
                status=Registration.Status.WAITLISTED,
                offers__status=WaitlistOffer.Status.OFFERED,
            )
            .values_list("mode")
            .annotate(n=Count("pk", distinct=True)),
        ):
            for mode, n in counts.values_list("mode", "n"):
                taken[mode] = taken.get(mode, 0) + n
    return {
        mode: None if capacity is None else max(0, capacity - taken.get(mode, 0))
        for mode, capacity in capacities.items()
    }


def waiting(event: Event, mode: str) -> Any:
    """The people waiting in one part of ``event``, in waiting-list order."""
    return event.registrations.filter(
        status=Registration.Status.WAITLISTED, mode=mode, is_speaker=False
    ).order_by("created_at", "pk")


def place_for_newcomer(event: Event, mode: str) -> bool:
    """Whether someone registering now in ``mode`` gets a place at once: a place that
    nobody holds (open offers hold theirs) and, in offers mode, nobody waiting already
    (a place raised since the last sweep is theirs to be offered first)."""
    if places_free(event)[mode] == 0:
        return False
    if event.waitlist_mode != Event.WaitlistMode.OFFERS:
        return True
    return not waiting(event, mode).exists()


def waiting_position(registration: Registration) -> int | None:
    """``registration``'s place in its part's waiting list (1 is next), or None when it
    is not waiting. One query."""
    if registration.status != Registration.Status.WAITLISTED:
        return None
    ahead = waiting(registration.event, registration.mode).filter(
        created_at__lte=registration.created_at
    )
    return ahead.exclude(created_at=registration.created_at, pk__gt=registration.pk).count() or None


def open_offer_of(registration: Registration | None) -> WaitlistOffer | None:
    if registration is None or registration.status != Registration.Status.WAITLISTED:
        return None
    return open_offers().filter(registration=registration).first()


def _lock(event_id: int) -> Event:
    return Event.objects.select_for_update().get(pk=event_id)


# --- writes -------------------------------------------------------------------------


def _offer_to_next(event: Event, *, now: datetime) -> list[WaitlistOffer]:
    """Offer every place nobody holds to the next people waiting, part by part (the
    caller holds the event's lock). Side effect: each offer's e-mail is enqueued."""
    deadline = offer_deadline(event, now=now)
    if deadline is None or not event.is_public or event.waitlist_mode != Event.WaitlistMode.OFFERS:
        return []
    made = []
    for mode, free in places_free(event).items():
        if free == 0:
            continue
        candidates = waiting(event, mode).exclude(
            Exists(open_offers().filter(registration=OuterRef("pk")))
        )
        for registration in candidates if free is None else candidates[:free]:
            offer = WaitlistOffer.objects.create(
                registration=registration, offered_at=now, expires_at=deadline
            )
            _enqueue(offer)
            made.append(offer)
    return made


@transaction.atomic
def offers_make(*, event: Event, now: datetime | None = None) -> list[WaitlistOffer]:
    """Offer the places nobody holds in ``event`` to the first people waiting; nothing
    once it has started, or in automatic mode. Idempotent: places already offered
    are held. Side effect: one e-mail per offer is enqueued. Returns the new offers."""
    return _offer_to_next(_lock(event.pk), now=now or timezone.now())


@transaction.atomic
def place_freed(*, event: Event, registration: Registration) -> list[WaitlistOffer]:
    """``registration`` was just cancelled (the caller holds the event's lock): an offer
    it still had is withdrawn, and the places nobody holds go to the next people
    waiting. Side effect: their offers' e-mails are enqueued."""
    now = timezone.now()
    open_offers().filter(registration=registration).update(
        status=WaitlistOffer.Status.DECLINED, answered_at=now
    )
    return _offer_to_next(event, now=now)


def _leave_waiting_list(offer: WaitlistOffer, *, status: str, now: datetime) -> None:
    offer.status, offer.answered_at = status, now
    offer.save(update_fields=["status", "answered_at"])
    Registration.objects.filter(
        pk=offer.registration_id, status=Registration.Status.WAITLISTED
    ).update(status=Registration.Status.CANCELLED, updated_at=now)


def _locked_offer(offer: WaitlistOffer) -> tuple[Event, WaitlistOffer]:
    event = _lock(offer.registration.event_id)
    locked = WaitlistOffer.objects.select_related("registration__event", "registration__user")
    return event, locked.select_for_update(of=("self",)).get(pk=offer.pk)


@transaction.atomic
def offer_accept(*, offer: WaitlistOffer, now: datetime | None = None) -> Answer:
    """Accept ``offer``: within its deadline the registration is confirmed (the offer
    held the place). Accepting twice, after declining, or too late changes nothing but
    says so; an overdue offer found here expires and passes on at once.

    Side effects: the confirmation and the reminders of the confirmed place are
    enqueued; for an overdue offer, the next person's offer e-mail."""
    now = now or timezone.now()
    event, offer = _locked_offer(offer)
    registration = offer.registration
    if offer.status == WaitlistOffer.Status.ACCEPTED:
        return Answer(offer, ALREADY_ACCEPTED)
    if offer.status == WaitlistOffer.Status.DECLINED:
        return Answer(offer, ALREADY_DECLINED)
    if offer.status == WaitlistOffer.Status.EXPIRED:
        return Answer(offer, EXPIRED)
    if now >= offer.expires_at or event.start <= now or not event.is_public:
        _leave_waiting_list(offer, status=WaitlistOffer.Status.EXPIRED, now=now)
        _offer_to_next(event, now=now)
        return Answer(offer, EXPIRED)
    capacity = event.capacity_for(registration.mode)
    confirmed = event.registrations.filter(mode=registration.mode).taking_places().count()
    if capacity is not None and confirmed >= capacity:
        return Answer(offer, NO_PLACE)  # only if places were given past the offers
    offer.status, offer.answered_at = WaitlistOffer.Status.ACCEPTED, now
    offer.save(update_fields=["status", "answered_at"])
    registration.status = Registration.Status.CONFIRMED
    registration.save(update_fields=["status", "updated_at"])
    reminders.schedule(registration, now=now)
    emails.registration_enqueue(registration, promoted=True)
    return Answer(offer, ACCEPTED)


@transaction.atomic
def offer_decline(*, offer: WaitlistOffer, now: datetime | None = None) -> Answer:
    """Decline ``offer``: the person leaves the waiting list and the place goes to the
    next person waiting. Declining twice, or an answered offer, changes nothing.
    Side effect: the next person's offer e-mail is enqueued."""
    now = now or timezone.now()
    event, offer = _locked_offer(offer)
    if offer.status != WaitlistOffer.Status.OFFERED:
        outcomes = {
            WaitlistOffer.Status.ACCEPTED: ALREADY_ACCEPTED,
            WaitlistOffer.Status.DECLINED: ALREADY_DECLINED,
        }
        return Answer(offer, outcomes.get(WaitlistOffer.Status(offer.status), EXPIRED))
    _leave_waiting_list(offer, status=WaitlistOffer.Status.DECLINED, now=now)
    _offer_to_next(event, now=now)
    return Answer(offer, DECLINED)


@transaction.atomic
def _expire_event(event_id: int, *, now: datetime) -> int:
    event = _lock(event_id)
    overdue = list(
        open_offers()
        .filter(registration__event=event, expires_at__lte=now)
        .select_for_update(of=("self",))
    )
    for offer in overdue:
        _leave_waiting_list(offer, status=WaitlistOffer.Status.EXPIRED, now=now)
    _offer_to_next(event, now=now)
    return len(overdue)


def offers_sweep(*, now: datetime | None = None) -> int:
    """Expire overdue offers and pass their places on; offer places nobody holds (a
    capacity raised since) in every offers-mode event still ahead. One transaction per
    event. Returns how many offers expired."""
    now = now or timezone.now()
    overdue = open_offers().filter(expires_at__lte=now).values("registration__event")
    waiting_events = Event.objects.filter(
        waitlist_mode=Event.WaitlistMode.OFFERS, start__gt=now, status=Event.Status.PUBLISHED
    ).filter(
        Exists(
            Registration.objects.filter(
                event=OuterRef("pk"), status=Registration.Status.WAITLISTED
            ).exclude(Exists(open_offers().filter(registration=OuterRef("pk"))))
        )
    )
    event_ids = set(Event.objects.filter(pk__in=overdue).values_list("pk", flat=True))
    event_ids |= set(waiting_events.values_list("pk", flat=True))
    return sum(_expire_event(pk, now=now) for pk in sorted(event_ids))


# --- the offer e-mail -------------------------------------------------------------


def offer_links(offer: WaitlistOffer) -> tuple[str, str]:
    """The accept and decline pages of ``offer`` (relative addresses)."""
    return (
        reverse("events:offer_accept", kwargs={"token": offer.token}),
        reverse("events:offer_decline", kwargs={"token": offer.token}),
    )


def _enqueue(offer: WaitlistOffer) -> int:
    return outbox.enqueue(
        template=OFFER,
        recipients=[offer.registration.user],
        context={"offer": offer},
        key=f"offer:{offer.pk}",
        expires_at=offer.expires_at,
    )


def _link(path_of: Callable[[], str]) -> Callable[[Any], str]:
    return lambda _user: absolute_url(path_of())


@outbox.preparer(OFFER)
def _offer(context: dict[str, Any], recipient: User) -> outbox.Prepared | None:
    offer: WaitlistOffer = context["offer"]
    event = offer.registration.event
    now = timezone.now()
    if offer.status != WaitlistOffer.Status.OFFERED or offer.expires_at <= now:
        return None  # answered or expired: the page says so
    if not event.is_public or event.start <= now:
        return None
    return outbox.Prepared(
        context={
            **emails.registrant_context(offer.registration),
            "offer": offer,
            "accept_url": _link(lambda: offer_links(offer)[0]),
            "decline_url": _link(lambda: offer_links(offer)[1]),
        }
    )
