"""`make bench`: seed a region at the small and at the large scale, serve it with
gunicorn, load every key page with wrk as a visitor and as a signed-in person, time
the first visitor after a change, weigh the pages as sent, drain a burst of reminders
through the outbox and Celery, optionally measure the peers beside it, and write
bench/results/latest.md."""

import os
import platform
import subprocess
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
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
from curricula.models import Programme, ProgrammeSkill
from events.ics import _vtimezone
from events.models import Event
from industry.models import Organisation, OrganisationMembership, SkillNeed
from universities.models import University, UniversityMembership
from universities.reference import languages_create, research_areas_create

from . import peers
from .load import Result, run_wrk
from .pipeline import PipelineResult, child_pids, peak_memory_mb, run_pipeline
from .report import report
from .seed import SCALES, seed_region

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
HOST = "127.0.0.1"
GROWTH_REPEAT = 15
STUDENT = "bench-student@bench.local"
EDITOR = "bench-editor@bench.local"
# The pages the issue of signed-in speed names; the others are measured too.
SIGNED_IN_PAGES = {
    "Home", "Universities, filtered", "University profile", "Programmes, filtered",
    "Programme page", "Needs board", "Need page with matching", "Skills gap page",
    "Events list", "Event page", "Library", "Search",
}  # fmt: skip
LIST_PAGES = {
    "Universities, filtered", "Universities, cross-script search", "Programmes, filtered",
    "Programmes, full-text search", "Needs board", "Events list", "Library", "Search",
}  # fmt: skip


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
        ("Library", "/library/"),
        ("Search", "/search/?q=energy"),
        ("Calendar feed", "/events/feed.ics"),
        ("Bare Django view", "/bench/bare"),
    ]  # fmt: skip


def form_pages() -> list[tuple[str, str]]:
    """(name, path) of the form pages weighed as sent, for a university and
    organisation editor."""
    university = University.objects.get(slug="bench-university-1")
    organisation = Organisation.objects.order_by("pk").first()
    programme = Programme.objects.filter(university=university).order_by("pk").first()
    assert organisation is not None  # noqa: S101 - seeded
    assert programme is not None  # noqa: S101 - seeded
    return [
        ("Programme form (new)", f"/programmes/{university.slug}/new/"),
        ("Programme form (edit)", f"/programmes/{university.slug}/{programme.slug}/edit/"),
        ("Need form (new)", f"/organisations/{organisation.slug}/needs/new/"),
        ("University profile form", f"/universities/{university.slug}/edit/"),
    ]


@dataclass
class Page:
    name: str
    path: str
    visitor: Result | None = None
    signed_in: Result | None = None
    cold_ms: float = 0.0
    queries: int = 0
    signed_in_queries: int = 0
    # The best of GROWTH_REPEAT signed-in requests in this process, the page stored:
    # its own cost, steadier than wrk's p50 on a shared machine (for the growth ratio).
    signed_in_best_ms: float = 0.0
    response_bytes: int = 0
    gzip_bytes: int = 0
    slow_sql: str = ""


@dataclass
class ScaleRun:
    scale: str
    counts: dict[str, int]
    seed_seconds: float
    pages: list[Page] = field(default_factory=list)
    after_change: dict[str, float] = field(default_factory=dict)
    forms: list[tuple[str, int, int]] = field(default_factory=list)
    gunicorn_peak_mb: float = 0.0
    pipeline: PipelineResult | None = None
    plans: dict[str, str] = field(default_factory=dict)


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
    """Every cache a page may read: the shared cache (pages, the gap table, feeds and
    their events' texts) emptied when it is not the broker's database, else the pages
    retired; and the process's own (the iCalendar time zones)."""
    location = str(settings.CACHES["default"].get("LOCATION", ""))
    if location and location == settings.CELERY_BROKER_URL:
        pagecache.bump()
    else:
        cache.clear()
    _vtimezone.cache_clear()


def _client(user: User | None = None) -> Client:
    client = Client(HTTP_HOST=HOST)
    if user is not None:
        client.force_login(user)
    return client


def _timed(client: Client, path: str, *, repeat: int, before: Callable[[], None]) -> float:
    best = float("inf")
    for _ in range(repeat):
        before()
        started = time.perf_counter()
        response = client.get(path, secure=True)
        best = min(best, (time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            raise RuntimeError(f"{path} answered {response.status_code}")
    return best


def _signed_in_best(client: Client, pages: list[Page]) -> None:
    """Each page's best of GROWTH_REPEAT signed-in requests, taken in rounds through
    all the pages, so that a page's requests are spread over the whole measure (a few
    seconds) and a burst of the shared machine's noise falls on all pages alike, not
    on every request of one. The first round stores the pages again."""
    for page in pages:
        page.signed_in_best_ms = float("inf")
    for _round in range(GROWTH_REPEAT + 1):
        for page in pages:
            best = _timed(client, page.path, repeat=1, before=lambda: None)
            if _round:
                page.signed_in_best_ms = min(page.signed_in_best_ms, best)


def _in_process(path: str, *, repeat: int = 3) -> tuple[int, int, int, str, float]:
    """Queries, bytes (plain and gzipped), the slowest SQL and the best time in ms of
    ``repeat`` requests in this process, each with every cache cleared first: what the
    first visitor after a change waits, when nothing of the page is kept."""
    client = _client()
    cold = _timed(client, path, repeat=repeat, before=_clear_caches)
    _clear_caches()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, secure=True)
    captured = list(queries.captured_queries)
    slowest = max(captured, key=lambda q: float(q["time"]), default=None)
    gzipped = client.get(path, secure=True, HTTP_ACCEPT_ENCODING="gzip")
    return (
        len(captured),
        len(response.content),
        len(gzipped.content),
        slowest["sql"] if slowest else "",
        cold,
    )


def _queries_of(client: Client, path: str) -> int:
    client.get(path, secure=True)  # stored
    with CaptureQueriesContext(connection) as queries:
        client.get(path, secure=True)
    return len(queries.captured_queries)


def _explain(sql: str) -> str:
    if connection.vendor != "postgresql" or not sql.lstrip().upper().startswith(("SELECT", "WITH")):
        return f"(no plan for: {sql[:200]})"
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
        return "\n".join(row[0] for row in cursor.fetchall())


def _people() -> tuple[User, User]:
    """A signed-in student (no memberships: most of the platform's signed-in people)
    and a university and organisation editor, in the site's language."""
    language = settings.LANGUAGE_CODE
    student = User.objects.create_user(
        email=STUDENT, password=None, full_name="Bench Student", preferred_language=language
    )
    editor = User.objects.create_user(
        email=EDITOR, password=None, full_name="Bench Editor", preferred_language=language
    )
    UniversityMembership.objects.create(
        user=editor,
        university=University.objects.get(slug="bench-university-1"),
        role="editor",
        status="approved",
    )
    organisation = Organisation.objects.order_by("pk").first()
    assert organisation is not None  # noqa: S101 - seeded
    OrganisationMembership.objects.create(
        user=editor,
        organisation=organisation,
        role="admin",
        status="approved",
    )
    return student, editor


def _session_cookie(user: User) -> str:
    client = _client(user)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def _after_change(path: str, change: Callable[[], None], *, repeat: int = 3) -> float:
    """The first request after ``change``, which retires the page (and what the change
    touches) but nothing else: what the next visitor waits on a busy day."""
    client = _client()
    client.get(path, secure=True)
    return _timed(client, path, repeat=repeat, before=change)


def _change_programme() -> None:
    """A programme's skill level edited, as its editor's form saves it."""
    row = ProgrammeSkill.objects.order_by("pk").first()
    assert row is not None  # noqa: S101 - seeded
    row.level = 1 + row.level % 3
    row.save()


def _change_event() -> None:
    event = Event.objects.order_by("pk").first()
    assert event is not None  # noqa: S101 - seeded
    event.title_en = event.title_en.rstrip("!") + "!"  # type: ignore[attr-defined]
    event.save()


def _seed(scale_name: str) -> tuple[dict[str, int], float]:
    call_command("migrate", verbosity=0)
    call_command("flush", interactive=False, verbosity=0)
    coordinators_group_create()
    research_areas_create()
    languages_create()
    _clear_caches()  # the loaders write in bulk, which sends no signals
    started = time.monotonic()
    counts = seed_region(SCALES[scale_name])
    seed_seconds = time.monotonic() - started
    print(f"bench: seeded {scale_name}: {counts} in {seed_seconds:.1f} s", flush=True)
    # Statistics and visibility maps as a live database has them, not as a bulk load
    # leaves them (autovacuum would otherwise run in the middle of the measures).
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    return counts, seed_seconds


def measure_scale(
    scale_name: str, *, seconds: int, connections: int, reminders: int, peers_dir: Path | None
) -> tuple[ScaleRun, list[peers.PeerPage]]:
    counts, seed_seconds = _seed(scale_name)
    run = ScaleRun(scale_name, counts, seed_seconds)
    student, editor = _people()
    # The server and the in-process requests share the collected, hashed files.
    call_command("collectstatic", interactive=False, verbosity=0)

    pages = [Page(name, path) for name, path in key_pages()]
    signed_client = _client(student)
    for page in pages:
        if page.name == "Bare Django view":
            continue
        _in_process(page.path, repeat=1)  # the first request also loads templates
        page.queries, page.response_bytes, page.gzip_bytes, page.slow_sql, page.cold_ms = (
            _in_process(page.path)
        )
        page.signed_in_queries = _queries_of(signed_client, page.path)
    _signed_in_best(signed_client, [p for p in pages if p.name != "Bare Django view"])
    run.after_change = {
        "Skills gap page, after a programme's skill changed": _after_change(
            "/skills/gaps/", _change_programme
        ),
        "Calendar feed (500 events), after one event changed": _after_change(
            "/events/feed.ics", _change_event
        ),
    }
    editor_client = _client(editor)
    for name, path in form_pages():
        response = editor_client.get(path, secure=True)
        gzipped = editor_client.get(path, secure=True, HTTP_ACCEPT_ENCODING="gzip")
        if response.status_code != 200:
            raise RuntimeError(f"{name} ({path}) answered {response.status_code}")
        run.forms.append((name, len(response.content), len(gzipped.content)))

    cookie = _session_cookie(student)
    env = {**os.environ, **_server_env()}
    port = int(os.environ.get("BENCH_PORT", "8799"))
    gunicorn = subprocess.Popen(  # noqa: S603
        [".venv/bin/gunicorn", "platform_site.wsgi", "--workers", "2", "--bind", f"{HOST}:{port}",
         "--log-level", "warning"],
        env=env,
    )  # fmt: skip
    base = f"http://{HOST}:{port}"
    found_peers: list[peers.PeerPage] = []
    try:
        _wait_for(base + "/healthz")
        for page in pages:
            url = base + page.path
            for who, headers in (("visitor", []), ("signed in", [f"Cookie: {cookie}"])):
                sent = dict(h.split(": ", 1) for h in headers)
                request = urllib.request.Request(url, headers=sent)  # noqa: S310 - loopback
                with urllib.request.urlopen(request, timeout=30) as answer:  # noqa: S310 - warm up
                    answer.read()
                result = run_wrk(page.name, url, seconds=seconds, connections=connections,
                                 headers=headers)  # fmt: skip
                if who == "visitor":
                    page.visitor = result
                else:
                    page.signed_in = result
                print(f"bench: {scale_name} {page.name} ({who}): {result.rps:.0f} req/s, "
                      f"p95 {result.p95:.1f} ms", flush=True)  # fmt: skip
        run.gunicorn_peak_mb = peak_memory_mb(child_pids(gunicorn.pid))
        if peers_dir is not None:
            found_peers = peers.measure(peers_dir, seconds=seconds, connections=connections)
    finally:
        gunicorn.terminate()
        gunicorn.wait(timeout=30)

    slowest = sorted((p for p in pages if p.name != "Bare Django view"), key=lambda p: -p.cold_ms)
    run.plans = {p.name: _explain(p.slow_sql) for p in slowest[:3]}
    run.pages = pages
    if reminders:
        users = list(User.objects.exclude(email__in=[STUDENT, EDITOR]).order_by("pk")[:reminders])
        run.pipeline = run_pipeline(min(reminders, len(users)), users, env=_server_env())
        print(f"bench: reminders {run.pipeline}", flush=True)
    return run, found_peers


def main(
    scales: list[str],
    *,
    seconds: int,
    connections: int,
    reminders: int,
    peers_dir: Path | None = None,
) -> Path:
    runs: list[ScaleRun] = []
    found_peers: list[peers.PeerPage] = []
    if peers_dir is not None:
        peers.start(peers_dir)
    try:
        for scale_name in scales:
            largest = scale_name == scales[-1]
            run, measured = measure_scale(
                scale_name,
                seconds=seconds,
                connections=connections,
                reminders=reminders if largest else 0,
                peers_dir=peers_dir if largest else None,
            )
            runs.append(run)
            found_peers = measured or found_peers
    finally:
        if peers_dir is not None:
            peers.stop(peers_dir)
    text = report(
        runs,
        found_peers,
        machine=_machine(),
        seconds=seconds,
        connections=connections,
        signed_in_pages=SIGNED_IN_PAGES,
        list_pages=LIST_PAGES,
    )
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "latest.md").write_text(text, encoding="utf-8")
    dated = RESULTS / f"{timezone.localdate().isoformat()}-{'-'.join(scales)}.md"
    dated.write_text(text, encoding="utf-8")
    return dated


def _machine() -> str:
    cores = os.cpu_count()
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (
        f"{cores} cores, {memory:.1f} GiB, {platform.platform()}, Python "
        f"{platform.python_version()}, {connection.vendor} ({connection.settings_dict.get('NAME')})"
    )
