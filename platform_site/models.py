from django.core.cache import cache
from django.db import models
from django.utils.translation import gettext_lazy as _

DEMO_CACHE_KEY = "platform:demo-data-loaded"


class DemoDataset(models.Model):
    """Present when ``seed_demo`` has loaded demonstration content (one row)."""

    loaded_at = models.DateTimeField(_("loaded at"), auto_now=True)

    class Meta:
        verbose_name = _("demo dataset")

    def __str__(self) -> str:
        return f"Demo data loaded at {self.loaded_at:%Y-%m-%d %H:%M}"

    @classmethod
    def is_loaded(cls) -> bool:
        """Whether demo data is loaded; kept in the cache for five minutes at most
        (``services.demo_dataset_mark_loaded`` drops it)."""
        return bool(cache.get_or_set(DEMO_CACHE_KEY, cls.objects.exists, 300))
