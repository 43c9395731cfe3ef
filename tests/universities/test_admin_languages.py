"""The admin names the language of each translated column."""

import pytest
from django.urls import reverse

from tests.factories import UniversityFactory

pytestmark = pytest.mark.django_db


def test_the_admin_form_labels_each_language(admin_client):
    university = UniversityFactory(name_en="Satbayev University", name_ru="Satbayev Университет")
    page = admin_client.get(
        reverse("admin:universities_university_change", args=[university.pk])
    ).content.decode()
    for code in ("en", "ru", "kk", "uz"):
        assert f'<label class="required" for="id_name_{code}">' not in page
        assert f"Name [{code}]" in page
