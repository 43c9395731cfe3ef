"""Reference rows that data migrations create (coordinators group, research areas,
languages). Tests and the benchmark that empty the tables put them back with this."""

import importlib

from django.apps import apps

from core import pagecache

DATA_MIGRATIONS = [
    ("accounts.migrations.0002_coordinators_group", "create_group"),
    (
        "universities.migrations.0003_search_keys_trigram_and_research_areas",
        "create_research_areas",
    ),
    ("universities.migrations.0005_seed_languages", "add_languages"),
]


def restore_reference_data() -> None:
    for module, function in DATA_MIGRATIONS:
        getattr(importlib.import_module(module), function)(apps, None)
    pagecache.bump()  # the loaders write in bulk, which sends no signals
