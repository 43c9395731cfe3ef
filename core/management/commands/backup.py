from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from core.backup import BackupError, backup, prune


class Command(BaseCommand):
    help = "Write a dated archive of the database and the uploaded media."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--folder", default=str(Path(settings.VAR_DIR) / "backups"), help="where to write it"
        )
        parser.add_argument(
            "--keep", type=int, default=0, help="keep only the newest N archives (0: all)"
        )

    def handle(self, *args: Any, folder: str, keep: int, **options: Any) -> None:
        try:
            path = backup(Path(folder))
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Backup written to {path}"))
        for old in prune(Path(folder), keep=keep):
            self.stdout.write(f"Removed the older backup {old}")
