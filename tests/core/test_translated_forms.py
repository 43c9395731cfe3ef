"""Forms for translated content: one group per language, the user's first; a
required text in at least one language; pages say when a text is a fallback."""

import pytest
from django.utils import translation

from universities.forms import ResearchAreaForm

pytestmark = pytest.mark.django_db


def test_groups_put_the_users_language_first_and_fold_the_others():
    with translation.override("kk"):
        form = ResearchAreaForm()
        groups = form.language_groups()
    assert [(g.code, g.name, g.first) for g in groups] == [
        ("kk", "Қазақша", True),
        ("en", "English", False),
        ("ru", "Русский", False),
        ("uz", "Oʻzbekcha", False),
    ]
    assert [f.name for f in groups[0].fields] == ["name_kk", "description_kk"]
    assert [g.open for g in groups] == [True, False, False, False]
    assert form.fields["name_kk"].widget.attrs["lang"] == "kk"


def test_a_required_text_needs_one_language_and_any_one_will_do():
    with translation.override("ru"):
        empty = ResearchAreaForm(data={"position": "10"})
        assert empty.is_valid() is False
        assert empty.errors == {"name_ru": ["Заполните это поле хотя бы на одном языке."]}
        uzbek_only = ResearchAreaForm(data={"name_uz": "Vodorod", "position": "10"})
        assert uzbek_only.is_valid() is True
        assert uzbek_only.cleaned_data["name_en"] == ""


def test_a_group_with_a_value_or_an_error_stays_open():
    form = ResearchAreaForm(data={"name_ru": "Водород", "position": "10"})
    form.is_valid()
    assert {g.code: g.open for g in form.language_groups()} == {
        "en": True,
        "ru": True,
        "kk": False,
        "uz": False,
    }


def test_the_form_renders_a_fieldset_for_the_users_language_and_details_for_the_others():
    with translation.override("ru"):
        html = str(ResearchAreaForm())
    assert html.index('<fieldset class="border rounded p-3 mb-2" lang="ru">') < html.index(
        '<details class="border rounded p-3 mb-2" lang="en">'
    )
    assert '<details class="border rounded p-3 mb-2" lang="kk">' in html
    assert 'name="name_uz"' in html


def test_errors_link_to_their_fields():
    form = ResearchAreaForm(data={"position": "x"})
    html = str(form)
    assert '<a class="alert-link" href="#id_position">' in html
    assert '<a class="alert-link" href="#id_name_en">' in html
