from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from bench.run import main
from bench.seed import SCALES


class Command(BaseCommand):
    help = "Seed a synthetic region and measure the key pages and the reminder pipeline."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--scale", default="large", choices=sorted(SCALES))
        parser.add_argument("--seconds", type=int, default=10)
        parser.add_argument("--connections", type=int, default=8)
        parser.add_argument("--reminders", type=int, default=10_000)

    def handle(
        self, *args: Any, scale: str, seconds: int, connections: int, reminders: int, **options: Any
    ) -> None:
        if connection.vendor != "postgresql":
            raise CommandError("The benchmark runs on PostgreSQL: set DATABASE_URL.")
        path = main(scale, seconds=seconds, connections=connections, reminders=reminders)
        self.stdout.write(self.style.SUCCESS(f"Results written to {path} and latest.md."))
