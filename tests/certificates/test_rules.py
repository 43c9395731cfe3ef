import pytest

from certificates import services
from certificates.models import Certificate

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificate(attended, coordinator):
    services.certificates_issue(event=attended.event, actor=coordinator)
    return Certificate.objects.get()


def test_only_coordinators_manage_certificates(coordinator, student, staff_editor, past_event):
    assert coordinator.has_perm("certificates.manage_certificates", past_event) is True
    assert student.has_perm("certificates.manage_certificates", past_event) is False
    assert staff_editor.has_perm("certificates.manage_certificates", past_event) is False
    assert coordinator.has_perm("certificates.issue_visa_letters", past_event) is True
    assert staff_editor.has_perm("certificates.issue_visa_letters", past_event) is False


def test_participant_downloads_only_their_valid_certificate(
    certificate, participant, student, coordinator
):
    assert participant.has_perm("certificates.download_certificate", certificate) is True
    assert student.has_perm("certificates.download_certificate", certificate) is False
    services.certificate_revoke(certificate=certificate, actor=coordinator, reason="x")
    certificate.refresh_from_db()
    assert participant.has_perm("certificates.download_certificate", certificate) is False
    assert coordinator.has_perm("certificates.download_certificate", certificate) is True
