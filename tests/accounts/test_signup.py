import re

import pytest
from django.core import mail
from django.urls import reverse

from accounts.models import User

pytestmark = pytest.mark.django_db


def _confirmation_link(message) -> str:
    return re.search(r"https?://testserver(/\S*/confirm-email/\S+/)", message.body).group(1)


def test_signup_sends_verification_and_blocks_sign_in_until_verified(client):
    response = client.post(
        reverse("account_signup"),
        {
            "email": "Aruzhan@Example.org",
            "password1": "a-long-test-password-2026",
            "password2": "a-long-test-password-2026",
        },
    )
    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    user = User.objects.get()
    assert user.email == "aruzhan@example.org"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["aruzhan@example.org"]

    client.logout()
    response = client.post(
        reverse("account_login"),
        {"login": "aruzhan@example.org", "password": "a-long-test-password-2026"},
    )
    # Mandatory verification: signing in before confirming only re-sends the e-mail.
    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session


def test_confirmation_link_verifies_and_then_sign_in_works(client):
    client.post(
        reverse("account_signup"),
        {
            "email": "bakyt@example.org",
            "password1": "a-long-test-password-2026",
            "password2": "a-long-test-password-2026",
        },
    )
    link = _confirmation_link(mail.outbox[0])
    client.logout()

    assert client.get(link).status_code == 200
    client.post(link)
    assert User.objects.get().emailaddress_set.get().verified is True

    client.logout()
    response = client.post(
        reverse("account_login"),
        {"login": "bakyt@example.org", "password": "a-long-test-password-2026"},
    )
    assert response.status_code == 302
    assert response.url == reverse("accounts:profile")
    assert client.session["_auth_user_id"] == str(User.objects.get().pk)


def test_signup_in_russian_sends_russian_email_and_messages(client):
    response = client.post(
        "/ru/accounts/signup/",
        {"email": "not-an-email", "password1": "x", "password2": "y"},
    )
    assert response.status_code == 200
    assert "Введите правильный адрес электронной почты." in response.content.decode()
    assert User.objects.count() == 0


def test_password_reset_sends_mail_to_known_address(client, student):
    response = client.post(reverse("account_reset_password"), {"email": student.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [student.email]
    assert "/accounts/password/reset/key/" in mail.outbox[0].body


def test_account_keeps_the_language_and_zone_it_signed_up_in(client, db):
    client.cookies["tz"] = "Asia/Bishkek"
    client.post(
        "/ru/accounts/signup/",
        {
            "email": "new@example.org",
            "password1": "a-long-pass-2026!",
            "password2": "a-long-pass-2026!",
        },
    )
    user = User.objects.get(email="new@example.org")
    assert (user.preferred_language, user.time_zone) == ("ru", "Asia/Bishkek")
