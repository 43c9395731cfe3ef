from collections.abc import Collection

from django.db.models import QuerySet
from django.utils.text import slugify


def unique_slug(
    taken: QuerySet, text: str, *, max_length: int, fallback: str, reserved: Collection[str] = ()
) -> str:
    """A slug made from ``text`` that no row of the queryset ``taken`` uses and that is
    not ``reserved`` (paths its URLs need): "name", then "name-2", "name-3", …"""
    base = slugify(text)[: max_length - 6] or fallback
    slug, n = base, 2
    while slug in reserved or taken.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug
