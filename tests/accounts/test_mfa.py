"""Second factors: required for powerful roles, optional for others, resettable by a
coordinator; the admin signs in through the same page."""

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import (
    format_hotp_value,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.urls import reverse

from accounts.mfa import needs_mfa
from tests.factories import PASSWORD, UserFactory
from universities.models import UniversityMembership

pytestmark = pytest.mark.django_db


def _sign_in(client, user):
    return client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})


def _code(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time())))


def _activate_totp(client) -> str:
    page = client.get(reverse("mfa_activate_totp"))
    # Adding a factor asks for the password again (allauth's reauthentication).
    assert page.status_code == 302
    assert page["Location"].startswith(reverse("account_reauthenticate"))
    client.post(page["Location"], {"password": PASSWORD})
    page = client.get(reverse("mfa_activate_totp"))
    secret = page.context["form"].secret
    response = client.post(reverse("mfa_activate_totp"), {"code": _code(secret)})
    assert response.status_code == 302, response.content.decode()
    return secret


def test_a_coordinator_is_sent_to_set_up_a_second_factor_before_any_page(client, coordinator):
    _sign_in(client, coordinator)

    for page in (reverse("insights:coordination"), reverse("accounts:profile"), "/admin/"):
        response = client.get(page)
        assert (response.status_code, response["Location"]) == (
            302,
            reverse("mfa_activate_totp"),
        )

    _activate_totp(client)

    assert client.get(reverse("insights:coordination")).status_code == 200
    assert Authenticator.objects.filter(user=coordinator, type="totp").count() == 1


def test_a_student_may_sign_in_without_a_second_factor(client, student):
    _sign_in(client, student)

    assert client.get(reverse("accounts:profile")).status_code == 200
    assert needs_mfa(student) is False


def test_university_administrators_need_a_second_factor_editors_do_not(university):
    admin, editor = UserFactory(), UserFactory()
    for user, role in ((admin, "admin"), (editor, "editor")):
        UniversityMembership.objects.create(
            user=user, university=university, role=role, status="approved"
        )

    assert (needs_mfa(admin), needs_mfa(editor)) == (True, False)


def test_a_coordinator_with_totp_signs_in_with_a_code(client, coordinator):
    _sign_in(client, coordinator)
    secret = _activate_totp(client)
    client.logout()

    first = _sign_in(client, coordinator)
    assert first["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session
    wrong = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert wrong.status_code == 200
    assert "_auth_user_id" not in client.session

    client.post(reverse("mfa_authenticate"), {"code": _code(secret)})

    assert client.session["_auth_user_id"] == str(coordinator.pk)
    assert client.get(reverse("insights:coordination")).status_code == 200


def test_the_admin_signs_in_through_the_sites_sign_in_page(client):
    response = client.get("/admin/login/?next=/admin/")

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_a_coordinator_resets_the_second_factor_of_someone_who_lost_it(client, coordinator):
    lost = UserFactory()
    Authenticator.objects.create(user=lost, type="totp", data={"secret": "JBSWY3DPEHPK3PXP"})
    Authenticator.objects.create(user=coordinator, type="totp", data={"secret": "JBSWY3DPEHPK3PXP"})
    client.force_login(coordinator)

    unconfirmed = client.post(reverse("accounts:mfa_reset"), {"email": lost.email})
    assert unconfirmed.status_code == 200
    assert Authenticator.objects.filter(user=lost).count() == 1

    done = client.post(reverse("accounts:mfa_reset"), {"email": lost.email, "confirm": "on"})

    assert done.status_code == 302
    assert Authenticator.objects.filter(user=lost).count() == 0
    assert Authenticator.objects.filter(user=coordinator).count() == 1


def test_only_coordinators_may_reset_a_second_factor(client, student):
    assert client.get(reverse("accounts:mfa_reset")).status_code == 302  # to sign in
    client.force_login(student)

    assert client.get(reverse("accounts:mfa_reset")).status_code == 403
