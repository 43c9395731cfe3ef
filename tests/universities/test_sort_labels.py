import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_every_sort_choice_of_the_directory_is_in_russian(client):
    page = client.get("/ru" + reverse("universities:list")).content.decode()

    assert "(descending)" not in page
    assert "Название (по убыванию)" in page
