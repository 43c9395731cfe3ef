"""What a signed-in user keeps of the catalogue: saved programmes (to compare them
later) and saved searches (whose new programmes and approaching deadlines are
e-mailed weekly at most, see ``curricula/alerts.py``)."""

from dataclasses import dataclass
from datetime import date

from django.db import IntegrityError, transaction
from django.db.models import Min, Prefetch, Q, QuerySet
from django.http import QueryDict
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from accounts.models import User

from .filters import ProgrammeFilter
from .models import Intake, Programme, SavedProgramme, SavedSearch

QUERY_MAX = SavedSearch._meta.get_field("query").max_length or 1000
NAME_MAX = SavedSearch._meta.get_field("name").max_length or 150
# Keys of the catalogue's address that do not change which programmes match.
IGNORED_KEYS = frozenset({"page"})


class SearchRefused(Exception):  # noqa: N818 - a refusal with a message for the user
    """The search cannot be saved (empty, too long, or saved already)."""


# --- saved programmes ---------------------------------------------------------------


@transaction.atomic
def programme_save_toggle(*, user: User, programme: Programme, save: bool | None = None) -> bool:
    """Save ``programme`` for ``user`` (or remove it from their saved programmes) and
    return whether it is saved now. ``save`` None toggles; True or False asks for that
    state, so that a second submit of the same button changes nothing. No e-mail."""
    existing = SavedProgramme.objects.filter(user=user, programme=programme)
    if save is None:
        save = not existing.exists()
    if not save:
        existing.delete()
        return False
    try:
        with transaction.atomic():
            SavedProgramme.objects.get_or_create(user=user, programme=programme)
    except IntegrityError:  # the same click a moment earlier: saved already
        pass
    return True


@dataclass
class SavedRow:
    """A saved programme as the saved page lists it."""

    saved: SavedProgramme
    programme: Programme
    next_deadline: date | None


def saved_programmes(user: User) -> list[SavedRow]:
    """``user``'s saved programmes still published, newest first, with the next open
    application deadline of each (two queries)."""
    today = timezone.localdate()
    rows = (
        SavedProgramme.objects.filter(user=user, programme__status=Programme.Status.PUBLISHED)
        .select_related("programme__university")
        .annotate(
            next_deadline=Min(
                "programme__intakes__application_deadline",
                filter=Q(programme__intakes__application_deadline__gte=today),
            )
        )
        .order_by("-created_at", "pk")
    )
    return [SavedRow(row, row.programme, row.next_deadline) for row in rows]


def next_deadlines(programmes: QuerySet[Programme], today: date) -> QuerySet[Programme]:
    """``programmes`` with ``open_intakes``: their intakes still open, in date order."""
    return programmes.prefetch_related(
        Prefetch(
            "intakes",
            queryset=Intake.objects.filter(application_deadline__gte=today).order_by(
                "application_deadline", "pk"
            ),
            to_attr="open_intakes",
        )
    )


# --- saved searches -------------------------------------------------------------------


def _filter_keys() -> set[str]:
    return set(ProgrammeFilter(queryset=Programme.objects.none()).form.fields)


def _kept(key: str, names: set[str]) -> bool:
    if key in IGNORED_KEYS:
        return False
    # A range widget sends ``<name>_min``/``<name>_0``-style keys of its field.
    return key in names or any(key.startswith(f"{name}_") for name in names)


def query_normalise(query: str) -> str:
    """``query`` (a catalogue address's query string) with only the catalogue's
    filters that have a value, without the page, keys in alphabetical order."""
    data = QueryDict(query[: QUERY_MAX * 4])
    names = _filter_keys()
    pairs = [
        (key, value.strip())
        for key in sorted(data)
        if _kept(key, names)
        for value in data.getlist(key)
        if value.strip()
    ]
    return urlencode(pairs)


def query_summary(query: str) -> str:
    """A readable name for the search ``query``: its filters' labels and values."""
    filterset = ProgrammeFilter(data=QueryDict(query), queryset=Programme.objects.none())
    form = filterset.form
    parts: list[str] = []
    if form.is_valid():
        for name, value in form.cleaned_data.items():
            if value in (None, "", False) or name == "sort":
                continue
            field = form.fields[name]
            choices = dict(getattr(field, "choices", None) or ())
            shown = choices.get(value, value) if isinstance(value, str) else value
            parts.append(str(field.label) if value is True else f"{field.label}: {shown}")
    summary = " · ".join(parts) or _("Programmes: %(query)s") % {"query": query}
    return summary[:NAME_MAX]


@transaction.atomic
def search_save(*, user: User, query: str, name: str = "") -> SavedSearch:
    """Save the catalogue search ``query`` for ``user`` under ``name`` (a readable
    summary when blank). Raises ``SearchRefused`` for a search with no filter, one
    too long to keep, or one ``user`` saved already. No e-mail: the first alert
    comes a week later at the earliest."""
    normalised = query_normalise(query)
    if not normalised:
        raise SearchRefused(_("Choose at least one filter before saving the search."))
    if len(normalised) > QUERY_MAX:
        raise SearchRefused(_("This search has too many filters to be saved."))
    existing = SavedSearch.objects.filter(user=user, query=normalised).first()
    if existing is not None:
        raise SearchRefused(
            _("You have already saved this search as “%(name)s”.") % {"name": existing.name}
        )
    label = " ".join(name.split())[:NAME_MAX] or query_summary(normalised)
    try:
        with transaction.atomic():
            return SavedSearch.objects.create(user=user, query=normalised, name=label)
    except IntegrityError:
        raise SearchRefused(_("You have already saved this search.")) from None


@transaction.atomic
def search_remove(*, search: SavedSearch) -> None:
    """Delete ``search``: no more alerts. No e-mail."""
    SavedSearch.objects.filter(pk=search.pk).delete()
