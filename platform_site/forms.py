from django.forms.renderers import TemplatesSetting


class SiteFormRenderer(TemplatesSetting):
    """Every form on the site renders with the same Bootstrap markup."""

    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"
