from collections.abc import Collection

from django.db.models import QuerySet
from django.utils.text import slugify

# Cyrillic letters of Russian and of the region's languages, in Latin letters.
CYRILLIC_TO_LATIN = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh",
    "з": "z", "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "sh", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
    "я": "ya",
    # Kazakh, Kyrgyz, Tajik, Uzbek and Turkmen letters.
    "ә": "a", "ғ": "g", "қ": "k", "ң": "n", "ө": "o", "ұ": "u", "ү": "u", "һ": "h",
    "і": "i", "ӣ": "i", "ӯ": "u", "ҳ": "h", "ҷ": "j", "ў": "u", "җ": "j", "ҫ": "s",
}  # fmt: skip


def latin_slug(text: str) -> str:
    """``slugify`` after writing Cyrillic in Latin letters ("Алматы" -> "almaty")."""
    return slugify("".join(CYRILLIC_TO_LATIN.get(char, char) for char in text.lower()))


def unique_slug(
    taken: QuerySet, text: str, *, max_length: int, fallback: str, reserved: Collection[str] = ()
) -> str:
    """A slug made from ``text`` that no row of the queryset ``taken`` uses and that is
    not ``reserved`` (paths its URLs need): "name", then "name-2", "name-3", …"""
    base = latin_slug(text)[: max_length - 6] or fallback
    slug, n = base, 2
    while slug in reserved or taken.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug
