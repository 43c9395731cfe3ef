"""The gap measure on small worlds built by hand: every cell, the level rule, the horizon."""

import csv
import io
from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from core.dates import months_ahead
from curricula.models import Programme, ProgrammeSkill, Skill
from industry.models import NeedSkill, SkillNeed
from insights.advice import university_advice
from insights.gaps import (
    REGION,
    GapFilters,
    cached_gap_table,
    combine,
    gap_table,
    ordered_rows,
)
from insights.models import GapSnapshot
from insights.tasks import take_gap_snapshot
from insights.templatetags.insights_tags import whole
from tests.factories import OrganisationFactory, UniversityFactory
from universities.models import ResearchArea, Strength

pytestmark = pytest.mark.django_db
BASIC, INTERMEDIATE, ADVANCED = 1, 2, 3


def need(skill, headcount, country, level=INTERMEDIATE, days=100, **values):
    n = SkillNeed.objects.create(
        organisation=values.pop("organisation", None) or OrganisationFactory(),
        title=f"{skill.slug} {headcount}",
        kind=values.pop("kind", "hiring"),
        headcount=headcount,
        country=country,
        needed_by=timezone.localdate() + timedelta(days=days),
        **values,
    )
    NeedSkill.objects.create(need=n, skill=skill, level=level)
    return n


def programme(university, skill, intake, level=INTERMEDIATE, status="published"):
    p = Programme.objects.create(
        university=university, title_en=f"P {skill.slug} {intake} {level}",
        slug=f"p-{skill.slug}-{intake}-{level}-{university.pk}", degree="master", ects=120,
        intake=intake, status=status,
    )  # fmt: skip
    ProgrammeSkill.objects.create(programme=p, skill=skill, level=level)
    return p


@pytest.fixture
def world(db):
    grids = Skill.objects.create(name_en="smart grids", slug="smart-grids")
    solar = Skill.objects.create(name_en="solar energy", slug="solar-energy")
    graphene = Skill.objects.create(name_en="graphene", slug="graphene")
    almaty = UniversityFactory(country="KZ")
    tashkent = UniversityFactory(country="UZ")
    need(grids, 30, "KZ")
    need(grids, 10, "UZ", level=ADVANCED)
    need(solar, 20, "UZ")
    need(graphene, 5, "KZ", days=900)  # beyond a 24-month horizon
    programme(almaty, grids, 10)  # 10 × 2 years = 20 places, intermediate
    programme(tashkent, grids, 5, level=BASIC)  # cannot serve the advanced need
    programme(tashkent, solar, 25, level=ADVANCED)  # 50 places
    programme(almaty, solar, 100, status="draft")  # drafts never count
    return {"grids": grids, "solar": solar, "graphene": graphene, "almaty": almaty}


def _cells(rows):
    return {
        (row.skill.slug, place): (cell.demand, cell.supply, cell.gap)
        for row in rows
        for place, cell in row.cells.items()
        if cell.demand or cell.supply
    }


def test_every_cell_of_a_small_world(world):
    assert _cells(gap_table(GapFilters())) == {
        ("smart-grids", "KZ"): (30, 20, 10),
        ("smart-grids", "UZ"): (10, 0, 10),  # basic places do not serve an advanced need
        ("smart-grids", REGION): (40, 20, 20),
        ("solar-energy", "UZ"): (20, 50, -30),
        ("solar-energy", REGION): (20, 50, -30),
    }


def test_rows_are_sorted_by_largest_region_gap(world):
    assert [row.skill.slug for row in gap_table(GapFilters())] == ["smart-grids", "solar-energy"]


@pytest.mark.parametrize(
    ("demand", "supply", "expected"),
    [
        ({ADVANCED: 10}, {BASIC: 100}, 0),  # basic places never serve advanced demand
        ({BASIC: 10}, {ADVANCED: 4}, 4),  # advanced places serve basic demand
        ({ADVANCED: 5, BASIC: 5}, {ADVANCED: 8}, 8),  # spare advanced places cascade down
        ({INTERMEDIATE: 5}, {INTERMEDIATE: 9, BASIC: 3}, 12),  # all met: every place counts
    ],
)
def test_level_rule(demand, supply, expected):
    assert combine(demand, supply).supply == expected


def test_horizon_filter_brings_in_later_needs(world):
    rows = gap_table(GapFilters(horizon_months=36))
    assert ("graphene", "KZ") in _cells(rows)
    short = _cells(gap_table(GapFilters(horizon_months=6)))
    assert short[("smart-grids", "KZ")] == (30, 5, 25)  # 10 intake × half a year


def test_horizon_ends_on_the_same_day_months_later(db):
    skill = Skill.objects.create(name_en="hydro", slug="hydro")
    today = timezone.localdate()
    last_day = (months_ahead(6, today=today) - today).days
    need(skill, 4, "KZ", days=last_day)
    need(skill, 100, "KZ", days=last_day + 1)  # one day past the horizon
    assert _cells(gap_table(GapFilters(horizon_months=6)))[("hydro", "KZ")] == (4, 0, 4)


def test_hidden_and_closed_needs_ask_for_nothing(world):
    need(world["grids"], 50, "KZ", hidden=True)
    need(world["grids"], 50, "KZ", status=SkillNeed.Status.FILLED)
    assert _cells(gap_table(GapFilters()))[("smart-grids", "KZ")] == (30, 20, 10)


def test_kind_filter(world):
    need(world["grids"], 7, "KZ", kind="internships")
    rows = gap_table(GapFilters(kind="internships"))
    assert _cells(rows)[("smart-grids", "KZ")] == (7, 20, -13)


def test_page_shows_readable_cells_and_csv_matches(client, world):
    page = client.get(reverse("insights:gaps")).content.decode()
    # The gap in large type, what is asked and prepared below it.
    assert (
        '<td class="gap-cell gap-band-2"><span class="gap-main">10</span>'
        '<span class="gap-detail">asks 30 · prepares 20</span></td>'
    ) in page
    response = client.get(reverse("insights:gaps_csv"))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:5] == [
        "Skill", "Kazakhstan: demand", "Kazakhstan: supply", "Kazakhstan: gap",
        "Kazakhstan: coverage",
    ]  # fmt: skip
    assert rows[0][-5:] == [
        "Central Asia: demand", "Central Asia: supply", "Central Asia: gap",
        "Central Asia: coverage", "Theme",
    ]  # fmt: skip
    assert rows[1][:5] == ["smart grids", "30.0", "20.0", "10.0", "0.667"]
    assert rows[1][-5:] == ["40.0", "20.0", "20.0", "0.5", ""]


def test_a_surplus_reads_as_more_prepared_than_asked(client, world):
    page = client.get(reverse("insights:gaps")).content.decode()
    assert (
        '<td class="gap-cell gap-band-4"><span class="gap-surplus"><span class="gap-main">30'
        '</span> more prepared than asked</span><span class="gap-detail">asks 20 · prepares 50'
        "</span></td>"
    ) in page


def test_places_without_a_need_say_so(client, world):
    programme(world["almaty"], world["solar"], 4)  # taught in Kazakhstan, asked for in Uzbekistan
    page = client.get(reverse("insights:gaps")).content.decode()
    assert (
        '<td class="gap-cell gap-band-none"><span class="gap-detail">no need posted</span>'
        '<span class="gap-detail">prepares 8</span></td>'
    ) in page
    assert '<span class="visually-hidden">nothing asked or prepared</span>' in page


def test_exports_carry_the_theme_at_the_end(client, world):
    world["grids"].theme = ResearchArea.objects.get(slug="power-systems-smart-grids")
    world["grids"].save()
    rows = list(
        csv.reader(
            io.StringIO(client.get(reverse("insights:gaps_csv")).content.decode("utf-8-sig"))
        )
    )
    assert [row[-1] for row in rows] == ["Theme", "Power systems and smart grids", ""]
    response = client.get(reverse("insights:gaps_xlsx"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [row[-1].value for row in sheet.iter_rows()] == [
        "Theme",
        "Power systems and smart grids",
        None,
    ]
    assert sheet.max_column == 1 + 6 * 4 + 1
    assert sheet.freeze_panes == "B2"


def test_retired_skills_are_no_gap(world):
    world["solar"].retired_at = timezone.now()
    world["solar"].save()
    assert [row.skill.slug for row in gap_table(GapFilters())] == ["smart-grids"]


def test_rows_of_one_country_are_those_asked_or_taught_there_by_its_gap(world):
    rows = gap_table(GapFilters())
    assert [r.skill.slug for r in ordered_rows(rows, place="UZ")] == ["smart-grids", "solar-energy"]
    assert [r.skill.slug for r in ordered_rows(rows, place="KZ")] == ["smart-grids"]
    assert [r.skill.slug for r in ordered_rows(rows, place="TJ")] == []
    by_demand = ordered_rows(rows, sort="demand", place="UZ")
    assert [r.skill.slug for r in by_demand] == ["solar-energy", "smart-grids"]  # 20, then 10
    assert [r.skill.slug for r in ordered_rows(rows, sort="name")] == [
        "smart-grids",
        "solar-energy",
    ]


def test_the_country_filter_keeps_that_countrys_skills(client, world):
    response = client.get(reverse("insights:gaps"), {"country": "KZ"})
    assert [row.skill.slug for row in response.context["rows"]] == ["smart-grids"]
    assert response.context["place"] == "KZ"
    assert response.context["total"] == 1
    # The heatmap and the summary still show every country.
    assert len(response.context["summary"].countries) == 5


def test_xlsx_holds_the_same_table(client, world):
    response = client.get(reverse("insights:gaps_xlsx"), {"horizon": "24"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [cell.value for cell in sheet[2]][:3] == ["smart grids", 30, 20]


@pytest.mark.parametrize(
    "query", [{"horizon": "999"}, {"field": "zz"}, {"group": "x"}, {"sort": "?"}]
)
def test_bad_filters_fall_back_to_defaults(client, world, query):
    response = client.get(reverse("insights:gaps"), query)
    assert response.status_code == 200
    assert [row.skill.slug for row in response.context["rows"]] == ["smart-grids", "solar-energy"]


def _advised(world, **extra):
    """The advice to Almaty's university when its country also asks for hydrogen
    (a theme it has nothing in) and it is strong in power systems."""
    power = ResearchArea.objects.get(slug="power-systems-smart-grids")
    hydrogen_area = ResearchArea.objects.get(slug="hydrogen")
    Skill.objects.filter(pk=world["grids"].pk).update(theme=power)
    hydrogen = Skill.objects.create(
        name_en="electrolysers", slug="electrolysers", theme=hydrogen_area
    )
    need(hydrogen, 8, "KZ", level=ADVANCED)
    tashkent = UniversityFactory(country="UZ")
    programme(tashkent, hydrogen, 5, level=ADVANCED)
    Strength.objects.create(university=world["almaty"], area=power, level=2, statement_en="Grids")
    return university_advice(world["almaty"], GapFilters(), viewer=AnonymousUser()), tashkent


def test_advice_lists_what_is_short_by_theme_nearest_first(world):
    themes, tashkent = _advised(world)

    assert [(t.theme.slug, t.nearness, t.is_near) for t in themes] == [
        ("power-systems-smart-grids", 2 * 2 + 1, True),
        ("hydrogen", 0, False),
    ]
    grids, hydrogen = themes[0].skills[0], themes[1].skills[0]
    # Smart grids: Kazakhstan asks 30 at the intermediate level and prepares 20; the
    # region is 20 short; Almaty teaches it at the level asked; nobody else does.
    assert (grids.skill.slug, grids.level_asked, grids.taught_level, grids.teaches_enough) == (
        "smart-grids", INTERMEDIATE, INTERMEDIATE, True,
    )  # fmt: skip
    assert (grids.country.demand, grids.country.supply, grids.region.gap) == (30, 20, 20)
    assert grids.partners == []
    # The country's need first, then Uzbekistan's.
    assert [n.country for n in grids.needs] == ["KZ", "UZ"]
    assert (hydrogen.skill.slug, hydrogen.level_asked, hydrogen.taught_level) == (
        "electrolysers", ADVANCED, None,
    )  # fmt: skip
    assert hydrogen.partners == [tashkent]
    assert [n.headcount for n in hydrogen.needs] == [8]


def test_advice_leaves_out_what_is_prepared_everywhere_and_needs_the_reader_may_not_see(world):
    SkillNeed.objects.filter(country="UZ", need_skills__skill=world["grids"]).update(
        visibility="members"
    )
    themes, _tashkent = _advised(world)

    skills = [a.skill.slug for t in themes for a in t.skills]
    assert skills == ["smart-grids", "electrolysers"]  # solar energy is prepared enough
    assert [n.country for n in themes[0].skills[0].needs] == ["KZ"]


def test_university_gaps_page(client, world):
    _advised(world)
    response = client.get(reverse("insights:university_gaps", args=[world["almaty"].slug]))
    assert response.status_code == 200
    page = response.content.decode()
    assert page.index("Near your strengths and programmes") < page.index("smart grids")
    assert page.index("smart grids") < page.index("Further from your profile")
    assert page.index("Further from your profile") < page.index("electrolysers")
    assert "Kazakhstan: industry asks for 30, programmes prepare about 20" in page
    assert "You teach it at the level asked: more places would help." in page
    assert "You do not teach it yet." in page


def test_university_gaps_page_without_shortage_says_so(client, world):
    SkillNeed.objects.all().delete()
    response = client.get(reverse("insights:university_gaps", args=[world["almaty"].slug]))
    assert "No skill is short in your country or in the region" in response.content.decode()


def test_snapshot_is_taken_once_a_month(world):
    assert take_gap_snapshot() is True
    assert take_gap_snapshot() is False
    snapshot = GapSnapshot.objects.get()
    assert snapshot.month == timezone.localdate().replace(day=1)
    assert snapshot.region_totals()[world["grids"].pk] == (40, 20)


@pytest.mark.parametrize("role", ["anonymous", "student", "partner", "staff_editor", "coordinator"])
def test_dashboard_is_for_coordinators(client, request, role, world):
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))
    response = client.get(reverse("insights:coordination"))
    assert response.status_code == (
        302 if role == "anonymous" else 200 if role == "coordinator" else 403
    )


def test_dashboard_shows_what_widened_since_the_snapshot(client, coordinator, world):
    take_gap_snapshot()
    need(world["solar"], 100, "UZ")
    client.force_login(coordinator)
    response = client.get(reverse("insights:coordination"))
    widened = response.context["widened_skills"][0]
    assert (widened.skill, widened.change) == (world["solar"], 100)
    assert response.context["widened_countries"][0].label == "Uzbekistan"
    assert response.context["counts"]["open_needs"] == 5


def test_page_and_exports_show_the_first_hundred_rows_unless_all_are_asked(client, db):
    skills = Skill.objects.bulk_create(
        Skill(name_en=f"skill {i:03d}", slug=f"s{i}") for i in range(105)
    )
    organisation = OrganisationFactory()
    for index, skill in enumerate(skills):
        need(skill, index + 1, "KZ", organisation=organisation)
    response = client.get(reverse("insights:gaps"))
    assert len(response.context["rows"]) == 100
    assert response.context["total"] == 105
    assert "Show every skill" in response.content.decode()
    assert len(client.get(reverse("insights:gaps"), {"all": "1"}).context["rows"]) == 105
    csv_rows = list(
        csv.reader(
            io.StringIO(client.get(reverse("insights:gaps_csv")).content.decode("utf-8-sig"))
        )
    )
    assert len(csv_rows) == 101  # the header and the rows shown
    all_rows = client.get(reverse("insights:gaps_csv"), {"all": "1"}).content.decode("utf-8-sig")
    assert len(list(csv.reader(io.StringIO(all_rows)))) == 106


def test_the_table_is_computed_once_per_change_of_the_content(world, django_assert_num_queries):
    cached_gap_table(GapFilters())
    with django_assert_num_queries(0):
        rows = cached_gap_table(GapFilters())
    assert _cells(rows)[("smart-grids", "KZ")] == (30.0, 20.0, 10.0)

    need(world["grids"], 12, "KZ")  # the save retires the stored table

    # 1. the demand, grouped; 2. the supply; 3. the skills of the rows (read again: the
    # need's new organisation is a change named on every page)
    with django_assert_num_queries(3):
        rows = cached_gap_table(GapFilters())
    assert _cells(rows)[("smart-grids", "KZ")] == (42.0, 20.0, 22.0)
    assert _cells(cached_gap_table(GapFilters(kind="internship"))) == {}


def test_a_programmes_change_reads_only_the_supply_again(world, django_assert_num_queries):
    before = _cells(cached_gap_table(GapFilters()))
    assert before[("smart-grids", "KZ")] == (30.0, 20.0, 10.0)
    taught = ProgrammeSkill.objects.get(skill=world["grids"], programme__university=world["almaty"])
    taught.level = BASIC  # its 20 places no longer serve the intermediate need
    taught.save()

    # The supply only: the demand is kept while the needs are unchanged, and the
    # skills' names while no skill changes.
    with django_assert_num_queries(1):
        rows = cached_gap_table(GapFilters())
    assert _cells(rows)[("smart-grids", "KZ")] == (30.0, 0.0, 30.0)
    assert _cells(rows)[("solar-energy", "UZ")] == before[("solar-energy", "UZ")]


def test_a_renamed_skill_shows_by_its_new_name(world):
    cached_gap_table(GapFilters())
    world["grids"].name_en = "smart power grids"
    world["grids"].save()
    names = {row.skill.slug: row.skill.name_en for row in cached_gap_table(GapFilters())}
    assert names["smart-grids"] == "smart power grids"


@pytest.mark.parametrize(
    ("number", "shown"), [(2.5, 3), (2.4999, 2), (-2.5, -3), (-0.4, 0), (12.0, 12)]
)
def test_cells_round_half_away_from_zero_as_floatformat_does(number, shown):
    assert whole(number) == shown == int(floatformat(number, 0))


def test_the_page_speaks_russian(client, world):
    world["grids"].name_ru = "умные сети"
    world["grids"].save()
    page = client.get("/ru" + reverse("insights:gaps")).content.decode()
    assert "<li>Казахстан: умные сети (разрыв 10).</li>" in page
    assert '<span class="gap-main">10</span>' in page


def test_the_theme_filter_keeps_the_skills_of_that_theme(client):
    grids = ResearchArea.objects.get(slug="power-systems-smart-grids")
    hydrogen = ResearchArea.objects.get(slug="hydrogen")
    grid_skill = Skill.objects.create(name_en="grid codes", slug="grid-codes", theme=grids)
    gas_skill = Skill.objects.create(name_en="electrolysers", slug="electrolysers", theme=hydrogen)
    need(grid_skill, 10, "KZ")
    need(gas_skill, 10, "KZ")
    response = client.get(reverse("insights:gaps"), {"theme": "hydrogen"})
    assert [row.skill.slug for row in response.context["rows"]] == ["electrolysers"]
    response = client.get(reverse("insights:gaps"), {"theme": "nowhere"})
    assert {row.skill.slug for row in response.context["rows"]} == {"grid-codes", "electrolysers"}
