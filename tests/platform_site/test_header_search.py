"""Every page carries the one search box and the library's links."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", ["home", "universities:list", "curricula:programme_list"])
def test_every_page_has_the_search_box(client, name):
    html = client.get(reverse(name)).content.decode()
    assert f'action="{reverse("search")}"' in html
    assert (
        '<input id="header-search" class="form-control form-control-sm" type="search" name="q"'
        in html
    )
    assert f'href="{reverse("knowledge:library")}"' in html
