from django import forms
from django.forms import inlineformset_factory
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from core.bilingual import columns, first_value
from core.slugs import latin_slug
from core.translated_forms import TranslatedFieldsMixin, textareas
from core.uploads import reencode_logo

from .countries import Country
from .models import Activity, ResearchArea, Strength, University


class MatrixFilterForm(forms.Form):
    country = forms.ChoiceField(
        choices=[("", _("All countries")), *Country.choices], required=False, label=_("Country")
    )
    area = forms.ModelChoiceField(
        queryset=ResearchArea.objects.all(),
        to_field_name="slug",
        required=False,
        label=_("Research area"),
        empty_label=_("All areas"),
    )


def _require_scheme(value: str, raw: str) -> str:
    """Refuse an address typed without http(s)://; Django would silently add one."""
    if raw and not raw.strip().lower().startswith(("http://", "https://")):
        raise forms.ValidationError(
            _("Enter the full address, starting with https:// or http://."), code="no_scheme"
        )
    return value


class UniversityForm(TranslatedFieldsMixin, forms.ModelForm):
    """The profile kept by the university's staff; coordinators also set ``verified``."""

    translated_fields = {"name": True, "city": False, "description": False}

    class Meta:
        model = University
        fields = [
            *columns("name"),
            *columns("city"),
            *columns("description"),
            "name_local",
            "short_name",
            "aliases",
            "country",
            "latitude",
            "longitude",
            "website",
            "contact_email",
            "kind",
            "founded_year",
            "languages",
            "bologna_member",
            "logo",
            "verified",
        ]
        # A plain file field: core.uploads does every check with its own messages.
        field_classes = {"logo": forms.FileField}
        widgets = {
            "aliases": forms.Textarea(attrs={"rows": 3}),
            **textareas("description", rows=5),
            "languages": forms.CheckboxSelectMultiple,
            "logo": forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg,image/webp"}),
        }

    def __init__(self, *args, can_verify: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not can_verify:
            del self.fields["verified"]

    def clean_website(self):
        return _require_scheme(
            self.cleaned_data["website"], self.data.get(self.add_prefix("website"), "")
        )

    def clean_founded_year(self):
        year = self.cleaned_data["founded_year"]
        if year and year > timezone.now().year:
            raise forms.ValidationError(_("The founding year cannot be in the future."))
        return year

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        # Only a new upload is checked: a kept logo was checked when it came.
        if logo and hasattr(logo, "content_type"):
            stem = slugify(self.cleaned_data.get("short_name") or self.instance.slug or "logo")
            return reencode_logo(logo, stem=stem[:40] or "logo")
        return logo

    def clean(self):
        cleaned = super().clean()
        latitude, longitude = cleaned.get("latitude"), cleaned.get("longitude")
        if (latitude is None) != (longitude is None) and not self.errors.keys() & {
            "latitude",
            "longitude",
        }:
            raise forms.ValidationError(_("Give both latitude and longitude, or neither."))
        return cleaned


# Paths under /universities/ that a university's address must not take.
RESERVED_SLUGS = {"new", "areas", "map", "strengths", "compare", "archived"}


class UniversityCreateForm(UniversityForm):
    slug = forms.SlugField(
        label=_("Address name (slug)"),
        required=False,
        help_text=_("Used in the page's address; made from the English name when left empty."),
    )

    class Meta(UniversityForm.Meta):
        fields = ["slug", *UniversityForm.Meta.fields]

    def clean_slug(self):
        name = first_value(
            {c: self.data.get(self.add_prefix(c), "") for c in columns("name")}, "name"
        )
        slug = self.cleaned_data["slug"] or latin_slug(name)[:120]
        if not slug:
            return slug
        if slug in RESERVED_SLUGS or University.objects.filter(slug=slug).exists():
            raise forms.ValidationError(_("Another university already uses this address name."))
        return slug


class StrengthForm(TranslatedFieldsMixin, forms.ModelForm):
    translated_fields = {"statement": False, "evidence": False}

    class Meta:
        model = Strength
        fields = ["area", "level", *columns("statement"), *columns("evidence")]
        widgets = textareas("evidence", rows=2)


StrengthFormSet = inlineformset_factory(
    University,
    Strength,
    form=StrengthForm,
    extra=2,
    can_delete=True,
    max_num=50,
    validate_max=True,
)


class ActivityForm(TranslatedFieldsMixin, forms.ModelForm):
    translated_fields = {"title": True, "description": False}

    class Meta:
        model = Activity
        fields = [
            "kind",
            *columns("title"),
            *columns("description"),
            "area",
            "start_year",
            "end_year",
            "partners",
            "url",
        ]
        widgets = textareas("description", rows=2)

    def clean_url(self):
        return _require_scheme(self.cleaned_data["url"], self.data.get(self.add_prefix("url"), ""))


ActivityFormSet = inlineformset_factory(
    University,
    Activity,
    form=ActivityForm,
    extra=2,
    can_delete=True,
    max_num=100,
    validate_max=True,
)


class ResearchAreaForm(TranslatedFieldsMixin, forms.ModelForm):
    translated_fields = {"name": True, "description": False}

    class Meta:
        model = ResearchArea
        fields = [*columns("name"), *columns("description"), "position"]
        widgets = textareas("description", rows=3)
