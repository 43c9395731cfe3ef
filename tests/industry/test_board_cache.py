"""The needs board as anonymous visitors see it follows closings done in bulk."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from industry import services
from industry.models import SkillNeed

pytestmark = pytest.mark.django_db


def test_a_bulk_update_that_sends_no_signal_still_retires_the_pages(client, make_need):
    need = make_need(title="Battery chemists", needed_by=timezone.localdate() + timedelta(days=9))
    board = reverse("industry:need_list")
    assert "Battery chemists" in client.get(board).content.decode()

    SkillNeed.objects.filter(pk=need.pk).update(needed_by=timezone.localdate() - timedelta(days=1))
    assert services.needs_close_expired() == 1

    assert "Battery chemists" not in Client().get(board).content.decode()
