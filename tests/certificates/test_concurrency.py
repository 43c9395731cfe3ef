import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from accounts.reference import coordinators_group_create
from certificates import services
from certificates.models import Certificate
from core.models import OutboxMessage
from events.models import Event, Registration
from tests.factories import CoordinatorFactory, UniversityFactory, UserFactory


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_coordinators_issuing_at_once_issue_each_certificate_once():
    coordinators_group_create()  # a reference row of the migrations, gone with a flush
    start = timezone.now() - timedelta(days=1)
    event = Event.objects.create(
        title_en="Grid storage training",
        kind=Event.Kind.TRAINING,
        format=Event.Format.ONLINE,
        start=start,
        end=start + timedelta(hours=2),
        host=UniversityFactory(),
        status=Event.Status.PUBLISHED,
        certificate_rule=Event.CertificateRule.ATTENDED,
    )
    for _ in range(5):
        Registration.objects.create(
            event=event,
            user=UserFactory(),
            mode=Registration.Mode.ONLINE,
            status=Registration.Status.CONFIRMED,
            joined_at=start,
        )
    coordinators = [CoordinatorFactory() for _ in range(4)]
    issued: list[int] = []
    barrier = threading.Barrier(len(coordinators))

    def issue(coordinator):
        barrier.wait()
        issued.append(services.certificates_issue(event=event, actor=coordinator))
        connection.close()

    threads = [threading.Thread(target=issue, args=(c,)) for c in coordinators]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(issued) == [0, 0, 0, 5]
    assert Certificate.objects.count() == 5
    assert OutboxMessage.objects.filter(key__startswith="certificate:").count() == 5
