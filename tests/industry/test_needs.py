"""The needs board, the need page with matching, and partners' editing."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from core.dates import months_ahead
from industry.models import NeedSkill, SkillNeed
from tests.factories import OrganisationFactory, UniversityFactory

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "student", "partner", "staff_editor", "other_staff", "coordinator"]


def _titles(response):
    return [need.title for need in response.context["needs"]]


def test_board_shows_open_public_needs_newest_first(client, make_need):
    make_need("Old", created_at=timezone.now() - timedelta(days=3))
    make_need("New")
    make_need("Filled", status="filled")
    make_need("Members only", visibility="members")
    make_need("Hidden", hidden=True)
    assert _titles(client.get(reverse("industry:need_list"))) == ["New", "Old"]
    response = client.get(reverse("industry:need_list"), {"status": "all"})
    assert _titles(response) == ["Filled", "New", "Old"]


def test_members_only_needs_are_for_signed_in_staff(client, make_need, student, staff_editor):
    make_need("Members only", visibility="members")
    client.force_login(student)
    assert _titles(client.get(reverse("industry:need_list"))) == []
    client.force_login(staff_editor)
    assert _titles(client.get(reverse("industry:need_list"))) == ["Members only"]


def test_board_filters_and_sorts(client, make_need, skills):
    soon = timezone.localdate() + timedelta(days=30)
    make_need("Grid", skills=[(skills["smart-grids"], 2)], headcount=3, needed_by=soon)
    later = timezone.localdate() + timedelta(days=200)
    make_need(
        "Solar",
        skills=[(skills["solar-energy"], 1)],
        headcount=40,
        kind="internships",
        needed_by=later,
    )
    make_need("Kazakh", country="KZ")
    url = reverse("industry:need_list")
    assert _titles(client.get(url, {"skill": "smart-grids"})) == ["Grid"]
    assert _titles(client.get(url, {"kind": "internships"})) == ["Solar"]
    assert _titles(client.get(url, {"country": "KZ"})) == ["Kazakh"]
    assert _titles(client.get(url, {"horizon": "3", "country": "UZ"})) == ["Grid"]
    assert _titles(client.get(url, {"sort": "headcount"}))[0] == "Solar"
    assert _titles(client.get(url, {"sort": "deadline"}))[0] == "Grid"
    assert _titles(client.get(url, {"q": "solar energy"})) == ["Solar"]


def test_board_horizon_counts_calendar_months(client, make_need):
    today = timezone.localdate()
    make_need("On the day", needed_by=months_ahead(3, today=today))
    make_need("A day later", needed_by=months_ahead(3, today=today) + timedelta(days=1))
    assert _titles(client.get(reverse("industry:need_list"), {"horizon": "3"})) == ["On the day"]


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ({"horizon": "99"}, 200),  # an unknown choice is ignored
        ({"status": "evil"}, 200),
        ({"skill": "nope"}, 200),
        ({"q": "%%%"}, 200),
        ({"page": "x"}, 404),  # not a page number
        ({"page": "99"}, 404),  # past the last page
    ],
)
def test_board_bad_query_strings_do_not_fail(client, make_need, query, status):
    make_need()
    assert client.get(reverse("industry:need_list"), query).status_code == status


def test_feed_lists_public_open_needs_filtered_by_country(client, make_need):
    make_need("Tashkent grid")
    make_need("Astana grid", country="KZ")
    make_need("Secret", visibility="members")
    feed = client.get(reverse("industry:need_feed"), {"country": "kz"}).content.decode()
    assert "Astana grid" in feed
    assert "Tashkent grid" not in feed
    assert "Secret" not in client.get(reverse("industry:need_feed")).content.decode()


def test_matching_ranks_by_coverage_then_closeness(client, make_need, make_programme, skills):
    need = make_need(skills=[(skills["smart-grids"], 3), (skills["solar-energy"], 1)], country="UZ")
    tashkent = UniversityFactory(name_en="Tashkent Tech", country="UZ")
    almaty = UniversityFactory(name_en="Almaty Tech", country="KZ")
    beijing = UniversityFactory(name_en="Beijing Tech", country="CN")
    make_programme(almaty, "Full cover", [(skills["smart-grids"], 3), (skills["solar-energy"], 2)])
    make_programme(beijing, "Grids basic", [(skills["smart-grids"], 1)])
    make_programme(tashkent, "Grids basic local", [(skills["smart-grids"], 1)])
    make_programme(tashkent, "Unrelated", [(skills["batteries"], 3)])
    response = client.get(need.get_absolute_url())
    matches = response.context["matches"]
    assert [m.programme.title_en for m in matches] == [
        "Full cover",
        "Grids basic local",
        "Grids basic",
    ]
    assert [m.percent for m in matches] == [100, 38, 38]
    assert (
        matches[0].explanation()
        == "Teaches 2 of the 2 skills asked (2 at the level asked); in the region"
    )
    assert matches[1].explanation().endswith("same country")
    universities = [entry.university.name_en for entry in response.context["university_matches"]]
    assert universities == ["Almaty Tech", "Tashkent Tech", "Beijing Tech"]


@pytest.mark.parametrize("role", ROLES)
def test_contact_is_shown_only_to_staff_coordinators_and_the_organisation(login, role, make_need):
    need = make_need(contact_email="hr@grid.example")
    page = login(role).get(need.get_absolute_url()).content.decode()
    assert ("hr@grid.example" in page) is (
        role in {"partner", "staff_editor", "other_staff", "coordinator"}
    )


def _need_data(**overrides):
    data = {
        "title_en": "Battery engineers",
        "kind": "hiring",
        "headcount": "4",
        "country": "UZ",
        "needed_by": (timezone.localdate() + timedelta(days=60)).isoformat(),
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


@pytest.mark.parametrize("role", ROLES)
def test_only_the_organisations_members_post_needs(login, role, organisation, skills):
    client = login(role)
    url = reverse("industry:need_create", args=[organisation.slug])
    status = client.get(url).status_code
    assert status == (302 if role == "anonymous" else 200 if role == "partner" else 403)
    client.post(url, _need_data())
    assert SkillNeed.objects.filter(title_en="Battery engineers").exists() is (role == "partner")


def test_partner_posts_a_need_with_skills(client, partner, organisation, skills):
    client.force_login(partner)
    response = client.post(reverse("industry:need_create", args=[organisation.slug]), _need_data())
    need = SkillNeed.objects.get()
    assert response.url == need.get_absolute_url()
    assert [(ns.skill, ns.level) for ns in need.need_skills.all()] == [(skills["batteries"], 2)]
    assert need.created_by == partner


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"headcount": "0"}, "greater than or equal to 1"),
        ({"headcount": "10000000"}, "less than or equal to 10000"),
        ({"needed_by": "2020-01-01"}, "The date must be today or later."),
        ({"need_skills-0-skill": ""}, "Name at least one skill the need asks for."),
        ({"description_en": "x" * 1_000_000}, "at most 20000 characters"),
        ({"must_haves_en": "a\nb\nc\nd\ne\nf"}, "at most five must-have requirements"),
    ],
)
def test_bad_need_input_is_refused_and_nothing_saved(
    client, partner, organisation, skills, overrides, message
):
    client.force_login(partner)
    response = client.post(
        reverse("industry:need_create", args=[organisation.slug]), _need_data(**overrides)
    )
    assert message in response.content.decode()
    assert not SkillNeed.objects.exists()


@pytest.mark.parametrize("role", ROLES)
def test_only_the_organisation_or_coordinators_edit_and_close(login, role, make_need):
    need = make_need()
    client = login(role)
    status = client.get(reverse("industry:need_edit", args=[need.pk])).status_code
    allowed = role in {"partner", "coordinator"}
    assert status == (302 if role == "anonymous" else 200 if allowed else 403)
    client.post(reverse("industry:need_status", args=[need.pk]), {"status": "closed"})
    need.refresh_from_db()
    assert (need.status == "closed") is allowed


def test_partner_reopens_a_closed_need(client, partner, make_need):
    need = make_need(status="closed")
    client.force_login(partner)
    client.post(reverse("industry:need_status", args=[need.pk]), {"status": "open"})
    need.refresh_from_db()
    assert need.status == "open"


@pytest.mark.parametrize("role", ROLES)
def test_only_coordinators_hide_needs(login, role, make_need):
    need = make_need()
    login(role).post(reverse("industry:need_hide", args=[need.pk]), {"hidden": "1"})
    need.refresh_from_db()
    assert need.hidden is (role == "coordinator")


@pytest.mark.parametrize("role", ROLES)
def test_organisation_profile_is_edited_by_its_members(login, role, organisation):
    client = login(role)
    url = reverse("industry:organisation_edit", args=[organisation.slug])
    allowed = role in {"partner", "coordinator"}
    assert client.get(url).status_code == (302 if role == "anonymous" else 200 if allowed else 403)


def test_partner_directory_and_profile_show_open_needs(client, make_need, organisation):
    make_need("Open one")
    make_need("Closed one", status="closed")
    make_need("Hidden one", hidden=True)
    other = OrganisationFactory(sector="mining_metals")
    listing = client.get(reverse("industry:organisation_list"), {"sector": "mining_metals"})
    assert list(listing.context["organisations"]) == [other]
    everyone = client.get(reverse("industry:organisation_list")).context["organisations"]
    assert {o: o.open_needs for o in everyone} == {organisation: 1, other: 0}
    profile = client.get(organisation.get_absolute_url())
    assert [n.title for n in profile.context["needs"]] == ["Open one"]


def test_university_needs_ranks_matching_open_needs(
    client, staff_editor, university, make_need, make_programme, skills
):
    make_programme(university, "Grids", [(skills["smart-grids"], 2)])
    make_need("Half", skills=[(skills["smart-grids"], 2), (skills["batteries"], 2)])
    make_need("Full", skills=[(skills["smart-grids"], 1)])
    make_need("None", skills=[(skills["batteries"], 1)])
    client.force_login(staff_editor)
    response = client.get(reverse("industry:university_needs", args=[university.slug]))
    assert [(n.title, round(n.coverage, 2)) for n in response.context["needs"]] == [
        ("Full", 1.0),
        ("Half", 0.5),
    ]


@pytest.mark.parametrize("role", ["anonymous", "student", "partner", "other_staff"])
def test_university_needs_is_for_its_staff(login, role, university):
    response = login(role).get(reverse("industry:university_needs", args=[university.slug]))
    assert response.status_code == (302 if role == "anonymous" else 403)


def test_coordinators_overview_shows_time_to_first_response(client, coordinator, make_need):
    need = make_need()
    SkillNeed.objects.filter(pk=need.pk).update(
        first_response_at=need.created_at + timedelta(days=2)
    )
    client.force_login(coordinator)
    page = client.get(reverse("industry:need_overview")).content.decode()
    assert "2\xa0days" in page


def test_need_skill_levels_are_stored(make_need, skills):
    need = make_need(skills=[(skills["smart-grids"], 3)])
    assert NeedSkill.objects.get(need=need).get_level_display() == "Advanced"


def test_skill_pages_count_and_list_open_needs(client, make_need, skills):
    make_need("Grid A", skills=[(skills["smart-grids"], 2)])
    make_need("Grid B", skills=[(skills["smart-grids"], 1)])
    make_need("Closed grid", skills=[(skills["smart-grids"], 1)], status="closed")
    listing = client.get(reverse("curricula:skill_list"), {"q": "smart grids"}).content.decode()
    assert "<td>2</td>" in listing
    detail = client.get(skills["smart-grids"].get_absolute_url()).content.decode()
    assert "Grid A" in detail
    assert "Grid B" in detail
    assert "Closed grid" not in detail
