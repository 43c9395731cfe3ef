from datetime import timedelta

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.utils import timezone

from core.backup import backup, restore
from events.models import Event, Registration
from tests.factories import UniversityFactory, UserFactory


def _counts() -> dict[str, int]:
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.managed and not model._meta.proxy
    }


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_backup_and_restore_round_trip_on_postgresql(tmp_path, settings):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (set DATABASE_URL=postgres://…)")
    settings.MEDIA_ROOT = tmp_path / "media"
    (tmp_path / "media" / "slides").mkdir(parents=True)
    (tmp_path / "media" / "slides" / "talk.pdf").write_bytes(b"%PDF-1.4 slides")
    UniversityFactory.create_batch(2)
    start = timezone.now() + timedelta(days=3)
    event = Event.objects.create(
        title_en="Smart grids webinar", kind="webinar", format="online", status="published",
        start=start, end=start + timedelta(hours=2),
    )  # fmt: skip
    registration = Registration.objects.create(
        user=UserFactory(), event=event, mode="online", status="confirmed"
    )
    before = _counts()

    archive = backup(tmp_path / "backups")
    with connection.cursor() as cursor:
        cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
    (tmp_path / "media" / "slides" / "talk.pdf").unlink()
    restore(archive)

    assert _counts() == before
    restored = Registration.objects.select_related("event", "user").get(pk=registration.pk)
    assert (restored.event.title_en, restored.status, restored.user_id) == (
        "Smart grids webinar",
        "confirmed",
        registration.user_id,
    )
    assert (tmp_path / "media" / "slides" / "talk.pdf").read_bytes() == b"%PDF-1.4 slides"


@pytest.mark.django_db
def test_restore_refuses_a_database_that_is_not_empty(tmp_path):
    archive = backup(tmp_path / "backups")

    with pytest.raises(CommandError, match="not empty"):
        call_command("restore", str(archive))


def test_restore_says_when_there_is_no_archive(tmp_path):
    with pytest.raises(CommandError, match="No archive"):
        call_command("restore", str(tmp_path / "missing.tar.gz"))


@pytest.mark.django_db
def test_backup_keeps_only_the_newest_archives_when_asked(tmp_path):
    folder = tmp_path / "backups"
    folder.mkdir()
    for day in ("20261101", "20261102", "20261103"):
        (folder / f"backup-{day}-020000.tar.gz").write_bytes(b"old")

    call_command("backup", "--folder", str(folder), "--keep", "2")

    names = sorted(path.name for path in folder.iterdir())
    assert len(names) == 2
    assert names[0] == "backup-20261103-020000.tar.gz"
    assert names[1] > names[0]
