"""Programmes are archived (hidden, restorable), never deleted in the site; double
submits of the archive, the restore and the CSV import get a message, not an error."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from curricula import importer, services
from curricula.forms import ProgrammeForm
from curricula.models import Programme, ProgrammeSkill, Skill
from tests.factories import UniversityFactory
from universities import services as university_services

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "student", "partner", "other_staff", "staff_editor", "staff_admin",
         "coordinator"]  # fmt: skip
RESTORERS = {"staff_admin", "coordinator"}


@pytest.fixture
def login(client, request):
    def as_role(role):
        if role != "anonymous":
            client.force_login(request.getfixturevalue(role))
        return client

    return as_role


@pytest.fixture
def grids(db):
    return Skill.objects.create(name_en="smart grids", slug="smart-grids")


def _programme(university, slug="smart-grids", status=Programme.Status.PUBLISHED):
    return Programme.objects.create(
        university=university, title_en=slug.replace("-", " ").title(), slug=slug,
        degree="master", ects=120, status=status,
    )  # fmt: skip


def _messages(response):
    return [str(m) for m in response.context["messages"]]


def _url(name, programme):
    return reverse(f"curricula:{name}", args=[programme.university.slug, programme.slug])


@pytest.mark.parametrize("role", ROLES)
def test_only_its_admins_and_coordinators_restore_a_programme(login, role, university):
    programme = _programme(university)
    services.programme_archive(programme=programme, by=None)
    client = login(role)
    assert client.get(_url("programme_restore", programme)).status_code == (
        302 if role == "anonymous" else 200 if role in RESTORERS else 403
    )
    client.post(_url("programme_restore", programme))
    programme.refresh_from_db()
    assert programme.is_archived is (role not in RESTORERS)


@pytest.mark.parametrize("role", ROLES)
def test_the_archived_programmes_page_is_for_those_who_may_restore(login, role, university):
    response = login(role).get(reverse("curricula:archived"))
    assert response.status_code == (
        302 if role == "anonymous" else 200 if role in RESTORERS else 403
    )


def test_the_archived_programmes_page_lists_those_the_user_may_restore(
    client, university, other_university, staff_admin, coordinator
):
    mine, theirs = _programme(university, "mine"), _programme(other_university, "theirs")
    for programme in (mine, theirs):
        services.programme_archive(programme=programme, by=coordinator)
    _programme(university, "shown")
    client.force_login(staff_admin)
    listed = client.get(reverse("curricula:archived")).context["programmes"]
    assert [p.slug for p in listed] == ["mine"]
    client.force_login(coordinator)
    listed = client.get(reverse("curricula:archived")).context["programmes"]
    assert sorted(p.slug for p in listed) == ["mine", "theirs"]


@pytest.mark.parametrize("count", [1, 30])
def test_the_archived_programmes_page_runs_fixed_queries(
    client, django_assert_num_queries, staff_admin, university, count
):
    for i in range(count):
        services.programme_archive(programme=_programme(university, f"p-{i}"), by=staff_admin)
    client.force_login(staff_admin)
    # 1 the user with whether they are a coordinator and their memberships (one round
    # trip: whether they administer a university, and the navbar's inbox link), 2 the
    # count of the archived programmes of the universities the user administers,
    # 3 whether demo data is loaded, 4 the page of them with their universities and who
    # archived each.
    with django_assert_num_queries(4):
        response = client.get(reverse("curricula:archived"))
    assert len(response.context["programmes"]) == count


def test_an_archived_programme_is_hidden_from_every_list_and_page(
    client, university, staff_editor, coordinator
):
    programme = _programme(university)
    _programme(university, "kept")
    services.programme_archive(programme=programme, by=staff_editor)
    catalogue = client.get(reverse("curricula:programme_list")).context["programmes"]
    assert [p.slug for p in catalogue] == ["kept"]
    assert client.get(programme.get_absolute_url()).status_code == 404
    assert "Smart Grids" not in client.get(university.get_absolute_url()).content.decode()
    compare = client.get(reverse("curricula:programme_compare"), {"p": programme.pk})
    assert compare.context["programmes"] == []
    for user in (staff_editor, coordinator):
        client.force_login(user)
        assert client.get(programme.get_absolute_url()).status_code == 404
        assert client.get(_url("programme_edit", programme)).status_code == 404
        assert client.post(_url("programme_publish", programme)).status_code == 404
        staff_list = client.get(reverse("curricula:university_programmes", args=[university.slug]))
        assert [p.slug for p in staff_list.context["programmes"]] == ["kept"]


def test_restore_brings_a_programme_back_as_it_was(client, university, staff_admin, grids):
    programme = _programme(university, status=Programme.Status.DRAFT)
    ProgrammeSkill.objects.create(programme=programme, skill=grids)
    services.programme_archive(programme=programme, by=staff_admin)
    client.force_login(staff_admin)
    page = client.get(_url("programme_restore", programme)).content.decode()
    assert "It comes back as it was, with its 1 skill link." in page
    assert "It was a draft: it returns as a draft." in page
    response = client.post(_url("programme_restore", programme))
    assert response.url == programme.get_absolute_url()
    programme.refresh_from_db()
    assert (programme.status, programme.programme_skills.count()) == ("draft", 1)


def test_a_programme_of_an_archived_university_comes_back_only_with_it(
    client, university, coordinator
):
    programme = _programme(university)
    university_services.university_archive(university=university, by=coordinator)
    with pytest.raises(services.ArchiveError, match="restore the university"):
        services.programme_restore(programme=programme)
    client.force_login(coordinator)
    page = client.get(_url("programme_restore", programme)).content.decode()
    assert "Satbayev University is archived: restore the university" in page
    response = client.post(_url("programme_restore", programme), follow=True)
    assert _messages(response) == [
        "Satbayev University is archived: restore the university, and its programmes come "
        "back with it."
    ]
    programme.refresh_from_db()
    assert programme.is_archived


def test_archiving_or_restoring_twice_gives_a_message_not_an_error(client, university, staff_admin):
    programme = _programme(university)
    client.force_login(staff_admin)
    client.post(_url("programme_archive", programme), follow=True)
    again = client.post(_url("programme_archive", programme), follow=True)
    assert (again.status_code, _messages(again)) == (200, ["“Smart Grids” is already archived."])
    with pytest.raises(services.ArchiveError, match="already archived"):
        services.programme_archive(programme=programme, by=staff_admin)
    client.post(_url("programme_restore", programme), follow=True)
    again = client.post(_url("programme_restore", programme), follow=True)
    assert (again.status_code, _messages(again)) == (200, ["“Smart Grids” is not archived."])
    with pytest.raises(services.ArchiveError, match="not archived"):
        services.programme_restore(programme=programme)


def test_the_form_offers_no_archived_status_and_keeps_an_archived_partner(
    university, other_university
):
    programme = _programme(university)
    programme.partners.add(other_university)
    UniversityFactory(name_en="Archived elsewhere", archived_at="2026-01-01T00:00Z")
    university_services.university_archive(university=other_university, by=None)
    form = ProgrammeForm(instance=programme, university=university)
    assert [value for value, _label in form.fields["status"].choices] == ["draft", "published"]
    assert list(form.fields["partners"].queryset) == [other_university]


IMPORT = "slug,title_en,degree,ects\nsmart-grids,Smart Grids,master,120\n"


def test_an_import_row_for_an_archived_programme_is_refused(university):
    services.programme_archive(programme=_programme(university), by=None)
    rows = importer.parse(IMPORT, university)
    assert rows[0].errors == ["“Smart Grids” is archived: restore it before importing into it."]


def _upload(client, university):
    return client.post(
        reverse("curricula:programme_import", args=[university.slug]),
        {"file": SimpleUploadedFile("p.csv", IMPORT.encode(), "text/csv"), "encoding": "utf-8"},
    )


def test_the_import_preview_says_what_saving_will_touch(client, university, staff_editor):
    _programme(university, "other")
    client.force_login(staff_editor)
    page = _upload(client, university).content.decode()
    assert "Saving adds 1 new programme." in page
    Programme.objects.filter(slug="other").update(slug="smart-grids")
    page = _upload(client, university).content.decode()
    assert "Saving adds 0 new programmes and updates 1 existing one" in page


def test_an_import_posted_twice_is_saved_once_with_a_message(client, university, staff_editor):
    client.force_login(staff_editor)
    token = _upload(client, university).context["token"]
    url = reverse("curricula:programme_import", args=[university.slug])
    client.post(url, {"confirm": "1", "token": token}, follow=True)
    again = client.post(url, {"confirm": "1", "token": token}, follow=True)
    assert (again.status_code, _messages(again)) == (
        200,
        ["This file has already been imported; nothing was saved twice."],
    )
    assert Programme.objects.count() == 1


def test_an_import_whose_programmes_were_created_meanwhile_is_refused(university):
    rows = importer.parse(IMPORT, university)
    services.programmes_import(university=university, rows=importer.parse(IMPORT, university))
    with pytest.raises(services.ImportConflict, match="imported meanwhile"):
        services.programmes_import(university=university, rows=rows)
    assert Programme.objects.count() == 1


def test_a_new_programme_sent_twice_is_added_once(client, university, staff_editor):
    client.force_login(staff_editor)
    url = reverse("curricula:programme_create", args=[university.slug])
    token = client.get(url).context["submit_token"]
    data = {
        "title_en": "Hydrogen Technologies", "degree": "master", "ects": "120",
        "delivery": "on_site", "status": "draft", "programme_skills-TOTAL_FORMS": "0",
        "programme_skills-INITIAL_FORMS": "0", "submit_token": token,
    }  # fmt: skip
    client.post(url, data)
    again = client.post(url, data, follow=True)
    programme = Programme.objects.get()
    assert again.redirect_chain == [(programme.get_absolute_url(), 302)]
    assert _messages(again) == [
        "The programme has been saved.",
        "This form had already been sent: it was saved once.",
    ]


def test_a_new_skill_sent_twice_is_added_once(client, coordinator):
    client.force_login(coordinator)
    url = reverse("curricula:skill_create")
    token = client.get(url).context["submit_token"]
    for _ in range(2):
        client.post(url, {"name_en": "green hydrogen", "kind": "knowledge", "submit_token": token})
    assert list(Skill.objects.values_list("slug", flat=True)) == ["green-hydrogen"]
