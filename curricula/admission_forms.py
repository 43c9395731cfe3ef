"""The admissions page of a programme (intakes, learning outcomes, accreditations) and
a university's scholarships."""

from datetime import date
from typing import Any, cast

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS
from django.forms import BaseInlineFormSet, inlineformset_factory
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.bilingual import columns, localized
from core.translated_forms import TranslatedFieldsMixin, textareas
from universities.countries import Country
from universities.models import University

from .admission_services import (
    LEVEL_WITHOUT_SKILL,
    UNKNOWN_AGENCY,
    intake_refusal,
    month_start,
    scholarship_programmes,
)
from .forms import SkillField
from .models import (
    Accreditation,
    AccreditationAgency,
    Intake,
    LearningOutcome,
    Programme,
    Scholarship,
)

MONTH_FORMAT = "%Y-%m"


class MonthField(forms.DateField):
    """A month (``<input type="month">``, "2027-09"), kept as its first day."""

    widget = forms.DateInput(format=MONTH_FORMAT, attrs={"type": "month"})
    input_formats = [MONTH_FORMAT, "%Y-%m-%d"]
    default_error_messages = {"invalid": _("Enter a month, such as 2027-09.")}

    def to_python(self, value: Any) -> date | None:
        day = super().to_python(value)
        return month_start(day) if day else None


class IntakeForm(forms.ModelForm):
    starts_on = MonthField(label=_("Studies start (month)"))

    class Meta:
        model = Intake
        fields = ["starts_on", "application_deadline"]
        widgets = {"application_deadline": forms.DateInput(attrs={"type": "date"})}
        error_messages = {
            NON_FIELD_ERRORS: {
                "unique_together": _("The programme has an intake starting that month already.")
            }
        }

    def __init__(self, *args: Any, today: date | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today or timezone.localdate()
        # What the row held before this change: a past intake may stay as it was.
        self.was = self.instance.starts_on if self.instance.pk else None

    @property
    def is_past(self) -> bool:
        return self.was is not None and self.was < month_start(self.today)

    def clean_starts_on(self) -> date | None:
        starts_on = self.cleaned_data["starts_on"]
        refusal = intake_refusal(starts_on=starts_on, was=self.was, today=self.today)
        if refusal is not None:
            raise forms.ValidationError(refusal)
        return starts_on


class LearningOutcomeForm(TranslatedFieldsMixin, forms.ModelForm):
    translated_fields = {"text": True}
    skill = SkillField(label=_("Skill"), required=False)

    class Meta:
        model = LearningOutcome
        fields = [*columns("text"), "skill", "level"]
        widgets = textareas("text", rows=2)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("level") and cleaned.get("skill") is None and "skill" not in self.errors:
            self.add_error("skill", LEVEL_WITHOUT_SKILL)
        return cleaned


class AgencyChoiceField(forms.ModelChoiceField):
    default_error_messages = {"invalid_choice": UNKNOWN_AGENCY}

    def label_from_instance(self, obj: AccreditationAgency) -> str:
        name = localized(obj, "name")
        label = f"{obj.acronym} — {name}" if obj.acronym else str(name)
        if obj.country in Country.values:
            label += f" ({Country(obj.country).label})"
        return label


class AccreditationForm(forms.ModelForm):
    agency = AgencyChoiceField(
        label=_("Agency"), queryset=AccreditationAgency.objects.order_by("acronym", "slug")
    )

    class Meta:
        model = Accreditation
        fields = ["agency", "decision", "decided_on", "valid_until", "report_url"]
        widgets = {
            "decided_on": forms.DateInput(attrs={"type": "date"}),
            "valid_until": forms.DateInput(attrs={"type": "date"}),
            "report_url": forms.URLInput(attrs={"placeholder": "https://"}),
        }


class IntakeFormSet(BaseInlineFormSet):
    def __init__(self, *args: Any, today: date | None = None, **kwargs: Any) -> None:
        self.today = today
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index: int | None) -> dict[str, Any]:
        return {**super().get_form_kwargs(index), "today": self.today}


def _formset(model: Any, form: Any, formset: Any = BaseInlineFormSet) -> Any:
    return inlineformset_factory(
        Programme,
        model,
        form=form,
        formset=formset,
        extra=2,
        can_delete=True,
        max_num=40,
        validate_max=True,
    )


IntakeFormSetClass = _formset(Intake, IntakeForm, IntakeFormSet)
OutcomeFormSet = _formset(LearningOutcome, LearningOutcomeForm)
AccreditationFormSet = _formset(Accreditation, AccreditationForm)


def admissions_formsets(
    data: Any, programme: Programme, today: date | None = None
) -> dict[str, Any]:
    """The three formsets of the admissions page, by their prefix."""
    accreditations = programme.accreditations.select_related("agency").order_by(
        "-valid_until", "pk"
    )
    return {
        "intakes": IntakeFormSetClass(
            data, instance=programme, prefix="intakes", today=today,
            queryset=programme.intakes.order_by("starts_on", "pk"),
        ),
        "outcomes": OutcomeFormSet(
            data, instance=programme, prefix="outcomes",
            queryset=programme.outcomes.select_related("skill").order_by("position", "pk"),
        ),
        "accreditations": AccreditationFormSet(
            data, instance=programme, prefix="accreditations", queryset=accreditations
        ),
    }  # fmt: skip


class ScholarshipForm(TranslatedFieldsMixin, forms.ModelForm):
    translated_fields = {"name": True, "eligibility": False}

    class Meta:
        model = Scholarship
        fields = [
            *columns("name"), "provider", "amount", "currency", *columns("eligibility"),
            "deadline", "url", "programmes",
        ]  # fmt: skip
        widgets = {
            **textareas("eligibility", rows=3),
            "deadline": forms.DateInput(attrs={"type": "date"}),
            "url": forms.URLInput(attrs={"placeholder": "https://"}),
            "programmes": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "provider": _("Who pays it: the university, a foundation, a government."),
            "amount": _("Per year; leave empty if it covers the tuition or varies."),
            "programmes": _(
                "The university's programmes and the joint programmes it is a partner of."
            ),
        }

    def __init__(self, *args: Any, university: University, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.university = university
        programmes = cast(forms.ModelMultipleChoiceField, self.fields["programmes"])
        programmes.queryset = (
            scholarship_programmes(university, self.instance)
            .select_related("university")
            .order_by("title_en", "pk")
        )
        programmes.label_from_instance = self._programme_label  # type: ignore[method-assign,assignment]

    def _programme_label(self, programme: Programme) -> str:
        if programme.university_id == self.instance.university_id:
            return str(programme.title)
        university = programme.university.short_name or programme.university.name
        return f"{programme.title} ({university})"
