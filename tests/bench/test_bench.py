"""The benchmark's seeding and measuring code, at a tiny scale (its timing is not tested)."""

import asyncio
from types import SimpleNamespace

import pytest
from django.test import Client

from bench.load import Result
from bench.pipeline import CountingHandler, PipelineResult
from bench.run import _in_process, _report, key_pages
from bench.seed import SCALES, seed_region
from curricula.models import Programme
from events.models import Registration

pytestmark = pytest.mark.django_db


def test_tiny_region_is_seeded_and_every_key_page_answers(settings):
    settings.BENCH_ENDPOINTS = True
    counts = seed_region(SCALES["tiny"])
    assert counts == {
        "universities": 10, "programmes": 60, "organisations": 5, "needs": 40,
        "users": 50, "events": 10, "registrations": 100,
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


def test_report_lists_every_page_and_flags_missed_targets():
    results = [
        Result("Bare Django view", "/bench/bare", 1000, 2000.0, 1.0, 2.0, 3.0, 0, 0, 2),
        Result("Home", "/", 100, 400.0, 10.0, 50.0, 80.0, 0, 5, 9000, 2100, cold_ms=31.4),
        Result("Needs board", "/needs/", 10, 20.0, 400.0, 900.0, 1200.0, 0, 9, 20000),
    ]
    pipeline = PipelineResult(10_000, 40.0, 250.0, 0, 0, 120.0)
    report = _report(
        "tiny", {"users": 50}, 1.5, results, 180.0, pipeline, {"Needs board": "Seq Scan"}, 5, 8
    )
    home = "| Home | 400 | 10.0 | 50.0 | 80.0 | 31 | 5 | 9,000 | 2,100 | 20% | met (p95 < 100 ms) |"
    assert home in report
    assert "| Needs board | 20 |" in report
    assert "MISSED" in report
    assert "250 e-mails/s (target ≥ 200), duplicates 0, misses 0" in report


def test_smtp_sink_counts_each_recipient():
    handler = CountingHandler()
    for rcpt in ("a@x.org", "A@x.org", "b@x.org"):
        asyncio.run(handler.handle_DATA(None, None, SimpleNamespace(rcpt_tos=[rcpt])))
    assert handler.recipients == {"a@x.org": 2, "b@x.org": 1}
