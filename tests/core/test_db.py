"""The PostgreSQL backend's health check (core/db/postgresql): a persistent connection
that the server has ended is replaced before a request uses it, and a healthy idle one
is taken as it is, without a round trip to the server."""

import time

import pytest
from django.db import connection

from accounts.models import User
from tests.factories import UserFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the PostgreSQL backend's"),
]


def _other_connection():
    other = connection.get_new_connection(connection.get_connection_params())
    other.autocommit = True
    return other


def _last_query_of(pid):
    other = _other_connection()
    try:
        return other.execute("SELECT query FROM pg_stat_activity WHERE pid = %s", [pid]).fetchone()[
            0
        ]
    finally:
        other.close()


def _new_request():
    """What Django does as a request starts (django.db.close_old_connections)."""
    connection.close_if_unusable_or_obsolete()


def test_the_backend_is_the_platforms():
    assert connection.settings_dict["ENGINE"] == "core.db.postgresql"
    assert connection.settings_dict["CONN_HEALTH_CHECKS"] is True


def test_a_healthy_idle_connection_is_checked_without_a_query():
    User.objects.filter(email="marker@example.org").exists()
    pid = connection.connection.info.backend_pid
    before = _last_query_of(pid)
    assert "marker@example.org" in before or "accounts_user" in before

    _new_request()
    assert UserFactory(email="after@example.org").pk
    # The check asked nothing of the server: its last statement is the one that followed.
    assert connection.connection.info.backend_pid == pid
    assert "SELECT 1" not in _last_query_of(pid)
    assert connection.is_usable() is True
    assert "SELECT 1" not in _last_query_of(pid)


def test_a_connection_the_server_ended_is_replaced_before_it_is_used():
    user = UserFactory(email="kept@example.org")
    pid = connection.connection.info.backend_pid
    other = _other_connection()
    try:
        assert other.execute("SELECT pg_terminate_backend(%s)", [pid]).fetchone() == (True,)
    finally:
        other.close()
    deadline = time.monotonic() + 5
    while connection.is_usable() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert connection.is_usable() is False

    _new_request()
    # The next query runs on a new connection instead of failing.
    assert User.objects.get(pk=user.pk).email == "kept@example.org"
    assert connection.connection.info.backend_pid != pid
