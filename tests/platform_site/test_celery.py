"""A task travels through the configured broker (Redis in CI) to a real worker."""

import time
from datetime import timedelta

import kombu.pools
import pytest
from celery.contrib.testing.worker import start_worker
from django.contrib.sessions.models import Session
from django.utils import timezone

from accounts.tasks import clear_expired_sessions
from platform_site.celery import app


@pytest.fixture
def live_worker(transactional_db, tmp_path):
    saved = (app.conf.task_always_eager, app.conf.broker_transport_options)
    app.conf.task_always_eager = False
    if app.conf.broker_url.startswith("filesystem://"):
        # A private queue folder, so that no other worker takes the message.
        queue = tmp_path / "queue"
        queue.mkdir()
        app.conf.broker_transport_options = {
            **app.conf.broker_transport_options,
            "data_folder_in": str(queue),
            "data_folder_out": str(queue),
        }
    _drop_connection_pool()
    # Nudges other tests left on a shared broker would otherwise come first.
    app.control.purge()
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
            yield
    finally:
        app.conf.task_always_eager, app.conf.broker_transport_options = saved
        _drop_connection_pool()


def _drop_connection_pool():
    # Producers made earlier keep the transport options they were made with, and
    # kombu keeps its pools in a global registry: close and forget them all.
    kombu.pools.reset()
    app._pool = None
    app.amqp._producer_pool = None


def test_queued_task_runs_in_a_worker(live_worker):
    Session.objects.create(
        session_key="expired", session_data="", expire_date=timezone.now() - timedelta(days=1)
    )
    Session.objects.create(
        session_key="current", session_data="", expire_date=timezone.now() + timedelta(days=1)
    )

    clear_expired_sessions.delay()

    deadline = timezone.now() + timedelta(seconds=20)
    while Session.objects.filter(session_key="expired").exists() and timezone.now() < deadline:
        time.sleep(0.05)
    assert list(Session.objects.values_list("session_key", flat=True)) == ["current"]
