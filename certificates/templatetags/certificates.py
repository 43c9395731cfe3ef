"""Certificates on the pages of lower apps ("my events"), which may not import this
app: the valid certificate of each registration, in one query."""

from collections.abc import Iterable, Mapping

from django import template

from events.models import Registration

from ..models import Certificate

register = template.Library()


@register.simple_tag
def valid_certificates(registrations: Iterable[Registration]) -> dict[int, Certificate]:
    """The valid certificate of each of ``registrations``, by the registration's id."""
    ids = [registration.pk for registration in registrations]
    if not ids:
        return {}
    return {
        certificate.registration_id: certificate
        for certificate in Certificate.objects.valid().filter(registration_id__in=ids)
    }


@register.filter
def certificate_of(
    certificates: Mapping[int, Certificate], registration: Registration
) -> Certificate | None:
    return certificates.get(registration.pk)
