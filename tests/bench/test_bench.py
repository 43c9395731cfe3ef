"""The benchmark's seeding and measuring code, at a tiny scale (its timing is not tested)."""

import asyncio
from types import SimpleNamespace

import pytest
from django.test import Client

from bench.load import Result
from bench.peers import PeerPage, parse
from bench.pipeline import CountingHandler, PipelineResult
from bench.report import report
from bench.run import Page, ScaleRun, _in_process, key_pages
from bench.seed import SCALES, seed_region
from curricula.models import Programme
from events.models import Registration

pytestmark = pytest.mark.django_db


def test_tiny_region_is_seeded_and_every_key_page_answers(settings):
    settings.BENCH_ENDPOINTS = True
    counts = seed_region(SCALES["tiny"])
    assert counts == {
        "universities": 10, "programmes": 60, "organisations": 5, "needs": 40,
        "users": 50, "events": 10, "registrations": 100, "library items": 12,
    }  # fmt: skip
    assert Programme.objects.published().count() == 60
    assert Registration.objects.filter(status="confirmed").count() == 100
    client = Client()
    for name, path in key_pages():
        if name == "Bare Django view":
            continue
        assert client.get(path).status_code == 200, name
    client.get("/programmes/")  # now cached; the measure still renders it afresh
    queries, size, gzip_size, slowest_sql, cold_ms = _in_process("/programmes/")
    assert queries > 0
    assert cold_ms > 0
    assert size > 1000
    assert 0 < gzip_size < size / 2  # the page as sent to a browser that takes gzip
    assert slowest_sql.startswith("SELECT")


def _page(name, path, signed, visitor, **measures):
    return Page(
        name,
        path,
        signed_in=Result(name, path, *signed),
        visitor=Result(name, path, *visitor),
        **measures,
    )


def _run(scale, home_p50):
    pages = [
        _page("Bare Django view", "/bench/bare", (1000, 900.0, 2.0, 3.0, 4.0, 0), (1000, 2000.0, 1.0, 2.0, 3.0, 0)),  # noqa: E501
        _page("Home", "/", (100, 400.0, home_p50, 50.0, 80.0, 0), (100, 900.0, 5.0, 9.0, 12.0, 0),
              cold_ms=31.4, queries=5, signed_in_queries=4, response_bytes=9000, gzip_bytes=2100,
              signed_in_best_ms=home_p50 / 2),
        _page("Needs board", "/needs/", (10, 20.0, 400.0, 900.0, 1200.0, 0), (10, 800.0, 6.0, 9.0, 12.0, 0),  # noqa: E501
              cold_ms=80.0, queries=9, signed_in_queries=6, response_bytes=90000, gzip_bytes=26000,
              signed_in_best_ms=6.0),
    ]  # fmt: skip
    run = ScaleRun(scale, {"users": 50}, 1.5, pages=pages)
    run.after_change = {
        "Skills gap page, after a change": 90.0,
        "Calendar feed, after a change": 70.0,
    }
    run.forms = [("Programme form (new)", 120_000, 18_000)]
    run.gunicorn_peak_mb = 120.0
    return run


def test_report_lists_every_target_with_its_number_and_flags_the_missed():
    small, large = _run("small", 10.0), _run("large", 20.0)
    large.pipeline = PipelineResult(10_000, 40.0, 250.0, 0, 0, 120.0, 3.0, 70.0, 75.0)
    peers = [PeerPage("indico", "category page (event list)", 8.0, 800.0, 900.0, "200 ok")]
    text = report([small, large], peers, machine="test", seconds=5, connections=8,
                  signed_in_pages={"Home", "Needs board"}, list_pages={"Needs board"})  # fmt: skip
    home = "| Home | 400 | 20.0 | 50.0 | 80.0 | met (≥ 150/s, p95 < 100) | 900 | 9.0 | met (p95 < 100) | 31 | 5 / 4 | 9,000 | 2,100 | met (≤ 25 kB) |"  # noqa: E501
    assert home in text
    assert "| Needs board | 20 | 400.0 | 900.0 | 1200.0 | **MISSED** (≥ 150/s, p95 < 100) |" in text
    assert "| Skills gap page, after a change | 90.0 | met (≤ 150 ms) |" in text
    assert "| Calendar feed, after a change | 70.0 | **MISSED** (≤ 50 ms) |" in text
    assert "| Programme form (new) | 120,000 | 18,000 | met (≤ 30 kB) |" in text
    # Its own cost grew twice over (the p50 beside it, for information).
    assert "| Home | 5.0 | 10.0 | 2.00× | **MISSED** | 10.0 | 20.0 | 2.00× |" in text
    assert "| Needs board | 6.0 | 6.0 | 1.00× | met | 400.0 | 400.0 | 1.00× |" in text
    assert "| e-mails per second | 250 | **MISSED** (≥ 300) |" in text
    assert "| due → sent, p50 / p99 / max | 3.0 / 70.0 / 75.0 s | **MISSED** (p99 ≤ 60 s) |" in text
    assert "| Events list |" not in text  # no such page measured: no ratio
    summary = text.split("## Summary")[1].split("## Key pages")[0]
    assert "- Needs board, signed in: ≥ 150 req/s, p95 < 100 ms" in summary
    assert "- Needs board (list page) ≤ 25 kB gzipped" in summary
    assert "- Home, signed in" not in summary


def test_peers_table_is_read_from_the_peers_script():
    text = (
        "| peer | page | req/s | p50 ms | p99 ms | bytes | content-type | status | non-2xx/3xx | sock err | requests |\n"  # noqa: E501
        "|---|---|---:|---:|---:|---:|---|---|---:|---:|---:|\n"
        "| indico | category page (event list) | 7.90 | 812.00 | 1500.0 | 91000 | text/html | 200 ok | 0 | 0 | 80 |\n"  # noqa: E501
        "| pretalx | talk detail | - | - | - | 0 | - | FAIL 500 | - | - | - |\n"
    )  # fmt: skip
    assert parse(text) == [
        PeerPage("indico", "category page (event list)", 7.9, 812.0, 1500.0, "200 ok"),
        PeerPage("pretalx", "talk detail", 0.0, 0.0, 0.0, "FAIL 500"),
    ]


def test_smtp_sink_counts_each_recipient():
    handler = CountingHandler()
    for rcpt in ("a@x.org", "A@x.org", "b@x.org"):
        asyncio.run(handler.handle_DATA(None, None, SimpleNamespace(rcpt_tos=[rcpt])))
    assert handler.recipients == {"a@x.org": 2, "b@x.org": 1}
