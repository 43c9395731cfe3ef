"""Signed-in people share stored pages: one copy per audience, in which only the
personal parts (core/personal.py) are drawn again for each person."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.template import Context, Template
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.backends import PREPARED_NAME
from curricula.models import Programme, SavedProgramme
from events.models import Event, Registration, registration_of
from industry.models import SkillNeed
from insights.forms import GapFilterForm
from tests.factories import CoordinatorFactory, UniversityMembershipFactory, UserFactory
from universities.models import ResearchArea, UniversityMembership

pytestmark = pytest.mark.django_db


def _programme(university, title, status="published"):
    return Programme.objects.create(
        university=university,
        title_en=title,
        slug=title.lower().replace(" ", "-"),
        degree="master",
        ects=120,
        status=status,
    )


def _signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def _get(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response, [q["sql"] for q in queries.captured_queries]


def _webinar():
    start = timezone.now() + timedelta(days=5)
    return Event.objects.create(
        title_en="Grid webinar", kind=Event.Kind.WEBINAR, format=Event.Format.ONLINE,
        start=start, end=start + timedelta(hours=1), time_zone="Asia/Almaty",
        status=Event.Status.PUBLISHED, join_url="https://meet.example.org/grid",
    )  # fmt: skip


def _reads_user_and_standing(sql):
    """The user's statement: prepared once per connection on PostgreSQL."""
    if connection.vendor == "postgresql":
        return sql.startswith(f"EXECUTE {PREPARED_NAME}(")
    return "UNION ALL" in sql and 'FROM "events_registration"' in sql


def _account_name(response):
    return re.search(r'nav-user">([^<]*)<', response.content.decode()).group(1)


def test_two_people_share_the_catalogue_each_with_their_own_menu_and_buttons(university):
    energy = _programme(university, "Energy systems")
    _programme(university, "Power grids")
    ana, boris = UserFactory(full_name="Ana Ivanova"), UserFactory(full_name="Boris Petrov")
    SavedProgramme.objects.create(user=ana, programme=energy)
    url = reverse("curricula:programme_list")
    ana_client, boris_client = _signed_in(ana), _signed_in(boris)

    first, first_sql = _get(ana_client, url)  # rendered and stored
    assert any('FROM "curricula_programme"' in sql for sql in first_sql)
    second, second_sql = _get(boris_client, url)

    # Boris got the stored page: the catalogue was not read again, only his buttons.
    assert not any('FROM "curricula_programme"' in sql for sql in second_sql)
    assert _account_name(first) == "Ana Ivanova"
    assert _account_name(second) == "Boris Petrov"
    assert first.content.decode().count("Saved ✓") == 1
    assert "Saved ✓" not in second.content.decode()
    assert second.content.decode().count('aria-pressed="false">Save</button>') == 2
    assert "private" in second["Cache-Control"]


def test_a_stored_page_carries_a_fresh_csrf_token_and_the_persons_messages(university):
    _programme(university, "Energy systems")
    ana, boris = UserFactory(full_name="Ana Ivanova"), UserFactory(full_name="Boris Petrov")
    url = reverse("curricula:programme_list")
    ana_client, boris_client = _signed_in(ana), _signed_in(boris)
    ana_client.get(url)
    # A message waiting for Boris (saving a programme leaves one) shows on his page only.
    programme = Programme.objects.get()
    boris_client.post(
        reverse("curricula:programme_save", args=[university.slug, programme.slug]),
        {"save": "1", "next": url},
    )
    boris_page = boris_client.get(url).content.decode()
    ana_page = ana_client.get(url).content.decode()
    assert 'class="messages"' in boris_page
    assert 'class="messages"' not in ana_page
    tokens = set(re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', ana_page + boris_page))
    assert len(tokens) >= 2  # each response masks its own token
    assert "\x00csrf\x00" not in ana_page


def test_a_draft_seen_by_its_editor_is_never_served_to_anyone_else(university, staff_editor):
    draft = _programme(university, "Hydrogen draft", status="draft")
    url = draft.get_absolute_url()
    assert _signed_in(staff_editor).get(url).status_code == 200
    assert _signed_in(UserFactory()).get(url).status_code == 404


def test_the_needs_board_is_kept_per_audience(university, staff_editor, organisation):
    members_only = SkillNeed.objects.create(
        organisation=organisation,
        title_en="Members-only grid engineers",
        kind=SkillNeed.Kind.HIRING,
        headcount=3,
        country="KZ",
        needed_by=timezone.localdate() + timedelta(days=60),
        visibility=SkillNeed.Visibility.MEMBERS,
    )
    url = reverse("industry:need_list")
    assert members_only.title_en in _signed_in(staff_editor).get(url).content.decode()
    assert members_only.title_en not in _signed_in(UserFactory()).get(url).content.decode()
    assert members_only.title_en not in Client().get(url).content.decode()


def test_search_is_not_shared_by_members_of_a_university(university, staff_editor):
    _programme(university, "Hydrogen draft", status="draft")
    url = reverse("search") + "?q=hydrogen"
    assert "Hydrogen draft" in _signed_in(staff_editor).get(url).content.decode()
    assert "Hydrogen draft" not in _signed_in(UserFactory()).get(url).content.decode()


def test_the_event_page_draws_each_persons_registration(db):
    event = _webinar()
    registered, other = UserFactory(), UserFactory()
    Registration.objects.create(event=event, user=registered, mode="online", status="confirmed")
    url = event.get_absolute_url()

    other_page = _signed_in(other).get(url).content.decode()  # stored
    registered_page, sql = _get(_signed_in(registered), url)
    text = registered_page.content.decode()

    assert "You are registered (Online)." in text
    assert "https://meet.example.org/grid" in text  # the join link, for a registrant
    assert "You are registered" not in other_page
    assert "https://meet.example.org/grid" not in other_page
    assert ">Register</a>" in other_page
    assert ">Register</a>" not in text
    assert not any('FROM "events_agendaitem"' in q for q in sql)  # the page was not rendered
    # The user with their standing (memberships and registrations, one statement), and
    # the registration it names: the event and its places are kept with the stored page.
    assert len(sql) == 2
    assert _reads_user_and_standing(sql[0])
    assert sql[1].startswith('SELECT "events_registration"."id"')
    assert not any('FROM "events_event"' in q for q in sql)

    # Someone not registered: only the user with their standing.
    again, sql = _get(_signed_in(other), url)
    assert ">Register</a>" in again.content.decode()
    assert len(sql) == 1


def test_registering_through_the_user_object_forgets_what_it_read(db):
    event = _webinar()
    user = UserFactory()
    assert registration_of(user, event) is None
    assert not user.has_perm("events.see_join_link", event)
    made = Registration.objects.create(event=event, user=user, mode="online", status="confirmed")
    assert registration_of(user, event) == made
    assert user.has_perm("events.see_join_link", event)
    made.delete()
    assert registration_of(user, event) is None


def test_coordinators_have_their_own_copy(university):
    url = reverse("universities:list")
    student_page = _signed_in(UserFactory()).get(url).content.decode()
    coordinator_page = _signed_in(CoordinatorFactory()).get(url).content.decode()
    assert "Add a university" in coordinator_page
    assert "Add a university" not in student_page


def test_memberships_are_read_once_per_request_and_forgotten_when_one_changes(university):
    user = UserFactory()
    with CaptureQueriesContext(connection) as queries:
        assert UniversityMembership.held_by(user) == {}
        assert not UniversityMembership.holds(user, university)
    assert len(queries) == 1
    membership = UniversityMembershipFactory(user=user, university=university)
    assert UniversityMembership.holds(user, university, roles=UniversityMembership.EDITING_ROLES)
    membership.delete()
    assert not UniversityMembership.holds(user, university)


def test_model_permissions_are_for_staff_only(db):
    permission = Permission.objects.get(codename="change_skill")
    person, staff = UserFactory(), UserFactory(is_staff=True)
    for user in (person, staff):
        user.user_permissions.add(permission)
    assert not UserFactory._meta.model.objects.get(pk=person.pk).has_perm("curricula.change_skill")
    assert UserFactory._meta.model.objects.get(pk=staff.pk).has_perm("curricula.change_skill")


def test_a_filter_form_is_drawn_once_until_the_taxonomy_changes(db):
    template = Template("{% load formcache %}{% formcache form %}{{ form }}{% endformcache %}")
    request = RequestFactory().get("/skills/gaps/")

    def draw():
        with CaptureQueriesContext(connection) as queries:
            html = template.render(Context({"form": GapFilterForm({}), "request": request}))
        return html, len(queries)

    first, first_queries = draw()
    second, second_queries = draw()
    assert first == second
    assert first_queries > 0
    assert second_queries == 0
    ResearchArea.objects.create(
        name_en="Battery recycling", slug="battery-recycling", description_en="Batteries."
    )
    third, third_queries = draw()
    assert third_queries > 0
    assert "Battery recycling" in third
