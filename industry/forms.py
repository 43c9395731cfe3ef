from django import forms
from django.forms import inlineformset_factory
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from core.bilingual import columns
from core.translated_forms import TranslatedFieldsMixin, textareas
from core.uploads import reencode_logo
from curricula.forms import SkillField
from curricula.models import Programme
from universities.models import University, UniversityMembership

from .models import NeedResponse, NeedSkill, Organisation, SkillNeed


class OrganisationForm(TranslatedFieldsMixin, forms.ModelForm):
    translated_fields = {"name": True, "description": False}

    class Meta:
        model = Organisation
        fields = [
            *columns("name"), *columns("description"),
            "sector", "size", "country", "city", "website", "logo",
        ]  # fmt: skip
        field_classes = {"logo": forms.FileField}
        widgets = {
            **textareas("description"),
            "logo": forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg,image/webp"}),
        }

    def clean_website(self):
        website = self.cleaned_data["website"]
        raw = self.data.get(self.add_prefix("website"), "").strip().lower()
        if raw and not raw.startswith(("http://", "https://")):
            raise forms.ValidationError(
                _("Enter the full address, starting with https:// or http://.")
            )
        return website

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        if logo and hasattr(logo, "content_type"):
            return reencode_logo(logo, stem=slugify(self.instance.slug or "logo")[:40] or "logo")
        return logo


NEED_TEXTS = ("title", "background", "must_haves", "nice_to_haves", "description", "funding_range")


class SkillNeedForm(TranslatedFieldsMixin, forms.ModelForm):
    translated_fields = {name: name == "title" for name in NEED_TEXTS}

    class Meta:
        model = SkillNeed
        fields = [
            *(column for name in NEED_TEXTS for column in columns(name)), "kind",
            "offers_paid_internships", "offers_site_access", "offers_co_supervision",
            "headcount", "country", "city", "needed_by", "visibility",
            "contact_name", "contact_email",
        ]  # fmt: skip
        widgets = {
            **textareas("background", "nice_to_haves", rows=3),
            **textareas("must_haves"),
            **textareas("description", rows=5),
            "needed_by": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.organisation = organisation
        if not self.instance.pk:
            self.initial.setdefault("country", organisation.country)
            self.initial.setdefault("city", organisation.city)

    def clean_needed_by(self):
        needed_by = self.cleaned_data["needed_by"]
        unchanged = self.instance.pk and self.instance.needed_by == needed_by
        if needed_by < timezone.localdate() and not unchanged:
            raise forms.ValidationError(_("The date must be today or later."))
        return needed_by


class NeedSkillForm(forms.ModelForm):
    skill = SkillField(label=_("Skill"))

    class Meta:
        model = NeedSkill
        fields = ["skill", "level"]


class BaseNeedSkillFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        kept = [
            form for form in self.forms if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        if not any(self.errors) and not kept:
            raise forms.ValidationError(_("Name at least one skill the need asks for."))


NeedSkillFormSet = inlineformset_factory(
    SkillNeed,
    NeedSkill,
    form=NeedSkillForm,
    formset=BaseNeedSkillFormSet,
    extra=3,
    can_delete=True,
    max_num=20,
    validate_max=True,
)


class ResponseForm(forms.Form):
    university = forms.ModelChoiceField(queryset=University.objects.none(), label=_("On behalf of"))
    message = forms.CharField(
        label=_("Message"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=5000,
        help_text=_("What your university offers: graduates, a course, a research team, a visit."),
    )
    programmes = forms.ModelMultipleChoiceField(
        queryset=Programme.objects.none(),
        required=False,
        label=_("Offered programmes"),
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    contact_email = forms.EmailField(label=_("Contact e-mail"))

    def __init__(self, *args, user, need, **kwargs):
        super().__init__(*args, **kwargs)
        staff_of = UniversityMembership.objects.editing().filter(user=user)
        universities = University.objects.active().filter(pk__in=staff_of.values("university"))
        self.need = need
        self.fields["university"].queryset = universities
        self.fields["programmes"].queryset = (
            Programme.objects.active()
            .filter(university__in=universities)
            .select_related("university")
        )
        self.fields["contact_email"].initial = user.email
        if len(universities) == 1:
            self.fields["university"].initial = universities[0].pk

    def clean(self):
        cleaned = super().clean()
        university = cleaned.get("university")
        programmes = cleaned.get("programmes") or []
        if university is not None:
            if any(p.university_id != university.pk for p in programmes):
                self.add_error(
                    "programmes", _("Offer only programmes of the university you answer for.")
                )
            if NeedResponse.objects.filter(need=self.need, university=university).exists():
                self.add_error(
                    "university",
                    _(
                        "%(university)s has already answered this need; "
                        "continue in its conversation."
                    )
                    % {"university": university},
                )
        return cleaned


class ResponseMessageForm(forms.Form):
    body = forms.CharField(
        label=_("Your message"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )
