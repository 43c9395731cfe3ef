from typing import Any, cast

from django import forms
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from accounts.forms import AccountEmailsField
from accounts.models import User
from core.bilingual import columns
from core.translated_forms import TranslatedFieldsMixin, textareas
from curricula.forms import SkillNamesField
from industry.models import Organisation
from universities.models import ResearchArea, University

from .files import check_upload
from .images import reencode_image
from .models import (
    COUNTRY_CHOICES,
    NEEDS_FILE_OR_LINK,
    KnowledgeFile,
    KnowledgeItem,
    has_file_or_link,
    institutions_of,
)

ITEM_TEXTS = ("title", "summary", "body")
MAX_FILES = 4


class KnowledgeItemForm(TranslatedFieldsMixin, forms.ModelForm):
    translated_fields = {"title": True, "summary": True, "body": False}

    authors = AccountEmailsField(
        unknown=_(
            "No account uses the address “%(email)s”; name the person among the "
            "other authors instead."
        ),
        label=_("Authors with an account"),
        required=False,
        help_text=_("Their e-mail addresses, one per line."),
    )
    skills = SkillNamesField(
        label=_("Skills"), required=False, help_text=_("One skill of the taxonomy per line.")
    )
    countries = forms.MultipleChoiceField(
        label=_("Countries"),
        choices=COUNTRY_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = KnowledgeItem
        fields = [
            "kind", *(column for name in ITEM_TEXTS for column in columns(name)),
            "authors", "outside_authors", "universities", "organisations", "published_on",
            "themes", "skills", "external_url", "image",
        ]  # fmt: skip
        field_classes = {"image": forms.FileField}
        widgets = {
            **textareas("summary", rows=3),
            **textareas("body", rows=10),
            "outside_authors": forms.Textarea(attrs={"rows": 2}),
            "published_on": forms.DateInput(attrs={"type": "date"}),
            "themes": forms.CheckboxSelectMultiple,
            "universities": forms.SelectMultiple(attrs={"size": 6}),
            "organisations": forms.SelectMultiple(attrs={"size": 6}),
            "image": forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg,image/webp"}),
        }

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        cast(
            forms.ModelMultipleChoiceField, self.fields["universities"]
        ).queryset = University.objects.active()
        cast(
            forms.ModelMultipleChoiceField, self.fields["organisations"]
        ).queryset = Organisation.objects.active()
        cast(
            forms.ModelMultipleChoiceField, self.fields["themes"]
        ).queryset = ResearchArea.objects.all()
        if self.instance.pk:
            self.initial["countries"] = list(
                self.instance.country_rows.values_list("country", flat=True)
            )
        else:  # a member's new item is their institutions' to begin with
            universities, organisations = institutions_of(user)
            own = list(universities.values_list("university", flat=True))
            self.initial.setdefault("universities", own)
            own = list(organisations.values_list("organisation", flat=True))
            self.initial.setdefault("organisations", own)

    def clean_image(self) -> Any:
        image = self.cleaned_data.get("image")
        if image and hasattr(image, "content_type"):
            encoded = reencode_image(image)
            self.cleaned_data["image_width"] = encoded.width
            self.cleaned_data["image_height"] = encoded.height
            return encoded.content
        if image is False:  # cleared
            self.cleaned_data["image_width"] = self.cleaned_data["image_height"] = None
        return image

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        image = cleaned.get("image")
        kind = cleaned.get("kind")
        if image and hasattr(image, "read") and kind not in KnowledgeItem.NEWS_KINDS:
            self.add_error("image", _("Only news and commentary take an image."))
        if not self.user.is_coordinator:
            self._check_own_institution(cleaned)
        return cleaned

    def _check_own_institution(self, cleaned: dict[str, Any]) -> None:
        """A member submits for their own university or organisation."""
        universities, organisations = institutions_of(self.user)
        own_universities = set(universities.values_list("university", flat=True))
        own_organisations = set(organisations.values_list("organisation", flat=True))
        chosen_universities = {u.pk for u in cleaned.get("universities") or []}
        chosen_organisations = {o.pk for o in cleaned.get("organisations") or []}
        if not (chosen_universities & own_universities or chosen_organisations & own_organisations):
            self.add_error(
                "universities",
                _("Name at least one university or organisation you act for."),
            )


class KnowledgeFileForm(forms.ModelForm):
    class Meta:
        model = KnowledgeFile
        fields = ["language", "file", "licence"]
        widgets = {
            "file": forms.ClearableFileInput(
                attrs={"accept": ".pdf,.docx,.xlsx,.pptx,application/pdf"}
            )
        }

    def has_changed(self) -> bool:
        """A new row without a file is left empty, whatever its language and licence
        say (their selects always send a value)."""
        if self.instance.pk is None and not self.files.get(self.add_prefix("file")):
            return False
        return super().has_changed()

    def clean_file(self) -> Any:
        upload = self.cleaned_data.get("file")
        if upload and hasattr(upload, "content_type"):
            self.cleaned_data["format"] = check_upload(upload, upload.size or 0)
        return upload

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if "format" in self.cleaned_data:
            self.instance.format = self.cleaned_data["format"]
        return cleaned


class BaseKnowledgeFileFormSet(forms.BaseInlineFormSet):
    # The item's form, validated first: its link counts as much as a file.
    item_form: KnowledgeItemForm | None = None

    def clean(self) -> None:
        super().clean()
        if any(self.errors):
            return
        kept = [
            form
            for form in self.forms
            if form.cleaned_data
            and not form.cleaned_data.get("DELETE")
            and (form.instance.pk or form.has_changed())
        ]
        languages = [form.cleaned_data.get("language") for form in kept]
        if len(languages) != len(set(languages)):
            raise forms.ValidationError(_("Give each language one file at most."))
        link = ""
        if self.item_form is not None and hasattr(self.item_form, "cleaned_data"):
            link = self.item_form.cleaned_data.get("external_url") or ""
        if not has_file_or_link(external_url=link, file_count=len(kept)):
            raise forms.ValidationError(NEEDS_FILE_OR_LINK)


KnowledgeFileFormSet = inlineformset_factory(
    KnowledgeItem,
    KnowledgeFile,
    form=KnowledgeFileForm,
    formset=BaseKnowledgeFileFormSet,
    extra=2,
    can_delete=True,
    max_num=MAX_FILES,
    validate_max=True,
)


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=_("Why it is returned"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=2000,
        help_text=_("The authors receive this text: say what to change."),
    )
