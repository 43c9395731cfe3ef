"""Django's model permissions, for the admin site only; the signed-in user read by a
statement built once per process."""

from functools import lru_cache
from typing import Any

from allauth.account.auth_backends import AuthenticationBackend
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import ValidationError
from django.db import connections, router

from .models import standing_from, standing_sql, standing_statement


class _StaffPermissions:
    """Model permissions for staff only.

    The platform's own permissions are rules (each app's rules.py); Django's model
    permissions serve the admin site, which only staff enter. Asking them of anyone
    else costs two queries on every request that checks a rule the person does not
    pass (each backend is asked in turn), and grants nothing.
    """

    def get_all_permissions(self, user_obj: Any, obj: Any = None) -> set[str]:
        if not (user_obj.is_staff or user_obj.is_superuser):
            return set()
        return super().get_all_permissions(user_obj, obj)  # type: ignore[misc]


@lru_cache(maxsize=8)
def _user_row(alias: str) -> tuple[str, list[str], list[tuple[list[Any], Any]]]:
    """The statement reading one user by id and their standing, its columns' attribute
    names, and each column's converters (as the ORM applies them: SQLite's booleans and
    dates), built once per process and database.

    One statement, one round trip: the user's row, its last three columns empty, then
    the rows of `accounts.models.standing_statement` (kind, target, role) with the
    user's columns empty."""
    model = get_user_model()
    connection = connections[alias]
    quote = connection.ops.quote_name
    fields = model._meta.concrete_fields
    columns = ", ".join(quote(str(field.column)) for field in fields)
    nulls = ", ".join(["NULL"] * len(fields))
    standing, _kinds, _sources = standing_sql()
    sql = (
        f"SELECT {columns}, NULL, NULL, NULL FROM {quote(model._meta.db_table)} "  # noqa: S608 - names from the model
        f"WHERE {quote(str(model._meta.pk.column))} = %s UNION ALL "
        f"SELECT {nulls}, s.{quote('kind')}, s.{quote('target')}, s.{quote('role')} "
        f"FROM ({standing}) s"
    )
    converters = []
    for field in fields:
        column = field.get_col(model._meta.db_table)
        converters.append(
            (connection.ops.get_db_converters(column) + field.get_db_converters(connection), column)
        )
    return sql, [field.attname for field in fields], converters


def load_user(user_id: Any) -> Any:
    """The user of ``user_id`` or None: what ``User.objects.get(pk=…)`` returns, without
    building and compiling that query on every signed-in request (it cost more than
    running it), and with it their standing (``User.standing``: groups, memberships,
    registrations), which nearly every signed-in page asks."""
    model = get_user_model()
    try:
        pk = model._meta.pk.to_python(user_id)
    except ValidationError:
        return None
    alias = router.db_for_read(model)
    sql, names, converters = _user_row(alias)
    connection = connections[alias]
    _standing, params = standing_statement(pk)
    with connection.cursor() as cursor:
        cursor.execute(sql, [pk, *params])
        rows = cursor.fetchall()
    width = len(names)
    row = next((r[:width] for r in rows if r[width] is None), None)
    if row is None:
        return None
    values = []
    for value, (functions, column) in zip(row, converters, strict=True):
        for convert in functions:
            value = convert(value, column, connection)
        values.append(value)
    user = model.from_db(alias, names, values)
    user.__dict__["_standing"] = standing_from(r[width:] for r in rows if r[width] is not None)
    return user


class _OneStatementUser:
    def get_user(self, user_id: Any) -> Any:
        user = load_user(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None  # type: ignore[attr-defined]


class StaffModelBackend(_OneStatementUser, _StaffPermissions, ModelBackend):
    """Signs people in with their password (the admin's login)."""


class StaffAuthenticationBackend(_OneStatementUser, _StaffPermissions, AuthenticationBackend):
    """allauth's sign-in by e-mail address."""
