import logging

import pytest
from django.core.cache import cache
from django.urls import reverse

from core.cache import outage

DEAD_REDIS = "redis://127.0.0.1:1/0"  # nothing listens on port 1


@pytest.fixture
def cache_down(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "core.cache.FailOpenRedisCache",
            "LOCATION": DEAD_REDIS,
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    outage.down = False
    yield
    outage.down = False


@pytest.mark.django_db
@pytest.mark.usefixtures("cache_down")
def test_pages_are_served_while_the_cache_is_down_and_the_outage_is_logged_once(client, caplog):
    caplog.set_level(logging.ERROR, logger="core.cache")

    answers = [client.get(reverse(name)).status_code for name in ("home", "home", "events:list")]

    assert answers == [200, 200, 200]
    assert [r.getMessage().split(":")[0] for r in caplog.records] == [
        "cache unavailable, serving without it"
    ]


@pytest.mark.usefixtures("cache_down")
def test_every_cache_operation_fails_open():
    assert cache.get("k", "fallback") == "fallback"
    assert cache.add("k", 1) is False
    assert cache.set("k", 1) is None
    assert cache.get_many(["a", "b"]) == {}
    assert cache.incr("k", 5) == 5
    assert cache.has_key("k") is False
    assert cache.delete("k") is False
    assert outage.down is True


@pytest.mark.django_db
def test_a_real_redis_cache_still_works(settings):
    broker = settings.CELERY_BROKER_URL
    if not broker.startswith("redis://"):
        pytest.skip("needs Redis (set CELERY_BROKER_URL=redis://…)")
    settings.CACHES = {
        "default": {
            "BACKEND": "core.cache.FailOpenRedisCache",
            "LOCATION": broker.rsplit("/", 1)[0] + "/9",
        }
    }
    cache.set("k", "v")
    assert cache.get("k") == "v"
    cache.delete("k")
