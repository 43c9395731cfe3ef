from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from universities.models import ResearchArea

from .models import Issue

CONSENT = _(
    "I agree to receive the platform's monthly newsletter at this address. I can "
    "unsubscribe at any time with one click."
)


class SubscribeForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"), max_length=254)
    language = forms.ChoiceField(label=_("Language of the newsletter"), choices=settings.LANGUAGES)
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"),
        queryset=ResearchArea.objects.order_by("position"),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
        help_text=_("Choose none to receive everything."),
    )
    consent = forms.BooleanField(
        label=CONSENT,
        required=True,
        error_messages={"required": _("Tick the box to agree to receive the newsletter.")},
    )


class IssueForm(forms.ModelForm):
    class Meta:
        model = Issue
        fields = ["introduction"]
        widgets = {"introduction": forms.Textarea(attrs={"rows": 5})}
