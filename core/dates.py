"""Calendar arithmetic shared by the apps."""

from datetime import date

from dateutil.relativedelta import relativedelta


def months_ahead(months: int, *, today: date) -> date:
    """The day ``months`` calendar months after ``today`` (31 January + 1 → 28/29 February)."""
    return today + relativedelta(months=months)


def months_back(months: int, *, today: date) -> date:
    return today - relativedelta(months=months)
