"""The speakers' slides: one PDF, its size checked here and its content by the
service (``timetable_services.slides_upload``)."""

from typing import Any

from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from .forms import MAX_FILE_BYTES


class SlidesForm(forms.Form):
    slides = forms.FileField(
        label=_("Slides (PDF)"),
        help_text=_("One PDF of at most %(limit)s.") % {"limit": filesizeformat(MAX_FILE_BYTES)},
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,application/pdf"}),
    )

    def clean_slides(self) -> Any:
        upload = self.cleaned_data["slides"]
        if (upload.size or 0) > MAX_FILE_BYTES:
            raise forms.ValidationError(
                _("The file is %(size)s; the largest accepted is %(limit)s."),
                params={
                    "size": filesizeformat(upload.size),
                    "limit": filesizeformat(MAX_FILE_BYTES),
                },
            )
        return upload
