"""Journey 2: university staff join their university, edit its strengths and add
programmes by form and by CSV import."""

import pytest
from playwright.sync_api import expect

from curricula.models import Programme
from tests.factories import PASSWORD as FACTORY_PASSWORD
from universities.models import ResearchArea, Strength

from .helpers import approve_membership, sign_in, sign_up

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_staff_member_joins_and_keeps_the_university_up_to_date(journey, world, tmp_path):
    university = world["satbayev"]
    staff = journey("staff")
    page = sign_up(staff, "lecturer@e2e.test")

    page = staff.goto("/accounts/memberships/request/university/")
    page.locator("#id_target").select_option(label=university.name_en)
    page.locator("#id_message").fill("Lecturer in power engineering.")
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".alert-success")).to_be_visible()
    staff.check("membership-requested")
    assert (
        staff.page.request.get(f"{staff.base_url}/universities/{university.slug}/edit/").status
        == 403
    )

    coordinator = journey("staff-coordinator")
    sign_in(coordinator, world["coordinator"].email, FACTORY_PASSWORD)
    approve_membership(coordinator, "lecturer@e2e.test")

    area = ResearchArea.objects.get(slug="power-systems-smart-grids")
    new_row = f"#id_strengths-{Strength.objects.filter(university=university).count()}"
    page = staff.goto(f"/universities/{university.slug}/edit/strengths/")
    page.locator(f"{new_row}-area").select_option(str(area.pk))
    page.locator(f"{new_row}-level").select_option("3")
    page.locator(f"{new_row}-statement_en").fill("National grid laboratory")
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".alert-success")).to_be_visible()
    staff.check("strengths-saved")
    saved = Strength.objects.get(university=university, area=area)
    assert saved.statement_en == "National grid laboratory"

    page = staff.goto(f"/programmes/{university.slug}/new/")
    page.locator("#id_title_en").fill("Battery Engineering")
    page.locator("#id_degree").select_option("master")
    page.locator("#id_ects").fill("120")
    page.locator("#id_status").select_option("published")
    page.locator("#id_programme_skills-0-skill").fill("battery chemistry")
    page.locator("#id_programme_skills-0-level").select_option("3")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("h1")).to_contain_text("Battery Engineering")
    staff.check("programme-added")

    header = "title_en,degree,ects,languages,skills,status\n"
    bad = tmp_path / "bad.csv"
    bad.write_text(
        header + "Hydrogen Systems,master,120,en,design smart grids:advanced,published\n"
        "Grid Analytics,master,999,en,,published\n",
        encoding="utf-8",
    )
    page = staff.goto(f"/programmes/{university.slug}/import/")
    page.locator("#import-file").set_input_files(str(bad))
    page.locator("main form button[type=submit]").first.click()
    expect(page.locator("tr.table-danger")).to_contain_text("360")
    staff.check("import-row-error")
    fixed = tmp_path / "fixed.csv"
    fixed.write_text(
        header + "Hydrogen Systems,master,120,en,design smart grids:advanced,published\n"
        "Grid Analytics,master,90,en,,published\n",
        encoding="utf-8",
    )
    page.locator("#import-file").set_input_files(str(fixed))
    page.locator("main form button[type=submit]").first.click()
    page.get_by_role("button", name="Save all rows").click()
    expect(page.locator(".alert-success")).to_contain_text(
        "Programmes imported: 2 new, 0 updated, 0 unchanged."
    )
    staff.check("imported")

    page = staff.goto(f"/programmes/?university={university.slug}")
    for title in ("Battery Engineering", "Hydrogen Systems", "Grid Analytics"):
        expect(page.locator("main")).to_contain_text(title)
    assert Programme.objects.filter(university=university).count() == 4
