"""Journeys in a real browser: Playwright drives Debian's Chromium against the live
server; every page visited is checked with axe-core, for console errors, for
horizontal overflow and, on a Russian, Kazakh or Uzbek page, for English left in
the interface (``english.py``)."""

import base64
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
from industry.models import NeedSkill, SkillNeed
from tests.factories import CoordinatorFactory, OrganisationFactory, UniversityFactory
from universities.models import Language, ResearchArea, Strength
from universities.reference import languages_create, research_areas_create

from .english import english_left

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
DESKTOP = {"width": 1366, "height": 900}

# Whether the page is wider than the window; if so, the innermost elements that end
# beyond its right edge (outside any scrolling box such as .table-responsive).
OVERFLOW = (Path(__file__).parent / "overflow.js").read_text(encoding="utf-8")

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


BLANK_PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII="
)


def _empty_answer(route):
    if route.request.resource_type == "image":
        route.fulfill(status=200, content_type="image/png", body=BLANK_PNG)
    else:
        route.fulfill(status=204, body="")


class Journey:
    """One browser context: takes screenshots and checks every page it visits."""

    def __init__(self, browser, base_url, name, viewport, *, locale="en-GB", javascript=True):
        self.context = browser.new_context(
            viewport=viewport, locale=locale, java_script_enabled=javascript
        )
        # Without JavaScript, Playwright cannot evaluate the checks in the page:
        # such a journey only takes screenshots.
        self.javascript = javascript
        # Nothing leaves the machine: map tiles and any other outside address get an
        # empty answer (a blank tile for images).
        self.context.route(lambda url: not url.startswith(base_url), _empty_answer)
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
        """Screenshot, then: nothing wider than the window, no English on a page in
        another language, and no serious or critical axe-core violation."""
        self.page.wait_for_load_state("domcontentloaded")
        self.step += 1
        slug = re.sub(r"[^a-z0-9]+", "-", (label or self.page.url).lower()).strip("-")[:60]
        self.page.screenshot(path=str(self.folder / f"{self.step:02d}-{slug}.png"), full_page=True)
        if not self.javascript:
            return self.page
        overflow = self.page.evaluate(OVERFLOW)
        assert overflow is None, f"{self.page.url} is wider than the window: {overflow}"
        english = english_left(self.page)
        assert english == [], f"{self.page.url}: English in the interface: {english}"
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

    def open_journey(name, viewport=DESKTOP, **options):
        j = Journey(browser, live_server.url, name, viewport, **options)
        opened.append(j)
        return j

    yield open_journey
    for j in opened:
        j.close()


def _in(field, en, ru, kk, uz):
    """The four language columns of a translated field."""
    return {f"{field}_en": en, f"{field}_ru": ru, f"{field}_kk": kk, f"{field}_uz": uz}


@pytest.fixture
def world(transactional_db):
    """A small region: two universities with master's programmes on grids and their
    strengths, two skills, an upcoming webinar, an organisation with an open need
    and a coordinator. What the journeys read is written in all four languages."""
    coordinators_group_create()
    research_areas_create()
    languages_create()
    grids = Skill.objects.create(
        slug="design-smart-grids",
        **_in("name", "design smart grids", "проектировать интеллектуальные сети",
              "зияткерлік желілерді жобалау", "aqlli tarmoqlarni loyihalash"),
    )  # fmt: skip
    batteries = Skill.objects.create(
        slug="battery-chemistry",
        **_in("name", "battery chemistry", "химия аккумуляторов", "аккумуляторлар химиясы",
              "akkumulyatorlar kimyosi"),
    )  # fmt: skip
    satbayev = UniversityFactory(
        slug="satbayev-university", latitude="43.2367", longitude="76.9305",
        **_in("name", "Satbayev University", "Университет Сатпаева", "Сәтбаев университеті",
              "Satboyev universiteti"),
        **_in("city", "Almaty", "Алматы", "Алматы", "Olmaota"),
        **_in("description", "Kazakhstan's oldest technical university.",
              "Старейший технический университет Казахстана.",
              "Қазақстанның ең көне техникалық университеті.",
              "Qozogʻistonning eng qadimgi texnika universiteti."),
    )  # fmt: skip
    tashkent = UniversityFactory(
        slug="tstu", country="UZ", latitude="41.3406", longitude="69.2866",
        **_in("name", "Tashkent State Technical University",
              "Ташкентский государственный технический университет",
              "Ташкент мемлекеттік техникалық университеті",
              "Toshkent davlat texnika universiteti"),
        **_in("city", "Tashkent", "Ташкент", "Ташкент", "Toshkent"),
    )  # fmt: skip
    # Long area names, to show that the strength badges wrap on a phone.
    for university, slug, level in [
        (satbayev, "critical-minerals", 2),
        (satbayev, "coal-chemistry-carbon-materials", 1),
        (tashkent, "power-systems-smart-grids", 3),
        (tashkent, "coal-chemistry-carbon-materials", 2),
        (tashkent, "climate-adaptation", 1),
    ]:
        area = ResearchArea.objects.get(slug=slug)
        Strength.objects.create(university=university, area=area, level=level)
    english = Language.objects.get(code="en")
    programmes = []
    for university, slug, titles in [
        (satbayev, "smart-grids-engineering",
         ("Smart Grids Engineering", "Инженерия интеллектуальных сетей",
          "Зияткерлік желілер инженериясы", "Aqlli tarmoqlar muhandisligi")),
        (tashkent, "power-systems-and-smart-grids",
         ("Power Systems and Smart Grids", "Энергосистемы и интеллектуальные сети",
          "Энергожүйелер және зияткерлік желілер", "Energetika tizimlari va aqlli tarmoqlar")),
    ]:  # fmt: skip
        programme = Programme.objects.create(
            university=university, slug=slug, degree="master", ects=120, intake=30,
            status="published", **_in("title", *titles),
        )  # fmt: skip
        programme.languages.add(english)
        ProgrammeSkill.objects.create(programme=programme, skill=grids, level=3)
        programme.refresh_search_document()
        programmes.append(programme)
    start = timezone.now() + timedelta(days=5)
    webinar = Event.objects.create(
        kind="webinar", format="online", start=start, end=start + timedelta(hours=1),
        time_zone="Asia/Almaty", status="published", join_url="https://meet.example.org/room",
        **_in("title", "Green hydrogen webinar", "Вебинар о зелёном водороде",
              "Жасыл сутек туралы вебинар", "Yashil vodorod haqida vebinar"),
        **_in("description", "Electrolysers, storage and the first projects of the region.",
              "Электролизёры, хранение и первые проекты региона.",
              "Электролизерлер, сақтау және өңірдің алғашқы жобалары.",
              "Elektrolizerlar, saqlash va mintaqaning birinchi loyihalari."),
    )  # fmt: skip
    organisation = OrganisationFactory(
        slug="steppe-grid",
        **_in("name", "Steppe Power Grid", "Степная энергосеть", "Дала энергия желісі",
              "Dasht energiya tarmogʻi"),
    )  # fmt: skip
    need = SkillNeed.objects.create(
        organisation=organisation, kind="hiring", headcount=6, country="UZ",
        needed_by=timezone.localdate() + timedelta(days=120),
        **_in("title", "Substation digitalisation engineers", "Инженеры цифровых подстанций",
              "Цифрлық подстанция инженерлері", "Raqamli podstansiya muhandislari"),
        **_in("background", "Digital substations in the Tashkent region.",
              "Цифровые подстанции в Ташкентской области.",
              "Ташкент облысындағы цифрлық подстанциялар.",
              "Toshkent viloyatidagi raqamli podstansiyalar."),
    )  # fmt: skip
    NeedSkill.objects.create(need=need, skill=grids, level=2)
    need.refresh_search_document()
    return {
        "grids": grids,
        "batteries": batteries,
        "satbayev": satbayev,
        "tashkent": tashkent,
        "programmes": programmes,
        "webinar": webinar,
        "organisation": organisation,
        "need": need,
        "coordinator": CoordinatorFactory(email="coordinator@e2e.test"),
    }
