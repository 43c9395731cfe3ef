"""The change history of programmes and skills: who changed which field, from what to
what, and who may read it."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from core.history import record_baseline
from curricula import services
from curricula.models import Programme, Skill

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "student", "partner", "other_staff", "staff_editor", "staff_admin",
         "coordinator"]  # fmt: skip
PROGRAMME_READERS = {"staff_editor", "staff_admin", "coordinator"}
ARCHIVED_PROGRAMME_READERS = {"staff_admin", "coordinator"}
SKILL_READERS = {"coordinator"}


@pytest.fixture
def programme(university):
    return Programme.objects.create(
        university=university, title_en="Smart Grids", slug="smart-grids", degree="master",
        ects=120, status=Programme.Status.PUBLISHED,
    )  # fmt: skip


@pytest.fixture
def skill(db):
    return Skill.objects.create(name_en="Solar energy", slug="solar-energy")


@pytest.fixture
def login(client, request):
    def as_role(role):
        if role != "anonymous":
            client.force_login(request.getfixturevalue(role))
        return client

    return as_role


def _user(request, role):
    return AnonymousUser() if role == "anonymous" else request.getfixturevalue(role)


def _programme_url(name, programme):
    return reverse(f"curricula:{name}", args=[programme.university.slug, programme.slug])


def _programme_data(**overrides):
    data = {
        "title_en": "Smart Grids", "degree": "master", "ects": "120", "delivery": "on_site",
        "status": "published", "programme_skills-TOTAL_FORMS": "0",
        "programme_skills-INITIAL_FORMS": "0", "programme_skills-MIN_NUM_FORMS": "0",
        "programme_skills-MAX_NUM_FORMS": "1000",
    }  # fmt: skip
    data.update(overrides)
    return data


@pytest.mark.parametrize("role", ROLES)
def test_programme_history_rule_for_role(request, role, programme):
    user = _user(request, role)
    assert user.has_perm("curricula.view_programme_history", programme) is (
        role in PROGRAMME_READERS
    )


@pytest.mark.parametrize("role", ROLES)
def test_an_archived_programmes_history_is_for_those_who_may_restore_it(
    request, role, programme, coordinator
):
    services.programme_archive(programme=programme, by=coordinator)
    user = _user(request, role)
    assert user.has_perm("curricula.view_programme_history", programme) is (
        role in ARCHIVED_PROGRAMME_READERS
    )


@pytest.mark.parametrize("role", ROLES)
def test_skill_history_rule_for_role(request, role, skill):
    user = _user(request, role)
    assert user.has_perm("curricula.view_skill_history", skill) is (role in SKILL_READERS)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("name", "readers"),
    [("programme_history", PROGRAMME_READERS), ("skill_history", SKILL_READERS)],
)
def test_history_pages_are_open_only_to_their_readers(login, role, name, readers, programme, skill):
    url = (
        _programme_url(name, programme)
        if name == "programme_history"
        else reverse("curricula:skill_history", args=[skill.slug])
    )
    response = login(role).get(url)
    if role == "anonymous":
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))
    else:
        assert response.status_code == (200 if role in readers else 403)


def test_an_edit_records_who_changed_which_field_from_what_to_what(
    client, staff_editor, coordinator, programme
):
    client.force_login(staff_editor)
    response = client.post(
        _programme_url("programme_edit", programme),
        _programme_data(title_en="Smart Grids and Storage", ects="90", delivery="blended"),
    )
    assert response.status_code == 302
    client.force_login(coordinator)
    changes = client.get(_programme_url("programme_history", programme)).context["changes"]
    assert [(c.action, c.who) for c in changes] == [("changed", staff_editor), ("created", None)]
    assert changes[0].fields == [
        ("title (English)", "Smart Grids", "Smart Grids and Storage"),
        ("ECTS credits", "120", "90"),
        ("delivery mode", "On site", "Blended"),
    ]


def test_archiving_through_the_site_records_its_author_and_the_status(
    client, staff_editor, coordinator, programme
):
    client.force_login(staff_editor)
    client.post(_programme_url("programme_archive", programme))
    client.force_login(coordinator)
    latest = client.get(_programme_url("programme_history", programme)).context["changes"][0]
    assert (latest.who, [(label, old, new) for label, old, new in latest.fields[:1]]) == (
        staff_editor,
        [("status", "Published", "Archived")],
    )
    assert [label for label, _, _ in latest.fields] == ["status", "archived", "archived by"]


def test_a_skill_edit_records_the_broader_skill_by_name(client, coordinator, skill):
    Skill.objects.create(name_en="Renewable energy", slug="renewable-energy")
    client.force_login(coordinator)
    client.post(
        reverse("curricula:skill_edit", args=[skill.slug]),
        {"name_en": "Solar energy", "name_ru": "Солнечная энергия", "kind": "skill",
         "broader": "Renewable energy"},
    )  # fmt: skip
    changes = client.get(reverse("curricula:skill_history", args=[skill.slug])).context["changes"]
    assert (changes[0].who, changes[0].fields) == (
        coordinator,
        [("name (Russian)", "—", "Солнечная энергия"), ("broader skill", "—", "Renewable energy")],
    )


def test_a_save_of_the_skills_alone_says_no_field_changed(client, staff_editor, programme, skill):
    client.force_login(staff_editor)
    client.post(
        _programme_url("programme_edit", programme),
        _programme_data(**{
            "programme_skills-TOTAL_FORMS": "1", "programme_skills-0-skill": "Solar energy",
            "programme_skills-0-level": "2",
        }),
    )  # fmt: skip
    response = client.get(_programme_url("programme_history", programme))
    latest = response.context["changes"][0]
    assert (latest.action, latest.compared, latest.fields) == ("changed", True, [])
    assert "Saved with no change to the fields recorded here" in response.content.decode()


def test_a_programme_older_than_its_history_is_compared_with_its_baseline(
    client, staff_editor, university
):
    # Written without a record, as the rows before the history began were.
    [programme] = Programme.objects.bulk_create(
        [Programme(university=university, title_en="Smart Grids", slug="smart-grids",
                   degree="master", ects=120, status=Programme.Status.PUBLISHED)]
    )  # fmt: skip
    assert record_baseline(Programme.history.model, Programme) == 1
    client.force_login(staff_editor)
    client.post(_programme_url("programme_edit", programme), _programme_data(ects="90"))
    response = client.get(_programme_url("programme_history", programme))
    changes = response.context["changes"]
    assert [(c.action, c.who, c.fields) for c in changes] == [
        ("changed", staff_editor, [("ECTS credits", "120", "90")]),
        ("recorded", None, []),
    ]
    assert "As it stood when its history began" in response.content.decode()


def test_the_object_pages_link_to_the_history_for_its_readers_only(
    client, staff_editor, student, coordinator, programme, skill
):
    history = _programme_url("programme_history", programme)
    client.force_login(staff_editor)
    assert history in client.get(programme.get_absolute_url()).content.decode()
    client.force_login(student)
    assert history not in client.get(programme.get_absolute_url()).content.decode()
    skill_history = reverse("curricula:skill_history", args=[skill.slug])
    assert skill_history not in client.get(skill.get_absolute_url()).content.decode()
    client.force_login(coordinator)
    assert skill_history in client.get(skill.get_absolute_url()).content.decode()


def test_the_change_records_of_a_narrower_skill_name_the_survivor_of_a_merge(skill):
    coal = Skill.objects.create(name_en="Solar power", slug="solar-power")
    narrower = Skill.objects.create(name_en="Photovoltaics", slug="photovoltaics", broader=coal)
    services.skill_merge(duplicate=coal, into=skill)
    assert list(narrower.history.values_list("broader_id", flat=True)) == [skill.pk]


@pytest.mark.parametrize("edits", [1, 30])
def test_programme_history_runs_fixed_queries(
    client, staff_editor, programme, django_assert_num_queries, edits
):
    client.force_login(staff_editor)
    for n in range(edits):
        client.post(_programme_url("programme_edit", programme), _programme_data(ects=str(60 + n)))
    url = _programme_url("programme_history", programme)
    # 1 the user with whether they are a coordinator and their memberships (one round
    # trip: whether they edit the programme's university, and the navbar's inbox link),
    # 2 the programme with its university, 3 how many records, 4 the page's records with
    # their authors and the rows their foreign keys name, 5 whether demo data is loaded.
    with django_assert_num_queries(5):
        response = client.get(url)
    assert len(response.context["changes"]) == min(edits + 1, 25)


@pytest.mark.parametrize("edits", [1, 30])
def test_skill_history_runs_fixed_queries(
    client, coordinator, skill, django_assert_num_queries, edits
):
    for n in range(edits):
        services.skill_update(skill=skill, values={"name_ru": f"Навык {n}"})
    client.force_login(coordinator)
    url = reverse("curricula:skill_history", args=[skill.slug])
    # 1 the user with whether they are a coordinator and their memberships (one round
    # trip), 2 the skill, 3 how many records, 4 the page's records with their authors,
    # broader skills and fields, 5 whether demo data is loaded.
    with django_assert_num_queries(5):
        response = client.get(url)
    assert len(response.context["changes"]) == min(edits + 1, 25)
