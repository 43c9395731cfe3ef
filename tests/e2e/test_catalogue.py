"""Journey 10: the programme catalogue. A student filters the catalogue by an
application deadline within three months and an open scholarship and finds exactly
the programme that has both; compares three programmes with the rows a student
applies by (field, accreditation, entry requirements, deadlines, fees,
scholarships), on a desktop and on a phone; saves one programme, saves the search
and, a week later, receives the alert e-mail of a new matching programme, whose
link unsubscribes in one click. A university editor exports the university's
catalogue, changes one tuition fee in the file saved as Excel does in a Russian
locale (semicolon-separated, Windows-1251), imports it back and finds the change
applied and nothing else changed. A visitor reads a programme page in Russian."""

import csv
import io
import re
from datetime import timedelta
from decimal import Decimal
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from core import outbox
from curricula import alerts
from curricula.models import (
    Accreditation,
    AccreditationAgency,
    Field,
    Intake,
    LearningOutcome,
    Programme,
    ProgrammePartner,
    ProgrammeSkill,
    SavedProgramme,
    SavedSearch,
    Scholarship,
)
from curricula.reference import agencies_load
from tests.factories import PASSWORD as FACTORY_PASSWORD
from tests.factories import UniversityMembershipFactory, UserFactory
from universities.models import Language

from .conftest import PHONE
from .helpers import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _in(field, en, ru, kk="", uz=""):
    return {f"{field}_en": en, f"{field}_ru": ru, f"{field}_kk": kk, f"{field}_uz": uz}


def _first_of_month(day):
    return day.replace(day=1)


def _programme(university, slug, titles, *, deadline_in, starts_in, skills, field=None, **extra):
    """A published master's programme with one intake (its deadline and start that
    many days from today), its skills at their levels, taught in English and Russian."""
    today = timezone.localdate()
    programme = Programme.objects.create(
        university=university, slug=slug, degree="master", ects=120, duration_months=24,
        intake=25, status="published", field=field, **_in("title", *titles), **extra,
    )  # fmt: skip
    programme.languages.add(*Language.objects.filter(code__in=["en", "ru"]))
    Intake.objects.create(
        programme=programme,
        starts_on=_first_of_month(today + timedelta(days=starts_in)),
        application_deadline=today + timedelta(days=deadline_in),
    )
    for skill, level in skills:
        ProgrammeSkill.objects.create(programme=programme, skill=skill, level=level)
    programme.refresh_search_document()
    return programme


def _snapshot():
    """Every programme's own values and relations, as the ORM holds them."""
    ignored = {"updated_at", "search_document"}
    state = {}
    for programme in Programme.objects.order_by("pk"):
        state[programme.slug] = {
            "fields": {
                f.attname: getattr(programme, f.attname)
                for f in Programme._meta.concrete_fields
                if f.attname not in ignored
            },
            "skills": sorted(programme.programme_skills.values_list("skill__slug", "level")),
            "intakes": sorted(programme.intakes.values_list("starts_on", "application_deadline")),
            "accreditations": sorted(
                programme.accreditations.values_list(
                    "agency__slug", "decision", "decided_on", "valid_until", "report_url"
                )
            ),
            "partners": sorted(programme.partners.values_list("slug", flat=True)),
            "languages": sorted(programme.languages.values_list("code", flat=True)),
            "outcomes": list(
                programme.outcomes.order_by("position", "pk").values_list(
                    "text_en", "text_ru", "skill__slug", "level"
                )
            ),
            "scholarships": sorted(programme.scholarships.values_list("pk", flat=True)),
        }
    return state


def _card(page, title):
    return page.locator("main article.card", has=page.get_by_role("link", name=title, exact=True))


def test_a_student_filters_compares_saves_and_is_alerted_and_an_editor_round_trips_the_csv(
    journey, world, tmp_path
):
    satbayev, tashkent = world["satbayev"], world["tashkent"]
    grids, batteries = world["grids"], world["batteries"]
    agencies_load()
    today = timezone.localdate()
    energy = Field.objects.create(
        code="0713", level="detailed", **_in("name", "Electricity and energy",
                                            "Электричество и энергетика"),
    )  # fmt: skip

    # The catalogue: one programme with both a deadline within three months and an
    # open scholarship; one whose deadline is five months away; one without any
    # scholarship (and the two programmes of the world, without intakes).
    renewables = _programme(
        satbayev, "renewable-energy-systems",
        ("Renewable Energy Systems", "Системы возобновляемой энергетики", "",
         "Qayta tiklanuvchi energiya tizimlari"),
        deadline_in=40, starts_in=120, skills=[(grids, 3), (batteries, 2)], field=energy,
        tuition_per_year=Decimal("1800000"), tuition_international=Decimal("2500000"),
        currency="KZT", entry_degree="bachelor", language_test="IELTS", language_level="6.0",
        official_url="https://satbayev.university/en/masters/renewable-energy-systems",
        application_url="https://satbayev.university/en/admission",
        **_in("entry_requirements", "An engineering bachelor's degree and an interview.",
              "Диплом бакалавра инженерии и собеседование."),
        **_in("description", "Wind and solar plants and their integration into the grid.",
              "Ветровые и солнечные станции и их интеграция в сеть."),
    )  # fmt: skip
    ProgrammePartner.objects.create(programme=renewables, university=tashkent)
    LearningOutcome.objects.create(
        programme=renewables, skill=grids, level=3, position=1,
        **_in("text", "Design the connection of a solar plant to a regional grid.",
              "Проектировать присоединение солнечной станции к региональной сети."),
    )  # fmt: skip
    Accreditation.objects.create(
        programme=renewables, agency=AccreditationAgency.objects.get(slug="iaar"),
        decision="accredited", decided_on=today - timedelta(days=400),
        valid_until=today + timedelta(days=1400), report_url="https://iaar.agency/reports/se-res",
    )  # fmt: skip
    hydro = _programme(
        tashkent, "hydropower-engineering",
        ("Hydropower Engineering", "Гидроэнергетика", "", "Gidroenergetika"),
        deadline_in=150, starts_in=200, skills=[(grids, 2)], field=energy,
        tuition_per_year=Decimal("21000000"), tuition_international=Decimal("42000000"),
        currency="UZS", entry_degree="bachelor", language_test="IELTS", language_level="5.5",
    )  # fmt: skip
    Accreditation.objects.create(
        programme=hydro, agency=AccreditationAgency.objects.get(slug="uz-inspection"),
        decided_on=today - timedelta(days=200), valid_until=today + timedelta(days=1600),
    )  # fmt: skip
    efficiency = _programme(
        satbayev, "energy-efficiency-in-buildings",
        ("Energy Efficiency in Buildings", "Энергоэффективность зданий", "",
         "Binolarning energiya samaradorligi"),
        deadline_in=50, starts_in=120, skills=[(batteries, 1)],
        tuition_per_year=Decimal("1500000"), currency="KZT", entry_degree="bachelor",
    )  # fmt: skip
    merit = Scholarship.objects.create(
        university=satbayev, provider="Satbayev University", amount=Decimal("600000"),
        currency="KZT", deadline=today + timedelta(days=35),
        url="https://satbayev.university/en/scholarships",
        **_in("name", "Satbayev Merit Scholarship", "Стипендия Сатпаева за успехи"),
        **_in("eligibility", "Admitted students with a grade average of 3.5 or more.",
              "Поступившие со средним баллом не ниже 3,5."),
    )  # fmt: skip
    mobility = Scholarship.objects.create(
        university=tashkent, provider="Central Asian Energy Foundation",
        amount=Decimal("3000"), currency="USD",
        **_in("name", "Energy Transition Mobility Grant", "Грант мобильности энергоперехода"),
        **_in("eligibility", "Students from another Central Asian country.",
              "Студенты из другой страны Центральной Азии."),
    )  # fmt: skip
    merit.programmes.add(renewables)
    mobility.programmes.add(renewables, hydro)  # one scholarship serves two programmes

    # 1. A signed-in student filters by deadline within three months and scholarship.
    student = UserFactory(email="student@e2e.test", full_name="Айгерим Серикова")
    s = journey("catalogue-student")
    sign_in(s, student.email, FACTORY_PASSWORD)
    page = s.goto("/programmes/")
    expect(page.locator("main")).to_contain_text("5 programmes found")
    page.locator("#id_deadline_within").select_option("3")
    page.locator("#id_scholarship").check()
    page.locator("#filters button[type=submit]").click()
    page.wait_for_load_state()
    s.check("filtered")
    expect(page.locator("main")).to_contain_text("1 programme found")
    titles = page.locator("main article.card h2").all_inner_texts()
    assert titles == ["Renewable Energy Systems"]
    start = _first_of_month(today + timedelta(days=120))
    expect(_card(page, "Renewable Energy Systems")).to_contain_text(f"starts {start:%B %Y}")
    filtered = page.url

    # 2. The student ticks three programmes in the catalogue and compares them.
    page = s.goto("/programmes/")
    for title in ("Renewable Energy Systems", "Hydropower Engineering",
                  "Energy Efficiency in Buildings"):  # fmt: skip
        _card(page, title).locator("input[name=p]").check()
    page.get_by_role("button", name="Compare the ticked programmes (up to 4)").click()
    page.wait_for_load_state()
    s.check("compare")
    compared = page.url
    assert "/programmes/compare/" in compared

    def compare_rows(page):
        # The columns come in the catalogue's order (by title).
        headers = page.locator("main table thead th a").all_inner_texts()
        assert headers == [
            "Energy Efficiency in Buildings", "Hydropower Engineering", "Renewable Energy Systems"
        ]  # fmt: skip
        efficient, hydro_, renewable = 0, 1, 2
        row = {name: page.locator(f"#row-{name} td") for name in (
            "field", "accreditation", "entry-degree", "language-test", "deadline", "start",
            "tuition-local", "tuition-international", "scholarships")}  # fmt: skip
        expect(row["field"].nth(renewable)).to_contain_text("Electricity and energy")
        expect(row["field"].nth(efficient)).to_have_text("—")
        expect(row["accreditation"].nth(renewable)).to_contain_text("IAAR")
        expect(row["accreditation"].nth(hydro_)).not_to_have_text("—")
        expect(row["accreditation"].nth(efficient)).to_have_text("—")
        expect(row["entry-degree"].nth(renewable)).to_have_text("Bachelor's degree")
        expect(row["language-test"].nth(renewable)).to_have_text("IELTS 6.0")
        expect(row["language-test"].nth(efficient)).to_have_text("—")
        deadline = today + timedelta(days=40)
        expect(row["deadline"].nth(renewable)).to_contain_text(str(deadline.year))
        expect(row["start"].nth(renewable)).to_have_text(f"{start:%B %Y}")
        expect(row["tuition-local"].nth(renewable)).to_contain_text("KZT")
        expect(row["tuition-local"].nth(hydro_)).to_contain_text("UZS")
        expect(row["tuition-international"].nth(renewable)).to_contain_text("KZT")
        assert row["scholarships"].all_inner_texts() == ["0", "1", "2"]

    compare_rows(page)
    phone = journey("catalogue-compare-phone", viewport=PHONE)
    sign_in(phone, student.email, FACTORY_PASSWORD)
    compare_rows(phone.goto(urlsplit(compared).path + "?" + urlsplit(compared).query))

    # 3. The student saves one programme from its page, finds it on the saved page,
    # then saves the filtered search.
    page = s.goto(renewables.get_absolute_url())
    page.locator("main form[action$='/save/'] button[type=submit]").first.click()
    page.wait_for_load_state()
    expect(page.locator(".alert-success")).to_contain_text("Saved")
    expect(page.get_by_role("button", name="Saved ✓")).to_be_visible()
    s.check("programme-saved")
    assert SavedProgramme.objects.filter(user=student, programme=renewables).exists()
    page = s.goto("/programmes/saved/")
    expect(page.locator("main .list-group").first).to_contain_text("Renewable Energy Systems")
    page.goto(filtered)
    page.locator("#save-search-name").fill("Funded, apply soon")
    page.get_by_role("button", name="Save this search and e-mail me new programmes").click()
    page.wait_for_load_state()
    expect(page.locator(".alert-success")).to_contain_text("Funded, apply soon")
    s.check("search-saved")
    (search,) = SavedSearch.objects.filter(user=student)
    assert "scholarship=on" in search.query
    assert "deadline_within=3" in search.query

    # A programme matching the search is added after it was saved; a week and a day
    # later the alert tells of it.
    storage = _programme(
        satbayev, "grid-scale-energy-storage",
        ("Grid-Scale Energy Storage", "Сетевые накопители энергии", "",
         "Tarmoq miqyosidagi energiya saqlash"),
        deadline_in=30, starts_in=120, skills=[(batteries, 3)], field=energy,
        tuition_per_year=Decimal("1700000"), currency="KZT", entry_degree="bachelor",
    )  # fmt: skip
    merit.programmes.add(storage)
    mail.outbox.clear()
    assert alerts.alerts_enqueue(now=timezone.now() + timedelta(days=6)) == 0  # not a week
    assert alerts.alerts_enqueue(now=timezone.now() + timedelta(days=8)) == 1
    outbox.send_due()
    (message,) = [m for m in mail.outbox if student.email in m.to]
    assert message.to == [student.email]
    assert message.subject == "Programmes for your search “Funded, apply soon”"
    assert "Grid-Scale Energy Storage" in message.body
    assert "Renewable Energy Systems" not in message.body  # it was there before the search
    unsubscribe = message.extra_headers["List-Unsubscribe"].strip("<>")
    assert unsubscribe == alerts.unsubscribe_url(search)
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert unsubscribe in message.body
    page = s.goto(urlsplit(unsubscribe).path)
    expect(page.locator("main")).to_contain_text("Funded, apply soon")
    page.get_by_role("button", name="Remove the search and stop the e-mails").click()
    page.wait_for_load_state()
    expect(page.locator(".alert-info")).to_contain_text("no more e-mails")
    s.check("unsubscribed")
    assert not SavedSearch.objects.filter(user=student).exists()

    # 4. An editor of Satbayev University exports its programmes, changes one fee in
    # the file, saves it as semicolon-separated Windows-1251 and imports it back.
    editor = UniversityMembershipFactory(
        university=satbayev, user__email="editor@e2e.test", user__full_name="Ержан Абенов"
    ).user
    e = journey("catalogue-editor")
    sign_in(e, editor.email, FACTORY_PASSWORD)
    page = e.goto(f"/programmes/{satbayev.slug}/")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Export for editing (CSV)").click()
    download = download_info.value
    assert download.suggested_filename == f"{satbayev.slug}-programmes.csv"
    exported = download.path().read_bytes().decode("utf-8-sig")
    reader = csv.DictReader(io.StringIO(exported, newline=""))
    rows = list(reader)
    assert sorted(row["slug"] for row in rows) == sorted(
        [renewables.slug, efficiency.slug, storage.slug, "smart-grids-engineering"]
    )
    (edited,) = [row for row in rows if row["slug"] == renewables.slug]
    assert edited["tuition_per_year"] == "1800000"
    assert edited["partners"] == tashkent.slug
    assert edited["skills"] == "battery-chemistry:intermediate; design-smart-grids:advanced"
    edited["tuition_per_year"] = "1950000"
    file = tmp_path / "satbayev-programmes.csv"
    with file.open("w", encoding="cp1251", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=reader.fieldnames, delimiter=";")
        writer.writeheader()
        writer.writerows(rows)
    before = _snapshot()

    page = e.goto(f"/programmes/{satbayev.slug}/import/")
    page.locator("#import-file").set_input_files(str(file))
    page.get_by_role("button", name="Check the file").click()
    page.wait_for_load_state()
    e.check("import-preview")
    main = page.locator("main")
    expect(main).to_contain_text("Read as: Semicolon-separated, Windows-1251.")
    expect(main.locator("tbody tr")).to_have_count(4)
    expect(main.locator("tbody tr.table-danger")).to_have_count(0)
    (change,) = main.locator("tbody li").all()
    expect(change).to_have_text("tuition_per_year: 1800000 → 1950000")
    row = main.locator("tbody tr", has_text="Renewable Energy Systems")
    expect(row).to_contain_text("Системы возобновляемой энергетики")  # every language's title
    expect(main.locator("tbody tr", has_text="no change to the existing programme")).to_have_count(
        3
    )
    page.get_by_role("button", name="Save all rows").click()
    page.wait_for_load_state()
    expect(page.locator(".alert-success")).to_contain_text(
        "Programmes imported: 0 new, 1 updated, 3 unchanged."
    )
    e.check("imported")

    after = _snapshot()
    assert after[renewables.slug]["fields"]["tuition_per_year"] == Decimal("1950000")
    before[renewables.slug]["fields"]["tuition_per_year"] = Decimal("1950000")
    for slug in before:
        for part in before[slug]:
            assert after[slug][part] == before[slug][part], (slug, part)
    assert after.keys() == before.keys()

    # 5. A visitor reads the programme's page in Russian.
    r = journey("catalogue-russian", viewport=PHONE, locale="ru-RU")
    page = r.goto(f"/ru{renewables.get_absolute_url()}")
    expect(page.locator("h1")).to_contain_text("Системы возобновляемой энергетики")
    expect(page.locator("#scholarships")).to_contain_text("Стипендия Сатпаева за успехи")
    expect(page.locator("main")).to_contain_text("IAAR")
    assert re.search(r"1\s?950\s?000", page.locator("#tuition-local").inner_text())
