"""Rules of one event or one rotation member: places remaining, blackout dates."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from events import services
from events.models import (
    Registration,
    RotationMember,
    blackout_period,
    validate_blackout_dates,
)
from tests.factories import UniversityFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_places_remaining_without_limits_is_none_and_asks_nothing(
    make_event, django_assert_num_queries
):
    event = make_event(format="online")
    with django_assert_num_queries(0):
        assert event.places_remaining() == {"on_site": None, "online": None}


def test_places_remaining_counts_confirmed_registrants_of_each_part(make_event, university):
    event = make_event(
        format="hybrid", host=university, venue="Hall A", capacity_on_site=2, capacity_online=3
    )
    on_site, online, waiting = UserFactory.create_batch(3)
    services.registration_create(event=event, user=on_site, mode="on_site")
    services.registration_create(event=event, user=online, mode="online")
    Registration.objects.create(event=event, user=waiting, mode="online", status="waitlisted")
    assert event.places_remaining() == {"on_site": 1, "online": 2}


def test_places_remaining_leaves_out_speakers_and_cancelled(make_event):
    event = make_event(capacity_online=2)
    speaker, cancelled = UserFactory.create_batch(2)
    services.speakers_register(event=event, users=[speaker])
    registration = services.registration_create(event=event, user=cancelled, mode="online")
    services.registration_cancel(registration=registration)
    assert event.places_remaining() == {"on_site": None, "online": 2}


def test_places_remaining_is_never_below_zero(make_event, django_assert_num_queries):
    event = make_event(capacity_online=2)
    for user in UserFactory.create_batch(2):
        services.registration_create(event=event, user=user, mode="online")
    event.capacity_online = 1  # the coordinator lowered the limit afterwards
    # 1 confirmed registrations counted by part
    with django_assert_num_queries(1):
        assert event.places_remaining() == {"on_site": None, "online": 0}


def test_a_full_part_waitlists_the_next_registrant(make_event):
    event = make_event(capacity_online=1)
    first, second = UserFactory.create_batch(2)
    services.registration_create(event=event, user=first, mode="online")
    assert event.places_remaining()["online"] == 0
    assert services.registration_create(event=event, user=second, mode="online").status == (
        "waitlisted"
    )


@pytest.mark.parametrize(
    ("line", "period"),
    [
        ("2027-06-01..2027-06-30", (date(2027, 6, 1), date(2027, 6, 30))),
        (" 2027-06-01 .. 2027-06-01 ", (date(2027, 6, 1), date(2027, 6, 1))),
        ("2027-06-05", (date(2027, 6, 5), date(2027, 6, 5))),
    ],
)
def test_blackout_period_reads_a_date_or_a_period(line, period):
    assert blackout_period(line) == period


@pytest.mark.parametrize(
    "line", ["next summer", "2027-06-30..2027-06-01", "2027-06-01..2027-06-02..2027-06-03", ""]
)
def test_blackout_period_refuses_anything_else(line):
    with pytest.raises(ValueError):  # noqa: PT011 - the parser's only error
        blackout_period(line)


def test_blackout_dates_are_validated_line_by_line():
    validate_blackout_dates("2027-06-01..2027-06-30\n\n2027-08-15\n")
    with pytest.raises(ValidationError) as error:
        validate_blackout_dates("2027-06-01\n2027-13-01")
    assert error.value.messages == [
        "“2027-13-01” is not a date or a period such as 2027-06-01..2027-06-30."
    ]


def test_member_validation_uses_the_same_parser():
    member = RotationMember(university=UniversityFactory(), position=1, blackout_dates="soon")
    with pytest.raises(ValidationError) as error:
        member.full_clean()
    assert list(error.value.message_dict) == ["blackout_dates"]


def test_blocked_dates_overlap_a_period_and_pass_over_a_line_left_from_before():
    member = RotationMember.objects.create(
        university=UniversityFactory(),
        position=1,
        blackout_dates="not a date\n2027-06-01..2027-06-30",  # saved before validation
    )
    assert member.blackout_periods() == [(date(2027, 6, 1), date(2027, 6, 30))]
    assert member.blocked(date(2027, 6, 29), date(2027, 7, 2)) is True
    assert member.blocked(date(2027, 7, 1), date(2027, 7, 2)) is False
