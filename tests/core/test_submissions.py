"""A form sent twice is saved once, with a message; a save that meets a unique
constraint at the same moment gets a message, never a 500."""

import pytest
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.cache import SessionStore
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect
from django.test import RequestFactory
from django.urls import reverse

from core.submissions import ALREADY_SAVED, SAVED_MEANWHILE, saved_once
from universities.models import Activity, ResearchArea, Strength

pytestmark = pytest.mark.django_db


def _activity(token=""):
    data = {
        "activities-TOTAL_FORMS": "1", "activities-INITIAL_FORMS": "0",
        "activities-MIN_NUM_FORMS": "0", "activities-MAX_NUM_FORMS": "1000",
        "activities-0-kind": "laboratory", "activities-0-title_en": "Graphene lab",
        "activities-0-start_year": "2020",
    }  # fmt: skip
    if token:
        data["submit_token"] = token
    return data


def test_a_form_sent_twice_with_its_token_is_saved_once(client, staff_editor, university):
    client.force_login(staff_editor)
    url = reverse("universities:edit_activities", args=[university.slug])
    token = client.get(url).context["submit_token"]
    first = client.post(url, _activity(token))
    second = client.post(url, _activity(token), follow=True)
    assert first.url == university.get_absolute_url()
    assert second.redirect_chain == [(university.get_absolute_url(), 302)]
    # The user, back from the double click, reads both.
    assert [str(m) for m in second.context["messages"]] == [
        "The activities have been saved.",
        str(ALREADY_SAVED),
    ]
    assert Activity.objects.count() == 1


def test_each_page_gives_a_new_token_and_a_form_without_one_is_saved(
    client, staff_editor, university
):
    client.force_login(staff_editor)
    url = reverse("universities:edit_activities", args=[university.slug])
    assert client.get(url).context["submit_token"] != client.get(url).context["submit_token"]
    client.post(url, _activity())
    client.post(url, _activity())
    assert Activity.objects.count() == 2


def test_a_new_research_area_sent_twice_is_added_once(client, coordinator):
    client.force_login(coordinator)
    url = reverse("universities:area_create")
    token = client.get(url).context["submit_token"]
    before = ResearchArea.objects.count()
    for _ in range(2):
        client.post(url, {"name_en": "Carbon capture", "position": "5", "submit_token": token})
    assert ResearchArea.objects.count() == before + 1


def _request():
    request = RequestFactory().post("/somewhere/?tab=1", {"submit_token": "abc"})
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    return request


def test_a_save_that_meets_a_unique_constraint_is_answered_with_a_message(university):
    area = ResearchArea.objects.first()
    Strength.objects.create(university=university, area=area, level=1)

    @transaction.atomic
    def save():  # as a service would, when another request saved the same row first
        Strength.objects.create(university=university, area=area, level=2)
        return redirect("/saved/")

    request = _request()
    response = saved_once(request, save)()
    assert (response.status_code, response.url) == (302, "/somewhere/?tab=1")
    assert [str(m) for m in get_messages(request)] == [str(SAVED_MEANWHILE)]
    assert Strength.objects.get().level == 1
    # The token is released: the same form, corrected, may be sent again.
    assert saved_once(_request(), lambda: redirect("/saved/"))().url == "/saved/"


def test_a_page_shown_again_releases_its_token():
    request = _request()
    assert saved_once(request, lambda: HttpResponse("the form again"))().status_code == 200
    assert saved_once(_request(), lambda: redirect("/saved/"))().url == "/saved/"
