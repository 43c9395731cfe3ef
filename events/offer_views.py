"""Pages of waiting-list offers (the accept and decline links of the offer e-mail),
of feedback after an event and its results, and what the event page adds for them
(the waiting-list position, an open offer, "live now", calendar links)."""

from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from core import phrases
from core.decorators import permission_required
from core.views import form_page

from . import feedback, offers
from .models import Event, Feedback, Registration, WaitlistOffer

OUTCOME_MESSAGES = {
    offers.ACCEPTED: gettext_lazy("The place is yours: your registration is confirmed."),
    offers.ALREADY_ACCEPTED: gettext_lazy(
        "You have already accepted this offer: your registration is confirmed."
    ),
    offers.DECLINED: gettext_lazy(
        "You have declined the place; it goes to the next person waiting."
    ),
    offers.ALREADY_DECLINED: gettext_lazy(
        "You have already declined this offer; the place has gone to the next person waiting."
    ),
    offers.EXPIRED: gettext_lazy(
        "This offer has expired: its deadline has passed and the place has gone to the next "
        "person waiting. You are no longer on the waiting list; you may register again."
    ),
    offers.NO_PLACE: gettext_lazy(
        "Sorry, no place is free any more; you are still on the waiting list."
    ),
}


def detail_extras(
    *,
    user: Any,
    event: Event,
    registration: Registration | None,
    remaining: dict[str, int | None] | None = None,
) -> dict[str, Any]:
    """What the event page shows besides the event: whether every part is full (the
    button then says "Join the waiting list"), the visitor's place on the waiting list
    and open offer, "live now", and the calendar links. ``remaining``: the places
    free (``offers.places_free``), when the caller has them already."""
    if remaining is None:
        remaining = offers.places_free(event)
    parts = [
        mode
        for mode, offered in (
            (Registration.Mode.ON_SITE, event.has_on_site),
            (Registration.Mode.ONLINE, event.has_online),
        )
        if offered
    ]
    offer = offers.open_offer_of(registration)
    return {
        "event_full": bool(parts) and all(remaining[mode] == 0 for mode in parts),
        "waiting_position": None if registration is None else offers.waiting_position(registration),
        "open_offer": offer,
        "offer_links": offers.offer_links(offer) if offer else None,
        **page_extras(event=event),
        "feedback_open": registration is not None
        and registration.status == Registration.Status.CONFIRMED
        and feedback.feedback_window(event) == feedback.OPEN,
    }


def page_extras(*, event: Event) -> dict[str, Any]:
    """What the event page shows to everyone: "live now" and the calendar links."""
    return {"live_now": feedback.is_live(event), "calendar_links": feedback.calendar_links(event)}


# --- offers -------------------------------------------------------------------------


def _offer(token: str) -> WaitlistOffer:
    offer = (
        WaitlistOffer.objects.select_related("registration__event__host", "registration__user")
        .filter(token=token)
        .first()
    )
    if offer is None or offer.registration.event.is_archived:
        raise Http404
    return offer


def offer_answer(request: HttpRequest, token: str, answer: str) -> HttpResponse:
    """The offer's secret address is its permission (like a private calendar feed): a
    GET shows the offer and both buttons, a POST accepts or declines it."""
    offer = _offer(token)
    event = offer.registration.event
    if request.method != "POST":
        return render(
            request,
            "events/offers/offer.html",
            {
                "offer": offer,
                "event": event,
                "answer": answer,
                "links": offers.offer_links(offer),
                "overdue": offer.expires_at <= timezone.now(),
            },
        )
    act = offers.offer_accept if answer == offers.ACCEPTED else offers.offer_decline
    result = act(offer=offer)
    return render(
        request,
        "events/offers/answered.html",
        {
            "offer": result.offer,
            "event": event,
            "outcome": result.outcome,
            "message": OUTCOME_MESSAGES[result.outcome],
        },
    )


# --- feedback -----------------------------------------------------------------------


class FeedbackForm(forms.ModelForm):
    rating = forms.TypedChoiceField(
        label=gettext_lazy("Your rating"),
        choices=[(n, str(n)) for n in reversed(feedback.RATINGS)],
        coerce=int,
        widget=forms.RadioSelect,
        help_text=gettext_lazy("5 is the best."),
        error_messages={"required": gettext_lazy("Choose a rating from 1 to 5.")},
    )
    comments = forms.CharField(
        label=gettext_lazy("Comments (optional)"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=gettext_lazy(
            "What was useful, and what could be better? At most 4000 characters."
        ),
    )

    class Meta:
        model = Feedback
        fields = ["rating", "comments"]


def _event(*, pk: int) -> Event:
    return get_object_or_404(Event.objects.active(), pk=pk)


@permission_required("events.give_feedback", _event)
def feedback_form(request: HttpRequest, event: Event) -> HttpResponse:
    user = request.user
    # The rule asked for a confirmed place a moment ago (so the user is signed in).
    registration = feedback.feedback_registration(event, user) if isinstance(user, User) else None
    if registration is None:
        raise Http404
    given = getattr(registration, "feedback", None)
    window = feedback.feedback_window(event)
    form = FeedbackForm(request.POST or None, instance=given)
    context = {"event": event, "form": form, "given": given, "window": window}
    if window != feedback.OPEN:
        return render(request, "events/feedback/feedback_form.html", context)

    def save() -> HttpResponse:
        try:
            feedback.feedback_save(
                registration=registration,
                rating=form.cleaned_data["rating"],
                comments=form.cleaned_data["comments"],
            )
        except feedback.FeedbackError as error:
            messages.error(request, str(error))
            return redirect("events:feedback", pk=event.pk)
        messages.success(
            request,
            _("Thank you: your feedback is saved. You may change it for 30 days after the event."),
        )
        return redirect(event)

    return form_page(
        request,
        forms=[form],
        template="events/feedback/feedback_form.html",
        context=context,
        on_valid=save,
        error=phrases.NOTHING_SAVED,
    )


def _any_event(*, pk: int) -> Event:
    return get_object_or_404(Event, pk=pk)


@permission_required("events.view_feedback", _any_event)
def feedback_results(request: HttpRequest, event: Event) -> HttpResponse:
    return render(
        request,
        "events/feedback/feedback_results.html",
        {"event": event, "results": feedback.feedback_results(event)},
    )
