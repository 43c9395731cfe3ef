"""The change history of organisations and needs: who changed which field, from what
to what, and who may read it."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils import timezone

from industry import services
from tests.factories import OrganisationMembershipFactory

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "student", "staff_editor", "other_partner", "partner", "coordinator"]
READERS = {"partner", "coordinator"}


@pytest.fixture
def other_partner(db):
    return OrganisationMembershipFactory(user__email="other-partner@example.org").user


def _user(request, role):
    return AnonymousUser() if role == "anonymous" else request.getfixturevalue(role)


@pytest.fixture
def need(make_need, skills):
    return make_need(skills=[(skills["smart-grids"], 2)])


def _need_data(need, **overrides):
    """The need's edit form as it stands (its skill rows kept), with ``overrides``."""
    rows = list(need.need_skills.select_related("skill"))
    data = {
        "title_en": need.title, "kind": need.kind, "headcount": str(need.headcount),
        "country": need.country, "needed_by": need.needed_by.isoformat(),
        "visibility": need.visibility, "need_skills-TOTAL_FORMS": str(len(rows)),
        "need_skills-INITIAL_FORMS": str(len(rows)), "need_skills-MIN_NUM_FORMS": "0",
        "need_skills-MAX_NUM_FORMS": "1000",
    }  # fmt: skip
    for i, row in enumerate(rows):
        data |= {f"need_skills-{i}-id": str(row.pk), f"need_skills-{i}-skill": row.skill.slug,
                 f"need_skills-{i}-level": str(row.level)}  # fmt: skip
    data.update(overrides)
    return data


def _organisation_data(organisation, **overrides):
    data = {
        "name_en": organisation.name_en, "sector": organisation.sector,
        "country": organisation.country,
    }  # fmt: skip
    data.update(overrides)
    return data


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    "rule", ["industry.view_need_history", "industry.view_organisation_history"]
)
def test_history_rule_for_role(request, role, rule, organisation, make_need):
    target = make_need() if rule == "industry.view_need_history" else organisation
    assert _user(request, role).has_perm(rule, target) is (role in READERS)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", ["need_history", "organisation_history"])
def test_history_pages_are_open_only_to_their_readers(
    client, request, role, name, organisation, make_need
):
    args = [make_need().pk] if name == "need_history" else [organisation.slug]
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))
    response = client.get(reverse(f"industry:{name}", args=args))
    if role == "anonymous":
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))
    else:
        assert response.status_code == (200 if role in READERS else 403)


def test_a_need_edit_records_who_changed_which_field_from_what_to_what(
    client, partner, coordinator, need
):
    client.force_login(partner)
    response = client.post(
        reverse("industry:need_edit", args=[need.pk]),
        _need_data(need, title_en="Grid and storage engineers", headcount="8", kind="internships"),
    )
    assert response.status_code == 302
    client.force_login(coordinator)
    changes = client.get(reverse("industry:need_history", args=[need.pk])).context["changes"]
    assert [(c.action, c.who) for c in changes] == [("changed", partner), ("created", None)]
    assert changes[0].fields == [
        ("title (English)", "Grid engineers", "Grid and storage engineers"),
        ("kind", "Graduate hiring", "Internships"),
        ("headcount", "5", "8"),
    ]


def test_closing_a_need_through_the_site_records_who_closed_it(client, partner, make_need):
    need = make_need()
    client.force_login(partner)
    client.post(reverse("industry:need_status", args=[need.pk]), {"status": "closed"})
    latest = client.get(reverse("industry:need_history", args=[need.pk])).context["changes"][0]
    assert (latest.who, latest.fields) == (partner, [("status", "Open", "Closed")])


def test_an_organisation_edit_records_who_changed_which_field(
    client, partner, coordinator, organisation
):
    client.force_login(partner)
    client.post(
        reverse("industry:organisation_edit", args=[organisation.slug]),
        _organisation_data(organisation, city="Tashkent", size="large"),
    )
    client.force_login(coordinator)
    url = reverse("industry:organisation_history", args=[organisation.slug])
    latest = client.get(url).context["changes"][0]
    assert (latest.who, latest.fields) == (
        partner,
        [("size", "—", "250–999 people"), ("city", "—", "Tashkent")],
    )


def test_archiving_an_organisation_records_who_archived_it(client, coordinator, organisation):
    client.force_login(coordinator)
    client.post(reverse("industry:organisation_archive", args=[organisation.slug]))
    url = reverse("industry:organisation_history", args=[organisation.slug])
    latest = client.get(url).context["changes"][0]
    assert (latest.who, [label for label, _, _ in latest.fields]) == (coordinator, ["archived"])


def test_a_daily_flag_set_by_the_system_is_not_a_change_of_the_next_editor(client, partner, need):
    assert services.needs_flag_unanswered(now=timezone.now() + timedelta(days=15)) == 1
    need.refresh_from_db()
    client.force_login(partner)
    client.post(reverse("industry:need_edit", args=[need.pk]), _need_data(need, headcount="6"))
    latest = client.get(reverse("industry:need_history", args=[need.pk])).context["changes"][0]
    assert latest.fields == [("headcount", "5", "6")]


def test_the_pages_link_to_the_history_for_its_readers_only(
    client, partner, student, organisation, make_need
):
    need = make_need()
    need_history = reverse("industry:need_history", args=[need.pk])
    organisation_history = reverse("industry:organisation_history", args=[organisation.slug])
    client.force_login(partner)
    assert need_history in client.get(need.get_absolute_url()).content.decode()
    assert organisation_history in client.get(organisation.get_absolute_url()).content.decode()
    client.force_login(student)
    assert need_history not in client.get(need.get_absolute_url()).content.decode()
    assert organisation_history not in client.get(organisation.get_absolute_url()).content.decode()


@pytest.mark.parametrize("edits", [1, 30])
def test_need_history_runs_fixed_queries(client, partner, need, django_assert_num_queries, edits):
    client.force_login(partner)
    for n in range(edits):
        client.post(
            reverse("industry:need_edit", args=[need.pk]), _need_data(need, headcount=str(n + 6))
        )
    url = reverse("industry:need_history", args=[need.pk])
    # 1 the user with whether they are a coordinator and their memberships (one round
    # trip: whether they belong to the need's organisation, and the navbar's inbox
    # link), 2 the need with its organisation, 3 how many records, 4 the page's records
    # with their authors and organisations, 5 whether demo data is loaded.
    with django_assert_num_queries(5):
        response = client.get(url)
    assert len(response.context["changes"]) == min(edits + 1, 25)


@pytest.mark.parametrize("edits", [1, 30])
def test_organisation_history_runs_fixed_queries(
    client, partner, organisation, django_assert_num_queries, edits
):
    client.force_login(partner)
    for n in range(edits):
        client.post(
            reverse("industry:organisation_edit", args=[organisation.slug]),
            _organisation_data(organisation, city=f"City {n}"),
        )
    url = reverse("industry:organisation_history", args=[organisation.slug])
    # 1 the user with whether they are a coordinator and their memberships (one round
    # trip: whether they belong to the organisation, and the navbar's inbox link), 2 the
    # organisation, 3 how many records, 4 the page's records with their authors,
    # 5 whether demo data is loaded.
    with django_assert_num_queries(5):
        response = client.get(url)
    assert len(response.context["changes"]) == min(edits + 1, 25)
