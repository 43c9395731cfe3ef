"""One search over everything, across scripts and languages."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from curricula.models import Programme, Skill
from events.models import Event
from industry.models import SkillNeed
from knowledge.models import KnowledgeItem
from tests.factories import OrganisationFactory, UniversityFactory

pytestmark = pytest.mark.django_db


def _event(title_en, title_ru="", **values):
    start = timezone.now() + timedelta(days=10)
    values = {"kind": "webinar", "format": "online", "status": "published", **values}
    return Event.objects.create(
        title_en=title_en, title_ru=title_ru, start=start, end=start + timedelta(hours=1), **values
    )


def _programme(university, title_en, **values):
    return Programme.objects.create(
        university=university, title_en=title_en, slug=title_en.lower().replace(" ", "-"),
        degree="master", ects=120, status="published", **values,
    )  # fmt: skip


@pytest.fixture
def world():
    satbayev = UniversityFactory(name_en="Satbayev University", name_ru="Satbayev Университет")
    other = UniversityFactory(name_en="Tashkent State Technical University")
    _programme(satbayev, "Power Systems", description_ru="Водородная энергетика и сети.")
    _programme(other, "Mining Engineering")
    Skill.objects.create(
        name_en="electrolyser operation",
        name_ru="эксплуатация водородных электролизёров",
        slug="electrolysers",
    )
    _event("Green hydrogen webinar", "Вебинар о зелёном водороде")
    _event("Grid codes webinar", host=satbayev, format="hybrid", venue_en="Hall A")
    organisation = OrganisationFactory()
    SkillNeed.objects.create(
        organisation=organisation, title_en="Hydrogen engineers", title_ru="Инженеры по водороду",
        kind="hiring", headcount=3, country="KZ",
        needed_by=timezone.localdate() + timedelta(days=60),
    )  # fmt: skip
    return {"satbayev": satbayev}


def _counts(response):
    return {f.section.key: f.count for f in response.context["found"]}


def test_a_name_in_another_script_finds_the_university_its_programmes_and_events(client, world):
    response = client.get(reverse("search"), {"q": "Сатпаев"})
    assert _counts(response) == {
        "universities": 1, "programmes": 1, "skills": 0, "needs": 0, "events": 1,
        "knowledge": 0,
    }  # fmt: skip
    html = response.content.decode()
    assert "Satbayev University" in html
    assert "Grid codes webinar" in html


def test_a_russian_word_finds_what_is_written_in_russian_of_every_type(client, world):
    response = client.get(reverse("search"), {"q": "водород"})
    counts = _counts(response)
    assert counts["events"] == 1
    assert counts["needs"] == 1
    assert counts["skills"] == 1
    assert response.context["total"] == sum(counts.values())


def test_one_type_shows_only_that_type(client, world):
    response = client.get(reverse("search"), {"q": "webinar", "type": "events"})
    assert [f.section.key for f in response.context["found"]] == ["events"]
    assert len(response.context["found"][0].items) == 2
    response = client.get(reverse("search"), {"q": "webinar", "type": "nonsense"})
    assert len(response.context["found"]) == 6


def test_an_empty_or_silly_query_is_answered_plainly(client, world):
    assert client.get(reverse("search")).context["found"] == []
    response = client.get(reverse("search"), {"q": "%%%'\"<>" * 80})
    assert response.status_code == 200
    assert response.context["total"] == 0
    assert "Nothing matches this search." in response.content.decode()


def test_members_only_needs_stay_hidden_from_visitors(client, world):
    SkillNeed.objects.update(visibility=SkillNeed.Visibility.MEMBERS)
    assert _counts(client.get(reverse("search"), {"q": "hydrogen"}))["needs"] == 0


@pytest.mark.parametrize("count", [1, 12])
def test_search_runs_fixed_queries(client, django_assert_num_queries, count):
    university = UniversityFactory(name_en="Hydrogen Institute")
    for i in range(count):
        _programme(university, f"Hydrogen {i}")
        _event(f"Hydrogen talk {i}")
    # Per section a count (6), then the first results of the 5 sections that have
    # some (the programmes' universities come joined): 11. Whether demo data is
    # loaded is cached.
    with django_assert_num_queries(11):
        response = client.get(reverse("search"), {"q": "hydrogen"})
    assert _counts(response)["programmes"] == count


def test_a_published_knowledge_item_is_found_in_the_other_script(client, world):
    item = KnowledgeItem.objects.create(
        title_en="Guidance on grid storage", title_ru="Рекомендации по накопителям для сетей",
        kind=KnowledgeItem.Kind.GUIDANCE, external_url="https://example.org/g",
        status=KnowledgeItem.Status.PUBLISHED,
    )  # fmt: skip
    KnowledgeItem.objects.create(
        title_en="Draft on grid storage", kind=KnowledgeItem.Kind.REPORT,
        external_url="https://example.org/d",
    )  # fmt: skip
    response = client.get(reverse("search"), {"q": "накопител", "type": "knowledge"})
    assert response.context["found"][0].items == [item]
