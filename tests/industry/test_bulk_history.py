from datetime import timedelta

import pytest
from django.utils import timezone

from industry.models import SkillNeed
from industry.services import needs_close_expired

pytestmark = pytest.mark.django_db


def test_closing_expired_needs_writes_their_change_records(make_need):
    need = make_need(needed_by=timezone.localdate() - timedelta(days=1))
    before = need.history.count()

    assert needs_close_expired() == 1

    latest = need.history.order_by("-history_id").first()
    assert need.history.count() == before + 1
    assert (latest.status, latest.history_user) == (SkillNeed.Status.CLOSED, None)
