"""Shared fixtures: the cast used by permission tests, and test-only settings."""

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.utils import translation

from platform_site.celery import app as celery_app
from universities.models import UniversityMembership

from .factories import (
    CoordinatorFactory,
    OrganisationFactory,
    OrganisationMembershipFactory,
    UniversityFactory,
    UniversityMembershipFactory,
    UserFactory,
)


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    settings.SECURE_SSL_REDIRECT = False
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.SITE_URL = "http://testserver"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Every page test also runs through the anonymous page cache, as production does.
    settings.PAGE_CACHE_SECONDS = 60


@pytest.fixture(autouse=True)
def _english_by_default():
    # A request to /ru/ leaves Russian active in the thread; reverse() would follow it.
    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _clean_cache():
    # Rate limits and cached flags live in the cache; each test starts afresh.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True, scope="session")
def _celery_runs_tasks_in_process():
    # The real task code runs, in the test's process, when a task is queued.
    celery_app.conf.task_always_eager = True
    celery_app.conf.task_eager_propagates = True
    yield
    celery_app.conf.task_always_eager = False


@pytest.fixture
def university(db):
    return UniversityFactory(name_en="Satbayev University", slug="satbayev-university")


@pytest.fixture
def other_university(db):
    return UniversityFactory(name_en="Tashkent State Technical University", country="UZ")


@pytest.fixture
def organisation(db):
    return OrganisationFactory()


@pytest.fixture
def coordinator(db):
    return CoordinatorFactory(email="coordinator@example.org")


@pytest.fixture
def staff_editor(university):
    return UniversityMembershipFactory(university=university, user__email="editor@example.org").user


@pytest.fixture
def staff_admin(university):
    return UniversityMembershipFactory(
        university=university, role=UniversityMembership.Role.ADMIN, user__email="admin@example.org"
    ).user


@pytest.fixture
def other_staff(other_university):
    return UniversityMembershipFactory(
        university=other_university, user__email="other@example.org"
    ).user


@pytest.fixture
def partner(organisation):
    return OrganisationMembershipFactory(
        organisation=organisation, user__email="partner@example.org"
    ).user


@pytest.fixture
def student(db):
    return UserFactory(email="student@example.org")


def pytest_collection_modifyitems(config, items):
    """Tests marked ``postgres`` need PostgreSQL features; skip them only without it."""
    if django_settings.IS_POSTGRES:
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL (set DATABASE_URL=postgres://…)")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)
