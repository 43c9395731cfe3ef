"""A Redis cache that fails open: while the cache is down, reads miss and writes are
skipped, so pages are still served (only slower). The outage is logged once when it
starts and once when it ends, not on every request."""

import logging
import threading
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

T = TypeVar("T")
UNAVAILABLE = (RedisConnectionError, RedisTimeoutError, OSError)


class _Outage:
    """Whether the cache was last seen down, to log each change once per process."""

    def __init__(self) -> None:
        self.down = False
        self.lock = threading.Lock()

    def failed(self, error: BaseException) -> None:
        with self.lock:
            if not self.down:
                self.down = True
                logger.error("cache unavailable, serving without it: %s", error)

    def answered(self) -> None:
        if self.down:
            with self.lock:
                if self.down:
                    self.down = False
                    logger.warning("cache available again")


outage = _Outage()


def _fail_open(fallback: Callable[..., Any]) -> Callable[[Callable[..., T]], Callable[..., T]]:
    def decorate(method: Callable[..., T]) -> Callable[..., T]:
        @wraps(method)
        def wrapper(self: RedisCache, *args: Any, **kwargs: Any) -> T:
            try:
                result = method(self, *args, **kwargs)
            except UNAVAILABLE as error:
                outage.failed(error)
                return fallback(*args, **kwargs)
            outage.answered()
            return result

        return wrapper

    return decorate


def _default(key: str, default: Any = None, *args: Any, **kwargs: Any) -> Any:
    return default


def _false(*args: Any, **kwargs: Any) -> bool:
    return False


def _none(*args: Any, **kwargs: Any) -> None:
    return None


def _empty(*args: Any, **kwargs: Any) -> dict[str, Any]:
    return {}


def _delta(key: str, delta: int = 1, *args: Any, **kwargs: Any) -> int:
    return delta


def _nothing_failed(data: Any, *args: Any, **kwargs: Any) -> list[str]:
    return []


class _KeptClients(RedisCacheClient):
    """One redis.Redis per connection pool, kept, instead of a new one (which copies
    every response callback) for each cache operation: several per request."""

    def get_client(self, key: Any = None, *, write: bool = False) -> Any:
        pool = self._get_connection_pool(write)  # type: ignore[attr-defined]
        kept = self.__dict__.setdefault("_kept", {})
        client = kept.get(id(pool))
        if client is None:
            client = kept[id(pool)] = self._client(connection_pool=pool)  # type: ignore[attr-defined]
        return client


class FailOpenRedisCache(RedisCache):
    def __init__(self, server: Any, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._class = _KeptClients

    get = _fail_open(_default)(RedisCache.get)
    add = _fail_open(_false)(RedisCache.add)
    set = _fail_open(_none)(RedisCache.set)
    touch = _fail_open(_false)(RedisCache.touch)
    delete = _fail_open(_false)(RedisCache.delete)
    get_many = _fail_open(_empty)(RedisCache.get_many)
    has_key = _fail_open(_false)(RedisCache.has_key)
    incr = _fail_open(_delta)(RedisCache.incr)
    set_many = _fail_open(_nothing_failed)(RedisCache.set_many)
    delete_many = _fail_open(_none)(RedisCache.delete_many)
    clear = _fail_open(_false)(RedisCache.clear)
