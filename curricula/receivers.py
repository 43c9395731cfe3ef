"""What curricula does when the universities app, below it, archives or restores a
university (``universities.signals``): its programmes go and come back with it, in
the same transaction."""

from typing import Any

from accounts.models import User
from universities.models import University

from . import services


def archive_programmes(*, university: University, by: User | None, **kwargs: Any) -> int:
    return services.programmes_archive_with_university(university=university, by=by)


def restore_programmes(*, university: University, **kwargs: Any) -> int:
    return services.programmes_restore_with_university(university=university)
