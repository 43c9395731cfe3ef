from django import forms
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from curricula.models import Field, Skill
from industry.models import NeedSkill, SkillNeed
from universities.countries import CENTRAL_ASIA, Country
from universities.models import ResearchArea

from .gaps import REGION, GapFilters

HORIZONS = [(6, _("6 months")), (12, _("12 months")), (24, _("24 months")), (36, _("36 months"))]
SORTS = [("gap", _("Largest gap")), ("demand", _("Largest demand")), ("name", _("Skill name"))]


class GapFilterForm(forms.Form):
    horizon = forms.TypedChoiceField(
        choices=HORIZONS, coerce=int, required=False, initial=24, label=_("Horizon")
    )
    theme = forms.ModelChoiceField(
        queryset=ResearchArea.objects.order_by("position", "name_en"),
        to_field_name="slug",
        required=False,
        label=_("Theme"),
        empty_label=_("All themes"),
    )
    country = forms.ChoiceField(
        choices=[
            (REGION, _("All of Central Asia")),
            *((c, Country(c).label) for c in CENTRAL_ASIA),
        ],
        required=False,
        label=_("Country"),
    )
    field = forms.ModelChoiceField(
        queryset=Field.objects.filter(level=Field.Level.BROAD),
        to_field_name="code",
        required=False,
        label=_("Field of education (ISCED-F)"),
        empty_label=_("All fields"),
    )
    group = forms.ModelChoiceField(
        # Groups with at least one need for a skill in them (a semi-join, no DISTINCT).
        queryset=Skill.objects.active().filter(
            Exists(NeedSkill.objects.filter(skill__broader=OuterRef("pk"))), is_group=True
        ),
        to_field_name="slug",
        required=False,
        label=_("Skill group"),
        empty_label=_("All groups"),
    )
    kind = forms.ChoiceField(
        choices=[("", _("All kinds")), *SkillNeed.Kind.choices],
        required=False,
        label=_("Need kind"),
    )
    sort = forms.ChoiceField(choices=SORTS, required=False, label=_("Sort by"))

    def filters(self) -> GapFilters:
        """The chosen filters, or the defaults where a value was missing or invalid."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return GapFilters(
            horizon_months=data.get("horizon") or 24,
            field_code=data["field"].code if data.get("field") else "",
            group=data.get("group"),
            kind=data.get("kind") or "",
            theme=data["theme"].slug if data.get("theme") else "",
        )

    def sort_key(self) -> str:
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return data.get("sort") or "gap"

    def place(self) -> str:
        """The chosen country, or the region as a whole."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return data.get("country") or REGION
