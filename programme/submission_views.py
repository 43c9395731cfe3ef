"""The call for contributions: opening and editing it, its public page, submitting,
editing and withdrawing a contribution, "my contributions", and an industry
challenge presented from a need in one click."""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.decorators import permission_required
from core.forms import form_values, formset_rows
from core.middleware import body_limit
from core.phrases import NOTHING_SAVED
from core.submissions import saved_once, token
from core.views import form_page
from events.models import Event
from industry.models import SkillNeed

from . import services
from .forms import MAX_FILE_BYTES, CallForm, ContributionForm, CriterionFormSet, TrackFormSet
from .models import Call, Contribution, SessionKind

MAX_FORM_BYTES = MAX_FILE_BYTES + 1024 * 1024  # the file and the form's other fields


def event_or_404(*, event: int) -> Event:
    return get_object_or_404(Event, pk=event)


def call_or_404(*, event: int) -> Call:
    return get_object_or_404(Call.objects.select_related("event"), event_id=event)


def contribution_or_404(*, pk: int) -> Contribution:
    contributions = Contribution.objects.select_related("call__event", "track", "submitter")
    return get_object_or_404(contributions, pk=pk)


@dataclass(frozen=True)
class Presenting:
    """A need to present in a call (what ``programme.present_challenge`` is asked of)."""

    call: Call
    need: SkillNeed


def presenting_or_404(*, event: int, need: int) -> Presenting:
    return Presenting(call_or_404(event=event), get_object_or_404(SkillNeed, pk=need))


def _shown_or_404(request, call):
    if not request.user.has_perm("events.view_event", call.event):
        raise Http404
    return call


def _call_form(request, event, call=None):
    form = CallForm(request.POST or None, instance=call, event=event)
    parent = call or Call(event=event)
    tracks = TrackFormSet(request.POST or None, instance=parent, prefix="tracks")
    criteria = CriterionFormSet(request.POST or None, instance=parent, prefix="criteria")
    context = {
        "form": form,
        "tracks": tracks,
        "criteria": criteria,
        "event": event,
        "call": call,
        "submit_token": token(),
    }

    def save():
        arguments = {
            "values": form_values(form),
            "tracks": formset_rows(tracks),
            "criteria": formset_rows(criteria),
        }
        try:
            if call is None:
                saved = services.call_open(event=event, **arguments)
            else:
                saved = services.call_update(call=call, **arguments)
        except services.NotNow as error:
            messages.info(request, str(error))
            return redirect("programme:call_edit", event=event.pk)
        except ValidationError as error:
            form.add_error(None, error)
            messages.error(request, NOTHING_SAVED)
            return render(request, "programme/call_form.html", context)
        if call is None:
            messages.success(request, _("The call for contributions is open."))
        else:
            messages.success(request, _("The call for contributions has been saved."))
        return redirect(saved)

    return form_page(
        request,
        forms=[form, tracks, criteria],
        template="programme/call_form.html",
        context=context,
        on_valid=saved_once(request, save),
    )


@require_http_methods(["GET", "POST"])
@permission_required("programme.open_call", event_or_404)
def call_create(request, event):
    # A POST goes through the form's one-time token first (a double click lands where
    # the first went); the service refuses a second call.
    if request.method == "GET" and Call.objects.filter(event=event).exists():
        messages.info(request, _("This event already has a call for contributions."))
        return redirect("programme:call_edit", event=event.pk)
    return _call_form(request, event)


@require_http_methods(["GET", "POST"])
@permission_required("programme.open_call", event_or_404)
def call_edit(request, event):
    call = Call.objects.filter(event=event).first()
    if call is None:
        return redirect("programme:call_create", event=event.pk)
    return _call_form(request, event, call)


def call_detail(request, event):
    call = _shown_or_404(request, call_or_404(event=event))
    kinds = [label for value, label in SessionKind.choices if value in call.session_kinds]
    return render(
        request,
        "programme/call_detail.html",
        {
            "call": call,
            "event": call.event,
            "tracks": call.tracks.select_related("theme"),
            "kinds": kinds,
            "is_open": call.is_open(),
            "not_yet_open": timezone.now() < call.opens_at,
            "can_edit": request.user.has_perm("programme.open_call", call.event),
            "needs": _presentable_needs(request.user, call),
        },
    )


def _presentable_needs(user, call):
    """The open needs of the user's organisations not yet presented in ``call``, while it
    takes industry challenges."""
    if not user.is_authenticated or SessionKind.CHALLENGE not in call.session_kinds:
        return []
    if not call.is_open():
        return []
    organisations = user.organisation_memberships.approved().values("organisation")
    presented = call.contributions.submitted().exclude(need=None).values("need")
    return list(
        SkillNeed.objects.open()
        .filter(organisation__in=organisations)
        .exclude(pk__in=presented)
        .order_by("-created_at", "-pk")
    )


def _closed(request, target, error):
    messages.error(request, str(error))
    return redirect(target)


def _contribution_form(request, call, contribution=None):
    form = ContributionForm(
        request.POST or None,
        request.FILES or None,
        instance=contribution,
        call=call,
        user=request.user,
    )
    context = {"form": form, "call": call, "contribution": contribution, "submit_token": token()}

    def save():
        try:
            if contribution is None:
                saved = services.contribution_submit(
                    call=call, submitter=request.user, values=form_values(form)
                )
            else:
                saved = services.contribution_update(
                    contribution=contribution, values=form_values(form)
                )
        except services.NotNow as error:
            return _closed(request, contribution or call, error)
        except ValidationError as error:
            form.add_error(None, error)
            messages.error(request, NOTHING_SAVED)
            return render(request, "programme/contribution_form.html", context)
        if contribution is None:
            messages.success(request, _("Your contribution has been submitted."))
        else:
            messages.success(request, _("Your contribution has been saved."))
        return redirect(saved)

    return form_page(
        request,
        forms=[form],
        template="programme/contribution_form.html",
        context=context,
        on_valid=saved_once(request, save),
    )


@body_limit(MAX_FORM_BYTES)
@require_http_methods(["GET", "POST"])
@permission_required("programme.submit", call_or_404)
def contribution_submit(request, call):
    _shown_or_404(request, call)
    try:
        services.check_open(call)
    except services.NotNow as error:
        return _closed(request, call, error)
    return _contribution_form(request, call)


@body_limit(MAX_FORM_BYTES)
@require_http_methods(["GET", "POST"])
@permission_required("programme.edit_contribution", contribution_or_404)
def contribution_edit(request, contribution):
    if not _editable(contribution):
        messages.info(request, _("This contribution can no longer be changed."))
        return redirect(contribution)
    return _contribution_form(request, contribution.call, contribution)


def _editable(contribution):
    return contribution.state == Contribution.State.SUBMITTED and contribution.call.is_open()


def contribution_detail(request, pk):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    contribution = contribution_or_404(pk=pk)
    if not request.user.has_perm("programme.view_contribution", contribution):
        raise Http404
    mine = contribution.submitter_id == request.user.pk
    return render(
        request,
        "programme/contribution_detail.html",
        {
            "contribution": contribution,
            "call": contribution.call,
            "coauthor_accounts": contribution.coauthor_accounts.all(),
            "skills": contribution.skills.all(),
            "can_edit": mine and _editable(contribution),
            "can_withdraw": mine and contribution.state in services.WITHDRAWABLE,
        },
    )


@require_http_methods(["GET", "POST"])
@permission_required("programme.edit_contribution", contribution_or_404)
def contribution_withdraw(request, contribution):
    """GET asks first; POST withdraws."""
    if request.method == "GET":
        return render(
            request, "programme/contribution_confirm_withdraw.html", {"contribution": contribution}
        )
    try:
        services.contribution_withdraw(contribution=contribution)
    except services.NotNow as error:
        messages.info(request, str(error))
        return redirect(contribution)
    messages.success(request, _("Your contribution has been withdrawn."))
    return redirect("programme:mine")


@permission_required("programme.submit")
def my_contributions(request):
    """What the user submitted or co-authors, in every call, newest first."""
    user = request.user
    submitted = Contribution.objects.filter(submitter=user)
    coauthored = Contribution.objects.filter(coauthor_accounts=user)
    contributions = (
        Contribution.objects.filter(pk__in=(submitted | coauthored).values("pk"))
        .select_related("call__event", "track")
        .order_by("-created_at", "-pk")
    )
    rows = list(contributions)
    for contribution in rows:
        contribution.mine = contribution.submitter_id == user.pk
        contribution.editable = contribution.mine and _editable(contribution)
    return render(request, "programme/my_contributions.html", {"contributions": rows})


@require_POST
@permission_required("programme.present_challenge", presenting_or_404)
def challenge_create(request, presenting):
    call, need = presenting.call, presenting.need
    _shown_or_404(request, call)
    try:
        contribution = services.challenge_create(call=call, need=need, user=request.user)
    except services.NotNow as error:
        messages.error(request, str(error))
        return redirect(need)
    messages.success(
        request,
        _("The need is presented as an industry challenge; you may now edit the contribution."),
    )
    return redirect(reverse("programme:contribution", kwargs={"pk": contribution.pk}))
