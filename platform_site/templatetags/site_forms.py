from django import template
from django.forms import BoundField
from django.utils.safestring import SafeString

register = template.Library()

_WIDGET_CLASSES = {
    "checkbox": "form-check-input",
    "radio": "form-check-input",
    "select": "form-select",
    "selectmultiple": "form-select",
    "nullbooleanselect": "form-select",
}


@register.filter
def bootstrap_widget(bound_field: BoundField) -> SafeString:
    """Render a bound field's widget with Bootstrap's classes (and is-invalid on error)."""
    widget_type = bound_field.widget_type
    css = _WIDGET_CLASSES.get(widget_type, "form-control")
    if widget_type in ("checkboxselectmultiple", "radioselect"):
        css = ""
    if bound_field.errors:
        css = f"{css} is-invalid".strip()
    existing = bound_field.field.widget.attrs.get("class", "")
    return bound_field.as_widget(attrs={"class": f"{existing} {css}".strip()})
