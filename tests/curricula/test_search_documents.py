"""Programmes found by their university's names and aliases, in any script, and kept
findable when the university is renamed."""

import importlib

import pytest
from django.apps import apps
from django.urls import reverse

from curricula.models import Programme
from tests.factories import UniversityFactory
from universities import services as university_services

pytestmark = pytest.mark.django_db


@pytest.fixture
def satbayev():
    return UniversityFactory(
        name_en="Satbayev University",
        name_ru="Казахский национальный исследовательский технический университет",
        short_name="KazNRTU",
        aliases="Kazakh Polytechnic Institute\nКазПТИ",
    )


def _programme(university, title):
    return Programme.objects.create(
        university=university,
        title_en=title,
        slug=title.lower().replace(" ", "-"),
        degree=Programme.Degree.MASTER,
        ects=120,
        status=Programme.Status.PUBLISHED,
    )


@pytest.mark.parametrize(
    "query",
    ["Satbayev", "Сатпаев", "Сатбаев", "KazNRTU", "Kazakh Polytechnic", "КазПТИ",
     "исследовательский технический"],
)  # fmt: skip
def test_programmes_found_by_their_universitys_names(client, satbayev, other_university, query):
    _programme(satbayev, "Mining Engineering")
    _programme(other_university, "Power Engineering")
    response = client.get(reverse("curricula:programme_list"), {"q": query})
    assert [p.title_en for p in response.context["programmes"]] == ["Mining Engineering"]


def test_renaming_the_university_refreshes_its_programmes(satbayev):
    mining = _programme(satbayev, "Mining Engineering")
    archived = _programme(satbayev, "Old Geology")
    Programme.objects.filter(pk=archived.pk).update(status=Programme.Status.ARCHIVED)

    university_services.university_update(
        university=satbayev, values={"aliases": "Polytech"}, by=None
    )

    assert list(Programme.objects.search("Polytech").order_by("title_en")) == [mining, archived]
    assert list(Programme.objects.search("КазПТИ")) == []


def test_saving_without_a_change_of_names_leaves_documents_alone(satbayev):
    mining = _programme(satbayev, "Mining Engineering")
    Programme.objects.filter(pk=mining.pk).update(search_document="stale")
    university_services.university_update(
        university=satbayev, values={"city_en": "Astana"}, by=None
    )
    assert Programme.objects.get(pk=mining.pk).search_document == "stale"


def test_migration_puts_the_university_into_existing_documents(satbayev):
    migration = importlib.import_module(
        "curricula.migrations.0007_university_names_in_search_documents"
    )
    mining = _programme(satbayev, "Mining Engineering")
    Programme.objects.filter(pk=mining.pk).update(search_document="mining engineering")

    migration.refresh_search_documents(apps, None)

    mining.refresh_from_db()
    document = mining.search_document
    mining.refresh_search_document(save=False)
    assert document == mining.search_document
    assert list(Programme.objects.search("Сатпаев")) == [mining]
