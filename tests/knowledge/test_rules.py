"""Who may read, edit, submit and review an item."""

import pytest

from knowledge.models import KnowledgeItem
from tests.factories import OrganisationMembershipFactory

pytestmark = pytest.mark.django_db

Status = KnowledgeItem.Status


def test_a_published_item_is_for_everyone_a_draft_for_its_institution(
    make_item, university, staff_editor, other_staff, student, coordinator
):
    published = make_item("Out", universities=[university])
    draft = make_item("Draft", status=Status.DRAFT, universities=[university])

    readers = {
        name: (user.has_perm("knowledge.view_item", published),
               user.has_perm("knowledge.view_item", draft))
        for name, user in [("editor", staff_editor), ("other", other_staff),
                           ("student", student), ("coordinator", coordinator)]
    }  # fmt: skip

    assert readers == {
        "editor": (True, True),
        "other": (True, False),
        "student": (True, False),
        "coordinator": (True, True),
    }


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (Status.DRAFT, (True, True, True)),
        (Status.RETURNED, (True, True, True)),
        (Status.SUBMITTED, (False, False, True)),
        (Status.PUBLISHED, (False, False, True)),
    ],
)
def test_authors_change_their_item_until_they_submit_it(
    make_item, university, staff_editor, coordinator, status, expected
):
    item = make_item(status=status, universities=[university])

    assert (
        staff_editor.has_perm("knowledge.edit_item", item),
        staff_editor.has_perm("knowledge.submit_item", item),
        coordinator.has_perm("knowledge.edit_item", item),
    ) == expected


def test_members_of_an_organisation_submit_items_students_do_not(organisation, student):
    partner = OrganisationMembershipFactory(organisation=organisation).user

    assert (
        partner.has_perm("knowledge.submit_items"),
        student.has_perm("knowledge.submit_items"),
    ) == (True, False)


def test_an_author_outside_the_institutions_still_sees_their_draft(make_item, student):
    item = make_item(status=Status.DRAFT, authors=[student])

    assert student.has_perm("knowledge.view_item", item) is True
    assert list(KnowledgeItem.objects.visible_to(student)) == [item]


def test_only_coordinators_review(staff_editor, coordinator):
    reviewers = [user.has_perm("knowledge.review") for user in (staff_editor, coordinator)]
    assert reviewers == [False, True]
