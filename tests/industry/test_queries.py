"""Every list page of the industry exchange runs a fixed number of queries, whatever
the number of rows. Anonymous visitors' first render is the uncached one; the
first page a test renders also asks once whether demo data is loaded (the base
template's banner, then kept in the cache)."""

import pytest
from django.urls import reverse

from industry import services
from industry.models import NeedResponse
from tests.factories import OrganisationFactory, UniversityFactory

pytestmark = pytest.mark.django_db

SIZES = [2, 40]


def _responses_to(needs, *, author=None):
    for need in needs:
        NeedResponse.objects.create(
            need=need,
            university=UniversityFactory(),
            author=author,
            message="We can help.",
            contact_email="staff@example.org",
        )


@pytest.mark.parametrize("count", SIZES)
def test_needs_board_runs_fixed_number_of_queries(
    client, make_need, skills, django_assert_num_queries, count
):
    needs = [
        make_need(f"Need {i}", skills=[(skills["smart-grids"], 2), (skills["batteries"], 1)])
        for i in range(count)
    ]
    _responses_to(needs[:2])
    # 1. the paginator's count of the needs found
    # 2. whether demo data is loaded
    # 3. the page of needs, with their organisations and response counts (a subquery)
    # 4. the skills those needs ask for (prefetch)
    with django_assert_num_queries(4):
        response = client.get(reverse("industry:need_list"))
    assert len(response.context["needs"]) == min(count, 20)


@pytest.mark.parametrize("count", SIZES)
def test_needs_board_for_a_partner_runs_fixed_number_of_queries(
    client, partner, make_need, skills, django_assert_num_queries, count
):
    for i in range(count):
        make_need(f"Need {i}", skills=[(skills["smart-grids"], 2)])
    client.force_login(partner)
    # 1. the user with whether they are a coordinator (who sees every need) and their
    #    memberships, one round trip: of universities (staff see members-only needs) and
    #    of organisations (members see their own needs; the "Post a need" buttons and
    #    the menu's inbox link use them too)
    # 2. the paginator's count
    # 3. whether demo data is loaded
    # 4. the organisations the partner may post for (the "Post a need" buttons)
    # 5. the page of needs; 6. the skills they ask for
    with django_assert_num_queries(6):
        response = client.get(reverse("industry:need_list"))
    assert len(response.context["needs"]) == min(count, 20)


@pytest.mark.parametrize("count", SIZES)
def test_need_page_runs_fixed_number_of_queries(
    client, make_need, make_programme, skills, django_assert_num_queries, count
):
    need = make_need(skills=[(skills["smart-grids"], 2)])
    for i in range(count):
        make_programme(UniversityFactory(), f"P{i}", [(skills["smart-grids"], 2)])
    # 1. the need with its organisation; 2. the skills it asks for (prefetch)
    # 3. the programmes' coverage, grouped in the database
    # 4. the matching programmes with their universities (in bulk)
    # 5. whether demo data is loaded
    # (the responses are not queried: nobody signed in sees them)
    with django_assert_num_queries(5):
        response = client.get(need.get_absolute_url())
    assert len(response.context["matches"]) == min(count, 10)


@pytest.mark.parametrize("count", SIZES)
def test_organisation_list_runs_fixed_number_of_queries(
    client, make_need, django_assert_num_queries, count
):
    for _ in range(count):
        make_need(org=OrganisationFactory())
    # 1. the paginator's count
    # 2. whether demo data is loaded
    # 3. the page of organisations with their open, shown needs counted (a subquery)
    with django_assert_num_queries(3):
        response = client.get(reverse("industry:organisation_list"))
    assert len(response.context["organisations"]) == min(count + 1, 30)  # and the fixture's


@pytest.mark.parametrize("count", SIZES)
def test_archived_organisation_list_runs_fixed_number_of_queries(
    client, coordinator, make_need, django_assert_num_queries, count
):
    for _ in range(count):
        organisation = OrganisationFactory()
        make_need(org=organisation)
        services.organisation_archive(organisation=organisation)
    client.force_login(coordinator)
    # 1. the user with whether they are a coordinator and their memberships (one round
    #    trip; the archived list)
    # 2. the paginator's count
    # 3. whether demo data is loaded
    # 4. the page of archived organisations with their open, shown needs counted (a subquery)
    with django_assert_num_queries(4):
        response = client.get(reverse("industry:organisation_list"), {"archived": "1"})
    assert len(response.context["organisations"]) == min(count, 30)


@pytest.mark.parametrize("count", SIZES)
def test_inbox_runs_fixed_number_of_queries(
    client, partner, make_need, django_assert_num_queries, count
):
    _responses_to([make_need(f"Need {i}") for i in range(count)])
    client.force_login(partner)
    # 1. the user with the permission's standing: whether they are a coordinator and
    #    their memberships (one round trip; the menu's inbox link uses them too)
    # 2. the paginator's count of the responses
    # 3. whether demo data is loaded
    # 4. the page of responses with their needs, organisations and universities
    with django_assert_num_queries(4):
        response = client.get(reverse("industry:response_inbox"))
    assert len(response.context["responses"]) == min(count, 30)


@pytest.mark.parametrize("count", SIZES)
def test_overview_runs_fixed_number_of_queries(
    client, coordinator, make_need, django_assert_num_queries, count
):
    _responses_to([make_need(f"Need {i}") for i in range(count)])
    client.force_login(coordinator)
    # 1. the user with whether they are a coordinator and their memberships (one round
    #    trip)
    # 2. the paginator's count
    # 3. whether demo data is loaded
    # 4. the page of needs with their organisations and response counts (a subquery)
    with django_assert_num_queries(4):
        response = client.get(reverse("industry:need_overview"))
    assert [n.response_count for n in response.context["needs"]] == [1] * min(count, 50)


@pytest.mark.parametrize("count", SIZES)
def test_university_needs_runs_fixed_number_of_queries(
    client,
    staff_editor,
    university,
    make_need,
    make_programme,
    skills,
    django_assert_num_queries,
    count,
):
    make_programme(university, "Grids", [(skills["smart-grids"], 2)])
    for i in range(count):
        make_need(f"Need {i}", skills=[(skills["smart-grids"], 2), (skills["batteries"], 1)])
    client.force_login(staff_editor)
    # 1. the user with the permission's standing: whether they are a coordinator and
    #    their memberships (one round trip; editing staff of the university; the
    #    members-only needs shown and the menu's inbox link use them too)
    # 2. the university
    # 3. the paginator's count of the matching needs
    # 4. whether demo data is loaded
    # 5. the page of needs ranked by coverage, with their organisations
    # 6. the skills those needs ask for (prefetch)
    with django_assert_num_queries(6):
        response = client.get(reverse("industry:university_needs", args=[university.slug]))
    assert len(response.context["needs"]) == min(count, 20)
