"""No data lost to a delete: responses and conversations are protected from the
deletion of a university, an organisation or a need; organisations are archived
(and restored) in the site; every destructive action asks first and says what it
will touch."""

import pytest
from django.db.models import ProtectedError
from django.urls import reverse

from industry import consequences, services
from industry.models import NeedResponse, Organisation, ResponseMessage, SkillNeed
from tests.factories import OrganisationMembershipFactory, UniversityMembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def need(make_need, skills, partner):
    return make_need(skills=[(skills["smart-grids"], 2)])


@pytest.fixture
def response(need, university, staff_editor, partner):
    answer = NeedResponse.objects.create(
        need=need, university=university, author=staff_editor, message="We can help.",
        contact_email="editor@example.org",
    )  # fmt: skip
    ResponseMessage.objects.create(response=answer, author=partner, body="When?")
    return answer


@pytest.fixture
def org_admin(organisation):
    return OrganisationMembershipFactory(
        organisation=organisation, role="admin", user__email="org-admin@example.org"
    ).user


# --- foreign keys that would take another party's data with them --------------------------


def test_deleting_a_university_keeps_the_organisations_conversations(university, response):
    with pytest.raises(ProtectedError):
        university.delete()
    assert (NeedResponse.objects.count(), ResponseMessage.objects.count()) == (1, 1)


def test_deleting_an_organisation_keeps_the_universities_responses(organisation, response):
    with pytest.raises(ProtectedError):
        organisation.delete()
    assert (SkillNeed.objects.count(), NeedResponse.objects.count()) == (1, 1)


def test_deleting_a_need_keeps_its_responses(need, response):
    with pytest.raises(ProtectedError):
        need.delete()
    assert NeedResponse.objects.count() == 1


def test_the_admin_says_what_blocks_deleting_an_organisation(admin_client, organisation, need):
    page = admin_client.get(
        reverse("admin:industry_organisation_delete", args=[organisation.pk])
    ).content.decode()
    assert (
        f"Deleting the organisation “{organisation}” would require deleting the following "
        "protected related objects:"
    ) in page
    assert f"Skill need: {need.title}" in page


def test_the_admin_says_what_blocks_deleting_a_university(admin_client, university, response):
    page = admin_client.get(
        reverse("admin:universities_university_delete", args=[university.pk])
    ).content.decode()
    assert (
        f"Deleting the university “{university}” would require deleting the following "
        "protected related objects:"
    ) in page
    assert f"Response: {university} → {response.need}" in page


def test_the_admin_deletes_an_organisation_with_no_need(admin_client):
    organisation = Organisation.objects.create(name_en="Empty", slug="empty", sector="ict")
    url = reverse("admin:industry_organisation_delete", args=[organisation.pk])
    assert admin_client.post(url, {"post": "yes"}).status_code == 302
    assert not Organisation.objects.filter(pk=organisation.pk).exists()


# --- archiving an organisation ----------------------------------------------------------


def test_archive_page_says_what_it_will_touch_and_changes_nothing(
    client, coordinator, organisation, response
):
    client.force_login(coordinator)
    page = client.get(reverse("industry:organisation_archive", args=[organisation.slug]))
    assert page.status_code == 200
    assert page.context["effects"] == consequences.organisation_archive(organisation)
    assert page.context["action"] == reverse(
        "industry:organisation_archive", args=[organisation.slug]
    )
    organisation.refresh_from_db()
    assert organisation.archived_at is None


def test_archive_consequences_name_the_needs_responses_and_members(organisation, response):
    assert consequences.organisation_archive(organisation) == [
        f"The page of {organisation} and its 1 open need leave the site: the list of partners, "
        "the needs board, the matching, the digests and the skill gaps.",
        "Its 1 response from a university and the conversation are kept.",
        "Its 1 member keeps the membership but cannot post needs until it is restored.",
        "Nothing is deleted: coordinators and its administrators can restore it.",
    ]


@pytest.mark.parametrize(
    ("role", "status"),
    [("org_admin", 302), ("coordinator", 302), ("partner", 403), ("staff_editor", 403)],
)
def test_only_coordinators_and_the_organisations_admins_archive(login, role, status, organisation):
    reply = login(role).post(reverse("industry:organisation_archive", args=[organisation.slug]))
    assert reply.status_code == status
    organisation.refresh_from_db()
    assert organisation.is_archived is (status == 302)


def test_an_archived_organisation_and_its_needs_leave_the_site(
    client, organisation, need, staff_editor
):
    services.organisation_archive(organisation=organisation)
    assert list(client.get(reverse("industry:organisation_list")).context["organisations"]) == []
    assert client.get(organisation.get_absolute_url()).status_code == 404
    assert list(client.get(reverse("industry:need_list")).context["needs"]) == []
    assert client.get(need.get_absolute_url()).status_code == 404
    client.force_login(staff_editor)
    assert list(client.get(reverse("industry:need_list")).context["needs"]) == []
    assert client.get(reverse("industry:need_respond", args=[need.pk])).status_code == 404
    assert list(SkillNeed.objects.open().shown()) == []


def test_its_members_still_see_an_archived_organisation_but_post_nothing(
    client, organisation, partner
):
    services.organisation_archive(organisation=organisation)
    client.force_login(partner)
    page = client.get(organisation.get_absolute_url())
    assert page.status_code == 200
    assert "it and its needs are hidden from the site" in page.content.decode()
    assert page.context["can_post"] is False
    assert client.get(reverse("industry:need_create", args=[organisation.slug])).status_code == 403


def test_the_responses_stay_with_both_sides_when_an_organisation_is_archived(
    client, organisation, response, staff_editor
):
    services.organisation_archive(organisation=organisation)
    client.force_login(staff_editor)
    assert client.get(response.get_absolute_url()).status_code == 200
    assert list(client.get(reverse("industry:response_inbox")).context["responses"]) == [response]


def test_coordinators_list_the_archived_organisations(client, coordinator, organisation):
    services.organisation_archive(organisation=organisation)
    client.force_login(coordinator)
    listed = client.get(reverse("industry:organisation_list"), {"archived": "1"})
    assert list(listed.context["organisations"]) == [organisation]


def test_others_asking_for_archived_organisations_get_the_current_ones(client, organisation):
    current = Organisation.objects.create(name_en="Current", slug="current", sector="ict")
    services.organisation_archive(organisation=organisation)
    listed = client.get(reverse("industry:organisation_list"), {"archived": "1"})
    assert list(listed.context["organisations"]) == [current]


def test_the_organisations_admin_restores_it_with_its_needs(client, org_admin, organisation, need):
    services.organisation_archive(organisation=organisation)
    client.force_login(org_admin)
    reply = client.post(reverse("industry:organisation_restore", args=[organisation.slug]))
    assert reply.url == organisation.get_absolute_url()
    organisation.refresh_from_db()
    assert organisation.archived_at is None
    assert list(SkillNeed.objects.open().shown()) == [need]


def test_a_plain_member_does_not_restore(client, partner, organisation):
    services.organisation_archive(organisation=organisation)
    client.force_login(partner)
    reply = client.post(reverse("industry:organisation_restore", args=[organisation.slug]))
    assert reply.status_code == 403


# --- the other destructive actions ask first --------------------------------------------


def test_closing_a_need_asks_first_and_says_what_it_touches(client, partner, need, response):
    client.force_login(partner)
    page = client.get(reverse("industry:need_status", args=[need.pk]), {"status": "closed"})
    assert page.context["title"] == f"Close “{need.title}”?"
    assert page.context["fields"] == {"status": "closed"}
    assert page.context["effects"] == [
        f"“{need.title}” will be shown as Closed and leave the needs board.",
        "No university can answer it any more; it no longer counts in the skill gaps.",
        "Its 1 response from a university and the conversation are kept.",
        "You can reopen it later.",
    ]
    need.refresh_from_db()
    assert need.status == "open"
    client.post(reverse("industry:need_status", args=[need.pk]), page.context["fields"])
    need.refresh_from_db()
    assert need.status == "closed"


def test_the_need_page_links_to_the_questions_not_to_the_actions(
    client, partner, coordinator, need
):
    client.force_login(partner)
    html = client.get(need.get_absolute_url()).content.decode()
    status_url = reverse("industry:need_status", args=[need.pk])
    assert f'href="{status_url}?status=closed"' in html
    assert f'href="{status_url}?status=filled"' in html
    client.force_login(coordinator)
    html = client.get(need.get_absolute_url()).content.decode()
    assert f'href="{reverse("industry:need_hide", args=[need.pk])}"' in html


def test_hiding_a_need_asks_first(client, coordinator, need):
    client.force_login(coordinator)
    page = client.get(reverse("industry:need_hide", args=[need.pk]))
    assert page.context["fields"] == {"hidden": "1"}
    assert page.context["effects"] == consequences.need_hide(need)
    need.refresh_from_db()
    assert need.hidden is False


def test_declining_a_response_asks_first(client, partner, response):
    client.force_login(partner)
    page = client.get(
        reverse("industry:response_decide", args=[response.pk]), {"status": "declined"}
    )
    assert page.context["effects"] == [
        f"{response.university} will be told by e-mail that you declined its response.",
        "The decision cannot be changed afterwards; the conversation stays open.",
    ]
    response.refresh_from_db()
    assert response.status == "sent"
    html = client.get(response.get_absolute_url()).content.decode()
    decide_url = reverse("industry:response_decide", args=[response.pk])
    assert f'href="{decide_url}?status=declined"' in html


def test_hiding_a_response_asks_first(client, coordinator, response):
    client.force_login(coordinator)
    page = client.get(reverse("industry:response_hide", args=[response.pk]))
    assert page.context["effects"] == consequences.response_hide(response)
    response.refresh_from_db()
    assert response.hidden is False


@pytest.mark.parametrize(
    "url_name", ["industry:need_status", "industry:need_hide", "industry:organisation_archive"]
)
def test_an_outsider_cannot_even_see_the_question(client, url_name, need, organisation):
    client.force_login(UniversityMembershipFactory().user)
    arg = organisation.slug if url_name == "industry:organisation_archive" else need.pk
    assert client.get(reverse(url_name, args=[arg]), {"status": "closed"}).status_code == 403
