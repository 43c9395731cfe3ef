import hashlib
from collections.abc import Iterable
from functools import cached_property, lru_cache
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.timezones import DEFAULT_ZONE, zone_choices

COORDINATORS_GROUP = "Coordinators"


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person using the portal. The e-mail address is the login."""

    username = None  # type: ignore[assignment]
    first_name = None  # type: ignore[assignment]
    last_name = None  # type: ignore[assignment]
    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default="en",
    )
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        choices=zone_choices,
        default=DEFAULT_ZONE,
    )
    affiliation = models.CharField(
        _("affiliation"),
        max_length=200,
        blank=True,
        help_text=_("Your university, company or organisation, as you want others to see it."),
    )

    # What every event asks once, kept for the next registration and the
    # participation statistics (``events``); all optional.
    class Sector(models.TextChoices):
        ACADEMIA = "academia", _("University or research")
        INDUSTRY = "industry", _("Industry or business")
        GOVERNMENT = "government", _("Government or public body")
        INTERNATIONAL = "international", _("International organisation")
        CIVIL_SOCIETY = "civil_society", _("Civil society or NGO")
        OTHER = "other", _("Other")

    class Gender(models.TextChoices):
        FEMALE = "female", _("Woman")
        MALE = "male", _("Man")
        OTHER = "other", _("Another gender")
        UNSAID = "unsaid", _("Prefer not to say")

    class ParticipantRole(models.TextChoices):
        STUDENT = "student", _("Student")
        ACADEMIC = "academic", _("Academic")
        INDUSTRY = "industry", _("Industry")
        GOVERNMENT = "government", _("Government")
        OTHER = "other", _("Other")

    country = models.CharField(_("country"), max_length=2, blank=True)
    sector = models.CharField(_("sector"), max_length=16, choices=Sector.choices, blank=True)
    gender = models.CharField(_("gender"), max_length=8, choices=Gender.choices, blank=True)
    participant_role = models.CharField(
        _("role"), max_length=12, choices=ParticipantRole.choices, blank=True
    )

    needs_digest = models.BooleanField(
        _("weekly digest of matching industry needs"),
        default=True,
        help_text=_("University staff receive, once a week, the new needs their programmes match."),
    )

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()  # type: ignore[misc,assignment]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]

    def __str__(self) -> str:
        return self.display_name

    @property
    def has_participant_profile(self) -> bool:
        """Whether the questions every event asks were answered once."""
        return bool(self.country and self.sector and self.gender and self.participant_role)

    @property
    def is_former_member(self) -> bool:
        return not self.is_active and self.email.endswith("@closed.invalid")

    @property
    def display_name(self) -> str:
        if self.is_former_member:
            return str(_("former member"))
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email

    @cached_property
    def is_coordinator(self) -> bool:
        """UNECE coordinators: members of the Coordinators group (and superusers)."""
        if not self.is_active:
            return False
        return self.is_superuser or bool(self.standing()["coordinator"])

    def standing(self) -> dict[str, Any]:
        """Whether the user is in the Coordinators group, their approved memberships of
        every kind (``{model label: {target id: role}}``) and what the standing sources
        say (``{"events.registration": {event id: status}}``): one query, kept on the
        object for the request that loaded it."""
        found = self.__dict__.get("_standing")
        if found is None:
            found = self.__dict__["_standing"] = _standing_of(self)
        return found

    def personal_digest(self) -> str | None:
        """What the personal parts of a page drawn for this person depend on besides
        the page (core.personal): their row and their standing, as one short string
        under which their drawn parts are kept. None for staff, whose model permissions
        the standing does not hold."""
        if self.is_staff or self.is_superuser:
            return None
        row = [getattr(self, field.attname) for field in self._meta.concrete_fields]
        standing = sorted(
            (name, sorted(value.items()) if isinstance(value, dict) else value)
            for name, value in self.standing().items()
        )
        return hashlib.blake2b(repr((row, standing)).encode(), digest_size=16).hexdigest()


def _standing_of(user: "User") -> dict[str, Any]:
    """One query: the Coordinators group, the approved memberships of every kind
    registered in accounts.memberships and the rows of its standing sources (an
    event's registration), as a UNION ALL (written out: it runs on every signed-in
    request, and building it through the ORM costs more than running it)."""
    from django.db import connection  # noqa: PLC0415

    sql, params = standing_statement(user.pk)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return standing_from(cursor.fetchall())


def standing_statement(user_id: Any) -> tuple[str, list[Any]]:
    """The statement of `_standing_of` for ``user_id`` and its parameters
    (`accounts.backends.load_user` reads it in the same statement as the user)."""
    sql, kinds, sources = standing_sql()
    params: list[Any] = [user_id, COORDINATORS_GROUP]
    for label in kinds:
        params += [label, user_id, MembershipStatus.APPROVED]
    for label in sources:
        params += [label, user_id]
    return sql, params


def standing_from(rows: Iterable[tuple[str, Any, Any]]) -> dict[str, Any]:
    """The standing read from the rows of `standing_statement`."""
    _sql, kinds, sources = standing_sql()
    found: dict[str, Any] = {label: {} for label in (*kinds, *sources)}
    found["coordinator"] = False
    for kind, target_id, role in rows:
        if kind == "":
            found["coordinator"] = True
        else:
            found[kind][target_id] = role
    return found


@lru_cache(maxsize=1)
def standing_sql() -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    """The UNION ALL of `_standing_of`, built once per process (the kinds and sources
    are registered when the apps are ready), with the labels of its kinds and sources."""
    from django.contrib.auth.models import Group  # noqa: PLC0415 - auth's models load first
    from django.db import connection  # noqa: PLC0415

    from .memberships import all_kinds, standing_sources  # noqa: PLC0415 - they register at ready()

    quote = connection.ops.quote_name
    through = User.groups.through._meta
    # Names from the models, quoted; values as parameters.
    selects = [
        f"SELECT '' AS kind, 0 AS target, g.{quote('name')} AS role "  # noqa: S608
        f"FROM {quote(Group._meta.db_table)} g JOIN {quote(through.db_table)} ug "
        f"ON ug.{quote('group_id')} = g.{quote('id')} "
        f"WHERE ug.{quote('user_id')} = %s AND g.{quote('name')} = %s"
    ]
    kinds = [kind.model for kind in all_kinds()]
    for model in kinds:
        target = model._meta.get_field(model.target_field).column
        selects.append(
            f"SELECT %s, {quote(target)}, {quote('role')} "  # noqa: S608
            f"FROM {quote(model._meta.db_table)} "
            f"WHERE {quote('user_id')} = %s AND {quote('status')} = %s"
        )
    sources = standing_sources()
    for source in sources:
        meta = source.model._meta
        selects.append(
            f"SELECT %s, {quote(meta.get_field(source.target_field).column)}, "  # noqa: S608
            f"{quote(meta.get_field(source.value_field).column)} "
            f"FROM {quote(meta.db_table)} WHERE {quote(meta.get_field('user').column)} = %s"
        )
    return (
        " UNION ALL ".join(selects),
        tuple(model._meta.label_lower for model in kinds),
        tuple(source.label for source in sources),
    )


class MembershipStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class MembershipQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=MembershipStatus.APPROVED)

    def pending(self):
        return self.filter(status=MembershipStatus.PENDING)

    def decidable_by(self, user):
        """Pending requests ``user`` may decide: all for coordinators, else those
        of the universities or organisations the user administers."""
        pending = self.pending()
        if not getattr(user, "is_authenticated", False):
            return pending.none()
        if user.is_coordinator:
            return pending
        target = self.model.target_field
        administered = (
            self.model.objects.approved()
            .filter(user=user, role=self.model.ADMIN_ROLE)
            .values(target)
        )
        return pending.filter(**{f"{target}__in": administered})


class ChangesStanding:
    """A model whose rows say what a person is to something (a membership, an event's
    registration): saving or deleting one through a user object makes that object read
    its standing (``User.standing``) again."""

    def save(self, *args: Any, **kwargs: Any) -> None:
        super().save(*args, **kwargs)  # type: ignore[misc]
        self._forget_standing()

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        self._forget_standing()
        return super().delete(*args, **kwargs)  # type: ignore[misc]

    def _forget_standing(self) -> None:
        user = self._state.fields_cache.get("user")  # type: ignore[attr-defined]
        if user is not None:
            vars(user).pop("_standing", None)


class MembershipBase(ChangesStanding, models.Model):
    """A user's membership of a university or an organisation.

    It starts as a request; until a coordinator or an admin of the target
    approves it, it grants nothing. Concrete models add the target foreign key
    (named by ``target_field``) and a ``Role`` choice.
    """

    target_field: str = ""
    ADMIN_ROLE = "admin"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, verbose_name=_("user")
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=MembershipStatus.choices,
        default=MembershipStatus.PENDING,
        db_index=True,
    )
    message = models.TextField(
        _("message"),
        max_length=1000,
        blank=True,
        help_text=_("Tell the approvers who you are and what you will do on the platform."),
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )

    objects = MembershipQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def target(self):
        return getattr(self, self.target_field)

    @property
    def is_approved(self) -> bool:
        return self.status == MembershipStatus.APPROVED

    @property
    def is_pending(self) -> bool:
        return self.status == MembershipStatus.PENDING

    @classmethod
    def held_by(cls, user) -> dict[int, str]:
        """The targets ``user`` holds an approved membership of, with its role: one
        query per kind and request, kept on the user object (which the request's
        permission checks share); a membership saved or deleted drops it."""
        if not getattr(user, "is_authenticated", False):
            return {}
        # Through request.user's lazy object too: the standing is kept on the user
        # behind it, which the permission backends are given.
        held = user.standing().get(cls._meta.label_lower)
        if held is None:  # a kind not in the registry (accounts.memberships)
            rows = cls.objects.approved().filter(user=user)
            held = user.standing()[cls._meta.label_lower] = dict(
                rows.values_list(f"{cls.target_field}_id", "role")
            )
        return held

    @classmethod
    def holds(cls, user, target, roles: tuple[str, ...] = ()) -> bool:
        """Whether ``user`` has an approved membership of ``target`` (in one of ``roles``)."""
        if not getattr(user, "is_authenticated", False) or target is None:
            return False
        role = cls.held_by(user).get(getattr(target, "pk", target))
        return role is not None and (not roles or role in roles)
