"""Workflows on organisations, needs and responses.

Those that pages call write in one transaction and queue their e-mails (by task
name, see ``core.queue``) only after it commits. The periodic ones that tasks call
(closing, flagging, digests) claim their work with a conditional UPDATE or a
unique row first, then send (see ``notifications``)."""

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import User
from core import pagecache
from core.queue import enqueue_on_commit
from core.rows import Row, rows_apply, save_with_relations
from curricula.models import Programme
from universities.models import University

from . import notifications
from .models import DigestDelivery, NeedResponse, Organisation, ResponseMessage, SkillNeed

UNANSWERED_AFTER = timedelta(days=14)


@transaction.atomic
def organisation_update(*, organisation: Organisation, values: Mapping[str, Any]) -> Organisation:
    """Save the organisation's profile from ``values`` (the logo included). No e-mail."""
    save_with_relations(organisation, values)
    return organisation


@transaction.atomic
def need_save(
    *,
    organisation: Organisation,
    need: SkillNeed | None,
    values: Mapping[str, Any],
    skills: Sequence[Row],
    author: User,
) -> SkillNeed:
    """Create (``need`` None) or update a need of ``organisation`` with the skills it
    asks for, all or nothing; the search document follows. No e-mail."""
    if need is None:
        need = SkillNeed(organisation=organisation, created_by=author)
    save_with_relations(need, values)
    rows_apply(parent=need, related_name="need_skills", rows=skills)
    need.refresh_search_document()
    return need


@transaction.atomic
def need_set_status(*, need: SkillNeed, status: str) -> None:
    need.status = status
    need.save(update_fields=["status", "updated_at"])


@transaction.atomic
def need_set_hidden(*, need: SkillNeed, hidden: bool) -> None:
    need.hidden = hidden
    need.save(update_fields=["hidden", "updated_at"])


@transaction.atomic
def need_nudge(*, need: SkillNeed) -> None:
    """Ask the best-matching universities to answer ``need``.

    Side effect: after commit, queues ``industry.nudge_matching_universities``
    (which e-mails the staff of the five best-matching universities).
    """
    enqueue_on_commit("industry.nudge_matching_universities", need_id=need.pk)


@transaction.atomic
def response_create(
    *,
    need: SkillNeed,
    university: University,
    author: User,
    message: str,
    programmes: Iterable[Programme],
    contact_email: str,
) -> NeedResponse:
    """Answer ``need`` for ``university``.

    Side effects: records the need's first response time; after commit, queues
    ``industry.notify_new_response`` (an e-mail to the organisation's members).
    """
    response = NeedResponse.objects.create(
        need=need,
        university=university,
        author=author,
        message=message,
        contact_email=contact_email,
    )
    response.programmes.set(programmes)
    SkillNeed.objects.filter(pk=need.pk, first_response_at__isnull=True).update(
        first_response_at=response.created_at
    )
    enqueue_on_commit("industry.notify_new_response", response_id=response.pk)
    return response


@transaction.atomic
def response_decide(*, response: NeedResponse, status: str) -> None:
    """Accept or decline ``response``.

    Side effect: after commit, queues ``industry.notify_response_decided`` (an
    e-mail to the university's side).
    """
    response.status = status
    response.decided_at = timezone.now()
    response.save(update_fields=["status", "decided_at"])
    enqueue_on_commit("industry.notify_response_decided", response_id=response.pk)


@transaction.atomic
def response_message_add(*, response: NeedResponse, author: User, body: str) -> ResponseMessage:
    """A follow-up in the thread.

    Side effect: after commit, queues ``industry.notify_follow_up`` (an e-mail to
    the other side).
    """
    message = ResponseMessage.objects.create(response=response, author=author, body=body)
    enqueue_on_commit("industry.notify_follow_up", message_id=message.pk)
    return message


@transaction.atomic
def response_set_hidden(*, response: NeedResponse, hidden: bool) -> None:
    response.hidden = hidden
    response.save(update_fields=["hidden"])


def needs_close_expired(*, today: date | None = None) -> int:
    """Open needs whose date has passed close themselves (one UPDATE).

    Side effect: retires the cached pages (an UPDATE sends no signal).
    """
    closed = SkillNeed.objects.expired(today).update(
        status=SkillNeed.Status.CLOSED, updated_at=timezone.now()
    )
    if closed:
        pagecache.bump()
    return closed


def needs_flag_unanswered(*, now: datetime | None = None) -> int:
    """Claim the open, shown needs without a response for 14 days, each once, and
    tell the coordinators about them. Returns how many needs were claimed.

    The conditional UPDATE claims a need only while it is unflagged, so two runs
    never flag (or e-mail about) the same need twice.

    Side effect: one e-mail to each coordinator listing the claimed needs.
    """
    now = now or timezone.now()
    candidates = (
        SkillNeed.objects.open()
        .shown()
        .filter(
            first_response_at__isnull=True,
            unanswered_flagged_at__isnull=True,
            created_at__lte=now - UNANSWERED_AFTER,
        )
    )
    claimed = [
        need_id
        for need_id in candidates.values_list("pk", flat=True)
        if SkillNeed.objects.filter(pk=need_id, unanswered_flagged_at__isnull=True).update(
            unanswered_flagged_at=now
        )
    ]
    if claimed:
        needs = SkillNeed.objects.filter(pk__in=claimed).select_related("organisation")
        notifications.unanswered_needs(list(needs))
    return len(claimed)


def digest_send(*, university: University, week: date) -> int:
    """Send ``university``'s digest of the needs posted in ``week`` (its Monday) that
    its programmes match, once. Returns how many e-mails went out.

    The delivery row is inserted in the same transaction as the sending: a second
    run waits on the unique index and then skips; a failed send rolls the claim
    back so that a retry can send.

    Side effect: e-mails the university's staff who want the digest.
    """
    start = timezone.make_aware(datetime.combine(week, time.min))
    posted = SkillNeed.objects.open().shown().posted_between(start, start + timedelta(days=7))
    needs = notifications.digest_needs(university, posted)
    if not needs:
        return 0
    try:
        with transaction.atomic():
            DigestDelivery.objects.create(university=university, week=week)
            return notifications.digest(university, needs)
    except IntegrityError:
        return 0
