"""Failed sign-ins are throttled per address: the attacker is stopped, the owner is not."""

import pytest
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

ATTACKER = "203.0.113.7"
OWNER = "198.51.100.20"


def _sign_in(client, email, password, ip):
    return client.post(
        reverse("account_login"), {"login": email, "password": password}, REMOTE_ADDR=ip
    )


def test_an_attacker_is_throttled_after_five_failures_on_an_account(client):
    owner = UserFactory()
    for _attempt in range(5):
        assert _sign_in(client, owner.email, "wrong-guess", ATTACKER).status_code == 200

    refused = _sign_in(client, owner.email, PASSWORD, ATTACKER)

    assert refused.status_code == 200
    assert "Too many failed login attempts" in refused.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_owner_still_signs_in_from_another_address_while_the_attacker_is_throttled(client):
    owner = UserFactory()
    for _attempt in range(6):
        _sign_in(client, owner.email, "wrong-guess", ATTACKER)

    response = _sign_in(client, owner.email, PASSWORD, OWNER)

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(owner.pk)


def test_many_failures_from_one_address_are_throttled_across_accounts(client):
    users = UserFactory.create_batch(11)
    for user in users[:10]:
        _sign_in(client, user.email, "wrong-guess", ATTACKER)

    refused = _sign_in(client, users[10].email, PASSWORD, ATTACKER)

    assert "Too many failed login attempts" in refused.content.decode()
    assert "_auth_user_id" not in client.session
