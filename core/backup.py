"""Backups of the database and the uploaded media, and their restore.

An archive is one ``.tar.gz`` holding ``database.dump`` (``pg_dump`` custom format on
PostgreSQL) or ``database.sqlite3`` (SQLite's online backup, consistent while the
site runs), ``media/`` and ``manifest.json``.
"""

import io
import json
import shutil
import sqlite3
import subprocess  # noqa: S404 - pg_dump and pg_restore, with arguments we build
import tarfile
import tempfile
from dataclasses import dataclass
from datetime import datetime
from glob import glob
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection
from django.utils import timezone


class BackupError(Exception):
    """A backup or restore that cannot be done; the message says why."""


def _pg_tool(name: str) -> str:
    candidates = sorted(glob(f"/usr/lib/postgresql/*/bin/{name}"), key=_version_key)
    found = candidates[-1] if candidates else shutil.which(name)
    if not found:
        raise BackupError(f"{name} is not installed (Debian package postgresql-client).")
    return found


def _version_key(path: str) -> int:
    part = path.split("/")[4]
    return int(part) if part.isdigit() else 0


def _pg_env_and_args() -> tuple[dict[str, str], list[str]]:
    db = settings.DATABASES["default"]
    env = {"PGPASSWORD": str(db.get("PASSWORD") or ""), "PATH": "/usr/bin:/bin"}
    args = ["-h", str(db.get("HOST") or "127.0.0.1"), "-p", str(db.get("PORT") or 5432)]
    args += ["-U", str(db.get("USER") or "postgres"), "-d", str(db["NAME"])]
    return env, args


@dataclass(frozen=True)
class Manifest:
    created_at: str
    vendor: str
    database: str

    def as_json(self) -> bytes:
        return json.dumps(self.__dict__, indent=2).encode()


def backup(folder: Path, *, now: datetime | None = None) -> Path:
    """Write a dated archive into ``folder`` and return its path."""
    now = now or timezone.now()
    folder.mkdir(parents=True, exist_ok=True)
    stamp = now.strftime("%Y%m%d-%H%M%S")
    target = folder / f"backup-{stamp}.tar.gz"
    with tempfile.TemporaryDirectory() as work:
        dump = _dump_database(Path(work))
        manifest = Manifest(now.isoformat(), connection.vendor, dump.name)
        with tarfile.open(target, "w:gz") as archive:
            archive.add(dump, arcname=dump.name)
            media = Path(settings.MEDIA_ROOT)
            if media.is_dir():
                archive.add(media, arcname="media")
            info = tarfile.TarInfo("manifest.json")
            data = manifest.as_json()
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return target


def prune(folder: Path, *, keep: int) -> list[Path]:
    """Remove all but the newest ``keep`` archives of ``folder`` (none when 0)."""
    if keep <= 0:
        return []
    archives = sorted(folder.glob("backup-*.tar.gz"))
    old = archives[:-keep]
    for path in old:
        path.unlink()
    return old


def _dump_database(work: Path) -> Path:
    if connection.vendor == "postgresql":
        target = work / "database.dump"
        env, args = _pg_env_and_args()
        _run([_pg_tool("pg_dump"), "--format=custom", "--no-owner", "-f", str(target), *args], env)
        return target
    if connection.vendor == "sqlite":
        target = work / "database.sqlite3"
        connection.ensure_connection()
        destination = sqlite3.connect(target)
        try:
            connection.connection.backup(destination)
        finally:
            destination.close()
        return target
    raise BackupError(f"Backups support PostgreSQL and SQLite, not {connection.vendor}.")


def _run(command: list[str], env: dict[str, str]) -> None:
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0:
        raise BackupError(f"{Path(command[0]).name} failed: {done.stderr.strip()[:500]}")


def database_is_empty() -> bool:
    return not connection.introspection.table_names()


def restore(archive_path: Path) -> dict[str, Any]:
    """Bring an archive back into an empty database and the media folder.

    Refuses a database that already has tables, so nothing is overwritten by mistake.
    """
    if not archive_path.is_file():
        raise BackupError(f"No archive at {archive_path}.")
    if not database_is_empty():
        raise BackupError(
            "The database is not empty; restore into a new, empty database "
            "(drop and create it first)."
        )
    with tempfile.TemporaryDirectory() as work, tarfile.open(archive_path, "r:gz") as archive:
        archive.extractall(work, filter="data")
        folder = Path(work)
        manifest = json.loads((folder / "manifest.json").read_text())
        if manifest["vendor"] != connection.vendor:
            raise BackupError(
                f"This archive is of a {manifest['vendor']} database, not {connection.vendor}."
            )
        _load_database(folder / manifest["database"])
        media = folder / "media"
        if media.is_dir():
            shutil.copytree(media, Path(settings.MEDIA_ROOT), dirs_exist_ok=True)
    return manifest


def _load_database(dump: Path) -> None:
    if connection.vendor == "postgresql":
        env, args = _pg_env_and_args()
        _run([_pg_tool("pg_restore"), "--no-owner", "--exit-on-error", *args, str(dump)], env)
        return
    connection.ensure_connection()
    source = sqlite3.connect(dump)
    try:
        source.backup(connection.connection)
    finally:
        source.close()
