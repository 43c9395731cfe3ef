"""Every event e-mail is built by core.emails: a text and an HTML part, in the
recipient's language and time zone."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.utils import timezone

from accounts.models import MembershipStatus
from events import emails, reminders, services
from events.models import RotationMember
from tests.factories import UniversityFactory, UniversityMembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def _html(message):
    ((html, mimetype),) = message.alternatives
    assert mimetype == "text/html"
    return html


@pytest.fixture
def conference(db):
    """Satbayev (Kazakhstan) hosts: the draft conference starts at 9:00 in Almaty."""
    university = UniversityFactory(name_en="Satbayev University", country="KZ")
    member = RotationMember.objects.create(university=university, position=1)
    return member


def test_hosting_email_shows_the_start_in_the_recipients_time_zone(
    conference, django_capture_on_commit_callbacks
):
    in_bishkek = UniversityMembershipFactory(
        university=conference.university, user__time_zone="Asia/Bishkek"
    ).user
    start = date(timezone.now().year + 1, 3, 10)
    with django_capture_on_commit_callbacks(execute=True):
        event = services.rotation_confirm(
            member=conference, cycle=1, start=start, days=2, attendance=None
        )
    assert event.start == datetime(start.year, 3, 10, 9, 0, tzinfo=ZoneInfo("Asia/Almaty"))
    (message,) = mail.outbox
    assert message.to == [in_bishkek.email]
    # 9:00 in Almaty (UTC+5) is 10:00 in Bishkek (UTC+6), and 4:00 UTC.
    when = f"When: March 10, {start.year}, 10 a.m. (Asia/Bishkek)"
    assert when in message.body
    assert when in _html(message)
    assert "4 a.m." not in message.body


def test_hosting_email_goes_to_the_hosts_active_editing_staff_only(conference):
    university = conference.university
    staff = UniversityMembershipFactory(university=university).user
    UniversityMembershipFactory(university=university, status=MembershipStatus.PENDING)
    UniversityMembershipFactory(university=university, user__is_active=False)
    UniversityMembershipFactory()  # another university's
    event = services.rotation_confirm(
        member=conference, cycle=1, start=date.today() + timedelta(days=90), days=1,
        attendance=None,
    )  # fmt: skip
    assert emails.hosting_send(event) == 1
    assert [m.to for m in mail.outbox] == [[staff.email]]
    assert "Satbayev University hosts the regional conference" in mail.outbox[0].subject


def test_registration_email_has_an_html_part_and_the_ics(make_event, student):
    event = make_event()
    registration = services.registration_create(event=event, user=student, mode="online")
    assert emails.registration_send(registration) == 1
    (message,) = mail.outbox
    html = _html(message)
    assert "Your registration is confirmed." in html
    assert "secret-room" in html
    assert html.count("Hello") == 1  # the greeting of the base, not repeated
    assert f"http://testserver{event.get_absolute_url()}" in html
    assert [a[0] for a in message.attachments] == ["event.ics"]


def test_waitlisted_registrant_gets_no_join_link(make_event):
    event = make_event(capacity_online=1)
    first, second = UserFactory.create_batch(2)
    services.registration_create(event=event, user=first, mode="online")
    waiting = services.registration_create(event=event, user=second, mode="online")
    emails.registration_send(waiting)
    (message,) = mail.outbox
    assert "waiting list" in message.subject
    assert "secret-room" not in message.body
    assert "secret-room" not in _html(message)
    assert b"secret-room" not in message.attachments[0][1].encode()


def test_no_email_for_a_cancelled_registration(make_event, student):
    registration = services.registration_create(event=make_event(), user=student, mode="online")
    services.registration_cancel(registration=registration)
    registration.refresh_from_db()
    assert emails.registration_send(registration) == 0
    assert mail.outbox == []


def test_change_email_is_in_each_registrants_language(make_event):
    event = make_event()
    english, russian = UserFactory.create_batch(2)
    russian.preferred_language = "ru"
    russian.save()
    for user in (english, russian):
        services.registration_create(event=event, user=user, mode="online")
    assert emails.change_send(event, change="cancelled") == 2
    by_recipient = {m.to[0]: m for m in mail.outbox}
    assert by_recipient[english.email].subject == "Cancelled: Green hydrogen webinar"
    assert by_recipient[russian.email].subject == "Мероприятие отменено: «Green hydrogen webinar»"
    assert "We are sorry: this event has been cancelled." in _html(by_recipient[english.email])
    assert "К сожалению, это мероприятие отменено." in _html(by_recipient[russian.email])


def test_reminder_and_follow_up_have_html_parts(make_event, student):
    event = make_event(recording_url="https://video.example.org/1", summary="Slides soon.")
    registration = services.registration_create(event=event, user=student, mode="online")
    calendars: emails.Calendars = {}
    reminder = emails.reminder_message(registration, follow_up=False, calendars=calendars)
    follow_up = emails.reminder_message(registration, follow_up=True, calendars=calendars)
    assert "A reminder of the event you registered for:" in _html(reminder)
    assert [a[0] for a in reminder.attachments] == ["event.ics"]
    assert "https://video.example.org/1" in _html(follow_up)
    assert "Slides soon." in _html(follow_up)
    assert follow_up.attachments == []
    assert list(calendars) == [(event.pk, True)]  # one .ics per event, kept for the batch
    assert reminders.FOLLOW_UP_OFFSET in registration.reminders.values_list(
        "offset_minutes", flat=True
    )
