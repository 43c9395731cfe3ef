import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db


def test_a_first_visit_follows_the_browsers_language_once(client):
    response = client.get("/events/", HTTP_ACCEPT_LANGUAGE="ru-RU,ru;q=0.9,en;q=0.5")

    assert (response.status_code, response["Location"]) == (302, "/ru/events/")
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "ru"
    again = client.get("/events/", HTTP_ACCEPT_LANGUAGE="ru-RU,ru;q=0.9")
    assert again.status_code == 200  # the cookie now says what was chosen


def test_an_english_browser_stays_and_a_chosen_language_wins(client):
    assert client.get("/events/", HTTP_ACCEPT_LANGUAGE="en-GB,en").status_code == 200
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert client.get("/events/", HTTP_ACCEPT_LANGUAGE="ru").status_code == 200


def test_a_language_the_site_does_not_offer_is_ignored(client):
    assert client.get("/events/", HTTP_ACCEPT_LANGUAGE="de-DE,de").status_code == 200


def test_addresses_outside_the_language_prefixes_are_left_alone(client):
    assert client.get("/healthz", HTTP_ACCEPT_LANGUAGE="ru").status_code == 200


@pytest.mark.parametrize("path", ["/library/feed/rss/", "/news/feed/atom/", "/events/feed.ics"])
def test_feeds_and_calendars_keep_the_language_of_their_address(client, path):
    response = client.get(path, HTTP_ACCEPT_LANGUAGE="ru-RU,ru")
    assert response.status_code == 200
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies
