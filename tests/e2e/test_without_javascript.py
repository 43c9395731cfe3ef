"""With JavaScript off, the main menu, the language switcher and the filters still
open on a phone and are shown on a desktop, and a form's error summary still links
to its fields."""

import pytest
from playwright.sync_api import expect

from .conftest import DESKTOP, PHONE

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_menu_switcher_and_filters_open_without_javascript(journey, world):
    j = journey("phone-no-javascript", PHONE, locale="ru-RU", javascript=False)
    page = j.goto("/ru/")
    menu = page.locator("#site-nav")
    expect(menu.locator(".site-menu-main")).to_be_hidden()
    menu.locator("> summary").click()
    expect(menu.locator(".site-menu-main")).to_be_visible()
    j.check("menu-open")

    menu.locator(".language-switcher > summary").click()
    menu.locator(".language-switcher button[value=kk]").click()
    page.wait_for_load_state()
    expect(page.locator("html")).to_have_attribute("lang", "kk")
    j.check("switched-to-kazakh")

    page.locator("#site-nav > summary").click()
    page.locator("#site-nav a[href$='/universities/']").click()
    page.wait_for_load_state()
    expect(page.locator("#filters")).to_be_hidden()
    page.locator(".filters-panel > summary").click()
    expect(page.locator("#filters")).to_be_visible()
    page.locator("#id_country").select_option("UZ")
    page.locator("#filters button[type=submit]").click()
    page.wait_for_load_state()
    assert "country=UZ" in page.url
    expect(page.locator("main")).to_contain_text(world["tashkent"].name_kk)
    j.check("universities-filtered")


def test_error_summary_links_to_the_field_without_javascript(journey, world):
    j = journey("phone-no-javascript-form", PHONE, locale="ru-RU", javascript=False)
    page = j.goto("/ru/accounts/signup/")
    page.locator("input[name=email]").fill("learner@e2e.test")
    page.locator("input[name=password1]").fill("a-long-e2e-password-2026")
    page.locator("input[name=password2]").fill("another-long-password-2026")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    summary = page.locator(".error-summary[role=alert]")
    expect(summary).to_be_visible()
    j.check("signup-errors")
    summary.locator("a[href='#id_password2']").click()
    assert page.url.endswith("#id_password2")


def test_menu_and_filters_are_shown_on_a_desktop_without_javascript(journey, world):
    j = journey("desktop-no-javascript", DESKTOP, locale="ru-RU", javascript=False)
    page = j.goto("/ru/programmes/")
    expect(page.locator("#site-nav > summary")).to_be_hidden()
    expect(page.locator("#site-nav .site-menu-main a").first).to_be_visible()
    expect(page.locator(".filters-panel > summary")).to_be_hidden()
    expect(page.locator("#filters")).to_be_visible()
    page.locator("#site-nav a[href$='/events/']").click()
    page.wait_for_load_state()
    expect(page.locator("h1")).to_have_text("Мероприятия")
