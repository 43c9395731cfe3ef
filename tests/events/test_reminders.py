"""Reminders reach every confirmed registrant exactly once, through the outbox."""

import threading
from datetime import timedelta
from smtplib import SMTPRecipientsRefused

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.db import connection
from django.utils import timezone

from core import outbox
from core.models import OutboxMessage
from events import reminders, services
from events.models import Event, EventSeries, Registration
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


def _flush():
    """Send what is due now (the confirmations) and forget it."""
    outbox.send_due()
    mail.outbox.clear()


def _reminders(**filters):
    return OutboxMessage.objects.filter(template=reminders.REMINDER, **filters)


def _follow_ups(**filters):
    return OutboxMessage.objects.filter(template=reminders.FOLLOW_UP, **filters)


def _hour_before(**filters):
    return _reminders(key__endswith=":60", **filters)


def _due_now(event):
    """Move the event so that its one-hour reminder falls due now."""
    Event.objects.filter(pk=event.pk).update(
        start=timezone.now() + timedelta(minutes=59), end=timezone.now() + timedelta(hours=2)
    )
    _hour_before().update(due_at=timezone.now())


def test_each_due_reminder_is_sent_once(make_event):
    event = make_event()
    users = UserFactory.create_batch(3)
    for user in users:
        _register(event, user)
    _flush()
    _due_now(event)

    assert outbox.send_due().sent == 3
    assert outbox.send_due().sent == 0
    assert sorted(m.to[0] for m in mail.outbox) == sorted(u.email for u in users)
    assert set(_hour_before().values_list("state", flat=True)) == {"sent"}


def test_reminder_is_in_the_registrants_language_and_time_zone(make_event, student):
    student.preferred_language = "ru"
    student.time_zone = "Asia/Tashkent"
    student.save()
    event = make_event(start=timezone.now() + timedelta(days=3))
    _register(event, student)
    _flush()
    _due_now(event)

    outbox.send_due()

    (message,) = mail.outbox
    assert message.subject.startswith("Напоминание")
    assert "UTC+5" in message.body  # the Tashkent zone, named with its offset
    assert "/ru/events/join/" in message.body  # the personal join link, in Russian
    assert message.attachments[0][0] == "event.ics"
    assert message.extra_headers["Message-ID"] == _hour_before().get().message_id


def test_on_site_registrant_gets_the_venue_not_the_link(make_event, university, student):
    event = make_event(format="hybrid", host=university, venue="Hall A")
    _register(event, student, mode="on_site")
    _flush()
    _due_now(event)

    outbox.send_due()

    assert "Hall A" in mail.outbox[0].body
    assert "secret-room" not in mail.outbox[0].body


def test_waitlisted_cancelled_and_unpublished_get_no_reminder(make_event):
    event = make_event(capacity_online=1)
    confirmed, waiting, cancelled = UserFactory.create_batch(3)
    _register(event, confirmed)
    _register(event, waiting)
    other = make_event("Later withdrawn")
    services.registration_cancel(registration=_register(other, cancelled))
    draft = make_event("Draft")
    in_draft = _register(draft, UserFactory())
    Event.objects.filter(pk=draft.pk).update(status="draft")
    _flush()
    _hour_before().update(due_at=timezone.now())

    outbox.send_due()

    assert [m.to for m in mail.outbox] == [[confirmed.email]]
    assert not _reminders(recipient=waiting).exists()  # never scheduled
    assert not _reminders(recipient=cancelled).exists()  # withdrawn
    assert _hour_before(topic=reminders.topic(in_draft)).get().state == "dropped"


def test_reminder_of_an_event_that_started_is_not_sent(make_event, student):
    event = make_event()
    _register(event, student)
    _flush()
    Event.objects.filter(pk=event.pk).update(start=timezone.now() - timedelta(minutes=5))
    _reminders().update(due_at=timezone.now() - timedelta(minutes=10))

    assert outbox.send_due().sent == 0
    assert mail.outbox == []
    assert set(_reminders().values_list("state", flat=True)) == {"dropped"}


def test_reminder_past_the_events_start_expires_unsent(make_event, student):
    event = make_event()
    _register(event, student)
    _flush()
    _reminders().update(
        due_at=timezone.now() - timedelta(hours=2), expires_at=timezone.now() - timedelta(hours=1)
    )

    assert outbox.send_due().sent == 0
    assert set(_reminders().values_list("state", "last_error")) == {
        ("dropped", "expired before it could be sent")
    }


def test_a_reminder_hours_late_is_not_sent(make_event, student):
    event = make_event()
    _register(event, student)
    _flush()
    # The day-before reminder was not sent: it is now seven hours late.
    Event.objects.filter(pk=event.pk).update(start=timezone.now() + timedelta(hours=17))
    _reminders(key__endswith=":1440").update(due_at=timezone.now())

    assert outbox.send_due().dropped == 1
    assert mail.outbox == []


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
    _flush()
    _due_now(event)
    settings.MAILERS = {"default": {"BACKEND": "tests.events.test_reminders.FlakyBackend"}}
    FlakyBackend.failures = 1

    assert outbox.send_due().retried == 1
    row = _hour_before().get()
    assert (row.state, row.attempts, row.due_at > timezone.now()) == ("pending", 1, True)
    assert mail.outbox == []
    assert outbox.send_due().sent == 0  # not yet due again: backoff
    _hour_before().update(due_at=timezone.now())
    assert outbox.send_due().sent == 1
    assert outbox.send_due().sent == 0

    (message,) = mail.outbox
    row.refresh_from_db()
    assert (row.state, row.attempts) == ("sent", 2)
    assert message.extra_headers["Message-ID"] == row.message_id


def test_follow_up_waits_for_the_materials(make_event, student, django_capture_on_commit_callbacks):
    event = make_event()
    _register(event, student)
    _flush()
    Event.objects.filter(pk=event.pk).update(
        start=timezone.now() - timedelta(hours=5), end=timezone.now() - timedelta(hours=4)
    )
    _follow_ups().update(due_at=timezone.now() - timedelta(hours=1))

    assert outbox.send_due().deferred == 1
    assert mail.outbox == []
    row = _follow_ups().get()
    assert (row.state, row.attempts) == ("pending", 0)
    assert row.due_at - timezone.now() > reminders.FOLLOW_UP_RECHECK - timedelta(minutes=1)

    event.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        services.event_logistics_save(
            event=event, values={"recording_url": "https://video.example.org/1"}
        )
    assert [m.subject for m in mail.outbox] == ["Materials of Green hydrogen webinar"]


def test_a_follow_up_still_without_materials_after_its_window_is_dropped(make_event, student):
    event = make_event()
    _register(event, student)
    row = _follow_ups().get()
    assert row.expires_at - row.due_at == reminders.FOLLOW_UP_WINDOW
    later = timezone.now() + timedelta(minutes=1)
    _follow_ups().update(due_at=later - timedelta(days=15), expires_at=later - timedelta(days=1))

    outbox.send_due()

    assert _follow_ups().get().state == "dropped"
    assert [m.subject for m in mail.outbox] == ["You are registered: Green hydrogen webinar"]


def test_reschedule_moves_reminders_and_tells_registrants(
    client, coordinator, make_event, student, django_capture_on_commit_callbacks
):
    event = make_event()
    _register(event, student)
    _flush()
    before = _hour_before().get()
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
    after = _hour_before().get()
    event.refresh_from_db()
    assert (after.due_at - before.due_at).total_seconds() == pytest.approx(86400, abs=60)
    assert (after.key, after.expires_at) == (before.key, event.start)
    assert [m.subject for m in mail.outbox] == ["New time: Green hydrogen webinar"]
    assert event.sequence == 1


def test_cancelling_stops_reminders_and_tells_registrants(
    client, coordinator, make_event, student, django_capture_on_commit_callbacks
):
    event = make_event()
    _register(event, student)
    _flush()
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/events/{event.pk}/cancel/")
    assert [m.subject for m in mail.outbox] == ["Cancelled: Green hydrogen webinar"]
    assert not OutboxMessage.objects.filter(
        topic__startswith=reminders.event_prefix(event), state="pending"
    ).exists()


def test_cancelling_a_registration_withdraws_only_its_reminders(make_event):
    event = make_event()
    kept, dropped = (_register(event, user) for user in UserFactory.create_batch(2))
    _reminders(topic=reminders.topic(dropped), key__endswith=":1440").update(state="sent")

    services.registration_cancel(registration=dropped)

    assert _reminders(topic=reminders.topic(kept)).count() == 2
    assert _follow_ups(topic=reminders.topic(kept)).count() == 1
    assert list(
        OutboxMessage.objects.filter(topic=reminders.topic(dropped)).values_list("state", flat=True)
    ) == ["sent"]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_senders_at_once_claim_disjoint_reminders(make_event):
    event = make_event()
    for user in UserFactory.create_batch(40):
        _register(event, user)
    OutboxMessage.objects.all().update(state="sent")  # the confirmations
    _hour_before().update(state="pending", due_at=timezone.now())
    Event.objects.filter(pk=event.pk).update(start=timezone.now() + timedelta(minutes=30))
    barrier = threading.Barrier(2)
    claims = []

    def claim(worker):
        barrier.wait()
        claims.append(outbox.claim(worker=worker, limit=100))
        connection.close()

    threads = [threading.Thread(target=claim, args=(f"worker-{n}",)) for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    first, second = (set(c) for c in claims)
    assert first.isdisjoint(second)
    assert len(first | second) == 40


def test_after_an_outage_the_sender_sends_what_is_still_due_and_skips_started_events(
    make_event,
):
    later = make_event("Later today", start=timezone.now() + timedelta(hours=3))
    started = make_event("Already started", start=timezone.now() + timedelta(hours=3))
    waiting, late = UserFactory.create_batch(2)
    _register(later, waiting)
    _register(started, late)
    _flush()
    # The workers were down for two hours: reminders fell due and nobody sent them.
    _hour_before().update(due_at=timezone.now() - timedelta(hours=2))
    Event.objects.filter(pk=started.pk).update(start=timezone.now() - timedelta(minutes=10))

    outbox.send_due()

    assert [m.to for m in mail.outbox] == [[waiting.email]]
    states = dict(_hour_before().values_list("recipient__email", "state"))
    assert states == {waiting.email: "sent", late.email: "dropped"}


# --- The rules of events/reminders.py, one by one -----------------------------


def test_offsets_are_the_events_then_the_series_then_the_defaults(make_event):
    series = EventSeries.objects.create(name_en="Webinars", slug="webinars", reminder_offsets=[30])
    assert reminders.offsets(make_event(reminder_offsets=[120, 10])) == [120, 10]
    assert reminders.offsets(make_event(series=series)) == [30]
    assert reminders.offsets(make_event()) == [1440, 60]


def test_due_at_is_before_the_start_and_the_follow_up_after_the_end(make_event):
    event = make_event()
    assert reminders.due_at(event, 60) == event.start - timedelta(minutes=60)
    assert reminders.follow_up_due_at(event) == event.end + timedelta(hours=2)


def test_keys_and_topics_name_the_registration_and_the_offset(make_event, student):
    event = make_event()
    registration = _register(event, student)
    rows = OutboxMessage.objects.filter(topic__startswith=f"event:{event.pk}:")
    assert sorted(rows.values_list("key", "topic", "expires_at")) == sorted(
        [
            (f"reminder:{registration.pk}:1440", reminders.topic(registration), event.start),
            (f"reminder:{registration.pk}:60", reminders.topic(registration), event.start),
            (
                f"follow-up:{registration.pk}",
                reminders.topic(registration),
                event.end + reminders.FOLLOW_UP_DELAY + reminders.FOLLOW_UP_WINDOW,
            ),
        ]
    )
    assert reminders.topic(registration) == f"event:{event.pk}:registration:{registration.pk}"


def test_schedule_makes_only_the_reminders_ahead_once(make_event, student):
    event = make_event(start=timezone.now() + timedelta(hours=3))
    registration = _register(event, student)
    assert reminders.schedule(registration) == 0  # again: nothing new
    keys = OutboxMessage.objects.filter(topic=reminders.topic(registration)).values_list(
        "key", flat=True
    )
    assert sorted(keys) == [f"follow-up:{registration.pk}", f"reminder:{registration.pk}:60"]


def test_reschedule_moves_what_is_not_yet_sent(make_event, student):
    event = make_event()
    registration = _register(event, student)
    _reminders(key__endswith=":1440").update(state="sent")
    sent_due = _reminders(key__endswith=":1440").get().due_at
    Event.objects.filter(pk=event.pk).update(
        start=event.start + timedelta(days=1), end=event.end + timedelta(days=1)
    )
    event.refresh_from_db()

    assert reminders.reschedule(event) == 2

    due = dict(
        OutboxMessage.objects.filter(topic=reminders.topic(registration)).values_list(
            "key", "due_at"
        )
    )
    assert due == {
        f"reminder:{registration.pk}:1440": sent_due,
        f"reminder:{registration.pk}:60": event.start - timedelta(hours=1),
        f"follow-up:{registration.pk}": event.end + timedelta(hours=2),
    }


def test_a_registration_confirmed_again_gets_its_reminders_again(make_event, student):
    event = make_event()
    registration = _register(event, student)
    services.registration_cancel(registration=registration)
    assert not OutboxMessage.objects.filter(topic=reminders.topic(registration)).exists()

    _register(event, student)

    assert OutboxMessage.objects.filter(topic=reminders.topic(registration)).count() == 3


def test_enqueue_many_makes_a_burst_due_at_once(make_event):
    event = make_event()
    registrations = Registration.objects.bulk_create(
        [
            Registration(event=event, user=user, mode="online", status="confirmed")
            for user in UserFactory.create_batch(3)
        ]
    )
    now = timezone.now()
    assert reminders.enqueue_many(registrations, offset=60, due=now) == 3
    assert reminders.enqueue_many(registrations, offset=60, due=now) == 0
    assert list(_reminders().values_list("due_at", flat=True)) == [now] * 3


def test_materials_posted_before_the_end_do_not_bring_the_follow_up_forward(make_event, student):
    event = make_event()
    _register(event, student)
    services.event_logistics_save(event=event, values={"summary_en": "Notes"})
    assert _follow_ups().get().due_at == event.end + reminders.FOLLOW_UP_DELAY


def test_a_batch_of_reminders_reads_its_registrations_in_one_query(make_event):
    event = make_event()
    users = UserFactory.create_batch(4)
    for user in users:
        _register(event, user)
    _flush()
    _due_now(event)
    # One of them cancels after the batch is claimed: the batch's read sees it.
    ids = outbox.claim(worker="test", limit=10)
    Registration.objects.filter(user=users[0]).update(status=Registration.Status.CANCELLED)

    registration_reads = []

    def count(execute, sql, params, many, context):
        if sql.startswith("SELECT") and '"events_registration"."id"' in sql.split("FROM")[0]:
            registration_reads.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        result = outbox.send_claimed(ids, worker="test")

    assert result.sent == 3
    assert len(registration_reads) == 1
    assert sorted(m.to[0] for m in mail.outbox) == sorted(u.email for u in users[1:])
    assert _hour_before(recipient=users[0]).get().state == "dropped"
