"""Personal parts of the library (core/personal.py)."""

from core.personal import personal


@personal("knowledge.library_actions", "knowledge/partials/_library_actions.html", by_standing=True)
def library_actions(request, keys):
    """Submit an item, your institutions' items, the review queue: for those who may."""
    return [{} for _ in keys]
