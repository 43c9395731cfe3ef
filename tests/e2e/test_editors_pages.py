"""Journey 18: the editors' pages. A university editor, on a phone, fills a
programme's admissions (an intake, a learning outcome with a suggested skill and an
accreditation; a deadline after the start refused first) and finds them on the
programme's page; keeps the university's scholarships (one serving two programmes,
an amount without a currency refused first; edited; another removed after its
confirmation); imports a file of more than 200 rows and follows its background job
to the end. A speaker of a published timetable uploads their slides and the session
page links them. The host university's editor, chairing the committee, removes a
session and an empty room after their confirmations, and reads the committee page
and the timetable editor on a phone."""

from datetime import timedelta

import pytest
from django.template.defaultfilters import date as date_format
from django.utils import timezone, translation
from playwright.sync_api import expect

from curricula import importer
from curricula.models import (
    Accreditation,
    AccreditationAgency,
    Intake,
    LearningOutcome,
    Programme,
    Scholarship,
)
from curricula.reference import agencies_load
from programme.models import CommitteeMember, Room, Session
from tests.events.pdfs import table_pdf
from tests.factories import PASSWORD as FACTORY_PASSWORD
from tests.factories import UniversityMembershipFactory, UserFactory
from tests.programme.timetable_world import build_conference

from .conftest import PHONE
from .helpers import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _submit(page):
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()


def _in_english(day, format_name):
    with translation.override("en"):
        return date_format(day, format_name)


def _admissions(e, programme, grids, agency):
    """The editor fills the admissions page: a deadline after the start is refused
    with nothing saved, then the corrected page is saved."""
    today = timezone.localdate()
    start = (today + timedelta(days=150)).replace(day=1)
    deadline = start - timedelta(days=30)
    university = programme.university.slug
    page = e.goto(f"/programmes/{university}/{programme.slug}/admissions/")
    expect(page.locator("h1")).to_have_text("Intakes, learning outcomes and accreditation")
    page.locator("#id_intakes-0-starts_on").fill(f"{start:%Y-%m}")
    page.locator("#id_intakes-0-application_deadline").fill(
        (start + timedelta(days=10)).isoformat()
    )
    page.locator("#id_outcomes-0-text_en").fill("Design the protection of a digital substation.")
    skill = page.locator("#id_outcomes-0-skill")
    expect(skill).to_have_attribute("list", "skill-suggestions")
    skill.click()
    with page.expect_response(lambda r: "/skills/suggest/?q=smart" in r.url) as answer:
        skill.press_sequentially("smart", delay=50)
    assert answer.value.json()["skills"][0]["name"] == grids.name_en
    suggestions = page.locator("#skill-suggestions option")
    expect(suggestions.first).to_have_attribute("value", grids.name_en)
    skill.fill(grids.name_en)  # the suggestion picked: the whole English name
    page.locator("#id_outcomes-0-level").select_option("3")
    page.locator("#id_accreditations-0-agency").select_option(str(agency.pk))
    page.locator("#id_accreditations-0-decision").select_option("accredited")
    page.locator("#id_accreditations-0-decided_on").fill((today - timedelta(days=300)).isoformat())
    page.locator("#id_accreditations-0-valid_until").fill(
        (today + timedelta(days=1500)).isoformat()
    )
    e.check("admissions-form")
    _submit(page)
    expect(page.locator(".alert-danger").first).to_contain_text("nothing has been saved")
    expect(page.locator("main")).to_contain_text(
        "The application deadline must come before the start."
    )
    e.check("admissions-refused")
    assert not Intake.objects.filter(programme=programme).exists()
    assert not LearningOutcome.objects.filter(programme=programme).exists()
    assert not Accreditation.objects.filter(programme=programme).exists()

    page.locator("#id_intakes-0-application_deadline").fill(deadline.isoformat())
    _submit(page)
    expect(page.locator(".alert-success")).to_contain_text(
        "The intakes, learning outcomes and accreditations are saved."
    )
    e.check("admissions-saved")
    (intake,) = Intake.objects.filter(programme=programme)
    assert (intake.starts_on, intake.application_deadline) == (start, deadline)
    (outcome,) = LearningOutcome.objects.filter(programme=programme)
    assert (outcome.skill, outcome.level) == (grids, 3)
    (accreditation,) = Accreditation.objects.filter(programme=programme)
    assert accreditation.agency == agency

    page = e.goto(programme.get_absolute_url())
    expect(page.locator("#how-to-apply")).to_contain_text(
        f"Apply by {_in_english(deadline, 'DATE_FORMAT')}"
    )
    expect(page.locator("#how-to-apply")).to_contain_text(
        f"for the start in {_in_english(start, 'F Y')}"
    )
    outcomes = page.locator("#learning-outcomes")
    expect(outcomes).to_contain_text("Design the protection of a digital substation.")
    expect(outcomes.get_by_role("link", name=grids.name_en)).to_be_visible()
    expect(outcomes).to_contain_text("Advanced")
    expect(page.locator("#accreditation")).to_contain_text(agency.acronym)


def _scholarships(e, university, programmes):
    """The editor adds a scholarship for two programmes (an amount without its
    currency refused first), edits it and removes another after confirming."""
    old = Scholarship.objects.create(
        university=university, provider="Satbayev University", name_en="Old travel grant"
    )
    old.programmes.add(programmes[0])
    page = e.goto(f"/programmes/{university.slug}/scholarships/")
    form = page.locator("main form.card-form-wide")
    form.locator("#id_name_en").fill("Digital Substations Scholarship")
    form.locator("#id_provider").fill("Steppe Power Grid")
    form.locator("#id_amount").fill("500000")
    for programme in programmes:
        form.get_by_label(str(programme.title)).check()
    e.check("scholarship-form")
    page.get_by_role("button", name="Add the scholarship").click()
    page.wait_for_load_state()
    expect(page.locator("main")).to_contain_text("Give the currency of the amount.")
    expect(page.locator(".alert-danger").first).to_be_visible()
    e.check("scholarship-refused")
    assert not Scholarship.objects.filter(name_en="Digital Substations Scholarship").exists()
    page.locator("#id_currency").select_option("KZT")
    page.get_by_role("button", name="Add the scholarship").click()
    page.wait_for_load_state()
    expect(page.locator(".alert-success")).to_contain_text(
        "“Digital Substations Scholarship” is saved."
    )
    e.check("scholarships")
    added = Scholarship.objects.get(name_en="Digital Substations Scholarship")
    assert set(added.programmes.all()) == set(programmes)
    row = page.locator("main tbody tr", has_text="Digital Substations Scholarship")
    expect(row).to_contain_text("500,000")
    for programme in programmes:
        expect(row.get_by_role("link", name=str(programme.title))).to_be_visible()

    row.get_by_role("link", name="Edit").click()
    page.wait_for_load_state()
    e.check("scholarship-edit")
    page.locator("#id_amount").fill("650000")
    page.locator("#id_deadline").fill((timezone.localdate() + timedelta(days=60)).isoformat())
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_load_state()
    expect(page.locator(".alert-success")).to_contain_text(
        "“Digital Substations Scholarship” is saved."
    )
    added.refresh_from_db()
    assert added.amount == 650000
    assert added.programmes.count() == 2

    row = page.locator("main tbody tr", has_text="Old travel grant")
    row.get_by_role("link", name="Remove").click()
    page.wait_for_load_state()
    expect(page.locator("main")).to_contain_text("Remove “Old travel grant”?")
    expect(page.locator("main")).to_contain_text(str(programmes[0].title))
    e.check("scholarship-confirm-remove")
    page.get_by_role("button", name="Remove the scholarship").click()
    page.wait_for_load_state()
    expect(page.locator(".alert-success")).to_contain_text("“Old travel grant” is removed.")
    e.check("scholarship-removed")
    assert not Scholarship.objects.filter(pk=old.pk).exists()
    assert Scholarship.objects.filter(pk=added.pk).exists()


def _import(e, university, grids, tmp_path):
    """A file longer than JOB_THRESHOLD runs as a background job, and its page shows
    the outcome."""
    count = importer.JOB_THRESHOLD + 5
    lines = ["title_en,degree,ects,skills"]
    lines += [f"Short course {n},short_course,5,{grids.slug}:basic" for n in range(count)]
    file = tmp_path / "long.csv"
    file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    before = Programme.objects.count()
    page = e.goto(f"/programmes/{university.slug}/import/")
    page.locator("#import-file").set_input_files(str(file))
    page.get_by_role("button", name="Check the file").click()
    page.wait_for_load_state()
    expect(page.locator("main")).to_contain_text(
        f"The file has more than {importer.JOB_THRESHOLD} rows"
    )
    e.check("import-preview")
    page.get_by_role("button", name="Save all rows").click()
    page.wait_for_load_state()
    assert "/programmes/imports/" in page.url
    expect(page.locator(".alert-success").first).to_contain_text("runs in the background")
    page = e.check("import-job")
    if page.locator("#import-job").get_attribute("data-running") == "1":
        expect(page.locator("#import-job-status")).to_have_text("Imported", timeout=30_000)
        page.reload()
        e.check("import-job-done")
    expect(page.locator("#import-job-status")).to_have_text("Imported")
    expect(page.locator("#import-job-count")).to_have_text(f"{count} of {count} rows checked")
    expect(page.locator("main .alert-success").last).to_contain_text(
        f"{count} new programmes added, 0 updated."
    )
    assert page.locator("meta[http-equiv=refresh]").count() == 0
    assert Programme.objects.count() == before + count


def test_editors_keep_admissions_scholarships_imports_slides_and_the_timetable(
    journey, world, tmp_path
):
    satbayev = world["satbayev"]
    grids = world["grids"]
    smart_grids, power_systems = world["programmes"]
    agencies_load()
    agency = AccreditationAgency.objects.get(slug="iaar")
    # A joint programme of Tashkent with Satbayev as a partner: Satbayev's
    # scholarships may serve it.
    power_systems.partners.add(satbayev)

    editor = UniversityMembershipFactory(
        university=satbayev, user__email="editor@e2e.test", user__full_name="Ержан Абенов"
    ).user
    e = journey("editors-pages", viewport=PHONE)
    sign_in(e, editor.email, FACTORY_PASSWORD)

    # 1. The admissions page of a programme.
    _admissions(e, smart_grids, grids, agency)

    # 2. The university's scholarships.
    _scholarships(e, satbayev, [power_systems, smart_grids])

    # 3. A long import, as a background job.
    _import(e, satbayev, grids, tmp_path)

    # 4. A speaker of a published timetable uploads their slides.
    conference = build_conference(satbayev, talks=2)
    talk, other = conference.talks
    speaker = UserFactory(email="speaker@e2e.test", full_name="Дильноза Каримова")
    talk.submitter = speaker
    talk.save(update_fields=["submitter"])
    kept = conference.place(talk, room=0, day=0, hour=10)
    removed = conference.place(other, room=0, day=0, hour=11)
    conference.call.timetable_published_at = timezone.now()
    conference.call.save(update_fields=["timetable_published_at"])
    empty_room = conference.rooms[1]
    CommitteeMember.objects.create(
        call=conference.call,
        user=UserFactory(
            email="a.very.long.reviewer.address@kazakh-british-technical-university.e2e.test",
            full_name="Reviewer With A Long Address",
        ),
        role="reviewer",
    )

    s = journey("editors-pages-speaker", viewport=PHONE)
    sign_in(s, speaker.email, FACTORY_PASSWORD)
    page = s.goto(talk.get_absolute_url())
    page.get_by_role("link", name="Upload the slides").click()
    page.wait_for_load_state()
    assert page.url.endswith(f"/programme/contributions/{talk.pk}/slides/")
    s.check("slides-form")
    pdf = tmp_path / "slides.pdf"
    pdf.write_bytes(table_pdf())
    page.locator("#id_slides").set_input_files(str(pdf))
    page.get_by_role("button", name="Upload", exact=True).click()
    page.wait_for_load_state()
    expect(page.locator(".alert-success")).to_contain_text("The slides have been uploaded.")
    s.check("slides-uploaded")
    talk.refresh_from_db()
    assert talk.slides
    page = s.goto(f"/programme/sessions/{kept.pk}/")
    link = page.get_by_role("link", name="Slides (PDF)")
    expect(link).to_be_visible()
    slides = page.request.get(s.base_url + link.get_attribute("href"))
    assert slides.status == 200
    assert slides.headers["content-type"] == "application/pdf"
    assert slides.body().startswith(b"%PDF-")

    # 5. The committee (the host university's editor) removes a session and an
    # empty room, each after its confirmation page.
    page = e.goto(f"/programme/{conference.event.pk}/timetable/edit/")
    e.check("timetable-editor")
    page.locator(f"a[href$='/programme/sessions/{removed.pk}/remove/']").click()
    page.wait_for_load_state()
    expect(page.locator("h1")).to_contain_text(f"Remove “{other.title}” from the timetable?")
    e.check("session-confirm-remove")
    page.get_by_role("button", name="Remove", exact=True).click()
    page.wait_for_load_state()
    expect(page.locator(".alert-success")).to_contain_text(
        f"“{other.title}” is no longer in the timetable."
    )
    e.check("session-removed")
    assert not Session.objects.filter(pk=removed.pk).exists()
    assert Session.objects.filter(pk=kept.pk).exists()

    page = e.goto(f"/programme/{conference.event.pk}/timetable/edit/#rooms")
    page.locator(f"a[href$='/programme/rooms/{empty_room.pk}/remove/']").click()
    page.wait_for_load_state()
    e.check("room-confirm-remove")
    expect(page.locator("h1")).to_contain_text(f"Remove the room “{empty_room.name_en}”?")
    expect(page.locator(".alert-warning")).to_have_count(0)  # it holds no session
    page.get_by_role("button", name="Remove", exact=True).click()
    page.wait_for_load_state()
    expect(page.locator(".alert-success")).to_contain_text(
        f"The room “{empty_room.name_en}” has been removed."
    )
    e.check("room-removed")
    assert not Room.objects.filter(pk=empty_room.pk).exists()

    # 6. The committee page and the timetable editor on a phone: their tables
    # scroll inside their boxes, the page does not widen.
    page = e.goto(f"/programme/{conference.event.pk}/committee/")
    expect(page.locator("main table")).to_contain_text("Reviewer With A Long Address")
    page = e.goto(f"/programme/{conference.event.pk}/timetable/edit/")
    expect(page.locator("main")).to_contain_text(talk.title)
    expect(page.locator("#unplaced")).to_contain_text(other.title)
