"""Universities are archived (hidden, restorable), never deleted in the site."""

import pytest
from django.db.models import ProtectedError
from django.urls import reverse

from curricula import services as curricula_services
from curricula.models import Programme
from tests.factories import UniversityFactory, UniversityMembershipFactory
from universities import services
from universities.models import ResearchArea, Strength, University, UniversityMembership

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


def _programme(university, slug, status=Programme.Status.PUBLISHED):
    return Programme.objects.create(
        university=university, title_en=slug.title(), slug=slug, degree="master", ects=120,
        status=status,
    )  # fmt: skip


def _expected(role, allowed):
    return 302 if role == "anonymous" else 200 if role in allowed else 403


@pytest.mark.parametrize("role", ROLES)
def test_only_its_admins_and_coordinators_archive_a_university(login, role, university):
    client = login(role)
    url = reverse("universities:archive", args=[university.slug])
    assert client.get(url).status_code == _expected(role, RESTORERS)
    client.post(url)
    university.refresh_from_db()
    assert university.is_archived is (role in RESTORERS)


@pytest.mark.parametrize("role", ROLES)
def test_only_its_admins_and_coordinators_restore_a_university(login, role, university):
    services.university_archive(university=university, by=None)
    client = login(role)
    url = reverse("universities:restore", args=[university.slug])
    assert client.get(url).status_code == _expected(role, RESTORERS)
    client.post(url)
    university.refresh_from_db()
    assert university.is_archived is (role not in RESTORERS)


@pytest.mark.parametrize("role", ROLES)
def test_the_archived_page_is_for_those_who_may_restore(login, role, university):
    response = login(role).get(reverse("universities:archived"))
    assert response.status_code == _expected(role, RESTORERS)


def test_the_archived_page_lists_what_the_user_may_restore(
    client, university, other_university, staff_admin, coordinator
):
    for archived in (university, other_university):
        services.university_archive(university=archived, by=coordinator)
    client.force_login(staff_admin)
    names = [
        u.name_en for u in client.get(reverse("universities:archived")).context["universities"]
    ]
    assert names == ["Satbayev University"]
    client.force_login(coordinator)
    names = [
        u.name_en for u in client.get(reverse("universities:archived")).context["universities"]
    ]
    assert sorted(names) == ["Satbayev University", "Tashkent State Technical University"]


@pytest.mark.parametrize("count", [1, 30])
def test_the_archived_page_runs_fixed_queries(
    client, django_assert_num_queries, coordinator, count
):
    for university in UniversityFactory.create_batch(count):
        services.university_archive(university=university, by=coordinator)
    client.force_login(coordinator)
    # 1 the user with whether they are a coordinator and their memberships (one round
    # trip), 2 the count of archived universities, 3 whether demo data is loaded, 4 the
    # page of archived universities with who archived each.
    with django_assert_num_queries(4):
        response = client.get(reverse("universities:archived"))
    assert len(response.context["universities"]) == count


def test_an_archived_university_is_hidden_from_every_list_and_page(client, university):
    area = ResearchArea.objects.first()
    Strength.objects.create(university=university, area=area, level=2)
    UniversityFactory(name_en="Shown", latitude=43.0, longitude=76.0)
    university.latitude, university.longitude = 43.2, 76.9
    university.save()
    services.university_archive(university=university, by=None)
    names = [u.name_en for u in client.get(reverse("universities:list")).context["universities"]]
    assert names == ["Shown"]
    markers = client.get(reverse("universities:map")).context["markers"]
    assert [m["name"] for m in markers] == ["Shown"]
    assert client.get(reverse("universities:strengths")).context["table"] == []
    assert client.get(university.get_absolute_url()).status_code == 404


def test_archiving_asks_first_and_says_what_refers_to_it(client, university, staff_admin):
    _programme(university, "grids")
    client.force_login(staff_admin)
    page = client.get(reverse("universities:archive", args=[university.slug])).content.decode()
    assert "its programmes are archived with it" in page
    assert "<li>Programmes: 1</li>" in page
    assert "<li>University memberships: 1</li>" in page
    assert not University.objects.archived().exists()


def test_archive_and_restore_take_the_programmes_along_as_they_were(university, staff_admin):
    published = _programme(university, "published")
    draft = _programme(university, "draft", status=Programme.Status.DRAFT)
    alone = _programme(university, "alone")
    curricula_services.programme_archive(programme=alone, by=staff_admin)
    services.university_archive(university=university, by=staff_admin)
    statuses = dict(Programme.objects.values_list("slug", "status"))
    assert statuses == {"published": "archived", "draft": "archived", "alone": "archived"}
    assert list(Programme.objects.published()) == []

    services.university_restore(university=university, by=staff_admin)
    statuses = dict(Programme.objects.values_list("slug", "status"))
    assert statuses == {"published": "published", "draft": "draft", "alone": "archived"}
    university.refresh_from_db()
    assert (university.archived_at, university.archived_by) == (None, None)
    published.refresh_from_db()
    assert (published.archived_at, published.archived_with_university) == (None, False)
    assert draft.status_before_archive == ""


def test_the_change_log_records_who_archived(university, coordinator):
    services.university_archive(university=university, by=coordinator)
    record = university.history.order_by("-history_date").first()
    assert (record.history_user, record.archived_by_id) == (coordinator, coordinator.pk)


def test_archiving_or_restoring_twice_gives_a_message_not_an_error(client, university, coordinator):
    client.force_login(coordinator)
    archive = reverse("universities:archive", args=[university.slug])
    client.post(archive, follow=True)
    again = client.post(archive, follow=True)
    assert (again.status_code, [str(m) for m in again.context["messages"]]) == (
        200,
        ["Satbayev University is already archived."],
    )
    with pytest.raises(services.ArchiveError, match="already archived"):
        services.university_archive(university=university, by=coordinator)

    restore = reverse("universities:restore", args=[university.slug])
    client.post(restore, follow=True)
    again = client.post(restore, follow=True)
    assert [str(m) for m in again.context["messages"]] == ["Satbayev University is not archived."]
    with pytest.raises(services.ArchiveError, match="not archived"):
        services.university_restore(university=university, by=coordinator)


def test_a_university_with_programmes_or_partners_cannot_be_deleted(university, other_university):
    joint = _programme(other_university, "joint")
    joint.partners.add(university)
    with pytest.raises(ProtectedError):
        university.delete()
    with pytest.raises(ProtectedError):
        other_university.delete()


def test_the_admin_says_what_blocks_a_hard_delete(admin_client, university):
    _programme(university, "grids")
    page = admin_client.get(reverse("admin:universities_university_delete", args=[university.pk]))
    assert "This university cannot be deleted" in page.text
    assert "Archive it in the site instead" in page.text
    assert "Grids" in page.text


def test_the_admins_of_an_archived_university_keep_the_right_to_restore_it(university, staff_admin):
    services.university_archive(university=university, by=staff_admin)
    elsewhere = UniversityMembershipFactory(role=UniversityMembership.Role.ADMIN).user
    assert staff_admin.has_perm("universities.restore_university", university) is True
    assert elsewhere.has_perm("universities.restore_university", university) is False
    assert list(University.objects.archived().administered_by(elsewhere)) == []
