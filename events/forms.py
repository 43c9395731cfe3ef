from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from core.bilingual import columns
from core.timezones import zone_choices, zone_or_none
from core.translated_forms import TranslatedFieldsMixin, textareas
from universities.models import University

from .generator import monthly_starts
from .models import (
    AgendaItem,
    CalendarToken,
    Event,
    EventQuestion,
    EventSeries,
    Registration,
    RotationMember,
)
from .pdf import is_pdf

MAX_SLIDES_BYTES = 20 * 1024 * 1024


class ZonedDateTimeField(forms.DateTimeField):
    """A date and time typed in the event's own time zone (the form converts it)."""

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class EventForm(TranslatedFieldsMixin, forms.ModelForm):
    translated_fields = {"title": True, "description": False, "venue": False}
    start = ZonedDateTimeField(label=_("Start (in the event's time zone)"))
    end = ZonedDateTimeField(label=_("End (in the event's time zone)"))
    registration_deadline = ZonedDateTimeField(
        label=_("Registration deadline (in the event's time zone)"), required=False
    )

    class Meta:
        model = Event
        fields = [
            *columns("title"), *columns("description"), *columns("venue"),
            "kind", "format", "series", "time_zone", "start", "end",
            "host", "join_url", "capacity_on_site", "capacity_online",
            "registration_deadline", "languages", "interpretation", "areas", "skills",
            "reminder_offsets", "waitlist_mode", "offer_hours", "certificate_rule",
            "certificate_minutes",
        ]  # fmt: skip
        widgets = {
            "languages": forms.CheckboxSelectMultiple,
            "areas": forms.CheckboxSelectMultiple,
            "skills": forms.SelectMultiple(attrs={"size": 6}),
            **textareas("description"),
        }

    # Settings with a default: a form posted without them keeps what the event has.
    KEPT_WHEN_MISSING = ("waitlist_mode", "offer_hours", "certificate_rule")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.KEPT_WHEN_MISSING:
            self.fields[name].required = False
        self.fields["skills"].queryset = self.fields["skills"].queryset.filter(is_group=False)
        # Archived universities host nothing new (an existing host stays selectable).
        hosts = University.objects.active()
        if self.instance.host_id:
            hosts = hosts | University.objects.filter(pk=self.instance.host_id)
        self.fields["host"].queryset = hosts
        if self.instance.pk:
            zone = self._zone(self.instance.time_zone)
            for name in ("start", "end", "registration_deadline"):
                value = getattr(self.instance, name)
                if value:
                    self.initial[name] = timezone.localtime(value, zone).replace(tzinfo=None)

    @staticmethod
    def _zone(name: str) -> ZoneInfo:
        return zone_or_none(name) or ZoneInfo("UTC")

    def clean(self):
        for name in self.KEPT_WHEN_MISSING:
            if self.cleaned_data.get(name) in (None, ""):
                self.cleaned_data[name] = getattr(self.instance, name)
        cleaned = super().clean()
        zone = self._zone(cleaned.get("time_zone") or "UTC")
        for name in ("start", "end", "registration_deadline"):
            value = cleaned.get(name)
            if value is not None:
                cleaned[name] = timezone.make_aware(value.replace(tzinfo=None), zone)
                setattr(self.instance, name, cleaned[name])
        start = cleaned.get("start")
        if start and not self.instance.pk and start <= timezone.now():
            self.add_error("start", _("A new event cannot start in the past."))
        offsets = cleaned.get("reminder_offsets")
        if offsets not in (None, "") and (
            not isinstance(offsets, list)
            or not all(isinstance(m, int) and 0 < m <= 60 * 24 * 30 for m in offsets)
        ):
            self.add_error(
                "reminder_offsets",
                _("Give a list of minutes before the start, e.g. [1440, 60]."),
            )
        return cleaned


class LogisticsForm(TranslatedFieldsMixin, forms.ModelForm):
    """What the host university's staff keep up to date for the event they host."""

    translated_fields = {"venue": False}

    class Meta:
        model = Event
        fields = [*columns("venue"), "capacity_on_site", "join_url"]


class MaterialsForm(TranslatedFieldsMixin, forms.ModelForm):
    translated_fields = {"summary": False}

    class Meta:
        model = Event
        fields = ["slides", "recording_url", *columns("summary")]
        widgets = textareas("summary")

    def clean_slides(self):
        """A new upload must be a real PDF (its structure is checked, not only its first
        bytes) of at most 20 MB; it is stored under a generated ``.pdf`` name."""
        slides = self.cleaned_data.get("slides")
        if slides and hasattr(slides, "content_type"):
            if slides.size > MAX_SLIDES_BYTES:
                raise forms.ValidationError(
                    _("The slides must be a PDF of at most %(limit)s."),
                    params={"limit": filesizeformat(MAX_SLIDES_BYTES)},
                )
            if not is_pdf(slides):
                raise forms.ValidationError(_("The slides must be a PDF file."))
        return slides


class RegistrationForm(forms.Form):
    mode = forms.ChoiceField(choices=Registration.Mode.choices, label=_("I will attend"))

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        choices = []
        if event.has_on_site:
            choices.append((Registration.Mode.ON_SITE, Registration.Mode.ON_SITE.label))
        if event.has_online:
            choices.append((Registration.Mode.ONLINE, Registration.Mode.ONLINE.label))
        self.fields["mode"].choices = choices
        self.fields["mode"].initial = choices[0][0]


WEEKDAYS = [
    (0, _("Monday")), (1, _("Tuesday")), (2, _("Wednesday")), (3, _("Thursday")),
    (4, _("Friday")), (5, _("Saturday")), (6, _("Sunday")),
]  # fmt: skip
ORDINAL_CHOICES = [
    ("1", _("in the first week")), ("2", _("in the second week")),
    ("3", _("in the third week")), ("4", _("in the fourth week")),
    ("last", _("in the last week")),
]  # fmt: skip


class SeriesGeneratorForm(TranslatedFieldsMixin, forms.Form):
    translated_fields = {"title": True}
    series = forms.ModelChoiceField(queryset=EventSeries.objects.all(), label=_("Series"))
    locals().update(
        {column: forms.CharField(label=_("Title"), max_length=180) for column in columns("title")}
    )
    ordinal = forms.ChoiceField(choices=ORDINAL_CHOICES, label=_("Week of the month"))
    day_of_week = forms.TypedChoiceField(choices=WEEKDAYS, coerce=int, label=_("Day of the week"))
    at = forms.TimeField(label=_("At"), widget=forms.TimeInput(attrs={"type": "time"}))
    time_zone = forms.ChoiceField(choices=zone_choices, label=_("Time zone"))
    first_month = forms.DateField(
        label=_("From the month of"), widget=forms.DateInput(attrs={"type": "date"})
    )
    count = forms.IntegerField(min_value=1, max_value=24, initial=6, label=_("Occurrences"))
    duration = forms.IntegerField(
        min_value=15, max_value=600, initial=90, label=_("Duration (minutes)")
    )
    join_url = forms.URLField(label=_("Online join link"), required=False)

    def starts(self) -> list[datetime]:
        data = self.cleaned_data
        return monthly_starts(
            first_month=data["first_month"],
            ordinal=data["ordinal"],
            day_of_week=data["day_of_week"],
            at=data["at"],
            zone=data["time_zone"],
            count=data["count"],
        )

    def clean(self):
        cleaned = super().clean()
        if not self.errors and self.starts()[0] <= timezone.now():
            self.add_error("first_month", _("The first occurrence would be in the past."))
        return cleaned


class RotationPlanForm(forms.Form):
    start = forms.DateField(label=_("First day"), widget=forms.DateInput(attrs={"type": "date"}))
    days = forms.IntegerField(min_value=1, max_value=7, initial=2, label=_("Days"))
    attendance = forms.IntegerField(
        min_value=1, max_value=100000, required=False, label=_("Expected attendance")
    )

    def clean_start(self):
        start = self.cleaned_data["start"]
        if start <= timezone.localdate():
            raise forms.ValidationError(_("Plan the conference for a future date."))
        return start


class RotationMemberForm(forms.ModelForm):
    """A member's venue details; the blackout dates are checked by the model field."""

    class Meta:
        model = RotationMember
        fields = ["venue_capacity", "blackout_dates"]
        widgets = {"blackout_dates": forms.Textarea(attrs={"rows": 3})}


class RotationAddForm(forms.Form):
    university = forms.ModelChoiceField(
        queryset=University.objects.active().in_central_asia().filter(rotation_member__isnull=True),
        label=_("University"),
    )


class AgendaItemForm(TranslatedFieldsMixin, forms.ModelForm):
    translated_fields = {"title": True}
    starts_at = ZonedDateTimeField(label=_("Starts at (in the event's time zone)"))
    speaker_emails = forms.CharField(
        label=_("Speakers with an account (e-mail addresses)"),
        required=False,
        help_text=_("Separated by commas; they are reminded like registrants."),
    )

    class Meta:
        model = AgendaItem
        fields = ["starts_at", *columns("title"), "speakers"]
        widgets = {"speakers": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, zone="UTC", **kwargs):
        super().__init__(*args, **kwargs)
        self.zone = EventForm._zone(zone)
        if self.instance.pk:
            self.initial["starts_at"] = timezone.localtime(
                self.instance.starts_at, self.zone
            ).replace(tzinfo=None)
            self.initial["speaker_emails"] = ", ".join(
                self.instance.speaker_accounts.values_list("email", flat=True)
            )

    def clean_starts_at(self):
        value = self.cleaned_data["starts_at"]
        return timezone.make_aware(value.replace(tzinfo=None), self.zone)

    def clean_speaker_emails(self) -> list[User]:
        emails = {
            e.strip().lower() for e in self.cleaned_data["speaker_emails"].split(",") if e.strip()
        }
        users = list(User.objects.filter(email__in=emails, is_active=True))
        unknown = sorted(emails - {user.email for user in users})
        if unknown:
            raise forms.ValidationError(
                _("No account uses %(emails)s."), params={"emails": ", ".join(unknown)}
            )
        return users

    def clean(self) -> dict[str, Any]:
        super().clean()
        # The accounts behind the addresses are the item's speakers (a model field).
        self.cleaned_data["speaker_accounts"] = self.cleaned_data.get("speaker_emails") or []
        return self.cleaned_data


class BaseAgendaFormSet(forms.BaseInlineFormSet):
    """Every item of the agenda starts within its event: at or after the start and
    before the end (of the event as the form above it was filled in)."""

    def clean(self) -> None:
        super().clean()
        event = self.instance
        if event.start is None or event.end is None:
            return  # the event's own times are wrong: the form above says so
        zone = EventForm._zone(event.time_zone)
        for form in self.forms:
            cleaned = getattr(form, "cleaned_data", {})
            starts_at = cleaned.get("starts_at")
            if starts_at is None or cleaned.get("DELETE"):
                continue
            if not event.start <= starts_at < event.end:
                form.add_error("starts_at", _agenda_error(event, zone))


def _agenda_error(event: Event, zone: ZoneInfo) -> forms.ValidationError:
    def shown(moment: datetime) -> str:
        return formats.date_format(timezone.localtime(moment, zone), "DATETIME_FORMAT")

    return forms.ValidationError(
        _("An agenda item must start within the event: from %(start)s to before %(end)s."),
        params={"start": shown(event.start), "end": shown(event.end)},
    )


class EventQuestionForm(TranslatedFieldsMixin, forms.ModelForm):
    translated_fields = {"text": True, "choices": False}

    class Meta:
        model = EventQuestion
        fields = ["position", "kind", *columns("text"), *columns("choices"), "required"]
        widgets = textareas("choices", rows=3)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("kind") == EventQuestion.Kind.CHOICE and not cleaned.get("DELETE"):
            lists = [
                [line for line in (cleaned.get(column) or "").splitlines() if line.strip()]
                for column in columns("choices")
            ]
            if not any(len(choices) >= 2 for choices in lists):
                self.add_error(
                    columns("choices")[0],
                    _("A choice question needs at least two choices, one per line."),
                )
        return cleaned


class BaseQuestionFormSet(forms.BaseInlineFormSet):
    """A question someone answered stays: removing it would lose their answers."""

    def clean(self) -> None:
        super().clean()
        for form in self.forms:
            cleaned = getattr(form, "cleaned_data", {})
            if cleaned.get("DELETE") and form.instance.pk and form.instance.answers.exists():
                form.add_error(
                    None,
                    _("This question has answers already: it can no longer be removed."),
                )


QuestionFormSet = forms.inlineformset_factory(
    Event,
    EventQuestion,
    form=EventQuestionForm,
    formset=BaseQuestionFormSet,
    extra=1,
    can_delete=True,
    max_num=20,
    validate_max=True,
)


AgendaFormSet = forms.inlineformset_factory(
    Event,
    AgendaItem,
    form=AgendaItemForm,
    formset=BaseAgendaFormSet,
    extra=2,
    can_delete=True,
    max_num=40,
    validate_max=True,
)


class SeriesForm(TranslatedFieldsMixin, forms.ModelForm):
    translated_fields = {"name": True, "description": False}

    class Meta:
        model = EventSeries
        fields = [
            *columns("name"),
            *columns("description"),
            "organiser",
            "time_zone",
            "reminder_offsets",
        ]
        widgets = textareas("description", rows=3)

    def clean_reminder_offsets(self):
        offsets = self.cleaned_data.get("reminder_offsets")
        if offsets in (None, "", []):
            return []
        if not isinstance(offsets, list) or not all(
            isinstance(m, int) and 0 < m <= 60 * 24 * 30 for m in offsets
        ):
            raise forms.ValidationError(
                _("Give a list of minutes before the start, e.g. [1440, 60].")
            )
        return offsets


class AlarmForm(forms.ModelForm):
    class Meta:
        model = CalendarToken
        fields = ["alarm_minutes"]

    def clean_alarm_minutes(self):
        minutes = self.cleaned_data["alarm_minutes"]
        if not 0 < minutes <= 7 * 24 * 60:
            raise forms.ValidationError(_("Choose between 1 minute and 7 days (10080 minutes)."))
        return minutes
