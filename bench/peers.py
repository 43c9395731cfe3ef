"""The peers beside the portal (``make bench PEERS=../shared/peers``): Indico, pretalx
and a bare-Django ceiling, installed, seeded and served by the scripts in that
folder, loaded with the same wrk settings minutes after the portal's pages."""

import os
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

SETUP = ("setup_postgres_redis.sh", "ceiling/ceiling_setup.sh", "pretalx_setup.sh",
         "indico_setup.sh")  # fmt: skip
# Portal page, peer page, and the portal's side compared (signed in unless a feed).
PAIRS = [
    ("Events list", "indico", "category page (event list)"),
    ("Event page", "indico", "event page (lecture)"),
    ("Event page", "pretalx", "talk detail"),
    ("Calendar feed", "indico", "export categ .ics (500 VEVENT)"),
    ("Calendar feed", "indico", "category events.ics (283 VEVENT)"),
    ("Calendar feed", "pretalx", "schedule .ics (300 VEVENT)"),
    ("Bare Django view", "ceiling", "hello (bare Django)"),
]


@dataclass
class PeerPage:
    peer: str
    page: str
    rps: float
    p50: float
    p99: float
    status: str


# What the peers' scripts get of this process's environment: not the portal's
# settings module, database or broker, which would become the peers' own.
KEPT_ENVIRONMENT = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "USER", "TERM")


def _run(script: Path, *, env: dict[str, str] | None = None, timeout: int = 1800) -> None:
    clean = {name: os.environ[name] for name in KEPT_ENVIRONMENT if name in os.environ}
    subprocess.run(  # noqa: S603 - the peers' own scripts
        ["/bin/bash", str(script)],
        check=True,
        timeout=timeout,
        env={**clean, **(env or {})},
    )


def start(folder: Path) -> None:
    """Install (the first time), seed and serve every peer; safe to run again."""
    for script in SETUP:
        _run(folder / script)


def stop(folder: Path) -> None:
    subprocess.run(["/bin/bash", str(folder / "stop_all.sh")], check=False, timeout=120)  # noqa: S603


def measure(folder: Path, *, seconds: int, connections: int) -> list[PeerPage]:
    with tempfile.TemporaryDirectory() as work:
        out = Path(work) / "peers.md"
        _run(
            folder / "bench_peers.sh",
            env={"OUT": str(out), "DURATION": f"{seconds}s", "CONNS": str(connections),
                 "THREADS": "2", "ONLY": "^(ceiling|pretalx|indico) "},
            timeout=3600,
        )  # fmt: skip
        return parse(out.read_text(encoding="utf-8"))


def parse(text: str) -> list[PeerPage]:
    """The rows of bench_peers.sh's table: | peer | page | req/s | p50 | p99 | …"""
    found = []
    for line in text.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) < 8 or cells[0] not in {"ceiling", "pretalx", "indico"}:
            continue
        try:
            rps, p50, p99 = float(cells[2]), float(cells[3]), float(cells[4])
        except ValueError:
            rps, p50, p99 = 0.0, 0.0, 0.0
        found.append(PeerPage(cells[0], cells[1], rps, p50, p99, cells[7]))
    return found
