"""Time zones: the browser's cookie, the zones offered and a zone's name for people."""

from datetime import UTC, date, datetime

import pytest
from django.template import Context, Template
from django.utils import translation

from core.timezones import (
    FIRST_ZONES,
    browser_zone,
    offset_label,
    zone_choices,
    zone_label,
    zone_or_none,
    zone_values,
)

JANUARY = datetime(2027, 1, 15, 12, tzinfo=UTC)
JULY = datetime(2027, 7, 15, 12, tzinfo=UTC)


def test_browser_zone_decodes_the_url_encoded_cookie():
    zone = browser_zone("Asia%2FTashkent")
    assert zone is not None
    assert zone.key == "Asia/Tashkent"


@pytest.mark.parametrize(
    "cookie", ["", None, "Mars%2FOlympus_Mons", "..%2F..%2Fetc%2Fpasswd", "Asia/Tashkent" * 20]
)
def test_browser_zone_ignores_what_is_not_an_iana_zone(cookie):
    assert browser_zone(cookie) is None


def test_zone_or_none_accepts_any_iana_zone_and_refuses_paths():
    assert [zone_or_none(name) is not None for name in ("Europe/Zurich", "UTC", "/etc/x")] == [
        True,
        True,
        False,
    ]


def test_the_label_names_the_place_and_its_offset_in_english():
    with translation.override("en"):
        assert zone_label("Asia/Almaty", JANUARY) == "Almaty time, UTC+5"


def test_the_label_names_the_place_and_its_offset_in_russian():
    with translation.override("ru"):
        assert zone_label("Asia/Almaty", JANUARY) == "время Алматы, UTC+5"


def test_geneva_is_utc_plus_one_in_winter_and_plus_two_in_summer():
    with translation.override("en"):
        assert [zone_label("Europe/Zurich", JANUARY), zone_label("Europe/Zurich", JULY)] == [
            "Geneva time, UTC+1",
            "Geneva time, UTC+2",
        ]


def test_a_zone_without_a_translated_name_takes_its_city_and_odd_offsets_their_minutes():
    with translation.override("en"):
        assert [zone_label("America/St_Johns", JANUARY), zone_label("Asia/Kolkata", JULY)] == [
            "St Johns time, UTC-3:30",
            "India time, UTC+5:30",
        ]


def test_utc_is_just_utc_and_an_unknown_name_is_shown_as_given():
    assert [zone_label("UTC", JULY), zone_label("Mars/Olympus_Mons", JULY)] == [
        "UTC",
        "Mars/Olympus_Mons",
    ]


def test_offset_label_of_zero_is_utc():
    assert offset_label(UTC, JULY) == "UTC"


def test_the_region_geneva_and_utc_come_first_then_every_other_zone_by_area():
    with translation.override("en"):
        choices = zone_choices()
    first_group, first_options = choices[0]
    assert (first_group, [value for value, _ in first_options]) == (
        "Central Asia, Geneva and UTC",
        ["Asia/Almaty", "Asia/Tashkent", "Asia/Bishkek", "Asia/Dushanbe", "Asia/Ashgabat",
         "Europe/Zurich", "UTC"],
    )  # fmt: skip
    offered = [value for _, options in choices for value, _ in options]
    assert len(offered) == len(set(offered)) == len(zone_values())
    assert set(FIRST_ZONES) | {"Europe/Paris", "America/New_York"} <= set(offered)
    europe = dict(choices)["Europe"]
    assert [value for value, _ in europe] == sorted(value for value, _ in europe)


def test_the_template_filter_gives_the_label_for_a_moment_or_a_day():
    template = Template("{% load zones %}{{ zone|zone_label:at }} / {{ zone|zone_label:day }}")
    with translation.override("en"):
        rendered = template.render(
            Context({"zone": "Europe/Zurich", "at": JULY, "day": date(2027, 1, 1)})
        )
    assert rendered == "Geneva time, UTC+2 / Geneva time, UTC+1"
