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
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="outbox_messages"
    )
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
