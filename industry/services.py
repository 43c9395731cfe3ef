"""Workflows on needs and responses. Each writes in one transaction and queues its
e-mails only after the transaction commits."""

from datetime import date, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from core import pagecache

from .models import DigestDelivery, NeedResponse, ResponseMessage, SkillNeed

UNANSWERED_AFTER = timedelta(days=14)


def _queue(task, **kwargs):
    transaction.on_commit(lambda: task.delay(**kwargs))


@transaction.atomic
def need_save(*, form, skills_formset, user) -> SkillNeed:
    """Save a need with its skills, all or nothing; the search document follows."""
    need = form.save(commit=False)
    if need.pk is None:
        need.created_by = user
    need.save()
    skills_formset.instance = need
    skills_formset.save()
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
def response_create(*, need, university, author, message, programmes, contact_email):
    """Answer ``need`` for ``university``.

    Side effects: records the need's first response time; after commit, e-mails
    the organisation's members.
    """
    from .tasks import notify_new_response

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
    _queue(notify_new_response, response_id=response.pk)
    return response


@transaction.atomic
def response_decide(*, response: NeedResponse, status: str, user) -> None:
    """Accept or decline; after commit, e-mails the university's side."""
    from .tasks import notify_response_decided

    response.status = status
    response.decided_at = timezone.now()
    response.save(update_fields=["status", "decided_at"])
    _queue(notify_response_decided, response_id=response.pk)


@transaction.atomic
def response_message_add(*, response: NeedResponse, author, body: str) -> ResponseMessage:
    """A follow-up in the thread; after commit, e-mails the other side."""
    from .tasks import notify_follow_up

    message = ResponseMessage.objects.create(response=response, author=author, body=body)
    _queue(notify_follow_up, message_id=message.pk)
    return message


@transaction.atomic
def response_set_hidden(*, response: NeedResponse, hidden: bool) -> None:
    response.hidden = hidden
    response.save(update_fields=["hidden"])


def needs_close_expired(today: date | None = None) -> int:
    """Open needs whose date has passed close themselves (one UPDATE)."""
    closed = SkillNeed.objects.expired(today).update(
        status=SkillNeed.Status.CLOSED, updated_at=timezone.now()
    )
    if closed:
        pagecache.bump()  # an UPDATE sends no signal
    return closed


def needs_flag_unanswered(now=None) -> list[int]:
    """Claim the open needs without a response for 14 days, each once.

    The conditional UPDATE claims a need only while it is unflagged, so two runs
    never flag (or e-mail about) the same need twice. Returns the claimed ids.
    """
    now = now or timezone.now()
    candidates = SkillNeed.objects.open().filter(
        hidden=False,
        first_response_at__isnull=True,
        unanswered_flagged_at__isnull=True,
        created_at__lte=now - UNANSWERED_AFTER,
    )
    claimed = []
    for need_id in candidates.values_list("pk", flat=True):
        if SkillNeed.objects.filter(pk=need_id, unanswered_flagged_at__isnull=True).update(
            unanswered_flagged_at=now
        ):
            claimed.append(need_id)
    return claimed


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def digest_claim(*, university, week: date) -> bool:
    """Record that ``university``'s digest for ``week`` goes out; False if it already did."""
    try:
        with transaction.atomic():
            DigestDelivery.objects.create(university=university, week=week)
    except IntegrityError:
        return False
    return True


def needs_posted_between(start, end):
    return SkillNeed.objects.open().filter(
        Q(hidden=False), created_at__gte=start, created_at__lt=end
    )
