import shutil
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import polib
import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone

from accounts.middleware import UserPreferencesMiddleware

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.django_db


def test_english_has_no_prefix_and_russian_is_under_ru(client):
    english = client.get("/")
    russian = client.get("/ru/")
    assert english.status_code == russian.status_code == 200
    assert '<html lang="en">' in english.content.decode()
    assert '<html lang="ru">' in russian.content.decode()
    assert "Центральноазиатская" in russian.content.decode()


def test_language_switch_keeps_the_current_page(client):
    response = client.post(
        reverse("switch_language"), {"language": "ru", "next": "/accounts/login/?next=/"}
    )
    assert response.status_code == 302
    assert response.url == "/ru/accounts/login/?next=/"
    assert response.cookies["django_language"].value == "ru"

    back = client.post("/ru/language/", {"language": "en", "next": "/ru/accounts/login/"})
    assert back.url == "/accounts/login/"


def test_language_switch_refuses_foreign_redirects(client):
    response = client.post(
        reverse("switch_language"), {"language": "ru", "next": "https://evil.example.com/"}
    )
    assert response.url == "/ru/"


def test_language_switch_saves_signed_in_users_preference(client, student):
    client.force_login(student)
    client.post(reverse("switch_language"), {"language": "ru", "next": "/"})
    student.refresh_from_db()
    assert student.preferred_language == "ru"


def test_signed_in_user_is_kept_in_preferred_language(client, student):
    student.preferred_language = "ru"
    student.save()
    client.force_login(student)
    response = client.get("/accounts/profile/?tab=roles")
    assert response.status_code == 302
    assert response.url == "/ru/accounts/profile/?tab=roles"
    assert client.get(response.url).status_code == 200


def test_users_time_zone_is_active_during_the_request(rf, student):
    student.time_zone = "Asia/Bishkek"
    seen = {}

    def view(request):
        seen["zone"] = timezone.get_current_timezone_name()
        return HttpResponse()

    request = rf.get("/")
    request.user = student
    request.LANGUAGE_CODE = "en"
    UserPreferencesMiddleware(view)(request)
    assert seen["zone"] == "Asia/Bishkek"


def test_anonymous_visitor_gets_browser_zone_and_bad_values_are_ignored(rf):
    seen = []

    def view(request):
        seen.append(timezone.get_current_timezone_name())
        return HttpResponse()

    for value in ("Asia/Tashkent", "Mars/Olympus_Mons", "../../etc/passwd"):
        request = rf.get("/", HTTP_COOKIE=f"tz={value}")
        request.user = AnonymousUser()
        UserPreferencesMiddleware(view)(request)
    assert seen == ["Asia/Tashkent", "UTC", "UTC"]


def test_kazakhstan_is_utc_plus_five():
    offset = datetime(2025, 6, 1, 12, tzinfo=ZoneInfo("Asia/Almaty")).utcoffset()
    assert offset.total_seconds() == 5 * 3600


TRANSLATED = ["ru", "kk", "uz"]  # every interface language but English


def _catalogue(language: str) -> Path:
    return ROOT / "locale" / language / "LC_MESSAGES" / "django.po"


def test_every_interface_language_has_a_catalogue(settings):
    assert sorted(code for code, _name in settings.LANGUAGES if code != "en") == sorted(TRANSLATED)


@pytest.mark.parametrize("language", TRANSLATED)
def test_catalogue_is_complete(language):
    catalogue = polib.pofile(str(_catalogue(language)))
    untranslated = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert untranslated == []
    assert fuzzy == []
    assert len(catalogue.translated_entries()) > 1000


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="GNU gettext is not installed")
def test_catalogues_cover_every_string_in_the_code(tmp_path):
    # Extract the strings afresh in a copy of the sources, so that the shipped
    # catalogues are never rewritten, and compare the sets of messages.
    copy = tmp_path / "src"
    shutil.copytree(
        ROOT,
        copy,
        ignore=shutil.ignore_patterns(".git", ".venv", "var", "tests", "node_modules", "*.mo"),
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "makemessages", "--locale", "ru", "--no-obsolete"],
        cwd=copy,
        env={"PATH": "/usr/bin:/bin", "DJANGO_DEBUG": "1"},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    fresh = {e.msgid for e in polib.pofile(str(copy / "locale/ru/LC_MESSAGES/django.po"))}
    for language in TRANSLATED:
        shipped = {e.msgid for e in polib.pofile(str(_catalogue(language))) if not e.obsolete}
        assert sorted(fresh - shipped) == [], f"run `make messages` and translate for {language}"


@pytest.mark.parametrize(
    ("prefix", "language", "words"),
    [("/kk/", "kk", "Университеттер"), ("/uz/", "uz", "Universitetlar")],
)
def test_kazakh_and_uzbek_pages_are_in_their_language(client, prefix, language, words):
    page = client.get(prefix).content.decode()

    assert f'<html lang="{language}">' in page
    assert words in page
    for self_name in ("English", "Русский", "Қазақша", "Oʻzbekcha"):
        assert self_name in page
