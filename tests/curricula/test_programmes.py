"""The programme catalogue, the programme page, comparison, export and staff editing."""

import csv
import io
from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from curricula.models import Intake, Programme, ProgrammeSkill, Skill
from tests.factories import UniversityFactory
from universities.models import Language, University

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "student",
    "partner",
    "other_staff",
    "staff_editor",
    "staff_admin",
    "coordinator",
]
EDITORS = {"staff_editor", "staff_admin", "coordinator"}


def make_programme(university, title="Power Systems and Smart Grids", **values):
    defaults = {
        "title_ru": "Энергосистемы и интеллектуальные сети",
        "slug": values.pop("slug", None) or title.lower().replace(" ", "-")[:100],
        "degree": Programme.Degree.MASTER,
        "ects": 120,
        "status": Programme.Status.PUBLISHED,
    }
    defaults.update(values)
    return Programme.objects.create(university=university, title_en=title, **defaults)


@pytest.fixture
def grid_skill(db):
    return Skill.objects.create(
        name_en="smart grids", name_ru="интеллектуальные сети", slug="smart-grids"
    )


@pytest.fixture
def login(client, request):
    def as_role(role):
        if role != "anonymous":
            client.force_login(request.getfixturevalue(role))
        return client

    return as_role


def _titles(response):
    return [p.title_en for p in response.context["programmes"]]


def test_catalogue_filters_combine(client, university, other_university, grid_skill):
    english = Language.objects.get(code="en")
    grids = make_programme(university, intake=30)
    grids.languages.add(english)
    ProgrammeSkill.objects.create(programme=grids, skill=grid_skill, level=3)
    make_programme(other_university, "Mining Engineering", degree="bachelor", ects=240)
    make_programme(university, "Hidden draft", status=Programme.Status.DRAFT)
    response = client.get(
        reverse("curricula:programme_list"),
        {"country": "KZ", "degree": "master", "language": "en", "skill": "smart-grids",
         "ects_min": 60, "ects_max": 120},
    )  # fmt: skip
    assert _titles(response) == ["Power Systems and Smart Grids"]
    assert response.context["paginator"].count == 1


def test_catalogue_free_and_joint_filters(client, university, other_university):
    free = make_programme(university, "Free course", tuition_free=True)
    joint = make_programme(university, "Joint master")
    joint.partners.add(other_university)
    assert _titles(client.get(reverse("curricula:programme_list"), {"free": "on"})) == [
        free.title_en
    ]
    assert _titles(client.get(reverse("curricula:programme_list"), {"joint": "on"})) == [
        joint.title_en
    ]


@pytest.mark.parametrize("query", ["сети", "seti", "smart grids", "интеллектуальные"])
def test_search_matches_titles_and_skills_across_scripts(client, university, grid_skill, query):
    programme = make_programme(university, "Electrical Engineering", title_ru="Электротехника")
    ProgrammeSkill.objects.create(programme=programme, skill=grid_skill)
    programme.refresh_search_document()
    make_programme(university, "Mining Engineering", title_ru="Горное дело")
    response = client.get(reverse("curricula:programme_list"), {"q": query})
    assert _titles(response) == ["Electrical Engineering"]


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ({"ects_min": "lots"}, 200),
        ({"country": "XX"}, 200),
        ({"skill": "no-such-skill"}, 200),
        ({"sort": "evil"}, 200),
        ({"page": "999"}, 404),  # a page past the last is not found, as Django's paginator says
    ],
)
def test_catalogue_bad_query_strings_do_not_fail(client, university, query, status):
    make_programme(university)
    assert client.get(reverse("curricula:programme_list"), query).status_code == status


def test_catalogue_sorts_by_deadline(client, university):
    late, early = make_programme(university, "Late"), make_programme(university, "Early")
    make_programme(university, "No deadline")
    next_year = timezone.localdate().year + 1
    Intake.objects.create(programme=late, starts_on=date(next_year, 9, 1),
                          application_deadline=date(next_year, 7, 1))  # fmt: skip
    Intake.objects.create(programme=early, starts_on=date(next_year, 9, 1),
                          application_deadline=date(next_year, 5, 1))  # fmt: skip
    # A deadline passed does not count.
    Intake.objects.create(programme=late, starts_on=date(next_year - 2, 9, 1),
                          application_deadline=date(next_year - 2, 1, 1))  # fmt: skip
    response = client.get(reverse("curricula:programme_list"), {"sort": "deadline"})
    assert _titles(response) == ["Early", "Late", "No deadline"]


def test_catalogue_empty_state(client):
    response = client.get(reverse("curricula:programme_list"), {"q": "nothing at all"})
    assert "No programme matches these filters" in response.content.decode()


@pytest.mark.parametrize("count", [20, 2000])
def test_catalogue_runs_fixed_number_of_queries(
    client, django_assert_num_queries, count, grid_skill
):
    universities = UniversityFactory.create_batch(5)
    programmes = Programme.objects.bulk_create(
        Programme(university=universities[i % 5], title_en=f"Programme {i}", slug=f"p-{i}",
                  degree="master", ects=120, status="published")
        for i in range(count)
    )  # fmt: skip
    ProgrammeSkill.objects.bulk_create(
        ProgrammeSkill(programme=p, skill=grid_skill) for p in programmes
    )
    # 1 count of the published programmes, 2 the page of programmes with their
    # universities and fields, their 3 languages, 4 partners and 5 skills, 6 whether
    # demo data is loaded, 7 the fields and 8 the languages of the filter form.
    with django_assert_num_queries(10):
        response = client.get(reverse("curricula:programme_list"))
    assert response.status_code == 200
    assert len(response.context["programmes"]) == 20


@pytest.mark.parametrize("count", [1, 30])
def test_programme_page_runs_fixed_number_of_queries(
    client, django_assert_num_queries, count, university
):
    programme = make_programme(university)
    skills = Skill.objects.bulk_create(
        Skill(name_en=f"skill {i}", slug=f"skill-{i}") for i in range(count)
    )
    ProgrammeSkill.objects.bulk_create(ProgrammeSkill(programme=programme, skill=s) for s in skills)
    # 1 the programme with its university and field, its 2 languages, 3 partners and
    # 4 skills, 5 whether demo data is loaded.
    with django_assert_num_queries(9):
        response = client.get(programme.get_absolute_url())
    assert response.status_code == 200
    assert len(response.context["programme"].programme_skills.all()) == count


@pytest.mark.parametrize("count", [1, 4])
def test_compare_runs_fixed_number_of_queries(
    client, django_assert_num_queries, count, university, grid_skill
):
    programmes = [make_programme(university, f"Programme {i}", slug=f"p{i}") for i in range(count)]
    for programme in programmes:
        ProgrammeSkill.objects.create(programme=programme, skill=grid_skill)
    # 1 the compared programmes with their universities and fields, their
    # 2 languages, 3 partners and 4 skills, 5 whether demo data is loaded.
    with django_assert_num_queries(8):
        response = client.get(
            reverse("curricula:programme_compare"), {"p": [p.pk for p in programmes]}
        )
    assert len(response.context["programmes"]) == count


@pytest.mark.parametrize("count", [1, 25])
def test_university_programme_list_runs_fixed_queries(
    client, django_assert_num_queries, count, university, staff_editor
):
    for i in range(count):
        make_programme(university, f"Programme {i}", slug=f"programme-{i}", status="draft")
    client.force_login(staff_editor)
    # 1 the user with whether they are a coordinator and their memberships (one round
    # trip: whether they edit this university, the navbar's inbox link, the archived
    # programmes' link, whether they keep the university's scholarships), 2 the
    # university, 3 whether demo data is loaded, 4 the programmes.
    with django_assert_num_queries(4):
        response = client.get(reverse("curricula:university_programmes", args=[university.slug]))
    assert len(response.context["programmes"]) == count


def test_draft_is_hidden_from_the_public_but_not_from_its_staff(
    client, university, staff_editor, student
):
    draft = make_programme(university, status=Programme.Status.DRAFT)
    assert client.get(draft.get_absolute_url()).status_code == 404
    client.force_login(student)
    assert client.get(draft.get_absolute_url()).status_code == 404
    client.force_login(staff_editor)
    assert client.get(draft.get_absolute_url()).status_code == 200


def test_short_course_is_a_micro_credential(client, university):
    course = make_programme(university, "Battery safety", degree="short_course", ects=10)
    assert course.is_micro_credential
    assert "micro-credential" in client.get(course.get_absolute_url()).content.decode()


def test_compare_shows_up_to_four_side_by_side(client, university, grid_skill):
    programmes = [make_programme(university, f"Programme {i}", slug=f"p{i}") for i in range(5)]
    ProgrammeSkill.objects.create(programme=programmes[1], skill=grid_skill, level=2)
    ids = [str(p.pk) for p in reversed(programmes)] + ["junk"]
    response = client.get(reverse("curricula:programme_compare"), {"p": ids})
    assert [p.title_en for p in response.context["programmes"]] == [
        "Programme 4", "Programme 3", "Programme 2", "Programme 1",
    ]  # fmt: skip
    assert response.context["too_many"] is True
    row = response.context["skill_rows"][0]
    assert row["skill"] == grid_skill
    assert [cell.level if cell else None for cell in row["cells"]] == [None, None, None, 2]


def test_export_is_the_filtered_catalogue(client, university, other_university):
    make_programme(university, "Kazakh programme")
    make_programme(other_university, "Uzbek programme")
    response = client.get(reverse("curricula:programme_export"), {"country": "UZ"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [row[1] for row in rows[1:]] == ["Uzbek programme"]  # title_en


@pytest.mark.parametrize("count", [1, 30])
def test_export_runs_fixed_number_of_queries(
    client, django_assert_num_queries, count, university, grid_skill
):
    for i in range(count):
        programme = make_programme(university, f"Programme {i}", slug=f"p{i}")
        ProgrammeSkill.objects.create(programme=programme, skill=grid_skill)
    # 1 the published programmes with their universities and fields, their
    # 2 languages, 3 partners and 4 skills.
    with django_assert_num_queries(6):
        response = client.get(reverse("curricula:programme_export"))
    assert len(response.content.decode("utf-8-sig").splitlines()) == count + 1


def _programme_data(**overrides):
    data = {
        "title_en": "Hydrogen Technologies",
        "title_ru": "Водородные технологии",
        "degree": "master",
        "ects": "120",
        "delivery": "on_site",
        "status": "published",
        "programme_skills-TOTAL_FORMS": "1",
        "programme_skills-INITIAL_FORMS": "0",
        "programme_skills-MIN_NUM_FORMS": "0",
        "programme_skills-MAX_NUM_FORMS": "1000",
        "programme_skills-0-skill": "",
        "programme_skills-0-level": "2",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize("role", ROLES)
def test_only_staff_and_coordinators_add_programmes(login, role, university):
    client = login(role)
    url = reverse("curricula:programme_create", args=[university.slug])
    assert client.get(url).status_code == (
        302 if role == "anonymous" else 200 if role in EDITORS else 403
    )
    client.post(url, _programme_data())
    assert Programme.objects.filter(title_en="Hydrogen Technologies").exists() is (role in EDITORS)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", ["programme_edit", "programme_archive"])
def test_only_staff_and_coordinators_edit_or_archive(login, role, name, university):
    programme = make_programme(university)
    response = login(role).get(reverse(f"curricula:{name}", args=[university.slug, programme.slug]))
    assert response.status_code == (302 if role == "anonymous" else 200 if role in EDITORS else 403)


@pytest.mark.parametrize("role", ROLES)
def test_only_staff_and_coordinators_unpublish(login, role, university):
    programme = make_programme(university)
    login(role).post(
        reverse("curricula:programme_publish", args=[university.slug, programme.slug]),
        {"status": "draft"},
    )
    programme.refresh_from_db()
    assert (programme.status == "draft") is (role in EDITORS)


@pytest.mark.parametrize("role", ROLES)
def test_university_programme_list_is_for_its_staff(login, role, university):
    response = login(role).get(reverse("curricula:university_programmes", args=[university.slug]))
    assert response.status_code == (302 if role == "anonymous" else 200 if role in EDITORS else 403)


def test_editor_adds_a_programme_with_skills(client, staff_editor, university, grid_skill):
    client.force_login(staff_editor)
    response = client.post(
        reverse("curricula:programme_create", args=[university.slug]),
        _programme_data(
            **{"programme_skills-0-skill": "интеллектуальные сети", "programme_skills-0-level": "3"}
        ),
    )
    programme = Programme.objects.get(title_en="Hydrogen Technologies")
    assert response.url == programme.get_absolute_url()
    assert programme.slug == "hydrogen-technologies"
    assert [(ps.skill, ps.level) for ps in programme.programme_skills.all()] == [(grid_skill, 3)]
    assert programme in Programme.objects.search("smart grids")


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"ects": "999"}, "ects", "less than or equal to 360"),
        ({"ects": "200"}, "ects", "between 60 and 120 ECTS"),
        ({"degree": "doctorate", "ects": "120"}, "ects", "at least 180 ECTS"),
        ({"intake": "-5"}, "intake", "greater than or equal to 0"),
        ({"tuition_international": "3000"}, "currency", "Give the currency"),
    ],
)
def test_invalid_programme_is_refused_with_a_clear_message(
    client, staff_editor, university, overrides, field, message
):
    client.force_login(staff_editor)
    response = client.post(
        reverse("curricula:programme_create", args=[university.slug]), _programme_data(**overrides)
    )
    assert response.context["form"].has_error(field)
    assert message in response.content.decode()
    assert not Programme.objects.exists()


def test_unknown_skill_is_refused_and_nothing_is_saved(client, staff_editor, university):
    programme = make_programme(university)
    client.force_login(staff_editor)
    response = client.post(
        reverse("curricula:programme_edit", args=[university.slug, programme.slug]),
        _programme_data(
            title_en="Renamed", **{"programme_skills-0-skill": "underwater basket weaving"}
        ),
    )
    assert (
        "No skill called “underwater basket weaving” in the taxonomy." in response.content.decode()
    )
    programme.refresh_from_db()
    assert programme.title_en == "Power Systems and Smart Grids"


def test_archive_asks_first_saying_what_it_hides_then_hides(
    client, staff_editor, university, grid_skill
):
    programme = make_programme(university)
    ProgrammeSkill.objects.create(programme=programme, skill=grid_skill)
    client.force_login(staff_editor)
    url = reverse("curricula:programme_archive", args=[university.slug, programme.slug])
    page = client.get(url).content.decode()
    assert "This programme and its 1 skill link will be hidden from the catalogue" in page
    assert "<li>Programme skills: 1</li>" in page
    programme.refresh_from_db()
    assert programme.status == Programme.Status.PUBLISHED
    response = client.post(url)
    assert response.url == reverse("curricula:university_programmes", args=[university.slug])
    programme.refresh_from_db()
    assert (programme.status, programme.status_before_archive, programme.archived_by) == (
        Programme.Status.ARCHIVED,
        Programme.Status.PUBLISHED,
        staff_editor,
    )
    assert list(programme.programme_skills.values_list("skill", flat=True)) == [grid_skill.pk]


def test_skills_list_counts_published_programmes(client, university, grid_skill):
    taught = make_programme(university)
    ProgrammeSkill.objects.create(programme=taught, skill=grid_skill)
    draft = make_programme(university, "Draft", status="draft")
    ProgrammeSkill.objects.create(programme=draft, skill=grid_skill)
    response = client.get(reverse("curricula:skill_list"), {"q": "интеллект"})
    assert [(s.slug, s.programme_count) for s in response.context["skills"]] == [("smart-grids", 1)]
    detail = client.get(grid_skill.get_absolute_url())
    assert [ps.programme for ps in detail.context["teaching"]] == [taught]


def test_reserved_university_address_keeps_compare_reachable(db):
    assert not University.objects.filter(slug="compare").exists()
    assert reverse("curricula:programme_compare") == "/programmes/compare/"


def test_university_profile_lists_its_published_programmes(client, university):
    make_programme(university, "Published one")
    make_programme(university, "Draft one", status="draft")
    page = client.get(university.get_absolute_url()).content.decode()
    assert "Published one" in page
    assert "Draft one" not in page


@pytest.mark.parametrize("count", [1, 25])
def test_university_profile_with_programmes_runs_fixed_queries(
    client, university, django_assert_num_queries, count
):
    for i in range(count):
        make_programme(university, f"Programme {i}", slug=f"programme-{i}")
    # 1 the university, its 2 languages, 3 strengths and 4 activities, 5 its
    # published programmes, 6 what it published in the library, 7 whether demo data
    # is loaded.
    with django_assert_num_queries(7):
        page = client.get(university.get_absolute_url()).content.decode()
    assert page.count('href="/programmes/satbayev-university/programme-') == count


def test_catalogue_skill_filter_takes_a_name_in_either_language(client, university, grid_skill):
    programme = make_programme(university)
    ProgrammeSkill.objects.create(programme=programme, skill=grid_skill)
    make_programme(university, "Other")
    for value in ("интеллектуальные сети", "Smart Grids", "smart-grids"):
        assert _titles(client.get(reverse("curricula:programme_list"), {"skill": value})) == [
            programme.title_en
        ]
    assert (
        _titles(client.get(reverse("curricula:programme_list"), {"skill": "basket weaving"})) == []
    )


def test_catalogue_university_filter_takes_a_name_in_either_script_or_the_slug(
    client, university, other_university
):
    programme = make_programme(university)
    make_programme(other_university, "Mining Engineering")
    university.name_ru = "Сатпаев университет"
    university.save()
    for value in (university.slug, "satbayev", "Сатпаев", "satpaev universitet"):
        response = client.get(reverse("curricula:programme_list"), {"university": value})
        assert _titles(response) == [programme.title_en], value
    assert _titles(client.get(reverse("curricula:programme_list"), {"university": "nowhere"})) == []
