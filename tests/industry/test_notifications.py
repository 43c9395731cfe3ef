"""The industry e-mails are outbox rows written by the services in the transaction of
the change, once per key; the sender delivers them, and a fault loses none."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from core import outbox
from core.models import OutboxMessage
from industry import notifications, services, tasks
from industry.models import NeedResponse, SkillNeed
from platform_site.celery import app as celery_app
from tests.factories import (
    CoordinatorFactory,
    OrganisationMembershipFactory,
    UniversityFactory,
    UniversityMembershipFactory,
)

pytestmark = pytest.mark.django_db


def _keys(template):
    return sorted(
        OutboxMessage.objects.filter(template=f"industry/email/{template}").values_list(
            "key", flat=True
        )
    )


def _to():
    return sorted(address for message in mail.outbox for address in message.to)


@pytest.fixture
def need(make_need, skills, partner):
    return make_need(skills=[(skills["smart-grids"], 2)])


@pytest.fixture
def response(need, university, staff_editor):
    return NeedResponse.objects.create(
        need=need, university=university, author=staff_editor, message="We can help.",
        contact_email="editor@example.org",
    )  # fmt: skip


@pytest.fixture
def old_need(make_need):
    return make_need("Old and silent", created_at=timezone.now() - timedelta(days=15))


def test_only_the_tasks_beat_runs_are_left():
    industry_tasks = sorted(name for name in celery_app.tasks if name.startswith("industry."))
    assert industry_tasks == [
        "industry.close_expired_needs",
        "industry.flag_unanswered_needs",
        "industry.send_weekly_digests",
    ]


# --- the conversation ---------------------------------------------------------------


def test_a_response_writes_one_email_per_organisation_member_in_its_transaction(
    need, university, staff_editor, partner, organisation
):
    colleague = OrganisationMembershipFactory(organisation=organisation).user
    response = services.response_create(
        need=need,
        university=university,
        author=staff_editor,
        message="Our graduates.",
        programmes=[],
        contact_email="a@b.org",
    )
    assert _keys("new_response") == sorted(
        f"industry.new-response:{response.pk}:{user.pk}" for user in (partner, colleague)
    )
    assert notifications.new_response_enqueue(response) == 0  # the same e-mails, never twice
    outbox.send_due()
    assert _to() == sorted([partner.email, colleague.email])


def test_a_response_hidden_before_its_email_goes_out_is_not_announced(response, partner):
    notifications.new_response_enqueue(response)
    services.response_set_hidden(response=response, hidden=True)
    result = outbox.send_due()
    assert (result.sent, result.dropped) == (0, 1)
    assert mail.outbox == []


def test_a_decision_is_announced_once_per_status_and_person(response, staff_editor):
    services.response_decide(response=response, status=NeedResponse.Status.ACCEPTED)
    assert _keys("response_decided") == [
        f"industry.response-decided:{response.pk}:accepted:{staff_editor.pk}"
    ]
    assert notifications.response_decided_enqueue(response) == 0
    outbox.send_due()
    assert [(m.to, "accepted" in m.subject) for m in mail.outbox] == [([staff_editor.email], True)]


def test_a_decision_changed_before_its_email_goes_out_is_not_sent(response):
    response.status = NeedResponse.Status.ACCEPTED
    notifications.response_decided_enqueue(response)
    NeedResponse.objects.filter(pk=response.pk).update(status=NeedResponse.Status.DECLINED)
    result = outbox.send_due()
    assert (result.sent, result.dropped) == (0, 1)


def test_a_follow_up_is_written_once_per_message_and_recipient(response, partner, staff_editor):
    message = services.response_message_add(response=response, author=partner, body="When?")
    assert _keys("follow_up") == [f"industry.follow-up:{message.pk}:{staff_editor.pk}"]
    assert notifications.follow_up_enqueue(message) == 0
    outbox.send_due()
    assert _to() == [staff_editor.email]


# --- the 14-day escalation -------------------------------------------------------------


def test_escalation_flags_and_writes_one_email_per_need_and_coordinator_together(
    make_need, old_need, coordinator
):
    second = CoordinatorFactory(email="second@example.org")
    older = make_need("Older still", created_at=timezone.now() - timedelta(days=20))
    make_need("Recent")
    assert services.needs_flag_unanswered() == 2
    flagged = SkillNeed.objects.filter(unanswered_flagged_at__isnull=False)
    assert sorted(flagged.values_list("title_en", flat=True)) == ["Old and silent", "Older still"]
    assert _keys("unanswered_needs") == sorted(
        f"industry.unanswered:{need.pk}:{user.pk}"
        for need in (old_need, older)
        for user in (coordinator, second)
    )
    assert services.needs_flag_unanswered() == 0
    assert notifications.unanswered_enqueue(old_need) == 0
    outbox.send_due()
    assert _to() == sorted([coordinator.email, second.email] * 2)


def test_smtp_failure_during_the_escalation_loses_no_email(old_need, coordinator, smtp_sink):
    second = CoordinatorFactory(email="second@example.org")
    smtp_sink.stop()  # the SMTP server is down when the daily run comes

    assert tasks.flag_unanswered_needs() == 1
    failed = outbox.send_due()
    assert (failed.sent, failed.retried) == (0, 2)
    assert tasks.flag_unanswered_needs() == 0  # the need stays flagged: nothing to redo

    smtp_sink.start()
    delivered = outbox.send_due()

    assert (delivered.sent, delivered.retried) == (2, 0)
    assert smtp_sink.per_recipient() == {coordinator.email: 1, second.email: 1}
    assert [m.subject for m in smtp_sink.messages] == ["1 need has had no response for 14 days"] * 2
    assert outbox.send_due().sent == 0


def test_an_escalation_answered_before_its_email_goes_out_is_not_sent(
    old_need, university, staff_editor, coordinator
):
    services.needs_flag_unanswered()
    NeedResponse.objects.create(
        need=old_need, university=university, message="Late.", contact_email="a@b.org"
    )
    SkillNeed.objects.filter(pk=old_need.pk).update(first_response_at=timezone.now())
    result = outbox.send_due()
    assert (result.sent, result.dropped) == (0, 1)


def test_the_escalation_email_names_the_need_and_the_overview(old_need, coordinator):
    services.needs_flag_unanswered()
    outbox.send_due()
    (message,) = mail.outbox
    assert f"Old and silent ({old_need.organisation}): http://testserver/needs/{old_need.pk}/" in (
        message.body
    )
    assert "http://testserver/needs/overview/" in message.body


# --- the nudge ----------------------------------------------------------------------


@pytest.fixture
def two_matching_universities(university, staff_editor, programme_factory, skills):
    """The fixture's university and another, each teaching the need's skill; returns
    the staff of both."""
    other = UniversityFactory(name_en="Kazakh-British Technical University")
    colleague = UniversityMembershipFactory(university=other, user__email="kbtu@example.org").user
    programme_factory(university, skills=[(skills["smart-grids"], 2)])
    programme_factory(other, skills=[(skills["smart-grids"], 1)])
    return [staff_editor, colleague]


def test_a_nudge_twice_in_a_week_emails_each_university_once(need, two_matching_universities):
    first = services.need_nudge(need=need)
    outbox.send_due()
    second = services.need_nudge(need=need)
    outbox.send_due()

    assert (first.universities, first.enqueued) == (2, 2)
    assert (second.universities, second.enqueued) == (2, 0)
    assert _to() == sorted(user.email for user in two_matching_universities)


def test_a_nudge_next_week_tells_the_universities_again(need, two_matching_universities):
    today = timezone.localdate()
    services.need_nudge(need=need, today=today)
    assert services.need_nudge(need=need, today=today + timedelta(days=7)).enqueued == 2
    week = notifications.iso_week(today)
    assert [key for key in _keys("nudge") if f":{week}:" in key] == sorted(
        f"industry.nudge:{need.pk}:{user.university_memberships.get().university_id}:{week}:"
        f"{user.pk}"
        for user in two_matching_universities
    )


def test_a_nudge_retried_after_a_failure_halfway_tells_nobody_twice(
    need, two_matching_universities, smtp_sink
):
    services.need_nudge(need=need)
    assert outbox.send_due(batch=1, rounds=1).sent == 1  # the first university is told
    smtp_sink.stop()
    assert outbox.send_due().retried == 1  # then the server goes down

    assert services.need_nudge(need=need).enqueued == 0  # the coordinator tries again
    smtp_sink.start()
    outbox.send_due()

    assert smtp_sink.per_recipient() == {user.email: 1 for user in two_matching_universities}


def test_a_nudge_shows_the_best_programme_and_why(need, two_matching_universities):
    services.need_nudge(need=need)
    outbox.send_due()
    by_recipient = {m.to[0]: m for m in mail.outbox}
    body = by_recipient["editor@example.org"].body
    assert "Programme 1 — Teaches 1 of the 1 skill asked (1 at the level asked)" in body
    assert f"http://testserver/needs/{need.pk}/" in body


def test_a_university_that_answered_before_its_nudge_goes_out_is_not_nudged(
    need, university, two_matching_universities
):
    services.need_nudge(need=need)
    NeedResponse.objects.create(
        need=need, university=university, message="Yes.", contact_email="a@b.org"
    )
    result = outbox.send_due()
    assert (result.sent, result.dropped) == (1, 1)
    assert _to() == ["kbtu@example.org"]


def test_a_closed_need_nudges_nobody(need, two_matching_universities):
    SkillNeed.objects.filter(pk=need.pk).update(status=SkillNeed.Status.CLOSED)
    need.refresh_from_db()
    assert services.need_nudge(need=need).enqueued == 0


# --- the weekly digest ------------------------------------------------------------------


@pytest.fixture
def last_weeks_need(make_need, skills, university, programme_factory):
    programme_factory(university, skills=[(skills["smart-grids"], 2)])
    week = notifications.last_week(timezone.localdate())
    posted = notifications.week_start(week) + timedelta(days=2)
    return make_need(
        "Last week's grid need", skills=[(skills["smart-grids"], 2)], created_at=posted
    )


def test_the_digest_run_twice_emails_each_staff_member_once(
    last_weeks_need, university, staff_editor, staff_admin
):
    week = notifications.last_week(timezone.localdate())
    assert tasks.send_weekly_digests() == 2
    outbox.send_due()
    assert tasks.send_weekly_digests() == 0
    outbox.send_due()

    assert _to() == sorted([staff_editor.email, staff_admin.email])
    assert _keys("digest") == sorted(
        f"industry.digest:{university.pk}:{week.isoformat()}:{user.pk}"
        for user in (staff_editor, staff_admin)
    )


def test_a_digest_whose_needs_closed_before_it_went_out_is_not_sent(last_weeks_need, staff_editor):
    tasks.send_weekly_digests()
    SkillNeed.objects.filter(pk=last_weeks_need.pk).update(status=SkillNeed.Status.FILLED)
    result = outbox.send_due()
    assert (result.sent, result.dropped) == (0, 1)


def test_a_digest_is_not_sent_to_someone_who_opted_out_meanwhile(last_weeks_need, staff_editor):
    tasks.send_weekly_digests()
    staff_editor.needs_digest = False
    staff_editor.save()
    result = outbox.send_due()
    assert (result.sent, result.dropped) == (0, 1)


def test_a_digest_expires_a_week_after_its_week(last_weeks_need, staff_editor):
    week = notifications.last_week(timezone.localdate())
    tasks.send_weekly_digests()
    (row,) = OutboxMessage.objects.filter(template="industry/email/digest")
    assert row.expires_at == notifications.week_start(week) + timedelta(days=14)


def test_a_need_of_an_archived_organisation_is_in_no_digest(
    last_weeks_need, staff_editor, organisation
):
    services.organisation_archive(organisation=organisation)
    assert tasks.send_weekly_digests() == 0


def test_the_week_of_a_day_is_its_iso_week():
    assert notifications.iso_week(timezone.datetime(2026, 1, 1).date()) == "2026-W01"
    assert notifications.iso_week(timezone.datetime(2027, 1, 1).date()) == "2026-W53"


def test_last_week_is_the_monday_before_this_weeks():
    thursday = timezone.datetime(2026, 3, 12).date()
    assert notifications.last_week(thursday) == timezone.datetime(2026, 3, 2).date()
