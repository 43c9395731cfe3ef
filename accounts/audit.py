"""What accounts writes to the audit log from sign-in and second-factor events."""

from typing import Any

from allauth.account import signals as account_signals
from allauth.mfa import signals as mfa_signals
from django.contrib.admin.models import DELETION, LogEntry
from django.contrib.auth import signals as auth_signals
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from core.audit import Action, record

# The kinds of second factor an entry names (``details["kind"]``, allauth's types):
# setting up an authenticator app adds recovery codes too, two entries.
MFA_KINDS = {
    "totp": _("authenticator app"),
    "recovery_codes": _("recovery codes"),
    "webauthn": _("security key"),
}


def kind_label(entry: Any) -> str:
    """The kind of second factor an entry is about, in words, or ""."""
    kind = entry.details.get("kind") if isinstance(entry.details, dict) else None
    return str(MFA_KINDS.get(kind, "")) if isinstance(kind, str) else ""


@receiver(auth_signals.user_logged_in)
def _signed_in(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    record(Action.SIGN_IN, actor=user, request=request)


@receiver(auth_signals.user_logged_out)
def _signed_out(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    if user is not None:
        record(Action.SIGN_OUT, actor=user, request=request)


@receiver(auth_signals.user_login_failed)
def _sign_in_failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    # The e-mail tried is kept as written (the password never is: Django masks it).
    tried = str(credentials.get("email") or credentials.get("username") or "")[:254]
    record(Action.SIGN_IN_FAILED, request=request, label=tried)


@receiver(account_signals.password_changed)
def _password_changed(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    record(Action.PASSWORD_CHANGED, actor=user, request=request)


@receiver(account_signals.password_reset)
def _password_reset(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    record(Action.PASSWORD_RESET, actor=user, request=request)


@receiver(mfa_signals.authenticator_added)
def _mfa_added(sender: Any, request: HttpRequest, user: Any, authenticator: Any, **kw: Any) -> None:
    record(Action.MFA_ENROLLED, actor=user, request=request, kind=authenticator.type)


@receiver(mfa_signals.authenticator_removed)
def _mfa_removed(
    sender: Any, request: HttpRequest, user: Any, authenticator: Any, **kw: Any
) -> None:
    record(Action.MFA_REMOVED, actor=user, request=request, kind=authenticator.type)


@receiver(post_save, sender=LogEntry)
def _deleted_in_the_admin(sender: Any, instance: LogEntry, created: bool, **kwargs: Any) -> None:
    """The admin is the only place where rows are deleted for good: each is audited."""
    if not created or instance.action_flag != DELETION:
        return
    record(
        Action.DELETED,
        actor=instance.user,
        label=getattr(instance.user, "email", ""),
        object_type=".".join(instance.content_type.natural_key()) if instance.content_type else "",
        object_id=instance.object_id or "",
        object_repr=instance.object_repr,
    )
