"""Journeys in a real browser: Playwright drives Debian's Chromium against the live
server; every page visited is checked with axe-core and for console errors."""

import os
import re
import shutil
import subprocess
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import sync_playwright
from pytest_django.live_server_helper import LiveServer

from accounts.reference import coordinators_group_create
from curricula.models import Programme, ProgrammeSkill, Skill
from events.models import Event
from tests.factories import CoordinatorFactory, OrganisationFactory, UniversityFactory
from universities.models import Language
from universities.reference import languages_create, research_areas_create

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "var" / "e2e"
AXE = (Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js").read_text(encoding="utf-8")
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}

# Playwright's sync API keeps an event loop in the test thread; the ORM calls the
# tests make between browser steps are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def _ensure_chromium() -> str | None:
    if Path(CHROMIUM).exists():
        return CHROMIUM
    if os.geteuid() == 0 and shutil.which("apt-get"):
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        apt = shutil.which("apt-get")
        subprocess.run([apt, "update", "-qq"], env=env, check=False, timeout=600)  # noqa: S603
        subprocess.run(  # noqa: S603
            [apt, "install", "-y", "-qq", "--no-install-recommends", "chromium"],
            env=env,
            check=False,
            timeout=900,
        )
    return CHROMIUM if Path(CHROMIUM).exists() else None


@pytest.fixture(scope="session")
def browser():
    path = _ensure_chromium()
    if path is None:
        pytest.skip(f"No Chromium at {CHROMIUM} and it could not be installed here.")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=LAUNCH_ARGS)
        yield browser
        browser.close()


class Journey:
    """One browser context: takes screenshots and checks every page it visits."""

    def __init__(self, browser, base_url, name, viewport):
        self.context = browser.new_context(viewport=viewport, locale="en-GB")
        self.page = self.context.new_page()
        self.base_url = base_url
        self.folder = SHOTS / name
        self.folder.mkdir(parents=True, exist_ok=True)
        self.step = 0
        self.secrets: dict[str, str] = {}  # TOTP secrets of the accounts it enrolled
        self.errors: list[str] = []
        self.page.on(
            "console", lambda msg: self.errors.append(msg.text) if msg.type == "error" else None
        )
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))

    def goto(self, path):
        self.page.goto(self.base_url + path)
        return self.check(path)

    def check(self, label=""):
        """Screenshot, then axe-core: no serious or critical violation."""
        self.page.wait_for_load_state("domcontentloaded")
        self.step += 1
        slug = re.sub(r"[^a-z0-9]+", "-", (label or self.page.url).lower()).strip("-")[:60]
        self.page.screenshot(path=str(self.folder / f"{self.step:02d}-{slug}.png"), full_page=True)
        self.page.evaluate(AXE)
        violations = self.page.evaluate(
            """async () => {
                const result = await axe.run(document, {resultTypes: ["violations"]});
                return result.violations
                    .filter(v => v.impact === "serious" || v.impact === "critical")
                    .map(v => v.id + ": " + v.nodes.map(n => n.target.join(" ")).join(", "));
            }"""
        )
        assert violations == [], f"{self.page.url}: {violations}"
        return self.page

    def close(self):
        errors = list(self.errors)
        self.context.close()
        assert errors == [], errors


@pytest.fixture
def live_server(transactional_db, settings):
    """A live server per test, started after the test's settings apply (its
    middleware reads them once, when it starts): plain HTTP on localhost."""
    settings.SECURE_SSL_REDIRECT = False
    settings.SECURE_HSTS_SECONDS = 0
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    settings.LANGUAGE_COOKIE_SECURE = False
    server = LiveServer("localhost")
    yield server
    server.stop()


@pytest.fixture
def journey(browser, live_server):
    opened = []

    def open_journey(name, viewport=DESKTOP):
        j = Journey(browser, live_server.url, name, viewport)
        opened.append(j)
        return j

    yield open_journey
    for j in opened:
        j.close()


@pytest.fixture
def world(transactional_db):
    """A small region: two universities with master's programmes on grids, a skill,
    an upcoming webinar, an organisation and a coordinator."""
    coordinators_group_create()
    research_areas_create()
    languages_create()
    grids = Skill.objects.create(
        name_en="design smart grids", name_ru="проектировать интеллектуальные сети",
        slug="design-smart-grids",
    )  # fmt: skip
    batteries = Skill.objects.create(
        name_en="battery chemistry", name_ru="химия аккумуляторов", slug="battery-chemistry"
    )
    satbayev = UniversityFactory(name_en="Satbayev University", slug="satbayev-university")
    tashkent = UniversityFactory(
        name_en="Tashkent State Technical University", slug="tstu", country="UZ"
    )
    english = Language.objects.get(code="en")
    programmes = []
    for university, title_en, title_ru in [
        (satbayev, "Smart Grids Engineering", "Инженерия интеллектуальных сетей"),
        (tashkent, "Power Systems and Smart Grids", "Энергосистемы и интеллектуальные сети"),
    ]:
        programme = Programme.objects.create(
            university=university, title_en=title_en, title_ru=title_ru,
            slug=title_en.lower().replace(" ", "-"), degree="master", ects=120, intake=30,
            status="published",
        )  # fmt: skip
        programme.languages.add(english)
        ProgrammeSkill.objects.create(programme=programme, skill=grids, level=3)
        programme.refresh_search_document()
        programmes.append(programme)
    start = timezone.now() + timedelta(days=5)
    webinar = Event.objects.create(
        title_en="Green hydrogen webinar", title_ru="Вебинар о зелёном водороде",
        kind="webinar", format="online", start=start, end=start + timedelta(hours=1),
        time_zone="Asia/Almaty", status="published", join_url="https://meet.example.org/room",
    )  # fmt: skip
    return {
        "grids": grids,
        "batteries": batteries,
        "satbayev": satbayev,
        "tashkent": tashkent,
        "programmes": programmes,
        "webinar": webinar,
        "organisation": OrganisationFactory(name_en="Steppe Power Grid", slug="steppe-grid"),
        "coordinator": CoordinatorFactory(email="coordinator@e2e.test"),
    }
