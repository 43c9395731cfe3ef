import pytest
from django.urls import reverse

from core.middleware import body_limit, limit_of


@pytest.mark.django_db
def test_a_body_over_the_limit_is_refused_unread_with_a_clear_message(client, settings):
    settings.MAX_REQUEST_BODY_BYTES = 1000
    body = "language=ru&next=/&" + "x" * 5000

    response = client.post(
        reverse("switch_language"),
        data=body,
        content_type="application/x-www-form-urlencoded",
        HTTP_REFERER="http://testserver/events/",
    )

    assert response.status_code == 413
    content = response.content.decode()
    assert "this form accepts at most 1000" in content
    assert 'href="http://testserver/events/"' in content
    assert response["Connection"] == "close"


@pytest.mark.django_db
def test_a_body_within_the_limit_is_served(client, settings):
    settings.MAX_REQUEST_BODY_BYTES = 1000

    response = client.post(reverse("switch_language"), {"language": "ru", "next": "/"})

    assert response.status_code == 302


@pytest.mark.django_db
def test_the_refusal_is_in_the_visitors_language(client, settings):
    settings.MAX_REQUEST_BODY_BYTES = 10

    response = client.post("/ru/language/", {"language": "ru", "next": "/" * 50})

    assert response.status_code == 413
    assert "Файл слишком велик" in response.content.decode()


def test_body_limit_sets_a_view_own_limit(settings):
    settings.MAX_REQUEST_BODY_BYTES = 1000

    @body_limit(5000)
    def upload(request):
        return None

    def plain(request):
        return None

    assert (limit_of(upload), limit_of(plain)) == (5000, 1000)
