"""A person's own data: download it, close the account; the privacy page."""

import json
from datetime import date

import pytest
from django.urls import reverse

from accounts import privacy
from core.models import AuditEntry
from industry.models import NeedResponse, SkillNeed
from tests.factories import PASSWORD
from universities.models import UniversityMembership

pytestmark = pytest.mark.django_db


def test_a_user_downloads_everything_held_about_them(client, staff_editor, university):
    client.force_login(staff_editor)

    response = client.get(reverse("accounts:my_data"))

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="my-data.json"'
    data = json.loads(response.content)
    assert data["profile"][0]["email"] == staff_editor.email
    assert [(m["kind"], m["of"], m["status"]) for m in data["memberships"]] == [
        ("university", str(university), "approved")
    ]
    assert set(data) >= {"exported_at", "profile", "memberships"}
    assert AuditEntry.objects.filter(action="data_exported", actor=staff_editor).count() == 1


def test_each_app_adds_its_section_to_the_download(student):
    privacy.register_exporter("sample", lambda user: [{"email": user.email}])
    try:
        assert privacy.personal_data(student)["sample"] == [{"email": student.email}]
    finally:
        privacy._EXPORTERS.pop("sample")


def test_the_download_needs_a_signed_in_user(client):
    assert client.get(reverse("accounts:my_data")).status_code == 302


def test_closing_needs_the_password_and_the_confirmation(client, staff_editor):
    client.force_login(staff_editor)

    wrong = client.post(reverse("accounts:close"), {"password": "nope", "confirm": "on"})
    unconfirmed = client.post(reverse("accounts:close"), {"password": PASSWORD})

    assert (wrong.status_code, unconfirmed.status_code) == (200, 200)
    assert "This is not your password." in wrong.content.decode()
    staff_editor.refresh_from_db()
    assert staff_editor.is_active


def test_closing_an_account_forgets_the_person_and_keeps_them_as_a_former_member(
    client, staff_editor, university
):
    client.force_login(staff_editor)
    closed = []
    privacy.register_closer(closed.append)
    try:
        response = client.post(reverse("accounts:close"), {"password": PASSWORD, "confirm": "on"})
    finally:
        privacy._CLOSERS.remove(closed.append)

    assert response.status_code == 302
    staff_editor.refresh_from_db()
    assert closed == [staff_editor]
    assert (staff_editor.is_active, staff_editor.full_name, staff_editor.has_usable_password()) == (
        False,
        "",
        False,
    )
    assert staff_editor.email == f"former-member-{staff_editor.pk}@closed.invalid"
    assert staff_editor.display_name == "former member"
    assert not UniversityMembership.objects.filter(user=staff_editor).exists()
    assert "_auth_user_id" not in client.session
    assert AuditEntry.objects.filter(action="account_deleted").count() == 1


def test_the_privacy_page_says_what_is_kept_in_both_languages(client):
    english = client.get(reverse("privacy"))
    russian = client.get("/ru/privacy/")

    assert english.status_code == russian.status_code == 200
    assert "How your data is kept" in english.content.decode()
    assert '<html lang="ru">' in russian.content.decode()


def test_what_someone_wrote_for_industry_is_in_their_data(staff_editor, university, organisation):
    need = SkillNeed.objects.create(
        organisation=organisation, title="Battery engineers", description="Cells",
        headcount=3, needed_by=date(2027, 9, 1),
    )  # fmt: skip
    NeedResponse.objects.create(
        need=need, university=university, author=staff_editor, message="Our master's fits."
    )

    industry = privacy.personal_data(staff_editor)["industry"]

    assert [(e["kind"], e.get("need")) for e in industry] == [("response", "Battery engineers")]
