"""A skill merge moves every reference to the duplicate, of any app, to the survivor."""

from datetime import timedelta

import pytest
from django.db import models
from django.urls import reverse
from django.utils import timezone

from core import relations
from curricula import services
from curricula.forms import find_skill
from curricula.models import LearningOutcome, Programme, ProgrammeSkill, Skill, SkillMerge
from events.models import Event
from industry.models import NeedSkill, SkillNeed
from knowledge.models import KnowledgeItem
from programme.models import Call, Contribution, Track
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

# Every relation to Skill, by "app.model.field", as the merge handles it: "moved" (a
# plain foreign key, re-pointed), "folded" (a unique link: a row the survivor already
# has is folded into it, at the higher level), "self" (narrower skills). A relation
# added to Skill anywhere fails test_every_relation_to_skill_is_handled until it is
# listed here and a test below proves that a merge keeps it.
HANDLED = {
    "curricula.skill.broader": "self",
    # The change records of narrower skills: they name the survivor after a merge.
    "curricula.historicalskill.broader": "moved",
    "curricula.skillmerge.survivor": "moved",
    "curricula.programmeskill.skill": "folded",
    "industry.needskill.skill": "folded",
    "events.event_skills.skill": "folded",
    "knowledge.knowledgeitem_skills.skill": "folded",
    "programme.contribution_skills.skill": "folded",
    # A learning outcome names one skill: it names the survivor after a merge.
    "curricula.learningoutcome.skill": "moved",
}


@pytest.fixture
def coal(db):
    return Skill.objects.create(
        name_en="Graphene production from coal",
        name_ru="Производство графена из угля",
        slug="graphene-production-from-coal",
        alt_labels="coal-derived graphene",
    )


@pytest.fixture
def graphene(db):
    return Skill.objects.create(
        name_en="Graphene production", name_ru="Производство графена", slug="graphene-production"
    )


def _programme(university, slug, **values):
    return Programme.objects.create(
        university=university, title_en=slug.title(), slug=slug, degree="master", ects=120,
        status=Programme.Status.PUBLISHED, **values,
    )  # fmt: skip


def _need(organisation, title, skills):
    need = SkillNeed.objects.create(
        organisation=organisation, title=title, kind=SkillNeed.Kind.HIRING, headcount=2,
        country="KZ", needed_by=timezone.localdate() + timedelta(days=90),
    )  # fmt: skip
    for skill, level in skills:
        NeedSkill.objects.create(need=need, skill=skill, level=level)
    need.refresh_search_document()
    return need


def _event(title, skills):
    start = timezone.now() + timedelta(days=5)
    event = Event.objects.create(
        title_en=title, kind=Event.Kind.WEBINAR, format=Event.Format.ONLINE, start=start,
        end=start + timedelta(hours=1), time_zone="Asia/Almaty", status=Event.Status.PUBLISHED,
    )  # fmt: skip
    event.skills.set(skills)
    return event


def _kind(reference):
    if reference.model is Skill:
        return "self"
    return "folded" if reference.unique_sets else "moved"


def test_every_relation_to_skill_is_handled():
    # Found through _meta, hidden relations (related_name="+", many-to-many tables)
    # included: a relation nobody listed here would be moved blindly, or not at all.
    found = {reference.key: _kind(reference) for reference in relations.references(Skill)}
    assert found == HANDLED
    many_to_many = {
        f"{relation.related_model._meta.label_lower}.{relation.field.name}"
        for relation in Skill._meta.get_fields(include_hidden=True)
        if relation.auto_created and relation.many_to_many
    }
    assert many_to_many == {"curricula.programme.skills", "industry.skillneed.skills",
                            "events.event.skills", "knowledge.knowledgeitem.skills",
                            "programme.contribution.skills"}  # fmt: skip


def test_a_learning_outcome_keeps_its_skill_through_a_merge(
    coal, graphene, university, coordinator
):
    programme = _programme(university, "carbon-materials")
    outcome = LearningOutcome.objects.create(
        programme=programme, text_en="Runs a graphene pilot line.", skill=coal, level=3
    )
    services.skill_merge(duplicate=coal, into=graphene, by=coordinator)
    outcome.refresh_from_db()
    assert (outcome.skill, outcome.level) == (graphene, 3)


def test_a_need_and_an_event_keep_their_skill_through_a_merge(
    coal, graphene, organisation, coordinator
):
    need = _need(organisation, "Graphene plant engineers", [(coal, 3)])
    event = _event("Graphene from coal", [coal])
    services.skill_merge(duplicate=coal, into=graphene, by=coordinator)
    assert list(need.need_skills.values_list("skill__slug", "level")) == [
        ("graphene-production", 3)
    ]
    assert list(event.skills.values_list("slug", flat=True)) == ["graphene-production"]
    assert list(SkillNeed.objects.search("graphene production")) == [need]


def test_links_to_both_skills_fold_into_one_at_the_higher_level(
    coal, graphene, organisation, university
):
    both = _need(organisation, "Both", [(coal, 3), (graphene, 1)])
    lower = _need(organisation, "Lower", [(coal, 1), (graphene, 2)])
    event = _event("Both", [coal, graphene])
    programme = _programme(university, "both")
    ProgrammeSkill.objects.create(programme=programme, skill=coal, level=1)
    ProgrammeSkill.objects.create(programme=programme, skill=graphene, level=2)

    record = services.skill_merge(duplicate=coal, into=graphene)

    assert sorted(NeedSkill.objects.values_list("need__title_en", "skill__slug", "level")) == [
        ("Both", "graphene-production", 3),
        ("Lower", "graphene-production", 2),
    ]
    assert list(event.skills.values_list("slug", flat=True)) == ["graphene-production"]
    assert list(programme.programme_skills.values_list("skill__slug", "level")) == [
        ("graphene-production", 2)
    ]
    assert record.moved == {
        "curricula.programmeskill.skill": 1,
        "industry.needskill.skill": 2,
        "events.event_skills.skill": 1,
    }
    assert (both.need_skills.count(), lower.need_skills.count()) == (1, 1)


def test_narrower_skills_and_earlier_merges_move_to_the_survivor(coal, graphene):
    narrower = Skill.objects.create(name_en="Coal pitch graphene", slug="pitch", broader=coal)
    older = Skill.objects.create(name_en="Coal graphene", slug="coal-graphene")
    services.skill_merge(duplicate=older, into=coal)
    graphene.broader = coal
    graphene.save()

    services.skill_merge(duplicate=coal, into=graphene)

    narrower.refresh_from_db()
    graphene.refresh_from_db()
    assert (narrower.broader, graphene.broader) == (graphene, None)
    assert sorted(SkillMerge.objects.values_list("slug", "survivor__slug")) == [
        ("coal-graphene", "graphene-production"),
        ("graphene-production-from-coal", "graphene-production"),
    ]


def test_the_merged_names_stay_as_alternative_labels_and_still_find_the_survivor(
    client, coal, graphene, university
):
    programme = _programme(university, "carbon")
    ProgrammeSkill.objects.create(programme=programme, skill=coal)
    services.skill_merge(duplicate=coal, into=graphene)
    graphene.refresh_from_db()
    assert graphene.alt_label_list() == [
        "Graphene production from coal",
        "Производство графена из угля",
        "coal-derived graphene",
    ]
    for name in ("graphene production from coal", "Производство графена из угля",
                 "graphene-production-from-coal"):  # fmt: skip
        assert find_skill(name) == graphene
    listed = client.get(reverse("curricula:skill_list"), {"q": "from coal"})
    assert [skill.slug for skill in listed.context["skills"]] == ["graphene-production"]
    assert list(Programme.objects.search("графена из угля")) == [programme]
    catalogue = client.get(
        reverse("curricula:programme_list"), {"skill": "Graphene production from coal"}
    )
    assert [p.slug for p in catalogue.context["programmes"]] == ["carbon"]


def test_the_old_address_redirects_for_good(client, coal, graphene):
    services.skill_merge(duplicate=coal, into=graphene)
    response = client.get("/skills/graphene-production-from-coal/")
    assert (response.status_code, response["Location"]) == (301, "/skills/graphene-production/")
    assert client.get("/skills/never-was/").status_code == 404


def test_a_merged_address_is_not_given_to_a_new_skill(coal, graphene):
    services.skill_merge(duplicate=coal, into=graphene)
    again = services.skill_create(values={"name_en": "Graphene production from coal"})
    assert again.slug == "graphene-production-from-coal-2"


def test_coordinators_see_who_merged_what_on_the_survivors_page(
    client, coal, graphene, coordinator, student
):
    former_id = coal.pk
    services.skill_merge(duplicate=coal, into=graphene, by=coordinator)
    record = SkillMerge.objects.get()
    assert (record.survivor, record.name_en, record.merged_by, record.former_id) == (
        graphene, "Graphene production from coal", coordinator, former_id,
    )  # fmt: skip
    client.force_login(coordinator)
    page = client.get(graphene.get_absolute_url()).content.decode()
    assert "Merged into this skill" in page
    assert "“Graphene production from coal” (graphene-production-from-coal), by" in page
    client.force_login(student)
    assert "Merged into this skill" not in client.get(graphene.get_absolute_url()).content.decode()


def test_the_merge_page_says_what_will_move_and_asks_to_confirm(
    client, coordinator, coal, graphene, organisation, university
):
    _need(organisation, "Plant", [(coal, 2)])
    _event("Webinar", [coal])
    ProgrammeSkill.objects.create(programme=_programme(university, "p"), skill=coal)
    client.force_login(coordinator)
    url = reverse("curricula:skill_merge", args=[coal.slug])
    page = client.get(url).content.decode()
    for line in ("Programme skills: 1", "Skills asked for: 1", "Events: 1"):
        assert f"<li>{line}</li>" in page
    preview = client.post(url, {"into": "Graphene production"}).content.decode()
    assert "Merge “Graphene production from coal” into “Graphene production”?" in preview
    assert Skill.objects.filter(pk=coal.pk).exists()
    response = client.post(url, {"into": "graphene-production", "confirm": "1"})
    assert response.url == graphene.get_absolute_url()
    assert not Skill.objects.filter(pk=coal.pk).exists()


def test_merging_twice_says_it_is_done_instead_of_failing(client, coordinator, coal, graphene):
    client.force_login(coordinator)
    url = reverse("curricula:skill_merge", args=[coal.slug])
    data = {"into": "graphene-production", "confirm": "1"}
    client.post(url, data, follow=True)  # the first shows its own message
    again = client.post(url, data, follow=True)
    assert again.redirect_chain == [(graphene.get_absolute_url(), 302)]
    assert [str(m) for m in again.context["messages"]] == [
        "“Graphene production from coal” has already been merged into “Graphene production”."
    ]


def test_a_merge_whose_skill_went_meanwhile_is_refused_with_a_message(coal, graphene):
    stale = Skill.objects.get(pk=coal.pk)
    services.skill_merge(duplicate=coal, into=graphene)
    with pytest.raises(services.SkillMergeError, match="already been merged into"):
        services.skill_merge(duplicate=stale, into=graphene)
    gone_target = Skill.objects.create(name_en="Other", slug="other")
    with pytest.raises(services.SkillMergeError, match="no longer exists"):
        services.skill_merge(duplicate=gone_target, into=stale)


def test_a_skill_taught_by_a_programme_cannot_be_deleted_outright(coal, university):
    ProgrammeSkill.objects.create(programme=_programme(university, "p"), skill=coal)
    with pytest.raises(models.ProtectedError):
        coal.delete()


def test_the_admin_says_why_a_skill_cannot_be_deleted(admin_client, coal, university):
    ProgrammeSkill.objects.create(programme=_programme(university, "p"), skill=coal)
    page = admin_client.get(reverse("admin:curricula_skill_delete", args=[coal.pk]))
    assert "This skill cannot be deleted: universities' programmes teach it" in page.text
    assert "merge it into that skill on its page in the site" in page.text


def test_after_a_merge_no_relation_of_any_app_points_at_the_merged_skill(
    coal, graphene, organisation, university
):
    older = Skill.objects.create(name_en="Coal graphene", slug="coal-graphene")
    services.skill_merge(duplicate=older, into=coal)  # a merge record pointing at coal
    Skill.objects.create(name_en="Pitch graphene", slug="pitch", broader=coal)
    ProgrammeSkill.objects.create(programme=_programme(university, "p"), skill=coal)
    LearningOutcome.objects.create(
        programme=_programme(university, "q"), text_en="Makes graphene.", skill=coal
    )
    _need(organisation, "Plant", [(coal, 2)])
    _event("Webinar", [coal])
    item = KnowledgeItem.objects.create(
        title_en="Coal to graphene", kind=KnowledgeItem.Kind.REPORT, external_url="https://e.org/r"
    )
    item.skills.set([coal])
    event = _event("Conference", [])
    call = Call.objects.create(event=event, opens_at=event.start, closes_at=event.end)
    contribution = Contribution.objects.create(
        call=call, submitter=UserFactory(), title="Graphene from coal", abstract="A",
        kind="talk", track=Track.objects.create(call=call, name_en="Coal"), language="en",
    )  # fmt: skip
    contribution.skills.set([coal])
    found = relations.references(Skill)

    def pointing_at(skill):
        return [
            r.key
            for r in found
            if r.model._base_manager.filter(**{r.field.attname: skill.pk}).exists()
        ]

    assert sorted(pointing_at(coal)) == sorted(HANDLED)
    services.skill_merge(duplicate=coal, into=graphene)
    assert (pointing_at(coal), sorted(pointing_at(graphene))) == ([], sorted(HANDLED))
