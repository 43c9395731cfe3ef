from typing import Any, cast
from zoneinfo import ZoneInfo

from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.forms import AccountEmailsField
from accounts.models import MembershipStatus, User
from core.bilingual import columns
from core.timezones import zone_or_none
from core.translated_forms import TranslatedFieldsMixin, textareas
from curricula.forms import SkillNamesField
from events.forms import ZonedDateTimeField
from events.models import Event
from events.pdf import is_pdf
from industry.models import Organisation
from universities.models import ResearchArea, University

from .models import Call, Contribution, Criterion, SessionKind, Track

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_TRACKS = 20
MAX_CRITERIA = 10


def _zone(event: Event) -> ZoneInfo:
    return zone_or_none(event.time_zone) or ZoneInfo("UTC")


class CallForm(TranslatedFieldsMixin, forms.ModelForm):
    translated_fields = {"description": False}
    opens_at = ZonedDateTimeField(label=_("Opens (in the event's time zone)"))
    closes_at = ZonedDateTimeField(label=_("Closes (in the event's time zone)"))
    session_kinds = forms.MultipleChoiceField(
        label=_("Session types"),
        choices=SessionKind.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The kinds of session one may propose."),
    )

    class Meta:
        model = Call
        fields = [
            *columns("description"), "opens_at", "closes_at", "session_kinds", "minutes",
            "blind_review", "share_reviews",
        ]  # fmt: skip
        widgets = textareas("description", rows=5)

    def __init__(self, *args: Any, event: Event, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.zone = _zone(event)
        if self.instance.pk:
            for name in ("opens_at", "closes_at"):
                local = timezone.localtime(getattr(self.instance, name), self.zone)
                self.initial[name] = local.replace(tzinfo=None)
        else:
            self.initial.setdefault("session_kinds", [SessionKind.TALK, SessionKind.POSTER])

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        for name in ("opens_at", "closes_at"):
            value = cleaned.get(name)
            if value is not None:
                cleaned[name] = timezone.make_aware(value.replace(tzinfo=None), self.zone)
        opens, closes = cleaned.get("opens_at"), cleaned.get("closes_at")
        if opens and closes and closes <= opens:
            self.add_error("closes_at", _("The call must close after it opens."))
        elif closes and not self.instance.pk and closes <= timezone.now():
            self.add_error("closes_at", _("A new call cannot close in the past."))
        return cleaned


class TrackForm(TranslatedFieldsMixin, forms.ModelForm):
    translated_fields = {"name": True}

    class Meta:
        model = Track
        fields = [*columns("name"), "theme"]
        labels = {"theme": _("Theme (optional)")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        theme = cast(forms.ModelChoiceField, self.fields["theme"])
        theme.queryset = ResearchArea.objects.all()
        theme.required = False


class CriterionForm(TranslatedFieldsMixin, forms.ModelForm):
    translated_fields = {"name": True}

    class Meta:
        model = Criterion
        fields = columns("name")


TrackFormSet = forms.inlineformset_factory(
    Call,
    Track,
    form=TrackForm,
    extra=3,
    can_delete=True,
    max_num=MAX_TRACKS,
    validate_max=True,
)

CriterionFormSet = forms.inlineformset_factory(
    Call,
    Criterion,
    form=CriterionForm,
    extra=3,
    can_delete=True,
    max_num=MAX_CRITERIA,
    validate_max=True,
)


def _acting_for_choices(user: User) -> list[tuple[str, Any]]:
    """The universities and organisations ``user`` is an approved member of."""
    universities = University.objects.filter(
        memberships__user=user, memberships__status=MembershipStatus.APPROVED
    ).distinct()
    organisations = Organisation.objects.active().filter(
        memberships__user=user, memberships__status=MembershipStatus.APPROVED
    )
    return [
        ("", _("Only myself")),
        *((f"university:{u.pk}", str(u)) for u in universities),
        *((f"organisation:{o.pk}", str(o)) for o in organisations.distinct()),
    ]


class ContributionForm(forms.ModelForm):
    coauthor_emails = AccountEmailsField(
        unknown=_(
            "No account uses the address “%(email)s”; name the person among the "
            "co-authors without an account instead."
        ),
        label=_("Co-authors with an account"),
        required=False,
        help_text=_("Their e-mail addresses, one per line."),
    )
    skills = SkillNamesField(
        label=_("Skills it is about"),
        required=False,
        help_text=_("One skill of the taxonomy per line."),
    )
    acting_for = forms.ChoiceField(
        label=_("On behalf of"),
        required=False,
        help_text=_("A university or organisation of yours."),
    )

    class Meta:
        model = Contribution
        fields = [
            "title", "abstract", "kind", "track", "language", "coauthors", "skills", "file",
        ]  # fmt: skip
        widgets = {
            "abstract": forms.Textarea(attrs={"rows": 10, "maxlength": 4000}),
            "coauthors": forms.Textarea(attrs={"rows": 3}),
            "file": forms.ClearableFileInput(attrs={"accept": ".pdf,application/pdf"}),
        }

    field_order = [
        "title", "abstract", "kind", "track", "language", "coauthor_emails", "coauthors",
        "skills", "acting_for", "file",
    ]  # fmt: skip

    def __init__(self, *args: Any, call: Call, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kind = cast(forms.TypedChoiceField, self.fields["kind"])
        kind.choices = [
            (value, label) for value, label in SessionKind.choices if value in call.session_kinds
        ]
        track = cast(forms.ModelChoiceField, self.fields["track"])
        track.queryset = call.tracks.all()
        track.empty_label = None
        acting_for = cast(forms.ChoiceField, self.fields["acting_for"])
        acting_for.choices = _acting_for_choices(user)
        if self.instance.pk:
            self.initial["coauthor_emails"] = list(self.instance.coauthor_accounts.all())
            self.initial["skills"] = list(self.instance.skills.all())
            if self.instance.university_id:
                self.initial["acting_for"] = f"university:{self.instance.university_id}"
            elif self.instance.organisation_id:
                self.initial["acting_for"] = f"organisation:{self.instance.organisation_id}"
        else:
            self.initial.setdefault("language", user.preferred_language)

    def clean_file(self) -> Any:
        upload = self.cleaned_data.get("file")
        if upload and hasattr(upload, "content_type"):
            if (upload.size or 0) > MAX_FILE_BYTES:
                raise forms.ValidationError(
                    _("The file is %(size)s; the largest accepted is %(limit)s."),
                    params={
                        "size": filesizeformat(upload.size),
                        "limit": filesizeformat(MAX_FILE_BYTES),
                    },
                )
            if not is_pdf(upload):
                raise forms.ValidationError(_("This file is not a PDF document."))
        return upload

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        cleaned["coauthor_accounts"] = cleaned.get("coauthor_emails") or []
        chosen = cleaned.get("acting_for") or ""
        kind, _sep, pk = chosen.partition(":")
        university = University.objects.filter(pk=pk).first() if kind == "university" else None
        organisation = (
            Organisation.objects.filter(pk=pk).first() if kind == "organisation" else None
        )
        cleaned["university"], cleaned["organisation"] = university, organisation
        return cleaned
