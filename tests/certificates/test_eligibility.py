"""Who earns a certificate, by the event's rule; the query and the check of one
registration agree."""

from datetime import timedelta

import pytest

from certificates.eligibility import eligible_registrations, is_eligible
from events.models import Event, Registration

pytestmark = pytest.mark.django_db

Rule = Event.CertificateRule


@pytest.fixture
def cast(past_event, register):
    """One registration of each kind of attendance, named."""
    moment = past_event.start + timedelta(minutes=10)
    return {
        "checked_in": register(past_event, mode=Registration.Mode.ON_SITE, checked_in_at=moment),
        "joined": register(past_event, joined_at=moment),
        "long_online": register(past_event, online_minutes=60),
        "short_online": register(past_event, online_minutes=59),
        "zero_minutes": register(past_event, online_minutes=0),
        "absent": register(past_event),
        "waitlisted": register(
            past_event, status=Registration.Status.WAITLISTED, checked_in_at=moment
        ),
        "cancelled": register(past_event, status=Registration.Status.CANCELLED, joined_at=moment),
    }


def _eligible(event, cast):
    names = {registration.pk: name for name, registration in cast.items()}
    by_query = {names[pk] for pk in eligible_registrations(event).values_list("pk", flat=True)}
    one_by_one = {
        name for name, registration in cast.items() if is_eligible(Registration.objects.get(
            pk=registration.pk))
    }  # fmt: skip
    assert by_query == one_by_one
    return by_query


def test_attended_rule_gives_everyone_confirmed_who_attended(past_event, cast):
    assert _eligible(past_event, cast) == {"checked_in", "joined", "long_online", "short_online"}


def test_minutes_rule_asks_the_minutes_online_or_a_check_in(past_event, cast):
    Event.objects.filter(pk=past_event.pk).update(
        certificate_rule=Rule.MINUTES, certificate_minutes=60
    )
    past_event.refresh_from_db()

    assert _eligible(past_event, cast) == {"checked_in", "long_online"}


def test_minutes_rule_without_minutes_counts_as_attended(past_event, cast):
    Event.objects.filter(pk=past_event.pk).update(certificate_rule=Rule.MINUTES)
    past_event.refresh_from_db()

    assert _eligible(past_event, cast) == {"checked_in", "joined", "long_online", "short_online"}


def test_no_certificates_rule_gives_none(past_event, cast):
    Event.objects.filter(pk=past_event.pk).update(certificate_rule=Rule.NONE)
    past_event.refresh_from_db()

    assert _eligible(past_event, cast) == set()


def test_cancelled_event_gives_none(past_event, cast):
    Event.objects.filter(pk=past_event.pk).update(status=Event.Status.CANCELLED)
    past_event.refresh_from_db()

    assert _eligible(past_event, cast) == set()
