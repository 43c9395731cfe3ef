"""Who the change records of a university (django-simple-history) name as the author.

Inside a request, ``HistoryRequestMiddleware`` makes the signed-in user the author
of every change. Services name the author themselves with ``changes_by``, so a
change made outside a request (a task, a command, a test) is attributed too.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.http import HttpRequest

from accounts.models import User

_author: ContextVar[User | None] = ContextVar("universities_change_author", default=None)


@contextmanager
def changes_by(user: User | None) -> Iterator[None]:
    """Record ``user`` as the author of the changes made inside the block
    (None: leave it to the request, if any)."""
    token = _author.set(user)
    try:
        yield
    finally:
        _author.reset(token)


def change_author(request: HttpRequest | None = None, **kwargs: Any) -> User | None:
    """The ``get_user`` of the universities' ``HistoricalRecords``: the author named by
    ``changes_by``, else the request's signed-in user (simple-history passes the
    request only when its user is signed in)."""
    author = _author.get()
    if author is not None:
        return author
    user = getattr(request, "user", None)
    return user if isinstance(user, User) else None
