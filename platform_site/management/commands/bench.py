from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from bench.run import main
from bench.seed import SCALES


class Command(BaseCommand):
    help = (
        "Seed a synthetic region at each scale and measure the key pages (visitors and "
        "signed in), the first visitor after a change, the reminder pipeline and, with "
        "--peers, Indico, pretalx and a bare-Django ceiling beside them."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--scale",
            default="small,large",
            help=f"Scales, smallest first, comma-separated: {', '.join(sorted(SCALES))}.",
        )
        parser.add_argument("--seconds", type=int, default=10)
        parser.add_argument("--connections", type=int, default=8)
        parser.add_argument("--reminders", type=int, default=10_000)
        parser.add_argument(
            "--peers", default="", help="The folder of the peers' scripts (../shared/peers)."
        )

    def handle(
        self,
        *args: Any,
        scale: str,
        seconds: int,
        connections: int,
        reminders: int,
        peers: str,
        **options: Any,
    ) -> None:
        if connection.vendor != "postgresql":
            raise CommandError("The benchmark runs on PostgreSQL: set DATABASE_URL.")
        scales = [name.strip() for name in scale.split(",") if name.strip()]
        unknown = [name for name in scales if name not in SCALES]
        if not scales or unknown:
            raise CommandError(f"Unknown scale: {', '.join(unknown) or scale!r}.")
        peers_dir = Path(peers).resolve() if peers else None
        if peers_dir is not None and not (peers_dir / "bench_peers.sh").is_file():
            raise CommandError(f"No bench_peers.sh in {peers_dir}.")
        path = main(
            scales,
            seconds=seconds,
            connections=connections,
            reminders=reminders,
            peers_dir=peers_dir,
        )
        self.stdout.write(self.style.SUCCESS(f"Results written to {path} and latest.md."))
