"""Monthly series of webinars: "every first Tuesday at 10:00 Asia/Almaty, 6 times"."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from dateutil.rrule import MONTHLY, rrule, weekday

ORDINALS = {"1": 1, "2": 2, "3": 3, "4": 4, "last": -1}


def monthly_starts(
    *, first_month: date, ordinal: str, day_of_week: int, at: time, zone: str, count: int
) -> list[datetime]:
    """The aware start times, in ``zone``, of ``count`` monthly occurrences.

    "last" picks the last such weekday of each month, whatever its length; the
    first four ordinals exist in every month.
    """
    rule = rrule(
        MONTHLY,
        dtstart=datetime.combine(first_month.replace(day=1), at),
        byweekday=weekday(day_of_week)(ORDINALS[ordinal]),
        count=count,
    )
    tz = ZoneInfo(zone)
    return [moment.replace(tzinfo=tz) for moment in rule]


def occurrence_end(start: datetime, minutes: int) -> datetime:
    return start + timedelta(minutes=minutes)
