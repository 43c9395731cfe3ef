"""Reminders reach every confirmed registrant exactly once."""

import threading
from datetime import timedelta
from smtplib import SMTPRecipientsRefused

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.db import connection
from django.utils import timezone

from accounts.models import User
from events import reminders, services, tasks
from events.models import Event, EventSeries, Registration, ReminderDelivery
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
AGENDA = {
    "agenda-TOTAL_FORMS": "0",
    "agenda-INITIAL_FORMS": "0",
    "agenda-MIN_NUM_FORMS": "0",
    "agenda-MAX_NUM_FORMS": "1000",
}


def _register(event, user, mode="online"):
    return services.registration_create(event=event, user=user, mode=mode)


def _due_now(event):
    """Move the event so that its one-hour reminder falls due now."""
    Event.objects.filter(pk=event.pk).update(
        start=timezone.now() + timedelta(minutes=59), end=timezone.now() + timedelta(hours=2)
    )
    ReminderDelivery.objects.filter(offset_minutes=60).update(due_at=timezone.now())


def test_sweep_sends_each_due_reminder_once(make_event):
    event = make_event()
    users = UserFactory.create_batch(3)
    for user in users:
        _register(event, user)
    mail.outbox.clear()
    _due_now(event)
    assert tasks.sweep_reminders() == 3
    assert tasks.sweep_reminders() == 0
    assert sorted(m.to[0] for m in mail.outbox) == sorted(u.email for u in users)
    assert set(
        ReminderDelivery.objects.filter(offset_minutes=60).values_list("state", flat=True)
    ) == {"sent"}


def test_reminder_is_in_the_registrants_language_and_time_zone(make_event, student):
    student.preferred_language = "ru"
    student.time_zone = "Asia/Tashkent"
    student.save()
    event = make_event(start=timezone.now() + timedelta(days=3))
    _register(event, student)
    mail.outbox.clear()
    _due_now(event)
    tasks.sweep_reminders()
    (message,) = mail.outbox
    assert message.subject.startswith("Напоминание")
    assert "Asia/Tashkent" in message.body
    assert "secret-room" in message.body
    assert message.attachments[0][0] == "event.ics"


def test_on_site_registrant_gets_the_venue_not_the_link(make_event, university, student):
    event = make_event(format="hybrid", host=university, venue="Hall A")
    _register(event, student, mode="on_site")
    mail.outbox.clear()
    _due_now(event)
    tasks.sweep_reminders()
    assert "Hall A" in mail.outbox[0].body
    assert "secret-room" not in mail.outbox[0].body


def test_waitlisted_cancelled_and_unpublished_get_no_reminder(make_event):
    event = make_event(capacity_online=1)
    confirmed, waiting = UserFactory.create_batch(2)
    _register(event, confirmed)
    _register(event, waiting)
    other = make_event("Draft")
    _register(other, UserFactory())
    Event.objects.filter(pk=other.pk).update(status="draft")
    mail.outbox.clear()
    ReminderDelivery.objects.filter(offset_minutes=60).update(due_at=timezone.now())
    tasks.sweep_reminders()
    assert [m.to for m in mail.outbox] == [[confirmed.email]]


def test_reminder_of_an_event_that_started_is_missed_not_sent(make_event, student):
    event = make_event()
    _register(event, student)
    mail.outbox.clear()
    Event.objects.filter(pk=event.pk).update(start=timezone.now() - timedelta(minutes=5))
    ReminderDelivery.objects.filter(offset_minutes__gte=0).update(
        due_at=timezone.now() - timedelta(minutes=10)
    )
    assert tasks.sweep_reminders() == 0
    assert mail.outbox == []
    assert set(
        ReminderDelivery.objects.filter(offset_minutes__gte=0).values_list("state", flat=True)
    ) == {"missed"}


class FlakyBackend(EmailBackend):
    """Refuses the first message it is given, then works: a passing SMTP fault."""

    failures = 1

    def send_messages(self, messages):
        if FlakyBackend.failures:
            FlakyBackend.failures -= 1
            raise SMTPRecipientsRefused({})
        return super().send_messages(messages)


def test_failed_send_is_retried_later_and_never_duplicated(settings, make_event, student):
    event = make_event()
    _register(event, student)
    mail.outbox.clear()
    _due_now(event)
    settings.MAILERS = {"default": {"BACKEND": "tests.events.test_reminders.FlakyBackend"}}
    FlakyBackend.failures = 1
    tasks.sweep_reminders()
    delivery = ReminderDelivery.objects.get(offset_minutes=60)
    assert (delivery.state, delivery.attempts) == ("failed", 1)
    assert mail.outbox == []
    tasks.sweep_reminders()  # not yet due again: backoff
    assert mail.outbox == []
    ReminderDelivery.objects.filter(pk=delivery.pk).update(due_at=timezone.now())
    tasks.sweep_reminders()
    tasks.sweep_reminders()
    assert len(mail.outbox) == 1
    assert ReminderDelivery.objects.get(pk=delivery.pk).state == "sent"


def test_follow_up_waits_for_the_materials(make_event, student):
    event = make_event()
    _register(event, student)
    Event.objects.filter(pk=event.pk).update(
        start=timezone.now() - timedelta(hours=5), end=timezone.now() - timedelta(hours=4)
    )
    ReminderDelivery.objects.update(due_at=timezone.now() - timedelta(hours=1))
    mail.outbox.clear()
    tasks.sweep_reminders()
    assert mail.outbox == []
    Event.objects.filter(pk=event.pk).update(recording_url="https://video.example.org/1")
    tasks.sweep_reminders()
    assert [m.subject for m in mail.outbox] == ["Materials of Green hydrogen webinar"]


def test_reschedule_moves_reminders_and_tells_registrants(
    client, coordinator, make_event, student, django_capture_on_commit_callbacks
):
    event = make_event()
    _register(event, student)
    before = ReminderDelivery.objects.get(offset_minutes=60).due_at
    mail.outbox.clear()
    client.force_login(coordinator)
    new_start = (
        timezone.localtime(event.start, timezone.get_fixed_timezone(300)) + timedelta(days=1)
    ).replace(tzinfo=None)
    data = {
        "title_en": event.title_en, "kind": "webinar", "format": "online",
        "time_zone": "Asia/Almaty",
        "start": new_start.strftime("%Y-%m-%dT%H:%M"),
        "end": (new_start + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
        "join_url": event.join_url,
        **AGENDA,
    }  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/events/{event.pk}/edit/", data)
    assert response.status_code == 302
    after = ReminderDelivery.objects.get(offset_minutes=60).due_at
    assert (after - before).total_seconds() == pytest.approx(86400, abs=60)
    assert [m.subject for m in mail.outbox] == ["New time: Green hydrogen webinar"]
    event.refresh_from_db()
    assert event.sequence == 1


def test_cancelling_stops_reminders_and_tells_registrants(
    client, coordinator, make_event, student, django_capture_on_commit_callbacks
):
    event = make_event()
    _register(event, student)
    mail.outbox.clear()
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/events/{event.pk}/cancel/")
    assert [m.subject for m in mail.outbox] == ["Cancelled: Green hydrogen webinar"]
    assert not ReminderDelivery.objects.filter(state="scheduled").exists()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_sweeps_at_once_claim_disjoint_reminders(make_event):
    event = make_event()
    for user in UserFactory.create_batch(40):
        _register(event, user)
    ReminderDelivery.objects.filter(offset_minutes=60).update(due_at=timezone.now())
    Event.objects.filter(pk=event.pk).update(start=timezone.now() + timedelta(minutes=30))
    barrier = threading.Barrier(2)
    claims = []

    def sweep():
        barrier.wait()
        claims.append(reminders.claim())
        connection.close()

    threads = [threading.Thread(target=sweep) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    first, second = (set(c) for c in claims)
    assert first.isdisjoint(second)
    assert len(first | second) == 40


def test_after_an_outage_the_sweep_sends_what_is_still_due_and_skips_started_events(make_event):
    later = make_event("Later today", start=timezone.now() + timedelta(hours=3))
    started = make_event("Already started", start=timezone.now() + timedelta(hours=3))
    waiting, late = UserFactory.create_batch(2)
    _register(later, waiting)
    _register(started, late)
    mail.outbox.clear()
    # The worker was down for two hours: reminders fell due and nobody sent them.
    ReminderDelivery.objects.filter(offset_minutes=60).update(
        due_at=timezone.now() - timedelta(hours=2)
    )
    Event.objects.filter(pk=started.pk).update(start=timezone.now() - timedelta(minutes=10))
    tasks.sweep_reminders()
    assert [m.to for m in mail.outbox] == [[waiting.email]]
    states = dict(
        ReminderDelivery.objects.filter(offset_minutes=60).values_list(
            "registration__user__email", "state"
        )
    )
    assert states == {waiting.email: "sent", late.email: "missed"}


# --- The rules of events/reminders.py, one by one -----------------------------


def test_offsets_are_the_events_then_the_series_then_the_defaults(make_event):
    series = EventSeries.objects.create(name_en="Webinars", slug="webinars", reminder_offsets=[30])
    assert reminders.offsets(make_event(reminder_offsets=[120, 10])) == [120, 10]
    assert reminders.offsets(make_event(series=series)) == [30]
    assert reminders.offsets(make_event()) == [1440, 60]


def test_due_at_is_before_the_start_and_the_follow_up_after_the_end(make_event):
    event = make_event()
    assert reminders.due_at(event, 60) == event.start - timedelta(minutes=60)
    assert reminders.due_at(event, reminders.FOLLOW_UP_OFFSET) == event.end + timedelta(hours=2)


def test_retry_waits_longer_after_each_failure():
    now = timezone.now()
    assert [reminders.retry_at(n, now) - now for n in (1, 2, 3)] == [
        timedelta(minutes=2),
        timedelta(minutes=4),
        timedelta(minutes=8),
    ]


def test_schedule_makes_only_the_reminders_ahead_once(make_event, student):
    event = make_event(start=timezone.now() + timedelta(hours=3))
    registration = services.registration_create(event=event, user=student, mode="online")
    reminders.schedule(registration)  # again: nothing new
    assert sorted(registration.reminders.values_list("offset_minutes", flat=True)) == [-1, 60]


def test_reschedule_moves_what_is_not_yet_sent(make_event, student):
    event = make_event()
    registration = services.registration_create(event=event, user=student, mode="online")
    registration.reminders.filter(offset_minutes=1440).update(state="sent")
    Event.objects.filter(pk=event.pk).update(
        start=event.start + timedelta(days=1), end=event.end + timedelta(days=1)
    )
    event.refresh_from_db()
    sent_due = registration.reminders.get(offset_minutes=1440).due_at
    reminders.reschedule(event)
    due = dict(registration.reminders.values_list("offset_minutes", "due_at"))
    assert due == {
        1440: sent_due,
        60: event.start - timedelta(hours=1),
        -1: event.end + timedelta(hours=2),
    }


def test_unschedule_drops_one_registrations_reminders_not_yet_sent(make_event):
    event = make_event()
    kept, dropped = (
        services.registration_create(event=event, user=user, mode="online")
        for user in UserFactory.create_batch(2)
    )
    dropped.reminders.filter(offset_minutes=1440).update(state="sent")
    assert reminders.unschedule(event=event, registration=dropped) == 2
    assert kept.reminders.count() == 3
    assert list(dropped.reminders.values_list("state", flat=True)) == ["sent"]


def test_mark_missed_gives_up_on_stuck_claims_and_too_many_failures(make_event, student):
    event = make_event()
    registration = services.registration_create(event=event, user=student, mode="online")
    now = timezone.now()
    deliveries = {d.offset_minutes: d for d in registration.reminders.all()}
    ReminderDelivery.objects.filter(pk=deliveries[1440].pk).update(
        state="sending", claimed_at=now - timedelta(minutes=31)
    )
    ReminderDelivery.objects.filter(pk=deliveries[60].pk).update(
        state="failed", attempts=reminders.MAX_ATTEMPTS
    )
    ReminderDelivery.objects.filter(pk=deliveries[-1].pk).update(
        state="sending", claimed_at=now - timedelta(minutes=29)
    )
    assert reminders.mark_missed(now=now) == 2
    states = dict(registration.reminders.values_list("offset_minutes", "state"))
    assert states == {1440: "missed", 60: "missed", -1: "sending"}


def test_a_follow_up_past_its_window_is_missed(make_event, student):
    event = make_event()
    registration = services.registration_create(event=event, user=student, mode="online")
    follow_up = registration.reminders.get(offset_minutes=reminders.FOLLOW_UP_OFFSET)
    later = follow_up.due_at + reminders.FOLLOW_UP_WINDOW + timedelta(minutes=1)
    reminders.mark_missed(now=later)
    assert registration.reminders.get(pk=follow_up.pk).state == "missed"


def test_claim_switches_due_rows_to_sending(make_event, student):
    event = make_event()
    registration = services.registration_create(event=event, user=student, mode="online")
    now = timezone.now()
    registration.reminders.filter(offset_minutes=60).update(due_at=now)
    (claimed,) = reminders.claim(now=now)
    delivery = ReminderDelivery.objects.get(pk=claimed)
    assert (delivery.offset_minutes, delivery.state, delivery.claimed_at) == (60, "sending", now)
    assert reminders.claim(now=now) == []


def test_sweep_hands_claimed_reminders_over_in_batches(make_event):
    event = make_event()
    users = User.objects.bulk_create(
        [User(email=f"bulk{i}@example.org") for i in range(reminders.BATCH + 1)]
    )
    registrations = Registration.objects.bulk_create(
        [Registration(event=event, user=u, mode="online", status="confirmed") for u in users]
    )
    ReminderDelivery.objects.bulk_create(
        [
            ReminderDelivery(registration=r, offset_minutes=60, due_at=timezone.now())
            for r in registrations
        ]
    )
    batches = []
    assert reminders.sweep(dispatch=batches.append) == reminders.BATCH + 1
    assert [len(batch) for batch in batches] == [reminders.BATCH, 1]
    assert mail.outbox == []  # dispatching is the caller's part


def test_send_batch_sends_only_claimed_rows(make_event, student):
    event = make_event()
    registration = services.registration_create(event=event, user=student, mode="online")
    mail.outbox.clear()
    deliveries = {d.offset_minutes: d.pk for d in registration.reminders.all()}
    ReminderDelivery.objects.filter(pk=deliveries[60]).update(state="sending")
    ReminderDelivery.objects.filter(pk=deliveries[1440]).update(state="sent")
    assert reminders.send_batch(ids=list(deliveries.values())) == 1
    assert reminders.send_batch(ids=list(deliveries.values())) == 0  # queued twice: once
    (message,) = mail.outbox
    assert message.subject == "Reminder: Green hydrogen webinar"
    delivery = ReminderDelivery.objects.get(pk=deliveries[60])
    assert (delivery.state, delivery.attempts, delivery.sent_at is not None) == ("sent", 1, True)


def test_send_one_marks_a_failure_with_its_next_try(make_event, student):
    event = make_event()
    registration = services.registration_create(event=event, user=student, mode="online")
    delivery = registration.reminders.get(offset_minutes=60)
    ReminderDelivery.objects.filter(pk=delivery.pk).update(state="sending", attempts=2)
    delivery.refresh_from_db()
    FlakyBackend.failures = 1
    before = timezone.now()
    sent = reminders.send_one(delivery, mail.EmailMessage(to=["x@example.org"]),
                              connection=FlakyBackend())  # fmt: skip
    delivery.refresh_from_db()
    assert (sent, delivery.state, delivery.attempts) == (0, "failed", 3)
    assert delivery.due_at - before >= timedelta(minutes=8)
    assert delivery.due_at - before < timedelta(minutes=8, seconds=30)
