"""Who earns a certificate of attendance, by the event's rule (``Event.certificate_rule``):

- ``none``: nobody;
- ``attended``: every confirmed registration that attended (checked in on site, joined
  online by the personal link, or found in the attendance file);
- ``minutes``: checked in on site, or online for at least ``certificate_minutes``
  (by the attendance file); without minutes set, as ``attended``.

A cancelled event gives none. Both the query and the check of one registration
follow the same rule, so that the coordinators' list and the PDF always agree.
"""

from django.db.models import Q, QuerySet

from events.models import Event, Registration

Rule = Event.CertificateRule


def _minutes(event: Event) -> int | None:
    if event.certificate_rule == Rule.MINUTES:
        return event.certificate_minutes
    return None


def gives_certificates(event: Event) -> bool:
    return event.certificate_rule != Rule.NONE and event.status != Event.Status.CANCELLED


def eligible_registrations(event: Event) -> QuerySet[Registration]:
    """The registrations of ``event`` that earn a certificate (issued or not)."""
    if not gives_certificates(event):
        return Registration.objects.none()
    confirmed = Registration.objects.filter(event=event, status=Registration.Status.CONFIRMED)
    minutes = _minutes(event)
    if minutes is None:
        return confirmed.filter(
            Q(checked_in_at__isnull=False) | Q(joined_at__isnull=False) | Q(online_minutes__gt=0)
        )
    return confirmed.filter(Q(checked_in_at__isnull=False) | Q(online_minutes__gte=minutes))


def is_eligible(registration: Registration) -> bool:
    """Does ``registration`` earn a certificate? (the rule of ``eligible_registrations``)"""
    event = registration.event
    if not gives_certificates(event) or registration.status != Registration.Status.CONFIRMED:
        return False
    minutes = _minutes(event)
    if minutes is None:
        return registration.attended
    return registration.checked_in_at is not None or (registration.online_minutes or 0) >= minutes
