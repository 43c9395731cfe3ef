"""The zone a visitor sees: the browser's for anonymous visitors, any IANA zone for users."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from events.models import Event

pytestmark = pytest.mark.django_db


@pytest.fixture
def almaty_event(db):
    start = datetime(timezone.now().year + 1, 3, 10, 10, 0, tzinfo=ZoneInfo("Asia/Almaty"))
    return Event.objects.create(
        title_en="Grid codes",
        kind=Event.Kind.WEBINAR,
        format=Event.Format.ONLINE,
        start=start,
        end=start + timedelta(hours=1),
        time_zone="Asia/Almaty",
        status=Event.Status.PUBLISHED,
    )


def test_an_anonymous_visitor_with_an_encoded_browser_zone_sees_tashkent_times(
    client, almaty_event
):
    client.cookies["tz"] = "Asia%2FTashkent"  # as static/js/site.js writes it
    page = client.get(almaty_event.get_absolute_url()).content.decode()
    assert "10 a.m." in page  # the event's own time, in Almaty
    assert "(Tashkent time, UTC+5)" in page  # the visitor's line names Tashkent


def test_an_anonymous_visitor_sees_tashkent_times_on_the_calendar(client, almaty_event):
    client.cookies["tz"] = "Asia%2FTashkent"
    month = almaty_event.start.strftime("%Y-%m")
    page = client.get(reverse("events:calendar"), {"month": month}).content.decode()
    assert "Times in your time zone: Tashkent time, UTC+5." in page


def test_an_invalid_browser_zone_is_ignored(client, almaty_event):
    client.cookies["tz"] = "Mars%2FOlympus_Mons"
    month = almaty_event.start.strftime("%Y-%m")
    page = client.get(reverse("events:calendar"), {"month": month}).content.decode()
    assert "Times in your time zone: UTC." in page


def test_a_user_can_pick_geneva(client, student):
    client.force_login(student)
    response = client.post(
        reverse("accounts:profile"),
        {"full_name": "Anna Meier", "preferred_language": "en", "time_zone": "Europe/Zurich"},
    )
    assert response.status_code == 302
    student.refresh_from_db()
    assert student.time_zone == "Europe/Zurich"


def test_the_profile_offers_the_region_and_geneva_first(client, student):
    client.force_login(student)
    page = client.get(reverse("accounts:profile")).content.decode()
    first = page.index('<optgroup label="Central Asia, Geneva and UTC">')
    assert first < page.index('value="Europe/Zurich"') < page.index('<optgroup label="Africa">')
    assert 'value="Pacific/Auckland"' in page


def test_a_zone_stored_before_any_zone_was_allowed_stays_valid(student):
    student.time_zone = "Asia/Bishkek"
    student.full_clean()
