"""Every write of the app: certificates issued, revoked and reissued, visa letters
issued. Each e-mails the participant through the outbox (the PDF is attached when the
e-mail is sent) and writes the audit log, in the caller's transaction."""

from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.audit import Action, record
from events.models import Event, Registration

from . import notifications
from .eligibility import eligible_registrations
from .models import REISSUED, Certificate, VisaLetter

ISSUED = Action.CERTIFICATE_ISSUED
REVOKED = Action.CERTIFICATE_REVOKED
VISA_LETTER_ISSUED = Action.VISA_LETTER_ISSUED


class NotNow(Exception):  # noqa: N818 - a refusal to show, not a failure
    """The action does not apply to the object as it stands (the message says why)."""


def _printed_name(registration: Registration) -> str:
    user = registration.user
    return (user.full_name or user.display_name)[:200]


def _language(registration: Registration) -> str:
    codes = {code for code, _name in settings.LANGUAGES}
    language = registration.user.preferred_language or settings.LANGUAGE_CODE
    return language if language in codes else settings.LANGUAGE_CODE


def _issue(registration: Registration, *, actor: Any, name: str) -> Certificate:
    certificate = Certificate.objects.create(
        registration=registration,
        name=name,
        language=_language(registration),
        issued_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    notifications.certificate_enqueue(certificate)
    record(ISSUED, actor=actor, target=certificate, event=registration.event_id)
    return certificate


@transaction.atomic
def certificates_issue(*, event: Event, actor: Any) -> int:
    """Issue a certificate to every registration of ``event`` that earns one and has
    none yet; returns how many were issued (none on a second call). A revoked
    certificate stands: a new one comes only by a reissue.

    Side effects: each participant is e-mailed their certificate (one outbox row per
    certificate, the PDF attached at send time, in their language); one audit entry
    per certificate. Raises ``NotNow`` before the event has ended.
    """
    # The event's row is the lock: two coordinators issuing at once wait for each
    # other, and the second finds the certificates the first issued.
    locked = Event.objects.select_for_update().get(pk=event.pk)
    if locked.end > timezone.now():
        raise NotNow(_("Certificates are issued once the event has ended."))
    waiting = (
        eligible_registrations(locked)
        .exclude(pk__in=Certificate.objects.values("registration_id"))
        .select_related("user", "event")
        .order_by("pk")
    )
    issued = 0
    for registration in waiting:
        _issue(registration, actor=actor, name=_printed_name(registration))
        issued += 1
    return issued


def _locked(certificate: Certificate) -> Certificate:
    return (
        Certificate.objects.select_for_update()
        .select_related("registration")
        .get(pk=certificate.pk)
    )


def _revoke(certificate: Certificate, *, actor: Any, reason: str) -> None:
    if not certificate.is_valid:
        raise NotNow(_("This certificate has already been revoked."))
    certificate.revoked_at = timezone.now()
    certificate.revoke_reason = reason
    certificate.save(update_fields=["revoked_at", "revoke_reason"])
    record(REVOKED, actor=actor, target=certificate, reason=reason[:200])


@transaction.atomic
def certificate_revoke(*, certificate: Certificate, actor: Any, reason: str) -> Certificate:
    """Revoke ``certificate`` with ``reason`` (kept for coordinators; the public page
    says only that it is revoked, and when). Side effects: an audit entry; an e-mail
    of it still waiting in the outbox is dropped when it comes due. Raises
    ``NotNow`` when it is revoked already."""
    locked = _locked(certificate)
    _revoke(locked, actor=actor, reason=reason.strip())
    return locked


@transaction.atomic
def certificate_reissue(*, certificate: Certificate, actor: Any, name: str) -> Certificate:
    """Replace ``certificate`` by a new one with the corrected ``name``: the old one is
    revoked (reason "reissued") and points to the new, which is returned.

    Side effects: the participant is e-mailed the new certificate; audit entries for
    both. Raises ``NotNow`` when the certificate is revoked already."""
    locked = _locked(certificate)
    _revoke(locked, actor=actor, reason=REISSUED)
    registration = Registration.objects.select_related("user", "event").get(
        pk=locked.registration_id
    )
    replacement = _issue(registration, actor=actor, name=name.strip()[:200])
    locked.replaced_by = replacement
    locked.save(update_fields=["replaced_by"])
    return replacement


def visa_letter_candidates(event: Event) -> Any:
    """The registrations that asked for a visa invitation letter and may have one:
    confirmed, on site."""
    return Registration.objects.filter(
        event=event,
        status=Registration.Status.CONFIRMED,
        mode=Registration.Mode.ON_SITE,
        wants_visa_letter=True,
    )


@transaction.atomic
def visa_letter_issue(*, registration: Registration, actor: Any) -> VisaLetter:
    """Issue the visa invitation letter of ``registration``, signed by ``actor``.

    Side effects: ``registration.visa_letter_issued_at`` is set; the participant is
    e-mailed the letter (PDF attached at send time); an audit entry. Raises
    ``NotNow`` when the registration does not ask for one (or is not a confirmed
    on-site one) or already has its letter."""
    locked = (
        visa_letter_candidates(registration.event)
        .select_for_update()
        .filter(pk=registration.pk)
        .first()
    )
    if locked is None:
        raise NotNow(_("Only a confirmed on-site participant who asked for one gets a letter."))
    if (
        locked.visa_letter_issued_at is not None
        or VisaLetter.objects.filter(registration=locked).exists()
    ):
        raise NotNow(_("This participant's visa invitation letter has already been issued."))
    letter = VisaLetter.objects.create(
        registration=locked,
        issued_by=actor,
        signatory=(actor.full_name or actor.display_name)[:200],
    )
    locked.visa_letter_issued_at = letter.issued_at
    locked.save(update_fields=["visa_letter_issued_at", "updated_at"])
    notifications.visa_letter_enqueue(letter)
    record(VISA_LETTER_ISSUED, actor=actor, target=letter, registration=locked.pk)
    return letter
