"""The coordinators' page of an event runs a fixed number of queries, however many
certificates and letters it lists."""

from datetime import timedelta

import pytest
from django.urls import reverse

from certificates import services
from events.models import Registration

pytestmark = pytest.mark.django_db

SIZES = [1, 4]


@pytest.mark.parametrize("count", SIZES)
def test_event_page_runs_a_fixed_number_of_queries(
    client, coordinator, past_event, register, django_assert_num_queries, count
):
    moment = past_event.start + timedelta(minutes=5)
    for _ in range(count):
        register(past_event, joined_at=moment)  # issued below
        register(past_event, online_minutes=40)  # issued, then revoked
        register(past_event, mode=Registration.Mode.ON_SITE, wants_visa_letter=True)
    services.certificates_issue(event=past_event, actor=coordinator)
    for registration in Registration.objects.filter(online_minutes=40):
        services.certificate_revoke(
            certificate=registration.certificates.get(), actor=coordinator, reason="Duplicate"
        )
    for _ in range(count):
        register(past_event, checked_in_at=moment)  # waiting for a certificate
    client.force_login(coordinator)
    url = reverse("certificates:event", kwargs={"pk": past_event.pk})
    client.get(url)  # whether demo data is loaded is asked once, then cached

    # 1. the user with whether they are a coordinator and their memberships (one round
    # trip); 2. the event; 3. the certificates with their people and replacements;
    # 4. the eligible registrations with their people; 5. the visa letters asked for,
    # with their people and letters
    with django_assert_num_queries(5):
        response = client.get(url)

    assert len(response.context["valid"]) == count
    assert len(response.context["revoked"]) == count
    # Those whose certificate was revoked earn one still, and wait with the others.
    assert len(response.context["waiting"]) == 2 * count
    assert len(response.context["visa_registrations"]) == count
