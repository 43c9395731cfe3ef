"""Faults an operator meets, with real processes: Celery workers (prefork, embedded beat
sweeping every 2 s), a private Redis broker, PostgreSQL, and an SMTP server on
loopback that counts what each registrant received.

Each test lets at least 200 reminders fall due at once and asserts that none is lost,
and that a repeat happens only within a crash window and carries the same Message-ID.
The counts are printed, so the CI log shows them.
"""

import time
from collections import Counter
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from core.models import OutboxMessage
from events import reminders
from events.models import Event, Registration
from tests.factories import UserFactory

from .conftest import wait_until

pytestmark = [pytest.mark.faults, pytest.mark.postgres]

COUNT = 200
CONCURRENCY = 2  # each worker's processes; at most one message each is in flight


def _due_reminders(count: int = COUNT) -> tuple[Event, list[str]]:
    start = timezone.now() + timedelta(minutes=50)
    event = Event.objects.create(
        title_en="Fault-test webinar", kind="webinar", format="online", status="published",
        start=start, end=start + timedelta(hours=1), join_url="https://meet.example.org/f",
    )  # fmt: skip
    users = UserFactory.create_batch(count, verified=False)
    registrations = Registration.objects.bulk_create(
        [Registration(user=u, event=event, mode="online", status="confirmed") for u in users]
    )
    for registration in registrations:
        registration.event = event
    reminders.enqueue_many(registrations, offset=60, due=timezone.now())
    return event, [u.email.lower() for u in users]


def _report(name: str, lab, expected: list[str], capsys) -> dict[str, int]:
    received = lab.smtp.per_recipient()
    numbers = {
        "due": len(expected),
        "delivered": sum(1 for address in expected if received[address] >= 1),
        "duplicates": sum(received[address] - 1 for address in expected if received[address] > 1),
        "lost": sum(1 for address in expected if received[address] == 0),
    }
    with capsys.disabled():  # shown in the CI log, passing or not
        print(f"\nfault test {name}: {numbers}")  # noqa: T201
    return numbers


def _all_delivered(lab, expected: list[str]):
    def check() -> bool:
        received = lab.smtp.per_recipient()
        return all(received[address] >= 1 for address in expected)

    return check


def _wait_for_all(lab, expected: list[str], *, timeout: float = 300) -> None:
    """Wait until everyone got their e-mail; if not, say where the rows stand."""
    try:
        wait_until(_all_delivered(lab, expected), timeout=timeout, what="every e-mail")
    except AssertionError as error:
        states = Counter(OutboxMessage.objects.values_list("state", flat=True))
        raise AssertionError(f"{error}; outbox: {dict(states)}\n{lab.logs()}") from None


def _same_message_ids(lab) -> bool:
    return all(len(set(ids)) == 1 for ids in lab.smtp.duplicates().values())


def test_worker_killed_mid_batch_then_restarted(fault_lab, capsys):
    lab = fault_lab
    restore = lab.use_broker_here()
    try:
        _event, expected = _due_reminders()
        worker = lab.worker()
        wait_until(lambda: len(lab.smtp.messages) >= 40, timeout=120, what="the first e-mails")
        worker.kill()
        assert len(lab.smtp.messages) < COUNT, "the kill came too late to be mid-batch"
        lab.worker()
        _wait_for_all(lab, expected)
    finally:
        restore()
    numbers = _report("worker SIGKILL", lab, expected, capsys)
    assert numbers["lost"] == 0
    assert numbers["duplicates"] <= CONCURRENCY
    assert _same_message_ids(lab)


def test_smtp_refusing_for_a_while_then_back(fault_lab, capsys):
    lab = fault_lab
    lab.smtp.stop()
    restore = lab.use_broker_here()
    try:
        _event, expected = _due_reminders()
        lab.worker()
        wait_until(
            lambda: OutboxMessage.objects.filter(attempts__gte=1, state="pending").count() >= COUNT,
            timeout=120,
            what="every reminder to have failed once",
        )
        time.sleep(3)  # the outage lasts a little longer
        lab.smtp.start()
        _wait_for_all(lab, expected)
    finally:
        restore()
    numbers = _report("SMTP outage", lab, expected, capsys)
    assert numbers == {"due": COUNT, "delivered": COUNT, "duplicates": 0, "lost": 0}


def test_broker_killed_without_persistence_then_restarted(fault_lab, capsys):
    lab = fault_lab
    restore = lab.use_broker_here()
    try:
        _event, expected = _due_reminders()  # the nudges wait in the broker, no worker yet
        lab.redis.kill()  # and are lost with it
        lab.redis.start()
        lab.worker()  # beat's sweep finds the rows
        _wait_for_all(lab, expected)
    finally:
        restore()
    numbers = _report("broker lost", lab, expected, capsys)
    assert numbers == {"due": COUNT, "delivered": COUNT, "duplicates": 0, "lost": 0}


def test_two_workers_and_two_sweeps_at_once(fault_lab, capsys):
    lab = fault_lab
    restore = lab.use_broker_here()
    try:
        _event, expected = _due_reminders(COUNT + 100)
        lab.worker()
        lab.worker()  # each with its own beat: two sweeps every 2 s
        _wait_for_all(lab, expected)
        time.sleep(3)  # a late duplicate would show by now
    finally:
        restore()
    numbers = _report("two workers, two sweeps", lab, expected, capsys)
    assert numbers == {"due": COUNT + 100, "delivered": COUNT + 100, "duplicates": 0, "lost": 0}


def test_broker_down_while_people_register(fault_lab, client, capsys):
    lab = fault_lab
    restore = lab.use_broker_here()
    try:
        event, expected = _due_reminders()
        lab.redis.kill()
        newcomers = UserFactory.create_batch(5)
        for person in newcomers:
            client.force_login(person)
            response = client.post(reverse("events:register", args=[event.pk]), {"mode": "online"})
            assert response.status_code == 302  # a normal page, not a 500
            assert response["Location"] == event.get_absolute_url()
        assert Registration.objects.filter(user__in=newcomers, status="confirmed").count() == 5
        lab.redis.start()
        lab.worker()
        everyone = expected + [p.email.lower() for p in newcomers]
        _wait_for_all(lab, everyone)
        time.sleep(3)
    finally:
        restore()
    numbers = _report("broker down at registration", lab, everyone, capsys)
    assert numbers == {"due": COUNT + 5, "delivered": COUNT + 5, "duplicates": 0, "lost": 0}
    confirmations = [m for m in lab.smtp.messages if m.subject.startswith("You are registered")]
    assert sorted(m.to[0] for m in confirmations) == sorted(p.email.lower() for p in newcomers)
