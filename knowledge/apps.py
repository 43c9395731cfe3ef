from typing import TYPE_CHECKING

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core import pagecache

if TYPE_CHECKING:
    from .models import KnowledgeItem


class KnowledgeConfig(AppConfig):
    name = "knowledge"
    verbose_name = _("Knowledge library")

    def ready(self) -> None:
        # Once models load: the preparers of the workflow's e-mails.
        from . import notifications  # noqa: F401, PLC0415
        from .models import ItemCountry, KnowledgeFile, KnowledgeItem  # noqa: PLC0415

        pagecache.watch(KnowledgeItem, scopes=item_pages)
        pagecache.watch(ItemCountry, KnowledgeFile, scopes=lambda row: item_pages(row.item))


def item_pages(item: "KnowledgeItem") -> tuple[str, ...]:
    """The library's pages, and the profiles of the universities and organisations that
    published the item (they list it)."""
    universities = item.universities.values_list("slug", flat=True) if item.pk else []
    organisations = item.organisations.values_list("slug", flat=True) if item.pk else []
    return (
        "knowledge",
        *(f"university:{slug}" for slug in universities),
        *(f"organisation:{slug}" for slug in organisations),
    )
