"""What an item page shows beside it: items on the same themes or skills, open needs
asking for its skills and programmes teaching them."""

import pytest
from django.template import Context, Template

from curricula.models import Programme, ProgrammeSkill, Skill
from industry.models import NeedSkill, SkillNeed
from knowledge.models import KnowledgeItem
from knowledge.related import related_items, related_needs, related_programmes

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
