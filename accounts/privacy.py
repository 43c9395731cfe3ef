"""A person's own data: what the apps hold about them, and closing their account.

Accounts sits below the apps that hold registrations, responses and the like, so
each app registers here (from its ``AppConfig.ready``) a function that lists what
it holds about a user, and one that lets go of it when the account is closed
(through that app's normal services: a cancelled registration moves its waiting
list on).
"""

from collections.abc import Callable
from typing import Any

from django.utils import timezone

from .memberships import all_kinds
from .models import User

Exporter = Callable[[User], list[dict[str, Any]]]
Closer = Callable[[User], object]  # what it returns is not used

_EXPORTERS: dict[str, Exporter] = {}
_CLOSERS: list[Closer] = []


def register_exporter(section: str, exporter: Exporter) -> None:
    _EXPORTERS[section] = exporter


def register_closer(closer: Closer) -> None:
    if closer not in _CLOSERS:
        _CLOSERS.append(closer)


def _profile(user: User) -> list[dict[str, Any]]:
    return [
        {
            "email": user.email,
            "full_name": user.full_name,
            "affiliation": user.affiliation,
            "preferred_language": user.preferred_language,
            "time_zone": user.time_zone,
            "weekly_digest": user.needs_digest,
            "joined": user.date_joined.isoformat(),
            "last_sign_in": user.last_login.isoformat() if user.last_login else None,
        }
    ]


def _memberships(user: User) -> list[dict[str, Any]]:
    rows = []
    for kind in all_kinds():
        for membership in kind.model.objects.filter(user=user).select_related(
            kind.model.target_field
        ):
            rows.append(
                {
                    "kind": kind.key,
                    "of": str(membership.target),
                    "role": membership.role,
                    "status": membership.status,
                    "requested_at": membership.requested_at.isoformat(),
                    "message": membership.message,
                }
            )
    return rows


def personal_data(user: User) -> dict[str, Any]:
    """Everything the portal holds about ``user``, section by section."""
    data: dict[str, Any] = {
        "exported_at": timezone.now().isoformat(),
        "profile": _profile(user),
        "memberships": _memberships(user),
    }
    for section, exporter in sorted(_EXPORTERS.items()):
        data[section] = exporter(user)
    return data


def closers() -> list[Closer]:
    return list(_CLOSERS)
