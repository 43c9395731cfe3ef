"""Who sees the same needs: the audience of the pages that list them (core/pagecache.py)."""

from django.http import HttpRequest

from core.pagecache import default_audience
from universities.models import UniversityMembership

from .models import Organisation, OrganisationMembership


def needs_audience(request: HttpRequest) -> str:
    """Visitors, coordinators, university staff and other signed-in people see
    different needs (`SkillNeedQuerySet.visible_to`), and members of an organisation
    see its members-only and hidden needs too."""
    audience = default_audience(request)
    if audience in ("", "coordinator"):
        return audience
    user = request.user
    staff = UniversityMembership.edits_any(user)
    organisations = sorted(OrganisationMembership.held_by(user))
    return f"{'staff' if staff else audience}:{','.join(map(str, organisations))}"


def edited_universities(user):
    """The universities ``user`` is editing staff of, as a subquery of ids."""
    return UniversityMembership.objects.editing().filter(user=user).values("university")


def postable_organisations(user) -> list[Organisation]:
    """The organisations ``user`` may post needs for."""
    held = OrganisationMembership.held_by(user)  # read once per request
    if not held:
        return []
    return list(Organisation.objects.active().filter(pk__in=list(held)))
