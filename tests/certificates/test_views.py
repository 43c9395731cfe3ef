"""The pages: public verification, downloads, and the coordinators' page with its
actions; who gets what."""

import pytest
from django.core import mail
from django.urls import reverse

from certificates import services
from certificates.models import Certificate
from core import outbox
from events.models import Registration
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificate(attended, coordinator):
    services.certificates_issue(event=attended.event, actor=coordinator)
    return Certificate.objects.get()


def ru(url):
    """The participant reads the site in Russian: their pages are under /ru/."""
    return f"/ru{url}"


def _verify(client, code):
    return client.get(reverse("certificates:verify", kwargs={"code": code}))


def test_verification_of_a_valid_certificate(client, certificate):
    response = _verify(client, certificate.code)

    assert response.status_code == 200
    assert f"Certificate {certificate.code} is valid." in response.text
    assert certificate.name in response.text
    assert "Low carbon development" in response.text


def test_verification_reads_a_code_typed_in_lower_case(client, certificate):
    response = _verify(client, certificate.code.lower())

    assert response.status_code == 200
    assert response.context["certificate"] == certificate


def test_verification_of_a_revoked_certificate_says_so_and_points_to_the_new(
    client, certificate, coordinator
):
    new = services.certificate_reissue(certificate=certificate, actor=coordinator, name="Aliya")

    response = _verify(client, certificate.code)

    assert response.status_code == 200
    assert "is no longer valid" in response.text
    assert f'href="{new.get_absolute_url()}"' in response.text
    assert "reissued" not in response.text  # the reason is for coordinators


@pytest.mark.parametrize(
    "code",
    ["ABCDEFGHJK", "x", "0000000000", "ПРОВЕРКА12", "a" * 300, "'; select 1 --", "%00", "%FF"],
)
def test_verification_of_an_unknown_code_is_a_clear_404(client, db, code):
    response = client.get(f"/certificates/{code}/")

    assert response.status_code == 404
    assert "No certificate of attendance has the code" in response.text


def test_participant_downloads_their_certificate(client, certificate, participant):
    client.force_login(participant)

    response = client.get(ru(reverse("certificates:download", kwargs={"code": certificate.code})))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content[:5] == b"%PDF-"


def test_download_is_refused_to_others(client, certificate):
    url = reverse("certificates:download", kwargs={"code": certificate.code})
    assert client.get(url).status_code == 302  # to sign in
    client.force_login(UserFactory())
    assert client.get(url).status_code == 403


def test_download_of_a_revoked_certificate_is_refused_to_its_participant(
    client, certificate, participant, coordinator
):
    services.certificate_revoke(certificate=certificate, actor=coordinator, reason="Misprint")
    client.force_login(participant)

    response = client.get(ru(reverse("certificates:download", kwargs={"code": certificate.code})))

    assert response.status_code == 403


def test_download_of_an_unknown_code_is_404(client, participant):
    client.force_login(participant)

    assert client.get("/ru/certificates/ABCDEFGHJK/pdf/").status_code == 404
    assert client.get("/ru/certificates/nonsense/pdf/").status_code == 404


@pytest.mark.parametrize("role", ["participant", "student", "staff_editor"])
def test_coordinator_pages_refuse_everyone_else(client, request, past_event, certificate, role):
    user = request.getfixturevalue(role)
    user.preferred_language = "en"
    user.save(update_fields=["preferred_language"])
    client.force_login(user)
    code = {"code": certificate.code}
    for url in [
        reverse("certificates:event", kwargs={"pk": past_event.pk}),
        reverse("certificates:issue", kwargs={"pk": past_event.pk}),
        reverse("certificates:revoke", kwargs=code),
        reverse("certificates:reissue", kwargs=code),
    ]:
        assert client.get(url).status_code == 403, url
        assert client.post(url, {"reason": "x", "name": "x"}).status_code == 403, url
    assert Certificate.objects.valid().get() == certificate


def test_coordinator_page_lists_waiting_issued_and_revoked(
    client, coordinator, past_event, register, certificate
):
    waiting = register(past_event, joined_at=past_event.start)
    revoked = register(past_event, online_minutes=30)
    services.certificates_issue(event=past_event, actor=coordinator)
    gone = Certificate.objects.get(registration=revoked)
    services.certificate_revoke(certificate=gone, actor=coordinator, reason="Duplicate account")
    Certificate.objects.filter(registration=waiting).delete()
    client.force_login(coordinator)

    response = client.get(reverse("certificates:event", kwargs={"pk": past_event.pk}))

    assert response.status_code == 200
    assert response.context["waiting"] == [waiting, revoked]
    assert response.context["valid"] == [certificate]
    assert response.context["revoked"] == [gone]
    assert "Duplicate account" in response.text


def test_issue_asks_first_with_the_count_then_issues(client, coordinator, attended):
    client.force_login(coordinator)
    url = reverse("certificates:issue", kwargs={"pk": attended.event_id})

    page = client.get(url)
    response = client.post(url)

    assert page.context["count"] == 1
    assert "1 participant earns a certificate" in page.text
    assert response.status_code == 302
    assert response["Location"] == reverse("certificates:event", kwargs={"pk": attended.event_id})
    assert Certificate.objects.filter(registration=attended).count() == 1


def test_revoke_needs_a_reason(client, coordinator, certificate):
    client.force_login(coordinator)
    url = reverse("certificates:revoke", kwargs={"code": certificate.code})

    refused = client.post(url, {"reason": ""})
    done = client.post(url, {"reason": "Did not attend"})

    certificate.refresh_from_db()
    assert refused.status_code == 200
    assert done.status_code == 302
    assert (certificate.is_valid, certificate.revoke_reason) == (False, "Did not attend")


def test_reissue_with_a_corrected_name(client, coordinator, certificate):
    client.force_login(coordinator)
    url = reverse("certificates:reissue", kwargs={"code": certificate.code})

    form = client.get(url)
    response = client.post(url, {"name": "Aliya  Kassymova"})

    assert form.context["form"].initial == {"name": certificate.name}
    assert response.status_code == 302
    new = Certificate.objects.valid().get()
    assert (new.name, new.registration_id) == ("Aliya Kassymova", certificate.registration_id)


def test_visa_letter_issue_and_download(client, coordinator, participant, attended):
    Registration.objects.filter(pk=attended.pk).update(wants_visa_letter=True)
    issue = reverse("certificates:visa_letter_issue", kwargs={"pk": attended.pk})
    download = reverse("certificates:visa_letter_download", kwargs={"pk": attended.pk})
    client.force_login(coordinator)

    before = client.get(download)
    listed = client.get(reverse("certificates:event", kwargs={"pk": attended.event_id}))
    response = client.post(issue)
    outbox.send_due()
    pdf = client.get(download)

    assert before.status_code == 404
    assert listed.context["visa_registrations"] == [attended]
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert pdf.status_code == 200
    assert pdf.content[:5] == b"%PDF-"
    client.force_login(participant)
    assert client.get(ru(download)).status_code == 403
    assert client.post(ru(issue)).status_code == 403
