import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from django.conf import settings as django_settings
from django.core.exceptions import ImproperlyConfigured

from platform_site import settings as site_settings
from platform_site.celery import app as celery_app
from platform_site.checks import page_cache_is_shared

ROOT = Path(__file__).resolve().parents[2]

PRODUCTION_ENV = {
    "DJANGO_SECRET_KEY": "x7#kq!v9$2mzr4&p8w@t1^n6(c5)u0l3yb*e-h+f=g_ds" * 2,
    "DJANGO_ALLOWED_HOSTS": "platform.example.org",
    "DJANGO_DEBUG": "0",
}


def _manage(*args, env_overrides):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST"))}
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_check_deploy_is_clean_in_production_settings():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env_overrides=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    # Only the two HSTS flags that are off by default are silenced.
    assert "System check identified no issues (2 silenced)." in result.stdout


def test_check_deploy_warns_without_secret_key():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "DJANGO_SECRET_KEY"}
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env_overrides=env)
    assert result.returncode != 0
    assert "platform_site.W001" in result.stdout + result.stderr


def test_production_settings_harden_cookies_and_transport():
    code = (
        "from django.conf import settings as s;"
        "print(s.DEBUG, s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE,"
        " s.SESSION_COOKIE_HTTPONLY, s.SECURE_HSTS_SECONDS >= 31536000,"
        " 'unsafe-inline' in str(s.SECURE_CSP))"
    )
    result = _manage("shell", "--no-imports", "-c", code, env_overrides=PRODUCTION_ENV)
    assert result.stdout.split() == ["False", "True", "True", "True", "True", "True", "False"]


def test_defaults_are_embedded_sqlite_filesystem_broker_and_file_mail():
    # The test process itself runs on the defaults unless CI supplies services.
    code = (
        "from django.conf import settings as s;"
        "print(s.DATABASES['default']['ENGINE'], s.CELERY_BROKER_URL,"
        " s.MAILERS['default']['BACKEND'])"
    )
    env = {"DJANGO_DEBUG": "1", "DATABASE_URL": "", "CELERY_BROKER_URL": ""}
    result = _manage("shell", "--no-imports", "-c", code, env_overrides=env)
    assert result.stdout.split() == [
        "django.db.backends.sqlite3",
        "filesystem://",
        "django.core.mail.backends.filebased.EmailBackend",
    ]


def test_environment_selects_postgres_redis_and_smtp():
    code = (
        "from django.conf import settings as s;"
        "d = s.DATABASES['default']; m = s.MAILERS['default'];"
        "print(d['ENGINE'], d['NAME'], d['HOST'], s.CELERY_BROKER_URL, m['BACKEND'],"
        " m['OPTIONS']['host'], m['OPTIONS']['port'], m['OPTIONS']['use_tls'])"
    )
    env = {
        "DJANGO_DEBUG": "1",
        "DATABASE_URL": "postgres://u:p@db.example.org:5432/platform",
        "CELERY_BROKER_URL": "redis://cache.example.org:6379/0",
        "EMAIL_URL": "smtp://mailer:secret@smtp.example.org:587?tls=1",
    }
    result = _manage("shell", "--no-imports", "-c", code, env_overrides=env)
    assert result.stdout.split() == [
        "core.db.postgresql",
        "platform",
        "db.example.org",
        "redis://cache.example.org:6379/0",
        "django.core.mail.backends.smtp.EmailBackend",
        "smtp.example.org",
        "587",
        "True",
    ]


@pytest.mark.parametrize(
    ("helper", "raw"),
    [(site_settings.env_bool, "perhaps"), (site_settings.env_int, "ten")],
)
def test_typed_env_helpers_fail_loudly(monkeypatch, helper, raw):
    monkeypatch.setenv("SOME_SETTING", raw)
    with pytest.raises(ImproperlyConfigured, match="SOME_SETTING"):
        helper("SOME_SETTING", 1)


def test_secret_file_variable_wins(monkeypatch, tmp_path):
    secret = tmp_path / "secret"
    secret.write_text("from-a-docker-secret\n")
    monkeypatch.setenv("SOME_SECRET", "plain")
    monkeypatch.setenv("SOME_SECRET_FILE", str(secret))
    assert site_settings.env_str("SOME_SECRET") == "from-a-docker-secret"


def test_celery_settings_fit_idempotent_tasks():
    assert django_settings.CELERY_TASK_ACKS_LATE is True
    assert django_settings.CELERY_TASK_REJECT_ON_WORKER_LOST is True
    assert django_settings.CELERY_WORKER_PREFETCH_MULTIPLIER == 1
    assert django_settings.CELERY_TASK_TIME_LIMIT > django_settings.CELERY_TASK_SOFT_TIME_LIMIT


def test_beat_schedule_names_registered_tasks(db):
    # Importing the task modules runs Celery's Django fixup, whose model checks ask
    # the database for its features.
    celery_app.loader.import_default_modules()
    for entry in django_settings.CELERY_BEAT_SCHEDULE.values():
        assert entry["task"] in celery_app.tasks


def test_docker_compose_services_run_modules_that_exist():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services = compose["services"]
    assert {"web", "worker", "beat", "postgres", "redis"} <= set(services)
    assert services["postgres"]["image"].startswith("postgres:16")
    assert services["redis"]["image"].startswith("redis:7")
    # The page cache lives in its own bounded Redis, never beside the broker's queues.
    assert "allkeys-lru" in services["cache"]["command"]
    assert services["web"]["environment"]["CACHE_URL"].startswith("redis://cache:")
    for name in ("web", "worker", "beat"):
        command = services[name]["command"]
        command = " ".join(command) if isinstance(command, list) else command
        if "gunicorn" in command:
            module, attribute = command.split("gunicorn ")[1].split()[0].split(":")
            assert (ROOT / (module.replace(".", "/") + ".py")).exists()
            assert attribute == "application"
        if "celery" in command:
            app_module = command.split("-A ")[1].split()[0]
            assert (ROOT / app_module / "celery.py").exists()
        for dependency, condition in services[name]["depends_on"].items():
            assert condition == {"condition": "service_healthy"}
            assert "healthcheck" in services[dependency]


def test_a_page_cache_in_process_memory_is_flagged(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    settings.PAGE_CACHE_SECONDS = 60
    assert [w.id for w in page_cache_is_shared(None)] == ["platform_site.W002"]
    settings.PAGE_CACHE_SECONDS = 0
    assert page_cache_is_shared(None) == []


def test_hsts_subdomains_and_preload_are_off_unless_asked():
    code = (
        "from django.conf import settings as s;"
        " print(s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_HSTS_PRELOAD)"
    )
    default = _manage("shell", "--no-imports", "-c", code, env_overrides=PRODUCTION_ENV)
    asked = _manage(
        "shell",
        "--no-imports",
        "-c",
        code,
        env_overrides={
            **PRODUCTION_ENV,
            "DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS": "1",
            "DJANGO_SECURE_HSTS_PRELOAD": "1",
        },
    )

    assert (default.stdout.split(), asked.stdout.split()) == (["False", "False"], ["True", "True"])
