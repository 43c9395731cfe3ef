"""Personal parts of the catalogue's pages (core/personal.py): a person's save
buttons and the buttons their permissions give on a programme."""

from core.personal import personal
from universities.models import UniversityMembership

from .models import Programme


@personal("curricula.save_button", "curricula/_save_button.html")
def save_button(request, keys):
    """ "Save" or "Saved ✓" for each programme on the page: one query for all."""
    user = request.user
    saved: set[int] = set()
    if user.is_authenticated:
        wanted = [int(key["pk"]) for key in keys if key.get("pk", "").isdigit()]
        saved = set(
            user.saved_programmes.filter(programme_id__in=wanted).values_list(
                "programme_id", flat=True
            )
        )
    return [
        {
            "saved": key.get("pk", "").isdigit() and int(key["pk"]) in saved,
            "university": key.get("university", ""),
            "slug": key.get("slug", ""),
        }
        for key in keys
    ]


@personal(
    "curricula.programme_actions", "curricula/partials/_programme_actions.html", by_standing=True
)
def programme_actions(request, keys):
    """Edit, publish, archive and history, for those who may."""
    user = request.user
    contexts = []
    # Only coordinators and the staff of a university edit programmes or read their
    # history: for anyone else, no query.
    may = user.is_authenticated and (user.is_coordinator or UniversityMembership.held_by(user))
    for key in keys:
        programme = None
        if may:
            programme = (
                Programme.objects.visible_to(user)
                .select_related("university")
                .filter(university__slug=key.get("university", ""), slug=key.get("slug", ""))
                .first()
            )
        contexts.append(
            {
                "programme": programme,
                "can_edit": programme is not None
                and user.has_perm("curricula.edit_programme", programme),
            }
        )
    return contexts
