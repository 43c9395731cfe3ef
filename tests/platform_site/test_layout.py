"""The layout works without JavaScript: the main menu, the account menu, the
language switcher and the list pages' filters are <details>; a form shown again
with errors starts with a summary linking to each field."""

import re

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.test.html import parse_html

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_main_menu_is_a_details_with_a_named_toggle(client):
    html = client.get("/ru/").content.decode()

    assert '<details class="site-menu" id="site-nav" data-open-when="(min-width: 1200px)">' in html
    toggle = re.search(r'<summary class="navbar-toggler site-menu-toggle">(.*?)</summary>', html)
    assert toggle.group(1) == (
        '<span class="navbar-toggler-icon" aria-hidden="true"></span>'
        '<span class="visually-hidden">Переключить навигацию</span>'
    )
    assert "data-bs-toggle" not in html


def test_language_switcher_names_the_current_language_and_offers_all_four(client):
    html = client.get("/kk/").content.decode()
    switcher = html[html.index('<details class="site-dropdown language-switcher">') :]
    switcher = switcher[: switcher.index("</details>")]

    summary = re.search(r"<summary[^>]*>(.*?)</summary>", switcher).group(1)
    assert summary == '<span class="visually-hidden">Тіл: </span><span lang="kk">Қазақша</span>'
    assert re.findall(r'<button type="submit" name="language" value="(\w+)"', switcher) == [
        "en",
        "ru",
        "kk",
        "uz",
    ]
    assert switcher.count('aria-current="true"') == 1


def test_account_menu_is_a_details_signed_in(client):
    client.force_login(UserFactory(full_name="Дана Султанова", preferred_language="ru"))
    html = client.get("/ru/").content.decode()

    assert re.search(
        r'<details class="site-dropdown">\s*'
        r'<summary class="nav-link site-dropdown-toggle nav-user">Дана Султанова</summary>',
        html,
    )


@pytest.mark.parametrize(
    "path", ["/ru/programmes/", "/ru/universities/", "/ru/events/", "/ru/needs/"]
)
def test_list_filters_are_a_details_around_the_form(client, path):
    html = client.get(path).content.decode()

    panel = re.search(
        r'<details class="filters-panel" data-open-when="\(min-width: 992px\)">\s*'
        r'<summary class="btn btn-outline-primary w-100 mb-2">(.*?)</summary>\s*'
        r'<form method="get"[^>]*id="filters".*?</form>\s*</details>',
        html,
        re.DOTALL,
    )
    assert panel.group(1) == "Фильтры и поиск"


class SampleForm(forms.Form):
    name = forms.CharField(label="Name")
    topics = forms.MultipleChoiceField(
        label="Topics", choices=[("grids", "Grids")], widget=forms.CheckboxSelectMultiple
    )
    token = forms.CharField(widget=forms.HiddenInput)

    def clean(self):
        raise ValidationError("The dates overlap.")


def _summary(html):
    return html[: html.index("</div>") + len("</div>")]


def test_error_summary_lists_every_error_each_field_linked():
    html = str(SampleForm(data={}))

    assert parse_html(_summary(html)) == parse_html(
        '<div class="alert alert-danger error-summary" role="alert" tabindex="-1"><ul class="mb-0">'
        "<li>The dates overlap.</li>"
        "<li>This field is required.</li>"
        '<li><a class="alert-link" href="#id_name">Name: This field is required.</a></li>'
        '<li><a class="alert-link" href="#id_topics">Topics: This field is required.</a></li>'
        "</ul></div>"
    )
    # The links lead to the field itself (a group of checkboxes: its wrapper).
    assert 'id="id_name"' in html
    assert '<div id="id_topics"' in html


def test_error_summary_absent_from_a_form_without_errors():
    assert "error-summary" not in str(SampleForm())


def test_sign_up_errors_link_to_the_field(client):
    response = client.post(
        "/ru/accounts/signup/",
        {"email": "learner@example.org", "password1": "a-long-pass-2026", "password2": "other"},
    )
    html = response.content.decode()

    assert re.findall(r'<a class="alert-link" href="(#[\w-]+)">', html) == ["#id_password2"]
