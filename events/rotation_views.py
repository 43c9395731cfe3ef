"""The pages of the conference host rotation: the order, the proposal for the next
host, the coordinators' decision, and each member's venue details."""

from datetime import timedelta

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.decorators import permission_required
from core.forms import form_values
from core.views import form_page
from universities.models import University

from . import services
from .forms import RotationAddForm, RotationMemberForm, RotationPlanForm
from .models import HostingRecord, RotationMember
from .rotation import current_cycle, propose


def rotation(request):
    can_schedule = request.user.has_perm("events.schedule_events")
    plan = RotationPlanForm(request.GET or None)
    proposal = None
    if can_schedule and plan.is_bound and plan.is_valid():
        start = plan.cleaned_data["start"]
        end = start + timedelta(days=plan.cleaned_data["days"] - 1)
        proposal = propose(start=start, end=end, attendance=plan.cleaned_data["attendance"])
    members = RotationMember.objects.select_related("university").order_by("position")
    history = HostingRecord.objects.select_related("university", "event").order_by(
        "-cycle", "-decided_at"
    )
    return render(
        request,
        "events/rotation.html",
        {
            "members": members,
            "history": history,
            "cycle": current_cycle(),
            "plan": plan,
            "proposal": proposal,
            "can_schedule": can_schedule,
            "add_form": RotationAddForm() if can_schedule else None,
        },
    )


@require_POST
@permission_required("events.schedule_events")
def rotation_decide(request):
    plan = RotationPlanForm(request.POST)
    member = get_object_or_404(RotationMember, pk=request.POST.get("member", 0) or 0)
    cycle = current_cycle()
    try:
        if request.POST.get("decision") == "decline":
            services.rotation_decline(member=member, cycle=cycle)
            messages.success(
                request,
                _("%(university)s declined this cycle.") % {"university": member.university},
            )
        elif plan.is_valid():
            event = services.rotation_confirm(
                member=member,
                cycle=cycle,
                start=plan.cleaned_data["start"],
                days=plan.cleaned_data["days"],
                attendance=plan.cleaned_data["attendance"],
            )
            messages.success(
                request,
                _("%(university)s hosts the conference; its staff have been told.")
                % {"university": member.university},
            )
            return redirect(event)
        else:
            messages.error(request, _("Give the dates of the conference."))
    except services.RotationError as error:  # a double submit, or a decision taken
        messages.error(request, str(error))
    query = request.POST.copy()
    for key in ("csrfmiddlewaretoken", "member", "decision"):
        query.pop(key, None)
    return redirect(f"{reverse('events:rotation')}?{query.urlencode()}")


@require_POST
@permission_required("events.schedule_events")
def rotation_add(request):
    form = RotationAddForm(request.POST)
    if form.is_valid():
        services.rotation_add(university=form.cleaned_data["university"])
        messages.success(request, _("The university joins the rotation."))
    else:
        messages.error(request, _("Choose a university that is not in the rotation yet."))
    return redirect("events:rotation")


def _rotation_university(*, slug):
    return get_object_or_404(University, slug=slug, rotation_member__isnull=False)


@permission_required("universities.edit_university", _rotation_university)
def rotation_member_edit(request, university):
    member = university.rotation_member
    form = RotationMemberForm(request.POST or None, instance=member)

    def save():
        services.rotation_member_save(member=member, values=form_values(form))
        messages.success(request, _("The venue details have been saved."))
        return redirect("events:rotation")

    return form_page(
        request,
        forms=[form],
        template="events/rotation_member_form.html",
        context={"form": form, "university": university},
        on_valid=save,
    )
