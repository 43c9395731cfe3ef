"""Workflows on organisations, needs and responses.

Every e-mail they cause is an outbox row written in the same transaction as the
change (see ``notifications``), under a key that makes the same e-mail impossible
to enqueue twice; the outbox sends it after commit. A double submit does not
repeat the change: it raises ``AlreadyDone`` with a message for the user.
"""

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from core import pagecache
from core.audit import Action, record
from core.bilingual import columns
from core.rows import Row, rows_apply, save_with_relations
from curricula.models import Programme
from universities.models import University

from . import notifications
from .models import NeedResponse, Organisation, ResponseMessage, SkillNeed

UNANSWERED_AFTER = timedelta(days=14)
# The same need or message sent again by the same person within this time is a
# double submit (a second click, a resent form), not a new one.
DOUBLE_SUBMIT_WINDOW = timedelta(minutes=10)


class AlreadyDone(Exception):  # noqa: N818 - a refusal, not a fault
    """What was asked has been done already (a double submit, or someone else first).

    The message is for the user; ``existing`` is what the first submit made, when
    there is something to show."""

    def __init__(self, message: str, existing: Model | None = None) -> None:
        super().__init__(message)
        self.existing = existing


@transaction.atomic
def organisation_update(*, organisation: Organisation, values: Mapping[str, Any]) -> Organisation:
    """Save the organisation's profile from ``values`` (the logo included). No e-mail."""
    save_with_relations(organisation, values)
    return organisation


def _locked(organisation: Organisation) -> Organisation:
    return Organisation.objects.select_for_update().get(pk=organisation.pk)


@transaction.atomic
def organisation_archive(*, organisation: Organisation) -> None:
    """Archive ``organisation``: it and its needs leave the site (coordinators and its
    members still see them); nothing is deleted, and ``organisation_restore`` brings
    it back. No e-mail. Raises ``AlreadyDone`` when it is archived already."""
    if _locked(organisation).is_archived:
        raise AlreadyDone(
            _("%(organisation)s is already archived.") % {"organisation": organisation}
        )
    organisation.archived_at = timezone.now()
    organisation.save(update_fields=["archived_at", "updated_at"])
    record(Action.ARCHIVED, target=organisation)


@transaction.atomic
def organisation_restore(*, organisation: Organisation) -> None:
    """Bring an archived organisation back, with its needs as they were. No e-mail.
    Raises ``AlreadyDone`` when it is not archived."""
    if not _locked(organisation).is_archived:
        raise AlreadyDone(_("%(organisation)s is not archived.") % {"organisation": organisation})
    organisation.archived_at = None
    organisation.save(update_fields=["archived_at", "updated_at"])
    record(Action.RESTORED, target=organisation)


def _just_posted(
    organisation: Organisation, author: User, values: Mapping[str, Any]
) -> SkillNeed | None:
    """The need ``author`` posted with these titles a moment ago, if any."""
    return (
        SkillNeed.objects.filter(
            organisation=organisation,
            created_by=author,
            **{column: values.get(column) or "" for column in columns("title")},
            created_at__gte=timezone.now() - DOUBLE_SUBMIT_WINDOW,
        )
        .order_by("-created_at")
        .first()
    )


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
    asks for, all or nothing; the search document follows. No e-mail.

    Raises ``AlreadyDone`` when ``author`` posted the same title a moment ago (the
    organisation's row is locked meanwhile, so two submits at once see each other).
    """
    if need is None:
        _locked(organisation)
        posted = _just_posted(organisation, author, values)
        if posted is not None:
            raise AlreadyDone(_("This need has just been posted."), posted)
        need = SkillNeed(organisation=organisation, created_by=author)
    save_with_relations(need, values)
    rows_apply(parent=need, related_name="need_skills", rows=skills)
    need.refresh_search_document()
    return need


@transaction.atomic
def need_set_status(*, need: SkillNeed, status: str) -> bool:
    """Open, fill or close ``need``; False when it had that status already. No e-mail."""
    if need.status == status:
        return False
    need.status = status
    need.save(update_fields=["status", "updated_at"])
    return True


@transaction.atomic
def need_set_hidden(*, need: SkillNeed, hidden: bool) -> bool:
    """Hide ``need`` (or show it again); False when it was so already. No e-mail."""
    if need.hidden == hidden:
        return False
    need.hidden = hidden
    need.save(update_fields=["hidden", "updated_at"])
    return True


@transaction.atomic
def need_nudge(*, need: SkillNeed, today: date | None = None) -> notifications.Nudged:
    """Ask the best-matching universities to answer ``need``.

    Side effect: e-mails (outbox rows) to the staff of the five best-matching
    universities, once per university and person in the ISO week: a second nudge
    in the same week, or a retry, tells nobody again.
    """
    week = notifications.iso_week(today or timezone.localdate())
    return notifications.nudge_enqueue(need, week=week)


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

    Raises ``AlreadyDone`` (with the existing response) when the university has
    answered already: one response per university, continued in its conversation.

    Side effects: records the need's first response time; e-mails (outbox rows)
    to the organisation's members.
    """
    try:
        with transaction.atomic():
            response = NeedResponse.objects.create(
                need=need,
                university=university,
                author=author,
                message=message,
                contact_email=contact_email,
            )
    except IntegrityError:
        existing = NeedResponse.objects.filter(need=need, university=university).first()
        raise AlreadyDone(
            _("%(university)s has already answered this need; continue in its conversation.")
            % {"university": university},
            existing,
        ) from None
    response.programmes.set(programmes)
    SkillNeed.objects.filter(pk=need.pk, first_response_at__isnull=True).update(
        first_response_at=response.created_at
    )
    notifications.new_response_enqueue(response)
    return response


@transaction.atomic
def response_decide(*, response: NeedResponse, status: str) -> None:
    """Accept or decline ``response``, once: raises ``AlreadyDone`` when it has been
    decided already (the row is locked, so two decisions at once cannot both pass).

    Side effect: e-mails (outbox rows) to the university's side.
    """
    current = NeedResponse.objects.select_for_update().get(pk=response.pk)
    if current.status == NeedResponse.Status.ACCEPTED:
        raise AlreadyDone(_("This response has already been accepted."), current)
    if current.status == NeedResponse.Status.DECLINED:
        raise AlreadyDone(_("This response has already been declined."), current)
    response.status = status
    response.decided_at = timezone.now()
    response.save(update_fields=["status", "decided_at"])
    notifications.response_decided_enqueue(response)


@transaction.atomic
def response_message_add(*, response: NeedResponse, author: User, body: str) -> ResponseMessage:
    """A follow-up in the thread. Raises ``AlreadyDone`` when ``author``'s last message
    in it, a moment ago, says the same (the response is locked meanwhile).

    Side effect: e-mails (outbox rows) to the other side.
    """
    NeedResponse.objects.select_for_update().filter(pk=response.pk).first()
    last = response.messages.order_by("-created_at", "-pk").first()
    if (
        last is not None
        and last.author_id == author.pk
        and last.body == body
        and last.created_at >= timezone.now() - DOUBLE_SUBMIT_WINDOW
    ):
        raise AlreadyDone(_("This message has already been sent."), last)
    message = ResponseMessage.objects.create(response=response, author=author, body=body)
    notifications.follow_up_enqueue(message)
    return message


@transaction.atomic
def response_set_hidden(*, response: NeedResponse, hidden: bool) -> bool:
    """Hide ``response`` (or show it again); False when it was so already. An e-mail
    about it not sent yet is dropped when it falls due (see ``notifications``)."""
    if response.hidden == hidden:
        return False
    response.hidden = hidden
    response.save(update_fields=["hidden"])
    return True


def needs_close_expired(*, today: date | None = None) -> int:
    """Open needs whose date has passed close themselves (one UPDATE).

    Side effect: retires the cached pages (an UPDATE sends no signal).
    """
    expired = SkillNeed.objects.expired(today)
    ids = list(expired.values_list("pk", flat=True))
    closed = SkillNeed.objects.filter(pk__in=ids).update(
        status=SkillNeed.Status.CLOSED, updated_at=timezone.now()
    )
    if closed:
        # The UPDATE writes no change record: record the closing, by nobody (the clock).
        SkillNeed.history.bulk_history_create(
            list(SkillNeed.objects.filter(pk__in=ids)), update=True
        )
        pagecache.bump()
    return closed


@transaction.atomic
def needs_flag_unanswered(*, now: datetime | None = None) -> int:
    """Flag the open, shown needs without a response for 14 days, each once, and tell
    the coordinators about each. Returns how many needs were flagged.

    The flags and the e-mails (outbox rows, one per need and coordinator) are
    written in this one transaction: a failure leaves both undone, for the next run;
    after commit, an SMTP failure delays the e-mails but cannot lose them. Rows
    another run holds are skipped (SKIP LOCKED), so two runs never flag the same need.
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
        .select_for_update(skip_locked=True, of=("self",))
    )
    needs = list(candidates.select_related("organisation").order_by("created_at", "pk"))
    SkillNeed.objects.filter(pk__in=[need.pk for need in needs]).update(unanswered_flagged_at=now)
    for need in needs:
        notifications.unanswered_enqueue(need)
    return len(needs)


@transaction.atomic
def digest_enqueue(*, university: University, week: date) -> int:
    """The digest of the needs posted in ``week`` (its Monday) that ``university``'s
    programmes match, for its staff who want it. Returns how many e-mails are new.

    Side effect: e-mails (outbox rows), once per university, week and person, so a
    second run tells nobody again; none when no need of the week matches.
    """
    if not notifications.digest_needs(university, notifications.needs_posted_in(week)):
        return 0
    return notifications.digest_enqueue(university, week)


def digests_enqueue(*, week: date) -> int:
    """Every university's digest of ``week`` (each in its own transaction, see
    ``digest_enqueue``). Returns how many e-mails are new."""
    return sum(
        digest_enqueue(university=university, week=week)
        for university in notifications.digest_universities()
    )
