"""Who may do what with certificates and visa letters: coordinators issue, revoke and
reissue certificates and issue visa letters; a participant downloads their own valid
certificate; anyone verifies a code (no rule: the page is public)."""

from typing import Any

import rules

from accounts.rules import is_coordinator

from .models import Certificate


@rules.predicate
def holds_certificate(user: Any, certificate: Certificate | None) -> bool:
    return (
        certificate is not None
        and getattr(user, "is_authenticated", False)
        and certificate.registration.user_id == user.pk
    )


@rules.predicate
def is_valid(user: Any, certificate: Certificate | None) -> bool:
    return certificate is not None and certificate.is_valid


rules.add_perm("certificates.manage_certificates", is_coordinator)
rules.add_perm("certificates.download_certificate", is_coordinator | (holds_certificate & is_valid))
rules.add_perm("certificates.issue_visa_letters", is_coordinator)
