"""Django's model permissions, for the admin site only."""

from typing import Any

from allauth.account.auth_backends import AuthenticationBackend
from django.contrib.auth.backends import ModelBackend


class _StaffPermissions:
    """Model permissions for staff only.

    The platform's own permissions are rules (each app's rules.py); Django's model
    permissions serve the admin site, which only staff enter. Asking them of anyone
    else costs two queries on every request that checks a rule the person does not
    pass (each backend is asked in turn), and grants nothing.
    """

    def get_all_permissions(self, user_obj: Any, obj: Any = None) -> set[str]:
        if not (user_obj.is_staff or user_obj.is_superuser):
            return set()
        return super().get_all_permissions(user_obj, obj)  # type: ignore[misc]


class StaffModelBackend(_StaffPermissions, ModelBackend):
    """Signs people in with their password (the admin's login)."""


class StaffAuthenticationBackend(_StaffPermissions, AuthenticationBackend):
    """allauth's sign-in by e-mail address."""
