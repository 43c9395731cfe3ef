"""The rows that refer to a row, found through _meta: counted and moved."""

import pytest

from core import relations
from tests.factories import UniversityMembershipFactory
from universities.models import Activity, ResearchArea, Strength, UniversityMembership

pytestmark = pytest.mark.django_db


def test_references_include_hidden_ones_and_change_records(university):
    keys = {
        reference.key: reference.is_record for reference in relations.references(type(university))
    }
    assert keys["universities.strength.university"] is False
    assert keys["universities.historicalstrength.university"] is True
    assert keys["events.hostingrecord.university"] is False  # related_name="+"
    assert keys["universities.university_languages.university"] is False  # a many-to-many table


def test_referring_counts_name_each_kind_and_leave_out_change_records(university, staff_admin):
    area = ResearchArea.objects.first()
    Strength.objects.create(university=university, area=area, level=2)
    Activity.objects.create(university=university, kind="laboratory", title="Lab", start_year=2020)
    counts = {c.label: c.count for c in relations.referring_counts(university)}
    assert counts == {"University memberships": 1, "Strengths": 1, "Activities": 1}


def test_move_references_folds_a_unique_link_at_the_higher_level(university, other_university):
    grids, minerals = ResearchArea.objects.all()[:2]
    Strength.objects.create(university=university, area=grids, level=3)
    Strength.objects.create(university=university, area=minerals, level=1)
    Strength.objects.create(university=other_university, area=grids, level=1)
    Activity.objects.create(university=university, kind="laboratory", title="Lab", start_year=2020)
    member = UniversityMembershipFactory(university=university).user
    UniversityMembershipFactory(university=other_university, user=member)

    moved = relations.move_references(old=university, new=other_university)

    assert sorted(Strength.objects.values_list("university__slug", "area", "level")) == sorted(
        [(other_university.slug, grids.pk, 3), (other_university.slug, minerals.pk, 1)]
    )
    assert list(Activity.objects.values_list("university", flat=True)) == [other_university.pk]
    assert UniversityMembership.objects.filter(user=member).count() == 1
    assert relations.remaining_references(university) == []
    assert (
        moved["universities.strength.university"],
        moved["universities.activity.university"],
    ) == (2, 1)


def test_move_references_refuses_a_row_of_another_model_or_itself(university, staff_admin):
    with pytest.raises(ValueError, match="another row of its model"):
        relations.move_references(old=university, new=university)
    with pytest.raises(ValueError, match="another row of its model"):
        relations.move_references(old=university, new=staff_admin)
