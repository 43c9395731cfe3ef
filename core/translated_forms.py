"""Forms for translated content: one group of fields per language.

A form lists the translated fields it edits in ``translated_fields`` (the name,
and whether the text is required). Each language's columns form one group,
the user's language first and open, the others folded (``<details>``, so it
works without JavaScript) unless they hold a value or an error. A required text
needs a value in at least one language; every other language may stay empty.
"""

from dataclasses import dataclass, field
from typing import Any, ClassVar

from django import forms
from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS
from django.utils.translation import gettext_lazy as _
from translated_fields import to_attribute

from .bilingual import editing_languages, language_codes

AT_LEAST_ONE = _("Fill this in, in at least one language.")


@dataclass
class LanguageGroup:
    code: str
    name: str
    fields: list[forms.BoundField] = field(default_factory=list)
    first: bool = False

    @property
    def open(self) -> bool:
        return self.first or any(f.value() or f.errors for f in self.fields)

    @property
    def has_errors(self) -> bool:
        return any(f.errors for f in self.fields)


class TranslatedFieldsMixin:
    """For a ``Form``/``ModelForm`` whose ``Meta.fields`` hold translated columns."""

    translated_fields: ClassVar[dict[str, bool]] = {}
    template_name = "core/forms/translated_form.html"

    fields: dict[str, forms.Field]
    cleaned_data: dict[str, Any]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in self.translated_fields:
            for code in language_codes():
                column = self.fields.get(to_attribute(name, code))
                if column is None:
                    continue
                column.required = False
                column.widget.attrs["lang"] = code

    def translated_columns(self) -> set[str]:
        return {to_attribute(n, c) for n in self.translated_fields for c in language_codes()}

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean()  # type: ignore[misc]
        first = editing_languages()[0]
        for name, required in self.translated_fields.items():
            present = [to_attribute(name, code) for code in language_codes()]
            present = [column for column in present if column in self.fields]
            if required and present and not any(cleaned.get(column) for column in present):
                target = to_attribute(name, first)
                self.add_error(target if target in self.fields else present[0], AT_LEAST_ONE)  # type: ignore[attr-defined]
        return cleaned

    def _update_errors(self, errors: Any) -> None:
        """A model's own check may name a column this form does not show (another
        form edits it): the message then stands above the form instead of failing."""
        if hasattr(errors, "error_dict"):
            for name in list(errors.error_dict):
                if name != NON_FIELD_ERRORS and name not in self.fields:
                    errors.error_dict.setdefault(NON_FIELD_ERRORS, []).extend(
                        errors.error_dict.pop(name)
                    )
        super()._update_errors(errors)  # type: ignore[misc]

    def language_groups(self) -> list[LanguageGroup]:
        groups = []
        for index, code in enumerate(editing_languages()):
            group = LanguageGroup(
                code=code, name=settings.LANGUAGE_SELF_NAMES.get(code, code), first=index == 0
            )
            for name in self.translated_fields:
                column = to_attribute(name, code)
                if column in self.fields:
                    group.fields.append(self[column])  # type: ignore[index]
            groups.append(group)
        return groups

    def layout(self) -> list[tuple[str, Any]]:
        """The form's visible fields in order, the language groups standing where
        the first translated column does: ``("field", bound field)`` and
        ``("languages", groups)`` items."""
        columns = self.translated_columns()
        items: list[tuple[str, Any]] = []
        placed = False
        for bound in self.visible_fields():  # type: ignore[attr-defined]
            if bound.name in columns:
                if not placed:
                    items.append(("languages", self.language_groups()))
                    placed = True
                continue
            items.append(("field", bound))
        return items


def textareas(*names: str, rows: int = 4) -> dict[str, forms.Widget]:
    """Textarea widgets for every language's column of each translated field."""
    return {
        to_attribute(name, code): forms.Textarea(attrs={"rows": rows})
        for name in names
        for code in language_codes()
    }
