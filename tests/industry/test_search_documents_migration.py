"""Existing needs' search documents are rebuilt with every language's text and the
current folding."""

import importlib

import pytest
from django.apps import apps

from industry.models import SkillNeed

pytestmark = pytest.mark.django_db


def test_migration_refolds_and_adds_every_language(make_need):
    need = make_need("Engineers for the Satbayev grid")
    SkillNeed.objects.filter(pk=need.pk).update(
        title_kk="Желі инженерлері", search_document="stale"
    )
    assert list(SkillNeed.objects.search("Сатпаев")) == []

    migration = importlib.import_module(
        "industry.migrations.0009_need_search_documents_every_language"
    )
    migration.refresh_search_documents(apps, None)

    assert list(SkillNeed.objects.search("Сатпаев")) == [need]
    assert list(SkillNeed.objects.search("Satpayev")) == [need]
    assert list(SkillNeed.objects.search("инженерлері")) == [need]
