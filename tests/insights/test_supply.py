"""The stored supply (insights.supply): always what the programmes' rows give, after
every kind of change, and the gap table it feeds is the one computed from the rows."""

import random
from collections import defaultdict
from decimal import Decimal

import pytest
from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone

from core.dates import months_ahead
from core.rows import Row
from curricula import services as curricula_services
from curricula.models import Programme, ProgrammeSkill, Skill
from industry.models import NeedSkill
from insights.gaps import REGION, GapFilters, combine, gap_table
from insights.models import SupplyCell
from insights.supply import supply_rebuild, supply_refresh, supply_refresh_programmes
from tests.factories import OrganisationFactory, UniversityFactory
from universities import services as university_services
from universities.countries import CENTRAL_ASIA

from .test_gaps import ADVANCED, BASIC, INTERMEDIATE, need, programme

pytestmark = pytest.mark.django_db


def _stored():
    return {
        (cell.skill_id, cell.country, cell.level): (cell.places, cell.programmes)
        for cell in SupplyCell.objects.all()
    }


def _from_rows():
    """The supply counted one programme-skill row at a time, in Python."""
    cells: dict[tuple[int, str, int], list[int]] = defaultdict(lambda: [0, 0])
    links = ProgrammeSkill.objects.select_related("programme__university")
    for link in links:
        taught = link.programme
        if taught.status == Programme.Status.PUBLISHED and taught.intake is not None:
            cell = cells[(link.skill_id, taught.university.country, link.level)]
            cell[0] += taught.intake
            cell[1] += 1
    return {key: tuple(value) for key, value in cells.items()}


def _grouped_as_before():
    """The query the gap table ran on every computation before the supply was kept."""
    rows = (
        ProgrammeSkill.objects.filter(
            programme__status=Programme.Status.PUBLISHED, programme__intake__isnull=False
        )
        .order_by()
        .values("skill", "programme__university__country", "level")
        .annotate(total=Sum("programme__intake"))
    )
    return {
        (row["skill"], row["programme__university__country"], row["level"]): row["total"]
        for row in rows
    }


@pytest.fixture
def varied(db):
    """Six skills, universities in every Central Asian country and Mongolia, and 80
    programmes of every status, with and without an intake, teaching one to three
    skills at any level; needs for each skill in several countries, at any level,
    due within and beyond the horizons."""
    rng = random.Random(22)
    skills = [Skill.objects.create(name_en=f"skill {i}", slug=f"skill-{i}") for i in range(6)]
    universities = [UniversityFactory(country=c) for c in (*CENTRAL_ASIA, "MN", "KZ")]
    for i in range(80):
        offered = Programme.objects.create(
            university=rng.choice(universities), title_en=f"P {i}", slug=f"p-{i}",
            degree="master", ects=120, intake=rng.choice([None, 0, 5, 12, 30, 75]),
            status=rng.choice(["published", "published", "draft", "archived"]),
        )  # fmt: skip
        for skill in rng.sample(skills, rng.randint(1, 3)):
            ProgrammeSkill.objects.create(
                programme=offered, skill=skill, level=rng.choice([BASIC, INTERMEDIATE, ADVANCED])
            )
    organisation = OrganisationFactory()
    for skill in skills:
        for country in rng.sample([*CENTRAL_ASIA, "MN"], 3):
            need(
                skill, rng.randint(1, 90), country, level=rng.randint(1, 3),
                days=rng.choice([30, 200, 500, 900]), organisation=organisation,
            )  # fmt: skip
    return {"skills": skills, "universities": universities}


def _expected_cells(horizon_months):
    """Every cell of the gap table computed from the rows in Python: the demand of
    the needs in the horizon, the places of the programmes, the level rule."""
    today = timezone.localdate()
    years = Decimal(horizon_months) / Decimal(12)
    demand: dict[int, dict[str, dict[int, float]]] = defaultdict(lambda: defaultdict(dict))
    supply: dict[int, dict[str, dict[int, float]]] = defaultdict(lambda: defaultdict(dict))
    asked = NeedSkill.objects.select_related("need")
    for link in asked:
        if link.need.needed_by > months_ahead(horizon_months, today=today):
            continue
        for place in (link.need.country, REGION if link.need.country in CENTRAL_ASIA else None):
            if place is not None:
                levels = demand[link.skill_id][place]
                levels[link.level] = levels.get(link.level, 0.0) + link.need.headcount
    for (skill, country, level), total in _grouped_as_before().items():
        for place in (country, REGION if country in CENTRAL_ASIA else None):
            if place is not None:
                levels = supply[skill][place]
                levels[level] = levels.get(level, 0.0) + float(total * years)
    return {
        (skill, place): combine(demand[skill][place], supply[skill][place])
        for skill in demand
        for place in (*CENTRAL_ASIA, REGION)
    }


def test_the_stored_supply_is_what_the_rows_give(varied):
    assert _stored() == _from_rows()
    assert {key: places for key, (places, _count) in _stored().items()} == _grouped_as_before()


@pytest.mark.parametrize("horizon", [12, 24, 36])
def test_the_gap_table_is_the_one_computed_from_the_rows(varied, horizon):
    rows = gap_table(GapFilters(horizon_months=horizon))

    cells = {(row.skill.pk, place): cell for row in rows for place, cell in row.cells.items()}
    assert cells == _expected_cells(horizon)
    assert [row.region.gap for row in rows] == sorted(
        (row.region.gap for row in rows), reverse=True
    )


@pytest.fixture
def taught(db):
    skill = Skill.objects.create(name_en="smart grids", slug="smart-grids")
    almaty = UniversityFactory(country="KZ")
    return {"skill": skill, "almaty": almaty, "programme": programme(almaty, skill, 10)}


def _cells_of(skill):
    return {
        (country, level): (places, count)
        for (skill_id, country, level), (places, count) in _stored().items()
        if skill_id == skill.pk
    }


def test_publishing_and_unpublishing_a_programme_moves_its_places(taught):
    draft = programme(taught["almaty"], taught["skill"], 7, status="draft")
    assert _cells_of(taught["skill"]) == {("KZ", INTERMEDIATE): (10, 1)}

    curricula_services.programme_set_status(programme=draft, status="published")
    assert _cells_of(taught["skill"]) == {("KZ", INTERMEDIATE): (17, 2)}

    curricula_services.programme_set_status(programme=taught["programme"], status="draft")
    assert _cells_of(taught["skill"]) == {("KZ", INTERMEDIATE): (7, 1)}


def test_an_archived_programme_supplies_nothing_until_restored(taught):
    curricula_services.programme_archive(programme=taught["programme"], by=None)
    assert _cells_of(taught["skill"]) == {}

    curricula_services.programme_restore(programme=taught["programme"])
    assert _cells_of(taught["skill"]) == {("KZ", INTERMEDIATE): (10, 1)}


def test_an_archived_university_supplies_nothing_until_restored(taught):
    programme(UniversityFactory(country="KZ"), taught["skill"], 4)

    university_services.university_archive(university=taught["almaty"], by=None)
    assert _cells_of(taught["skill"]) == {("KZ", INTERMEDIATE): (4, 1)}

    university_services.university_restore(university=taught["almaty"], by=None)
    assert _cells_of(taught["skill"]) == {("KZ", INTERMEDIATE): (14, 2)}


def test_a_university_that_moves_country_takes_its_places(taught):
    taught["almaty"].country = "UZ"
    taught["almaty"].save()
    assert _cells_of(taught["skill"]) == {("UZ", INTERMEDIATE): (10, 1)}


def test_a_new_intake_or_university_changes_the_places(taught):
    taught["programme"].intake = 25
    taught["programme"].save()
    assert _cells_of(taught["skill"]) == {("KZ", INTERMEDIATE): (25, 1)}

    taught["programme"].university = UniversityFactory(country="TJ")
    taught["programme"].save()
    assert _cells_of(taught["skill"]) == {("TJ", INTERMEDIATE): (25, 1)}

    taught["programme"].intake = None
    taught["programme"].save()
    assert _cells_of(taught["skill"]) == {}


def test_a_changed_level_or_skill_moves_the_places(taught):
    link = taught["programme"].programme_skills.get()
    curricula_services.programme_update(
        programme=taught["programme"],
        values={},
        skill_rows=[Row(pk=link.pk, values={"level": ADVANCED})],
    )
    assert _cells_of(taught["skill"]) == {("KZ", ADVANCED): (10, 1)}

    solar = Skill.objects.create(name_en="solar energy", slug="solar-energy")
    link.refresh_from_db()
    link.skill = solar
    link.save()
    assert _cells_of(taught["skill"]) == {}
    assert _cells_of(solar) == {("KZ", ADVANCED): (10, 1)}


def test_a_removed_skill_takes_its_places_away(taught):
    link = taught["programme"].programme_skills.get()
    curricula_services.programme_update(
        programme=taught["programme"], values={}, skill_rows=[Row(pk=link.pk, delete=True)]
    )
    assert _cells_of(taught["skill"]) == {}


def test_a_deleted_programme_takes_its_places_away(taught):
    programme(taught["almaty"], taught["skill"], 3)
    taught["programme"].delete()
    assert _cells_of(taught["skill"]) == {("KZ", INTERMEDIATE): (3, 1)}


def test_a_skill_merge_moves_the_places_to_the_survivor(taught):
    grids, almaty = taught["skill"], taught["almaty"]
    duplicate = Skill.objects.create(name_en="grids, smart", slug="grids-smart")
    # Linked to both: one link is kept, at the higher level.
    ProgrammeSkill.objects.create(programme=taught["programme"], skill=duplicate, level=ADVANCED)
    programme(almaty, duplicate, 6, level=BASIC)
    programme(UniversityFactory(country="UZ"), duplicate, 8)

    curricula_services.skill_merge(duplicate=duplicate, into=grids)

    assert _cells_of(grids) == {
        ("KZ", ADVANCED): (10, 1),
        ("KZ", BASIC): (6, 1),
        ("UZ", INTERMEDIATE): (8, 1),
    }
    assert _cells_of(duplicate) == {}
    assert _stored() == _from_rows()


def test_bulk_writes_are_counted_once_refreshed(taught):
    Programme.objects.filter(pk=taught["programme"].pk).update(intake=40)
    assert _cells_of(taught["skill"]) == {("KZ", INTERMEDIATE): (10, 1)}  # no signal

    assert supply_refresh_programmes(programmes=[taught["programme"].pk]) == 1
    assert _cells_of(taught["skill"]) == {("KZ", INTERMEDIATE): (40, 1)}

    ProgrammeSkill.objects.filter(programme=taught["programme"]).update(level=BASIC)
    assert supply_refresh(skills=[taught["skill"].pk]) == 1
    assert _cells_of(taught["skill"]) == {("KZ", BASIC): (40, 1)}


def test_a_rebuild_gives_what_the_rows_give(varied):
    SupplyCell.objects.all().delete()
    ProgrammeSkill.objects.bulk_create(
        ProgrammeSkill(programme=offered, skill=varied["skills"][0], level=ADVANCED)
        for offered in Programme.objects.exclude(programme_skills__skill=varied["skills"][0])
    )

    assert supply_rebuild() == len(_from_rows())
    assert _stored() == _from_rows()


@pytest.mark.parametrize("per_skill", [1, 12])
def test_the_gap_pages_queries_do_not_depend_on_the_number_of_programmes(
    client, django_assert_num_queries, per_skill
):
    skills = [Skill.objects.create(name_en=f"s{i}", slug=f"s{i}") for i in range(4)]
    universities = [UniversityFactory(country=c) for c in ("KZ", "UZ")]
    for skill in skills:
        need(skill, 50, "KZ")
        for i in range(per_skill):
            programme(universities[i % 2], skill, i + 1, level=1 + i % 3)
    # 1. the demand, grouped by skill, country and level; 2. the stored supply of
    # those skills; 3. the skills of the rows with their themes; 4. the latest
    # snapshots of the horizon; 5. whether demo data is loaded; 6.–8. the filters'
    # themes, broad fields and skill groups with needs
    with django_assert_num_queries(8):
        response = client.get(reverse("insights:gaps"))
    assert len(response.context["rows"]) == len(skills)
