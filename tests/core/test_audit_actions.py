"""Archives, restores and merges across the apps are in the audit log, with who did them."""

import pytest
from django.urls import reverse

from core.models import AuditEntry
from curricula.models import Skill
from curricula.services import skill_merge
from industry.services import organisation_archive, organisation_restore

pytestmark = pytest.mark.django_db


def test_archiving_and_restoring_an_organisation_is_recorded(organisation):
    organisation_archive(organisation=organisation)
    organisation_restore(organisation=organisation)

    assert list(
        AuditEntry.objects.order_by("pk").values_list("action", "object_type", "object_id")
    ) == [
        ("archived", "industry.organisation", str(organisation.pk)),
        ("restored", "industry.organisation", str(organisation.pk)),
    ]


def test_a_skill_merge_is_recorded_with_the_coordinator(coordinator):
    keep = Skill.objects.create(name_en="operate wind farms", slug="operate-wind-farms")
    gone = Skill.objects.create(name_en="run wind farms", slug="run-wind-farms")

    skill_merge(duplicate=gone, into=keep, by=coordinator)

    entry = AuditEntry.objects.get(action="merged")
    assert (entry.actor, entry.object_repr, entry.details["merged"]) == (
        coordinator,
        str(keep),
        "run-wind-farms",
    )


def test_an_archive_through_the_site_names_who_did_it_and_from_where(
    client, coordinator, university
):
    client.force_login(coordinator)

    response = client.post(reverse("universities:archive", args=[university.slug]))

    assert response.status_code == 302
    entry = AuditEntry.objects.get(action="archived")
    assert (entry.actor, entry.path, entry.ip) == (
        coordinator,
        reverse("universities:archive", args=[university.slug]),
        "127.0.0.1",
    )
