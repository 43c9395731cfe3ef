from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.timezones import RegionTimeZone

from .models import Event, Registration

MAX_SLIDES_BYTES = 20 * 1024 * 1024


class ZonedDateTimeField(forms.DateTimeField):
    """A date and time typed in the event's own time zone (the form converts it)."""

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class EventForm(forms.ModelForm):
    start = ZonedDateTimeField(label=_("Start (in the event's time zone)"))
    end = ZonedDateTimeField(label=_("End (in the event's time zone)"))
    registration_deadline = ZonedDateTimeField(
        label=_("Registration deadline (in the event's time zone)"), required=False
    )

    class Meta:
        model = Event
        fields = [
            "title_en", "title_ru", "kind", "format", "series", "time_zone", "start", "end",
            "host", "venue", "join_url", "capacity_on_site", "capacity_online",
            "registration_deadline", "languages", "interpretation", "areas", "skills",
            "description_en", "description_ru", "reminder_offsets",
        ]  # fmt: skip
        widgets = {
            "languages": forms.CheckboxSelectMultiple,
            "areas": forms.CheckboxSelectMultiple,
            "skills": forms.SelectMultiple(attrs={"size": 6}),
            "description_en": forms.Textarea(attrs={"rows": 4}),
            "description_ru": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["skills"].queryset = self.fields["skills"].queryset.filter(is_group=False)
        if self.instance.pk:
            zone = self._zone(self.instance.time_zone)
            for name in ("start", "end", "registration_deadline"):
                value = getattr(self.instance, name)
                if value:
                    self.initial[name] = timezone.localtime(value, zone).replace(tzinfo=None)

    @staticmethod
    def _zone(name):
        from zoneinfo import ZoneInfo

        return ZoneInfo(name if name in RegionTimeZone.values else "UTC")

    def clean(self):
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


class LogisticsForm(forms.ModelForm):
    """What the host university's staff keep up to date for the event they host."""

    class Meta:
        model = Event
        fields = ["venue", "capacity_on_site", "join_url"]


class MaterialsForm(forms.ModelForm):
    class Meta:
        model = Event
        fields = ["slides", "recording_url", "summary"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 4})}

    def clean_slides(self):
        slides = self.cleaned_data.get("slides")
        if slides and hasattr(slides, "content_type"):
            if slides.size > MAX_SLIDES_BYTES:
                raise forms.ValidationError(_("The slides must be a PDF of at most 20 MB."))
            slides.seek(0)
            if slides.read(5) != b"%PDF-":
                raise forms.ValidationError(_("The slides must be a PDF file."))
            slides.seek(0)
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
