"""Dates and numbers in each interface language's own format."""

from datetime import datetime

from django.utils import formats, translation

MOMENT = datetime(2026, 12, 6, 16, 5)


def _shown(language):
    with translation.override(language):
        return (
            formats.date_format(MOMENT, "DATETIME_FORMAT"),
            formats.number_format(12345.5, 1, use_l10n=True, force_grouping=True),
        )


def test_each_language_writes_dates_and_numbers_its_own_way():
    assert _shown("en") == ("Dec. 6, 2026, 4:05 p.m.", "12,345.5")
    assert _shown("ru") == ("6 декабря 2026 г. 16:05", "12\xa0345,5")
    assert _shown("kk") == ("6 Желтоқсан 2026 ж. 16:05", "12\xa0345,5")
    assert _shown("uz") == ("6-Dekabr, 2026-yil 16:05", "12\xa0345,5")


def test_no_tile_server_adds_no_image_source(monkeypatch):
    import importlib  # noqa: PLC0415 (the settings module is read again under new env)

    import platform_site.settings as site_settings  # noqa: PLC0415

    monkeypatch.setenv("MAP_TILE_URL", "")
    reloaded = importlib.reload(site_settings)
    try:
        assert reloaded.SECURE_CSP["img-src"][1:] == ["data:"]
    finally:
        monkeypatch.delenv("MAP_TILE_URL")
        importlib.reload(site_settings)
