import pytest
from django.test import Client
from django.urls import clear_url_caches, path, reverse

import platform_site.urls as root
from platform_site import views
from platform_site.services import demo_dataset_mark_loaded
from tests.factories import OrganisationFactory, UniversityFactory

pytestmark = pytest.mark.django_db


def test_home_shows_live_counts(client):
    UniversityFactory.create_batch(3, country="KZ")
    UniversityFactory(country="CN")  # a partner country is not counted as Central Asian
    OrganisationFactory.create_batch(2)
    response = client.get("/")
    assert response.context["counts"]["universities"] == 3
    assert response.context["counts"]["organisations"] == 2
    assert response.context["counts"]["countries"] == 5


def test_home_page_has_skip_link_navigation_and_footer_attribution(client):
    html = client.get("/").content.decode()
    assert 'href="#main"' in html
    assert 'id="main"' in html
    assert "This service uses the ESCO classification of the European Commission." in html


def test_pages_send_csp_without_unsafe_inline(client):
    response = client.get("/")
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "object-src 'none'" in policy
    assert "unsafe-inline" not in policy
    assert "<script>" not in response.content.decode()
    assert "style=" not in response.content.decode()


def test_demo_notice_only_when_demo_data_loaded(client):
    assert "Demo data:" not in client.get("/").content.decode()
    demo_dataset_mark_loaded()
    assert "Demo data:" in client.get("/").content.decode()


def test_custom_404_page(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
    russian = client.get("/ru/no-such-page/")
    assert "Страница не найдена" in russian.content.decode()


def test_custom_500_page(settings):
    settings.DEBUG = False

    def broken(request):
        raise RuntimeError("boom")

    client = Client(raise_request_exception=False)
    original = list(root.urlpatterns)
    root.urlpatterns.append(path("boom/", broken))
    try:
        clear_url_caches()
        response = client.get("/boom/")
    finally:
        root.urlpatterns[:] = original
        clear_url_caches()
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()
    assert views.server_error is not None


def test_nav_hides_sections_not_built_yet(client):
    html = client.get("/").content.decode()
    # Only links to pages that exist are shown.
    for name in ("universities:list", "industry:need_list", "events:list"):
        try:
            url = reverse(name)
        except Exception:
            continue
        assert f'href="{url}"' in html
