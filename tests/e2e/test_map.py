"""The map without tiles: every tile request fails (or tiles are switched off), and the
five countries' outlines and names still show under the markers, with no script error.
Each page is checked as in every journey (axe-core, no horizontal overflow)."""

from urllib.parse import urlsplit

import pytest
from django.conf import settings
from playwright.sync_api import expect

from tests.factories import UniversityFactory

from .conftest import DESKTOP, PHONE

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
TILE_ORIGIN = "{0.scheme}://{0.netloc}".format(urlsplit(settings.MAP_TILE_URL))
COUNTRY_NAMES = ["Kazakhstan", "Kyrgyzstan", "Tajikistan", "Turkmenistan", "Uzbekistan"]


@pytest.fixture
def universities(transactional_db):
    """Two universities in Almaty (one cluster, named by its city), one in Tashkent and
    one in Ashgabat: far enough apart to stay separate, and a view of all five countries."""
    for name in ["Satbayev University", "Kazakh-British Technical University"]:
        UniversityFactory(name_en=name, latitude="43.2367", longitude="76.9305")
    UniversityFactory(name_en="Tashkent State Technical University", country="UZ",
                      city_en="Tashkent", latitude="41.3406", longitude="69.2866")  # fmt: skip
    UniversityFactory(name_en="Turkmen State Institute of Oil and Gas", country="TM",
                      city_en="Ashgabat", latitude="37.95", longitude="58.38")  # fmt: skip


def _expect_base_layer(page):
    """The five outlines are drawn (a path with points each) as land, and the
    countries are named."""
    paths = page.locator("#university-map .leaflet-overlay-pane path")
    expect(paths).to_have_count(5)
    for path in paths.all():
        assert path.get_attribute("d") not in ("", "M0 0")
        assert path.get_attribute("fill-opacity") == "1"
    expect(page.locator("#university-map .map-country-name")).to_have_text(COUNTRY_NAMES)
    expect(page.locator(".leaflet-control-attribution")).to_contain_text("Natural Earth")


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_map_with_every_tile_blocked_shows_the_five_countries(journey, universities, viewport):
    j = journey(f"map-tiles-blocked-{viewport['width']}", viewport)
    tile_requests = []
    console_errors = []  # (text, address of the resource or script)
    j.page.on(
        "console",
        lambda msg: (
            console_errors.append((msg.text, msg.location["url"])) if msg.type == "error" else None
        ),
    )

    def block(route):
        tile_requests.append(route.request.url)
        route.abort()

    j.page.route(f"{TILE_ORIGIN}/**", block)
    page = j.goto("/universities/map/")

    _expect_base_layer(page)
    cluster = page.locator("#university-map .marker-cluster", has_text="Almaty")
    expect(cluster).to_have_count(1)
    expect(cluster.locator("span").first).to_have_text("2")
    expect(page.locator("#university-map .leaflet-marker-icon[title]")).to_have_count(2)
    # The first view's tiles all failed: the tile layer is dropped, and zooming asks
    # for no more.
    assert tile_requests != []
    expect(page.locator("#university-map .leaflet-tile-pane img")).to_have_count(0)
    asked = len(tile_requests)
    page.get_by_role("button", name="Zoom in").click()
    page.wait_for_timeout(500)
    assert len(tile_requests) == asked
    j.check("tiles-blocked")
    page.get_by_role("button", name="Zoom out").click()
    page.wait_for_timeout(500)

    tashkent = page.locator(".leaflet-marker-icon[title='Tashkent State Technical University']")
    tashkent.click()
    popup = page.locator(".leaflet-popup-content")
    expect(popup).to_have_text("Tashkent State Technical University — Tashkent")
    expect(page.locator(".leaflet-popup-close-button")).to_have_attribute("aria-label", "Close")
    # Once it has faded in (axe would measure the contrast of a half-transparent text).
    expect(page.locator(".leaflet-popup")).to_have_css("opacity", "1")
    page.wait_for_timeout(300)  # and the map has panned to show it
    j.check("popup")

    # Each refused tile is logged by the browser itself ("Failed to load resource"),
    # which no script can prevent; nothing else may be.
    tile_failures = [text for text, url in console_errors if url.startswith(TILE_ORIGIN)]
    assert [error for error in console_errors if not error[1].startswith(TILE_ORIGIN)] == []
    assert set(tile_failures) <= {"Failed to load resource: net::ERR_FAILED"}
    for text in tile_failures:
        j.errors.remove(text)


def test_map_with_tiles_switched_off_shows_the_five_countries(journey, universities, settings):
    settings.MAP_TILE_URL = ""
    j = journey("map-tiles-off", PHONE)
    requests = []
    j.page.on("request", lambda request: requests.append(request.url))
    page = j.goto("/universities/map/")

    _expect_base_layer(page)
    expect(page.locator("#university-map .leaflet-tile-pane img")).to_have_count(0)
    assert [url for url in requests if not url.startswith(j.base_url)] == []
    expect(page.locator(".leaflet-control-attribution")).not_to_contain_text("OpenStreetMap")


def test_map_list_without_javascript_is_grouped_by_country(journey, universities):
    j = journey("map-without-javascript", PHONE, javascript=False)
    page = j.goto("/universities/map/")

    expect(page.locator("#university-map")).to_be_hidden()
    expect(page.locator("main h3")).to_have_text(["Kazakhstan", "Turkmenistan", "Uzbekistan"])
    expect(page.locator("main ul.map-list").first.locator("li")).to_have_text(
        ["Kazakh-British Technical University — Almaty", "Satbayev University — Almaty"]
    )
