"""CSV import: preview with row errors, all or nothing, re-import updates."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from curricula.importer import MAX_ROWS
from curricula.models import Programme, Skill

pytestmark = pytest.mark.django_db
HEADER = "title_en,title_ru,degree,ects,languages,skills,status\n"
GOOD = "Smart Grids,Интеллектуальные сети,master,120,ru;en,smart grids:advanced,published\n"
BAD = "Mining,Горное дело,master,999,ru,no such skill:basic,published\n"


@pytest.fixture
def grid_skill(db):
    return Skill.objects.create(name_en="smart grids", slug="smart-grids")


def _upload(client, university, text, encoding="utf-8"):
    data = text.encode("utf-8" if encoding == "utf-8" else encoding)
    return client.post(
        reverse("curricula:programme_import", args=[university.slug]),
        {"file": SimpleUploadedFile("p.csv", data, "text/csv"), "encoding": encoding},
    )


def _confirm(client, university):
    return client.post(
        reverse("curricula:programme_import", args=[university.slug]), {"confirm": "1"}
    )


@pytest.mark.parametrize("role", ["anonymous", "student", "partner", "other_staff"])
def test_import_is_refused_to_outsiders(client, request, role, university):
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))
    response = client.get(reverse("curricula:programme_import", args=[university.slug]))
    assert response.status_code == (302 if role == "anonymous" else 403)


def test_row_errors_are_shown_and_nothing_is_saved(client, staff_editor, university, grid_skill):
    client.force_login(staff_editor)
    response = _upload(client, university, HEADER + GOOD + BAD)
    rows = response.context["rows"]
    assert rows[0].errors == []
    assert any("360" in error for error in rows[1].errors)
    assert "No skill called “no such skill” in the taxonomy." in rows[1].errors
    _confirm(client, university)
    assert not Programme.objects.exists()


def test_fixed_file_saves_all_and_reimport_updates(client, staff_editor, university, grid_skill):
    client.force_login(staff_editor)
    _upload(client, university, HEADER + GOOD)
    response = _confirm(client, university)
    assert response.status_code == 302
    programme = Programme.objects.get()
    assert (programme.slug, programme.ects, programme.status) == ("smart-grids", 120, "published")
    assert [(ps.skill, ps.level) for ps in programme.programme_skills.all()] == [(grid_skill, 3)]
    _upload(client, university, HEADER + GOOD.replace("120", "90"))
    _confirm(client, university)
    assert list(Programme.objects.values_list("ects", flat=True)) == [90]


def test_windows_1251_file_is_read_when_chosen(client, staff_editor, university, grid_skill):
    client.force_login(staff_editor)
    response = _upload(client, university, HEADER + GOOD, encoding="cp1251")
    assert response.context["rows"][0].errors == []
    wrong = _upload(client, university, (HEADER + GOOD).encode("cp1251").decode("latin-1"))
    assert "rows" in wrong.context


def test_wrong_encoding_missing_columns_and_too_many_rows_are_explained(
    client, staff_editor, university
):
    client.force_login(staff_editor)
    url = reverse("curricula:programme_import", args=[university.slug])
    cp1251 = SimpleUploadedFile("p.csv", (HEADER + GOOD).encode("cp1251"), "text/csv")
    response = client.post(url, {"file": cp1251, "encoding": "utf-8"})
    assert "not valid UTF-8 text" in response.content.decode()
    response = _upload(client, university, "title,ects\nX,1\n")
    assert (
        "lacks the columns: title_en / title_ru / title_kk / title_uz, degree"
        in response.content.decode()
    )
    response = _upload(client, university, HEADER + GOOD * (MAX_ROWS + 1))
    assert f"more than {MAX_ROWS} rows" in response.content.decode()
    assert not Programme.objects.exists()


def test_template_lists_every_column(client):
    response = client.get(reverse("curricula:programme_import_template"))
    assert (
        response.content.decode()
        .splitlines()[0]
        .startswith("slug,title_en,title_ru,title_kk,title_uz,degree,field,ects")
    )


def test_file_of_fifty_thousand_rows_is_refused_whole(client, staff_editor, university):
    client.force_login(staff_editor)
    response = _upload(
        client, university, HEADER + "Course,Курс,short_course,5,ru,,draft\n" * 50_000
    )
    page = response.content.decode()
    assert "larger than 2 MB" in page or "more than" in page
    assert not Programme.objects.exists()
