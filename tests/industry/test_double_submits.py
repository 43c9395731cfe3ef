"""A second submit of the same thing is refused with a clear message in the user's
language, never a 500, and never a second e-mail."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from core import outbox
from industry import services
from industry.models import NeedResponse, ResponseMessage, SkillNeed

pytestmark = pytest.mark.django_db


@pytest.fixture
def need(make_need, skills, partner):
    return make_need(skills=[(skills["smart-grids"], 2)])


@pytest.fixture
def response(need, university, staff_editor):
    return NeedResponse.objects.create(
        need=need, university=university, author=staff_editor, message="We can help.",
        contact_email="editor@example.org",
    )  # fmt: skip


def _messages(reply):
    return [str(m) for m in reply.wsgi_request._messages]


def _follow(client, reply):
    """The page a POST redirected to, with the messages it shows."""
    page = client.get(reply.url)
    return [str(m) for m in page.context["messages"]]


def test_responding_twice_for_a_university_is_refused_by_the_service(
    response, university, staff_editor
):
    with pytest.raises(services.AlreadyDone) as refused:
        services.response_create(
            need=response.need,
            university=university,
            author=staff_editor,
            message="Again.",
            programmes=[],
            contact_email="a@b.org",
        )
    assert str(refused.value) == (
        "Satbayev University has already answered this need; continue in its conversation."
    )
    assert refused.value.existing == response
    assert NeedResponse.objects.count() == 1


def test_responding_twice_says_so_in_russian(client, response, university, staff_editor):
    staff_editor.preferred_language = "ru"
    staff_editor.save()
    client.force_login(staff_editor)
    reply = client.post(
        f"/ru/needs/{response.need.pk}/respond/",
        {"university": university.pk, "message": "Again.", "contact_email": "a@b.org"},
    )
    assert reply.status_code == 200
    page = reply.content.decode()
    # The name stands first, in the nominative, whatever it is.
    with translation.override("ru"):
        name = str(university)
    assert f"{name}: отклик на эту потребность уже отправлен; продолжите общение" in page
    assert f"От {name}" not in page
    assert NeedResponse.objects.count() == 1


def test_deciding_twice_says_it_was_decided_and_emails_once(
    client, partner, response, staff_editor, django_capture_on_commit_callbacks
):
    client.force_login(partner)
    url = reverse("industry:response_decide", args=[response.pk])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"status": "accepted"})
        second = client.post(url, {"status": "accepted"})
    assert second.status_code == 302
    assert _messages(second)[-1] == "This response has already been accepted."
    assert [m.to for m in mail.outbox] == [[staff_editor.email]]


def test_declining_after_accepting_is_refused(client, partner, response):
    client.force_login(partner)
    url = reverse("industry:response_decide", args=[response.pk])
    client.post(url, {"status": "accepted"})
    second = client.post(url, {"status": "declined"})
    assert _messages(second)[-1] == "This response has already been accepted."
    response.refresh_from_db()
    assert response.status == "accepted"


def test_the_same_follow_up_sent_twice_is_kept_and_emailed_once(
    client, partner, response, staff_editor, django_capture_on_commit_callbacks
):
    client.force_login(partner)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(response.get_absolute_url(), {"body": "When can you start?"})
        second = client.post(response.get_absolute_url(), {"body": "When can you start?"})
    assert second.status_code == 302
    assert _follow(client, second)[-1] == "This message has already been sent."
    assert list(ResponseMessage.objects.values_list("body", flat=True)) == ["When can you start?"]
    assert [m.to for m in mail.outbox] == [[staff_editor.email]]


def test_a_different_follow_up_is_not_a_double_submit(partner, response):
    services.response_message_add(response=response, author=partner, body="When?")
    services.response_message_add(response=response, author=partner, body="And where?")
    assert ResponseMessage.objects.count() == 2


def _need_form(**overrides):
    data = {
        "title_en": "Battery chemists",
        "kind": "hiring",
        "headcount": "2",
        "country": "UZ",
        "needed_by": "2099-01-01",
        "visibility": "public",
        "need_skills-TOTAL_FORMS": "1",
        "need_skills-INITIAL_FORMS": "0",
        "need_skills-MIN_NUM_FORMS": "0",
        "need_skills-MAX_NUM_FORMS": "1000",
        "need_skills-0-skill": "batteries",
        "need_skills-0-level": "2",
    }
    data.update(overrides)
    return data


def test_posting_the_same_need_twice_keeps_one_and_shows_it(client, partner, organisation, skills):
    client.force_login(partner)
    url = reverse("industry:need_create", args=[organisation.slug])
    first = client.post(url, _need_form())
    second = client.post(url, _need_form())
    need = SkillNeed.objects.get()
    assert (first.url, second.url) == (need.get_absolute_url(), need.get_absolute_url())
    assert _messages(second)[-1] == "This need has just been posted."


def test_another_need_of_the_same_organisation_is_posted(client, partner, organisation, skills):
    client.force_login(partner)
    url = reverse("industry:need_create", args=[organisation.slug])
    client.post(url, _need_form())
    client.post(url, _need_form(title_en="Grid engineers"))
    assert sorted(SkillNeed.objects.values_list("title_en", flat=True)) == [
        "Battery chemists",
        "Grid engineers",
    ]


def test_nudging_twice_in_a_week_says_the_universities_were_told(
    client, coordinator, need, university, staff_editor, programme_factory, skills
):
    programme_factory(university, skills=[(skills["smart-grids"], 2)])
    client.force_login(coordinator)
    url = reverse("industry:need_nudge", args=[need.pk])
    first = client.post(url)
    second = client.post(url)
    outbox.send_due()
    assert _messages(first)[-1] == "The best-matching universities will be told about this need."
    assert _messages(second)[-1] == (
        "The best-matching universities have been told about this need this week."
    )
    assert [m.to for m in mail.outbox] == [[staff_editor.email]]


def test_nudging_a_need_nobody_teaches_says_so(client, coordinator, need):
    client.force_login(coordinator)
    reply = client.post(reverse("industry:need_nudge", args=[need.pk]))
    assert _messages(reply)[-1] == "No university's published programmes match this need yet."


def test_closing_twice_says_it_is_closed(client, partner, need):
    client.force_login(partner)
    url = reverse("industry:need_status", args=[need.pk])
    client.post(url, {"status": "closed"})
    second = client.post(url, {"status": "closed"})
    assert _messages(second)[-1] == "The need is closed already."


def test_hiding_a_need_twice_says_it_is_hidden(client, coordinator, need):
    client.force_login(coordinator)
    url = reverse("industry:need_hide", args=[need.pk])
    client.post(url, {"hidden": "1"})
    assert _messages(client.post(url, {"hidden": "1"}))[-1] == "The need is hidden already."


def test_hiding_a_response_twice_says_it_is_hidden(client, coordinator, response):
    client.force_login(coordinator)
    url = reverse("industry:response_hide", args=[response.pk])
    client.post(url, {"hidden": "1"})
    assert _messages(client.post(url, {"hidden": "1"}))[-1] == "The response is hidden already."


def test_archiving_twice_says_it_is_archived(client, coordinator, organisation):
    client.force_login(coordinator)
    url = reverse("industry:organisation_archive", args=[organisation.slug])
    client.post(url)
    second = client.post(url)
    assert _messages(second)[-1] == f"{organisation} is already archived."
    restore = reverse("industry:organisation_restore", args=[organisation.slug])
    client.post(restore)
    assert _messages(client.post(restore))[-1] == f"{organisation} is not archived."
