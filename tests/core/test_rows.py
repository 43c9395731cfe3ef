from datetime import timedelta

import pytest
from django import forms
from django.contrib.sessions.models import Session
from django.db import transaction
from django.forms import inlineformset_factory
from django.utils import timezone

from core.forms import form_values, formset_rows
from core.queue import enqueue_on_commit
from core.rows import Row, rows_apply, save_with_relations
from tests.factories import UniversityFactory
from universities.models import Language, ResearchArea, Strength, University

StrengthFormSet = inlineformset_factory(
    University, Strength, fields=["area", "level", "statement_en"], extra=1, can_delete=True
)


def _areas():
    return list(ResearchArea.objects.order_by("position")[:3])


@pytest.mark.django_db
def test_rows_apply_creates_updates_and_deletes_children():
    university = UniversityFactory()
    first, second, third = _areas()
    kept = Strength.objects.create(university=university, area=first, level=1)
    dropped = Strength.objects.create(university=university, area=second, level=1)

    result = rows_apply(
        parent=university,
        related_name="strengths",
        rows=[
            Row(pk=kept.pk, values={"level": 3, "statement_en": "Leading lab"}),
            Row(pk=dropped.pk, delete=True),
            Row(pk=None, values={"area": third, "level": 2}),
        ],
    )

    assert [(s.area_id, s.level, s.statement) for s in result] == [
        (first.pk, 3, "Leading lab"),
        (third.pk, 2, ""),
    ]
    assert sorted(university.strengths.values_list("area_id", "level")) == sorted(
        [(first.pk, 3), (third.pk, 2)]
    )


@pytest.mark.django_db
def test_rows_apply_refuses_a_row_of_another_parent():
    mine, theirs = UniversityFactory(), UniversityFactory()
    area = _areas()[0]
    foreign = Strength.objects.create(university=theirs, area=area, level=1)

    with pytest.raises(ValueError, match="is not"):
        rows_apply(parent=mine, related_name="strengths", rows=[Row(pk=foreign.pk, delete=True)])

    assert Strength.objects.filter(pk=foreign.pk).exists()


@pytest.mark.django_db
def test_save_with_relations_sets_many_to_many_after_the_row_is_saved():
    university = UniversityFactory()
    kazakh, russian = Language.objects.filter(code__in=["kk", "ru"]).order_by("code")

    save_with_relations(university, {"name_en": "Renamed", "languages": [kazakh, russian]})

    university.refresh_from_db()
    assert university.name_en == "Renamed"
    assert sorted(university.languages.values_list("code", flat=True)) == ["kk", "ru"]


@pytest.mark.django_db
def test_formset_rows_gives_changed_new_and_deleted_rows_only():
    university = UniversityFactory()
    first, second, third = _areas()
    unchanged = Strength.objects.create(university=university, area=first, level=1)
    deleted = Strength.objects.create(university=university, area=second, level=1)
    data = {
        "strengths-TOTAL_FORMS": "3",
        "strengths-INITIAL_FORMS": "2",
        "strengths-0-id": str(unchanged.pk),
        "strengths-0-area": str(first.pk),
        "strengths-0-level": "1",
        "strengths-1-id": str(deleted.pk),
        "strengths-1-area": str(second.pk),
        "strengths-1-level": "1",
        "strengths-1-DELETE": "on",
        "strengths-2-area": str(third.pk),
        "strengths-2-level": "2",
        "strengths-2-statement_en": "New",
    }
    formset = StrengthFormSet(data, instance=university, prefix="strengths")
    assert formset.is_valid(), formset.errors

    rows = formset_rows(formset)

    assert rows == [
        Row(pk=unchanged.pk, values={"area": first, "level": 1, "statement_en": ""}),
        Row(pk=deleted.pk, values={}, delete=True),
        Row(pk=None, values={"area": third, "level": 2, "statement_en": "New"}),
    ]


@pytest.mark.django_db
def test_form_values_keeps_only_model_fields():
    class NameForm(forms.ModelForm):
        confirm = forms.BooleanField(required=False)

        class Meta:
            model = University
            fields = ["name_en"]

    form = NameForm({"name_en": "New name", "confirm": "on"}, instance=UniversityFactory())
    assert form.is_valid()

    assert form_values(form) == {"name_en": "New name"}


@pytest.mark.django_db(transaction=True)
def test_enqueue_on_commit_runs_the_named_task_only_after_the_commit():
    expired = Session.objects.create(
        session_key="expired", session_data="", expire_date=timezone.now() - timedelta(days=1)
    )

    with transaction.atomic():
        enqueue_on_commit("accounts.clear_expired_sessions")
        assert Session.objects.filter(pk=expired.pk).exists()

    assert not Session.objects.filter(pk=expired.pk).exists()


@pytest.mark.django_db(transaction=True)
def test_enqueue_on_commit_sends_nothing_when_the_transaction_rolls_back():
    expired = Session.objects.create(
        session_key="expired", session_data="", expire_date=timezone.now() - timedelta(days=1)
    )

    def enqueue_then_fail():
        with transaction.atomic():
            enqueue_on_commit("accounts.clear_expired_sessions")
            raise RuntimeError

    with pytest.raises(RuntimeError):
        enqueue_then_fail()

    assert Session.objects.filter(pk=expired.pk).exists()
