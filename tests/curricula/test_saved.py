"""Saved programmes (the save button, the saved page, comparing in one click) and
saved searches with their weekly e-mail alerts and one-click unsubscribe."""

from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from core import outbox
from curricula import alerts
from curricula.models import Intake, Programme, SavedProgramme, SavedSearch
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def make_programme(university, title, **values):
    defaults = {
        "slug": title.lower().replace(" ", "-"),
        "degree": Programme.Degree.MASTER,
        "ects": 120,
        "status": Programme.Status.PUBLISHED,
    }
    defaults.update(values)
    return Programme.objects.create(university=university, title_en=title, **defaults)


def _age(programme, days):
    """Make ``programme`` look created and last changed ``days`` ago."""
    when = timezone.now() - timedelta(days=days)
    Programme.objects.filter(pk=programme.pk).update(created_at=when, updated_at=when)


def _messages(response):
    """The messages of ``response``'s request, with those of earlier unread redirects."""
    return [str(message) for message in get_messages(response.wsgi_request)]


def _save_url(programme):
    return reverse("curricula:programme_save", args=[programme.university.slug, programme.slug])


@pytest.fixture
def grids(university):
    return make_programme(university, "Smart Grids")


# --- saving programmes ----------------------------------------------------------------


def test_programme_save_then_unsave(client, student, grids):
    client.force_login(student)

    response = client.post(_save_url(grids), {"save": "1", "next": "/programmes/?q=grid"})
    assert response.status_code == 302
    assert response["Location"] == "/programmes/?q=grid"
    assert list(SavedProgramme.objects.values_list("user", "programme")) == [(student.pk, grids.pk)]
    assert _messages(response) == ["Saved"]

    client.post(_save_url(grids), {"save": "1"})  # the same click sent twice
    assert SavedProgramme.objects.count() == 1

    response = client.post(_save_url(grids), {"save": "0", "next": "https://evil.example/"})
    assert response["Location"] == grids.get_absolute_url()
    assert SavedProgramme.objects.count() == 0
    assert _messages(response) == ["Saved", "Saved", "Removed from your saved programmes"]


def test_programme_save_without_state_toggles(client, student, grids):
    client.force_login(student)
    client.post(_save_url(grids))
    assert SavedProgramme.objects.count() == 1
    client.post(_save_url(grids))
    assert SavedProgramme.objects.count() == 0


def test_programme_save_refuses_drafts_and_anonymous(client, student, university):
    draft = make_programme(university, "Draft Grids", status=Programme.Status.DRAFT)
    response = client.post(_save_url(draft))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    client.force_login(student)
    assert client.post(_save_url(draft)).status_code == 404
    assert client.get(_save_url(draft)).status_code == 405
    assert SavedProgramme.objects.count() == 0


def test_save_button_shows_its_state(rf, student, grids):
    request = rf.get("/programmes/")
    request.user = student
    where = {"university": grids.university.slug, "slug": grids.slug}
    unsaved = render_to_string("curricula/_save_button.html", {**where, "saved": False}, request)
    saved = render_to_string("curricula/_save_button.html", {**where, "saved": True}, request)
    assert 'aria-pressed="false">Save</button>' in unsaved
    assert 'aria-pressed="true"' in saved
    assert "Saved ✓" in saved


def test_programme_page_button_follows_saving(client, student, grids):
    client.force_login(student)
    assert (
        'aria-pressed="false">Save</button>'
        in client.get(grids.get_absolute_url()).content.decode()
    )
    client.post(_save_url(grids), {"save": "1"})
    page = client.get(grids.get_absolute_url()).content.decode()
    assert 'aria-pressed="true"' in page
    assert "Saved ✓" in page


# --- the saved page -----------------------------------------------------------------


def test_saved_page_lists_and_compares_in_one_click(client, student, university, other_university):
    first = make_programme(university, "Smart Grids")
    second = make_programme(other_university, "Solar Energy", degree=Programme.Degree.BACHELOR)
    deadline = timezone.localdate() + timedelta(days=20)
    Intake.objects.create(
        programme=second, application_deadline=deadline, starts_on=deadline + timedelta(days=30)
    )
    SavedProgramme.objects.create(user=student, programme=first)
    SavedProgramme.objects.create(user=student, programme=second)
    client.force_login(student)

    response = client.get(reverse("curricula:saved"))

    page = response.content.decode()
    assert [row.programme for row in response.context["rows"]] == [second, first]
    assert response.context["rows"][0].next_deadline == deadline
    compare = f"/programmes/compare/?p={second.pk}&p={first.pk}"
    assert response.context["compare_url"] == compare
    assert f'href="{compare.replace("&", "&amp;")}"' in page
    assert "Tashkent State Technical University" in page
    assert "at most 4 at a time" in page
    compared = client.get(compare)
    assert [p.pk for p in compared.context["programmes"]] == [second.pk, first.pk]


def test_saved_page_empty_state(client, student):
    client.force_login(student)
    page = client.get(reverse("curricula:saved")).content.decode()
    assert "You have not saved any programme yet." in page
    assert "No saved search yet" in page
    assert f'href="{reverse("curricula:programme_list")}"' in page


def test_saved_page_asks_to_sign_in(client):
    response = client.get(reverse("curricula:saved"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("count", [1, 5])
def test_saved_page_runs_fixed_number_of_queries(
    client, django_assert_num_queries, student, university, count
):
    for i in range(count):
        programme = make_programme(university, f"Programme {i}")
        Intake.objects.create(
            programme=programme,
            application_deadline=timezone.localdate() + timedelta(days=10 + i),
            starts_on=timezone.localdate() + timedelta(days=60),
        )
        SavedProgramme.objects.create(user=student, programme=programme)
        SavedSearch.objects.create(user=student, name=f"Search {i}", query=f"q=grid{i}")
    client.force_login(student)
    # 1 the user with whether they are a coordinator and their memberships (one round
    # trip; the signed-in menu asks them), 2 the saved programmes with their
    # universities and next deadlines, 3 the saved searches, 4 whether demo data is
    # loaded.
    with django_assert_num_queries(4):
        response = client.get(reverse("curricula:saved"))
    assert len(response.context["rows"]) == count
    assert len(response.context["searches"]) == count


# --- saved searches -------------------------------------------------------------------


def test_search_save_normalises_and_refuses_duplicates(client, student):
    client.force_login(student)
    url = reverse("curricula:search_save")

    response = client.post(url, {"query": "page=3&q=grids&degree=master&foo=bar&country="})
    assert response.status_code == 302
    [search] = SavedSearch.objects.all()
    assert search.query == "degree=master&q=grids"
    assert search.name == "Search: grids · Degree level: Master"
    assert search.user == student

    again = client.post(url, {"query": "q=grids&degree=master&page=1", "name": "Mine"})
    assert SavedSearch.objects.count() == 1
    assert _messages(again)[-1] == (
        "You have already saved this search as “Search: grids · Degree level: Master”."
    )


def test_search_save_refuses_an_empty_query(client, student):
    client.force_login(student)
    response = client.post(reverse("curricula:search_save"), {"query": "page=2"})
    assert response["Location"] == reverse("curricula:programme_list")
    assert SavedSearch.objects.count() == 0
    assert _messages(response) == ["Choose at least one filter before saving the search."]


def test_search_remove_asks_first_and_only_the_owner(client, student):
    search = SavedSearch.objects.create(user=student, name="Grids", query="q=grids")
    url = reverse("curricula:search_remove", args=[search.pk])
    client.force_login(UserFactory())
    assert client.post(url).status_code == 403
    client.force_login(student)
    assert "Remove the saved search “Grids”?" in client.get(url).content.decode()
    assert SavedSearch.objects.count() == 1
    assert client.post(url)["Location"] == reverse("curricula:saved")
    assert SavedSearch.objects.count() == 0


# --- alerts ------------------------------------------------------------------------------


@pytest.fixture
def alert_world(student, university):
    """A search saved 8 days ago, a programme published since and an older one whose
    deadline is 10 days away."""
    now = timezone.now()
    search = SavedSearch.objects.create(user=student, name="Master's", query="degree=master")
    SavedSearch.objects.filter(pk=search.pk).update(created_at=now - timedelta(days=8))
    new = make_programme(university, "Hydrogen Systems")
    old = make_programme(university, "Smart Grids")
    _age(old, 30)
    deadline = timezone.localdate() + timedelta(days=10)
    Intake.objects.create(
        programme=old, application_deadline=deadline, starts_on=deadline + timedelta(days=40)
    )
    bachelor = make_programme(university, "Solar Basics", degree=Programme.Degree.BACHELOR)
    now = timezone.now()  # the daily run, after all of these
    return {"now": now, "search": search, "new": new, "old": old, "deadline": deadline,
            "bachelor": bachelor}  # fmt: skip


def test_alert_sent_once_a_week_at_most(alert_world, student):
    now = alert_world["now"]

    assert alerts.alerts_enqueue(now) == 1
    assert alerts.alerts_enqueue(now + timedelta(hours=2)) == 0
    assert alerts.alerts_enqueue(now + timedelta(days=3)) == 0
    outbox.send_due()

    [message] = mail.outbox
    assert message.to == ["student@example.org"]
    assert message.subject == "Programmes for your search “Master's”"
    assert "Hydrogen Systems" in message.body
    assert "Smart Grids" in message.body
    assert "Solar Basics" not in message.body
    assert f"apply by {date_format(alert_world['deadline'], 'DATE_FORMAT')}" in message.body
    token = alert_world["search"].token
    link = f"http://testserver/programmes/searches/unsubscribe/{token}/"
    assert message.extra_headers["List-Unsubscribe"] == f"<{link}>"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert link in message.body
    [(html, _mimetype)] = message.alternatives
    assert f'href="http://testserver{alert_world["new"].get_absolute_url()}"' in html
    assert f'href="{link}"' in html
    search = SavedSearch.objects.get()
    assert search.last_sent_at == now


def test_alert_next_week_tells_what_came_since(alert_world, university):
    now = alert_world["now"]
    assert alerts.alerts_enqueue(now) == 1
    make_programme(university, "Wind Power")

    assert alerts.alerts_enqueue(now + timedelta(days=7)) == 1
    outbox.send_due()

    first, second = mail.outbox
    assert "Wind Power" not in first.body
    assert "Wind Power" in second.body
    assert "Hydrogen Systems" not in second.body
    assert SavedSearch.objects.get().last_sent_at == now + timedelta(days=7)


def test_alert_nothing_when_nothing_is_new(student, university):
    search = SavedSearch.objects.create(user=student, name="Master's", query="degree=master")
    SavedSearch.objects.filter(pk=search.pk).update(created_at=timezone.now() - timedelta(days=8))
    old = make_programme(university, "Smart Grids")
    _age(old, 30)

    assert alerts.alerts_enqueue() == 0
    outbox.send_due()

    assert mail.outbox == []
    assert SavedSearch.objects.get().last_sent_at is None


def test_alert_not_before_a_week_after_saving(alert_world):
    SavedSearch.objects.update(created_at=alert_world["now"] - timedelta(days=3))
    assert alerts.alerts_enqueue(alert_world["now"]) == 0


def test_one_click_unsubscribe_deletes_the_search(alert_world):
    token = alert_world["search"].token
    url = reverse("curricula:search_unsubscribe", args=[token])
    mail_client = Client(enforce_csrf_checks=True)

    assert "Remove the search and stop the e-mails" in mail_client.get(url).content.decode()
    assert SavedSearch.objects.count() == 1
    response = mail_client.post(url, {"List-Unsubscribe": "One-Click"})

    assert response.status_code == 200
    assert SavedSearch.objects.count() == 0
    assert mail_client.post(url).status_code == 200  # a second click: nothing left to do
    assert mail_client.get(url).status_code == 404


def test_alert_dropped_when_unsubscribed_before_sending(alert_world):
    assert alerts.alerts_enqueue(alert_world["now"]) == 1
    SavedSearch.objects.all().delete()
    outbox.send_due()
    assert mail.outbox == []
