"""Real processes for the fault tests: a private Redis broker that can be killed, Celery
workers (with embedded beat) that can be SIGKILLed and restarted, and an SMTP sink
that can refuse connections for a while. Everything runs on loopback."""

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import kombu.pools
import pytest
from django.db import connection

from platform_site.celery import app
from tests.smtp_sink import SmtpSink, free_port

ROOT = Path(__file__).resolve().parents[2]


def wait_until(condition: Callable[[], bool], *, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


class RedisServer:
    """redis-server without persistence: a kill loses whatever it held."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        binary = shutil.which("redis-server")
        assert binary, "redis-server is needed"
        self.process = subprocess.Popen(  # noqa: S603
            [binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", str(self.folder)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        wait_until(self._answers, timeout=10, what="redis to answer")

    def _answers(self) -> bool:
        try:
            import redis  # noqa: PLC0415 (only the fault tests need the client)

            return bool(redis.Redis(port=self.port, socket_timeout=0.5).ping())
        except Exception:
            return False

    def kill(self) -> None:
        if self.process is not None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(10)
            self.process = None


class Worker:
    """``celery worker -B`` in its own process group, on the test database."""

    def __init__(self, env: dict[str, str], log: Path, *, beat: bool = True) -> None:
        self.env = env
        self.log = log
        self.beat = beat
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        command = [sys.executable, "-m", "celery", "-A", "platform_site", "worker",
                   "--pool", "prefork", "--concurrency", "2", "--loglevel", "INFO",
                   "--without-gossip", "--without-mingle",
                   "--hostname", f"fault{free_port()}@%h"]  # fmt: skip
        if self.beat:
            # Beat's schedule in memory: the shelve file it keeps by default (SQLite on
            # Python 3.13) can fail with "locking protocol" under load, stopping the worker.
            command += ["-B", "--scheduler", "celery.beat:Scheduler"]
        with self.log.open("ab") as out:
            self.process = subprocess.Popen(  # noqa: S603
                command, cwd=ROOT, env=self.env, stdout=out, stderr=subprocess.STDOUT,
                start_new_session=True,
            )  # fmt: skip

    def kill(self) -> None:
        """SIGKILL the worker and its children at once: no clean-up of any kind."""
        if self.process is not None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(10)
            self.process = None

    def stop(self) -> None:
        if self.process is None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(20)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(10)
        self.process = None


def _forget_connections() -> None:
    # kombu keeps pools and producers made for the old broker: close and forget them.
    kombu.pools.reset()
    app._pool = None
    app.amqp._producer_pool = None


def _database_url() -> str:
    db = connection.settings_dict
    return (
        f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}:"
        f"{db['PORT'] or 5432}/{db['NAME']}"
    )


@pytest.fixture
def fault_lab(transactional_db, tmp_path, settings):
    """The parts of a fault test, stopped whatever happens."""
    if connection.vendor != "postgresql" or not shutil.which("redis-server"):
        pytest.skip("the fault tests need PostgreSQL and redis-server (as in .ci/run)")
    sink = SmtpSink(delay=0.01)
    sink.start()
    broker = RedisServer(tmp_path)
    broker.start()
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "CELERY_BROKER_URL": broker.url,
        "EMAIL_URL": f"smtp://127.0.0.1:{sink.port}",
        "DJANGO_VAR_DIR": str(tmp_path / "var"),
        "DJANGO_DEBUG": "0",
        "DJANGO_DB_CONN_MAX_AGE": "0",
        "OUTBOX_SWEEP_SECONDS": "2",
        "OUTBOX_LEASE_SECONDS": "6",
        "OUTBOX_RETRY_SECONDS": "1",
        "OUTBOX_RETRY_MAX": "2",
        "OUTBOX_MAX_ATTEMPTS": "40",
        "OUTBOX_BATCH": "25",
        "CELERY_TASK_ALWAYS_EAGER": "0",
    }
    env.pop("CACHE_URL", None)
    workers: list[Worker] = []

    class Lab:
        smtp = sink
        redis = broker

        @staticmethod
        def worker(*, beat: bool = True) -> Worker:
            started = Worker(env, tmp_path / f"worker{len(workers)}.log", beat=beat)
            started.start()
            workers.append(started)
            return started

        @staticmethod
        def logs() -> str:
            return "\n".join(
                path.read_text(errors="replace")[-4000:] for path in tmp_path.glob("worker*.log")
            )

        @staticmethod
        def use_broker_here() -> Callable[[], None]:
            """Send this process's tasks to the private broker (not in-process)."""
            saved = (app.conf.task_always_eager, app.conf.broker_url)
            app.conf.task_always_eager = False
            app.conf.broker_url = broker.url
            _forget_connections()

            def restore() -> None:
                app.conf.task_always_eager, app.conf.broker_url = saved
                _forget_connections()

            return restore

    (tmp_path / "var").mkdir()
    try:
        yield Lab
    finally:
        for started in workers:
            started.stop()
        broker.kill()
        sink.stop()
