from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class OutboxQuerySet(models.QuerySet):
    def due(self, now):  # type: ignore[no-untyped-def]
        """Rows a sender may claim now: pending and due, or claimed by a sender whose
        lease ran out (it died, or its host did)."""
        pending = Q(state=OutboxMessage.State.PENDING, due_at__lte=now)
        abandoned = Q(state=OutboxMessage.State.SENDING, lease_until__lt=now)
        return self.filter(pending | abandoned)

    def for_topic(self, topic: str):  # type: ignore[no-untyped-def]
        return self.filter(topic=topic)

    def unsent(self):  # type: ignore[no-untyped-def]
        return self.filter(state__in=[OutboxMessage.State.PENDING, OutboxMessage.State.SENDING])


class OutboxMessage(models.Model):
    """One e-mail to one person, written in the same transaction as the change that
    causes it, and sent later by `core.outbox`.

    ``key`` is unique: the same e-mail (a reminder of one registration at one
    offset, the escalation of one need) can be enqueued only once, whatever
    retries or double submits happen. The message is rendered when it is sent,
    from ``template`` and ``context`` (plain values and references to rows), in
    the recipient's language and time zone.
    """

    class State(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        DROPPED = "dropped", _("No longer needed")

    key = models.CharField(max_length=200, unique=True)
    template = models.CharField(max_length=100)
    # A person with an account, or (for a newsletter subscriber without one) an
    # address with its language and time zone.
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="outbox_messages",
        null=True,
        blank=True,
    )
    address = models.EmailField(blank=True)
    address_language = models.CharField(max_length=10, blank=True)
    address_time_zone = models.CharField(max_length=64, blank=True)
    context = models.JSONField(default=dict, blank=True)
    # What the e-mail is about (e.g. "event:12"), so a change can move or drop its e-mails.
    topic = models.CharField(max_length=100, blank=True, db_index=True)
    due_at = models.DateTimeField()
    # Not sent by then, it is no longer useful (a reminder once its event has started).
    expires_at = models.DateTimeField(null=True, blank=True)
    state = models.CharField(max_length=16, choices=State.choices, default=State.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    claimed_by = models.CharField(max_length=100, blank=True)
    lease_until = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OutboxQuerySet.as_manager()

    class Meta:
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        indexes = [models.Index(fields=["state", "due_at"], name="outbox_state_due")]

    def __str__(self) -> str:
        return self.key

    @property
    def message_id(self) -> str:
        """The same for every copy of this e-mail, so a rare copy sent twice (a worker
        killed between the SMTP server's acceptance and the database update) is
        recognisable as the same message."""
        domain = settings.DEFAULT_FROM_EMAIL.rsplit("@", 1)[-1].strip(" >") or "platform.local"
        return f"<outbox-{self.pk}@{domain}>"


class AuditEntry(models.Model):
    """One security-relevant event: who did what, to what, from where. Append-only:
    an entry is never changed or deleted from the site (see ``core.audit``)."""

    class Action(models.TextChoices):
        SIGN_IN = "sign_in", _("Signed in")
        SIGN_OUT = "sign_out", _("Signed out")
        SIGN_IN_FAILED = "sign_in_failed", _("Failed sign-in")
        PASSWORD_CHANGED = "password_changed", _("Password changed")
        PASSWORD_RESET = "password_reset", _("Password reset")
        MFA_ENROLLED = "mfa_enrolled", _("Second factor added")
        MFA_REMOVED = "mfa_removed", _("Second factor removed")
        MFA_RESET = "mfa_reset", _("Second factor reset by a coordinator")
        PERMISSION_REFUSED = "permission_refused", _("Permission refused")
        MEMBERSHIP_REQUESTED = "membership_requested", _("Membership requested")
        MEMBERSHIP_APPROVED = "membership_approved", _("Membership approved")
        MEMBERSHIP_REFUSED = "membership_refused", _("Membership refused")
        ROLE_CHANGED = "role_changed", _("Role changed")
        ARCHIVED = "archived", _("Archived")
        RESTORED = "restored", _("Restored")
        DELETED = "deleted", _("Deleted")
        MERGED = "merged", _("Merged")
        DATA_EXPORTED = "data_exported", _("Personal data exported")
        ACCOUNT_DELETED = "account_deleted", _("Account deleted")
        KNOWLEDGE_SUBMITTED = "knowledge_submitted", _("Library item submitted for review")
        KNOWLEDGE_PUBLISHED = "knowledge_published", _("Library item published")
        KNOWLEDGE_RETURNED = "knowledge_returned", _("Library item returned to its authors")
        KNOWLEDGE_FEATURED = "knowledge_featured", _("Library item featured or unfeatured")
        CERTIFICATE_ISSUED = "certificate_issued", _("Certificate of attendance issued")
        CERTIFICATE_REVOKED = "certificate_revoked", _("Certificate of attendance revoked")
        VISA_LETTER_ISSUED = "visa_letter_issued", _("Visa invitation letter issued")

    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("who"),
    )
    # Kept as written at the time: the account may later change its address or go.
    actor_label = models.CharField(_("who (as recorded)"), max_length=254, blank=True)
    action = models.CharField(_("action"), max_length=32, choices=Action.choices, db_index=True)
    object_type = models.CharField(_("object type"), max_length=100, blank=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    object_repr = models.CharField(_("object"), max_length=300, blank=True)
    path = models.CharField(_("address"), max_length=500, blank=True)
    ip = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["object_type", "object_id"], name="audit_object")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.action}"

    def save(self, *args: object, **kwargs: object) -> None:
        if self.pk is not None:
            raise ValueError("audit entries are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args: object, **kwargs: object) -> tuple[int, dict[str, int]]:
        raise ValueError("audit entries are append-only")
