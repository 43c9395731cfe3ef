"""The gap pages and the coordinators' dashboard run a fixed number of queries,
whatever the number of skills, needs and snapshots. The first page a test renders
also asks once whether demo data is loaded (the base template's banner)."""

import pytest
from django.urls import reverse

from curricula.models import Skill
from insights.models import GapSnapshot
from tests.factories import OrganisationFactory, UniversityFactory
from universities.models import ResearchArea, Strength

from .test_gaps import need, programme

pytestmark = pytest.mark.django_db

SCALES = [1, 8]


def _world(scale):
    """``5 × scale`` skills, each asked for by a need in Kazakhstan and taught by a
    programme of a Kazakh university, and one of another country that teaches none."""
    skills = Skill.objects.bulk_create(
        Skill(name_en=f"s{i}", slug=f"s{i}") for i in range(5 * scale)
    )
    university = UniversityFactory()
    organisation = OrganisationFactory()
    for index, skill in enumerate(skills):
        need(skill, 3 + index, "KZ", organisation=organisation)
        programme(university, skill, index + 1)
    return skills


def _snapshots(skills, count):
    cells = [[skill.pk, place, 1.0, 0.0] for skill in skills for place in ("", "KZ")]
    GapSnapshot.objects.bulk_create(
        GapSnapshot(month=f"{2020 + month // 12}-{month % 12 + 1:02d}-01", data={"cells": cells})
        for month in range(count)
    )


@pytest.mark.parametrize("scale", SCALES)
def test_gap_page_runs_fixed_number_of_queries(client, django_assert_num_queries, scale):
    skills = _world(scale)
    themes = list(ResearchArea.objects.all()[:scale])
    for index, skill in enumerate(skills):
        skill.theme = themes[index % len(themes)]
    Skill.objects.bulk_update(skills, ["theme"])
    _snapshots(skills, 2 * scale)
    # 1. the demand, grouped by skill, country and level
    # 2. the supply, grouped the same way
    # 3. the skills of the rows with their themes (in bulk): the heatmap's rows too
    # 4. the latest snapshots of the horizon (each row's trend)
    # 5. whether demo data is loaded
    # 6. the themes (a filter); 7. the broad fields (a filter); 8. the skill groups
    # with needs (a filter)
    with django_assert_num_queries(8):
        response = client.get(reverse("insights:gaps"))
    assert len(response.context["rows"]) == len(skills)
    assert len(response.context["heatmap"]) == len(themes)
    assert len(response.context["trends"]) == len(skills)


@pytest.mark.parametrize("scale", SCALES)
def test_gap_page_of_a_country_and_a_kind_runs_fixed_number_of_queries(
    client, django_assert_num_queries, scale
):
    skills = _world(scale)
    _snapshots(skills, scale)
    # 1.–3. the demand, the supply and the skills of the rows
    # 4. whether demo data is loaded; 5.–7. the filters' themes, fields and groups
    # (no snapshot: they hold every kind of need)
    with django_assert_num_queries(7):
        response = client.get(reverse("insights:gaps"), {"country": "KZ", "kind": "hiring"})
    assert len(response.context["rows"]) == len(skills)
    assert response.context["trends"] == {}


@pytest.mark.parametrize("scale", SCALES)
def test_university_gaps_page_runs_fixed_number_of_queries(
    client, django_assert_num_queries, scale
):
    skills = _world(scale)
    themes = list(ResearchArea.objects.all()[:scale])
    for index, skill in enumerate(skills):
        skill.theme = themes[index % len(themes)]
    Skill.objects.bulk_update(skills, ["theme"])
    tashkent = UniversityFactory(country="UZ")
    for skill in skills:
        need(skill, 100, "UZ")  # short in Uzbekistan, which teaches none of them
    for area in themes:
        Strength.objects.create(university=tashkent, area=area, level=2, statement_en="s")
    # 1. the university
    # 2.–4. the gap table: the demand, the supply and the skills with their themes
    # 5. the level asked of each short skill, by country
    # 6. the levels the university teaches them at; 7. its programmes by theme
    # 8. its strengths
    # 9. the universities of the region teaching the skills; 10. those universities
    # 11. the needs asking for the skills, with their organisations
    # 12. whether demo data is loaded
    with django_assert_num_queries(12):
        response = client.get(reverse("insights:university_gaps", args=[tashkent.slug]))
    advice = response.context["themes"]
    assert sorted(a.skill.pk for t in advice for a in t.skills) == sorted(s.pk for s in skills)
    assert all(t.strength is not None and a.partners and a.needs for t in advice for a in t.skills)


@pytest.mark.parametrize("scale", SCALES)
def test_dashboard_runs_fixed_number_of_queries(
    client, coordinator, django_assert_num_queries, scale
):
    skills = _world(scale)
    cells = [[skill.pk, "", 1.0, 0.0] for skill in skills]
    GapSnapshot.objects.bulk_create(
        GapSnapshot(month=f"{2020 + month // 12}-{month % 12 + 1:02d}-01", data={"cells": cells})
        for month in range(3 * scale)
    )
    client.force_login(coordinator)
    # 1. the user with whether they are a coordinator and their memberships (one round
    #    trip)
    # 2. the latest twelve snapshots
    # 3.–5. today's gap table: demand, supply, the skills of the rows
    # 6.–14. the counts: open needs, responses, unanswered needs, published programmes,
    #    universities of the region, organisations, upcoming events, their confirmed
    #    registrations, accepted responses
    # 15. whether demo data is loaded
    with django_assert_num_queries(15):
        response = client.get(reverse("insights:coordination"))
    assert len(response.context["history"]) == min(3 * scale, 12)
    assert len(response.context["widened_skills"]) == min(len(skills), 10)
