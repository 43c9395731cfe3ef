"""`make run HOST=… PORT=…` links e-mails and calendars to where it serves."""

import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _site_url(**env: str) -> str:
    # The settings part of scripts/run-stack.sh, up to the SITE_URL it exports.
    script = (ROOT / "scripts" / "run-stack.sh").read_text().splitlines()
    start = next(i for i, line in enumerate(script) if line.startswith("HOST="))
    end = next(i for i, line in enumerate(script) if line.startswith("export SITE_URL"))
    snippet = "\n".join(script[start : end + 1]) + '\necho "$SITE_URL"'
    done = subprocess.run(  # noqa: S603
        ["/bin/bash", "-c", snippet], env=env, capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


def test_site_url_follows_host_and_port():
    assert _site_url(PORT="8011") == "http://127.0.0.1:8011"
    assert _site_url(HOST="0.0.0.0", PORT="9000") == "http://0.0.0.0:9000"  # noqa: S104


def test_an_explicit_site_url_wins():
    assert _site_url(PORT="8011", SITE_URL="https://platform.example.org") == (
        "https://platform.example.org"
    )
