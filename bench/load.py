"""Drive one URL with wrk (a C load generator, loopback only) and read its numbers."""

import json
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

# wrk's own hook prints the percentiles we need as one JSON line.
REPORT_LUA = """
done = function(summary, latency, requests)
  io.write(string.format(
    '{"requests": %d, "seconds": %f, "errors": %d, '
      .. '"p50": %f, "p95": %f, "p99": %f, "bytes": %d}\\n',
    summary.requests, summary.duration / 1e6,
    summary.errors.connect + summary.errors.read + summary.errors.write
      + summary.errors.status + summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, summary.bytes))
end
"""


@dataclass
class Result:
    name: str
    path: str
    requests: int
    rps: float
    p50: float
    p95: float
    p99: float
    errors: int
    queries: int | None = None
    response_bytes: int | None = None
    gzip_bytes: int | None = None
    cold_ms: float = 0.0


def run_wrk(
    name: str,
    url: str,
    *,
    seconds: int,
    connections: int,
    threads: int = 2,
    headers: Sequence[str] = (),
) -> Result:
    """``headers``: "Name: value" lines sent with every request (the session cookie of
    a signed-in person)."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(REPORT_LUA)
    try:
        output = subprocess.run(  # noqa: S603 - fixed arguments, loopback URL
            [
                shutil.which("wrk") or "/usr/bin/wrk",
                f"-t{threads}",
                f"-c{connections}",
                f"-d{seconds}s",
                "-s",
                script.name,
                *(part for header in headers for part in ("-H", header)),
                url,
            ],
            capture_output=True,
            text=True,
            timeout=seconds + 60,
            check=True,
        ).stdout
    finally:
        Path(script.name).unlink(missing_ok=True)
    data = json.loads(output.strip().splitlines()[-1])
    return Result(
        name=name,
        path=url.split("//", 1)[1].split("/", 1)[1] if "//" in url else url,
        requests=data["requests"],
        rps=data["requests"] / data["seconds"] if data["seconds"] else 0.0,
        p50=data["p50"],
        p95=data["p95"],
        p99=data["p99"],
        errors=data["errors"],
    )
