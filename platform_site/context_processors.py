from django.conf import settings

from .models import DemoDataset


def site(request):
    return {
        "demo_data_loaded": DemoDataset.is_loaded(),
        "LANGUAGES": settings.LANGUAGES,
    }
