from django.conf import settings
from django.core.checks import Warning, register


@register(deploy=True)
def secret_key_is_configured(app_configs, **kwargs):
    if getattr(settings, "SECRET_KEY_IS_EPHEMERAL", False):
        return [
            Warning(
                "DJANGO_SECRET_KEY is not set: a throw-away key is in use, so sessions "
                "and e-mail links break at every restart and differ between processes.",
                hint="Set DJANGO_SECRET_KEY (or DJANGO_SECRET_KEY_FILE).",
                id="platform_site.W001",
            )
        ]
    return []
