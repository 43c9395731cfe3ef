"""Forms of the committee's timetable editor: a room, and a session placed or moved
(a day of the conference, a start and an end in the event's time zone)."""

from datetime import date, datetime, time, timedelta
from typing import Any, cast

from django import forms
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from core.bilingual import columns
from core.translated_forms import TranslatedFieldsMixin

from . import timetable
from .models import Call, Contribution, Room, Session


class RoomForm(TranslatedFieldsMixin, forms.ModelForm):
    translated_fields = {"name": True}

    class Meta:
        model = Room
        fields = [*columns("name"), "capacity", "stream_url"]
        widgets = {"capacity": forms.NumberInput(attrs={"min": 1})}


class RoomChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return _("%(room)s (%(places)s places)") % {"room": obj, "places": obj.capacity}


class ContributionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.title} · {obj.track}"


def _day_label(day: date) -> str:
    return f"{formats.date_format(day, 'l')}, {formats.date_format(day, 'DATE_FORMAT')}"


class SessionForm(TranslatedFieldsMixin, forms.Form):
    """A session placed (``session`` None) or moved. A new session takes an accepted
    contribution not placed yet, or is a plenary with a title; a moved plenary keeps
    its title editable. ``values()`` gives what the timetable services take."""

    translated_fields = {"title": False}

    day = forms.ChoiceField(label=_("Day"))
    starts_at = forms.TimeField(
        label=_("Starts"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    ends_at = forms.TimeField(
        label=_("Ends"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    room = RoomChoiceField(label=_("Room"), queryset=Room.objects.none(), empty_label=None)
    contribution = ContributionChoiceField(
        label=_("Contribution"),
        queryset=Contribution.objects.none(),
        required=False,
        empty_label=_("— a plenary —"),
        help_text=_("An accepted contribution not placed yet; leave empty for a plenary."),
    )
    expected = forms.IntegerField(
        label=_("Expected audience"),
        min_value=1,
        required=False,
        help_text=_("Leave empty unless the session needs a large room."),
    )

    def __init__(
        self, *args: Any, call: Call, session: Session | None = None, **kwargs: Any
    ) -> None:
        self.call, self.session = call, session
        super().__init__(*args, **kwargs)
        self.days = timetable.days(call)
        self.zone = timetable.zone_of(call)
        self.fields["ends_at"].help_text = _(
            "Empty: %(minutes)s minutes after the start (the call's length)."
        ) % {"minutes": call.minutes}
        cast(forms.ModelChoiceField, self.fields["room"]).queryset = call.rooms.all()
        if session is None:
            self._offer_unplaced()
        else:
            del self.fields["contribution"]
            if not session.is_plenary:
                for column in columns("title"):
                    del self.fields[column]
            self._initial_from(session)
        self._day_choices()
        self.order_fields(
            ["day", "starts_at", "ends_at", "room", "contribution", *columns("title"), "expected"]
        )

    def _offer_unplaced(self) -> None:
        # Any contribution of the call is taken, so that the service names what is
        # wrong with it (not accepted, placed meanwhile, a form sent twice); the
        # select offers the accepted ones not placed yet.
        field = cast(ContributionChoiceField, self.fields["contribution"])
        field.queryset = self.call.contributions.all()
        offered = (
            self.call.contributions.filter(state=Contribution.State.ACCEPTED, session__isnull=True)
            .select_related("track")
            .order_by("title", "pk")
        )
        field.widget.choices = [
            ("", field.empty_label),
            *((c.pk, field.label_from_instance(c)) for c in offered),
        ]

    def _initial_from(self, session: Session) -> None:
        starts = timezone.localtime(session.starts_at, self.zone)
        ends = timezone.localtime(session.ends_at, self.zone)
        self.initial.update(
            day=starts.date().isoformat(),
            starts_at=starts.time(),
            ends_at=ends.time(),
            room=session.room_id,
            expected=session.expected,
            **{column: getattr(session, column) for column in columns("title")},
        )

    def _day_choices(self) -> None:
        days = list(self.days)
        chosen = self.initial.get("day")
        if self.session is not None and chosen:
            held = date.fromisoformat(chosen)
            if held not in days:  # the event's dates changed since: show where it is
                days = sorted([*days, held])
        field = cast(forms.ChoiceField, self.fields["day"])
        field.choices = [(day.isoformat(), _day_label(day)) for day in days]

    def clean_day(self) -> date:
        return date.fromisoformat(self.cleaned_data["day"])

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        starts = cleaned.get("starts_at")
        if starts is not None and cleaned.get("ends_at") is None and "ends_at" not in self.errors:
            later = datetime.combine(date.min, starts) + timedelta(minutes=self.call.minutes)
            cleaned["ends_at"] = later.time() if later.date() == date.min else time(23, 59)
        return cleaned

    def values(self) -> dict[str, Any]:
        """The session as the services take it: aware moments in the event's zone."""
        data = self.cleaned_data
        day: date = data["day"]
        values: dict[str, Any] = {
            "room": data["room"],
            "starts_at": timetable.local(self.call, day, data["starts_at"]),
            "ends_at": timetable.local(self.call, day, data["ends_at"]),
            "expected": data.get("expected"),
        }
        if "contribution" in self.fields:
            values["contribution"] = data.get("contribution")
        for column in columns("title"):
            if column in self.fields:
                values[column] = data.get(column) or ""
        return values


# One title per language, for a plenary (the contribution's title serves otherwise).
for _column in columns("title"):
    SessionForm.base_fields[_column] = forms.CharField(
        label=_("Title of a plenary"), max_length=250, required=False
    )
