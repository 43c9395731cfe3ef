"""Universities respond, partners decide, both follow up; e-mails are outbox rows of
the same transaction, sent after commit."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from core import outbox, pagecache
from core.models import OutboxMessage
from industry import tasks
from industry.models import NeedResponse, SkillNeed
from tests.factories import OrganisationMembershipFactory, UniversityMembershipFactory

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "student", "partner", "staff_editor", "other_staff", "coordinator"]


@pytest.fixture
def need(make_need, skills, partner):
    return make_need(skills=[(skills["smart-grids"], 2)])


@pytest.fixture
def response(need, university, staff_editor):
    return NeedResponse.objects.create(
        need=need, university=university, author=staff_editor, message="We can help.",
        contact_email="editor@example.org",
    )  # fmt: skip


def _html(message):
    """The HTML part of an e-mail (each has one besides the text)."""
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    return html


def _respond(client, need, university, **overrides):
    data = {
        "university": university.pk,
        "message": "Our master's graduates.",
        "contact_email": "a@b.org",
    }
    data.update(overrides)
    return client.post(reverse("industry:need_respond", args=[need.pk]), data)


@pytest.mark.parametrize("role", ROLES)
def test_only_university_staff_respond(
    login, role, need, university, django_capture_on_commit_callbacks
):
    client = login(role)
    status = client.get(reverse("industry:need_respond", args=[need.pk])).status_code
    allowed = role in {"staff_editor", "other_staff"}
    assert status == (302 if role == "anonymous" else 200 if allowed else 403)


def test_response_emails_the_organisation_after_commit(
    client,
    staff_editor,
    university,
    need,
    partner,
    programme_factory,
    django_capture_on_commit_callbacks,
):
    partner.preferred_language = "ru"
    partner.save()
    programme = programme_factory(university)
    client.force_login(staff_editor)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = _respond(client, need, university, programmes=[programme.pk])
    e_mails = [c for c in callbacks if c is not pagecache._bump_now]
    assert len(e_mails) == 1
    answer = NeedResponse.objects.get()
    assert response.url == answer.get_absolute_url()
    assert list(answer.programmes.all()) == [programme]
    need.refresh_from_db()
    assert need.first_response_at == answer.created_at
    assert [m.to for m in mail.outbox] == [[partner.email]]
    assert ": отклик на вашу потребность «" in mail.outbox[0].subject
    assert answer.get_absolute_url() in mail.outbox[0].body
    with translation.override("ru"):
        link = f"http://testserver{answer.get_absolute_url()}"  # the page in Russian
    assert f"{link}\n" in mail.outbox[0].body
    assert f'href="{link}"' in _html(mail.outbox[0])


def test_programme_of_another_university_is_refused(
    client, staff_editor, university, other_university, need, programme_factory
):
    client.force_login(staff_editor)
    foreign = programme_factory(other_university)
    response = _respond(client, need, university, programmes=[foreign.pk])
    assert response.context["form"].has_error("programmes")
    assert not NeedResponse.objects.exists()


def test_second_response_of_a_university_is_refused(client, staff_editor, university, response):
    client.force_login(staff_editor)
    reply = _respond(client, response.need, university)
    assert "has already answered this need" in reply.content.decode()
    assert NeedResponse.objects.count() == 1


def test_closed_need_takes_no_response(client, staff_editor, university, need):
    SkillNeed.objects.filter(pk=need.pk).update(status="closed")
    client.force_login(staff_editor)
    assert _respond(client, need, university).status_code == 404


@pytest.mark.parametrize("role", ROLES)
def test_response_is_seen_only_by_both_sides_and_coordinators(login, role, response):
    status = login(role).get(response.get_absolute_url()).status_code
    allowed = role in {"partner", "staff_editor", "coordinator"}
    assert status == (302 if role == "anonymous" else 200 if allowed else 403)


@pytest.mark.parametrize("role", ROLES)
def test_only_the_organisation_decides(login, role, response):
    login(role).post(
        reverse("industry:response_decide", args=[response.pk]), {"status": "accepted"}
    )
    response.refresh_from_db()
    assert (response.status == "accepted") is (role in {"partner", "coordinator"})


def test_decision_emails_the_university_side(
    client, partner, response, staff_editor, django_capture_on_commit_callbacks
):
    client.force_login(partner)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("industry:response_decide", args=[response.pk]), {"status": "declined"})
    assert [m.to for m in mail.outbox] == [[staff_editor.email]]
    assert "declined" in mail.outbox[0].subject
    assert "declined your university's response" in _html(mail.outbox[0])


def test_follow_ups_reach_the_other_side(
    client, partner, staff_editor, response, django_capture_on_commit_callbacks
):
    client.force_login(partner)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(response.get_absolute_url(), {"body": "When can you start?"})
    client.force_login(staff_editor)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(response.get_absolute_url(), {"body": "In September."})
    assert [(m.to, "When can you start?" in m.body) for m in mail.outbox] == [
        ([staff_editor.email], True),
        ([partner.email], False),
    ]
    assert "When can you start?" in _html(mail.outbox[0])
    thread = client.get(response.get_absolute_url()).context["thread"]
    assert [m.body for m in thread] == ["When can you start?", "In September."]


def test_inbox_lists_responses_for_each_side(client, partner, staff_editor, other_staff, response):
    for user, expected in ((partner, [response]), (staff_editor, [response]), (other_staff, [])):
        client.force_login(user)
        assert list(client.get(reverse("industry:response_inbox")).context["responses"]) == expected


def test_student_has_no_inbox(client, student):
    client.force_login(student)
    assert client.get(reverse("industry:response_inbox")).status_code == 403


def test_coordinator_hides_an_abusive_response(client, coordinator, staff_editor, response):
    client.force_login(coordinator)
    client.post(reverse("industry:response_hide", args=[response.pk]), {"hidden": "1"})
    response.refresh_from_db()
    assert response.hidden is True
    client.force_login(staff_editor)
    assert list(client.get(response.need.get_absolute_url()).context["responses"]) == []


def test_expired_open_needs_close_daily(make_need):
    past = make_need("Past")
    SkillNeed.objects.filter(pk=past.pk).update(needed_by=timezone.localdate() - timedelta(days=1))
    future = make_need("Future")
    assert tasks.close_expired_needs() == 1
    assert SkillNeed.objects.get(pk=past.pk).status == "closed"
    assert SkillNeed.objects.get(pk=future.pk).status == "open"


def test_unanswered_need_is_flagged_to_coordinators_once(make_need, coordinator):
    old = make_need("Old and silent", created_at=timezone.now() - timedelta(days=15))
    make_need("Recent")
    assert tasks.flag_unanswered_needs() == 1
    assert tasks.flag_unanswered_needs() == 0
    outbox.send_due()
    assert [m.to for m in mail.outbox] == [[coordinator.email]]
    assert f"http://testserver{old.get_absolute_url()}" in mail.outbox[0].body
    assert f'href="http://testserver{old.get_absolute_url()}"' in _html(mail.outbox[0])


def test_nudge_emails_matching_universities_after_commit(
    client,
    coordinator,
    need,
    university,
    staff_editor,
    programme_factory,
    skills,
    django_capture_on_commit_callbacks,
):
    programme_factory(university, skills=[(skills["smart-grids"], 2)])
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("industry:need_nudge", args=[need.pk]))
    assert [m.to for m in mail.outbox] == [[staff_editor.email]]
    assert f'href="http://testserver{need.get_absolute_url()}"' in _html(mail.outbox[0])


def test_weekly_digest_is_sent_once_per_week_and_respects_opt_out(
    make_need, university, staff_editor, programme_factory, skills
):
    opted_out = UniversityMembershipFactory(university=university, user__needs_digest=False).user
    programme_factory(university, skills=[(skills["smart-grids"], 2)])
    week = timezone.localdate() - timedelta(days=timezone.localdate().weekday() + 7)
    posted = timezone.make_aware(
        timezone.datetime.combine(week, timezone.datetime.min.time())
    ) + timedelta(days=2)
    make_need("Last week's grid need", skills=[(skills["smart-grids"], 2)], created_at=posted)
    make_need("Unrelated", skills=[(skills["batteries"], 2)], created_at=posted)
    assert tasks.send_weekly_digests() == 1
    assert tasks.send_weekly_digests() == 0
    outbox.send_due()
    assert [m.to for m in mail.outbox] == [[staff_editor.email]]
    assert "Last week's grid need" in mail.outbox[0].body
    assert "Unrelated" not in mail.outbox[0].body
    html = _html(mail.outbox[0])
    assert "Last week&#x27;s grid need" in html
    assert "Unrelated" not in html
    assert html.count("Hello ") == 1  # the greeting of the shared layout, not repeated
    assert opted_out.email not in mail.outbox[0].to
    assert OutboxMessage.objects.filter(template="industry/email/digest").count() == 1


def test_partner_of_another_organisation_sees_no_contact(client, need):
    stranger = OrganisationMembershipFactory().user
    SkillNeed.objects.filter(pk=need.pk).update(contact_email="hr@grid.example")
    client.force_login(stranger)
    assert "hr@grid.example" not in client.get(need.get_absolute_url()).content.decode()
