import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from platform_site.celery import app as celery_app

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.django_db


def test_healthz_ok_when_database_and_broker_answer(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "broker": "ok"}


def test_healthz_503_names_the_broker_when_it_is_down(client, monkeypatch):
    # Port 9 (discard) on loopback: nothing listens there. Celery reads the
    # environment variable before its own setting, so both point there.
    saved = celery_app.conf.broker_url
    monkeypatch.setenv("CELERY_BROKER_URL", "redis://127.0.0.1:9/0")
    celery_app.conf.broker_url = "redis://127.0.0.1:9/0"
    try:
        response = client.get("/healthz")
    finally:
        celery_app.conf.broker_url = saved
    assert response.status_code == 503
    body = response.json()
    assert body == {"status": "unavailable", "database": "ok", "broker": "unavailable"}


def test_healthz_503_names_the_database_when_it_is_down():
    # A separate process whose database cannot be reached at all.
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    env.update(
        {
            "DATABASE_URL": "postgres://nobody:nothing@127.0.0.1:9/none",
            "CELERY_BROKER_URL": "filesystem://",
            "DJANGO_DEBUG": "1",
        }
    )
    script = (
        "import django, json; django.setup();"
        "from django.test import Client;"
        "r = Client(SERVER_NAME='localhost').get('/healthz');"
        "print(r.status_code, json.dumps(r.json()))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "platform_site.settings"},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    status, body = result.stdout.strip().split(" ", 1)
    assert status == "503", result.stderr
    payload = json.loads(body)
    assert payload == {"status": "unavailable", "database": "unavailable", "broker": "ok"}
    assert "OperationalError" not in body


def test_security_txt_names_the_contact_and_a_future_expiry(client, settings):
    settings.SECURITY_CONTACT = "mailto:security@unece.example"

    response = client.get("/.well-known/security.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0] == "Contact: mailto:security@unece.example"
    assert lines[1].startswith("Expires: 20")
    assert lines[1].endswith("Z")
    assert lines[2:] == [
        "Preferred-Languages: en, ru",
        "Canonical: http://testserver/.well-known/security.txt",
    ]
