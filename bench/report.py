"""bench/results/latest.md from the measures of `bench.run`: each target of the
performance goals with its number and whether it is met."""

from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING

from django.conf import settings
from django.utils import timezone

from .peers import PAIRS, PeerPage

if TYPE_CHECKING:
    from .run import Page, ScaleRun

SIGNED_IN_RPS = 150.0
P95_MS = 100.0
P95_SLOW_MS = 300.0  # visitors' strengths matrix and gap page, the widest tables
SLOW_PAGES = {"Skills gap page", "Strengths matrix"}
AFTER_CHANGE_MS = {"Skills gap page": 150.0, "Calendar feed": 50.0}
LIST_GZIP = 25_000
FORM_GZIP = 30_000
NOT_HTML = {"Calendar feed", "Map data", "Bare Django view"}
REMINDERS_PER_SECOND = 300.0
DUE_TO_SENT_P99 = 60.0
PEER_RATIO = 20.0
GROWTH = 1.5
MEMORY_MB = 150.0


class Targets:
    """Each target checked, in order, for the summary."""

    def __init__(self) -> None:
        self.checked: list[tuple[str, bool]] = []

    def check(self, what: str, ok: bool) -> str:
        self.checked.append((what, ok))
        return "met" if ok else "**MISSED**"


def _kb(size: int) -> str:
    return f"{size / 1000:.1f} kB"


def report(
    runs: Sequence["ScaleRun"],
    found_peers: Sequence[PeerPage],
    *,
    machine: str,
    seconds: int,
    connections: int,
    signed_in_pages: Collection[str],
    list_pages: Collection[str],
) -> str:
    targets = Targets()
    large = runs[-1]
    lines = [
        f"# Benchmark — {', '.join(f'`{run.scale}`' for run in runs)} scale, "
        f"{timezone.localdate().isoformat()}",
        "",
        f"Machine: {machine}.",
        f"Server: gunicorn, 2 sync workers, debug off, whitenoise. Load: wrk, {connections} "
        f"connections, 2 threads, {seconds} s per page and person, loopback.",
    ]
    for run in runs:
        lines.append(
            f"Scale `{run.scale}` seeded in {run.seed_seconds:.1f} s: "
            + ", ".join(f"{v:,} {k}" for k, v in run.counts.items())
            + "."
        )
    lines += [
        "",
        "*Signed in*: a student with no memberships, with a session cookie (the page as"
        " stored for signed-in people, with the account menu, messages and buttons drawn"
        " for them: core/personal.py; a page whose parts all come from the person's"
        " standing is kept as drawn for them, and their next request draws nothing)."
        " *Visitor*: not signed in (the page as stored). "
        f"Pages are kept until what they show changes, {settings.PAGE_CACHE_SECONDS} s at most.",
        "*Cold ms*: the best of three renders in-process with every cache cleared first "
        "(pages, the gap table, the feeds' event texts, the process's time zones); *SQL*: "
        "queries of that render, and of a signed-in request for the stored page; *gzip*: "
        "the body as sent to a browser that takes gzip.",
    ]
    header, lines = (
        lines,
        [
            "",
            f"## Key pages at the `{large.scale}` scale",
            "",
            "| page | signed in req/s | p50 ms | p95 ms | p99 ms | target | visitor req/s | "
            "p95 ms | target | cold ms | SQL cold / signed in | bytes | gzip | target |",
            "| --- | ---: | ---: | ---: | ---: | --- | ---: | ---: | --- | ---: | ---: "
            "| ---: | ---: | --- |",
        ],
    )
    for page in large.pages:
        lines.append(_page_row(page, targets, signed_in_pages, list_pages))
    lines += [
        "",
        "## The first visitor after a change",
        "",
        "The page is stored, then one row changes as an editor's form saves it; the time is"
        " the next request's (best of three). The change retires that page and the texts"
        " of what changed; the supply table and the other events' texts are kept.",
        "",
        "| page | ms | target |",
        "| --- | ---: | --- |",
    ]
    for name, ms in large.after_change.items():
        limit = next(v for k, v in AFTER_CHANGE_MS.items() if name.startswith(k))
        ok = targets.check(f"{name} ≤ {limit:.0f} ms", ms <= limit)
        lines.append(f"| {name} | {ms:.1f} | {ok} (≤ {limit:.0f} ms) |")
    lines += [
        "",
        "## Form pages, as sent (university and organisation editor)",
        "",
        "| form | bytes | gzip | target |",
        "| --- | ---: | ---: | --- |",
    ]
    for name, size, gzip_size in large.forms:
        ok = targets.check(f"{name} ≤ 30 kB gzipped", gzip_size <= FORM_GZIP)
        lines.append(f"| {name} | {size:,} | {gzip_size:,} | {ok} (≤ 30 kB) |")
    if len(runs) > 1:
        lines += _growth(runs[0], large, targets, signed_in_pages)
    lines += _memory(large, targets)
    lines += _pipeline(large, targets)
    lines += _peers(large, found_peers, targets)
    lines += ["", "## Query plans of the three slowest cold pages (their slowest query)", ""]
    for name, plan in large.plans.items():
        lines += [f"### {name}", "", "```", plan, "```", ""]
    missed = [what for what, ok in targets.checked if not ok]
    summary = [
        "",
        "## Summary",
        "",
        f"{len(targets.checked) - len(missed)} of {len(targets.checked)} targets met."
        + (" Missed:" if missed else ""),
        "",
        *(f"- {what}" for what in missed),
    ]
    footer = [
        "",
        "Reproduce: `make bench` (the small and the large scale), `make bench "
        "BENCH_SCALE=small`, `make bench PEERS=../shared/peers` (with the peers).",
        "",
    ]
    return "\n".join(header + summary + lines + footer)


def _page_row(
    page: "Page", targets: Targets, signed_in_pages: Collection[str], list_pages: Collection[str]
) -> str:
    signed, visitor = page.signed_in, page.visitor
    assert signed is not None  # noqa: S101 - measured
    assert visitor is not None  # noqa: S101 - measured
    bare = page.name == "Bare Django view"
    if page.name in signed_in_pages:
        ok = signed.rps >= SIGNED_IN_RPS and signed.p95 < P95_MS and not signed.errors
        signed_target = (
            targets.check(f"{page.name}, signed in: ≥ 150 req/s, p95 < 100 ms", ok)
            + " (≥ 150/s, p95 < 100)"
        )
    else:
        signed_target = "—"
    limit = P95_SLOW_MS if page.name in SLOW_PAGES else P95_MS
    visitor_target = "—"
    if not bare:
        ok = visitor.p95 < limit and not visitor.errors
        visitor_target = (
            targets.check(f"{page.name}, visitor: p95 < {limit:.0f} ms", ok)
            + f" (p95 < {limit:.0f})"
        )
    size_target = "—"
    if page.name not in NOT_HTML:
        kind = "list page" if page.name in list_pages else "page"
        size_target = (
            targets.check(f"{page.name} ({kind}) ≤ 25 kB gzipped", page.gzip_bytes <= LIST_GZIP)
            + " (≤ 25 kB)"
        )
    return (
        f"| {page.name} | {signed.rps:.0f} | {signed.p50:.1f} | {signed.p95:.1f} | "
        f"{signed.p99:.1f} | {signed_target} | {visitor.rps:.0f} | {visitor.p95:.1f} | "
        f"{visitor_target} | {page.cold_ms:.0f} | {page.queries} / {page.signed_in_queries} | "
        f"{page.response_bytes:,} | {page.gzip_bytes:,} | {size_target} |"
    )


def _growth(
    small: "ScaleRun", large: "ScaleRun", targets: Targets, signed_in_pages: Collection[str]
) -> list[str]:
    lines = [
        "",
        f"## How cost grows: `{small.scale}` to `{large.scale}` (10× the data)",
        "",
        "Ratio of the large scale's time to the small one's, per page. The target is on the"
        " page's own cost signed in: the best of 15 requests in the bench's process, taken"
        " in 15 rounds through all the pages so that a burst of the machine's noise does not"
        " fall on one page's requests alone, the page stored (kept as drawn for the person"
        " where all its personal parts come from their standing, its parts drawn otherwise; the"
        " two scales run minutes apart on a shared"
        " machine, where wrk's p50 swings by a third from one minute to the next; it is shown"
        " beside it, with the cold render, for information).",
        "",
        f"| page | signed-in best ms {small.scale} | {large.scale} | ratio | target | "
        f"signed-in p50 {small.scale} | {large.scale} | ratio | "
        f"cold ms {small.scale} | {large.scale} | ratio |",
        "| --- | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    before = {page.name: page for page in small.pages}
    for page in large.pages:
        old = before.get(page.name)
        if old is None or old.signed_in is None or page.signed_in is None:
            continue
        best = page.signed_in_best_ms / old.signed_in_best_ms if old.signed_in_best_ms else 0.0
        ratio = page.signed_in.p50 / old.signed_in.p50 if old.signed_in.p50 else 0.0
        cold = page.cold_ms / old.cold_ms if old.cold_ms else 0.0
        target = "—"
        if page.name in signed_in_pages:
            target = targets.check(f"{page.name} grows ≤ {GROWTH}× (signed in)", best <= GROWTH)
        lines.append(
            f"| {page.name} | {old.signed_in_best_ms:.1f} | {page.signed_in_best_ms:.1f} "
            f"| {best:.2f}× | {target} "
            f"| {old.signed_in.p50:.1f} | {page.signed_in.p50:.1f} | {ratio:.2f}× "
            + (
                f"| {old.cold_ms:.0f} | {page.cold_ms:.0f} | {cold:.2f}× |"
                if cold
                else "| — | — | — |"
            )
        )
    return lines


def _memory(large: "ScaleRun", targets: Targets) -> list[str]:
    lines = ["", "## Memory", ""]
    ok = targets.check("gunicorn worker peak < 150 MB", large.gunicorn_peak_mb < MEMORY_MB)
    lines.append(
        f"- Peak resident memory of a gunicorn worker after every page's load: "
        f"{large.gunicorn_peak_mb:.0f} MB — {ok} (< 150 MB)."
    )
    if large.pipeline is not None:
        peak = large.pipeline.worker_peak_mb
        ok = targets.check("Celery worker peak < 150 MB", peak < MEMORY_MB)
        lines.append(
            f"- Peak of the Celery worker's largest process: {peak:.0f} MB — {ok} (< 150 MB)."
        )
    return lines


def _pipeline(large: "ScaleRun", targets: Targets) -> list[str]:
    pipeline = large.pipeline
    if pipeline is None:
        return []
    rate = targets.check("reminders ≥ 300 e-mails/s", pipeline.per_second >= REMINDERS_PER_SECOND)
    exact = targets.check(
        "reminders: 0 duplicates, 0 misses", pipeline.duplicates == 0 and pipeline.misses == 0
    )
    wait = targets.check(
        "reminders: p99 due → sent ≤ 60 s", 0 < pipeline.due_to_sent_p99 <= DUE_TO_SENT_P99
    )
    return [
        "",
        "## Reminder pipeline",
        "",
        f"{pipeline.reminders:,} reminders due at once in the outbox, sent by a Celery worker"
        " (2 processes) through the broker to a local SMTP sink that counts every recipient.",
        "",
        "| measure | value | target |",
        "| --- | ---: | --- |",
        f"| drained in | {pipeline.seconds:.1f} s | |",
        f"| e-mails per second | {pipeline.per_second:.0f} | {rate} (≥ 300) |",
        f"| duplicates / misses | {pipeline.duplicates} / {pipeline.misses} | {exact} (0 / 0) |",
        f"| due → sent, p50 / p99 / max | {pipeline.due_to_sent_p50:.1f} / "
        f"{pipeline.due_to_sent_p99:.1f} / {pipeline.due_to_sent_max:.1f} s "
        f"| {wait} (p99 ≤ 60 s) |",
    ]


def _peers(large: "ScaleRun", found: Sequence[PeerPage], targets: Targets) -> list[str]:
    if not found:
        return [
            "",
            "## Side by side",
            "",
            "Not measured in this run: `make bench PEERS=../shared/peers` adds Indico, pretalx"
            " and the bare-Django ceiling.",
        ]
    lines = [
        "",
        "## Side by side, in the same run",
        "",
        "The peers (../shared/peers: Indico, pretalx, a bare-Django ceiling; gunicorn, 2 sync"
        " workers each) loaded with the same wrk settings minutes after the portal. Portal"
        " pages signed in; the calendar feed is the same for everyone (visitor's numbers).",
        "",
        "| portal page | req/s | peer page | req/s | ratio | target |",
        "| --- | ---: | --- | ---: | ---: | --- |",
    ]
    pages = {page.name: page for page in large.pages}
    for portal_name, peer, peer_page in PAIRS:
        page = pages.get(portal_name)
        other = next((p for p in found if p.peer == peer and p.page == peer_page), None)
        if page is None or other is None or page.signed_in is None or page.visitor is None:
            continue
        same_for_all = portal_name in {"Calendar feed", "Bare Django view"}
        portal = page.visitor if same_for_all else page.signed_in
        ratio = portal.rps / other.rps if other.rps else 0.0
        target = "— (the framework's ceiling)"
        if portal_name != "Bare Django view":
            check = targets.check(f"{portal_name} ≥ 20× {peer}'s {peer_page}", ratio >= PEER_RATIO)
            target = check + " (≥ 20×)"
        lines.append(
            f"| {portal_name} | {portal.rps:.0f} | {peer}: {peer_page} | {other.rps:.1f} | "
            f"{ratio:.1f}× | {target} |"
        )
    lines += [
        "",
        "Every peer page measured:",
        "",
        "| peer | page | req/s | p50 ms | p99 ms | status |",
        "| --- | --- | ---: | ---: | ---: | --- |",
    ]
    lines += [
        f"| {p.peer} | {p.page} | {p.rps:.1f} | {p.p50:.1f} | {p.p99:.1f} | {p.status} |"
        for p in found
    ]
    return lines
