"""Programme fragments for pages of lower apps (the university profile), which
must not import curricula themselves, and what the catalogue's pages read from a
programme's prefetched intakes and accreditations (no query of their own)."""

from django import template
from django.db.models import Q
from django.utils import timezone

from curricula.models import Accreditation, Intake, Programme
from universities.models import University

register = template.Library()


@register.simple_tag
def published_programmes(university: University) -> list[Programme]:
    """The university's published programmes and the joint ones it is a partner of
    (led by another university: ``programme.university`` says which)."""
    return list(
        Programme.objects.published()
        .filter(Q(university=university) | Q(partners=university))
        .distinct()
        .select_related("university")
        .order_by("degree", "title_en", "pk")
    )


@register.filter
def next_intake(programme: Programme) -> Intake | None:
    """The open intake whose application deadline comes first (from the prefetched
    intakes), or None when every deadline has passed."""
    today = timezone.localdate()
    open_intakes = [i for i in programme.intakes.all() if i.application_deadline >= today]
    return min(open_intakes, key=lambda i: (i.application_deadline, i.starts_on), default=None)


@register.filter
def current_accreditations(programme: Programme) -> list[Accreditation]:
    """The accreditations not past their end (from the prefetched ones)."""
    return [a for a in programme.accreditations.all() if not a.is_expired()]


@register.filter
def is_past(intake: Intake) -> bool:
    return not intake.is_open()
