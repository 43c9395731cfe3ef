"""Reference rows of accounts, written by a data migration and by whoever empties
the tables (tests, the benchmark)."""

from django.apps import apps as installed_apps
from django.apps.registry import Apps

from .models import COORDINATORS_GROUP


def coordinators_group_create(apps: Apps = installed_apps) -> None:
    """The group whose members are UNECE coordinators."""
    apps.get_model("auth", "Group").objects.get_or_create(name=COORDINATORS_GROUP)
