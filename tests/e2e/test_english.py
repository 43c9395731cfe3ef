"""The check for English left in a page's interface (no browser needed)."""

import pytest

from .english import english_in, english_messages, only_latin_words


@pytest.mark.parametrize(
    ("text", "latin"),
    [
        ("Zoom in", True),
        ("Leaflet | © OpenStreetMap contributors", True),
        ("Вебинар о зелёном водороде", False),
        ("Подписаться (iCalendar)", False),
        ("ECTS", False),
        ("Windows-1251", False),
        ("student-kk@e2e.test", False),
        ("https://meet.example.org/room", False),
        ("https://", False),  # a URL field's placeholder
        ("UTC+5", False),
        ("CA", False),
    ],
)
def test_only_latin_words(text, latin):
    assert only_latin_words(text) == latin


def test_english_messages_leave_out_those_the_language_keeps():
    messages = english_messages("ru")

    assert "Apply" in messages
    assert "Sign In" in messages  # django-allauth's
    assert "This field is required." in messages  # Django's
    assert "CSV" not in messages  # the same in Russian


def test_english_messages_count_those_a_catalogue_lacks():
    # Django's Kazakh catalogue has only an older spelling of this validator's text.
    assert "Your password can’t be entirely numeric." in english_messages("kk")


def test_english_in_a_cyrillic_page_finds_messages_and_latin_lines():
    texts = ["Apply", "Применить", "Zoom in", "ECTS", "Университет Сатпаева", ""]

    assert english_in("ru", texts) == ["Apply", "Zoom in"]
    assert english_in("kk", texts) == ["Apply", "Zoom in"]


def test_english_in_an_uzbek_page_finds_only_messages():
    # Latin words are Uzbek too: only messages count ("Zoom in" is one, the map's).
    assert english_in("uz", ["Apply", "Qoʻllash", "Zoom in", "Toshkent"]) == ["Apply", "Zoom in"]


def test_english_page_is_not_checked():
    assert english_in("en", ["Apply"]) == []
