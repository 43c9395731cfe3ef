"""The reminders still to be sent move from events' own delivery table to the outbox,
with the keys, topics and expiries that ``events.reminders`` gives them."""

from datetime import timedelta

from django.db import migrations
from django.utils import timezone

FOLLOW_UP_OFFSET = -1
FOLLOW_UP_WINDOW = timedelta(days=14)
STILL_TO_SEND = ["scheduled", "failed"]


def _row(outbox_message, delivery):
    registration = delivery.registration
    event = registration.event
    follow_up = delivery.offset_minutes == FOLLOW_UP_OFFSET
    context = {"registration_id": registration.pk}
    if follow_up:
        template, key = "events/email/follow_up", f"follow-up:{registration.pk}"
        expires = delivery.due_at + FOLLOW_UP_WINDOW
    else:
        template = "events/email/reminder"
        key = f"reminder:{registration.pk}:{delivery.offset_minutes}"
        context["offset"] = delivery.offset_minutes
        expires = event.start
    return outbox_message(
        key=key,
        template=template,
        recipient_id=registration.user_id,
        context=context,
        topic=f"event:{event.pk}:registration:{registration.pk}",
        due_at=delivery.due_at,
        expires_at=expires,
    )


def forwards(apps, schema_editor):
    delivery = apps.get_model("events", "ReminderDelivery")
    outbox_message = apps.get_model("core", "OutboxMessage")
    now = timezone.now()
    pending = (
        delivery.objects.filter(
            state__in=STILL_TO_SEND,
            registration__status="confirmed",
            registration__user__is_active=True,
        )
        .exclude(registration__user__email="")
        .select_related("registration__event")
    )
    rows = [
        _row(outbox_message, d)
        for d in pending.iterator(chunk_size=2000)
        if d.offset_minutes == FOLLOW_UP_OFFSET or d.registration.event.start > now
    ]
    outbox_message.objects.bulk_create(rows, batch_size=2000, ignore_conflicts=True)


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0004_archive_protect_slides"),
        ("core", "0001_outbox"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop, elidable=True)]
