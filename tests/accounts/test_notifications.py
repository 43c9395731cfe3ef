"""The membership e-mails: who gets them, in which language, with a text and an HTML part."""

import pytest
from django.core import mail
from django.utils import timezone

from accounts.memberships import get_kind
from accounts.models import MembershipStatus
from accounts.notifications import membership_decision_enqueue, membership_request_enqueue
from accounts.services import membership_decide
from core import outbox
from universities.models import UniversityMembership

pytestmark = pytest.mark.django_db


def _decided(user, university, coordinator, status):
    return UniversityMembership.objects.create(
        user=user,
        university=university,
        status=status,
        decided_by=coordinator,
        decided_at=timezone.now(),
    )


def _send_decision(membership) -> int:
    """Enqueue the decision e-mail and run the outbox sender; returns how many were enqueued."""
    enqueued = membership_decision_enqueue(get_kind("university"), membership)
    outbox.send_due()
    return enqueued


def _send_request(kind, membership) -> int:
    """Enqueue the request e-mails and run the outbox sender; returns how many were enqueued."""
    enqueued = membership_request_enqueue(kind, membership)
    outbox.send_due()
    return enqueued


def _html(message) -> str:
    (html,) = [content for content, mimetype in message.alternatives if mimetype == "text/html"]
    return html


def test_decision_email_has_a_text_and_an_html_part(student, university, coordinator):
    membership = _decided(student, university, coordinator, MembershipStatus.APPROVED)

    assert _send_decision(membership) == 1

    (message,) = mail.outbox
    assert message.to == [student.email]
    assert message.subject == "You are now a member of Satbayev University"
    assert [mimetype for _content, mimetype in message.alternatives] == ["text/html"]
    sentence = "Your request to join Satbayev University has been approved. Your role: Editor."
    assert sentence in message.body
    html = _html(message)
    assert sentence in html
    assert '<html lang="en">' in html
    assert 'href="http://testserver/accounts/profile/"' in html


def test_decision_email_is_in_a_russian_recipients_language(student, university, coordinator):
    student.preferred_language = "ru"
    student.save()
    membership = _decided(student, university, coordinator, MembershipStatus.APPROVED)

    _send_decision(membership)

    (message,) = mail.outbox
    assert message.subject == f"Вы приняты в состав: {university.name_ru}"
    sentence = f"Ваша заявка на вступление ({university.name_ru}) одобрена. Ваша роль: Редактор."
    assert sentence in message.body
    assert "http://testserver/ru/accounts/profile/" in message.body
    html = _html(message)
    assert '<html lang="ru">' in html
    assert sentence in html
    assert 'href="http://testserver/ru/accounts/profile/"' in html


def test_rejection_email_is_in_a_russian_recipients_language(student, university, coordinator):
    student.preferred_language = "ru"
    student.save()
    membership = _decided(student, university, coordinator, MembershipStatus.REJECTED)

    _send_decision(membership)

    (message,) = mail.outbox
    assert message.subject == f"Ваша заявка на вступление ({university.name_ru}) не одобрена"
    sentence = f"Ваша заявка на вступление ({university.name_ru}) не одобрена."
    assert sentence in message.body
    assert sentence in _html(message)


def test_no_decision_email_while_the_request_is_pending(student, university):
    membership = UniversityMembership.objects.create(user=student, university=university)

    assert _send_decision(membership) == 0
    assert mail.outbox == []


def test_deciding_a_request_enqueues_the_decision_and_sends_it_after_commit(
    student, university, coordinator, django_capture_on_commit_callbacks
):
    student.preferred_language = "ru"
    student.save()
    membership = UniversityMembership.objects.create(user=student, university=university)

    with django_capture_on_commit_callbacks(execute=True):
        membership_decide(
            kind=get_kind("university"),
            membership_id=membership.pk,
            decided_by=coordinator,
            approve=True,
            role=UniversityMembership.Role.ADMIN,
        )

    (message,) = mail.outbox
    assert message.to == [student.email]
    assert message.subject == f"Вы приняты в состав: {university.name_ru}"
    assert [mimetype for _content, mimetype in message.alternatives] == ["text/html"]


def test_request_email_reaches_the_approvers_in_their_language_with_an_html_part(
    student, university, coordinator, staff_admin
):
    staff_admin.preferred_language = "ru"
    staff_admin.save()
    membership = UniversityMembership.objects.create(user=student, university=university)

    assert _send_request(get_kind("university"), membership) == 2

    by_recipient = {message.to[0]: message for message in mail.outbox}
    assert sorted(by_recipient) == [staff_admin.email, coordinator.email]
    for message in by_recipient.values():
        assert [mimetype for _content, mimetype in message.alternatives] == ["text/html"]
    assert '<html lang="ru">' in _html(by_recipient[staff_admin.email])
    assert '<html lang="en">' in _html(by_recipient[coordinator.email])
    assert student.email in by_recipient[coordinator.email].body


def test_a_request_decided_before_its_email_goes_out_is_not_sent(student, university, coordinator):
    membership = UniversityMembership.objects.create(user=student, university=university)
    membership_request_enqueue(get_kind("university"), membership)
    membership.status = MembershipStatus.APPROVED
    membership.save()

    result = outbox.send_due()

    assert (result.sent, result.dropped) == (0, 1)
    assert mail.outbox == []


def test_the_same_request_is_announced_once_however_often_it_is_enqueued(
    student, university, coordinator
):
    membership = UniversityMembership.objects.create(user=student, university=university)
    kind = get_kind("university")

    assert [membership_request_enqueue(kind, membership) for _ in range(3)] == [1, 0, 0]
