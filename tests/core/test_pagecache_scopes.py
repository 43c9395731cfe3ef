"""A change retires the cached pages that show it and leaves the others cached.

Each test stores a set of real pages for anonymous visitors, makes one change, and
tells a hit (no query at all) from a page rendered afresh.
"""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.backends.db import SessionStore
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core import pagecache
from curricula.models import Programme, ProgrammeSkill, Skill
from events.models import Event, Registration
from industry.models import NeedSkill, SkillNeed
from knowledge.models import KnowledgeItem
from platform_site.models import DemoDataset
from tests.factories import OrganisationFactory, UserFactory
from universities.models import ResearchArea, Strength

pytestmark = pytest.mark.django_db


def _queries(url):
    with CaptureQueriesContext(connection) as queries:
        response = Client().get(url)
    assert response.status_code == 200, url
    return len(queries)


def _store(pages):
    for url in pages.values():
        assert _queries(url) > 0  # rendered and stored
        assert _queries(url) == 0  # served from the cache


def _retired(pages):
    """The names of the pages rendered afresh, the others being served from the cache."""
    return {name for name, url in pages.items() if _queries(url) > 0}


def _event(title, **values):
    start = timezone.now() + timedelta(days=3)
    return Event.objects.create(
        title_en=title,
        kind=Event.Kind.WEBINAR,
        format=Event.Format.ONLINE,
        start=start,
        end=start + timedelta(hours=1),
        time_zone="Asia/Almaty",
        status=Event.Status.PUBLISHED,
        **values,
    )


def _programme(university, title):
    return Programme.objects.create(
        university=university,
        title_en=title,
        slug=title.lower().replace(" ", "-"),
        degree="master",
        ects=120,
        status="published",
    )


def _need(organisation, title="Grid engineers"):
    return SkillNeed.objects.create(
        organisation=organisation,
        title=title,
        kind=SkillNeed.Kind.HIRING,
        headcount=5,
        country="UZ",
        needed_by=timezone.localdate() + timedelta(days=90),
    )


@pytest.fixture
def world(university, other_university):
    """Two universities with a programme each, two events, a need and a library item."""
    organisation = OrganisationFactory()
    need = _need(organisation)
    # Asked for, so the gap page has rows: its re-render reads the supply.
    asked = Skill.objects.create(name_en="power systems", slug="power-systems")
    NeedSkill.objects.create(need=need, skill=asked, level=2)
    return {
        "university": university,
        "other_university": other_university,
        "programme": _programme(university, "Energy systems"),
        "other_programme": _programme(other_university, "Power grids"),
        "event": _event("Green hydrogen webinar"),
        "other_event": _event("Solar week"),
        "organisation": organisation,
        "need": need,
        "item": KnowledgeItem.objects.create(
            title_en="Grid roadmap",
            summary_en="About the grid.",
            status=KnowledgeItem.Status.PUBLISHED,
            kind=KnowledgeItem.Kind.REPORT,
            external_url="https://example.org/report",
        ),
    }


@pytest.fixture
def pages(world):
    university, other = world["university"], world["other_university"]
    return {
        "home": reverse("home"),
        "directory": reverse("universities:list"),
        "strengths": reverse("universities:strengths"),
        "profile": university.get_absolute_url(),
        "other profile": other.get_absolute_url(),
        "catalogue": reverse("curricula:programme_list"),
        "programme": world["programme"].get_absolute_url(),
        "skills": reverse("curricula:skill_list"),
        "needs board": reverse("industry:need_list"),
        "need": reverse("industry:need_detail", args=[world["need"].pk]),
        "events": reverse("events:list"),
        "calendar": reverse("events:calendar"),
        "event": reverse("events:detail", args=[world["event"].pk]),
        "other event": reverse("events:detail", args=[world["other_event"].pk]),
        "library": reverse("knowledge:library"),
        "library item": reverse("knowledge:detail", args=[world["item"].pk]),
        "news": reverse("knowledge:news"),
        "gaps": reverse("insights:gaps"),
    }


def test_a_registration_retires_its_event_page_alone(world, pages):
    _store(pages)

    Registration.objects.create(
        event=world["event"], user=UserFactory(), mode="online", status="confirmed"
    )

    # The lists and the calendar show no counts (events/partials/_event_card.html).
    assert _retired(pages) == {"event"}


def test_a_cancelled_registration_retires_its_event_page_alone(world, pages):
    registration = Registration.objects.create(
        event=world["event"], user=UserFactory(), mode="online", status="confirmed"
    )
    _store(pages)

    registration.status = "cancelled"
    registration.save()

    assert _retired(pages) == {"event"}


def test_a_programme_edit_retires_its_university_the_catalogue_and_the_gaps(world, pages):
    _store(pages)
    gaps_before = pagecache.scope_version("gaps")

    programme = world["programme"]
    programme.title_en = "Energy systems engineering"
    programme.save()

    assert _retired(pages) == {
        "home",  # it counts the programmes
        "profile",
        "catalogue",
        "programme",
        "skills",
        "need",  # the programmes that match it
        "library item",  # the programmes related to it
        "gaps",
    }
    assert pagecache.scope_version("gaps") != gaps_before


def test_a_skill_taught_retires_the_catalogue_and_the_gaps_but_not_the_events(world, pages):
    skill = Skill.objects.create(name_en="grid modelling", slug="grid-modelling")
    _store(pages)

    ProgrammeSkill.objects.create(programme=world["programme"], skill=skill, level=2)

    retired = _retired(pages)
    assert {"catalogue", "profile", "programme", "gaps"} <= retired
    assert not retired & {"events", "event", "directory", "other profile", "needs board"}


def test_a_joint_programme_retires_the_partner_university_profile(world, pages):
    _store(pages)

    world["programme"].partners.add(world["other_university"])

    assert {"profile", "other profile", "catalogue"} <= _retired(pages)


def test_a_need_retires_the_needs_board_and_the_gaps_but_not_the_directory(world, pages):
    _store(pages)

    _need(world["organisation"], title="Hydrogen technicians")

    assert _retired(pages) == {
        "home",  # the newest needs
        "skills",  # the open needs per skill
        "needs board",
        "need",
        "library item",  # the needs related to it
        "gaps",
    }


def test_a_library_item_retires_the_library_pages_and_its_publisher_profile(world, pages):
    _store(pages)

    item = world["item"]
    item.title_en = "Grid roadmap 2030"
    item.save()

    # The home page shows the featured items.
    assert _retired(pages) == {"home", "library", "library item", "news"}

    item.universities.add(world["university"])

    assert _retired(pages) == {"home", "library", "library item", "news", "profile"}


def test_a_university_edit_retires_the_directory_and_its_pages(world, pages):
    _store(pages)

    university = world["university"]
    university.name_en = "Satbayev Kazakh National Research Technical University"
    university.save()

    retired = _retired(pages)
    assert {"directory", "profile", "catalogue"} <= retired
    page = Client().get(university.get_absolute_url())
    assert "Kazakh National Research Technical" in page.content.decode()


def test_a_strength_retires_the_directory_and_its_university_profile(world, pages):
    area = ResearchArea.objects.create(name_en="Grid storage", slug="grid-storage-test")
    _store(pages)

    Strength.objects.create(university=world["university"], area=area, level=3)

    assert _retired(pages) == {"home", "directory", "strengths", "profile"}  # home: a count


def test_the_demo_data_notice_retires_every_page(pages):
    _store(pages)

    DemoDataset.objects.create()

    assert _retired(pages) == set(pages)


def test_bump_without_a_scope_retires_every_page(pages):
    _store(pages)

    pagecache.bump()

    assert _retired(pages) == set(pages)


def test_a_page_that_declares_no_scope_follows_every_change(rf, world):
    calls = []

    @pagecache.cache_for_visitors
    def view(request):
        calls.append(1)
        return HttpResponse("page")

    def visit():
        request = rf.get("/undeclared/")
        request.user = AnonymousUser()
        request.session = SessionStore()
        request._messages = []
        return view(request)

    visit()
    visit()
    assert len(calls) == 1

    Registration.objects.create(
        event=world["event"], user=UserFactory(), mode="online", status="confirmed"
    )
    visit()
    assert len(calls) == 2


def test_a_lost_scope_version_starts_again_from_the_clock(pages):
    _store(pages)

    cache.delete(pagecache.SCOPE_KEY + "events")

    retired = _retired(pages)
    assert {"events", "calendar", "home"} <= retired
    assert "directory" not in retired


def test_a_scope_moves_now_and_once_more_on_commit(django_capture_on_commit_callbacks):
    before = pagecache.scope_version("needs")
    everything = pagecache.content_version()
    directory = pagecache.scope_version("directory")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        pagecache.bump("needs", "gaps")
        pagecache.bump("needs")
        during = pagecache.scope_version("needs")
        assert during != before
    assert len(callbacks) == 1
    assert pagecache.scope_version("needs") not in (before, during)
    assert pagecache.scope_version("directory") == directory
    assert pagecache.content_version() == everything + 3  # each scoped move counts


def test_a_page_stored_during_a_transaction_is_retired_when_it_commits(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        event = _event("Solar week")
        url = reverse("events:detail", args=[event.pk])
        Registration.objects.create(
            event=event, user=UserFactory(), mode="online", status="confirmed"
        )
        # A request in between stores the page under the version moved just now.
        assert _queries(url) > 0
        assert _queries(url) == 0
    assert _queries(url) > 0
