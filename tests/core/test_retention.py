from datetime import timedelta

import pytest
from django.utils import timezone

from core.models import AuditEntry, OutboxMessage
from core.retention import purge
from core.tasks import purge_old_records
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_old_sent_emails_and_old_audit_entries_are_purged_and_the_rest_kept(settings):
    settings.OUTBOX_KEEP_DAYS = 365
    settings.AUDIT_KEEP_DAYS = 730
    user = UserFactory()
    now = timezone.now()

    def email(key, state, age):
        row = OutboxMessage.objects.create(
            key=key, template="t", recipient=user, due_at=now, state=state
        )
        OutboxMessage.objects.filter(pk=row.pk).update(created_at=now - timedelta(days=age))

    email("old-sent", OutboxMessage.State.SENT, 400)
    email("old-pending", OutboxMessage.State.PENDING, 400)  # not yet sent: never purged
    email("recent-sent", OutboxMessage.State.SENT, 10)
    for label, age in (("old", 800), ("recent", 10)):
        entry = AuditEntry.objects.create(action="sign_in", actor_label=label)
        AuditEntry.objects.filter(pk=entry.pk).update(at=now - timedelta(days=age))

    assert purge(now) == 2
    assert sorted(OutboxMessage.objects.values_list("key", flat=True)) == [
        "old-pending",
        "recent-sent",
    ]
    assert list(AuditEntry.objects.values_list("actor_label", flat=True)) == ["recent"]
    assert purge_old_records() == 0
