"""Journeys in each interface language: a student on a phone and a staff member on a
desktop visit the main pages; the same pages are also seen on the other device
(signed out on a desktop, staff on a phone). Every page is checked as in every
journey (axe-core, no horizontal overflow) and, in Russian, Kazakh and Uzbek, for
English left in the interface (``english.py``)."""

import pytest
from playwright.sync_api import expect

from accounts.models import User
from events.models import Registration
from industry.models import NeedResponse
from tests.factories import PASSWORD as FACTORY_PASSWORD
from tests.factories import UniversityMembershipFactory

from .conftest import DESKTOP, PHONE
from .helpers import register, sign_in, sign_up

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
LANGUAGES = ["en", "ru", "kk", "uz"]
BROWSER_LOCALES = {"en": "en-GB", "ru": "ru-RU", "kk": "kk-KZ", "uz": "uz-UZ"}
BATTERY_ENGINEERING = {
    "en": "Battery Engineering",
    "ru": "Инженерия аккумуляторов",
    "kk": "Аккумуляторлар инженериясы",
    "uz": "Akkumulyatorlar muhandisligi",
}
RESPONSES = {
    "en": "Graduates of our smart grids master's programme.",
    "ru": "Выпускники нашей магистратуры по интеллектуальным сетям.",
    "kk": "Зияткерлік желілер магистратурасының түлектері.",
    "uz": "Aqlli tarmoqlar magistratura dasturi bitiruvchilari.",
}
PEOPLE = {
    "en": "Dana Sultanova",
    "ru": "Дана Султанова",
    "kk": "Дана Сұлтанова",
    "uz": "Dilnoza Karimova",
}


def _prefix(language):
    return "" if language == "en" else f"/{language}"


def _public_pages(world):
    first, second = world["programmes"]
    return [
        "/",
        "/programmes/",
        first.get_absolute_url(),
        f"/programmes/compare/?p={first.pk}&p={second.pk}",
        "/universities/",
        world["satbayev"].get_absolute_url(),
        "/universities/strengths/",
        "/needs/",
        world["need"].get_absolute_url(),
        "/skills/",
        world["grids"].get_absolute_url(),
        "/skills/gaps/",
        "/organisations/",
        world["organisation"].get_absolute_url(),
        "/events/",
        "/events/calendar/",
        world["webinar"].get_absolute_url(),
        "/events/statistics/",
        f"/universities/{world['satbayev'].slug}/gaps/",
        "/library/",
        "/news/",
        "/newsletter/",
        "/newsletter/archive/",
    ]


def _staff(world, language):
    return UniversityMembershipFactory(
        university=world["satbayev"],
        user__email=f"dean-{language}@e2e.test",
        user__full_name=PEOPLE[language],
        user__preferred_language=language,
    ).user


@pytest.mark.parametrize("language", LANGUAGES)
def test_student_on_a_phone_in_every_language(journey, world, language):
    prefix = _prefix(language)
    j = journey(f"phone-student-{language}", PHONE, locale=BROWSER_LOCALES[language])
    page = j.goto(f"{prefix}/")
    expect(page.locator("html")).to_have_attribute("lang", language)

    # The main menu is a <details> under its toggle.
    page.locator("#site-nav > summary").click()
    expect(page.locator("#site-nav")).to_have_attribute("open", "")
    j.check("menu-open")
    page.locator("#site-nav a[href$='/programmes/']").click()
    page.wait_for_load_state()
    j.check("programmes")
    page.locator(".filters-panel > summary").click()
    page.locator("#id_degree").select_option("master")
    page.locator("#filters button[type=submit]").click()
    page.wait_for_load_state()
    j.check("programmes-filtered")
    first, second = world["programmes"]
    page.locator(f"a[href$='{first.get_absolute_url()}']").first.click()
    page.wait_for_load_state()
    j.check("programme")
    page = j.goto(f"{prefix}/programmes/compare/?p={first.pk}&p={second.pk}")
    expect(page.locator("table.compare-table thead th a")).to_have_count(2)

    for path in _public_pages(world)[4:]:
        j.goto(f"{prefix}{path}")

    email = f"student-{language}@e2e.test"
    page = sign_up(j, email, language_prefix=prefix)
    assert User.objects.get(email=email).preferred_language == language
    webinar = world["webinar"]
    page = j.goto(f"{prefix}{webinar.get_absolute_url()}")
    page = register(j, page)
    expect(page.locator(".alert-success")).to_be_visible()
    j.check("registered")
    assert Registration.objects.get(user__email=email).status == "confirmed"
    j.goto(f"{prefix}/events/mine/")
    page = j.goto(f"{prefix}/accounts/profile/")
    # Signed in, the account menu is a <details> inside the main menu.
    page.locator("#site-nav > summary").click()
    page.locator("#site-nav .nav-user").click()
    expect(page.locator("#site-nav .site-dropdown-menu").first).to_be_visible()
    j.check("account-menu")


@pytest.mark.parametrize("language", LANGUAGES)
def test_staff_member_on_a_desktop_in_every_language(journey, world, language):
    prefix = _prefix(language)
    university = world["satbayev"]
    staff = _staff(world, language)
    j = journey(f"desktop-staff-{language}", DESKTOP, locale=BROWSER_LOCALES[language])
    sign_in(j, staff.email, FACTORY_PASSWORD, language_prefix=prefix)
    page = j.goto(f"{prefix}{university.get_absolute_url()}")
    expect(page.locator("html")).to_have_attribute("lang", language)

    page = j.goto(f"{prefix}/universities/{university.slug}/edit/")
    page.locator("main form button[type=submit]").first.click()
    expect(page.locator(".alert-success")).to_be_visible()
    j.check("university-saved")
    j.goto(f"{prefix}/universities/{university.slug}/edit/strengths/")
    j.goto(f"{prefix}/programmes/{university.slug}/")
    j.goto(f"{prefix}/programmes/{university.slug}/import/")

    # A programme with too many credits: the summary at the top links to the field.
    page = j.goto(f"{prefix}/programmes/{university.slug}/new/")
    # The form shows the user's own language first.
    page.locator(f"#id_title_{language}").fill(BATTERY_ENGINEERING[language])
    page.locator("#id_degree").select_option("master")
    page.locator("#id_ects").fill("999")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    summary = page.locator("main form [role=alert][tabindex='-1']").first
    expect(summary).to_be_focused()
    j.check("programme-error")
    summary.locator("a[href='#id_ects']").click()
    expect(page).to_have_url(f"{j.base_url}{prefix}/programmes/{university.slug}/new/#id_ects")
    page.locator("#id_ects").fill("120")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("h1")).to_contain_text(BATTERY_ENGINEERING[language])
    j.check("programme-added")

    need = world["need"]
    j.goto(f"{prefix}/universities/{university.slug}/needs/")
    page = j.goto(f"{prefix}/needs/{need.pk}/respond/")
    page.locator("#id_message").fill(RESPONSES[language])
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".alert-success")).to_be_visible()
    j.check("responded")
    assert NeedResponse.objects.get(need=need, university=university).status == "sent"
    j.goto(f"{prefix}/events/")
    j.goto(f"{prefix}{world['webinar'].get_absolute_url()}")
    j.goto(f"{prefix}/events/{world['webinar'].pk}/register/")
    j.goto(f"{prefix}/events/mine/")
    j.goto(f"{prefix}/accounts/profile/")
    # The language switcher opens as a small list of the four languages.
    page.locator(".language-switcher > summary").click()
    expect(page.locator(".language-switcher button")).to_have_count(4)
    j.check("language-switcher")


@pytest.mark.parametrize("language", LANGUAGES)
def test_public_pages_on_a_desktop_signed_out_in_every_language(journey, world, language):
    j = journey(f"desktop-visitor-{language}", DESKTOP, locale=BROWSER_LOCALES[language])
    for path in _public_pages(world):
        j.goto(f"{_prefix(language)}{path}")


@pytest.mark.parametrize("language", LANGUAGES)
def test_staff_pages_on_a_phone_in_every_language(journey, world, language):
    prefix = _prefix(language)
    university = world["satbayev"]
    staff = _staff(world, language)
    j = journey(f"phone-staff-{language}", PHONE, locale=BROWSER_LOCALES[language])
    sign_in(j, staff.email, FACTORY_PASSWORD, language_prefix=prefix)
    for path in [
        f"/universities/{university.slug}/edit/",
        f"/universities/{university.slug}/edit/strengths/",
        f"/universities/{university.slug}/edit/activities/",
        f"/programmes/{university.slug}/",
        f"/programmes/{university.slug}/import/",
        f"/universities/{university.slug}/needs/",
        f"/needs/{world['need'].pk}/respond/",
        "/events/mine/",
        "/accounts/profile/",
    ]:
        j.goto(f"{prefix}{path}")
    # On a phone the error summary is the first thing seen, and it leads to the field.
    page = j.goto(f"{prefix}/programmes/{university.slug}/new/")
    page.locator("#id_ects").fill("999")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    summary = page.locator("main form [role=alert][tabindex='-1']").first
    expect(summary).to_be_focused()
    expect(summary).to_be_in_viewport()
    j.check("programme-errors")
    summary.locator("a[href='#id_ects']").click()
    expect(page.locator("#id_ects")).to_be_in_viewport()


@pytest.mark.parametrize("language", LANGUAGES)
def test_map_in_every_language(journey, world, language):
    j = journey(f"phone-map-{language}", PHONE, locale=BROWSER_LOCALES[language])
    page = j.goto(f"{_prefix(language)}/universities/map/")
    expect(page.locator("#university-map .leaflet-marker-icon").first).to_be_visible()
    j.check("markers")
