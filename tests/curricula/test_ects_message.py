"""The ECTS range message names the degree in the nominative and is shown once."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from curricula.forms import ProgrammeForm
from curricula.models import Programme, ects_mismatch_message

pytestmark = pytest.mark.django_db


def test_message_puts_the_degree_first_in_english_and_russian():
    assert ects_mismatch_message("Bachelor", 180, 240) == (
        "Bachelor: between 180 and 240 ECTS credits (Bologna cycles)."
    )
    assert ects_mismatch_message("Doctorate", 180, None) == (
        "Doctorate: at least 180 ECTS credits (Bologna cycles)."
    )
    with translation.override("ru"):
        bachelor = str(Programme.Degree.BACHELOR.label)
        assert ects_mismatch_message(bachelor, 180, 240) == (
            "Бакалавриат: от 180 до 240 кредитов ECTS (Болонские циклы)."
        )


def test_import_preview_shows_the_ects_message_once(client, staff_editor, university):
    text = "title_en,degree,ects\nMining,bachelor,100\n"
    client.force_login(staff_editor)
    response = client.post(
        reverse("curricula:programme_import", args=[university.slug]),
        {"file": SimpleUploadedFile("p.csv", text.encode(), "text/csv"), "encoding": "utf-8"},
    )
    (row,) = response.context["rows"]
    ects = [error for error in row.errors if "ECTS" in str(error)]
    assert ects == ["ECTS credits: Bachelor: between 180 and 240 ECTS credits (Bologna cycles)."]


def test_blank_choice_of_a_select_is_translated(university):
    with translation.override("ru"):
        form = ProgrammeForm(university=university)
        html = str(form["field"]) + str(form["currency"])
    assert "Select an option" not in html
    assert html.count("Выберите…") >= 1


def test_import_preview_gives_one_ects_error_beyond_the_maximum(client, staff_editor, university):
    text = "title_en,degree,ects\nMining,master,999\n"
    client.force_login(staff_editor)
    response = client.post(
        reverse("curricula:programme_import", args=[university.slug]),
        {"file": SimpleUploadedFile("p.csv", text.encode(), "text/csv"), "encoding": "utf-8"},
    )
    (row,) = response.context["rows"]
    assert [error for error in row.errors if "ECTS" in str(error)] == [
        "ECTS credits: Ensure this value is less than or equal to 360."
    ]
