"""Readiness of the parts the portal cannot work without."""

import logging

from django.db import connection

from .celery import app as celery_app

logger = logging.getLogger(__name__)

# What /healthz says of a part that is down: which part, never why (the reason is
# logged for the operator, not shown to whoever asks).
DOWN = "unavailable"


def database_status() -> str | None:
    """None when the database answers, else a short word."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any driver error means "not ready"
        logger.exception("health check: the database does not answer")
        return DOWN
    return None


def broker_status() -> str | None:
    """None when the Celery broker accepts a connection, else a short word."""
    try:
        with celery_app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
    except Exception:
        logger.exception("health check: the broker does not answer")
        return DOWN
    return None
