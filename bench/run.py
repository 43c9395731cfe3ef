"""`make bench`: seed a region, serve it with gunicorn, load every key page with wrk,
drain a burst of reminders through Celery, and write bench/results/latest.md."""

import os
import platform
import subprocess
import time
import urllib.request
from collections.abc import Mapping, Sequence
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import User
from accounts.reference import coordinators_group_create
from core import pagecache
from curricula.models import Programme
from events.ics import _vtimezone
from events.models import Event
from industry.models import SkillNeed
from universities.reference import languages_create, research_areas_create

from .load import Result, run_wrk
from .pipeline import PipelineResult, child_pids, peak_memory_mb, run_pipeline
from .seed import SCALES, seed_region

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
TARGET_P95 = 100.0
SLOW_PAGES = {"Skills gap page", "Strengths matrix"}
TARGET_P95_SLOW = 300.0


def key_pages() -> list[tuple[str, str]]:
    """(name, path) of each page measured; the region must be seeded first."""
    programme = Programme.objects.order_by("pk").first()
    need = SkillNeed.objects.order_by("pk").first()
    event = Event.objects.order_by("pk").first()
    if programme is None or need is None or event is None:
        raise RuntimeError("No programme, need or event to measure: seed the region first.")
    return [
        ("Home", "/"),
        ("Universities, filtered", "/universities/?country=KZ"),
        ("Universities, cross-script search", "/universities/?q=%D1%82%D0%B5%D1%81%D1%82%D0%BE%D0%B2%D1%8B%D0%B9+7"),
        ("University profile", "/universities/bench-university-1/"),
        ("Map data", "/universities/map/?country=UZ"),
        ("Strengths matrix", "/universities/strengths/?country=KZ"),
        ("Programmes, filtered", "/programmes/?degree=master&country=KZ"),
        ("Programmes, full-text search", "/programmes/?q=energy+programme+12"),
        ("Programme page", programme.get_absolute_url()),
        ("Skills gap page", "/skills/gaps/"),
        ("Needs board", "/needs/"),
        ("Need page with matching", need.get_absolute_url()),
        ("Events list", "/events/"),
        ("Event page", event.get_absolute_url()),
        ("Calendar feed", "/events/feed.ics"),
        ("Bare Django view", "/bench/bare"),
    ]  # fmt: skip


def _server_env() -> dict[str, str]:
    return {
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "bench-secret-key-not-for-production-0123456789abcdef",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_SECURE_COOKIES": "0",
        "DJANGO_BENCH_ENDPOINTS": "1",
        "DJANGO_LOG_LEVEL": "WARNING",
        "DATABASE_URL": os.environ["DATABASE_URL"],
        "CELERY_BROKER_URL": os.environ.get("CELERY_BROKER_URL", ""),
        "CACHE_URL": os.environ.get("CACHE_URL", ""),
    }


def _wait_for(url: str, seconds: int = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 - loopback
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer")


def _clear_caches() -> None:
    """Every cache a page may read: the shared cache (pages, the gap table, feeds)
    emptied when it is not the broker's database, else the pages retired; and the
    process's own (the iCalendar time zones)."""
    location = str(settings.CACHES["default"].get("LOCATION", ""))
    if location and location == settings.CELERY_BROKER_URL:
        pagecache.bump()
    else:
        cache.clear()
    _vtimezone.cache_clear()


def _in_process(path: str, *, repeat: int = 3) -> tuple[int, int, int, str, float]:
    """Queries, bytes (plain and gzipped), the slowest SQL and the best time in ms of
    ``repeat`` requests in this process, each with every cache cleared first: what the
    first visitor after a change waits."""
    best = float("inf")
    for _ in range(repeat):
        _clear_caches()
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            response = Client().get(path, secure=True, HTTP_HOST="127.0.0.1")
        best = min(best, (time.perf_counter() - started) * 1000)
    captured = list(queries.captured_queries)  # the next request resets the log
    slowest = max(captured, key=lambda q: float(q["time"]), default=None)
    gzipped = Client().get(path, secure=True, HTTP_HOST="127.0.0.1", HTTP_ACCEPT_ENCODING="gzip")
    return (
        len(captured),
        len(response.content),
        len(gzipped.content),
        slowest["sql"] if slowest else "",
        best,
    )


def _explain(sql: str) -> str:
    if connection.vendor != "postgresql" or not sql.lstrip().upper().startswith(("SELECT", "WITH")):
        return f"(no plan for: {sql[:200]})"
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
        return "\n".join(row[0] for row in cursor.fetchall())


def main(scale_name: str, *, seconds: int, connections: int, reminders: int) -> Path:
    scale = SCALES[scale_name]
    call_command("migrate", verbosity=0)
    call_command("flush", interactive=False, verbosity=0)
    coordinators_group_create()
    research_areas_create()
    languages_create()
    pagecache.bump()  # the loaders write in bulk, which sends no signals
    started = time.monotonic()
    counts = seed_region(scale)
    seed_seconds = time.monotonic() - started
    print(f"bench: seeded {counts} in {seed_seconds:.1f} s", flush=True)
    # Statistics and visibility maps as a live database has them, not as a bulk load
    # leaves them (autovacuum would otherwise run in the middle of the measures).
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")

    # The server and the in-process requests share the collected, hashed files.
    call_command("collectstatic", interactive=False, verbosity=0)
    env = {**os.environ, **_server_env()}
    port = int(os.environ.get("BENCH_PORT", "8799"))
    gunicorn = subprocess.Popen(  # noqa: S603
        [".venv/bin/gunicorn", "platform_site.wsgi", "--workers", "2", "--bind", f"127.0.0.1:{port}",
         "--log-level", "warning"],
        env=env,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    results: list[Result] = []
    plans: dict[str, str] = {}
    try:
        _wait_for(base + "/healthz")
        for name, path in key_pages():
            if name == "Bare Django view":
                client_queries, size, gzip_size, slow_sql, cold_ms = 0, 2, 2, "", 0.0
            else:
                _in_process(path, repeat=1)  # the first request also loads templates
                client_queries, size, gzip_size, slow_sql, cold_ms = _in_process(path)
            urllib.request.urlopen(base + path, timeout=30).read()  # noqa: S310 - warm up
            result = run_wrk(name, base + path, seconds=seconds, connections=connections)
            result.queries, result.response_bytes, result.cold_ms = client_queries, size, cold_ms
            result.gzip_bytes = gzip_size
            results.append(result)
            plans[name] = slow_sql
            print(f"bench: {name}: {result.rps:.0f} req/s, p95 {result.p95:.1f} ms", flush=True)
        gunicorn_peak = peak_memory_mb(child_pids(gunicorn.pid))
    finally:
        gunicorn.terminate()
        gunicorn.wait(timeout=30)

    users = list(User.objects.order_by("pk")[:reminders])
    pipeline = run_pipeline(min(reminders, len(users)), users, env=_server_env())
    print(f"bench: reminders {pipeline}", flush=True)

    # Served pages come from the cache, so the slowest are ranked by their cold render.
    slowest = sorted(
        (r for r in results if r.name != "Bare Django view"), key=lambda r: -r.cold_ms
    )[:3]
    explained = {r.name: _explain(plans[r.name]) for r in slowest}
    report = _report(
        scale_name,
        counts,
        seed_seconds,
        results,
        gunicorn_peak,
        pipeline,
        explained,
        seconds,
        connections,
    )
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "latest.md").write_text(report, encoding="utf-8")
    dated = RESULTS / f"{timezone.localdate().isoformat()}-{scale_name}.md"
    dated.write_text(report, encoding="utf-8")
    return dated


def _report(
    scale_name: str,
    counts: Mapping[str, int],
    seed_seconds: float,
    results: Sequence[Result],
    gunicorn_peak: float,
    pipeline: PipelineResult,
    plans: Mapping[str, str],
    seconds: int,
    connections: int,
) -> str:
    ceiling = next((r.rps for r in results if r.name == "Bare Django view"), 0) or 1
    cores = os.cpu_count()
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    lines = [
        f"# Benchmark — scale `{scale_name}`, {timezone.localdate().isoformat()}",
        "",
        f"Machine: {cores} cores, {memory:.1f} GiB, {platform.platform()}, Python {platform.python_version()}, "
        f"{connection.vendor} ({connection.settings_dict.get('NAME')}).",
        f"Server: gunicorn, 2 sync workers, debug off, whitenoise. Load: wrk, {connections} connections, "
        f"{seconds} s per page, loopback.",
        f"Seeded in {seed_seconds:.1f} s: "
        + ", ".join(f"{v:,} {k}" for k, v in counts.items())
        + ".",
        "",
        "Anonymous pages are served from the page cache (accounts/pagecache.py): a copy per address,",
        "language and time zone, retired by any change to the content and after "
        f"{settings.PAGE_CACHE_SECONDS} s.",
        "The load measures those cached pages; *cold ms* is the best of three renders in-process",
        "with every cache cleared first (the pages, the gap table, the feeds' texts, the",
        "process's time zones: what the first visitor after a change waits), *SQL* counts its",
        "queries, and *bytes* are the body as sent plain and gzipped.",
        "",
        "| page | req/s | p50 ms | p95 ms | p99 ms | cold ms | SQL | bytes | gzip bytes | share of ceiling | target |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for r in results:
        limit = TARGET_P95_SLOW if r.name in SLOW_PAGES else TARGET_P95
        share = r.rps / ceiling
        ok = r.name == "Bare Django view" or (r.p95 < limit and share >= 0.10 and not r.errors)
        lines.append(
            f"| {r.name} | {r.rps:.0f} | {r.p50:.1f} | {r.p95:.1f} | {r.p99:.1f} | {r.cold_ms:.0f} | "
            f"{r.queries} | "
            f"{r.response_bytes:,} | {r.gzip_bytes or 0:,} | {share:.0%} | "
            f"{'met' if ok else 'MISSED'} (p95 < {limit:.0f} ms) |"
        )
    lines += [
        "",
        f"Peak resident memory of a gunicorn worker: {gunicorn_peak:.0f} MB (target < 250 MB).",
        "",
        "## Reminder pipeline",
        "",
        f"{pipeline.reminders:,} reminders due at once, sent by a Celery worker (2 processes) through "
        f"the broker to a local SMTP sink: drained in {pipeline.seconds:.1f} s, "
        f"{pipeline.per_second:.0f} e-mails/s (target ≥ 200), duplicates {pipeline.duplicates}, "
        f"misses {pipeline.misses}; worker peak memory {pipeline.worker_peak_mb:.0f} MB.",
        "",
        "## Query plans of the three slowest uncached pages (their slowest query)",
        "",
    ]
    for name, plan in plans.items():
        lines += [f"### {name}", "", "```", plan, "```", ""]
    lines += ["Reproduce: `make bench` (large) or `make bench BENCH_SCALE=small`.", ""]
    return "\n".join(lines)
