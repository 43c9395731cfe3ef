from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import LinesField, lines

from .models import User


class AccountEmailsField(LinesField):
    """People with an account, by their e-mail addresses, one per line. ``unknown``:
    the message for an address no active account uses (with ``%(email)s``)."""

    def __init__(self, *args: Any, unknown: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.unknown = unknown

    def label_of(self, row: Any) -> str:
        return str(row.email)

    def clean(self, value: Any) -> list[User]:
        found = []
        for address in lines(super().clean(value)):
            user = User.objects.filter(is_active=True, email__iexact=address[:254]).first()
            if user is None:
                raise forms.ValidationError(self.unknown, params={"email": address})
            found.append(user)
        return list(dict.fromkeys(found))


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["full_name", "affiliation", "preferred_language", "time_zone", "needs_digest"]
        help_texts = {
            "time_zone": _(
                "Central Asia's zones and Geneva's come first; every other zone follows by "
                "region: type a city's name in the list to find it."
            ),
        }


class MembershipRequestForm(forms.Form):
    target: forms.ModelChoiceField = forms.ModelChoiceField(queryset=None, label=_("Join"))
    message = forms.CharField(
        label=_("Message to the approvers"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=1000,
        help_text=_("Your position and what you will do on the platform."),
    )

    def __init__(self, *args, kind, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        targets = kind.target_model.objects
        if hasattr(targets, "active"):  # archived universities and organisations take no one
            targets = targets.active()
        self.fields["target"].queryset = targets.order_by("name_en")
        self.fields["target"].label = kind.target_label


class MembershipDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("approve", _("Approve")), ("reject", _("Reject"))], label=_("Decision")
    )
    role = forms.ChoiceField(label=_("Role"), required=False)

    def __init__(self, *args, kind, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = kind.model.Role.choices


class MFAResetForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address of the account"))
    confirm = forms.BooleanField(
        label=_("I have checked who is asking: their second factor will be removed."),
        required=True,
    )

    def clean_email(self) -> User:
        user = User.objects.filter(email__iexact=self.cleaned_data["email"]).first()
        if user is None:
            raise forms.ValidationError(_("No account has this e-mail address."))
        return user


class AccountCloseForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    confirm = forms.BooleanField(
        label=_("I understand that my account is closed for good and cannot be restored."),
        required=True,
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("This is not your password."))
        return password
