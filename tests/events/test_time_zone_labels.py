"""Event pages and e-mails name each zone for people, with its offset on the day shown."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from events.forms import EventForm

pytestmark = pytest.mark.django_db
GENEVA = ZoneInfo("Europe/Zurich")


@pytest.fixture
def geneva_event(make_event):
    start = datetime(timezone.now().year + 1, 7, 6, 14, 0, tzinfo=GENEVA)
    return make_event(start=start, end=start + timedelta(hours=2), time_zone="Europe/Zurich")


def test_the_event_page_names_the_events_zone_and_the_visitors(client, student, geneva_event):
    student.time_zone = "Asia/Almaty"
    student.save()
    client.force_login(student)
    page = client.get(geneva_event.get_absolute_url()).content.decode()
    assert "Geneva time, UTC+2" in page  # July
    assert "(Almaty time, UTC+5)" in page
    assert "Europe/Zurich" not in page


def test_my_events_names_the_zone(client, student, geneva_event):
    client.force_login(student)
    client.post(reverse("events:register", args=[geneva_event.pk]), {"mode": "online"})
    page = client.get(reverse("events:mine")).content.decode()
    assert "Geneva time, UTC+2" in page


def test_the_registration_email_names_both_zones(
    client, student, geneva_event, django_capture_on_commit_callbacks
):
    student.time_zone = "Asia/Tashkent"
    student.save()
    client.force_login(student)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("events:register", args=[geneva_event.pk]), {"mode": "online"})
    (message,) = mail.outbox
    assert "(Tashkent time, UTC+5)" in message.body
    assert "(Geneva time, UTC+2)" in message.body


def test_an_event_can_be_scheduled_in_any_iana_zone(make_event):
    event = make_event(time_zone="America/New_York")
    event.full_clean()
    assert EventForm._zone("America/New_York") == ZoneInfo("America/New_York")


def test_the_deadline_names_the_visitors_zone_and_the_agenda_the_events(client, make_event):
    start = datetime(timezone.now().year + 1, 1, 12, 9, 0, tzinfo=GENEVA)
    event = make_event(
        start=start,
        end=start + timedelta(hours=3),
        time_zone="Europe/Zurich",
        registration_deadline=start - timedelta(days=2),
    )
    event.agenda.create(title="Opening", starts_at=start)
    client.cookies["tz"] = "Asia%2FBishkek"
    page = client.get(event.get_absolute_url()).content.decode()
    assert "(Bishkek time, UTC+6)</span></p>" in page  # the deadline, in the visitor's zone
    assert "All times: Geneva time, UTC+1." in page  # the agenda, in January


def test_history_and_audit_pages_name_the_readers_zone(client, coordinator, make_event):
    coordinator.time_zone = "Europe/Zurich"
    coordinator.save()
    client.force_login(coordinator)
    page = client.get(reverse("accounts:audit_log")).content.decode()
    assert "Times in your time zone: Geneva time, UTC+" in page
