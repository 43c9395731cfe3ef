"""Django's PostgreSQL backend, with a health check that asks the connection's socket
before it asks the server.

Persistent connections are checked at the start of each request (``CONN_HEALTH_CHECKS``)
so that a connection the server has ended is replaced, not used for a request that would
then fail. Django checks with ``SELECT 1``: one round trip on every request. A server
that restarts, or ends a session (an administrator, ``idle_session_timeout``), sends its
notice and closes the socket, which then reads; an idle connection in good health has
nothing to read. So an idle connection whose socket has nothing to read is usable
without asking the server, and any other is asked as Django asks it.
"""

import select
from typing import Any

from django.db.backends.postgresql import base
from psycopg.pq import TransactionStatus


class DatabaseWrapper(base.DatabaseWrapper):
    def is_usable(self) -> bool:
        raw: Any = self.connection
        if raw is None or raw.closed or raw.broken:
            return False
        if not self.errors_occurred and raw.info.transaction_status == TransactionStatus.IDLE:
            try:
                readable, _writable, _failed = select.select([raw.fileno()], [], [], 0)
            except (OSError, ValueError):
                return False
            if not readable:
                return True
        # Something waits on the socket (a notice, the server's goodbye), or the
        # connection is not idle: ask the server.
        return bool(super().is_usable())
