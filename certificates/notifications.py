"""The e-mails of the app, through the outbox: a participant's certificate of
attendance and their visa invitation letter, each with its PDF attached when sent."""

from typing import Any

from django.urls import reverse

from core import outbox
from core.emails import Attachment, absolute_url

from .models import Certificate, VisaLetter
from .pdf import certificate_pdf, visa_letter_pdf

CERTIFICATE = "certificates/email/certificate"
VISA_LETTER = "certificates/email/visa_letter"
PDF = "application/pdf"


def certificate_enqueue(certificate: Certificate) -> int:
    """E-mail the participant their certificate (once per certificate)."""
    registration = certificate.registration
    return outbox.enqueue(
        template=CERTIFICATE,
        recipients=[registration.user],
        context={"certificate": certificate},
        key=f"certificate:{certificate.code}",
        topic=f"certificates:{registration.event_id}",
    )


def visa_letter_enqueue(letter: VisaLetter) -> int:
    registration = letter.registration
    return outbox.enqueue(
        template=VISA_LETTER,
        recipients=[registration.user],
        context={"letter": letter},
        key=f"visa-letter:{letter.pk}",
        topic=f"certificates:{registration.event_id}",
    )


@outbox.preparer(CERTIFICATE)
def prepare_certificate(context: dict[str, Any], recipient: Any) -> outbox.Prepared | None:
    certificate: Certificate = context["certificate"]
    if not certificate.is_valid:
        return None  # revoked (or replaced) before it left: the new one has its own e-mail
    event = certificate.registration.event
    return outbox.Prepared(
        context={
            "event": event,
            "verify_url": lambda _u: absolute_url(certificate.get_absolute_url()),
            "download_url": lambda _u: absolute_url(
                reverse("certificates:download", kwargs={"code": certificate.code})
            ),
        },
        attachments=(
            Attachment(f"certificate-{certificate.code}.pdf", certificate_pdf(certificate), PDF),
        ),
    )


@outbox.preparer(VISA_LETTER)
def prepare_visa_letter(context: dict[str, Any], recipient: Any) -> outbox.Prepared | None:
    letter: VisaLetter = context["letter"]
    registration = letter.registration
    if registration.status != registration.Status.CONFIRMED:
        return None  # cancelled since: no letter for a journey not made
    return outbox.Prepared(
        context={"event": registration.event},
        attachments=(
            Attachment(f"invitation-letter-{letter.pk}.pdf", visa_letter_pdf(letter), PDF),
        ),
    )
