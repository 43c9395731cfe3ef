"""The audit log: what is recorded, who may read it, and that it cannot be rewritten."""

import csv
import io

import pytest
from django.urls import reverse

from accounts.memberships import get_kind
from accounts.services import membership_decide, membership_request, mfa_reset
from core.audit import Action, record
from core.models import AuditEntry
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def _actions():
    return list(AuditEntry.objects.order_by("pk").values_list("action", "actor_label"))


def test_sign_in_failed_sign_in_and_sign_out_are_recorded(client, student):
    client.post(
        reverse("account_login"),
        {"login": student.email, "password": "wrong"},
        REMOTE_ADDR="203.0.113.9",
    )
    client.post(reverse("account_login"), {"login": student.email, "password": PASSWORD})
    client.post(reverse("account_logout"))

    assert _actions() == [
        (Action.SIGN_IN_FAILED, student.email),
        (Action.SIGN_IN, student.email),
        (Action.SIGN_OUT, student.email),
    ]
    failed = AuditEntry.objects.get(action=Action.SIGN_IN_FAILED)
    assert (failed.actor, failed.ip) == (None, "203.0.113.9")


def test_a_refused_page_is_recorded_with_who_and_where(client, student):
    client.force_login(student)

    assert client.get(reverse("accounts:audit_log")).status_code == 403

    entry = AuditEntry.objects.get(action=Action.PERMISSION_REFUSED)
    assert (entry.actor, entry.path) == (student, reverse("accounts:audit_log"))


def test_membership_request_and_decision_are_recorded(student, university, coordinator):
    kind = get_kind("university")
    membership = membership_request(kind=kind, user=student, target=university)
    membership_decide(
        kind=kind, membership_id=membership.pk, decided_by=coordinator, approve=True, role="admin"
    )

    assert _actions() == [
        (Action.MEMBERSHIP_REQUESTED, student.email),
        (Action.MEMBERSHIP_APPROVED, coordinator.email),
    ]
    approved = AuditEntry.objects.get(action=Action.MEMBERSHIP_APPROVED)
    assert approved.details == {"role": "admin"}
    assert (approved.object_type, approved.object_id) == (
        "universities.universitymembership",
        str(membership.pk),
    )


def test_a_second_factor_reset_names_the_coordinator_and_the_account(coordinator):
    lost = UserFactory()

    mfa_reset(user=lost, by=coordinator)

    entry = AuditEntry.objects.get()
    assert (entry.action, entry.actor, entry.object_repr) == (
        Action.MFA_RESET,
        coordinator,
        str(lost),
    )


def test_entries_are_append_only(student):
    entry = record(Action.SIGN_IN, actor=student)

    entry.action = Action.SIGN_OUT
    with pytest.raises(ValueError, match="append-only"):
        entry.save()
    with pytest.raises(ValueError, match="append-only"):
        entry.delete()
    assert AuditEntry.objects.get().action == Action.SIGN_IN


def test_only_coordinators_read_the_log(client, student):
    url = reverse("accounts:audit_log")
    assert client.get(url).status_code == 302
    client.force_login(student)
    assert client.get(url).status_code == 403
    assert client.get(reverse("accounts:audit_log_csv")).status_code == 403


def test_coordinators_search_by_action_and_person(client, coordinator, student):
    record(Action.SIGN_IN, actor=student)
    record(Action.SIGN_IN_FAILED, label="attacker@example.org")
    client.force_login(coordinator)

    by_action = client.get(reverse("accounts:audit_log"), {"action": Action.SIGN_IN_FAILED})
    by_person = client.get(reverse("accounts:audit_log"), {"who": student.email[:6]})

    assert [e.actor_label for e in by_action.context["entries"]] == ["attacker@example.org"]
    assert [e.action for e in by_person.context["entries"]] == [Action.SIGN_IN]


def test_the_csv_export_holds_the_filtered_entries_and_is_itself_recorded(client, coordinator):
    record(Action.SIGN_IN_FAILED, label="attacker@example.org")
    client.force_login(coordinator)

    response = client.get(reverse("accounts:audit_log_csv"), {"action": Action.SIGN_IN_FAILED})

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == [
        "at", "actor_label", "action", "object_type", "object_id", "object_repr", "path", "ip",
    ]  # fmt: skip
    assert [(r[1], r[2]) for r in rows[1:]] == [("attacker@example.org", "sign_in_failed")]
    assert AuditEntry.objects.filter(action=Action.DATA_EXPORTED, actor=coordinator).count() == 1


@pytest.mark.parametrize("count", [1, 30])
def test_audit_log_page_queries(client, coordinator, count, django_assert_num_queries):
    for _n in range(count):
        record(Action.SIGN_IN, actor=coordinator)
    client.force_login(coordinator)

    # the user with whether they are a coordinator and their memberships (one round
    # trip, kept on the user), the count for pagination, the demo-data notice, the page
    # of entries.
    with django_assert_num_queries(4):
        response = client.get(reverse("accounts:audit_log"))

    assert len(response.context["entries"]) == count + 1  # and the sign-in itself


def test_a_delete_in_the_admin_is_recorded(client, django_user_model):
    superuser = django_user_model.objects.create_superuser(email="root@example.org", password="x")
    doomed = UserFactory(email="doomed@example.org", full_name="")
    client.force_login(superuser)

    response = client.post(reverse("admin:accounts_user_delete", args=[doomed.pk]), {"post": "yes"})

    assert response.status_code == 302
    entry = AuditEntry.objects.get(action=Action.DELETED)
    assert (entry.actor, entry.object_type, entry.object_id, entry.object_repr) == (
        superuser,
        "accounts.user",
        str(doomed.pk),
        "doomed@example.org",
    )


def test_the_log_names_the_kind_of_second_factor_added(client, coordinator, student):
    # Setting up an authenticator app adds recovery codes with it: two entries, told apart.
    record(Action.MFA_ENROLLED, actor=student, kind="totp")
    record(Action.MFA_ENROLLED, actor=student, kind="recovery_codes")
    client.force_login(coordinator)

    response = client.get(reverse("accounts:audit_log"), {"action": Action.MFA_ENROLLED})

    text = response.content.decode()
    assert [e.kind_label for e in response.context["entries"]] == [
        "recovery codes",
        "authenticator app",
    ]
    assert 'Second factor added <span class="small text-body-secondary">(authenticator app)' in text
    assert 'Second factor added <span class="small text-body-secondary">(recovery codes)' in text
