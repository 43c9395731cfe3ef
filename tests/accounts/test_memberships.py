import pytest
from django.core import mail
from django.urls import reverse

from accounts.models import MembershipStatus
from industry.models import OrganisationMembership
from universities.models import UniversityMembership

pytestmark = pytest.mark.django_db


def _request_university(client, user, university, django_capture_on_commit_callbacks):
    client.force_login(user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("accounts:membership_request", args=["university"]),
            {"target": university.pk, "message": "I teach power systems."},
        )
    assert response.status_code == 302
    return UniversityMembership.objects.get(user=user, university=university)


def test_request_is_pending_and_grants_nothing(
    client, student, university, coordinator, django_capture_on_commit_callbacks
):
    membership = _request_university(
        client, student, university, django_capture_on_commit_callbacks
    )

    assert membership.status == MembershipStatus.PENDING
    assert not student.has_perm("universities.edit_university", university)
    # The coordinator is told a request is waiting.
    assert [m.to for m in mail.outbox] == [[coordinator.email]]
    assert student.email in mail.outbox[0].body


def test_approval_grants_editing_and_emails_requester(
    client, student, university, coordinator, django_capture_on_commit_callbacks
):
    membership = _request_university(
        client, student, university, django_capture_on_commit_callbacks
    )
    mail.outbox.clear()

    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("accounts:membership_decide", args=["university", membership.pk]),
            {"decision": "approve", "role": "editor"},
        )

    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.APPROVED
    assert membership.decided_by == coordinator
    student = type(student).objects.get(pk=student.pk)
    assert student.has_perm("universities.edit_university", university)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [student.email]
    assert "approved" in mail.outbox[0].subject.lower() or "member" in mail.outbox[0].subject


def test_rejection_grants_nothing_and_emails_requester(
    client, student, university, coordinator, django_capture_on_commit_callbacks
):
    membership = _request_university(
        client, student, university, django_capture_on_commit_callbacks
    )
    mail.outbox.clear()

    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("accounts:membership_decide", args=["university", membership.pk]),
            {"decision": "reject", "role": "editor"},
        )

    membership.refresh_from_db()
    assert membership.status == MembershipStatus.REJECTED
    assert not student.has_perm("universities.edit_university", university)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [student.email]
    assert "not approved" in mail.outbox[0].subject


def test_decision_email_is_in_requesters_language(
    client, student, university, coordinator, django_capture_on_commit_callbacks
):
    student.preferred_language = "ru"
    student.save()
    membership = _request_university(
        client, student, university, django_capture_on_commit_callbacks
    )
    mail.outbox.clear()
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("accounts:membership_decide", args=["university", membership.pk]),
            {"decision": "approve", "role": "admin"},
        )

    assert mail.outbox[0].subject.startswith("Вы приняты в состав: ")
    assert "http://testserver/ru/accounts/profile/" in mail.outbox[0].body


def test_university_admin_can_approve_for_own_university_only(
    client, student, university, other_university, staff_admin, django_capture_on_commit_callbacks
):
    own = _request_university(client, student, university, django_capture_on_commit_callbacks)
    other = UniversityMembership.objects.create(user=student, university=other_university)

    client.force_login(staff_admin)
    pending_page = client.get(reverse("accounts:pending_memberships"))
    assert list(pending_page.context["groups"][0][1]) == [own]

    refused = client.post(
        reverse("accounts:membership_decide", args=["university", other.pk]),
        {"decision": "approve", "role": "editor"},
    )
    assert refused.status_code == 403
    other.refresh_from_db()
    assert other.status == MembershipStatus.PENDING

    client.post(
        reverse("accounts:membership_decide", args=["university", own.pk]),
        {"decision": "approve", "role": "editor"},
    )
    own.refresh_from_db()
    assert own.status == MembershipStatus.APPROVED


@pytest.mark.parametrize("who", ["student", "staff_editor", "partner", "other_staff"])
def test_decide_refused_to_users_who_cannot_decide(client, request, who, university):
    requester = request.getfixturevalue("student") if who != "student" else None
    membership = UniversityMembership.objects.create(
        user=requester or request.getfixturevalue("other_staff"), university=university
    )
    client.force_login(request.getfixturevalue(who))
    response = client.post(
        reverse("accounts:membership_decide", args=["university", membership.pk]),
        {"decision": "approve", "role": "admin"},
    )
    assert response.status_code == 403
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.PENDING


def test_decide_requires_sign_in(client, student, university):
    membership = UniversityMembership.objects.create(user=student, university=university)
    response = client.post(
        reverse("accounts:membership_decide", args=["university", membership.pk]),
        {"decision": "approve"},
    )
    assert response.status_code == 302
    assert reverse("account_login") in response.url


def test_duplicate_pending_request_gets_clear_message(client, student, university):
    UniversityMembership.objects.create(user=student, university=university)
    client.force_login(student)
    response = client.post(
        reverse("accounts:membership_request", args=["university"]),
        {"target": university.pk},
        follow=True,
    )
    assert "already waiting for approval" in response.content.decode()
    assert UniversityMembership.objects.count() == 1


def test_rejected_user_may_ask_again(client, student, university, coordinator):
    UniversityMembership.objects.create(
        user=student, university=university, status=MembershipStatus.REJECTED
    )
    client.force_login(student)
    client.post(
        reverse("accounts:membership_request", args=["university"]), {"target": university.pk}
    )
    assert UniversityMembership.objects.get().status == MembershipStatus.PENDING


def test_decided_request_cannot_be_decided_again(client, coordinator, student, university):
    membership = UniversityMembership.objects.create(
        user=student, university=university, status=MembershipStatus.REJECTED
    )
    client.force_login(coordinator)
    response = client.post(
        reverse("accounts:membership_decide", args=["university", membership.pk]),
        {"decision": "approve", "role": "editor"},
        follow=True,
    )
    assert "already been decided" in response.content.decode()
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.REJECTED


def test_unknown_target_gets_form_error(client, student):
    client.force_login(student)
    response = client.post(
        reverse("accounts:membership_request", args=["university"]), {"target": "999999"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["target"]


def test_unknown_kind_is_404(client, student):
    client.force_login(student)
    assert client.get("/accounts/memberships/request/spaceship/").status_code == 404


def test_organisation_membership_approved_by_coordinator_lets_partner_post(
    client, student, organisation, coordinator, django_capture_on_commit_callbacks
):
    client.force_login(student)
    client.post(
        reverse("accounts:membership_request", args=["organisation"]), {"target": organisation.pk}
    )
    membership = OrganisationMembership.objects.get()
    assert not student.has_perm("industry.post_need", organisation)

    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("accounts:membership_decide", args=["organisation", membership.pk]),
            {"decision": "approve", "role": "member"},
        )
    student = type(student).objects.get(pk=student.pk)
    assert student.has_perm("industry.post_need", organisation)
    assert mail.outbox[-1].to == [student.email]
