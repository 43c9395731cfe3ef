from django import forms
from django.utils.translation import gettext_lazy as _

from .countries import Country
from .models import ResearchArea


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
