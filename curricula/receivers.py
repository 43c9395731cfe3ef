"""What curricula does when the universities app, below it, archives, restores or
renames a university (``universities.signals``): its programmes go and come back with
it, and are found by its new names, in the same transaction."""

from typing import Any

from accounts.models import User
from universities.models import University

from . import services


def archive_programmes(*, university: University, by: User | None, **kwargs: Any) -> int:
    return services.programmes_archive_with_university(university=university, by=by)


def restore_programmes(*, university: University, **kwargs: Any) -> int:
    return services.programmes_restore_with_university(university=university)


def refresh_programme_documents(*, university: University, **kwargs: Any) -> int:
    return services.programmes_refresh_search_documents(university=university)
