"""Personal parts of the universities' pages (core/personal.py)."""

from core.personal import personal

from .models import University, UniversityMembership


@personal(
    "universities.profile_actions", "universities/partials/_profile_actions.html", by_standing=True
)
def profile_actions(request, keys):
    """The buttons a profile shows to the person asking: edit, manage programmes,
    history, archive, verify, as their permissions give."""
    user = request.user
    # Every one of these buttons is for coordinators or the university's own staff.
    if not user.is_authenticated or not (user.is_coordinator or UniversityMembership.held_by(user)):
        return [{} for _ in keys]
    found = University.objects.active().in_bulk([key["slug"] for key in keys], field_name="slug")
    contexts = []
    for key in keys:
        university = found.get(key["slug"])
        if university is None:
            contexts.append({})
            continue
        contexts.append(
            {
                "university": university,
                "can_edit": user.has_perm("universities.edit_university", university),
                "can_verify": user.has_perm("universities.verify_university", university),
                "can_view_history": user.has_perm("universities.view_history", university),
                "can_archive": user.has_perm("universities.archive_university", university),
            }
        )
    return contexts


@personal("universities.list_actions", "universities/partials/_list_actions.html", by_standing=True)
def list_actions(request, keys):
    """Add a university, research areas, archived universities: for those who may."""
    return [{} for _ in keys]
