from typing import Any

from django.conf import settings
from django.http import HttpRequest

from .models import DemoDataset


def site(request: HttpRequest) -> dict[str, Any]:
    return {
        "demo_data_loaded": DemoDataset.is_loaded(),
        "LANGUAGES": settings.LANGUAGES,
    }
