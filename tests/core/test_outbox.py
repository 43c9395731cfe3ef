from datetime import UTC, datetime, timedelta

import pytest
from django.db import transaction
from django.utils import timezone

from core import outbox
from core.models import OutboxMessage
from core.tasks import send_outbox, sweep_outbox
from tests.factories import UniversityFactory, UserFactory

from .test_emails import TEMPLATES

START = datetime(2027, 3, 1, 6, 0, tzinfo=UTC)
State = OutboxMessage.State


@pytest.fixture(autouse=True)
def sample_templates(settings):
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], TEMPLATES]}
    ]
    settings.OUTBOX_RETRY_SECONDS = 60


@outbox.preparer("sample/email/checked")
def _checked(context, recipient):
    if not context["keep"]:
        return None
    return outbox.Prepared(context={"url": f"http://testserver/checked/{recipient.pk}"})


def _enqueue(users, *, key="sample", **kwargs):
    context = {"title": "Smart grids", "start": START, "url": "http://testserver/e/"}
    return outbox.enqueue(
        template="sample/email/when",
        recipients=users,
        context=context,
        key=lambda user: f"{key}:{user.pk}",
        **kwargs,
    )


@pytest.mark.django_db
def test_enqueue_writes_one_row_per_recipient_and_never_the_same_key_twice():
    first, second = UserFactory(), UserFactory()
    inactive = UserFactory(is_active=False)

    assert _enqueue([first, second, inactive]) == 2
    assert _enqueue([first, second]) == 0

    assert sorted(OutboxMessage.objects.values_list("key", "state")) == sorted(
        [(f"sample:{first.pk}", State.PENDING), (f"sample:{second.pk}", State.PENDING)]
    )


@pytest.mark.django_db
def test_enqueue_belongs_to_the_transaction_of_the_change():
    user = UserFactory()

    def fail():
        with transaction.atomic():
            _enqueue([user])
            raise RuntimeError

    with pytest.raises(RuntimeError):
        fail()

    assert OutboxMessage.objects.count() == 0


@pytest.mark.django_db
def test_rows_in_the_context_are_read_again_when_the_email_is_sent(smtp_sink):
    user = UserFactory(preferred_language="ru", time_zone="Asia/Tashkent")
    university = UniversityFactory(name_en="Satbayev University")
    outbox.enqueue(
        template="sample/email/when",
        recipients=[user],
        context={"title": university, "start": START, "url": "u"},
        key="one",
    )
    university.name_ru = "Университет Сатпаева"
    university.save()

    result = outbox.send_due()

    assert (result.sent, result.retried, result.failed, result.dropped) == (1, 0, 0, 0)
    row = OutboxMessage.objects.get()
    assert [(m.to, m.subject, m.message_id) for m in smtp_sink.messages] == [
        ([user.email.lower()], "Мероприятие: Университет Сатпаева", row.message_id)
    ]
    assert (row.state, row.attempts, row.last_error) == (State.SENT, 1, "")


@pytest.mark.django_db
def test_an_smtp_outage_delays_the_emails_and_they_go_out_once_when_it_ends(smtp_sink):
    users = UserFactory.create_batch(3)
    _enqueue(users)
    smtp_sink.stop()

    during = outbox.send_due()

    assert (during.sent, during.retried) == (0, 3)
    rows = list(OutboxMessage.objects.order_by("pk"))
    assert {(r.state, r.attempts) for r in rows} == {(State.PENDING, 1)}
    assert all("ConnectionRefusedError" in r.last_error for r in rows)
    assert all(r.due_at > timezone.now() + timedelta(seconds=50) for r in rows)

    smtp_sink.start()
    assert outbox.send_due().sent == 0  # not due yet: the backoff holds
    OutboxMessage.objects.update(due_at=timezone.now())
    after = outbox.send_due()

    assert after.sent == 3
    assert smtp_sink.per_recipient() == {u.email.lower(): 1 for u in users}


@pytest.mark.django_db
def test_a_row_left_by_a_dead_sender_is_sent_again_after_its_lease_with_the_same_message_id(
    smtp_sink,
):
    user = UserFactory()
    _enqueue([user])
    dead = outbox.claim(worker="dead-worker", limit=10)

    assert outbox.send_due().sent == 0  # its lease still holds
    OutboxMessage.objects.filter(pk__in=dead).update(lease_until=timezone.now() - timedelta(1))
    assert outbox.send_due().sent == 1

    row = OutboxMessage.objects.get()
    assert (row.state, row.attempts) == (State.SENT, 2)
    assert [m.message_id for m in smtp_sink.messages] == [row.message_id]
    # The dead sender, had it woken up, can no longer mark or resend the row.
    assert outbox.send_claimed(dead, worker="dead-worker").sent == 0


@pytest.mark.django_db
def test_two_senders_never_claim_the_same_row():
    _enqueue(UserFactory.create_batch(5))

    first = outbox.claim(worker="a", limit=3)
    second = outbox.claim(worker="b", limit=10)

    assert len(first) == 3
    assert len(second) == 2
    assert set(first).isdisjoint(second)


@pytest.mark.django_db
def test_an_email_past_its_expiry_is_dropped_not_sent(smtp_sink):
    user = UserFactory()
    _enqueue([user], expires_at=timezone.now() - timedelta(minutes=1))

    assert outbox.send_due().sent == 0

    row = OutboxMessage.objects.get()
    assert (row.state, row.last_error) == (State.DROPPED, "expired before it could be sent")
    assert smtp_sink.messages == []


@pytest.mark.django_db
def test_the_preparer_completes_the_email_or_drops_it(smtp_sink):
    kept, dropped = UserFactory(), UserFactory()
    for user, keep in ((kept, True), (dropped, False)):
        outbox.enqueue(
            template="sample/email/checked",
            recipients=[user],
            context={"title": "T", "start": START, "keep": keep},
            key=f"checked:{user.pk}",
        )

    result = outbox.send_due()

    assert (result.sent, result.dropped) == (1, 1)
    assert [m.to for m in smtp_sink.messages] == [[kept.email.lower()]]
    assert OutboxMessage.objects.get(key=f"checked:{dropped.pk}").state == State.DROPPED


@pytest.mark.django_db
def test_a_row_whose_subject_was_deleted_is_dropped(smtp_sink):
    university = UniversityFactory()
    outbox.enqueue(
        template="sample/email/when",
        recipients=[UserFactory()],
        context={"title": university, "start": START, "url": "u"},
        key="gone",
    )
    university.delete()

    assert outbox.send_due().dropped == 1
    assert smtp_sink.messages == []


@pytest.mark.django_db
def test_after_the_last_attempt_the_email_ends_as_failed_with_its_reason(settings, smtp_sink):
    settings.OUTBOX_MAX_ATTEMPTS = 2
    _enqueue([UserFactory()])
    smtp_sink.stop()

    outbox.send_due()
    OutboxMessage.objects.update(due_at=timezone.now())
    outbox.send_due()

    row = OutboxMessage.objects.get()
    assert (row.state, row.attempts) == (State.FAILED, 2)
    assert row.last_error.startswith("ConnectionRefusedError")


@pytest.mark.django_db
def test_the_sweep_queues_a_sender_per_batch_and_the_sender_sends(settings, smtp_sink):
    settings.OUTBOX_BATCH = 2
    users = UserFactory.create_batch(5)
    _enqueue(users)

    # Five due, two per batch: three senders; run in process, the first sends them all.
    assert sweep_outbox() == 3
    assert smtp_sink.per_recipient() == {u.email.lower(): 1 for u in users}
    assert send_outbox() == 0


def test_backoff_doubles_and_is_capped(settings):
    settings.OUTBOX_RETRY_SECONDS = 30
    settings.OUTBOX_RETRY_MAX = 200

    assert [outbox.backoff(n).total_seconds() for n in (1, 2, 3, 4, 5)] == [30, 60, 120, 200, 200]


def test_dump_refuses_functions():
    with pytest.raises(TypeError):
        outbox.dump({"url": lambda user: "x"})


@outbox.preparer("sample/email/later")
def _later(context, recipient):
    raise outbox.Defer(timezone.now() + timedelta(hours=1))


@pytest.mark.django_db
def test_a_deferred_email_waits_without_counting_an_attempt(smtp_sink):
    outbox.enqueue(
        template="sample/email/later", recipients=[UserFactory()], context={}, key="later"
    )

    result = outbox.send_due()

    row = OutboxMessage.objects.get()
    assert (result.deferred, result.sent) == (1, 0)
    assert (row.state, row.attempts) == (State.PENDING, 0)
    assert row.due_at > timezone.now() + timedelta(minutes=59)


@pytest.mark.django_db
def test_reschedule_and_withdraw_act_on_pending_rows_of_a_topic():
    user = UserFactory()
    soon = timezone.now() + timedelta(days=1)
    for n, topic in enumerate(["event:1:registration:1", "event:1:registration:2", "event:2"]):
        outbox.enqueue(
            template="sample/email/when",
            recipients=[user],
            context={},
            key=f"r{n}",
            topic=topic,
            due_at=soon,
        )
    later = soon + timedelta(hours=3)

    moved = outbox.reschedule(topic_prefix="event:1:", when=lambda row: (later, later))
    withdrawn = outbox.withdraw(topic="event:1:registration:2")

    assert (moved, withdrawn) == (2, 1)
    assert sorted(OutboxMessage.objects.values_list("key", "due_at", "expires_at")) == [
        ("r0", later, later),
        ("r2", soon, None),
    ]
