"""The pages of the review: the committee and who reviews what, a reviewer's queue and
review form, and the committee's decisions."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from core import phrases
from core.decorators import permission_required
from core.views import form_page

from . import review_services as services
from .models import Call, CommitteeMember, Contribution, Review, Score
from .review import ORDERS, candidates, score_table, score_tables
from .review_forms import AssignForm, BalanceForm, DecisionForm, ReviewForm, SeatForm


def call_or_404(*, event):
    return get_object_or_404(Call.objects.select_related("event"), event_id=event)


def contribution_or_404(*, pk):
    return get_object_or_404(
        Contribution.objects.select_related(
            "call__event", "track", "submitter", "university", "organisation"
        ),
        pk=pk,
    )


def seat_or_404(*, event, member):
    return get_object_or_404(
        CommitteeMember.objects.select_related("call__event", "user"),
        call__event_id=event,
        pk=member,
    )


def review_or_404(*, pk):
    return get_object_or_404(
        Review.objects.select_related("contribution__call__event", "reviewer"), pk=pk
    )


def _committee_url(call):
    return reverse("programme:committee", kwargs={"event": call.event_id})


def _decisions_url(call):
    return reverse("programme:decisions", kwargs={"event": call.event_id})


# --- the committee ----------------------------------------------------------------------


def _contributions_to_assign(call):
    reviews = Review.objects.select_related("reviewer").annotate(scored=Count("scores"))
    return list(
        call.contributions.submitted()
        .select_related("track", "submitter")
        .prefetch_related(Prefetch("reviews", queryset=reviews.order_by("created_at", "pk")))
    )


@require_http_methods(["GET", "POST"])
@permission_required("programme.manage_call", call_or_404)
def committee(request, call):
    form = SeatForm(request.POST or None, call=call)

    def seat():
        member, created = services.committee_seat(
            call=call,
            user=form.cleaned_data["email"],
            role=form.cleaned_data["role"],
            tracks=list(form.cleaned_data["tracks"]),
        )
        name = member.user.display_name
        if created:
            messages.success(request, _("%(name)s sits on the committee now.") % {"name": name})
        else:
            messages.success(request, _("The seat of %(name)s has been changed.") % {"name": name})
        return redirect(_committee_url(call))

    seats = CommitteeMember.objects.filter(call=call).select_related("user")
    seats = seats.prefetch_related("tracks")
    contributions = _contributions_to_assign(call)
    found = candidates(call, contributions)
    for contribution in contributions:
        taken = found.assigned.get(contribution.pk, set())
        contribution.eligible = [
            m for m in found.eligible[contribution.pk] if m.user_id not in taken
        ]
    seats = list(seats.order_by("role", "pk"))
    for member in seats:
        member.load = found.load.get(member.user_id, 0)
    context = {
        "call": call,
        "event": call.event,
        "form": form,
        "seats": seats,
        "contributions": contributions,
        "balance_form": BalanceForm(),
    }
    return form_page(
        request, forms=[form], template="programme/committee.html", context=context, on_valid=seat
    )


@require_http_methods(["GET", "POST"])
@permission_required("programme.manage_seat", seat_or_404)
def committee_remove(request, member):
    call = member.call
    if request.method == "POST":
        services.committee_remove(member=member)
        messages.success(
            request,
            _("%(name)s no longer sits on the committee.") % {"name": member.user.display_name},
        )
        return redirect(_committee_url(call))
    return render(request, "programme/committee_remove.html", {"call": call, "member": member})


@require_POST
@permission_required("programme.assign_reviews", contribution_or_404)
def review_assign(request, contribution):
    call = contribution.call
    seated = CommitteeMember.objects.filter(call=call).values_list("user_id", flat=True)
    form = AssignForm(request.POST, reviewers=list(seated))
    if not form.is_valid():
        messages.error(request, _("Choose a reviewer of the committee."))
        return redirect(_committee_url(call))
    reviewer = form.cleaned_data["reviewer"]
    try:
        services.review_assign(contribution=contribution, reviewer=reviewer)
    except services.Refused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(
            request,
            _("%(name)s reviews “%(title)s” now.")
            % {"name": reviewer.display_name, "title": contribution.title},
        )
    return redirect(_committee_url(call))


@require_POST
@permission_required("programme.assign_reviews", review_or_404)
def review_unassign(request, review):
    call = review.contribution.call
    try:
        services.review_unassign(review=review)
    except services.Refused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(
            request,
            _("%(name)s no longer reviews this contribution.")
            % {"name": review.reviewer.display_name},
        )
    return redirect(_committee_url(call))


@require_POST
@permission_required("programme.manage_call", call_or_404)
def reviews_balance(request, call):
    form = BalanceForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Ask for 1 to 10 reviewers per contribution."))
        return redirect(_committee_url(call))
    result = services.reviews_balance(
        call=call, per_contribution=form.cleaned_data["per_contribution"]
    )
    messages.success(
        request,
        ngettext("%(count)d review assigned.", "%(count)d reviews assigned.", result.added)
        % {"count": result.added},
    )
    if result.short:
        messages.warning(
            request,
            _("Not enough reviewers free of conflicts in their track for: %(titles)s.")
            % {"titles": "; ".join(c.title for c in result.short)},
        )
    return redirect(_committee_url(call))


# --- reviewing --------------------------------------------------------------------------


@permission_required("programme.review", call_or_404)
def review_queue(request, call):
    reviews = (
        Review.objects.filter(reviewer=request.user, contribution__call=call)
        .exclude(contribution__state=Contribution.State.WITHDRAWN)
        .select_related(
            "contribution__track",
            "contribution__submitter",
            "contribution__university",
            "contribution__organisation",
        )  # fmt: skip
        .prefetch_related("contribution__coauthor_accounts")
        .annotate(scored=Count("scores"))
        .order_by("contribution__created_at", "pk")
    )
    return render(
        request,
        "programme/review_queue.html",
        {"call": call, "event": call.event, "reviews": reviews, "blind": call.blind_review},
    )


@require_http_methods(["GET", "POST"])
@permission_required("programme.review_contribution", contribution_or_404)
def review_edit(request, contribution):
    call = contribution.call
    review = get_object_or_404(
        Review.objects.prefetch_related(Prefetch("scores", queryset=Score.objects.all())),
        contribution=contribution,
        reviewer=request.user,
    )
    form = ReviewForm(request.POST or None, criteria=list(call.criteria.all()), review=review)
    queue = reverse("programme:review_queue", kwargs={"event": call.event_id})

    def save():
        try:
            services.review_save(
                contribution=contribution,
                reviewer=request.user,
                scores=form.scores(),
                comment=form.cleaned_data["comment"],
            )
        except services.Refused as refusal:
            messages.error(request, str(refusal))
            return render(request, "programme/review_form.html", context, status=409)
        except ValidationError as error:
            for field, problems in error.message_dict.items():
                for problem in problems:
                    form.add_error(field if field in form.fields else None, problem)
            messages.error(request, phrases.NOTHING_SAVED)
            return render(request, "programme/review_form.html", context)
        messages.success(request, _("Your review has been saved."))
        return redirect(queue)

    context = {
        "call": call,
        "event": call.event,
        "contribution": contribution,
        "form": form,
        "blind": call.blind_review,
        "closed": contribution.state != Contribution.State.SUBMITTED,
        "queue": queue,
        "coauthors": [] if call.blind_review else list(contribution.coauthor_accounts.all()),
    }
    return form_page(
        request, forms=[form], template="programme/review_form.html", context=context, on_valid=save
    )


# --- decisions ----------------------------------------------------------------------------


def _decided(decision):
    return {
        "accepted": _("“%(title)s” has been accepted; its authors are told by e-mail."),
        "waitlisted": _("“%(title)s” is on the waiting list; its authors are told by e-mail."),
        "rejected": _("“%(title)s” has not been accepted; its authors are told by e-mail."),
    }[decision]


@permission_required("programme.manage_call", call_or_404)
def decisions(request, call):
    order = request.GET.get("order", "mean")
    if order not in ORDERS:
        order = "mean"
    criteria, tables = score_tables(call, order=order)
    return render(
        request,
        "programme/decisions.html",
        {
            "call": call,
            "event": call.event,
            "criteria": criteria,
            "tables": tables,
            "order": order,
            "decisions": DecisionForm.base_fields["decision"].choices,
        },
    )


@require_http_methods(["GET", "POST"])
@permission_required("programme.decide", contribution_or_404)
def decide(request, contribution):
    """A summary of what the decision does (GET), then the decision (POST)."""
    call = contribution.call
    form = DecisionForm(request.POST or request.GET or None)
    if not form.is_valid():
        messages.error(request, _("Choose accept, waitlist or reject."))
        return redirect(_decisions_url(call))
    decision = form.cleaned_data["decision"]
    if request.method == "POST":
        try:
            changed = services.contribution_decide(contribution=contribution, decision=decision)
        except services.Refused as refusal:
            messages.error(request, str(refusal))
        else:
            if changed:
                messages.success(request, _decided(decision) % {"title": contribution.title})
            else:
                messages.info(request, _("This decision had been taken already; nothing was sent."))
        return redirect(_decisions_url(call))
    return _decision_summary(request, contribution, form)


def _decision_summary(request, contribution, form):
    call = contribution.call
    decision = form.cleaned_data["decision"]
    reviews = Review.objects.select_related("reviewer").prefetch_related("scores")
    contribution = (
        Contribution.objects.select_related("call__event", "track", "submitter")
        .prefetch_related(Prefetch("reviews", queryset=reviews.order_by("created_at", "pk")))
        .get(pk=contribution.pk)
    )
    criteria = list(call.criteria.all())
    authors = [
        contribution.submitter,
        *contribution.coauthor_accounts.exclude(pk=contribution.submitter_id),
    ]
    shared = (
        [r.comment for r in contribution.reviews.all() if r.comment.strip()]
        if call.share_reviews
        else []
    )
    return render(
        request,
        "programme/decisions_confirm.html",
        {
            "call": call,
            "event": call.event,
            "contribution": contribution,
            "decision": decision,
            "label": dict(form.fields["decision"].choices)[decision],
            "table": score_table(contribution, criteria),
            "criteria": criteria,
            "authors": authors,
            "shared": shared,
            "cancel": _decisions_url(call),
        },
    )
