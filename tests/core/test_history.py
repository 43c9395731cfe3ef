"""Reading change records into words (core.history), with the models that keep them."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from core.history import (
    ChangeLog,
    FieldChange,
    changes_of,
    history_page,
    record_baseline,
    records_of,
)
from curricula.models import Field, Programme, Skill
from events.models import Event
from tests.factories import UniversityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme(db):
    return Programme.objects.create(
        university=UniversityFactory(), title_en="Grids", slug="grids", degree="master", ects=120
    )


def _edit(obj, **values):
    for name, value in values.items():
        setattr(obj, name, value)
    obj.save()


def test_each_kind_of_value_is_put_in_words(programme):
    field = Field.objects.create(code="0713", level="detailed", name_en="Electricity and energy")
    _edit(
        programme, degree="bachelor", ects=240, tuition_free=True, field=field,
        tuition_per_year=Decimal("1200.50"), last_reviewed=date(2027, 6, 30),
    )  # fmt: skip
    [change] = changes_of(reversed(records_of(programme)[:1]))
    assert change.fields == []  # no record before it among those given
    [_, change] = changes_of(reversed(records_of(programme)))
    assert change.fields == [
        FieldChange("degree level", "Master", "Bachelor"),
        FieldChange("ISCED-F field", "—", "0713 Electricity and energy"),
        FieldChange("ECTS credits", "120", "240"),
        FieldChange("tuition-free", "no", "yes"),
        FieldChange("tuition per year for local students", "—", "1200.50"),
        FieldChange("last reviewed", "—", "June 30, 2027"),
    ]


def test_lists_files_and_rows_since_deleted_are_put_in_words():
    start = timezone.now() + timedelta(days=3)
    gone = UniversityFactory()
    event = Event.objects.create(
        title_en="Webinar", kind="webinar", format="online", start=start,
        end=start + timedelta(hours=1), host=gone,
    )  # fmt: skip
    _edit(event, reminder_offsets=[1440, 60], slides="slides/3f2a.pdf", host=None)
    gone_id = gone.pk
    type(gone).objects.filter(pk=gone_id).delete()
    [_, change] = changes_of(reversed(records_of(event)))
    assert change.fields == [
        FieldChange("host university", f"#{gone_id}", "—"),
        FieldChange("slides (PDF)", "—", "3f2a.pdf"),
        FieldChange("reminders (minutes before the start)", "—", "1440, 60"),
    ]


def test_a_page_compares_its_oldest_change_with_the_record_on_the_next_page(programme):
    for ects in (100, 90, 80, 70):
        _edit(programme, ects=ects)
    # Newest first: 70, 80 | 90, 100 | created.
    second = history_page(programme, 2, per_page=2)
    assert [c.fields for c in second] == [
        [FieldChange("ECTS credits", "100", "90")],
        [FieldChange("ECTS credits", "120", "100")],
    ]
    assert (second.number, second.paginator.num_pages) == (2, 3)
    assert [c.action for c in history_page(programme, 3, per_page=2)] == ["created"]


def test_a_page_past_the_last_is_the_last(programme):
    assert [c.action for c in history_page(programme, 9)] == ["created"]


def test_an_object_without_records_has_an_empty_first_page(django_assert_num_queries):
    [skill] = Skill.objects.bulk_create([Skill(name_en="Wind", slug="wind")])
    with django_assert_num_queries(1):  # how many records: none, so none is read
        page = history_page(skill, None)
    assert (list(page), page.number) == ([], 1)


def test_a_change_log_reads_one_record_more_than_its_slice(programme, django_assert_num_queries):
    for ects in (100, 90):
        _edit(programme, ects=ects)
    log = ChangeLog(records_of(programme))
    with django_assert_num_queries(1):
        newest = log[0]
    assert newest.fields == [FieldChange("ECTS credits", "100", "90")]
    assert [c.action for c in log] == ["changed", "changed", "created"]


def test_unchanged_saves_are_dropped_only_when_asked(programme):
    programme.save()
    records = list(reversed(records_of(programme)))
    assert [c.compared for c in changes_of(records)] == [False, True]
    assert [c.action for c in changes_of(records, drop_unchanged=True)] == ["created"]


def test_the_baseline_records_every_row_as_it_stands(db):
    Skill.objects.bulk_create(Skill(name_en=f"Skill {n}", slug=f"skill-{n}") for n in range(5))
    assert record_baseline(Skill.history.model, Skill, batch_size=2) == 5
    records = Skill.history.order_by("id")
    assert list(records.values_list("name_en", "history_type", "history_user")) == [
        (f"Skill {n}", "~", None) for n in range(5)
    ]
    [change] = changes_of(records.filter(slug="skill-0"))
    assert (change.action, change.compared) == ("recorded", False)
