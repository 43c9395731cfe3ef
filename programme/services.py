"""Writes of a call for contributions and of its contributions: opening and editing a
call with its tracks and criteria, submitting, editing and withdrawing a contribution,
and presenting a need of the needs board as an industry challenge.

Each is one transaction: a refused or failed step leaves nothing behind. A step the
moment does not allow (the call is closed, the need already has its challenge) raises
``NotNow`` with a message for the user; a row the user left wrong raises
``ValidationError``.
"""

from collections.abc import Mapping, Sequence
from datetime import datetime
from functools import partial
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from core.bilingual import columns, in_every_language, read
from core.rows import Row, rows_apply, save_with_relations
from industry.models import SkillNeed
from universities.models import ResearchArea

from . import notifications
from .models import Call, Contribution, Session, SessionKind, Track
from .timetable import zone_of

# What reviewers score when the coordinator names no criteria.
DEFAULT_CRITERIA = (
    gettext_lazy("Relevance to the energy transition"),
    gettext_lazy("Quality"),
    gettext_lazy("Fit with the region's needs"),
)


class NotNow(Exception):  # noqa: N818 - a refusal, not a fault
    """The step does not apply at this moment (the call is closed, a double submit,
    someone else acted first). The message is for the user."""


def _when(call: Call, moment: datetime) -> str:
    """``moment`` as the event's time zone reads it."""
    local = timezone.localtime(moment, zone_of(call))
    return f"{formats.date_format(local, 'DATETIME_FORMAT')} ({call.event.time_zone})"


def _ordered(rows: Sequence[Row]) -> list[Row]:
    """The rows with their place in the list as their position."""
    kept = [row for row in rows if not row.delete]
    placed = {id(row): index for index, row in enumerate(kept)}
    return [
        row if row.delete else Row(row.pk, {**row.values, "position": placed[id(row)]})
        for row in rows
    ]


def _default_tracks(call: Call) -> None:
    """One track per research area (the taxonomy's themes), named as the area is."""
    for position, area in enumerate(ResearchArea.objects.all()):
        names = {column: getattr(area, column) for column in columns("name")}
        Track.objects.create(call=call, theme=area, position=position, **names)


def _default_criteria(call: Call) -> None:
    for position, phrase in enumerate(DEFAULT_CRITERIA):
        names = in_every_language("name", partial(str, phrase))
        call.criteria.create(position=position, **names)


def _apply(call: Call, related_name: str, rows: Sequence[Row]) -> None:
    try:
        rows_apply(parent=call, related_name=related_name, rows=_ordered(rows))
    except ProtectedError:
        raise ValidationError(
            _("A track that contributions were submitted to cannot be removed."),
            code="track_in_use",
        ) from None


@transaction.atomic
def call_open(
    *,
    event: Any,
    values: Mapping[str, Any],
    tracks: Sequence[Row],
    criteria: Sequence[Row],
) -> Call:
    """Open the call for contributions of ``event`` with its tracks and criteria, all or
    nothing. Without tracks, it gets one per research area; without criteria, the three
    default ones. Raises ``NotNow`` when the event already has a call. No e-mail."""
    if Call.objects.filter(event=event).exists():
        raise NotNow(_("This event already has a call for contributions."))
    call = Call(event=event)
    save_with_relations(call, values)
    if any(not row.delete for row in tracks):
        _apply(call, "tracks", tracks)
    else:
        _default_tracks(call)
    if any(not row.delete for row in criteria):
        _apply(call, "criteria", criteria)
    else:
        _default_criteria(call)
    return call


@transaction.atomic
def call_update(
    *,
    call: Call,
    values: Mapping[str, Any],
    tracks: Sequence[Row],
    criteria: Sequence[Row],
) -> Call:
    """Save ``call`` with its tracks and criteria, all or nothing. Raises
    ``ValidationError`` when a track with contributions would be removed, or when no
    track or no criterion would be left. No e-mail."""
    save_with_relations(call, values)
    _apply(call, "tracks", tracks)
    _apply(call, "criteria", criteria)
    if not call.tracks.exists():
        raise ValidationError(_("A call needs at least one track."), code="no_track")
    if not call.criteria.exists():
        raise ValidationError(_("A call needs at least one criterion."), code="no_criterion")
    return call


def _locked_call(call: Call) -> Call:
    return Call.objects.select_for_update().select_related("event").get(pk=call.pk)


def check_open(call: Call, now: datetime | None = None) -> None:
    """``NotNow`` with the reason unless ``call`` takes contributions at ``now``."""
    now = now or timezone.now()
    if now < call.opens_at:
        raise NotNow(
            _("The call opens on %(date)s; nothing was submitted.")
            % {"date": _when(call, call.opens_at)}
        )
    if now >= call.closes_at:
        raise NotNow(
            _("The call closed on %(date)s: contributions are no longer accepted.")
            % {"date": _when(call, call.closes_at)}
        )


def _check_values(call: Call, values: Mapping[str, Any]) -> None:
    kind = values.get("kind")
    if kind is not None and kind not in call.session_kinds:
        raise ValidationError(_("This call does not ask for this session type."), code="kind")
    track = values.get("track")
    if track is not None and track.call_id != call.pk:
        raise ValidationError(_("Choose one of this call's tracks."), code="track")


@transaction.atomic
def contribution_submit(
    *,
    call: Call,
    submitter: User,
    values: Mapping[str, Any],
    now: datetime | None = None,
) -> Contribution:
    """A new contribution of ``submitter`` to ``call``, with its co-authors and skills.
    Raises ``NotNow`` outside the call's dates, ``ValidationError`` for a session type
    or track the call does not have. Side effect: an e-mail (outbox row) tells the
    submitter it was received."""
    check_open(_locked_call(call), now)
    _check_values(call, values)
    contribution = Contribution(call=call, submitter=submitter)
    save_with_relations(contribution, _without_submitter(values, submitter))
    notifications.submitted_enqueue(contribution)
    return contribution


def _without_submitter(values: Mapping[str, Any], submitter: User) -> dict[str, Any]:
    """The submitter is not their own co-author."""
    cleaned = dict(values)
    if "coauthor_accounts" in cleaned:
        cleaned["coauthor_accounts"] = [
            user for user in cleaned["coauthor_accounts"] if user.pk != submitter.pk
        ]
    return cleaned


def _locked(contribution: Contribution) -> Contribution:
    return Contribution.objects.select_for_update().get(pk=contribution.pk)


@transaction.atomic
def contribution_update(
    *, contribution: Contribution, values: Mapping[str, Any], now: datetime | None = None
) -> Contribution:
    """Save the submitter's changes while the call is open and the contribution is
    still submitted (not decided, not withdrawn). Raises ``NotNow`` otherwise. No
    e-mail."""
    call = _locked_call(contribution.call)
    if _locked(contribution).state != Contribution.State.SUBMITTED:
        raise NotNow(_("This contribution can no longer be changed."))
    check_open(call, now)
    _check_values(call, values)
    save_with_relations(contribution, _without_submitter(values, contribution.submitter))
    return contribution


WITHDRAWABLE = (
    Contribution.State.SUBMITTED,
    Contribution.State.ACCEPTED,
    Contribution.State.WAITLISTED,
)


@transaction.atomic
def contribution_withdraw(*, contribution: Contribution) -> None:
    """Withdraw a contribution (nothing is deleted: it stays, withdrawn, in the
    submitter's list; a need it presented may be presented again). Raises ``NotNow``
    when it is already withdrawn or was not accepted. Its place in the timetable is
    freed (told to the session's audience when the timetable is public)."""
    if _locked(contribution).state not in WITHDRAWABLE:
        raise NotNow(_("This contribution cannot be withdrawn any more."))
    contribution.state = Contribution.State.WITHDRAWN
    contribution.save(update_fields=["state", "updated_at"])
    free_slot(contribution)


def free_slot(contribution: Contribution) -> bool:
    """Take ``contribution`` out of the timetable (it was withdrawn, or is no longer
    accepted), telling the audience when the timetable is public. True when it had
    a place. Call inside the transaction of the change."""
    session = (
        Session.objects.select_related("call", "room", "contribution")
        .filter(contribution=contribution)
        .first()
    )
    if session is None:
        return False
    if session.call.timetable_published_at is not None:
        notifications.session_removed_enqueue(session)
    session.delete()
    return True


def challenge_track(call: Call, need: SkillNeed) -> Track:
    """The first track whose theme is a theme of the need's skills, else the first."""
    tracks = list(call.tracks.all())
    if not tracks:
        raise NotNow(_("This call has no track yet."))
    themes = set(need.skills.exclude(theme=None).values_list("theme", flat=True))
    return next((track for track in tracks if track.theme_id in themes), tracks[0])


@transaction.atomic
def challenge_create(
    *, call: Call, need: SkillNeed, user: User, now: datetime | None = None
) -> Contribution:
    """Present ``need`` as an industry challenge in ``call``, submitted by ``user`` for
    the need's organisation: the need's title and description in ``user``'s language
    (or the nearest one) as title and abstract, its skills, and the track of its
    themes. Raises ``NotNow`` when the call is closed or asks for no challenges, the
    need is not open, or it already has a challenge in this call. Side effect: an
    e-mail (outbox row) tells ``user`` it was received."""
    call = _locked_call(call)
    check_open(call, now)
    if SessionKind.CHALLENGE not in call.session_kinds:
        raise NotNow(_("This call does not ask for industry challenges."))
    if need.status != SkillNeed.Status.OPEN:
        raise NotNow(_("Only an open need can be presented as a challenge."))
    if call.contributions.submitted().filter(need=need).exists():
        raise NotNow(_("This need is already presented as a challenge in this call."))
    title = read(need, "title", user.preferred_language)
    abstract = read(need, "description", user.preferred_language)
    if not abstract.value:
        abstract = read(need, "background", user.preferred_language)
    contribution = Contribution(
        call=call,
        submitter=user,
        title=title.value[:250],
        abstract=abstract.value[:4000],
        kind=SessionKind.CHALLENGE,
        track=challenge_track(call, need),
        language=abstract.language if abstract.value else title.language,
        organisation=need.organisation,
        need=need,
    )
    try:
        with transaction.atomic():
            contribution.save()
    except IntegrityError:  # presented at the same moment by someone else
        raise NotNow(_("This need is already presented as a challenge in this call.")) from None
    contribution.skills.set(need.skills.all())
    notifications.submitted_enqueue(contribution)
    return contribution
