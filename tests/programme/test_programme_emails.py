"""The e-mails of a call: a contribution received (submitted, or an industry
challenge presented), and a reviewer asked to review (by hand or balanced), sent
through the outbox; a blind call's e-mails never name the authors."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import formats, timezone

from core import outbox
from core.models import OutboxMessage
from industry.models import SkillNeed
from programme import notifications, review_services, services
from programme.models import Call, Contribution
from tests.factories import UserFactory

from .test_review import contribute, make_call, seat, track

pytestmark = pytest.mark.django_db

CLOSES = datetime(2031, 3, 14, 12, 0, tzinfo=UTC)


def _open(call, *, kinds=("talk", "challenge")):
    Call.objects.filter(pk=call.pk).update(
        opens_at=timezone.now() - timedelta(days=1), closes_at=CLOSES, session_kinds=list(kinds)
    )
    call.refresh_from_db()
    return call


def _sent():
    outbox.send_due()
    return list(mail.outbox)


def _texts(message):
    return [message.subject, message.body, message.alternatives[0].content]


# --- a contribution received ----------------------------------------------------------------


def test_submitting_tells_the_submitter_with_the_deadline_in_their_zone():
    call = _open(make_call())
    submitter = UserFactory(email="aigerim@example.org", time_zone="Asia/Tashkent")
    contribution = services.contribution_submit(
        call=call,
        submitter=submitter,
        values={
            "title": "Grid storage",
            "abstract": "Batteries for the steppe.",
            "kind": "talk",
            "track": track(call),
            "language": "en",
        },
    )

    (message,) = _sent()

    assert message.to == ["aigerim@example.org"]
    assert message.subject == "“Grid storage” has been received"
    local = timezone.localtime(CLOSES, ZoneInfo("Asia/Tashkent"))
    assert formats.date_format(local, "DATETIME_FORMAT") in message.body  # 5 p.m. there
    assert f"http://testserver{contribution.get_absolute_url()}" in message.body
    assert OutboxMessage.objects.get().key == f"programme:submitted:{contribution.pk}"


def test_presenting_a_challenge_tells_the_member(organisation, partner):
    call = _open(make_call())
    need = SkillNeed.objects.create(
        organisation=organisation,
        title_en="Grid technicians",
        description_en="We need ten a year.",
        kind=SkillNeed.Kind.HIRING,
        headcount=10,
        country="KZ",
        needed_by=timezone.localdate() + timedelta(days=200),
    )

    contribution = services.challenge_create(call=call, need=need, user=partner)

    (message,) = _sent()
    assert message.to == [partner.email]
    assert message.subject == "“Grid technicians” has been received"
    assert OutboxMessage.objects.get().key == f"programme:submitted:{contribution.pk}"


def test_a_withdrawn_contribution_is_not_told_it_was_received():
    call = _open(make_call())
    contribution = contribute(call)
    notifications.submitted_enqueue(contribution)
    Contribution.objects.filter(pk=contribution.pk).update(state=Contribution.State.WITHDRAWN)

    assert _sent() == []


# --- a reviewer asked to review -------------------------------------------------------------------


def _authored(call):
    submitter = UserFactory(full_name="Aigerim Nurlanovna")
    contribution = contribute(call, submitter=submitter, title="Grid storage")
    contribution.coauthor_accounts.add(UserFactory(full_name="Timur Saidov"))
    contribution.coauthors = "Outside Person"
    contribution.save()
    return contribution


@pytest.mark.parametrize("blind", [True, False])
def test_assigning_a_review_asks_the_reviewer_without_naming_the_authors(blind):
    call = make_call(blind=blind)
    contribution = _authored(call)
    reviewer = seat(call, UserFactory(email="reviewer@example.org")).user

    review_services.review_assign(contribution=contribution, reviewer=reviewer)
    review_services.review_assign(contribution=contribution, reviewer=reviewer)  # asked once

    (message,) = _sent()
    assert message.to == ["reviewer@example.org"]
    assert message.subject == "A contribution to review for Rotating conference"
    queue = reverse("programme:review_queue", kwargs={"event": call.event_id})
    assert f"http://testserver{queue}" in message.body
    assert "Grid storage" in message.body
    for text in _texts(message):
        for name in ("Aigerim", "Timur", "Outside Person"):
            assert name not in text
    assert ("The review is blind" in message.body) is blind


def test_an_unassigned_review_is_not_sent():
    call = make_call()
    contribution = _authored(call)
    reviewer = seat(call).user
    review = review_services.review_assign(contribution=contribution, reviewer=reviewer)

    review_services.review_unassign(review=review)

    assert _sent() == []


def test_balancing_sends_one_email_per_reviewer_with_their_count():
    call = make_call(blind=True)
    for title in ("First", "Second", "Third"):
        contribute(call, title=title, submitter=UserFactory(full_name="Aigerim Nurlanovna"))
    one = seat(call, UserFactory(email="one@example.org")).user
    two = seat(call, UserFactory(email="two@example.org")).user
    seat(call, UserFactory(email="member@example.org"), role="member")  # not a reviewer

    result = review_services.reviews_balance(call=call, per_contribution=2)

    assert result.added == 6
    messages = _sent()
    assert sorted(m.to[0] for m in messages) == ["one@example.org", "two@example.org"]
    for message in messages:
        assert message.subject == "3 contributions to review for Rotating conference"
        assert all(title in message.body for title in ("First", "Second", "Third"))
        assert all("Aigerim" not in text for text in _texts(message))
    assert {one.pk, two.pk} == {m.recipient_id for m in OutboxMessage.objects.all()}


def test_balancing_again_with_nothing_new_sends_nothing():
    call = make_call()
    contribute(call)
    seat(call)
    review_services.reviews_balance(call=call, per_contribution=1)
    _sent()
    mail.outbox.clear()

    review_services.reviews_balance(call=call, per_contribution=1)

    assert _sent() == []
