"""The need page offers "Respond for your university" only where a response can
succeed: a university that answered already is linked to its conversation instead."""

import pytest
from django.urls import reverse

from industry.models import NeedResponse
from tests.factories import UniversityFactory, UniversityMembershipFactory

pytestmark = pytest.mark.django_db

BUTTON = "Respond for your university"
ANSWERED = "Your university has answered"


@pytest.fixture
def need(make_need, skills, partner):
    return make_need(skills=[(skills["smart-grids"], 2)])


def _answer(need, university, author):
    return NeedResponse.objects.create(
        need=need, university=university, author=author, message="We can help.",
        contact_email="editor@example.org",
    )  # fmt: skip


def _page(client, user, need):
    client.force_login(user)
    return client.get(reverse("industry:need_detail", args=[need.pk])).content.decode()


def test_respond_button_shown_before_the_university_answered(client, staff_editor, need):
    page = _page(client, staff_editor, need)

    assert BUTTON in page
    assert ANSWERED not in page


def test_respond_button_replaced_by_the_conversation_once_answered(
    client, staff_editor, university, need
):
    response = _answer(need, university, staff_editor)

    page = _page(client, staff_editor, need)

    assert BUTTON not in page
    assert ANSWERED in page
    assert f'href="{reverse("industry:response_detail", args=[response.pk])}"' in page


def test_respond_button_kept_for_another_university_of_the_same_editor(
    client, staff_editor, university, need
):
    second = UniversityFactory(name_en="Second University", slug="second")
    UniversityMembershipFactory(user=staff_editor, university=second, role="editor")
    response = _answer(need, university, staff_editor)

    page = _page(client, staff_editor, need)

    assert BUTTON in page
    assert f"{ANSWERED} ({university.name})" in page
    assert f'href="{reverse("industry:response_detail", args=[response.pk])}"' in page


def test_other_university_answer_keeps_the_button(
    client, staff_editor, other_staff, other_university, need
):
    _answer(need, other_university, other_staff)

    page = _page(client, staff_editor, need)

    assert BUTTON in page
    assert ANSWERED not in page


def test_student_sees_neither(client, student, need):
    page = _page(client, student, need)

    assert BUTTON not in page
    assert ANSWERED not in page
