from datetime import timedelta

import pytest
from django.utils import timezone

from events.models import Event


@pytest.fixture
def make_event(db):
    def make(title="Green hydrogen webinar", **values):
        start = values.pop("start", timezone.now() + timedelta(days=3))
        defaults = {
            "kind": Event.Kind.WEBINAR,
            "format": Event.Format.ONLINE,
            "start": start,
            "end": start + timedelta(hours=1),
            "time_zone": "Asia/Almaty",
            "status": Event.Status.PUBLISHED,
            "join_url": "https://meet.example.org/secret-room",
        }
        defaults.update(values)
        return Event.objects.create(title_en=title, **defaults)

    return make


@pytest.fixture
def login(client, request):
    def as_role(role):
        if role != "anonymous":
            client.force_login(request.getfixturevalue(role))
        return client

    return as_role
