"""Programme import and export in one column set: a file exported, edited and imported
again changes only what was edited; separators, encodings and workbooks are read;
long files are saved by a background job."""

import csv
import io
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook

from core.outbox import send_due
from curricula import importer, services
from curricula.import_jobs import import_job_create, job_run
from curricula.importer import COLUMNS, Change
from curricula.models import (
    Accreditation,
    AccreditationAgency,
    Field,
    ImportJob,
    Intake,
    LearningOutcome,
    Programme,
    ProgrammeSkill,
    Skill,
)
from curricula.seed import load_fields, load_skills
from tests.factories import UniversityMembershipFactory
from universities.models import Language

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
NEXT = TODAY.year + 1


@pytest.fixture
def world(university, other_university):
    """Two programmes with every field and relation the file holds."""
    field = Field.objects.create(code="0713", level="detailed", name_en="Electricity and energy")
    grids = Skill.objects.create(name_en="smart grids", slug="smart-grids")
    storage = Skill.objects.create(name_en="Energy storage", slug="energy-storage")
    retired = Skill.objects.create(name_en="Old skill", slug="old-skill", retired_at=timezone.now())
    iaar = AccreditationAgency.objects.get(slug="iaar")
    main = Programme.objects.create(
        university=university, slug="power-systems", title_en="Power Systems",
        title_ru="Энергосистемы", title_kk="Энергетика жүйелері", degree="master",
        field=field, ects=120, duration_months=24, delivery="blended", intake=30,
        tuition_per_year=Decimal("1500000.00"), tuition_international=Decimal("2500000.50"),
        currency="KZT", official_url="https://example.edu/ps",
        application_url="https://example.edu/apply", entry_degree="bachelor",
        language_test="IELTS", language_level="6.0", entry_requirements_en="An interview.",
        entry_requirements_ru="Собеседование.", description_en="Grids, markets; storage",
        description_ru="Сети, рынки", learning_outcomes_en="Design grids.",
        last_reviewed=date(2026, 5, 4), status="published",
    )  # fmt: skip
    main.languages.set(Language.objects.filter(code__in=["ru", "en"]))
    main.partners.set([other_university])
    ProgrammeSkill.objects.create(programme=main, skill=grids, level=3)
    ProgrammeSkill.objects.create(programme=main, skill=retired, level=1)
    Intake.objects.create(
        programme=main, starts_on=date(NEXT, 9, 1), application_deadline=date(NEXT, 7, 15)
    )
    Intake.objects.create(  # a past intake, kept by a re-import
        programme=main, starts_on=date(TODAY.year - 1, 9, 15),
        application_deadline=date(TODAY.year - 1, 7, 1),
    )  # fmt: skip
    Accreditation.objects.create(
        programme=main, agency=iaar, decision="conditions", decided_on=date(2024, 6, 1),
        valid_until=date(2029, 5, 31), report_url="https://iaar.agency/report/1",
        expiry_told_at=timezone.now(),
    )  # fmt: skip
    LearningOutcome.objects.create(programme=main, text_en="Plans grids", skill=grids, level=3)
    draft = Programme.objects.create(
        university=university, slug="storage-course", title_en="Storage Course",
        title_ru="Курс хранения", degree="short_course", ects=5, tuition_free=True,
        status="draft",
    )  # fmt: skip
    ProgrammeSkill.objects.create(programme=draft, skill=storage, level=2)
    Programme.objects.create(
        university=other_university, slug="elsewhere", title_en="Elsewhere", degree="master",
        ects=90,
    )  # fmt: skip
    for programme in (main, draft):
        programme.refresh_search_document()
    return {"main": main, "draft": draft}


def snapshot(university):
    """Every field and relation of the university's programmes, updated_at aside."""
    state = {}
    for programme in Programme.objects.filter(university=university).order_by("slug"):
        fields = {
            f.attname: getattr(programme, f.attname)
            for f in Programme._meta.concrete_fields
            if f.attname != "updated_at"
        }
        state[programme.slug] = {
            **fields,
            "languages": sorted(programme.languages.values_list("code", flat=True)),
            "partners": sorted(programme.partners.values_list("slug", flat=True)),
            "skills": list(
                programme.programme_skills.order_by("pk").values_list("pk", "skill_id", "level")
            ),
            "intakes": list(programme.intakes.order_by("pk").values()),
            "accreditations": list(programme.accreditations.order_by("pk").values()),
            "outcomes": list(programme.outcomes.order_by("pk").values()),
            "scholarships": list(programme.scholarships.values_list("pk", flat=True)),
        }
    return state


def _differences(before, after):
    """What changed, programme by programme and key by key (readable when it fails)."""
    return {
        (slug, key): (value, after[slug][key])
        for slug, values in before.items()
        for key, value in values.items()
        if after[slug][key] != value
    }


def _export(client, university):
    response = client.get(reverse("curricula:university_export", args=[university.slug]))
    assert response.status_code == 200
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def _file(records, delimiter=",", encoding="utf-8-sig"):
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, delimiter=delimiter)
    writer.writeheader()
    writer.writerows(records)
    return out.getvalue().encode(encoding)


def _upload(client, university, data, name="p.csv", **choices):
    return client.post(
        reverse("curricula:programme_import", args=[university.slug]),
        {"file": SimpleUploadedFile(name, data), **choices},
    )


def _confirm(client, university, response):
    return client.post(
        reverse("curricula:programme_import", args=[university.slug]),
        {"confirm": "1", "token": response.context["token"]},
    )


def test_an_exported_file_imports_back_unchanged(client, staff_editor, university, world):
    client.force_login(staff_editor)
    records = _export(client, university)
    assert [record["slug"] for record in records] == ["power-systems", "storage-course"]
    main = records[0]
    assert {name: main[name] for name in ["field", "intakes", "skills", "partners"]} == {
        "field": "0713",
        "intakes": f"{TODAY.year - 1}-09-15:{TODAY.year - 1}-07-01; {NEXT}-09:{NEXT}-07-15",
        "skills": "old-skill:basic; smart-grids:advanced",
        "partners": university.__class__.objects.exclude(pk=university.pk).get().slug,
    }
    assert main["accreditations"] == (
        "iaar:conditions:2024-06-01:2029-05-31:https://iaar.agency/report/1"
    )
    before = snapshot(university)
    preview = _upload(client, university, _file(records))
    assert [(row.updates, row.changes, row.errors) for row in preview.context["rows"]] == [
        (True, [], []),
        (True, [], []),
    ]
    assert "Saving adds 0 new programmes and updates 2 existing ones" in preview.content.decode()
    assert "2 of them have no change." in preview.content.decode()
    assert _confirm(client, university, preview).status_code == 302
    after = snapshot(university)
    assert (_differences(before, after), list(after)) == ({}, list(before))


def test_an_edited_value_saved_as_semicolon_windows_1251_changes_only_itself(
    client, staff_editor, university, world
):
    main = world["main"]
    main.title_kk = "Энергетика"  # Windows-1251 has no Kazakh letters
    main.save()
    main.refresh_search_document()
    client.force_login(staff_editor)
    records = _export(client, university)
    before = snapshot(university)
    records[0]["tuition_per_year"] = "1750000"
    preview = _upload(client, university, _file(records, ";", "cp1251"))
    assert preview.context["detected"] == "Semicolon-separated, Windows-1251"
    assert [row.changes for row in preview.context["rows"]] == [
        [Change("tuition_per_year", "1500000", "1750000")],
        [],
    ]
    assert "<del>1500000</del> → <ins>1750000</ins>" in preview.content.decode()
    saved = _confirm(client, university, preview)
    assert [str(m) for m in get_messages(saved.wsgi_request)] == [
        "Programmes imported: 0 new, 1 updated, 1 unchanged."
    ]
    after = snapshot(university)
    assert after["power-systems"].pop("tuition_per_year") == Decimal("1750000.00")
    before["power-systems"].pop("tuition_per_year")
    assert (_differences(before, after), list(after)) == ({}, list(before))


def test_the_template_imports_cleanly_into_a_fresh_database(client, staff_editor, university):
    load_fields()
    load_skills()
    client.force_login(staff_editor)
    response = client.get(reverse("curricula:programme_import_template"))
    preview = _upload(client, university, response.content)
    (row,) = preview.context["rows"]
    assert row.errors == []
    _confirm(client, university, preview)
    programme = Programme.objects.get()
    assert (programme.title_en, programme.field.code, programme.status) == (
        "Power Systems and Smart Grids",
        "0713",
        "draft",
    )
    assert sorted(programme.programme_skills.values_list("skill__slug", "level")) == [
        ("demand-response", 2),
        ("grid-scale-battery-storage", 3),
    ]
    assert programme.intakes.count() == 2
    assert programme.accreditations.get().agency.slug == "iaar"


HEADER = ["title_en", "title_ru", "title_kk", "degree", "ects"]
ROW = ["Smart Grids", "Интеллектуальные сети", "Зияткерлік желілер", "master", "120"]


@pytest.mark.parametrize(
    ("separator", "encoding", "described"),
    [
        (",", "utf-8-sig", "Comma-separated, UTF-8"),
        (";", "cp1251", "Semicolon-separated, Windows-1251"),
        ("\t", "utf-8", "Tab-separated, UTF-8"),
    ],
)
def test_separators_and_encodings_are_detected(
    client, staff_editor, university, separator, encoding, described
):
    row = [*ROW[:2], "" if encoding == "cp1251" else ROW[2], *ROW[3:]]
    data = "\r\n".join(separator.join(line) for line in [HEADER, row]).encode(encoding)
    client.force_login(staff_editor)
    preview = _upload(client, university, data)
    assert preview.context["detected"] == described
    (parsed,) = preview.context["rows"]
    assert (parsed.title, parsed.titles["ru"], parsed.errors) == (
        "Smart Grids",
        "Интеллектуальные сети",
        [],
    )


def test_the_separator_and_encoding_can_be_chosen(client, staff_editor, university):
    client.force_login(staff_editor)
    # Not UTF-8, and not Cyrillic as Windows-1251 (a micro sign): only a choice reads it.
    data = b"title_en;degree;ects\r\nGr\xb5ds;master;120\r\n"
    refused = _upload(client, university, data)
    assert "neither UTF-8 nor Windows-1251" in refused.content.decode()
    chosen = _upload(client, university, data, encoding="cp1251", separator="semicolon")
    assert chosen.context["detected"] == "Semicolon-separated, Windows-1251"
    assert chosen.context["rows"][0].title == "Grµds"
    as_comma = _upload(client, university, data, encoding="cp1251", separator="comma")
    assert "lacks the columns" in as_comma.content.decode()


def test_a_file_mixing_separators_is_refused_naming_the_line(client, staff_editor, university):
    client.force_login(staff_editor)
    data = b"title_en;degree;ects\nGrids;master;120\nStorage,master,90\n"
    page = _upload(client, university, data).content.decode()
    assert (
        "Line 3 is comma-separated, but the header is semicolon-separated: save the whole "
        "file with one separator."
    ) in page
    assert not Programme.objects.exists()


def test_a_workbook_is_imported_from_its_first_sheet(client, staff_editor, university):
    book = Workbook()
    sheet = book.active
    sheet.append(["title_en", "title_ru", "degree", "ects", "field", "last_reviewed"])
    sheet.append(["Smart Grids", "Сети", "master", 120, 713, date(2026, 3, 2)])
    out = io.BytesIO()
    book.save(out)
    Field.objects.create(code="0713", level="detailed", name_en="Electricity and energy")
    client.force_login(staff_editor)
    preview = _upload(client, university, out.getvalue(), name="programmes.xlsx")
    assert preview.context["detected"] == "Excel workbook (first sheet)"
    assert preview.context["rows"][0].errors == []
    _confirm(client, university, preview)
    programme = Programme.objects.get()
    assert (programme.ects, programme.field.code, programme.last_reviewed) == (
        120,
        "0713",
        date(2026, 3, 2),
    )


def test_an_unknown_agency_and_bad_intakes_are_refused(university):
    text = (
        "title_en,degree,ects,accreditations,intakes\n"
        f'Grids,master,120,"nkaoko:accredited:2024-01-01:2029-01-01; iaar:accredited:'
        f'2024-01-01:2023-01-01","{NEXT}-09:{NEXT}-10-01; {TODAY.year - 1}-09:'
        f'{TODAY.year - 1}-06-01"\n'
    )
    (row,) = importer.parse(text, university)
    assert row.errors == [
        f"Intake {NEXT}-09: the application deadline must come before the start.",
        f"Intake {TODAY.year - 1}-09: it starts in the past.",
        "“nkaoko” is not an accreditation agency of the list: use the address name of a "
        "listed agency (e.g. iaar).",
        "Accreditation by IAAR: an accreditation must end after it was decided.",
    ]


def test_the_preview_shows_every_languages_title(client, staff_editor, university):
    client.force_login(staff_editor)
    data = "\n".join([",".join(HEADER), ",".join(ROW)]).encode()
    page = _upload(client, university, data).content.decode()
    assert "Интеллектуальные сети" in page
    assert "Зияткерлік желілер" in page


def _long_file(count, bad_line=None):
    lines = ["title_en,degree,ects,skills"]
    for number in range(count):
        skill = "no such skill" if number == bad_line else "smart-grids"
        lines.append(f"Course {number},short_course,5,{skill}:basic")
    return ("\n".join(lines) + "\n").encode()


def test_a_long_file_runs_as_a_job_and_emails_the_user(
    client, staff_editor, university, django_capture_on_commit_callbacks
):
    Skill.objects.create(name_en="smart grids", slug="smart-grids")
    client.force_login(staff_editor)
    preview = _upload(client, university, _long_file(importer.JOB_THRESHOLD + 1))
    assert preview.context["background"] is True
    with django_capture_on_commit_callbacks(execute=True):
        response = _confirm(client, university, preview)
    job = ImportJob.objects.get()
    assert response.url == reverse("curricula:import_job", args=[job.pk])
    assert (job.status, job.done, job.total, job.created, job.errors) == (
        "done",
        201,
        201,
        201,
        [],
    )
    assert Programme.objects.count() == 201
    status = client.get(reverse("curricula:import_job_status", args=[job.pk])).json()
    assert status == {
        "status": "done",
        "status_label": "Imported",
        "done": 201,
        "total": 201,
        "progress": 100,
    }
    page = client.get(response.url).content.decode()
    assert "201 new programmes added" in page
    assert 'http-equiv="refresh"' not in page
    send_due()
    (message,) = mail.outbox
    assert message.to == [staff_editor.email]
    assert message.subject == f"Programmes of {university.name} imported"
    assert "201 programmes imported (201 new, 0 updated)" in message.body


def test_a_failing_job_saves_nothing_and_says_why(
    client, staff_editor, university, django_capture_on_commit_callbacks
):
    Skill.objects.create(name_en="smart grids", slug="smart-grids")
    text = _long_file(importer.JOB_THRESHOLD + 50, bad_line=230).decode()
    with django_capture_on_commit_callbacks(execute=True):
        job = import_job_create(
            university=university, user=staff_editor, text=text, separator=",", total=250
        )
    job.refresh_from_db()
    assert (job.status, job.done, job.errors) == (
        "failed",
        250,
        ["Line 232: No skill called “no such skill” in the taxonomy."],
    )
    assert not Programme.objects.exists()
    client.force_login(staff_editor)
    page = client.get(reverse("curricula:import_job", args=[job.pk])).content.decode()
    assert "Line 232: No skill called “no such skill” in the taxonomy." in page
    send_due()
    (message,) = mail.outbox
    assert message.subject == f"Programmes of {university.name} not imported"
    assert "Line 232: No skill called “no such skill” in the taxonomy." in message.body


def test_a_job_whose_worker_died_is_taken_again_after_its_lease(staff_editor, university):
    Skill.objects.create(name_en="smart grids", slug="smart-grids")
    text = _long_file(importer.JOB_THRESHOLD + 1).decode()
    job = ImportJob.objects.create(
        university=university, user=staff_editor, text=text, total=201,
        status=ImportJob.Status.RUNNING, claimed_at=timezone.now() - timedelta(minutes=5),
    )  # fmt: skip
    job_run(job_id=job.pk)  # another worker holds it: left alone
    assert (fresh(job).status, Programme.objects.count()) == ("running", 0)
    ImportJob.objects.filter(pk=job.pk).update(claimed_at=timezone.now() - timedelta(minutes=16))
    job_run(job_id=job.pk)  # its worker died: taken again, from the start
    assert (fresh(job).status, fresh(job).done, Programme.objects.count()) == ("done", 201, 201)


def fresh(job):
    return ImportJob.objects.get(pk=job.pk)


def test_a_job_page_is_for_its_owner_and_coordinators(
    client, staff_editor, staff_admin, coordinator, university
):
    job = ImportJob.objects.create(university=university, user=staff_editor, text="", total=300)
    url = reverse("curricula:import_job", args=[job.pk])
    client.force_login(staff_admin)
    assert client.get(url).status_code == 403
    client.force_login(coordinator)
    assert client.get(url).status_code == 200
    client.force_login(staff_editor)
    page = client.get(url).content.decode()
    assert 'http-equiv="refresh"' in page
    assert "0 of 300 rows checked" in page


def test_the_university_export_is_for_its_editors_with_drafts(
    client, staff_editor, university, other_university, world
):
    url = reverse("curricula:university_export", args=[university.slug])
    assert client.get(url).status_code == 302
    client.force_login(UniversityMembershipFactory(university=other_university).user)
    assert client.get(url).status_code == 403
    client.force_login(staff_editor)
    assert [r["status"] for r in _export(client, university)] == ["published", "draft"]
    public = client.get(reverse("curricula:programme_export"))
    rows = list(csv.DictReader(io.StringIO(public.content.decode("utf-8-sig"))))
    assert list(rows[0]) == COLUMNS
    assert [row["slug"] for row in rows] == ["power-systems"]


def test_the_job_threshold_leaves_a_short_file_to_the_request(client, staff_editor, university):
    Skill.objects.create(name_en="smart grids", slug="smart-grids")
    client.force_login(staff_editor)
    preview = _upload(client, university, _long_file(importer.JOB_THRESHOLD))
    assert preview.context["background"] is False
    _confirm(client, university, preview)
    assert (Programme.objects.count(), ImportJob.objects.count()) == (200, 0)


def test_intake_deadline_shift_is_a_change_of_that_intake(university, world):
    text = (
        "slug,title_en,degree,ects,intakes\n"
        f"power-systems,Power Systems,master,120,{NEXT}-09:{NEXT}-06-30\n"
    )
    (row,) = importer.parse(text, university)
    assert row.changes == [
        Change(
            "intakes",
            f"{TODAY.year - 1}-09-15:{TODAY.year - 1}-07-01; {NEXT}-09:{NEXT}-07-15",
            f"{NEXT}-09:{NEXT}-06-30",
        )
    ]
    kept = world["main"].intakes.get(starts_on=date(NEXT, 9, 1))
    services.programmes_import(university=university, rows=[row])
    kept.refresh_from_db()
    assert (kept.application_deadline, world["main"].intakes.count()) == (
        date(NEXT, 6, 30),
        1,
    )


@pytest.mark.parametrize("count", [1, 3])
def test_the_university_export_runs_a_fixed_number_of_queries(
    client, django_assert_num_queries, staff_editor, university, count
):
    skill = Skill.objects.create(name_en="smart grids", slug="smart-grids")
    for number in range(count):
        programme = Programme.objects.create(
            university=university, slug=f"p{number}", title_en=f"P {number}", degree="master",
            ects=120,
        )  # fmt: skip
        ProgrammeSkill.objects.create(programme=programme, skill=skill)
    client.force_login(staff_editor)
    url = reverse("curricula:university_export", args=[university.slug])
    # 1 the user with whether they are a coordinator and their memberships (one round
    # trip), 2 the university, 3 the programmes with their fields and university, their
    # 4 languages, 5 partners, 6 intakes, 7 skills and 8 accreditations.
    with django_assert_num_queries(8):
        response = client.get(url)
    assert len(response.content.decode("utf-8-sig").splitlines()) == count + 1
