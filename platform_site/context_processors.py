from typing import Any

from django.conf import settings
from django.http import HttpRequest

from .models import DemoDataset


def site(request: HttpRequest) -> dict[str, Any]:
    return {
        "demo_data_loaded": DemoDataset.is_loaded(),
        "LANGUAGES": settings.LANGUAGES,
        "language_choices": [
            (code, settings.LANGUAGE_SELF_NAMES.get(code, str(name)))
            for code, name in settings.LANGUAGES
        ],
    }
