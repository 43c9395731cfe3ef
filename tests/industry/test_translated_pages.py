"""A need's page in the reader's language, saying when a text is shown in another."""

import pytest
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db


def _russian_page(need):
    with translation.override("ru"):
        return reverse("industry:need_detail", args=[need.pk])


def test_a_page_says_when_it_shows_a_text_from_another_language(client, make_need):
    need = make_need("Grid engineers", description="Digital substations.")
    translated = make_need(
        "Grid engineers", title_ru="Инженеры сетей", description="Digital substations.",
        description_ru="Цифровые подстанции.",
    )  # fmt: skip
    response = client.get(_russian_page(need))
    html = response.content.decode()
    assert "<h1" in html
    assert "показано на английском" in html
    assert '<div class="translated-text" lang="en"><p>Digital substations.</p>' in html

    response = client.get(_russian_page(translated))
    html = response.content.decode()
    assert "Инженеры сетей" in html
    assert "показано на английском" not in html
    assert '<div class="translated-text"><p>Цифровые подстанции.</p>' in html
