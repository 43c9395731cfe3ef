import pytest
from django.urls import reverse

from universities.models import UniversityMembership

pytestmark = pytest.mark.django_db


def test_profile_requires_sign_in(client):
    response = client.get(reverse("accounts:profile"))
    assert response.status_code == 302
    assert reverse("account_login") in response.url


def test_profile_saves_details_and_switches_language(client, student):
    client.force_login(student)
    response = client.post(
        reverse("accounts:profile"),
        {
            "full_name": "Madina Karimova",
            "affiliation": "Tashkent State Technical University",
            "preferred_language": "ru",
            "time_zone": "Asia/Tashkent",
        },
    )
    assert response.status_code == 302
    assert response.url == "/ru/accounts/profile/"
    student.refresh_from_db()
    assert (student.full_name, student.preferred_language, student.time_zone) == (
        "Madina Karimova",
        "ru",
        "Asia/Tashkent",
    )


def test_profile_refuses_unknown_time_zone(client, student):
    client.force_login(student)
    response = client.post(
        reverse("accounts:profile"),
        {"full_name": "X", "preferred_language": "en", "time_zone": "Europe/Atlantis"},
    )
    assert response.status_code == 200
    assert "time_zone" in response.context["form"].errors
    student.refresh_from_db()
    assert student.time_zone == "Asia/Almaty"


def test_profile_lists_memberships_and_pending_decisions(client, staff_admin, student, university):
    UniversityMembership.objects.create(user=student, university=university)
    client.force_login(staff_admin)
    html = client.get(reverse("accounts:profile")).content.decode()
    assert university.name_en in html
    assert reverse("accounts:pending_memberships") in html
