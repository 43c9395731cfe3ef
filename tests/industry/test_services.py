"""The industry services take models and plain values: needs with their skill rows,
organisation profiles, nudges."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from core import phrases
from core.models import OutboxMessage
from core.rows import Row
from industry import services
from industry.models import NeedSkill, SkillNeed

pytestmark = pytest.mark.django_db


def _values(**overrides):
    values = {
        "title_en": "Battery engineers",
        "kind": SkillNeed.Kind.HIRING,
        "headcount": 4,
        "country": "UZ",
        "needed_by": timezone.localdate() + timedelta(days=60),
        "visibility": SkillNeed.Visibility.PUBLIC,
    }
    values.update(overrides)
    return values


def _skills(need):
    return [(ns.skill.slug, ns.level) for ns in need.need_skills.order_by("skill__slug")]


def test_need_save_creates_a_need_with_its_skills(organisation, partner, skills):
    need = services.need_save(
        organisation=organisation,
        need=None,
        values=_values(),
        skills=[Row(pk=None, values={"skill": skills["batteries"], "level": 2})],
        author=partner,
    )
    assert (need.organisation, need.created_by, need.title) == (
        organisation,
        partner,
        "Battery engineers",
    )
    assert _skills(need) == [("batteries", 2)]
    assert "batteries" in need.search_document


def test_need_save_updates_deletes_and_adds_skill_rows(organisation, partner, make_need, skills):
    need = make_need(skills=[(skills["smart-grids"], 1), (skills["batteries"], 1)])
    grids, batteries = (
        NeedSkill.objects.get(need=need, skill=skills[s]) for s in ("smart-grids", "batteries")
    )
    services.need_save(
        organisation=organisation,
        need=need,
        values=_values(title_en="Grid and solar engineers"),
        skills=[
            Row(pk=grids.pk, values={"skill": skills["smart-grids"], "level": 3}),
            Row(pk=batteries.pk, delete=True),
            Row(pk=None, values={"skill": skills["solar-energy"], "level": 2}),
        ],
        author=partner,
    )
    need.refresh_from_db()
    assert need.title == "Grid and solar engineers"
    assert need.created_by is None  # an edit does not change who posted it
    assert _skills(need) == [("smart-grids", 3), ("solar-energy", 2)]


def test_need_save_refuses_another_needs_skill_row_and_saves_nothing(
    organisation, partner, make_need, skills
):
    need = make_need("Mine", skills=[(skills["smart-grids"], 1)])
    other = NeedSkill.objects.get(need=make_need("Other", skills=[(skills["batteries"], 1)]))
    with pytest.raises(ValueError, match="is not"):
        services.need_save(
            organisation=organisation,
            need=need,
            values=_values(title_en="Renamed"),
            skills=[Row(pk=other.pk, values={"skill": skills["batteries"], "level": 3})],
            author=partner,
        )
    need.refresh_from_db()
    other.refresh_from_db()
    assert (need.title, other.level) == ("Mine", 1)


def test_edit_page_saves_the_need_and_its_skill_rows(client, partner, make_need, skills):
    need = make_need(skills=[(skills["smart-grids"], 1), (skills["batteries"], 1)])
    rows = list(need.need_skills.order_by("skill__slug"))  # batteries, smart-grids
    data = {
        "title_en": "Grid engineers",
        "kind": "hiring",
        "headcount": "5",
        "country": "UZ",
        "needed_by": need.needed_by.isoformat(),
        "visibility": "public",
        "need_skills-TOTAL_FORMS": "3",
        "need_skills-INITIAL_FORMS": "2",
        "need_skills-MIN_NUM_FORMS": "0",
        "need_skills-MAX_NUM_FORMS": "1000",
        "need_skills-0-id": str(rows[0].pk),
        "need_skills-0-skill": "batteries",
        "need_skills-0-level": "1",
        "need_skills-0-DELETE": "on",
        "need_skills-1-id": str(rows[1].pk),
        "need_skills-1-skill": "smart-grids",
        "need_skills-1-level": "3",
        "need_skills-2-skill": "solar-energy",
        "need_skills-2-level": "2",
    }
    client.force_login(partner)
    response = client.post(reverse("industry:need_edit", args=[need.pk]), data)
    assert response.status_code == 302
    assert _skills(need) == [("smart-grids", 3), ("solar-energy", 2)]


def test_organisation_profile_is_saved_through_the_service(client, partner, organisation):
    client.force_login(partner)
    response = client.post(
        reverse("industry:organisation_edit", args=[organisation.slug]),
        {
            "name_en": "Steppe Grid",
            "sector": "energy_utility",
            "country": "KZ",
            "city": "Astana",
            "website": "https://grid.example",
        },
    )
    assert response.url == organisation.get_absolute_url()
    organisation.refresh_from_db()
    assert (organisation.name_en, organisation.country, organisation.website) == (
        "Steppe Grid",
        "KZ",
        "https://grid.example",
    )


def test_refused_profile_says_nothing_was_saved(client, partner, organisation):
    client.force_login(partner)
    response = client.post(
        reverse("industry:organisation_edit", args=[organisation.slug]),
        {"name_en": "", "sector": "energy_utility", "country": "KZ"},
    )
    assert [str(m) for m in response.context["messages"]] == [str(phrases.NOTHING_SAVED)]
    organisation.refresh_from_db()
    assert organisation.name_en != ""


def test_refused_response_says_nothing_was_sent(client, staff_editor, university, make_need):
    need = make_need()
    client.force_login(staff_editor)
    response = client.post(
        reverse("industry:need_respond", args=[need.pk]), {"university": university.pk}
    )
    assert [str(m) for m in response.context["messages"]] == [str(phrases.NOTHING_SENT)]


def test_nudge_writes_its_emails_in_the_transaction_and_sends_them_after_commit(
    make_need,
    skills,
    university,
    staff_editor,
    programme_factory,
    django_capture_on_commit_callbacks,
):
    programme_factory(university, skills=[(skills["smart-grids"], 2)])
    need = make_need(skills=[(skills["smart-grids"], 2)])
    with django_capture_on_commit_callbacks() as callbacks:
        nudged = services.need_nudge(need=need)
    assert (nudged.universities, nudged.enqueued) == (1, 1)
    assert OutboxMessage.objects.filter(template="industry/email/nudge").count() == 1
    assert len(callbacks) == 1  # the outbox sender's nudge
    assert mail.outbox == []
    callbacks[0]()
    assert [m.to for m in mail.outbox] == [[staff_editor.email]]
