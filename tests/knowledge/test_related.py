"""What an item page shows beside it: items on the same themes or skills, open needs
asking for its skills and programmes teaching them."""

from datetime import timedelta

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone

from curricula.models import Programme, ProgrammeSkill, Skill
from events.models import Event
from industry.models import NeedSkill, SkillNeed
from knowledge.models import KnowledgeItem
from knowledge.related import (
    event_materials,
    related_events,
    related_items,
    related_needs,
    related_programmes,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def skill(db):
    return Skill.objects.create(name_en="Electrolysis", slug="knowledge-electrolysis")


def test_related_items_share_a_theme_or_a_skill(make_item, area, skill):
    item = make_item("Roadmap", themes=[area])
    by_theme = make_item("Valley", themes=[area], published_on="2024-01-01")
    by_skill = make_item("Electrolysers", skills=[skill], published_on="2023-01-01")
    item.skills.set([skill])
    make_item("Unrelated")
    make_item("Draft on the theme", themes=[area], status=KnowledgeItem.Status.DRAFT)

    assert related_items(item) == [by_theme, by_skill]


def test_related_needs_and_programmes_follow_the_skills(
    make_item, skill, university, organisation, student
):
    item = make_item(skills=[skill])
    need = SkillNeed.objects.create(
        organisation=organisation, title="Electrolyser technicians", kind="hiring",
        headcount=2, country="KZ", needed_by="2099-01-01",
    )  # fmt: skip
    NeedSkill.objects.create(need=need, skill=skill)
    programme = Programme.objects.create(
        university=university, title_en="Hydrogen MSc", slug="hydrogen-msc",
        degree="master", ects=120, status="published",
    )  # fmt: skip
    ProgrammeSkill.objects.create(programme=programme, skill=skill)

    assert related_needs(item, user=student) == [need]
    assert related_programmes(item) == [programme]


def test_the_search_finds_an_item_by_its_themes_name_in_another_script(make_item, area):
    item = make_item("Green hydrogen roadmap", themes=[area])

    assert list(KnowledgeItem.objects.search("водород")) == [item]


def test_profiles_list_what_an_institution_published(make_item, university):
    make_item("Published", universities=[university])
    make_item("Draft", universities=[university], status=KnowledgeItem.Status.DRAFT)

    html = Template("{% load knowledge_tags %}{% published_by university %}").render(
        Context({"university": university})
    )

    assert html.count("<li") == 1
    assert "Published" in html


def _event(title, *, days, recording="", status="published", areas=(), skills=()):
    start = timezone.now() + timedelta(days=days)
    event = Event.objects.create(
        kind="webinar", format="online", title_en=title, start=start,
        end=start + timedelta(hours=1), time_zone="Asia/Almaty", status=status,
        recording_url=recording,
    )  # fmt: skip
    event.areas.set(areas)
    event.skills.set(skills)
    return event


def test_related_events_are_the_coming_ones_then_past_ones_with_materials(make_item, area, skill):
    item = make_item(themes=[area])
    item.skills.set([skill])
    later = _event("Later webinar", days=20, areas=[area])
    soon = _event("Soon webinar", days=2, skills=[skill])
    recorded = _event("Recorded webinar", days=-10, areas=[area], recording="https://v.example/1")
    _event("Past without materials", days=-5, areas=[area])
    _event("Draft webinar", days=3, areas=[area], status="draft")
    _event("Other theme", days=4)

    assert related_events(item) == [soon, later, recorded]


def test_the_library_shows_past_events_materials_without_copying_them(client, area):
    recorded = _event("Grid codes webinar", days=-3, areas=[area], recording="https://v.example/2")
    _event("Coming webinar", days=3, areas=[area], recording="https://v.example/3")

    assert event_materials() == [recorded]
    assert event_materials(theme=area) == [recorded]
    page = client.get(reverse("knowledge:library")).content.decode()
    assert "Grid codes webinar" in page
    assert 'href="https://v.example/2"' in page
    assert "Coming webinar" not in page


def test_event_materials_follow_the_librarys_theme_and_skill(client, area, skill):
    on_skill = _event("Electrolysis webinar", days=-2, skills=[skill], recording="https://v/4")
    _event("Another webinar", days=-3, recording="https://v/5")

    assert event_materials(skill=skill) == [on_skill]
    by_skill = client.get(reverse("knowledge:library"), {"skill": "Electrolysis"})
    assert [e.pk for e in by_skill.context["event_materials"]] == [on_skill.pk]
    unknown = client.get(reverse("knowledge:library"), {"skill": "no such skill"})
    assert "event_materials" not in unknown.context
    by_kind = client.get(reverse("knowledge:library"), {"kind": "report"})
    assert "event_materials" not in by_kind.context
