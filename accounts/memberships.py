"""The kinds of membership the platform knows, registered by the apps that own them.

Accounts sits at the bottom of the app layers, so it cannot import the
universities or industry apps; instead each registers its membership model
here from its ``AppConfig.ready``, and the shared request and approval pages
iterate this registry.
"""

from dataclasses import dataclass
from typing import Any

from django.db import models
from django.http import Http404
from django.utils.functional import Promise


@dataclass(frozen=True)
class MembershipKind:
    key: str
    # A concrete subclass of accounts.models.MembershipBase (typed loosely: this
    # module sits below the models that register here).
    model: Any
    label: Promise
    target_label: Promise

    @property
    def target_model(self) -> type[models.Model]:
        return self.model._meta.get_field(self.model.target_field).related_model


_KINDS: dict[str, MembershipKind] = {}


def register(kind: MembershipKind) -> None:
    _KINDS[kind.key] = kind


def all_kinds() -> list[MembershipKind]:
    return list(_KINDS.values())


def get_kind(key: str) -> MembershipKind:
    try:
        return _KINDS[key]
    except KeyError:
        raise Http404(key) from None


def kind_of(membership: models.Model) -> MembershipKind:
    for kind in _KINDS.values():
        if isinstance(membership, kind.model):
            return kind
    raise LookupError(type(membership).__name__)


# --- what else a person's standing holds --------------------------------------------


@dataclass(frozen=True)
class StandingSource:
    """Rows of an app above accounts that say what a person is to its objects (their
    registration for an event, by status), read with the memberships in the one query
    of ``User.standing``: ``standing()[label]`` is ``{target id: value}``."""

    label: str
    model: Any
    target_field: str  # the foreign key to the object
    value_field: str  # what the person is to it (a status)


_SOURCES: dict[str, StandingSource] = {}


def register_standing(source: StandingSource) -> None:
    _SOURCES[source.label] = source


def standing_sources() -> list[StandingSource]:
    return list(_SOURCES.values())
