"""Skills whose names come close to a new one, in any language and script, so that
a coordinator adding a concept sees the near-duplicates before creating it."""

from collections.abc import Iterable
from difflib import SequenceMatcher

from core.bilingual import columns
from universities.search import search_key

from .models import Skill

CLOSE = 0.86


def _close(a: str, b: str) -> bool:
    if not a or not b:
        return False
    if a == b or (min(len(a), len(b)) >= 6 and (a in b or b in a)):
        return True
    matcher = SequenceMatcher(None, a, b)
    return matcher.quick_ratio() >= CLOSE and matcher.ratio() >= CLOSE


def similar_skills(
    names: Iterable[str], *, exclude: int | None = None, limit: int = 5
) -> list[Skill]:
    """Active skills with a name (in any language) close to one of ``names``."""
    keys = {search_key(name) for name in names if name and name.strip()}
    keys.discard("")
    if not keys:
        return []
    found = []
    for skill in Skill.objects.active().filter(is_group=False).only("slug", *columns("name")):
        if skill.pk == exclude:
            continue
        own = {search_key(getattr(skill, column)) for column in columns("name")}
        if any(_close(mine, theirs) for mine in own for theirs in keys):
            found.append(skill)
            if len(found) >= limit:
                break
    return found
