"""The reminders still to be sent move from the old delivery table to the outbox."""

from datetime import timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from core.models import OutboxMessage
from events.models import Registration
from tests.factories import UserFactory

BEFORE = [("events", "0004_archive_protect_slides")]
AFTER = [("events", "0006_delete_reminderdelivery")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture(autouse=True)
def _latest_migrations_afterwards():
    # The tests stop at an older migration; the tests after them need every table.
    yield
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_scheduled_deliveries_become_outbox_rows_and_the_rest_are_left(make_event):
    event = make_event()
    started = make_event("Started", start=timezone.now() - timedelta(minutes=5))
    confirmed, waiting, gone = (
        Registration.objects.create(event=e, user=UserFactory(), mode="online", status=s)
        for e, s in [(event, "confirmed"), (event, "waitlisted"), (started, "confirmed")]
    )
    old = _migrate(BEFORE)
    delivery = old.get_model("events", "ReminderDelivery")
    rows = [
        (confirmed, 60, "scheduled"),
        (confirmed, 1440, "sent"),
        (confirmed, -1, "failed"),
        (waiting, 60, "scheduled"),
        (gone, 60, "scheduled"),
    ]
    for registration, offset, state in rows:
        delivery.objects.create(
            registration_id=registration.pk, offset_minutes=offset, state=state,
            due_at=event.start - timedelta(minutes=max(offset, 0)),
        )  # fmt: skip

    _migrate(AFTER)

    moved = OutboxMessage.objects.order_by("key")
    assert list(moved.values_list("key", "template", "topic", "recipient", "expires_at")) == [
        (
            f"follow-up:{confirmed.pk}",
            "events/email/follow_up",
            f"event:{event.pk}:registration:{confirmed.pk}",
            confirmed.user_id,
            event.start + timedelta(days=14),
        ),
        (
            f"reminder:{confirmed.pk}:60",
            "events/email/reminder",
            f"event:{event.pk}:registration:{confirmed.pk}",
            confirmed.user_id,
            event.start,
        ),
    ]
    assert moved.get(key=f"reminder:{confirmed.pk}:60").context == {
        "registration_id": confirmed.pk,
        "offset": 60,
    }
    assert "events_reminderdelivery" not in connection.introspection.table_names()
