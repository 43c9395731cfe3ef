"""Registration questions: what the profile holds once (country, sector, gender,
role, affiliation) and what each event adds (text, choice, yes/no). The form is built
from the event's questions; answers are kept per registration and may be changed
until the event starts."""

from datetime import datetime
from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from core.countries import country_choices

from .models import Event, EventQuestion, Registration

PROFILE_FIELDS = ("affiliation", "country", "sector", "gender", "participant_role")
YES, NO = "yes", "no"


def question_field_name(question: EventQuestion) -> str:
    return f"question_{question.pk}"


def answers_editable(event: Event, now: datetime | None = None) -> bool:
    """Answers may change until the event starts."""
    return (now or timezone.now()) < event.start


class RegistrationDetailsForm(forms.Form):
    """The registration page: how one attends, the profile's questions (asked at the
    first registration, then prefilled), the event's own questions and, on site, the
    visa invitation letter."""

    mode = forms.ChoiceField(label=_("I will attend"), widget=forms.RadioSelect)
    affiliation = forms.CharField(
        label=_("Affiliation"),
        max_length=200,
        required=False,
        help_text=_("Your university, company or organisation."),
    )
    country = forms.ChoiceField(label=_("Country"))
    sector = forms.ChoiceField(label=_("Sector"), choices=User.Sector.choices)
    gender = forms.ChoiceField(label=_("Gender"), choices=User.Gender.choices)
    participant_role = forms.ChoiceField(label=_("Role"), choices=User.ParticipantRole.choices)
    wants_visa_letter = forms.BooleanField(
        label=_("I need a visa invitation letter to come on site"),
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )

    def __init__(
        self,
        *args: Any,
        event: Event,
        user: User,
        registration: Registration | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.event = event
        self.questions = list(event.questions.all())
        modes = []
        if event.has_on_site:
            modes.append((Registration.Mode.ON_SITE.value, Registration.Mode.ON_SITE.label))
        if event.has_online:
            modes.append((Registration.Mode.ONLINE.value, Registration.Mode.ONLINE.label))
        cast(forms.ChoiceField, self.fields["mode"]).choices = modes
        cast(forms.ChoiceField, self.fields["country"]).choices = [("", "—"), *country_choices()]
        for name, options in (
            ("sector", User.Sector.choices),
            ("gender", User.Gender.choices),
            ("participant_role", User.ParticipantRole.choices),
        ):
            cast(forms.ChoiceField, self.fields[name]).choices = [("", "—"), *options]
        if not event.has_on_site:
            del self.fields["wants_visa_letter"]
        for name in PROFILE_FIELDS:
            self.initial.setdefault(name, getattr(user, name))
        if registration is not None:
            self.initial.setdefault("mode", registration.mode)
            self.initial.setdefault("wants_visa_letter", registration.wants_visa_letter)
            del self.fields["mode"]  # changing how one attends is cancelling and registering
        elif modes:
            self.initial.setdefault("mode", modes[0][0])
        given = {a.question_id: a.value for a in registration.answers.all()} if registration else {}
        for question in self.questions:
            name = question_field_name(question)
            self.fields[name] = self._field(question)
            if question.pk in given:
                self.initial[name] = given[question.pk]

    @staticmethod
    def _field(question: EventQuestion) -> forms.Field:
        label = str(question.text)
        if question.kind == EventQuestion.Kind.CHOICE:
            options = [(choice, choice) for choice in question.choice_list()]
            return forms.ChoiceField(
                label=label,
                required=question.required,
                choices=[("", "—"), *options],
            )
        if question.kind == EventQuestion.Kind.YES_NO:
            return forms.ChoiceField(
                label=label,
                required=question.required,
                choices=[(YES, _("Yes")), (NO, _("No"))],
                widget=forms.RadioSelect,
            )
        return forms.CharField(
            label=label,
            required=question.required,
            max_length=2000,
            widget=forms.Textarea(attrs={"rows": 2}),
        )

    def profile_values(self) -> dict[str, str]:
        return {name: self.cleaned_data.get(name, "") for name in PROFILE_FIELDS}

    def answers(self) -> dict[int, str]:
        """The answers by question id (an empty answer to an optional question too)."""
        return {
            question.pk: str(self.cleaned_data.get(question_field_name(question)) or "")
            for question in self.questions
        }

    def question_fields(self) -> list[forms.BoundField]:
        return [self[question_field_name(question)] for question in self.questions]
