"""One search key for every spelling of a name, whatever the script.

Central Asian names are written in Cyrillic (Russian, Kazakh, Kyrgyz, Tajik,
Uzbek before 1995) and in several Latin transliterations ("Satbayev",
"Satpayev", "Satpaev"). Both the stored names and the query are reduced to the
same key: Cyrillic transliterated to Latin, then the letters that
transliterations disagree on folded together.
"""

import re
import unicodedata
from typing import Any

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import FloatField, QuerySet, Value

from core.slugs import CYRILLIC_TO_LATIN as _CYRILLIC

# Latin spellings that differ between transliteration systems, folded to one.
_FOLDS = [
    ("kh", "h"), ("x", "h"), ("q", "k"), ("w", "v"), ("ts", "c"), ("zh", "j"),
    ("dj", "j"), ("sch", "sh"), ("ch", "c"), ("sh", "s"), ("y", ""), ("'", ""),
]  # fmt: skip

_NOT_ALNUM = re.compile(r"[^a-z0-9]+")

# Kazakh (and Kyrgyz) names devoice б after a voiceless consonant, and
# transliterations follow either the spelling or the sound: Сәтбаев is written
# "Satbayev" and "Satpayev", Сатпаев in Russian. After the folds above the voiceless
# consonants left are p, t, k, s, f, h and c; a "b" after one of them is read as "p".
# Elsewhere b and p stay apart (Bishkek, Pavlodar, Abai, Kapshagai).
_DEVOICED_B = re.compile(r"(?<=[ptksfhc])b")


def search_key(text: str) -> str:
    """Reduce ``text`` to a script-independent key: words of [a-z0-9] separated by spaces."""
    text = unicodedata.normalize("NFC", text.lower())
    text = "".join(_CYRILLIC.get(char, char) for char in text)
    # Remove accents from Latin letters (Turkmen ň, ş, ç; Uzbek oʻ, gʻ).
    text = unicodedata.normalize("NFKD", text)
    text = "".join(char for char in text if not unicodedata.combining(char))
    for mark in "ʻʼ‘’`":
        text = text.replace(mark, "")
    for old, new in _FOLDS:
        text = text.replace(old, new)
    text = _DEVOICED_B.sub("p", text)
    return _NOT_ALNUM.sub(" ", text).strip()


def search_documents[Q: QuerySet[Any]](
    queryset: Q, query: str, field: str = "search_document"
) -> Q:
    """Rows whose ``field`` (text already reduced with ``search_key``) matches ``query``,
    each word of it as a prefix, annotated with ``rank``.

    PostgreSQL: full-text search with the 'simple' configuration, which a GIN
    index on ``to_tsvector('simple', COALESCE(field, ''))`` serves. Elsewhere
    every word of the query must appear in the document.
    """
    key = search_key(query)
    if not key:
        return queryset
    if connection.vendor == "postgresql":
        vector = SearchVector(field, config="simple")
        # Each word as a prefix: «водород» (vodorod) finds «водорода», «водородная».
        # The key holds only [a-z0-9] words, safe in the raw query syntax.
        prefixes = " & ".join(f"{word}:*" for word in key.split())
        terms = SearchQuery(prefixes, config="simple", search_type="raw")
        return queryset.annotate(document=vector, rank=SearchRank(vector, terms)).filter(
            document=terms
        )
    for word in key.split():
        queryset = queryset.filter(**{f"{field}__contains": word})
    return queryset.annotate(rank=Value(1.0, output_field=FloatField()))


class SearchDocumentMixin:
    """A model with a ``search_document`` field kept in step with ``search_texts()``.

    The document is rebuilt on every save; ``refresh_search_document()`` rebuilds it
    after related rows (such as skills) change, with a single UPDATE.
    """

    # Given by the model this is mixed into.
    pk: Any
    search_document: str
    skills: Any
    _default_manager: Any

    def search_texts(self) -> list[str]:
        raise NotImplementedError

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.refresh_search_document(save=False)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_document"}
        super().save(*args, **kwargs)  # type: ignore[misc]

    def refresh_search_document(self, *, save: bool = True) -> None:
        self.search_document = search_key(" ".join(t for t in self.search_texts() if t))
        if save and self.pk:
            type(self)._default_manager.filter(pk=self.pk).update(
                search_document=self.search_document
            )

    def skill_names(self) -> list[str]:
        """The names the related ``skills`` are found by (none before the first save):
        their querysets' ``search_names()`` (curricula's skills: English, Russian and
        the names of the skills merged into them)."""
        if not self.pk:
            return []
        return list(self.skills.all().search_names())
