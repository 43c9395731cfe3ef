"""The record of the weekly digests already sent moves from industry's own delivery
table to the outbox, as sent rows under the keys ``industry.notifications`` gives
digests, so that a run again for a week already sent e-mails nobody twice. Only the
recent weeks matter: a digest is never enqueued for an older week."""

from datetime import timedelta

from django.db import migrations
from django.utils import timezone

RECENT = timedelta(days=21)
EDITING_ROLES = ["editor", "admin"]


def forwards(apps, schema_editor):
    delivery = apps.get_model("industry", "DigestDelivery")
    membership = apps.get_model("universities", "UniversityMembership")
    outbox_message = apps.get_model("core", "OutboxMessage")
    recent = delivery.objects.filter(week__gte=timezone.localdate() - RECENT)
    rows = []
    for sent in recent.iterator():
        staff = membership.objects.filter(
            university_id=sent.university_id,
            status="approved",
            role__in=EDITING_ROLES,
            user__is_active=True,
            user__needs_digest=True,
        ).values_list("user_id", flat=True)
        for user_id in staff:
            rows.append(
                outbox_message(
                    key=f"industry.digest:{sent.university_id}:{sent.week.isoformat()}:{user_id}",
                    template="industry/email/digest",
                    recipient_id=user_id,
                    context={
                        "university": {"__row__": "universities.university", "pk": sent.university_id},
                        "week": {"__date__": sent.week.isoformat()},
                    },
                    topic=f"industry.digest:{sent.university_id}",
                    due_at=sent.sent_at,
                    state="sent",
                    sent_at=sent.sent_at,
                )
            )
    outbox_message.objects.bulk_create(rows, batch_size=2000, ignore_conflicts=True)


class Migration(migrations.Migration):
    dependencies = [
        ("industry", "0003_archive_protect_responses"),
        ("core", "0001_outbox"),
        ("universities", "0005_seed_languages"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop, elidable=True)]
