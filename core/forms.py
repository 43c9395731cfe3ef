"""From validated forms to plain values for the services.

Views validate with forms; services take models and plain values. These turn a
valid ``ModelForm`` into a dict of its model fields, and a valid inline formset
into ``Row`` values, so that no service ever receives a form.
"""

from typing import Any

from django import forms

from .rows import Row


def form_values(form: forms.ModelForm) -> dict[str, Any]:
    """The cleaned values of ``form``'s model fields (many-to-many included)."""
    names = {field.name for field in form.instance._meta.get_fields()}
    return {name: value for name, value in form.cleaned_data.items() if name in names}


def formset_rows(formset: forms.BaseModelFormSet) -> list[Row]:
    """Each form of a valid formset that holds something: its row id, values, deletion."""
    rows = []
    for form in formset.forms:
        if not form.has_changed() and form.instance.pk is None:
            continue
        deleted = bool(formset.can_delete and form.cleaned_data.get("DELETE"))
        if deleted and form.instance.pk is None:
            continue
        values = {} if deleted else form_values(form)
        fk_name = getattr(formset, "fk", None)
        if fk_name is not None:
            values.pop(fk_name.name, None)
        values.pop("id", None)
        rows.append(Row(pk=form.instance.pk, values=values, delete=deleted))
    return rows


def lines(value: str) -> list[str]:
    """The lines of ``value`` that say something, stripped, each once, in order."""
    return list(dict.fromkeys(line.strip() for line in (value or "").splitlines() if line.strip()))


class LinesField(forms.CharField):
    """Names (or addresses) typed one per line, each found among existing rows."""

    widget = forms.Textarea(attrs={"rows": 3})

    def label_of(self, row: Any) -> str:
        return str(row)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list | tuple):
            return "\n".join(self.label_of(row) for row in value if not isinstance(row, int))
        return value
