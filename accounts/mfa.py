"""Two-factor authentication (allauth's mfa app: TOTP with recovery codes).

Required for the powerful: UNECE coordinators, Django staff and superusers, and the
administrators of a university or an organisation. At sign-in such a user without
an authenticator is marked in the session, and `MFARequiredMiddleware` then sends
every page to the TOTP set-up until one is active. Optional for everyone else.
"""

from typing import Any

from allauth.account.signals import user_logged_in
from allauth.mfa.models import Authenticator
from allauth.mfa.signals import authenticator_added
from django.dispatch import receiver
from django.http import HttpRequest

from .memberships import all_kinds
from .models import User

SETUP_REQUIRED = "mfa_setup_required"
SECOND_FACTORS = (Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN)


def needs_mfa(user: User) -> bool:
    """Whether ``user`` holds a role that requires a second factor."""
    if not user.is_active:
        return False
    if user.is_staff or user.is_superuser or user.is_coordinator:
        return True
    return any(
        kind.model.objects.approved().filter(user=user, role=kind.model.ADMIN_ROLE).exists()
        for kind in all_kinds()
    )


def has_mfa(user: User) -> bool:
    return Authenticator.objects.filter(user=user, type__in=SECOND_FACTORS).exists()


@receiver(user_logged_in)
def _require_setup_at_sign_in(sender: Any, request: HttpRequest, user: User, **kwargs: Any) -> None:
    if needs_mfa(user) and not has_mfa(user):
        request.session[SETUP_REQUIRED] = True
    else:
        request.session.pop(SETUP_REQUIRED, None)


@receiver(authenticator_added)
def _setup_done(sender: Any, request: HttpRequest, user: User, **kwargs: Any) -> None:
    if request is not None and hasattr(request, "session"):
        request.session.pop(SETUP_REQUIRED, None)
