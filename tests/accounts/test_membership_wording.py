"""The membership request's heading needs no article before the kind of body."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("kind", ["university", "organisation"])
def test_membership_request_heading(client, student, kind):
    client.force_login(student)
    page = client.get(reverse("accounts:membership_request", args=[kind])).content.decode()
    assert f"Request a membership ({kind})" in page
    assert "Ask to join a" not in page
    profile = client.get(reverse("accounts:profile")).content.decode()
    assert f"Request a membership ({kind})" in profile
