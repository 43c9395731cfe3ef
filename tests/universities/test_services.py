"""The writes of universities: profile, strengths, activities, verification, research areas."""

import pytest
from django.test import RequestFactory

from core.rows import Row
from tests.factories import UserFactory
from universities import services
from universities.authors import change_author, changes_by
from universities.models import Activity, Language, ResearchArea, Strength, University

pytestmark = pytest.mark.django_db


@pytest.fixture
def hydrogen(db):
    return ResearchArea.objects.get(slug="hydrogen")


@pytest.fixture
def grids(db):
    return ResearchArea.objects.get(slug="power-systems-smart-grids")


def _authors(history):
    return [(record.history_type, record.history_user) for record in history.order_by("pk")]


def test_university_create_saves_the_profile_and_records_its_author(coordinator):
    kazakh = Language.objects.get(code="kk")
    university = services.university_create(
        values={"slug": "kstu", "name_en": "Karaganda Technical University", "country": "KZ",
                "languages": [kazakh], "verified": True},
        by=coordinator,
    )  # fmt: skip
    university.refresh_from_db()
    assert (university.slug, university.verified) == ("kstu", True)
    assert list(university.languages.all()) == [kazakh]
    assert university in University.objects.search("karaganda")
    assert _authors(university.history) == [("+", coordinator)]


def test_university_update_saves_values_and_records_the_author(university, staff_editor):
    russian = Language.objects.get(code="ru")
    services.university_update(
        university=university,
        values={"city_en": "Astana", "short_name": "KazNTU", "languages": [russian]},
        by=staff_editor,
    )
    university.refresh_from_db()
    assert (university.city, university.short_name) == ("Astana", "KazNTU")
    assert list(university.languages.all()) == [russian]
    assert university in University.objects.search("kazntu")
    assert _authors(university.history) == [("+", None), ("~", staff_editor)]


def test_university_update_without_an_author_records_none(university):
    services.university_update(university=university, values={"city_en": "Astana"}, by=None)
    assert _authors(university.history) == [("+", None), ("~", None)]


def test_strengths_replace_adds_changes_and_removes_with_their_author(
    university, staff_editor, hydrogen, grids
):
    kept = Strength.objects.create(university=university, area=hydrogen, level=1)
    dropped = Strength.objects.create(university=university, area=grids, level=2)
    batteries = ResearchArea.objects.get(slug="e-mobility-batteries")
    saved = services.strengths_replace(
        university=university,
        rows=[
            Row(pk=kept.pk, values={"area": hydrogen, "level": 3, "statement_en": "Lab"}),
            Row(pk=dropped.pk, delete=True),
            Row(pk=None, values={"area": batteries, "level": 2}),
        ],
        by=staff_editor,
    )
    assert sorted((s.area.slug, s.level) for s in saved) == [
        ("e-mobility-batteries", 2),
        ("hydrogen", 3),
    ]
    assert sorted(university.strengths.values_list("area__slug", "level")) == [
        ("e-mobility-batteries", 2),
        ("hydrogen", 3),
    ]
    records = Strength.history.filter(history_user=staff_editor)
    assert sorted(records.values_list("history_type", "area__slug")) == [
        ("+", "e-mobility-batteries"),
        ("-", "power-systems-smart-grids"),
        ("~", "hydrogen"),
    ]


def test_strengths_replace_refuses_another_universitys_row_and_saves_nothing(
    university, other_university, staff_editor, hydrogen, grids
):
    theirs = Strength.objects.create(university=other_university, area=grids, level=1)
    with pytest.raises(ValueError, match="is not"):
        services.strengths_replace(
            university=university,
            rows=[
                Row(pk=None, values={"area": hydrogen, "level": 1}),
                Row(pk=theirs.pk, values={"area": grids, "level": 3}),
            ],
            by=staff_editor,
        )
    assert not university.strengths.exists()
    theirs.refresh_from_db()
    assert theirs.level == 1


def test_activities_replace_adds_and_removes_with_their_author(university, staff_editor):
    old = Activity.objects.create(
        university=university, kind=Activity.Kind.MOBILITY, title="Old", start_year=2019
    )
    saved = services.activities_replace(
        university=university,
        rows=[
            Row(pk=old.pk, delete=True),
            Row(
                pk=None,
                values={"kind": "laboratory", "title_en": "Graphene lab", "start_year": 2021},
            ),
        ],
        by=staff_editor,
    )
    assert [a.title for a in saved] == ["Graphene lab"]
    assert list(university.activities.values_list("title_en", flat=True)) == ["Graphene lab"]
    assert sorted(
        Activity.history.filter(history_user=staff_editor).values_list("history_type", "title_en")
    ) == [("+", "Graphene lab"), ("-", "Old")]


@pytest.mark.parametrize("verified", [True, False])
def test_university_verify_sets_the_mark_and_records_the_coordinator(
    university, coordinator, verified
):
    university.verified = not verified
    university.save()
    before = university.updated_at
    services.university_verify(university=university, verified=verified, by=coordinator)
    university.refresh_from_db()
    assert university.verified is verified
    assert university.updated_at > before
    latest = university.history.latest("history_date")
    assert (latest.verified, latest.history_user) == (verified, coordinator)


def test_research_area_create_makes_a_free_slug():
    ResearchArea.objects.create(name_en="Geothermal", slug="geothermal")
    area = services.research_area_create(
        values={"name_en": "Geothermal", "name_ru": "Геотермальная энергия", "position": 5}
    )
    area.refresh_from_db()
    assert (area.slug, area.name_ru, area.position) == ("geothermal-2", "Геотермальная энергия", 5)


def test_research_area_update_keeps_the_slug(hydrogen):
    services.research_area_update(area=hydrogen, values={"name_en": "Green hydrogen"})
    hydrogen.refresh_from_db()
    assert (hydrogen.slug, hydrogen.name_en) == ("hydrogen", "Green hydrogen")


def test_change_author_is_the_named_author_else_the_signed_in_user():
    named, signed_in = UserFactory(), UserFactory()
    request = RequestFactory().get("/")
    request.user = signed_in
    assert change_author(request) == signed_in
    assert change_author(None) is None
    with changes_by(named):
        assert change_author(request) == named
    assert change_author(request) == signed_in


def test_changes_by_none_leaves_the_author_to_the_request():
    signed_in = UserFactory()
    request = RequestFactory().get("/")
    request.user = signed_in
    with changes_by(None):
        assert change_author(request) == signed_in
