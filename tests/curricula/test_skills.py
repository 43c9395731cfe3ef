"""Coordinators keep the skills taxonomy: add, rename (Russian too) and merge duplicates."""

import pytest
from django.urls import reverse

from curricula.models import Programme, ProgrammeSkill, Skill
from tests.factories import UniversityFactory

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "student", "partner", "staff_editor", "coordinator"]


@pytest.fixture
def login(client, request):
    def as_role(role):
        if role != "anonymous":
            client.force_login(request.getfixturevalue(role))
        return client

    return as_role


@pytest.fixture
def skills(db):
    return {
        slug: Skill.objects.create(name_en=slug.replace("-", " "), slug=slug)
        for slug in ("solar-power", "solar-energy", "photovoltaics")
    }


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", ["skill_create", "skill_edit", "skill_merge"])
def test_only_coordinators_manage_skills(login, role, name, skills):
    args = [] if name == "skill_create" else ["solar-power"]
    response = login(role).get(reverse(f"curricula:{name}", args=args))
    expected = 302 if role == "anonymous" else 200 if role == "coordinator" else 403
    assert response.status_code == expected


def test_coordinator_adds_a_skill_with_russian_name(client, coordinator, skills):
    client.force_login(coordinator)
    client.post(
        reverse("curricula:skill_create"),
        {"name_en": "green hydrogen", "name_ru": "зелёный водород", "kind": "knowledge",
         "broader": "solar energy"},
    )  # fmt: skip
    skill = Skill.objects.get(slug="green-hydrogen")
    assert (skill.name_ru, skill.broader) == ("зелёный водород", skills["solar-energy"])


def test_merge_moves_every_reference_and_keeps_the_higher_level(client, coordinator, skills):
    university = UniversityFactory()
    both = Programme.objects.create(
        university=university, title_en="Both", slug="both", degree="master", ects=120
    )
    only_old = Programme.objects.create(
        university=university, title_en="Old", slug="old", degree="master", ects=120
    )
    ProgrammeSkill.objects.create(programme=both, skill=skills["solar-power"], level=3)
    ProgrammeSkill.objects.create(programme=both, skill=skills["solar-energy"], level=1)
    ProgrammeSkill.objects.create(programme=only_old, skill=skills["solar-power"], level=2)
    skills["photovoltaics"].broader = skills["solar-power"]
    skills["photovoltaics"].save()

    client.force_login(coordinator)
    url = reverse("curricula:skill_merge", args=["solar-power"])
    preview = client.post(url, {"into": "solar-energy"})
    assert preview.templates[0].name == "curricula/skill_merge_confirm.html"
    assert Skill.objects.filter(slug="solar-power").exists()
    response = client.post(url, {"into": "solar-energy", "confirm": "1"})
    assert response.url == skills["solar-energy"].get_absolute_url()
    assert not Skill.objects.filter(slug="solar-power").exists()
    assert sorted(
        ProgrammeSkill.objects.values_list("programme__slug", "skill__slug", "level")
    ) == [("both", "solar-energy", 3), ("old", "solar-energy", 2)]
    skills["photovoltaics"].refresh_from_db()
    assert skills["photovoltaics"].broader == skills["solar-energy"]


def test_merge_into_itself_or_unknown_is_refused(client, coordinator, skills):
    client.force_login(coordinator)
    url = reverse("curricula:skill_merge", args=["solar-power"])
    assert client.post(url, {"into": "solar-power"}).context["form"].has_error("into")
    assert client.post(url, {"into": "no such skill"}).context["form"].has_error("into")
    assert Skill.objects.filter(slug="solar-power").exists()


@pytest.mark.parametrize("count", [5, 80])
def test_skill_list_runs_fixed_queries(client, django_assert_num_queries, count):
    Skill.objects.bulk_create(Skill(name_en=f"skill {i}", slug=f"skill-{i}") for i in range(count))
    # 1 count of the skills, 2 the page of skills with their programme counts,
    # 3 the open needs of the page's skills, 4 whether demo data is loaded.
    with django_assert_num_queries(4):
        response = client.get(reverse("curricula:skill_list"))
    assert len(response.context["skills"]) == min(count, 50)


@pytest.mark.parametrize("count", [1, 30])
def test_skill_page_runs_fixed_queries(client, django_assert_num_queries, count, skills):
    skill = skills["solar-energy"]
    university = UniversityFactory()
    for i in range(count):
        programme = Programme.objects.create(
            university=university, title_en=f"P{i}", slug=f"p{i}", degree="master", ects=120,
            status=Programme.Status.PUBLISHED,
        )  # fmt: skip
        ProgrammeSkill.objects.create(programme=programme, skill=skill)
        Skill.objects.create(name_en=f"narrower {i}", slug=f"narrower-{i}", broader=skill)
    # 1 the skill with its broader skill and field, 2 the programmes teaching it with
    # their universities, 3 its narrower skills, 4 the open needs asking for it,
    # 5 whether demo data is loaded.
    with django_assert_num_queries(5):
        response = client.get(skill.get_absolute_url())
    assert len(response.context["teaching"]) == count
