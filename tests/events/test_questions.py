"""Registration questions: the profile's, asked once and then prefilled, and the
event's own (text, choice, yes/no), with answers editable until the event starts."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from events.models import EventQuestion, Registration, RegistrationAnswer
from tests.factories import CoordinatorFactory, UserFactory

pytestmark = pytest.mark.django_db

PROFILE = {
    "country": "TJ",
    "affiliation": "Tajik Technical University",
    "sector": "academia",
    "gender": "female",
    "participant_role": "academic",
}


@pytest.fixture
def asking(make_event):
    event = make_event(format="hybrid", venue="Hall A", capacity_on_site=10)
    diet = EventQuestion.objects.create(
        event=event, position=1, kind="choice", text_en="Dietary needs",
        text_ru="Особенности питания", choices_en="None\nVegetarian\nHalal", required=True,
    )  # fmt: skip
    access = EventQuestion.objects.create(
        event=event, position=2, kind="text", text_en="Accessibility needs"
    )
    first_time = EventQuestion.objects.create(
        event=event, position=3, kind="yes_no", text_en="Your first UNECE event?", required=True
    )
    return event, diet, access, first_time


def _post(client, event, **data):
    return client.post(reverse("events:register", args=[event.pk]), data)


def test_the_first_registration_asks_the_profile_and_the_events_questions(client, asking):
    event, diet, access, first_time = asking
    user = UserFactory(country="", sector="", gender="", participant_role="")
    client.force_login(user)

    page = _post(client, event, mode="on_site")  # the event page's short form
    assert page.status_code == 200
    assert "Dietary needs" in page.content.decode()
    assert not Registration.objects.exists()

    response = _post(
        client, event, mode="on_site", **PROFILE, wants_visa_letter="on",
        **{f"question_{diet.pk}": "Halal", f"question_{access.pk}": "",
           f"question_{first_time.pk}": "yes"},
    )  # fmt: skip

    assert response.status_code == 302
    registration = Registration.objects.get()
    assert (registration.mode, registration.status, registration.wants_visa_letter) == (
        "on_site", "confirmed", True,
    )  # fmt: skip
    assert dict(registration.answers.values_list("question__text_en", "value")) == {
        "Dietary needs": "Halal", "Accessibility needs": "", "Your first UNECE event?": "yes",
    }  # fmt: skip
    user.refresh_from_db()
    assert {name: getattr(user, name) for name in PROFILE} == PROFILE


def test_a_required_question_unanswered_saves_nothing(client, asking):
    event, diet, _access, first_time = asking
    user = UserFactory(country="")
    client.force_login(user)

    response = _post(client, event, mode="online", **PROFILE, **{f"question_{first_time.pk}": "no"})

    assert response.status_code == 200
    page = response.content.decode()
    assert "Nothing was saved: please answer the questions marked below." in page
    assert "Dietary needs: This field is required." in page
    assert not Registration.objects.exists()
    user.refresh_from_db()
    assert user.country == ""


def test_the_profile_is_prefilled_and_a_known_participant_registers_at_once(client, make_event):
    event = make_event()  # no questions of its own
    user = UserFactory(country="UZ", sector="industry", gender="male", participant_role="industry")
    client.force_login(user)

    page = client.get(reverse("events:register", args=[event.pk])).content.decode()
    assert '<option value="UZ" selected>' in page
    response = _post(client, event, mode="online")

    assert response.status_code == 302
    assert Registration.objects.get().status == "confirmed"


def test_answers_change_until_the_event_starts(client, asking):
    event, diet, access, first_time = asking
    user = UserFactory()
    client.force_login(user)
    _post(
        client, event, mode="online", **PROFILE,
        **{f"question_{diet.pk}": "None", f"question_{first_time.pk}": "yes"},
    )  # fmt: skip
    edit = reverse("events:registration", args=[event.pk])

    client.post(
        edit,
        {**PROFILE, f"question_{diet.pk}": "Vegetarian", f"question_{access.pk}": "Ramp",
         f"question_{first_time.pk}": "yes"},
    )  # fmt: skip
    assert RegistrationAnswer.objects.get(question=diet).value == "Vegetarian"
    assert RegistrationAnswer.objects.get(question=access).value == "Ramp"

    event.start = timezone.now() - timedelta(minutes=5)
    event.save()
    response = client.post(
        edit, {**PROFILE, f"question_{diet.pk}": "Halal", f"question_{first_time.pk}": "no"}
    )
    assert response.status_code == 302
    assert RegistrationAnswer.objects.get(question=diet).value == "Vegetarian"
    page = client.get(edit).content.decode()
    assert "The event has started: the answers can no longer change." in page


def test_questions_are_written_by_the_coordinator_in_the_event_form(client, make_event):
    event = make_event()
    client.force_login(CoordinatorFactory())
    edit = reverse("events:edit", args=[event.pk])
    form = client.get(edit).context["form"]
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and not isinstance(value, list)
    }
    data.update(
        title_en=event.title_en,
        start=timezone.localtime(event.start).strftime("%Y-%m-%dT%H:%M"),
        end=timezone.localtime(event.end).strftime("%Y-%m-%dT%H:%M"),
        time_zone="UTC",
    )
    data.update({
        "agenda-TOTAL_FORMS": "0", "agenda-INITIAL_FORMS": "0",
        "questions-TOTAL_FORMS": "1", "questions-INITIAL_FORMS": "0",
        "questions-0-position": "1", "questions-0-kind": "choice",
        "questions-0-text_en": "Do you need a visa?", "questions-0-choices_en": "Yes",
    })  # fmt: skip

    refused = client.post(edit, data)
    assert "A choice question needs at least two choices, one per line." in (
        refused.content.decode()
    )
    data["questions-0-choices_en"] = "Yes\nNo\nNot sure"
    client.post(edit, data)

    (question,) = event.questions.all()
    assert (question.text_en, question.choice_list()) == (
        "Do you need a visa?", ["Yes", "No", "Not sure"],
    )  # fmt: skip
