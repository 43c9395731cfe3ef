"""Django's model permissions, for the admin site only; the signed-in user read by a
statement built once per process."""

import weakref
from functools import lru_cache
from typing import Any

from allauth.account.auth_backends import AuthenticationBackend
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import ValidationError
from django.db import connections, router
from psycopg import sql as psycopg_sql

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


# The placeholder of the user's id in the statement prepared on PostgreSQL.
_ME = object()
PREPARED_NAME = "accounts_user_and_standing"
# The database connections (psycopg's own) on which the statement is prepared.
_prepared: "weakref.WeakSet[Any]" = weakref.WeakSet()


@lru_cache(maxsize=8)
def _prepare_sql(alias: str) -> str:
    """``PREPARE`` of `_user_row`'s statement with the user's id as its one parameter,
    and the standing's constants (kinds, statuses, the group's name) written in as
    literals: PostgreSQL plans it once per connection, where planning the statement
    afresh cost twice as long as running it."""
    sql, _names, _converters = _user_row(alias)
    connection = connections[alias]
    model = get_user_model()
    _standing, params = standing_statement(_ME)
    pieces = sql.split("%s")
    values = [_ME, *params]
    if len(pieces) != len(values) + 1:
        raise RuntimeError("The user's statement holds a '%s' that is not a parameter.")
    raw = connection.connection
    text = [pieces[0]]
    for value, piece in zip(values, pieces[1:], strict=True):
        if value is _ME:
            text.append("$1")
        else:
            text.append(psycopg_sql.Literal(str(value)).as_string(raw))
        text.append(piece)
    kind = model._meta.pk.rel_db_type(connection)
    return f"PREPARE {PREPARED_NAME}({kind}) AS {''.join(text)}"


def _execute(connection: Any, cursor: Any, alias: str, pk: Any) -> None:
    """Run the user's statement: prepared once per connection on PostgreSQL (the
    ``PREPARE`` goes to the connection itself, so a request still counts one query), as
    it is elsewhere."""
    if connection.vendor != "postgresql":
        sql, _names, _converters = _user_row(alias)
        _standing, params = standing_statement(pk)
        cursor.execute(sql, [pk, *params])
        return
    raw = connection.connection
    if raw not in _prepared:
        with connection.wrap_database_errors:
            raw.execute(_prepare_sql(alias))
        # A prepared statement lasts as long as the connection, whatever becomes of the
        # transaction it was prepared in.
        _prepared.add(raw)
    cursor.execute(f"EXECUTE {PREPARED_NAME}(%s)", [pk])


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
    _sql, names, converters = _user_row(alias)
    connection = connections[alias]
    with connection.cursor() as cursor:
        _execute(connection, cursor, alias, pk)
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
