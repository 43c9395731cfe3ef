from datetime import timedelta

import pytest
from django.utils import timezone

from curricula.models import Programme, ProgrammeSkill, Skill
from industry.models import NeedSkill, SkillNeed
from tests.smtp_sink import SmtpSink


@pytest.fixture
def skills(db):
    return {
        slug: Skill.objects.create(name_en=slug.replace("-", " "), slug=slug)
        for slug in ("smart-grids", "solar-energy", "batteries")
    }


@pytest.fixture
def make_need(organisation):
    def make(title="Grid engineers", skills=(), org=None, **values):
        defaults = {
            "kind": SkillNeed.Kind.HIRING,
            "headcount": 5,
            "country": "UZ",
            "needed_by": timezone.localdate() + timedelta(days=90),
        }
        defaults.update(values)
        need = SkillNeed.objects.create(organisation=org or organisation, title=title, **defaults)
        for skill, level in skills:
            NeedSkill.objects.create(need=need, skill=skill, level=level)
        need.refresh_search_document()
        return need

    return make


@pytest.fixture
def make_programme():
    def make(university, title, skills=(), **values):
        programme = Programme.objects.create(
            university=university,
            title_en=title,
            slug=title.lower().replace(" ", "-"),
            degree="master",
            ects=120,
            status="published",
            **values,
        )
        for skill, level in skills:
            ProgrammeSkill.objects.create(programme=programme, skill=skill, level=level)
        return programme

    return make


@pytest.fixture
def login(client, request):
    def as_role(role):
        if role != "anonymous":
            client.force_login(request.getfixturevalue(role))
        return client

    return as_role


@pytest.fixture
def programme_factory(make_programme):
    counter = {"n": 0}

    def make(university, skills=()):
        counter["n"] += 1
        return make_programme(university, f"Programme {counter['n']}", skills)

    return make


@pytest.fixture
def smtp_sink(settings):
    """A real SMTP server that the portal's mailer sends to (``stop`` it for an
    outage, ``start`` it again to end it). A failed e-mail is due again at once."""
    sink = SmtpSink()
    sink.start()
    settings.MAILERS = sink.mailers()
    settings.OUTBOX_RETRY_SECONDS = 0
    yield sink
    sink.stop()
