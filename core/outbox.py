"""The e-mail outbox: every e-mail of the portal is a row written in the transaction
of the change that causes it, and sent later by whichever worker claims it.

Promise: no e-mail is lost — a row stays until it is sent, fails for good after
``OUTBOX_MAX_ATTEMPTS`` (with the reason kept), or is no longer useful (its
``expires_at`` passed, or its preparer says so). A sender claims rows with
``SELECT … FOR UPDATE SKIP LOCKED`` and a lease; a sender that dies leaves its rows
to be claimed again when the lease runs out. The only copy that can go out twice is
one in flight when a worker is killed (accepted by the SMTP server, not yet marked
sent), and it carries the same Message-ID.

Celery tasks only nudge the sender; the sweep that beat runs every minute finds
whatever a broker lost.
"""

import contextlib
import contextvars
import logging
import os
import socket
import uuid
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import lru_cache
from smtplib import SMTPException
from typing import Any, cast

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives, mailers
from django.core.mail.backends.base import BaseEmailBackend
from django.db import connection, models, transaction
from django.db.models import F
from django.utils import timezone

from .emails import Attachment, build_message, can_receive
from .models import OutboxMessage
from .queue import enqueue_on_commit

logger = logging.getLogger(__name__)

State = OutboxMessage.State
SEND_TASK = "core.send_outbox"


# --- what a row's context may hold --------------------------------------------


def dump(value: Any) -> Any:
    """``value`` as JSON: rows become references, read again when the e-mail is sent."""
    if isinstance(value, models.Model):
        return {"__row__": value._meta.label_lower, "pk": value.pk}
    if isinstance(value, datetime):
        return {"__datetime__": value.isoformat()}
    if isinstance(value, date):
        return {"__date__": value.isoformat()}
    if isinstance(value, Mapping):
        return {str(k): dump(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [dump(v) for v in value]
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if callable(value):
        raise TypeError("an outbox context holds values and rows, not functions")
    return str(value)  # lazy translations and other printable values


class Gone(Exception):
    """A row the e-mail refers to no longer exists."""


class Defer(Exception):  # noqa: N818 - an instruction, not an error
    """Raised by a preparer: not yet (the materials of an event are not posted), try
    again at ``until``; no attempt is counted."""

    def __init__(self, until: datetime) -> None:
        super().__init__(until.isoformat())
        self.until = until


def load(value: Any) -> Any:
    if isinstance(value, dict):
        if "__row__" in value:
            model = apps.get_model(value["__row__"])
            row = model._default_manager.filter(pk=value["pk"]).first()
            if row is None:
                raise Gone(f"{value['__row__']} {value['pk']}")
            return row
        if "__datetime__" in value:
            return datetime.fromisoformat(value["__datetime__"])
        if "__date__" in value:
            return date.fromisoformat(value["__date__"])
        return {k: load(v) for k, v in value.items()}
    if isinstance(value, list):
        return [load(v) for v in value]
    return value


# --- preparers: the last word of each kind of e-mail, at send time ------------------


@dataclass
class Prepared:
    """What a preparer adds at send time: more context, attachments, headers."""

    context: dict[str, Any] = field(default_factory=dict)
    attachments: tuple[Attachment, ...] = ()
    headers: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Addressee:
    """A recipient without an account (a newsletter subscriber): what the e-mail
    builder reads of a user. Any object with these attributes may be enqueued; it is
    stored as an address, a language and a time zone."""

    email: str
    preferred_language: str
    time_zone: str
    display_name: str = ""
    is_active: bool = True


def recipient_of(row: OutboxMessage) -> Any:
    """The user of ``row``, or its address as an ``Addressee``."""
    if row.recipient_id is not None:
        return row.recipient
    return Addressee(row.address, row.address_language, row.address_time_zone)


def _addressed(recipient: Any) -> dict[str, Any]:
    """The columns of an outbox row for ``recipient``: a user, or an address."""
    if isinstance(recipient, get_user_model()):
        return {"recipient": recipient}
    return {
        "address": recipient.email,
        "address_language": recipient.preferred_language,
        "address_time_zone": recipient.time_zone,
    }


Preparer = Callable[[dict[str, Any], Any], Prepared | None]
_PREPARERS: dict[str, Preparer] = {}


def preparer(template: str) -> Callable[[Preparer], Preparer]:
    """Register the function that completes e-mail ``template`` when it is sent.

    It receives the loaded context and the recipient and returns ``Prepared``, or
    None when the e-mail is no longer useful (a registration cancelled, an event
    started): the row is then dropped, not sent.
    """

    def register(function: Preparer) -> Preparer:
        _PREPARERS[template] = function
        return function

    return register


# What a template's batch loader read for the batch being sent: one query for a
# batch's rows instead of one per e-mail (a burst of reminders is sent at hundreds a
# second). Set by send_claimed around its rendering.
BatchLoader = Callable[[list[dict[str, Any]]], Any]
_BATCH_LOADERS: dict[str, BatchLoader] = {}
_batch: contextvars.ContextVar[dict[str, Any] | None] = contextvars.ContextVar(
    "outbox_batch", default=None
)


def batch_loader(*templates: str) -> Callable[[BatchLoader], BatchLoader]:
    """Register a function that reads, in one go, what the preparers of ``templates``
    need for every row of a claimed batch (it gets the rows' stored contexts); the
    preparers find its result with `batch_loaded`, and read the database themselves
    when it is None (a row rendered outside a batch)."""

    def register(function: BatchLoader) -> BatchLoader:
        for template in templates:
            _BATCH_LOADERS[template] = function
        return function

    return register


def batch_loaded(template: str) -> Any:
    loaded = _batch.get()
    return None if loaded is None else loaded.get(template)


def _load_batch(rows: list[OutboxMessage]) -> dict[str, Any]:
    contexts: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        if row.template in _BATCH_LOADERS:
            contexts.setdefault(row.template, []).append(row.context)
    loaded: dict[str, Any] = {}
    for template in contexts:
        if template in loaded:
            continue
        loader = _BATCH_LOADERS[template]
        # Templates sharing a loader share one read of all their rows.
        shared = [name for name in contexts if _BATCH_LOADERS[name] is loader]
        result = loader([context for name in shared for context in contexts[name]])
        for name in shared:
            loaded[name] = result
    return loaded


# --- enqueueing -------------------------------------------------------------------


def enqueue(
    *,
    template: str,
    recipients: Iterable[Any],
    context: Mapping[str, Any],
    key: Callable[[Any], str] | str,
    due_at: datetime | None = None,
    expires_at: datetime | None = None,
    topic: str = "",
) -> int:
    """Write one outbox row per recipient who can receive e-mail, in the current
    transaction; a row whose key exists already is left as it is (the same e-mail
    is never enqueued twice). Returns how many rows were new.

    ``key`` is a string for one recipient, or a function of the recipient. Side
    effect: after commit, a sender is nudged if the e-mails are due now.
    """
    now = timezone.now()
    due = due_at or now
    stored_context = dump(context)
    rows = [
        OutboxMessage(
            key=key(user) if callable(key) else key,
            template=template,
            **_addressed(user),
            context=stored_context,
            topic=topic,
            due_at=due,
            expires_at=expires_at,
        )
        for user in recipients
        if can_receive(user)
    ]
    if not rows:
        return 0
    keys = [row.key for row in rows]
    before = OutboxMessage.objects.filter(key__in=keys).count()
    OutboxMessage.objects.bulk_create(rows, ignore_conflicts=True)
    created = OutboxMessage.objects.filter(key__in=keys).count() - before
    if due <= now:
        nudge()
    return created


def nudge() -> None:
    """Ask a worker to send what is due, once the transaction commits."""
    enqueue_on_commit(SEND_TASK)


Timing = tuple[datetime, datetime | None]


def _pending(topic: str = "", topic_prefix: str = "") -> models.QuerySet[OutboxMessage]:
    rows = OutboxMessage.objects.filter(state=State.PENDING)
    if topic:
        return rows.filter(topic=topic)
    if topic_prefix:
        return rows.filter(topic__startswith=topic_prefix)
    raise ValueError("a topic or a topic prefix is needed")


def reschedule(
    *, when: Callable[[OutboxMessage], Timing | None], topic: str = "", topic_prefix: str = ""
) -> int:
    """Move the unsent e-mails about ``topic`` (or every topic under ``topic_prefix``):
    ``when`` gives a row's new (due, expiry), or None to leave it. Returns how many moved."""
    moved = 0
    for row in _pending(topic, topic_prefix):
        timing = when(row)
        if timing is not None and timing != (row.due_at, row.expires_at):
            due, expires = timing
            OutboxMessage.objects.filter(pk=row.pk, state=State.PENDING).update(
                due_at=due, expires_at=expires
            )
            moved += 1
    return moved


def withdraw(*, topic: str = "", topic_prefix: str = "") -> int:
    """Remove the unsent e-mails about ``topic`` (a registration cancelled): they were
    never due to anyone, and the same keys may be enqueued again later."""
    deleted, _detail = _pending(topic, topic_prefix).delete()
    return deleted


# --- sending ------------------------------------------------------------------------


def lease() -> timedelta:
    return timedelta(seconds=settings.OUTBOX_LEASE_SECONDS)


def backoff(attempts: int) -> timedelta:
    """The wait before another try: doubling from ``OUTBOX_RETRY_SECONDS``, capped."""
    base = settings.OUTBOX_RETRY_SECONDS
    return timedelta(seconds=min(base * 2 ** max(attempts - 1, 0), settings.OUTBOX_RETRY_MAX))


def new_worker_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def expire(now: datetime) -> int:
    """Drop unsent rows past their ``expires_at`` that no live sender holds."""
    live_claim = models.Q(state=State.SENDING, lease_until__gte=now)
    return (
        OutboxMessage.objects.unsent()
        .filter(expires_at__lte=now)
        .exclude(live_claim)
        .update(state=State.DROPPED, last_error="expired before it could be sent")
    )


def claim(*, worker: str, limit: int, now: datetime | None = None) -> list[int]:
    """Claim up to ``limit`` due rows for ``worker``, each with a lease.

    SKIP LOCKED (on PostgreSQL) lets concurrent senders take different rows; the
    switch to 'sending' happens in the same transaction as the lock.
    """
    now = now or timezone.now()
    expire(now)
    with transaction.atomic():
        ids = list(
            OutboxMessage.objects.due(now)
            .select_for_update(skip_locked=True)
            .order_by("due_at", "pk")
            .values_list("pk", flat=True)[:limit]
        )
        OutboxMessage.objects.filter(pk__in=ids).update(
            state=State.SENDING,
            claimed_by=worker,
            lease_until=now + lease(),
            attempts=F("attempts") + 1,
        )
    return ids


@dataclass
class SendResult:
    sent: int = 0
    retried: int = 0
    failed: int = 0
    dropped: int = 0
    deferred: int = 0


def _mine(row: OutboxMessage, worker: str) -> models.QuerySet[OutboxMessage]:
    return OutboxMessage.objects.filter(pk=row.pk, state=State.SENDING, claimed_by=worker)


def _retry(row: OutboxMessage, worker: str, error: BaseException, result: SendResult) -> None:
    reason = f"{type(error).__name__}: {error}"[:500]
    if row.attempts >= settings.OUTBOX_MAX_ATTEMPTS:
        _mine(row, worker).update(state=State.FAILED, last_error=reason, lease_until=None)
        logger.error("e-mail %s failed for good: %s", row.key, reason)
        result.failed += 1
        return
    _mine(row, worker).update(
        state=State.PENDING,
        due_at=timezone.now() + backoff(row.attempts),
        last_error=reason,
        lease_until=None,
    )
    result.retried += 1


def _drop(row: OutboxMessage, worker: str, reason: str, result: SendResult) -> None:
    _mine(row, worker).update(state=State.DROPPED, last_error=reason[:500], lease_until=None)
    result.dropped += 1


def render(row: OutboxMessage) -> EmailMultiAlternatives | None:
    """The message of ``row`` in its recipient's language and time zone, or None when
    it is no longer useful."""
    try:
        context = load(row.context)
    except Gone:
        return None
    prepare = _PREPARERS.get(row.template)  # may raise Defer
    recipient = recipient_of(row)
    attachments: tuple[Attachment, ...] = ()
    headers = {"Message-ID": row.message_id}
    if prepare is not None:
        prepared = prepare(context, recipient)
        if prepared is None:
            return None
        context = {**context, **prepared.context}
        attachments = prepared.attachments
        headers = {**prepared.headers, **headers}
    return build_message(
        row.template,
        user=recipient,
        context=context,
        attachments=attachments,
        headers=headers,
    )


def send_claimed(
    ids: list[int], *, worker: str, connection: BaseEmailBackend | None = None
) -> SendResult:
    """Send the rows ``worker`` claimed over one SMTP connection, marking each as soon
    as the server answers, so that a crash can repeat at most the one in flight."""
    result = SendResult()
    rows = list(
        OutboxMessage.objects.filter(pk__in=ids, state=State.SENDING, claimed_by=worker)
        .select_related("recipient")
        .order_by("due_at", "pk")
    )
    if not rows:
        return result
    token = _batch.set(_load_batch(rows))
    try:
        ready = _render_claimed(rows, worker, result)
    finally:
        _batch.reset(token)
    if not ready:
        return result
    return _deliver(ready, worker, result, connection)


def _render_claimed(
    rows: list[OutboxMessage], worker: str, result: SendResult
) -> list[tuple[OutboxMessage, EmailMultiAlternatives]]:
    ready: list[tuple[OutboxMessage, EmailMultiAlternatives]] = []
    for row in rows:
        if not can_receive(recipient_of(row)):
            _drop(row, worker, "the recipient can no longer receive e-mail", result)
            continue
        try:
            message = render(row)
        except Defer as later:
            _mine(row, worker).update(
                state=State.PENDING,
                due_at=later.until,
                attempts=F("attempts") - 1,
                lease_until=None,
            )
            result.deferred += 1
            continue
        except Exception as error:  # a template or data error: kept, retried, then failed
            logger.exception("could not render e-mail %s", row.key)
            _retry(row, worker, error, result)
            continue
        if message is None:
            _drop(row, worker, "no longer needed when it was due", result)
        else:
            ready.append((row, message))
    return ready


def _mark_sent(row: OutboxMessage, worker: str) -> None:
    """What ``_mine(row, worker).update(state=SENT, …)`` does, by a statement built once
    per process: it runs after every e-mail of a burst, where building the query cost
    more than running it."""
    with connection.cursor() as cursor:
        cursor.execute(
            _sent_statement(), [State.SENT, timezone.now(), row.pk, State.SENDING, worker]
        )


@lru_cache(maxsize=1)
def _sent_statement() -> str:
    meta = OutboxMessage._meta
    quote = connection.ops.quote_name

    def column(name: str) -> str:
        field = cast("models.Field[Any, Any]", meta.get_field(name))
        return quote(str(field.column))

    return (
        f"UPDATE {quote(meta.db_table)} SET {column('state')} = %s, "  # noqa: S608 - names from the model
        f"{column('sent_at')} = %s, {column('lease_until')} = NULL, {column('last_error')} = '' "
        f"WHERE {column('id')} = %s AND {column('state')} = %s AND {column('claimed_by')} = %s"
    )


def _deliver(
    ready: list[tuple[OutboxMessage, EmailMultiAlternatives]],
    worker: str,
    result: SendResult,
    connection: BaseEmailBackend | None,
) -> SendResult:
    connection = connection or mailers.default
    try:
        connection.open()
    except (SMTPException, OSError) as error:
        logger.warning("SMTP unavailable; %d e-mails will be retried: %s", len(ready), error)
        for row, _message in ready:
            _retry(row, worker, error, result)
        return result
    try:
        for row, message in ready:
            try:
                accepted = connection.send_messages([message])
            except (SMTPException, OSError) as error:
                _retry(row, worker, error, result)
                continue
            if accepted:
                _mark_sent(row, worker)
                result.sent += 1
            else:
                _retry(row, worker, RuntimeError("not accepted"), result)
    finally:
        with contextlib.suppress(SMTPException, OSError):
            connection.close()
    return result


def send_due(*, batch: int | None = None, rounds: int | None = None) -> SendResult:
    """Claim and send due rows in batches until none are left (or ``rounds`` batches)."""
    batch = batch or settings.OUTBOX_BATCH
    total = SendResult()
    worker = new_worker_id()
    for _round in range(rounds or settings.OUTBOX_MAX_ROUNDS):
        ids = claim(worker=worker, limit=batch)
        result = send_claimed(ids, worker=worker)
        for name in ("sent", "retried", "failed", "dropped", "deferred"):
            setattr(total, name, getattr(total, name) + getattr(result, name))
        if len(ids) < batch:
            break
    return total


def due_count(now: datetime | None = None) -> int:
    return OutboxMessage.objects.due(now or timezone.now()).count()
