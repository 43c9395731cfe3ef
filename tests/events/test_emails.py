"""Every event e-mail is built by core.emails: a text and an HTML part, in the
recipient's language and time zone."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts.models import MembershipStatus
from core import outbox
from core.models import OutboxMessage
from events import emails, reminders, services
from events.models import Event, Registration, RotationMember
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
    when = f"When: March 10, {start.year}, 10 a.m. (Bishkek time, UTC+6)"
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
    assert emails.hosting_enqueue(event) == 0  # the service enqueued it, once
    assert outbox.send_due().sent == 1
    assert [m.to for m in mail.outbox] == [[staff.email]]
    assert "Satbayev University hosts the regional conference" in mail.outbox[0].subject


def test_registration_email_has_an_html_part_and_the_ics(make_event, student):
    event = make_event()
    registration = services.registration_create(event=event, user=student, mode="online")
    assert emails.registration_enqueue(registration) == 0  # the service enqueued it, once
    assert outbox.send_due().sent == 1
    (message,) = mail.outbox
    html = _html(message)
    assert "Your registration is confirmed." in html
    # The personal join link, which records the first click, not the room's address.
    assert "http://testserver" + reverse("events:join", args=[registration.code]) in html
    assert "secret-room" not in html
    assert html.count("Hello") == 1  # the greeting of the base, not repeated
    assert f"http://testserver{event.get_absolute_url()}" in html
    assert [a[0] for a in message.attachments] == ["event.ics"]


def test_waitlisted_registrant_gets_no_join_link(make_event):
    event = make_event(capacity_online=1)
    first, second = UserFactory.create_batch(2)
    services.registration_create(event=event, user=first, mode="online")
    waiting = services.registration_create(event=event, user=second, mode="online")
    OutboxMessage.objects.exclude(recipient=waiting.user).delete()
    outbox.send_due()
    (message,) = mail.outbox
    assert "waiting list" in message.subject
    assert "secret-room" not in message.body
    assert "secret-room" not in _html(message)
    assert b"secret-room" not in message.attachments[0][1].encode()


def test_no_email_for_a_cancelled_registration(make_event, student):
    registration = services.registration_create(event=make_event(), user=student, mode="online")
    services.registration_cancel(registration=registration)
    registration.refresh_from_db()
    assert emails.registration_enqueue(registration) == 0
    result = outbox.send_due()  # the confirmation enqueued before: no longer true
    assert (result.sent, result.dropped) == (0, 1)
    assert mail.outbox == []


def test_a_waiting_list_notice_overtaken_by_a_promotion_is_not_sent(make_event):
    event = make_event(capacity_online=1)
    holder, waiting = UserFactory.create_batch(2)
    first = services.registration_create(event=event, user=holder, mode="online")
    services.registration_create(event=event, user=waiting, mode="online")
    services.registration_cancel(registration=first)

    outbox.send_due()

    # The holder's confirmation and the waiting-list notice are both out of date.
    assert [(m.to, m.subject) for m in mail.outbox] == [
        ([waiting.email], "A place is free for you: Green hydrogen webinar")
    ]


def test_registration_email_keys_name_the_registration_and_its_state(make_event, student):
    event = make_event(capacity_online=1)
    registration = services.registration_create(event=event, user=student, mode="online")
    stamp = registration.created_at.strftime("%Y%m%d%H%M%S%f")
    (row,) = OutboxMessage.objects.filter(template=emails.REGISTRATION)
    assert row.key == f"registration:{registration.pk}:{stamp}:confirmed"


def test_no_registration_email_once_the_event_is_cancelled(make_event, student):
    event = make_event()
    services.registration_create(event=event, user=student, mode="online")
    Event.objects.filter(pk=event.pk).update(status=Event.Status.CANCELLED)
    assert outbox.send_due().dropped == 1
    assert mail.outbox == []


def test_change_email_is_in_each_registrants_language(make_event):
    event = make_event()
    english, russian = UserFactory.create_batch(2)
    russian.preferred_language = "ru"
    russian.save()
    for user in (english, russian):
        services.registration_create(event=event, user=user, mode="online")
    OutboxMessage.objects.all().delete()  # the confirmations
    assert emails.change_enqueue(event, change="cancelled") == 2
    assert emails.change_enqueue(event, change="cancelled") == 0  # the same change: once
    outbox.send_due()
    by_recipient = {m.to[0]: m for m in mail.outbox}
    assert by_recipient[english.email].subject == "Cancelled: Green hydrogen webinar"
    assert by_recipient[russian.email].subject == "Мероприятие отменено: «Green hydrogen webinar»"
    assert "We are sorry: this event has been cancelled." in _html(by_recipient[english.email])
    assert "К сожалению, это мероприятие отменено." in _html(by_recipient[russian.email])


def test_change_email_keys_name_the_event_its_sequence_and_the_person(make_event, student):
    event = make_event()
    services.registration_create(event=event, user=student, mode="online")
    services.event_cancel(event=event)
    (row,) = OutboxMessage.objects.filter(template=emails.CHANGE)
    assert row.key == f"event-change:{event.pk}:1:{student.pk}"


def test_no_change_email_to_someone_who_cancelled_since(make_event, student):
    event = make_event()
    registration = services.registration_create(event=event, user=student, mode="online")
    OutboxMessage.objects.all().delete()
    emails.change_enqueue(event, change="rescheduled")
    Registration.objects.filter(pk=registration.pk).update(status="cancelled")
    assert outbox.send_due().dropped == 1


def test_reminder_and_follow_up_have_html_parts(make_event, student):
    event = make_event(recording_url="https://video.example.org/1", summary="Slides soon.")
    registration = services.registration_create(event=event, user=student, mode="online")
    now = timezone.now()
    rows = OutboxMessage.objects.filter(topic=reminders.topic(registration))
    rows.update(due_at=now)
    Event.objects.filter(pk=event.pk).update(
        start=now + timedelta(minutes=59), end=now + timedelta(hours=1)
    )
    rows.filter(key__endswith=":1440").delete()
    outbox.send_due()
    by_subject = {m.subject: m for m in mail.outbox}
    reminder = by_subject["Reminder: Green hydrogen webinar"]
    follow_up = by_subject["Materials of Green hydrogen webinar"]
    assert "A reminder of the event you registered for:" in _html(reminder)
    assert [a[0] for a in reminder.attachments] == ["event.ics"]
    assert "https://video.example.org/1" in _html(follow_up)
    assert "Slides soon." in _html(follow_up)
    assert follow_up.attachments == []


def test_the_calendar_of_an_event_is_built_once_per_language_and_place(make_event, student):
    event = make_event()
    registration = services.registration_create(event=event, user=student, mode="online")
    first = emails.calendar_for(registration, student)
    assert emails.calendar_for(registration, student) is first
    assert b"secret-room" in first.content
    student.preferred_language = "ru"
    assert emails.calendar_for(registration, student) is not first


def test_no_hosting_email_once_the_conference_is_cancelled(conference):
    UniversityMembershipFactory(university=conference.university)
    event = services.rotation_confirm(
        member=conference, cycle=1, start=date.today() + timedelta(days=90), days=1,
        attendance=None,
    )  # fmt: skip
    services.event_cancel(event=event)
    result = outbox.send_due()
    assert (result.sent, result.dropped) == (0, 1)
    assert OutboxMessage.objects.get(template=emails.HOSTING).key.startswith(f"hosting:{event.pk}:")
