"""The signed-in user, read by one statement built once per process."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.forms.models import model_to_dict
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.backends import StaffModelBackend, load_user
from accounts.models import COORDINATORS_GROUP, _standing_of
from tests.factories import UniversityMembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_the_user_is_read_as_the_orm_reads_it():
    user = UserFactory(full_name="Aigerim Sadykova", time_zone="Asia/Almaty", needs_digest=True)
    with CaptureQueriesContext(connection) as queries:
        loaded = load_user(str(user.pk))  # the session keeps the id as text
    assert len(queries) == 1
    expected = get_user_model().objects.get(pk=user.pk)
    assert model_to_dict(loaded) == model_to_dict(expected)
    assert loaded.last_login == expected.last_login
    assert loaded.date_joined == expected.date_joined
    assert loaded._state.adding is False
    assert loaded._state.db == "default"
    loaded.full_name = "A. Sadykova"
    loaded.save()  # an update, not an insert
    assert get_user_model().objects.get(pk=user.pk).full_name == "A. Sadykova"


@pytest.mark.parametrize("user_id", ["999999", "not-a-number", None])
def test_an_unknown_or_malformed_id_is_nobody(user_id):
    assert load_user(user_id) is None


def test_an_inactive_user_is_signed_out():
    user = UserFactory()
    client = Client()
    client.force_login(user)
    assert StaffModelBackend().get_user(user.pk) == user
    user.is_active = False
    user.save()
    assert StaffModelBackend().get_user(user.pk) is None
    response = client.get(reverse("accounts:profile"))
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_the_standing_comes_with_the_user_in_one_round_trip():
    membership = UniversityMembershipFactory(role="editor", status="approved")
    user = membership.user
    UniversityMembershipFactory(user=user, status="pending")  # not part of the standing
    expected = _standing_of(get_user_model().objects.get(pk=user.pk))

    with CaptureQueriesContext(connection) as queries:
        loaded = load_user(user.pk)
        standing = loaded.standing()
        coordinator = loaded.is_coordinator

    assert standing == expected
    assert standing["universities.universitymembership"] == {membership.university_id: "editor"}
    assert coordinator is False
    assert len(queries) == 1  # one statement: the user's row and the standing's


def test_a_coordinator_and_a_user_with_no_standing_are_read_in_one_statement_too():
    coordinator = UserFactory()
    coordinator.groups.add(Group.objects.get_or_create(name=COORDINATORS_GROUP)[0])
    nobody = UserFactory()

    with CaptureQueriesContext(connection) as queries:
        loaded = load_user(coordinator.pk)
        alone = load_user(nobody.pk)
        assert loaded.is_coordinator is True
        assert alone.is_coordinator is False
        assert alone.standing()["universities.universitymembership"] == {}
    assert len(queries) == 2
    assert model_to_dict(alone) == model_to_dict(get_user_model().objects.get(pk=nobody.pk))


@pytest.mark.skipif(connection.vendor != "postgresql", reason="prepared on PostgreSQL only")
@pytest.mark.django_db(transaction=True)
def test_the_statement_is_prepared_once_per_connection_and_again_on_a_new_one():
    from accounts.backends import PREPARED_NAME  # noqa: PLC0415

    user = UserFactory(full_name="Aigerim Sadykova")
    connection.close()  # a connection of its own, on which nothing is prepared yet
    with CaptureQueriesContext(connection) as queries:
        first = load_user(user.pk)
        second = load_user(user.pk)
    # One statement each, the PREPARE being the connection's own business.
    assert [q["sql"] for q in queries] == [f"EXECUTE {PREPARED_NAME}({user.pk})"] * 2
    assert first.full_name == second.full_name == "Aigerim Sadykova"
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_prepared_statements WHERE name = %s", [PREPARED_NAME]
        )
        assert cursor.fetchone() == (1,)
    connection.close()
    assert load_user(user.pk).full_name == "Aigerim Sadykova"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="prepared on PostgreSQL only")
@pytest.mark.django_db(transaction=True)
def test_a_statement_prepared_in_a_transaction_rolled_back_is_still_there():
    from django.db import transaction  # noqa: PLC0415

    user = UserFactory()
    connection.close()

    class RolledBack(Exception):
        pass

    def read_then_roll_back():
        with transaction.atomic():
            assert load_user(user.pk) == user  # prepared inside the transaction
            raise RolledBack

    with pytest.raises(RolledBack):
        read_then_roll_back()
    assert load_user(user.pk) == user
