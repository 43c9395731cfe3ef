import calendar
from datetime import date, datetime, time, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Prefetch, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.bilingual import columns
from core.decorators import permission_required
from core.forms import form_values, formset_rows
from core.middleware import body_limit
from core.pagecache import keep_private
from core.views import form_page

from . import offer_views, offers, personal, services
from .filters import published_listing
from .forms import (
    MAX_SLIDES_BYTES,
    AgendaFormSet,
    AlarmForm,
    EventForm,
    LogisticsForm,
    MaterialsForm,
    QuestionFormSet,
    SeriesForm,
    SeriesGeneratorForm,
)
from .models import (
    AgendaItem,
    Event,
    Registration,
)
from .questions import RegistrationDetailsForm, answers_editable


def event_list(request):
    events = published_listing(request.GET or None)
    now = timezone.now()
    upcoming = events.qs.filter(end__gte=now).order_by("start")[:50]
    past = events.qs.filter(end__lt=now).order_by("-start")[:20]
    query = request.GET.urlencode()
    return render(
        request,
        "events/event_list.html",
        {"filter": events, "upcoming": upcoming, "past": past, "query": query},
    )


def event_calendar(request: HttpRequest) -> HttpResponse:
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
    events = (
        published_listing(request.GET or None)
        .qs.filter(start__lt=end, end__gte=start)
        .order_by("start")
    )
    by_day: dict[date, list[Event]] = {}
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
            "filter": published_listing(request.GET or None),
        },
    )


def _event_for(request, pk):
    events = Event.objects.select_related("host", "series").prefetch_related(
        "languages",
        "areas",
        Prefetch("agenda", queryset=AgendaItem.objects.order_by("starts_at")),
    )
    event = get_object_or_404(events, pk=pk)
    if not request.user.has_perm("events.view_event", event):
        raise Http404
    return event


def event_detail(request, pk):
    """The event as everyone sees it; the registration box, the join link and the
    buttons each person's permissions give are personal parts (events/personal.py)."""
    event = _event_for(request, pk)
    remaining = offers.places_free(event)  # open offers hold their places
    personal.seen(request, event, remaining)
    response = render(
        request,
        "events/event_detail.html",
        {
            "event": event,
            "remaining_on_site": remaining[Registration.Mode.ON_SITE],
            "remaining_online": remaining[Registration.Mode.ONLINE],
            "can_schedule": request.user.has_perm("events.schedule_events"),
            "event_zone": event.time_zone,
            **offer_views.page_extras(event=event),
        },
    )
    if event.status != Event.Status.PUBLISHED or event.is_archived:
        keep_private(response)  # a draft or an archived event, for a few
    return response


def _registered(request, registration):
    """Where a registration just made leads: its event, with what happened."""
    if registration.status == Registration.Status.CONFIRMED:
        messages.success(request, _("You are registered. A confirmation is on its way."))
    else:
        messages.warning(request, _("The event is full: you are on the waiting list."))
    return redirect(registration.event)


@login_required
def event_register(request, pk):
    """The registration page: how one attends, the profile's questions (asked the first
    time, then prefilled) and the event's own questions. A registration already made
    leads to its answers' page."""
    event = get_object_or_404(Event.objects.published(), pk=pk)
    user = request.user
    existing = (
        Registration.objects.exclude(status=Registration.Status.CANCELLED)
        .filter(event=event, user=user)
        .first()
    )
    if existing is not None:
        if request.method == "POST":
            messages.info(request, _("You are already registered for this event."))
        return redirect("events:registration", pk=event.pk)
    if not event.registration_open():
        messages.error(request, _("Registration for this event is closed."))
        return redirect(event)
    # The event page's short form sends only how one attends: someone who answered
    # the profile's questions before registers at once when the event asks nothing
    # required of its own; anyone else gets this page, with that choice made.
    from_event_page = request.method == "POST" and "sector" not in request.POST
    required = any(question.required for question in event.questions.all())
    if from_event_page and user.has_participant_profile and not required:
        try:
            registration = services.registration_create(
                event=event, user=user, mode=request.POST.get("mode", "")
            )
        except services.RegistrationError as error:
            messages.error(request, str(error))
            return redirect(event)
        return _registered(request, registration)
    form = RegistrationDetailsForm(
        None if from_event_page else (request.POST or None),
        event=event,
        user=user,
        initial={"mode": request.POST.get("mode")} if from_event_page else None,
    )
    if from_event_page:
        return render(
            request,
            "events/register.html",
            {"event": event, "form": form, "registration": None},
        )

    def save():
        try:
            registration = services.registration_create(
                event=event,
                user=user,
                mode=form.cleaned_data["mode"],
                profile=form.profile_values(),
                answers=form.answers(),
                wants_visa_letter=form.cleaned_data.get("wants_visa_letter", False),
            )
        except services.RegistrationError as error:
            messages.error(request, str(error))
            return redirect(event)
        return _registered(request, registration)

    return form_page(
        request,
        forms=[form],
        template="events/register.html",
        context={"event": event, "form": form, "registration": None},
        on_valid=save,
        error=_("Nothing was saved: please answer the questions marked below."),
    )


@login_required
def registration_edit(request, pk):
    """One's own answers to the event's questions, editable until it starts."""
    event = get_object_or_404(Event, pk=pk)
    registration = (
        Registration.objects.exclude(status=Registration.Status.CANCELLED)
        .filter(event=event, user=request.user)
        .prefetch_related("answers")
        .first()
    )
    if registration is None:
        messages.info(request, _("You are not registered for this event."))
        return redirect(event)
    editable = answers_editable(event)
    form = RegistrationDetailsForm(
        request.POST or None, event=event, user=request.user, registration=registration
    )
    if request.method == "POST" and not editable:
        messages.error(request, _("The event has started: the answers can no longer change."))
        return redirect("events:registration", pk=event.pk)

    def save():
        try:
            services.registration_answers_update(
                registration=registration,
                profile=form.profile_values(),
                answers=form.answers(),
                wants_visa_letter=form.cleaned_data.get("wants_visa_letter", False),
            )
        except services.RegistrationError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Your answers are saved."))
        return redirect("events:registration", pk=event.pk)

    return form_page(
        request,
        forms=[form],
        template="events/register.html",
        context={
            "event": event,
            "form": form,
            "registration": registration,
            "editable": editable,
        },
        on_valid=save,
        error=_("Nothing was saved: please answer the questions marked below."),
    )


@login_required
def event_unregister(request, pk):
    """Asks first (a GET shows what cancelling does), cancels on POST; a second
    cancellation (a double submit) only says that there is nothing to cancel."""
    event = get_object_or_404(Event, pk=pk)
    registration = (
        Registration.objects.exclude(status=Registration.Status.CANCELLED)
        .filter(event=event, user=request.user)
        .first()
    )
    if registration is None:
        messages.info(request, _("You are not registered for this event."))
        return redirect(event)
    if request.method != "POST":
        return render(
            request,
            "events/registration_confirm_cancel.html",
            {"event": event, "registration": registration},
        )
    services.registration_cancel(registration=registration)
    messages.success(request, _("Your registration is cancelled."))
    return redirect(event)


@login_required
def my_events(request):
    registrations = (
        Registration.objects.filter(user=request.user, event__archived_at__isnull=True)
        .exclude(status=Registration.Status.CANCELLED)
        .select_related("event__host")
        .order_by("event__start")
    )
    token = services.calendar_token_for(user=request.user)
    alarm = AlarmForm(request.POST or None, instance=token)

    def save():
        services.calendar_alarm_set(token=token, minutes=alarm.cleaned_data["alarm_minutes"])
        messages.success(request, _("Your calendar alarm has been saved."))
        return redirect("events:mine")

    return form_page(
        request,
        forms=[alarm],
        template="events/my_events.html",
        context={
            "registrations": registrations,
            "alarm": alarm,
            "private_feed": request.build_absolute_uri(
                reverse("events:private_feed", args=[token.token])
            ),
        },
        on_valid=save,
    )


@login_required
def reset_calendar_token(request):
    """Asks first (the old address stops working), resets on POST."""
    if request.method != "POST":
        return render(request, "events/calendar_confirm_reset.html")
    services.calendar_token_reset(user=request.user)
    messages.success(
        request, _("Your private calendar address has changed; the old one no longer works.")
    )
    return redirect("events:mine")


# --- Coordinators -------------------------------------------------------------


@permission_required("events.schedule_events")
def manage_list(request):
    events = Event.objects.select_related("host", "series").annotate(
        registered=Count("registrations", filter=~Q(registrations__status="cancelled"))
    )
    return render(
        request,
        "events/manage_list.html",
        {
            "events": events.active().order_by("-start")[:200],
            "archived": events.archived().order_by("-archived_at")[:200],
        },
    )


def _event(*, pk):
    return get_object_or_404(Event, pk=pk)


def _state_error(request: HttpRequest, event: Event, error: Exception) -> HttpResponse:
    messages.error(request, str(error))
    return redirect("events:manage" if event.is_archived else event)


def _event_form(request, event=None):
    form = EventForm(request.POST or None, instance=event)
    zone = request.POST.get("time_zone") or (event.time_zone if event else "UTC")
    # The agenda is checked against the event's times as the form above gives them.
    agenda = AgendaFormSet(request.POST or None, instance=form.instance, form_kwargs={"zone": zone})
    # A form posted without the questions' part (an older page, a script) leaves the
    # questions as they are.
    with_questions = not request.POST or "questions-TOTAL_FORMS" in request.POST
    questions = QuestionFormSet(
        (request.POST or None) if with_questions else None,
        instance=form.instance,
        prefix="questions",
    )

    def save():
        saved = services.event_save(
            event=form.instance,
            values=form_values(form),
            agenda=formset_rows(agenda),
            questions=formset_rows(questions) if with_questions else (),
        )
        messages.success(request, _("The event has been saved."))
        return redirect(saved)

    return form_page(
        request,
        forms=[form, agenda, questions] if with_questions else [form, agenda],
        template="events/event_form.html",
        context={"form": form, "agenda": agenda, "questions": questions, "event": event},
        on_valid=save,
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
    try:
        services.event_publish(event=event)
    except services.EventStateError as error:
        return _state_error(request, event, error)
    messages.success(request, _("The event is published."))
    return redirect(event)


def _touched(event: Event) -> dict[str, int]:
    """What a destructive action on ``event`` would touch, for its confirmation page."""
    registrations = event.registrations.exclude(status=Registration.Status.CANCELLED)
    return {
        "registrants": registrations.count(),
        "agenda_items": event.agenda.count(),
    }


@permission_required("events.schedule_events", _event)
def event_cancel(request, event):
    if event.status == Event.Status.CANCELLED:
        messages.info(request, _("This event is already cancelled."))
        return redirect(event)
    if request.method == "POST":
        try:
            services.event_cancel(event=event)
        except services.EventStateError as error:
            return _state_error(request, event, error)
        messages.success(request, _("The event is cancelled; registrants are being told."))
        return redirect(event)
    return render(request, "events/event_confirm_cancel.html", {"event": event, **_touched(event)})


@permission_required("events.schedule_events", _event)
def event_archive(request, event):
    """Asks first, saying what is kept; archives on POST (the event is hidden, not
    deleted, and can be restored from the coordinators' list)."""
    if request.method == "POST":
        try:
            services.event_archive(event=event)
        except services.EventStateError as error:
            return _state_error(request, event, error)
        messages.success(
            request, _("The event is archived; restore it from the list of archived events.")
        )
        return redirect("events:manage")
    return render(
        request,
        "events/event_confirm_archive.html",
        {"event": event, "archivable": services.archivable(event), **_touched(event)},
    )


@require_POST
@permission_required("events.schedule_events", _event)
def event_restore(request, event):
    try:
        services.event_restore(event=event)
    except services.EventStateError as error:
        return _state_error(request, event, error)
    messages.success(request, _("The event is restored."))
    return redirect(event)


@body_limit(MAX_SLIDES_BYTES + 1024 * 1024)  # the slides and the form's other fields
@permission_required("events.edit_logistics", _event)
def event_logistics(request, event):
    form = LogisticsForm(request.POST or None, instance=event)
    materials = MaterialsForm(request.POST or None, request.FILES or None, instance=event)

    def save():
        values = {**form_values(form), **form_values(materials)}
        services.event_logistics_save(event=event, values=values)
        messages.success(request, _("The event has been saved."))
        return redirect(event)

    return form_page(
        request,
        forms=[form, materials],
        template="events/event_logistics.html",
        context={"form": form, "materials": materials, "event": event},
        on_valid=save,
    )


@permission_required("events.schedule_events")
def series_generate(request):
    """Preview the occurrences of a monthly series, then create them as drafts."""
    form = SeriesGeneratorForm(request.POST or None)
    template = "events/series_generate.html"

    def preview_or_create():
        if request.POST.get("confirm") != "1":
            return render(request, template, {"form": form, "starts": form.starts()})
        data = form.cleaned_data
        created = services.series_generate(
            series=data["series"],
            titles={column: data[column] for column in columns("title")},
            starts=form.starts(),
            minutes=data["duration"],
            time_zone=data["time_zone"],
            join_url=data["join_url"],
        )
        messages.success(
            request,
            _("%(count)d draft events were created; publish them when ready.")
            % {"count": len(created)},
        )
        return redirect("events:manage")

    return form_page(
        request,
        forms=[form],
        template=template,
        context={"form": form, "starts": []},
        on_valid=preview_or_create,
    )


@permission_required("events.schedule_events")
def series_create(request):
    form = SeriesForm(request.POST or None)

    def save():
        services.series_create(values=form_values(form))
        messages.success(request, _("The series has been created; generate its events now."))
        return redirect("events:series_generate")

    return form_page(
        request,
        forms=[form],
        template="events/series_form.html",
        context={"form": form},
        on_valid=save,
    )
