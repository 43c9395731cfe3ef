"""The reminder pipeline: N reminders fall due at once in the outbox; beat's sweep
(``core.sweep_outbox``) queues senders (``core.send_outbox``) that a real Celery worker
runs, through the broker, to a local SMTP sink, which counts duplicates and misses."""

import collections
import logging
import os
import socket
import subprocess
import threading
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import timedelta

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from core.models import OutboxMessage
from core.tasks import sweep_outbox
from events import reminders
from events.models import Event, Registration

DONE = [OutboxMessage.State.SENT, OutboxMessage.State.FAILED, OutboxMessage.State.DROPPED]


class CountingHandler:
    def __init__(self) -> None:
        self.recipients: collections.Counter[str] = collections.Counter()
        self.lock = threading.Lock()

    async def handle_DATA(  # noqa: N802 - aiosmtpd's API
        self, server: SMTP | None, session: Session | None, envelope: Envelope
    ) -> str:
        with self.lock:
            for rcpt in envelope.rcpt_tos:
                self.recipients[rcpt.lower()] += 1
        return "250 OK"


@dataclass
class PipelineResult:
    reminders: int
    seconds: float
    per_second: float
    duplicates: int
    misses: int
    worker_peak_mb: float
    # From the moment each reminder fell due to the moment it was sent, in seconds.
    due_to_sent_p50: float = 0.0
    due_to_sent_p99: float = 0.0
    due_to_sent_max: float = 0.0


@transaction.atomic
def _prepare(count: int, users: Sequence[User]) -> Event:
    """An event starting in 50 minutes whose one-hour reminders are in the outbox as
    ``events.reminders`` writes them, due later (so that no sender is nudged before
    the worker and the clock start); the run then makes them all due at once."""
    now = timezone.now()
    event = Event.objects.create(
        title_en="Bench reminder webinar", kind="webinar", format="online",
        start=now + timedelta(minutes=50), end=now + timedelta(minutes=110),
        status="published", join_url="https://meet.example.org/bench",
    )  # fmt: skip
    registrations = Registration.objects.bulk_create(
        [
            Registration(user=u, event=event, mode="online", status="confirmed")
            for u in users[:count]
        ],
        batch_size=2000,
    )
    for registration, user in zip(registrations, users, strict=False):
        registration.user, registration.event = user, event  # no query per row
    # Written ahead, as reminders are; they all fall due when the run starts.
    reminders.enqueue_many(registrations, offset=60, due=now + timedelta(hours=1))
    return event


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def peak_memory_mb(pids: Iterable[int]) -> float:
    peak = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/status", encoding="ascii") as status:
                for line in status:
                    if line.startswith("VmHWM:"):
                        peak = max(peak, int(line.split()[1]))
        except OSError:
            continue
    return peak / 1024


def child_pids(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children", encoding="ascii") as handle:
            children = [int(p) for p in handle.read().split()]
    except OSError:
        return []
    return children + [g for c in children for g in child_pids(c)]


def run_pipeline(
    count: int, users: Sequence[User], *, env: dict[str, str], timeout: int = 600
) -> PipelineResult:
    logging.getLogger("mail.log").setLevel(logging.WARNING)
    handler = CountingHandler()
    port = _free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    event = _prepare(count, users)
    users_emails = {u.email.lower() for u in users[:count]}
    worker_env = {**os.environ, **env, "EMAIL_URL": f"smtp://127.0.0.1:{port}"}
    worker = subprocess.Popen(  # noqa: S603 - our own worker
        [".venv/bin/celery", "-A", "platform_site", "worker", "--concurrency", "2",
         "--loglevel", "WARNING", "--without-heartbeat", "--without-mingle", "--without-gossip"],
        env=worker_env,
    )  # fmt: skip
    try:
        time.sleep(3)  # the worker connects to the broker
        rows = OutboxMessage.objects.filter(
            template=reminders.REMINDER, topic__startswith=reminders.event_prefix(event)
        )
        rows.update(due_at=timezone.now())  # every reminder falls due at once
        started = time.monotonic()
        sweep_outbox.delay()  # as beat does every minute
        while time.monotonic() - started < timeout:
            if not rows.exclude(state__in=DONE).exists():
                break
            time.sleep(0.2)
        seconds = time.monotonic() - started
        peak = peak_memory_mb([worker.pid, *child_pids(worker.pid)])
    finally:
        worker.terminate()
        worker.wait(timeout=30)
        controller.stop()
    received = handler.recipients
    duplicates = sum(n - 1 for n in received.values() if n > 1)
    misses = len(users_emails - set(received))
    waits = sorted(
        (sent - due).total_seconds()
        for due, sent in rows.filter(sent_at__isnull=False).values_list("due_at", "sent_at")
        if sent is not None
    )
    return PipelineResult(
        count, seconds, count / seconds, duplicates, misses, peak,
        due_to_sent_p50=_percentile(waits, 50), due_to_sent_p99=_percentile(waits, 99),
        due_to_sent_max=waits[-1] if waits else 0.0,
    )  # fmt: skip


def _percentile(values: Sequence[float], percent: float) -> float:
    """The nearest-rank percentile of sorted ``values`` (0 for none)."""
    if not values:
        return 0.0
    rank = max(1, -(-len(values) * percent // 100))
    return values[int(rank) - 1]
