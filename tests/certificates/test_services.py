"""Issuing, revoking and reissuing certificates, and issuing visa letters: what is
written, what is e-mailed (with the PDF), and what is refused."""

import io
from datetime import timedelta

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from certificates import services
from certificates.models import REISSUED, Certificate, VisaLetter
from core import outbox
from core.models import AuditEntry
from events.models import Event, Registration
from events.pdf import is_pdf

from .conftest import CYRILLIC_NAME, drawn_characters

pytestmark = pytest.mark.django_db


def _pdf_of(message):
    ((filename, content, mimetype),) = message.attachments
    assert mimetype == "application/pdf"
    return filename, content


def test_issuing_twice_issues_once_and_emails_once(attended, coordinator):
    first = services.certificates_issue(event=attended.event, actor=coordinator)
    second = services.certificates_issue(event=attended.event, actor=coordinator)
    outbox.send_due()

    certificate = Certificate.objects.get()
    assert (first, second) == (1, 0)
    assert (certificate.registration, certificate.name, certificate.language) == (
        attended,
        CYRILLIC_NAME,
        "ru",
    )
    assert certificate.issued_by == coordinator
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["aliya@example.org"]
    filename, content = _pdf_of(message)
    assert filename == f"certificate-{certificate.code}.pdf"
    assert content[:5] == b"%PDF-"
    assert is_pdf(io.BytesIO(content)) is True
    assert set(CYRILLIC_NAME) - {" "} <= drawn_characters(content)
    assert f"/certificates/{certificate.code}/" in message.body
    assert list(AuditEntry.objects.values_list("action", "object_id")) == [
        (services.ISSUED, str(certificate.pk))
    ]


def test_issuing_gives_only_the_eligible(past_event, register, attended, coordinator):
    register(past_event)  # registered, never came
    register(past_event, status=Registration.Status.WAITLISTED, joined_at=past_event.start)

    assert services.certificates_issue(event=past_event, actor=coordinator) == 1
    assert list(Certificate.objects.values_list("registration", flat=True)) == [attended.pk]


def test_issuing_before_the_end_is_refused(attended, coordinator):
    Event.objects.filter(pk=attended.event_id).update(end=timezone.now() + timedelta(hours=1))

    with pytest.raises(services.NotNow):
        services.certificates_issue(event=attended.event, actor=coordinator)
    assert Certificate.objects.count() == 0


def test_one_valid_certificate_per_registration_is_a_constraint(attended):
    Certificate.objects.create(registration=attended, name="A", language="en")

    with pytest.raises(IntegrityError), transaction.atomic():
        Certificate.objects.create(registration=attended, name="B", language="en")


def test_revoking_keeps_the_reason_and_drops_the_unsent_email(attended, coordinator):
    services.certificates_issue(event=attended.event, actor=coordinator)
    certificate = Certificate.objects.get()

    services.certificate_revoke(certificate=certificate, actor=coordinator, reason=" Not there ")
    outbox.send_due()

    certificate.refresh_from_db()
    assert certificate.is_valid is False
    assert certificate.revoke_reason == "Not there"
    assert mail.outbox == []
    assert AuditEntry.objects.filter(action=services.REVOKED).count() == 1


def test_revoking_twice_is_refused(attended, coordinator):
    services.certificates_issue(event=attended.event, actor=coordinator)
    certificate = Certificate.objects.get()
    services.certificate_revoke(certificate=certificate, actor=coordinator, reason="Wrong person")

    with pytest.raises(services.NotNow):
        services.certificate_revoke(certificate=certificate, actor=coordinator, reason="Again")


def test_a_revoked_certificate_stands_when_certificates_are_issued_again(attended, coordinator):
    services.certificates_issue(event=attended.event, actor=coordinator)
    old = Certificate.objects.get()
    services.certificate_revoke(certificate=old, actor=coordinator, reason="Did not attend")

    assert services.certificates_issue(event=attended.event, actor=coordinator) == 0
    assert not Certificate.objects.valid().exists()  # a new one comes only by a reissue


def test_reissuing_revokes_the_old_and_emails_the_new(attended, coordinator):
    services.certificates_issue(event=attended.event, actor=coordinator)
    outbox.send_due()
    old = Certificate.objects.get()

    new = services.certificate_reissue(certificate=old, actor=coordinator, name="  Алия Касымова  ")
    outbox.send_due()

    old.refresh_from_db()
    assert (old.is_valid, old.revoke_reason, old.replaced_by) == (False, REISSUED, new)
    assert (new.is_valid, new.name, new.registration) == (True, "Алия Касымова", attended)
    assert len(mail.outbox) == 2
    filename, content = _pdf_of(mail.outbox[1])
    assert filename == f"certificate-{new.code}.pdf"
    assert set("Алия Касымова") - {" "} <= drawn_characters(content)


def test_reissuing_a_revoked_certificate_is_refused(attended, coordinator):
    services.certificates_issue(event=attended.event, actor=coordinator)
    old = Certificate.objects.get()
    services.certificate_revoke(certificate=old, actor=coordinator, reason="Misprint")

    with pytest.raises(services.NotNow):
        services.certificate_reissue(certificate=old, actor=coordinator, name="Someone")
    assert Certificate.objects.count() == 1


def test_visa_letter_is_issued_once_and_emailed(attended, coordinator):
    Registration.objects.filter(pk=attended.pk).update(wants_visa_letter=True)

    letter = services.visa_letter_issue(registration=attended, actor=coordinator)
    outbox.send_due()

    attended.refresh_from_db()
    assert attended.visa_letter_issued_at == letter.issued_at
    assert letter.signatory == coordinator.full_name
    assert letter.reference == f"CARP/{letter.issued_at:%Y}/{attended.event_id}/{letter.pk}"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["aliya@example.org"]
    filename, content = _pdf_of(mail.outbox[0])
    assert filename == f"invitation-letter-{letter.pk}.pdf"
    assert is_pdf(io.BytesIO(content)) is True
    with pytest.raises(services.NotNow):
        services.visa_letter_issue(registration=attended, actor=coordinator)
    assert VisaLetter.objects.count() == 1


@pytest.mark.parametrize(
    "change",
    [
        {"wants_visa_letter": False},
        {"mode": Registration.Mode.ONLINE},
        {"status": Registration.Status.CANCELLED},
    ],
    ids=["not asked", "online", "cancelled"],
)
def test_visa_letter_only_for_confirmed_on_site_who_asked(attended, coordinator, change):
    Registration.objects.filter(pk=attended.pk).update(wants_visa_letter=True)
    Registration.objects.filter(pk=attended.pk).update(**change)

    with pytest.raises(services.NotNow):
        services.visa_letter_issue(registration=attended, actor=coordinator)
    attended.refresh_from_db()
    assert (attended.visa_letter_issued_at, VisaLetter.objects.count(), mail.outbox) == (
        None,
        0,
        [],
    )
