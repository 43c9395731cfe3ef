"""Coordinators keep the skills taxonomy: add, rename (Russian too) and merge duplicates."""

import csv

import pytest
from django.urls import reverse

from curricula.forms import find_skill
from curricula.models import Programme, ProgrammeSkill, Skill
from curricula.taxonomy import REVIEW, review, taxonomy_curate
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
    # 1 count of the skills, 2 the page of skills with their themes and programme
    # counts, 3 the themes of the filter, 4 the open needs of the page's skills,
    # 5 whether demo data is loaded.
    with django_assert_num_queries(5):
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


# --- the curated taxonomy -------------------------------------------------------------


@pytest.fixture
def curated(db):

    return taxonomy_curate()


@pytest.mark.parametrize(
    ("query", "slug"),
    [
        ("graphene", "graphene-production-from-coal"),
        ("rare earth", "rare-earth-separation-refining"),
        ("lithium", "lithium-extraction-from-brine"),
        ("coal", "coal-tar-chemistry"),
        ("just transition", "just-transition-policy"),
        ("графен", "graphene-production-from-coal"),
        ("Toshkoʻmir", "coal-tar-chemistry"),
    ],
)
def test_the_platforms_own_topics_are_found(client, curated, query, slug):
    response = client.get(reverse("curricula:skill_list"), {"q": query})
    assert slug in [skill.slug for skill in response.context["skills"]]


def test_platform_concepts_have_a_theme_labels_a_definition_and_a_source(curated):
    concepts = Skill.objects.filter(origin=Skill.Origin.PLATFORM)
    assert curated.concepts == concepts.count() >= 30
    for concept in concepts:
        assert concept.theme is not None
        assert all([concept.name_en, concept.name_ru, concept.name_kk, concept.name_uz])
        assert all([concept.description_en, concept.description_ru, concept.source])
    themes = set(concepts.values_list("theme__slug", flat=True))
    assert {
        "coal-chemistry-carbon-materials", "critical-minerals", "power-systems-smart-grids",
        "e-mobility-batteries", "renewable-energy", "hydrogen", "energy-efficiency",
        "just-transition", "mine-closure-remediation",
    } <= themes  # fmt: skip


def test_curating_twice_changes_nothing(curated):

    before = list(Skill.objects.order_by("slug").values_list("slug", "name_ru", "theme_id"))
    again = taxonomy_curate()
    assert again.retired == 0
    assert list(Skill.objects.order_by("slug").values_list("slug", "name_ru", "theme_id")) == before


def test_the_review_drops_what_is_out_of_scope_and_themes_the_rest():

    decisions = review()

    with REVIEW.open(encoding="utf-8") as handle:
        labels = {row["label_en"]: row["uri"] for row in csv.DictReader(handle)}
    for label in ("analyse data for aeronautical publications", "analyse data about clients",
                  "energy therapy", "install oil rig"):  # fmt: skip
        assert decisions[labels[label]].keep is False, label
    for label, theme in [("design a mini wind power system", "renewable-energy"),
                         ("energy storage systems", "power-systems-smart-grids"),
                         ("district heating and cooling", "energy-efficiency")]:  # fmt: skip
        assert (decisions[labels[label]].keep, decisions[labels[label]].theme) == (True, theme)
    assert all(d.theme for d in decisions.values() if d.keep)


def test_a_retired_skill_leaves_choices_and_the_list_but_keeps_its_page(client, coordinator):
    skill = Skill.objects.create(name_en="Coal gas", slug="coal-gas")
    client.force_login(coordinator)
    page = client.get(reverse("curricula:skill_retire", args=[skill.slug]))
    assert "Retire “Coal gas”?" in page.content.decode()
    response = client.post(reverse("curricula:skill_retire", args=[skill.slug]))
    assert response.status_code == 302
    skill.refresh_from_db()
    assert skill.is_retired

    assert find_skill("Coal gas") is None
    listing = client.get(reverse("curricula:skill_list"), {"q": "coal gas"})
    assert list(listing.context["skills"]) == []
    assert client.get(skill.get_absolute_url()).status_code == 200
    again = client.post(reverse("curricula:skill_retire", args=[skill.slug]), follow=True)
    assert "“Coal gas” is already retired." in again.content.decode()
    client.post(reverse("curricula:skill_restore", args=[skill.slug]))
    assert find_skill("Coal gas") == skill


def test_adding_a_skill_warns_about_near_duplicates_in_any_language(client, coordinator):
    Skill.objects.create(
        name_en="design smart grids", name_ru="проектировать интеллектуальные сети", slug="dsg"
    )
    client.force_login(coordinator)
    url = reverse("curricula:skill_create")
    response = client.post(url, {"name_ru": "Проектировать интеллектуальные сети", "kind": "skill"})
    assert response.status_code == 200
    assert "Similar skills exist already: design smart grids." in response.content.decode()
    assert Skill.objects.count() == 1
    response = client.post(
        url,
        {
            "name_ru": "Проектировать интеллектуальные сети",
            "kind": "skill",
            "not_a_duplicate": "on",
        },
    )
    assert response.status_code == 302
    created = Skill.objects.exclude(slug="dsg").get()
    assert (created.origin, created.slug) == (
        Skill.Origin.PLATFORM,
        "proektirovat-intellektualnye-seti",
    )
