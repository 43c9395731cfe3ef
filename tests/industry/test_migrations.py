"""The record of the digests already sent moves from the old delivery table to the
outbox, so a digest run again for a week already sent e-mails nobody twice."""

from datetime import timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from core.models import OutboxMessage
from industry import notifications, tasks

BEFORE = [("industry", "0003_archive_protect_responses")]
AFTER = [("industry", "0005_delete_digestdelivery")]


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
def test_recent_digests_sent_become_sent_outbox_rows(
    university, staff_editor, staff_admin, make_need, make_programme, skills
):
    make_programme(university, "Grids", [(skills["smart-grids"], 2)])
    week = notifications.last_week(timezone.localdate())
    make_need(
        "Last week's need",
        skills=[(skills["smart-grids"], 2)],
        created_at=notifications.week_start(week) + timedelta(days=1),
    )
    old = _migrate(BEFORE)
    delivery = old.get_model("industry", "DigestDelivery")
    delivery.objects.create(university_id=university.pk, week=week)
    delivery.objects.create(university_id=university.pk, week=week - timedelta(days=70))

    _migrate(AFTER)
    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())  # for today's models

    moved = OutboxMessage.objects.order_by("key")
    assert list(moved.values_list("key", "template", "recipient", "state")) == sorted(
        (
            f"industry.digest:{university.pk}:{week.isoformat()}:{user.pk}",
            "industry/email/digest",
            user.pk,
            "sent",
        )
        for user in (staff_editor, staff_admin)
    )
    assert tasks.send_weekly_digests() == 0  # already sent for that week
