from django import forms
from django.utils.translation import gettext_lazy as _


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kept for coordinators; the verification page says only that it is revoked."),
    )


class ReissueForm(forms.Form):
    name = forms.CharField(
        label=_("Name as it should be printed"),
        max_length=200,
        help_text=_("The certificate is revoked and a new one, with a new code, is e-mailed."),
    )

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError(_("Give the name to print."))
        return name
