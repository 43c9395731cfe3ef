import json
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.urls import reverse
from django.utils import translation

from tests.factories import UniversityFactory
from universities.countries import CENTRAL_ASIA
from universities.models import University
from universities.views import (
    COUNTRY_LABEL_POINTS,
    MAP_BASE_LAYER,
    CountryGroup,
    MapMarker,
    map_config,
    map_markers,
    markers_by_country,
)

pytestmark = pytest.mark.django_db

BASE_LAYER_FILE = Path(settings.BASE_DIR) / "static" / MAP_BASE_LAYER


def _json_script(html, element_id):
    found = re.search(rf'<script id="{element_id}" type="application/json">(.*?)</script>', html)
    return json.loads(found.group(1))


def _marker(name, country, city=""):
    return MapMarker(name=name, city=city, country=country, lat=0.0, lon=0.0, url=f"/{name}/")


def test_markers_by_country_follow_the_country_order_and_sort_names():
    markers = [
        _marker("b university", "UZ", "Tashkent"),
        _marker("Zhetysu University", "KZ"),
        _marker("Abai University", "KZ"),
        _marker("A University", "UZ", "Samarkand"),
        _marker("Kabul Polytechnic", "AF"),
    ]

    groups = markers_by_country(markers)

    assert [(group.country, group.name) for group in groups] == [
        ("KZ", "Kazakhstan"),
        ("UZ", "Uzbekistan"),
        ("AF", "Afghanistan"),
    ]
    assert [[m["name"] for m in group.markers] for group in groups] == [
        ["Abai University", "Zhetysu University"],
        ["A University", "b university"],
        ["Kabul Polytechnic"],
    ]


def test_markers_by_country_of_none_is_empty():
    assert markers_by_country([]) == []


def test_country_groups_are_named_in_the_active_language():
    with translation.override("ru"):
        groups = markers_by_country([_marker("X", "KG")])

    assert groups == [CountryGroup(country="KG", name="Кыргызстан", markers=[_marker("X", "KG")])]


def test_map_markers_leave_out_universities_without_coordinates():
    located = UniversityFactory(name_en="Located", latitude="43.2367", longitude="76.9305")
    UniversityFactory(name_en="Unlocated", latitude=None, longitude=None)

    markers = map_markers(University.objects.order_by("name_en"))

    assert markers == [
        {
            "name": "Located",
            "city": "Almaty",
            "country": "KZ",
            "lat": 43.2367,
            "lon": 76.9305,
            "url": located.get_absolute_url(),
        }
    ]


def test_map_lists_universities_under_a_heading_per_country(client):
    UniversityFactory(name_en="Tashkent State Technical University", country="UZ",
                      city_en="Tashkent", latitude=41.34, longitude=69.29)  # fmt: skip
    UniversityFactory(name_en="Satbayev University", latitude=43.24, longitude=76.93)
    UniversityFactory(name_en="Al-Farabi Kazakh National University", latitude=43.22,
                      longitude=76.92)  # fmt: skip
    UniversityFactory(name_en="Nowhere University", latitude=None, longitude=None)

    response = client.get(reverse("universities:map"))

    assert [
        (group.name, [(m["name"], m["city"]) for m in group.markers])
        for group in response.context["countries"]
    ] == [
        ("Kazakhstan", [("Al-Farabi Kazakh National University", "Almaty"),
                        ("Satbayev University", "Almaty")]),
        ("Uzbekistan", [("Tashkent State Technical University", "Tashkent")]),
    ]  # fmt: skip
    html = response.content.decode()
    headings = re.findall(r'<h3 class="h6 mt-3">(.*?)</h3>', html)
    assert headings == ["Kazakhstan", "Uzbekistan"]
    assert "Satbayev University</a> — Almaty</li>" in html
    assert "Nowhere University" not in html


def test_map_list_in_russian_names_countries_and_universities_in_russian(client):
    UniversityFactory(name_en="Satbayev University", name_ru="Университет Сатпаева",
                      city_ru="Алматы", latitude=43.24, longitude=76.93)  # fmt: skip
    UniversityFactory(name_en="Abai University", name_ru="Университет Абая",
                      city_ru="Алматы", latitude=43.25, longitude=76.95)  # fmt: skip

    response = client.get("/ru/universities/map/")

    html = response.content.decode()
    assert re.findall(r'<h3 class="h6 mt-3">(.*?)</h3>', html) == ["Казахстан"]
    assert [m["name"] for m in response.context["countries"][0].markers] == [
        "Университет Абая",
        "Университет Сатпаева",
    ]
    config = _json_script(html, "map-config")
    assert [country["name"] for country in config["countries"]] == [
        "Казахстан",
        "Кыргызстан",
        "Таджикистан",
        "Туркменистан",
        "Узбекистан",
    ]


def test_map_with_no_match_says_so(client):
    response = client.get(reverse("universities:map"), {"country": "TM"})

    assert response.context["countries"] == []
    assert "No university matches these filters." in response.content.decode()


def test_map_gives_the_script_the_base_layer_and_the_tiles(client, settings):
    settings.MAP_TILE_URL = "https://tiles.example.org/{z}/{x}/{y}.png"
    settings.MAP_TILE_ATTRIBUTION = "&copy; Example tiles"

    html = client.get(reverse("universities:map")).content.decode()

    config = _json_script(html, "map-config")
    assert config == {
        "tileUrl": "https://tiles.example.org/{z}/{x}/{y}.png",
        "attribution": "&copy; Example tiles",
        "base": {
            "url": "/static/data/central_asia.geojson",
            "attribution": "Borders: Natural Earth",
        },
        "countries": [
            {"code": "KZ", "name": "Kazakhstan", "lat": 48.4, "lon": 67.5},
            {"code": "KG", "name": "Kyrgyzstan", "lat": 41.5, "lon": 75.2},
            {"code": "TJ", "name": "Tajikistan", "lat": 38.9, "lon": 72.0},
            {"code": "TM", "name": "Turkmenistan", "lat": 39.3, "lon": 59.0},
            {"code": "UZ", "name": "Uzbekistan", "lat": 42.2, "lon": 63.3},
        ],
        "texts": {"zoomIn": "Zoom in", "zoomOut": "Zoom out", "close": "Close"},
    }
    assert '<div id="university-map"' in html
    assert "static/js/university-map.js" in html


def test_map_without_tiles_still_has_its_base_layer(settings):
    settings.MAP_TILE_URL = ""

    config = map_config()

    assert (config["tileUrl"], config["attribution"]) == ("", "")
    assert config["base"] == {
        "url": "/static/data/central_asia.geojson",
        "attribution": "Borders: Natural Earth",
    }


def test_map_config_names_the_default_tile_attribution_as_set():
    assert map_config()["attribution"] == settings.MAP_TILE_ATTRIBUTION


def test_base_layer_is_a_static_file_of_the_project():
    assert Path(finders.find(MAP_BASE_LAYER)) == BASE_LAYER_FILE


def test_base_layer_is_small():
    assert BASE_LAYER_FILE.stat().st_size < 300 * 1024


def test_base_layer_holds_the_five_countries_as_polygons():
    data = json.loads(BASE_LAYER_FILE.read_text(encoding="utf-8"))

    assert data["type"] == "FeatureCollection"
    assert sorted(f["properties"]["iso_a2"] for f in data["features"]) == sorted(CENTRAL_ASIA)
    assert {f["geometry"]["type"] for f in data["features"]} <= {"Polygon", "MultiPolygon"}


def _inside(point, ring):
    """Whether ``point`` (lon, lat) is inside ``ring``, by counting crossed edges."""
    x, y = point
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def test_country_names_are_written_inside_their_outlines():
    data = json.loads(BASE_LAYER_FILE.read_text(encoding="utf-8"))
    inside = {}
    for feature in data["features"]:
        geometry = feature["geometry"]
        polygons = geometry["coordinates"]
        if geometry["type"] == "Polygon":
            polygons = [polygons]
        code = feature["properties"]["iso_a2"]
        lat, lon = COUNTRY_LABEL_POINTS[code]
        inside[code] = any(
            _inside((lon, lat), outer) and not any(_inside((lon, lat), hole) for hole in holes)
            for outer, *holes in polygons
        )

    assert inside == dict.fromkeys(CENTRAL_ASIA, True)
