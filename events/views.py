import calendar
import hashlib
from datetime import date, datetime, time, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.db.models import Count, Max, Prefetch, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.decorators import permission_required
from universities.models import University

from . import services
from .filters import EventFilter
from .forms import (
    AgendaFormSet,
    AlarmForm,
    EventForm,
    LogisticsForm,
    MaterialsForm,
    RegistrationForm,
    RotationAddForm,
    RotationMemberForm,
    RotationPlanForm,
    SeriesForm,
    SeriesGeneratorForm,
)
from .ics import calendar_bytes
from .models import (
    AgendaItem,
    CalendarToken,
    Event,
    EventSeries,
    HostingRecord,
    Registration,
    RotationMember,
)


def _listing(request):
    events = (
        Event.objects.published().select_related("host", "series").prefetch_related("languages")
    )
    return EventFilter(request.GET or None, queryset=events)


def event_list(request):
    events = _listing(request)
    now = timezone.now()
    upcoming = events.qs.filter(end__gte=now).order_by("start")[:50]
    past = events.qs.filter(end__lt=now).order_by("-start")[:20]
    query = request.GET.urlencode()
    return render(
        request,
        "events/event_list.html",
        {"filter": events, "upcoming": upcoming, "past": past, "query": query},
    )


def event_calendar(request):
    """A month grid of published events, in the visitor's time zone."""
    today = timezone.localdate()
    try:
        year, month = (int(part) for part in request.GET.get("month", "").split("-"))
        first = date(year, month, 1)
    except ValueError:
        first = today.replace(day=1)
    zone = timezone.get_current_timezone()
    start = timezone.make_aware(datetime.combine(first, time.min), zone)
    next_month = (first + timedelta(days=32)).replace(day=1)
    end = timezone.make_aware(datetime.combine(next_month, time.min), zone)
    events = _listing(request).qs.filter(start__lt=end, end__gte=start).order_by("start")
    by_day: dict[date, list] = {}
    for event in events:
        by_day.setdefault(timezone.localtime(event.start).date(), []).append(event)
    weeks = [
        [(day, by_day.get(day, [])) for day in week]
        for week in calendar.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month)
    ]
    previous = (first - timedelta(days=1)).replace(day=1)
    query = request.GET.copy()
    query.pop("month", None)
    return render(
        request,
        "events/event_calendar.html",
        {
            "weeks": weeks,
            "month": first,
            "previous": previous,
            "next": next_month,
            "query": query.urlencode(),
            "filter": _listing(request),
        },
    )


def _event_for(request, pk):
    events = Event.objects.select_related("host", "series").prefetch_related(
        "languages",
        "areas",
        Prefetch("agenda", queryset=AgendaItem.objects.order_by("starts_at")),
    )
    event = get_object_or_404(events, pk=pk)
    if event.status == Event.Status.DRAFT and not request.user.has_perm(
        "events.edit_logistics", event
    ):
        raise Http404
    return event


def event_detail(request, pk):
    event = _event_for(request, pk)
    user = request.user
    registration = None
    if user.is_authenticated:
        registration = Registration.objects.filter(event=event, user=user).first()
    counts = dict(
        event.registrations.filter(status=Registration.Status.CONFIRMED, is_speaker=False)
        .values_list("mode")
        .annotate(n=Count("pk"))
        .values_list("mode", "n")
    )
    remaining = {}
    for mode in (Registration.Mode.ON_SITE, Registration.Mode.ONLINE):
        capacity = event.capacity_for(mode)
        remaining[mode] = None if capacity is None else max(0, capacity - counts.get(mode, 0))
    return render(
        request,
        "events/event_detail.html",
        {
            "event": event,
            "registration": registration,
            "form": RegistrationForm(event=event),
            "remaining_on_site": remaining[Registration.Mode.ON_SITE],
            "remaining_online": remaining[Registration.Mode.ONLINE],
            "can_see_join_link": user.has_perm("events.see_join_link", event),
            "can_schedule": user.has_perm("events.schedule_events"),
            "can_edit_logistics": user.has_perm("events.edit_logistics", event),
            "event_zone": event.time_zone,
        },
    )


@require_POST
@login_required
def event_register(request, pk):
    event = get_object_or_404(Event.objects.published(), pk=pk)
    form = RegistrationForm(request.POST, event=event)
    if not form.is_valid():
        messages.error(request, _("Choose how you will attend."))
        return redirect(event)
    try:
        registration = services.registration_create(
            event=event, user=request.user, mode=form.cleaned_data["mode"]
        )
    except services.RegistrationError as error:
        messages.error(request, str(error))
    else:
        if registration.status == Registration.Status.CONFIRMED:
            messages.success(request, _("You are registered. A confirmation is on its way."))
        else:
            messages.warning(request, _("The event is full: you are on the waiting list."))
    return redirect(event)


@require_POST
@login_required
def event_unregister(request, pk):
    registration = get_object_or_404(
        Registration.objects.exclude(status=Registration.Status.CANCELLED),
        event_id=pk,
        user=request.user,
    )
    services.registration_cancel(registration=registration)
    messages.success(request, _("Your registration is cancelled."))
    return redirect(registration.event)


@login_required
def my_events(request):
    registrations = (
        Registration.objects.filter(user=request.user)
        .exclude(status=Registration.Status.CANCELLED)
        .select_related("event__host")
        .order_by("event__start")
    )
    token = CalendarToken.for_user(request.user)
    alarm = AlarmForm(request.POST or None, instance=token)
    if request.method == "POST":
        if alarm.is_valid():
            alarm.save()
            messages.success(request, _("Your calendar alarm has been saved."))
            return redirect("events:mine")
        messages.error(request, _("Please correct the errors below; nothing has been saved."))
    return render(
        request,
        "events/my_events.html",
        {
            "registrations": registrations,
            "alarm": alarm,
            "private_feed": request.build_absolute_uri(f"/events/calendar/{token.token}.ics"),
        },
    )


@require_POST
@login_required
def reset_calendar_token(request):
    CalendarToken.for_user(request.user).reset()
    messages.success(
        request, _("Your private calendar address has changed; the old one no longer works.")
    )
    return redirect("events:mine")


def _ics_response(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def event_ics(request, pk):
    event = _event_for(request, pk)
    joinable = {event.pk} if request.user.has_perm("events.see_join_link", event) else set()
    return _ics_response(calendar_bytes([event], name=event.title, joinable=joinable), "event.ics")


FEED_CACHE_SECONDS = 300


def _cached_feed(request, build) -> bytes:
    """Public feeds are the same for everyone: build them once per change of any event
    (the key holds the latest update and the count) and language, for five minutes at
    most so that finished events drop out."""
    stamp = Event.objects.aggregate(latest=Max("updated_at"), count=Count("pk"))
    parts = [request.path, request.GET.urlencode(), translation.get_language() or "",
             str(stamp["latest"]), str(stamp["count"])]  # fmt: skip
    key = "ics:" + hashlib.sha256("|".join(parts).encode()).hexdigest()
    return cache.get_or_set(key, build, FEED_CACHE_SECONDS)


def events_feed(request):
    def build():
        events = _listing(request).qs.filter(end__gte=timezone.now()).order_by("start")[:500]
        return calendar_bytes(events, name=_("Platform events"))

    return _ics_response(_cached_feed(request, build), "events.ics")


def series_feed(request, slug):
    series = get_object_or_404(EventSeries, slug=slug)

    def build():
        events = Event.objects.published().filter(series=series).order_by("start")
        return calendar_bytes(events, name=series.name)

    return _ics_response(_cached_feed(request, build), f"{slug}.ics")


def private_feed(request, token):
    owner = get_object_or_404(CalendarToken.objects.select_related("user"), token=token)
    registrations = (
        Registration.objects.filter(
            user=owner.user, event__status__in=[Event.Status.PUBLISHED, Event.Status.CANCELLED]
        )
        .exclude(status=Registration.Status.CANCELLED)
        .select_related("event")
    )
    events = [r.event for r in registrations]
    joinable = {r.event_id for r in registrations if r.status == Registration.Status.CONFIRMED}
    body = calendar_bytes(
        events, name=_("My events"), joinable=joinable, alarm_minutes=owner.alarm_minutes
    )
    return _ics_response(body, "my-events.ics")


# --- Coordinators -------------------------------------------------------------


@permission_required("events.schedule_events")
def manage_list(request):
    events = (
        Event.objects.select_related("host", "series")
        .annotate(registered=Count("registrations", filter=~Q(registrations__status="cancelled")))
        .order_by("-start")
    )
    return render(request, "events/manage_list.html", {"events": events[:200]})


def _event(*, pk):
    return get_object_or_404(Event, pk=pk)


def _event_form(request, event=None):
    form = EventForm(request.POST or None, instance=event)
    zone = request.POST.get("time_zone") or (event.time_zone if event else "UTC")
    agenda = AgendaFormSet(
        request.POST or None, instance=event or Event(), form_kwargs={"zone": zone}
    )
    if request.method == "POST":
        if form.is_valid() and agenda.is_valid():
            saved = services.event_save(form=form, agenda=agenda)
            messages.success(request, _("The event has been saved."))
            return redirect(saved)
        messages.error(request, _("Please correct the errors below; nothing has been saved."))
    return render(
        request, "events/event_form.html", {"form": form, "agenda": agenda, "event": event}
    )


@permission_required("events.schedule_events")
def event_create(request):
    return _event_form(request)


@permission_required("events.schedule_events", _event)
def event_edit(request, event):
    return _event_form(request, event)


@require_POST
@permission_required("events.schedule_events", _event)
def event_publish(request, event):
    services.event_publish(event=event)
    messages.success(request, _("The event is published."))
    return redirect(event)


@permission_required("events.schedule_events", _event)
def event_cancel(request, event):
    if request.method == "POST":
        services.event_cancel(event=event)
        messages.success(request, _("The event is cancelled; registrants are being told."))
        return redirect(event)
    return render(request, "events/event_confirm_cancel.html", {"event": event})


@permission_required("events.edit_logistics", _event)
def event_logistics(request, event):
    form = LogisticsForm(request.POST or None, instance=event)
    materials = MaterialsForm(request.POST or None, request.FILES or None, instance=event)
    if request.method == "POST":
        if form.is_valid() and materials.is_valid():
            form.save()
            materials.save()
            Event.objects.filter(pk=event.pk).update(sequence=event.sequence + 1)
            messages.success(request, _("The event has been saved."))
            return redirect(event)
        messages.error(request, _("Please correct the errors below; nothing has been saved."))
    return render(
        request,
        "events/event_logistics.html",
        {"form": form, "materials": materials, "event": event},
    )


@permission_required("events.schedule_events")
def series_generate(request):
    """Preview the occurrences of a monthly series, then create them as drafts."""
    form = SeriesGeneratorForm(request.POST or None)
    starts = []
    if request.method == "POST" and form.is_valid():
        if request.POST.get("confirm") == "1":
            created = services.series_generate(form=form)
            messages.success(
                request,
                _("%(count)d draft events were created; publish them when ready.")
                % {"count": len(created)},
            )
            return redirect("events:manage")
        starts = form.starts()
    return render(request, "events/series_generate.html", {"form": form, "starts": starts})


def rotation(request):
    from .rotation import current_cycle, propose

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
    from .rotation import current_cycle

    plan = RotationPlanForm(request.POST)
    member = get_object_or_404(RotationMember, pk=request.POST.get("member", 0) or 0)
    cycle = current_cycle()
    if request.POST.get("decision") == "decline":
        services.rotation_decline(member=member, cycle=cycle)
        messages.success(
            request, _("%(university)s declined this cycle.") % {"university": member.university}
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
    query = request.POST.copy()
    for key in ("csrfmiddlewaretoken", "member", "decision"):
        query.pop(key, None)
    return redirect(f"{reverse('events:rotation')}?{query.urlencode()}")


@require_POST
@permission_required("events.schedule_events")
def rotation_add(request):
    form = RotationAddForm(request.POST)
    if form.is_valid():
        last = RotationMember.objects.order_by("-position").values_list("position", flat=True)
        RotationMember.objects.create(
            university=form.cleaned_data["university"], position=(last.first() or 0) + 1
        )
        messages.success(request, _("The university joins the rotation."))
    else:
        messages.error(request, _("Choose a university that is not in the rotation yet."))
    return redirect("events:rotation")


def _rotation_university(*, slug):
    return get_object_or_404(University, slug=slug, rotation_member__isnull=False)


@permission_required("universities.edit_university", _rotation_university)
def rotation_member_edit(request, university):
    form = RotationMemberForm(request.POST or None, instance=university.rotation_member)
    if request.method == "POST":
        if form.is_valid():
            form.save()
            messages.success(request, _("The venue details have been saved."))
            return redirect("events:rotation")
        messages.error(request, _("Please correct the errors below; nothing has been saved."))
    return render(
        request, "events/rotation_member_form.html", {"form": form, "university": university}
    )


@permission_required("events.schedule_events")
def series_create(request):
    form = SeriesForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            form.save()
            messages.success(request, _("The series has been created; generate its events now."))
            return redirect("events:series_generate")
        messages.error(request, _("Please correct the errors below; nothing has been saved."))
    return render(request, "events/series_form.html", {"form": form})
