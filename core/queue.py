"""Queueing Celery tasks from services, after the transaction commits.

Services name the task instead of importing it, so a services module never
imports its app's tasks module (which imports the services): no import circle.
"""

import logging
import threading
from typing import Any

from celery import Task, current_app
from django.db import transaction
from kombu.exceptions import OperationalError

logger = logging.getLogger(__name__)


_IMPORTING = threading.Lock()


def task_named(name: str) -> Task:
    """The registered task ``name``; the apps' task modules are imported on first use
    (a web process has not imported them, a worker has), by one thread at a time: a
    thread arriving meanwhile waits instead of finding the registry half filled."""
    tasks = current_app.tasks
    if name not in tasks:
        with _IMPORTING:
            if name not in tasks:
                current_app.loader.import_default_modules()
    return tasks[name]


def enqueue_on_commit(task_name: str, **kwargs: Any) -> None:
    """Queue ``task_name`` with keyword ``kwargs`` once the current transaction commits.

    A broker that cannot be reached does not fail the request that caused the
    task: the failure is logged and the periodic sweeps catch up.
    """

    def send() -> None:
        task = task_named(task_name)
        if current_app.conf.task_always_eager:
            task.delay(**kwargs)  # run here; its own errors must surface
            return
        try:
            task.delay(**kwargs)
        except (OperationalError, OSError):  # the broker is down or unreachable
            logger.warning("could not queue %s; the periodic sweep will catch up", task_name)

    transaction.on_commit(send)
