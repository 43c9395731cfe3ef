"""What a student needs, as the catalogue shows it: the programme page's admission
blocks, the comparison's rows, the catalogue's filters and cards, and joint
programmes on their partners' pages."""

import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from dateutil.relativedelta import relativedelta
from django.urls import reverse
from django.utils import timezone

from curricula.models import (
    Accreditation,
    AccreditationAgency,
    Field,
    Intake,
    Language,
    LearningOutcome,
    Scholarship,
    Skill,
)
from curricula.reference import agencies_load
from tests.curricula.test_programmes import make_programme
from tests.factories import UniversityFactory

pytestmark = pytest.mark.django_db

IQAA_LINK = (
    '<strong>IQAA</strong> — <a href="https://www.eqar.eu/register/agencies/?query=IQAA" '
    'rel="noopener">Independent Kazakh Agency for Quality Assurance in Education</a>'
)


@pytest.fixture
def iqaa(db):
    agencies_load()
    return AccreditationAgency.objects.get(slug="iqaa")


@pytest.fixture
def year():
    return timezone.localdate().year + 1


@pytest.fixture
def grid_skill(db):
    return Skill.objects.create(name_en="smart grids", slug="smart-grids")


def _intake(programme, starts_on, deadline):
    return Intake.objects.create(
        programme=programme, starts_on=starts_on, application_deadline=deadline
    )


def _deadline_in(programme, days):
    deadline = timezone.localdate() + timedelta(days=days)
    return _intake(programme, deadline + timedelta(days=30), deadline)


def _accredit(programme, agency, *, until, decided=None):
    return Accreditation.objects.create(
        programme=programme,
        agency=agency,
        decided_on=decided or until - timedelta(days=5 * 365),
        valid_until=until,
        report_url="https://iqaa.kz/reports/grids.pdf",
    )


def _scholarship(university, programmes, **values):
    defaults = {
        "name_en": "Energy Futures Grant",
        "provider": "Ministry of Energy",
        "eligibility_en": "Graduates with a grade average of 4.5 or more.",
    }
    scholarship = Scholarship.objects.create(university=university, **{**defaults, **values})
    scholarship.programmes.set(programmes)
    return scholarship


@pytest.fixture
def full_programme(university, other_university, iqaa, grid_skill, year):
    programme = make_programme(
        university,
        official_url="https://satbayev.university/en/grids",
        application_url="https://apply.satbayev.university/grids",
        entry_degree="bachelor",
        language_test="IELTS",
        language_level="6.0",
        entry_requirements_en="A motivation letter and an interview.",
        entry_requirements_ru="Мотивационное письмо и собеседование.",
        tuition_per_year=Decimal("1200000"),
        tuition_international=Decimal("2500000"),
        currency="KZT",
    )
    programme.languages.add(Language.objects.get(code="en"))
    programme.partners.add(other_university)
    _intake(programme, date(year - 3, 9, 1), date(year - 3, 7, 1))
    _intake(programme, date(year, 9, 1), date(year, 7, 15))
    _intake(programme, date(year + 1, 2, 1), date(year + 1, 1, 10))
    _scholarship(
        university,
        [programme],
        amount=Decimal("500000"),
        currency="KZT",
        deadline=date(year, 6, 1),
        url="https://satbayev.university/grants",
    )
    LearningOutcome.objects.create(
        programme=programme,
        text_en="Plan the operation of a grid with storage.",
        skill=grid_skill,
        level=3,
    )
    _accredit(programme, iqaa, decided=date(year - 2, 1, 10), until=date(year + 3, 1, 9))
    return programme


def _page(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode()


def test_programme_page_shows_how_to_apply_with_the_next_deadline(client, full_programme, year):
    page = _page(client, full_programme.get_absolute_url())
    assert f"Apply by July 15, {year}" in page
    assert f"for the start in September {year}" in page
    assert (
        '<a class="btn btn-primary" href="https://apply.satbayev.university/grids" '
        'rel="noopener">Application page</a>'
    ) in page
    assert (
        '<a class="btn btn-outline-primary" href="https://satbayev.university/en/grids" '
        'rel="noopener">Official page</a>'
    ) in page


def test_programme_page_shows_entry_requirements(client, full_programme):
    page = _page(client, full_programme.get_absolute_url())
    assert '<dd class="col-sm-8">Bachelor&#x27;s degree</dd>' in page
    assert '<dd class="col-sm-8">English</dd>' in page
    assert '<dd class="col-sm-8">IELTS, level 6.0</dd>' in page
    assert "A motivation letter and an interview." in page


def test_entry_requirements_in_the_visitors_language_with_fallback(client, full_programme):
    url = full_programme.get_absolute_url()
    assert "Мотивационное письмо и собеседование." in _page(client, "/ru" + url)
    # No Kazakh text: the Russian one is shown, marked as such; no Uzbek or Russian
    # text would give the English one.
    kazakh = _page(client, "/kk" + url)
    assert '<div class="translated-text" lang="ru">' in kazakh
    assert "Мотивационное письмо и собеседование." in kazakh
    full_programme.entry_requirements_ru = ""
    full_programme.save()
    assert "A motivation letter and an interview." in _page(client, "/uz" + url)


def test_programme_page_lists_intakes_with_month_names_and_past_ones_marked(
    client, full_programme, year
):
    page = _page(client, full_programme.get_absolute_url())
    rows = re.findall(r"<tr[^>]*><td>(.*?)</td><td>(.*?)</td></tr>", page)
    assert rows == [
        (
            f"September {year - 3}",
            f'July 1, {year - 3} <span class="badge text-bg-secondary">Deadline passed</span>',
        ),
        (f"September {year}", f"July 15, {year}"),
        (f"February {year + 1}", f"Jan. 10, {year + 1}"),
    ]


def test_programme_page_shows_tuition_for_local_and_international_students(
    client, full_programme, university
):
    page = _page(client, full_programme.get_absolute_url())
    assert '<dd id="tuition-local">1,200,000 KZT</dd>' in page
    assert '<dd id="tuition-international">2,500,000 KZT</dd>' in page
    free = make_programme(university, "Free course", tuition_free=True)
    page = _page(client, free.get_absolute_url())
    assert '<dd id="tuition-local">Free</dd>' in page
    assert '<dd id="tuition-international">Free</dd>' in page


def test_programme_page_shows_scholarships_serving_it(client, full_programme, year):
    page = _page(client, full_programme.get_absolute_url())
    assert (
        '<a href="https://satbayev.university/grants" rel="noopener">Energy Futures Grant</a>'
    ) in page
    assert f"Provided by Ministry of Energy · 500,000 KZT · apply by June 1, {year}" in page
    assert "Graduates with a grade average of 4.5 or more." in page


def test_programme_page_shows_learning_outcomes_with_skill_and_level(client, full_programme):
    page = _page(client, full_programme.get_absolute_url())
    assert "Plan the operation of a grid with storage." in page
    assert (
        '<a href="/skills/smart-grids/">smart grids</a> <span class="badge level-3">Advanced</span>'
    ) in page


def test_programme_page_shows_accreditation(client, full_programme, year):
    page = _page(client, full_programme.get_absolute_url())
    assert IQAA_LINK in page
    assert (
        f"Accredited · decided on Jan. 10, {year - 2}, valid until Jan. 9, {year + 3} · "
        '<a href="https://iqaa.kz/reports/grids.pdf" rel="noopener">Report</a>'
    ) in page
    assert "Expired" not in page


def test_accreditation_past_its_end_is_shown_expired(client, university, iqaa):
    programme = make_programme(university)
    _accredit(programme, iqaa, until=timezone.localdate() - timedelta(days=1))
    page = _page(client, programme.get_absolute_url())
    assert '<span class="badge text-bg-danger">Expired</span>' in page


def test_programme_page_names_every_partner(client, full_programme, other_university):
    page = _page(client, full_programme.get_absolute_url())
    assert "Led by Satbayev University with:" in page
    assert (
        f'<li><a href="{other_university.get_absolute_url()}">'
        "Tashkent State Technical University</a> · Uzbekistan</li>"
    ) in page


def test_programme_page_empty_states(client, university):
    page = _page(client, make_programme(university).get_absolute_url())
    assert "No intake is listed yet: ask the university." in page
    assert "The university has not listed its entry requirements yet." in page
    assert "No scholarship is listed for this programme." in page
    assert "No accreditation is listed." in page


def _cells(page, row_id):
    row = re.search(rf'<tr id="{row_id}">(.*?)</tr>', page, re.S)
    assert row is not None, row_id
    cells = re.findall(r"<td>(.*?)</td>", row.group(1), re.S)
    return [re.sub(r"<[^>]+>", "", cell).strip() for cell in cells]


def test_comparison_has_the_admission_rows_for_three_programmes(
    client, full_programme, university, other_university, iqaa, year
):
    field = Field.objects.create(code="0713", level="detailed", name_en="Electricity and energy")
    expired = make_programme(
        other_university,
        "Mining Engineering",
        field=field,
        entry_degree="secondary",
        language_test="TOEFL",
        tuition_free=True,
    )
    _accredit(expired, iqaa, until=timezone.localdate() - timedelta(days=1))
    bare = make_programme(university, "Hydropower", tuition_per_year=Decimal("900"), currency="USD")
    page = _page(
        client,
        reverse("curricula:programme_compare"),
        p=[full_programme.pk, expired.pk, bare.pk],
    )
    assert _cells(page, "row-field") == ["—", "0713 Electricity and energy", "—"]
    assert _cells(page, "row-accreditation") == [
        f"IQAA until Jan. 9, {year + 3}",
        "IQAA Expired",
        "—",
    ]
    assert _cells(page, "row-entry-degree") == [
        "Bachelor&#x27;s degree",
        "Secondary school certificate",
        "—",
    ]
    assert _cells(page, "row-language-test") == ["IELTS 6.0", "TOEFL", "—"]
    assert _cells(page, "row-deadline") == [f"July 15, {year}", "—", "—"]
    assert _cells(page, "row-start") == [f"September {year}", "—", "—"]
    assert _cells(page, "row-tuition-local") == ["1,200,000 KZT", "Free", "900 USD"]
    assert _cells(page, "row-tuition-international") == ["2,500,000 KZT", "Free", "—"]
    assert _cells(page, "row-scholarships") == ["1", "0", "0"]


def _titles(client, **params):
    response = client.get(reverse("curricula:programme_list"), params)
    assert response.status_code == 200
    return sorted(p.title_en for p in response.context["programmes"])


def test_deadline_within_three_months(client, university):
    soon = make_programme(university, "Soon")
    _deadline_in(soon, 61)
    _deadline_in(make_programme(university, "Later"), 152)
    past = make_programme(university, "Past")
    _deadline_in(past, -10)
    make_programme(university, "No intake")
    assert _titles(client, deadline_within="3") == ["Soon"]
    assert _titles(client, deadline_within="6") == ["Later", "Soon"]


def test_deadline_today_counts_and_the_window_ends_n_months_on(client, university):
    today = timezone.localdate()
    _intake(make_programme(university, "Today"), today + timedelta(days=1), today)
    edge = today + relativedelta(months=1)
    _intake(make_programme(university, "Edge"), edge + timedelta(days=1), edge)
    after = edge + timedelta(days=1)
    _intake(make_programme(university, "After"), after + timedelta(days=1), after)
    assert _titles(client, deadline_within="1") == ["Edge", "Today"]


def test_scholarship_filter(client, university):
    with_one = make_programme(university, "With a scholarship")
    closed = make_programme(university, "Closed scholarship")
    make_programme(university, "Without")
    _scholarship(university, [with_one])
    _scholarship(
        university, [closed], name_en="Old grant", deadline=timezone.localdate() - timedelta(1)
    )
    assert _titles(client, scholarship="on") == ["With a scholarship"]


def test_tuition_range_in_one_currency_with_free_as_zero(client, university):
    make_programme(university, "Cheap", tuition_per_year=Decimal("300000"), currency="KZT")
    make_programme(university, "Dear", tuition_per_year=Decimal("900000"), currency="KZT")
    make_programme(university, "Dollars", tuition_per_year=Decimal("300000"), currency="USD")
    make_programme(university, "Free", tuition_free=True)
    make_programme(university, "Unknown fee")
    assert _titles(client, tuition_min="0", tuition_max="500000", currency="KZT") == [
        "Cheap",
        "Free",
    ]
    assert _titles(client, tuition_min="100000", currency="KZT") == ["Cheap", "Dear"]
    assert _titles(client, tuition_max="300000", currency="USD") == ["Dollars", "Free"]


def test_city_filter(client, university, other_university):
    other_university.city_en = "Tashkent"
    other_university.save()
    make_programme(university, "In Almaty")
    make_programme(other_university, "In Tashkent")
    assert _titles(client, city="Almaty") == ["In Almaty"]
    assert _titles(client, city="tashkent") == ["In Tashkent"]
    assert _titles(client, city="Nowhere") == []


def test_accredited_filter_excludes_an_expired_accreditation(client, university, iqaa):
    today = timezone.localdate()
    _accredit(make_programme(university, "Current"), iqaa, until=today)
    _accredit(make_programme(university, "Expired"), iqaa, until=today - timedelta(days=1))
    make_programme(university, "Never")
    assert _titles(client, accredited="on") == ["Current"]


def test_catalogue_card_shows_next_deadline_and_accredited_badge(client, full_programme, year):
    page = _page(client, reverse("curricula:programme_list"))
    assert f"Apply by July 15, {year} (starts September {year})" in page
    assert '<span class="badge text-bg-success">Accredited</span>' in page


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"deadline_within": "7"}, "Select a valid choice. 7 is not one of the available choices."),
        ({"deadline_within": "x" * 300}, "is not one of the available choices."),
        ({"tuition_min": "cheap", "currency": "KZT"}, "Enter a number."),
        ({"tuition_max": "NaN", "currency": "KZT"}, "Enter a number."),
        (
            {"tuition_min": "-5", "currency": "KZT"},
            "Ensure this value is greater than or equal to 0.",
        ),
        ({"tuition_max": "1e30", "currency": "KZT"}, "Ensure this value is less than or equal to"),
        ({"tuition_min": "100"}, "Choose the currency of the tuition range."),
        (
            {"tuition_min": "500", "tuition_max": "100", "currency": "KZT"},
            "The highest fee must not be below the lowest.",
        ),
        ({"currency": "XXX"}, "Select a valid choice. XXX is not one of the available choices."),
    ],
)
def test_bad_filter_values_answer_with_the_forms_message(client, university, query, message):
    make_programme(university)
    page = _page(client, reverse("curricula:programme_list"), **query)
    assert message in page
    assert "Some filters could not be applied" in page


@pytest.mark.parametrize(
    "query", [{"city": "x" * 5000}, {"accredited": "maybe"}, {"scholarship": "\x00"}]
)
def test_odd_filter_values_do_not_fail(client, university, query):
    make_programme(university)
    assert client.get(reverse("curricula:programme_list"), query).status_code == 200


def test_joint_programme_is_listed_on_the_partners_profile(client, university, other_university):
    joint = make_programme(university, "Joint master")
    joint.partners.add(other_university)
    make_programme(university, "Own master")
    page = _page(client, other_university.get_absolute_url())
    assert f'<a href="{joint.get_absolute_url()}">Joint master</a>' in page
    assert "Joint programme with Satbayev University" in page
    assert "Own master" not in page
    lead = _page(client, university.get_absolute_url())
    assert "Joint programme with" not in lead


def test_joint_programme_is_listed_on_the_partners_programmes_page(
    client, university, other_university
):
    from tests.factories import UniversityMembershipFactory  # noqa: PLC0415

    joint = make_programme(university, "Joint master")
    joint.partners.add(other_university)
    make_programme(university, "Joint draft", status="draft").partners.add(other_university)
    editor = UniversityMembershipFactory(university=other_university, role="editor").user
    client.force_login(editor)
    response = client.get(reverse("curricula:university_programmes", args=[other_university.slug]))
    assert [p.title_en for p in response.context["programmes"]] == ["Joint master"]
    assert "Joint programme with Satbayev University" in response.content.decode()


def test_save_buttons_are_for_signed_in_users_only(client, full_programme, student):
    url = reverse("curricula:programme_list")
    search_button = "Save this search and e-mail me new programmes"
    anonymous = _page(client, url, degree="master")
    assert search_button not in anonymous
    assert 'name="save" value="1"' not in anonymous
    client.force_login(student)
    signed_in = _page(client, url, degree="master")
    assert search_button in signed_in
    assert 'name="save" value="1"' in signed_in
    assert 'name="save" value="1"' in _page(client, full_programme.get_absolute_url())
    client.logout()
    # The anonymous copy of the page, cached first, is what a visitor gets again.
    again = _page(client, url, degree="master")
    assert search_button not in again
    assert 'name="save" value="1"' not in again


def _admissions(programme, agency, index):
    today = timezone.localdate()
    _deadline_in(programme, 30 + index)
    _accredit(programme, agency, until=today + timedelta(days=400))
    LearningOutcome.objects.create(programme=programme, text_en=f"Outcome {index}")


@pytest.mark.parametrize("count", [2, 25])
def test_catalogue_with_admissions_runs_fixed_queries(
    client, django_assert_num_queries, count, iqaa
):
    universities = UniversityFactory.create_batch(3)
    for i in range(count):
        programme = make_programme(universities[i % 3], f"Programme {i}", slug=f"p-{i}")
        _admissions(programme, iqaa, i)
        programme.partners.add(universities[(i + 1) % 3])
    # 1 count, 2 the page of programmes with universities and fields, their
    # 3 languages, 4 partners, 5 intakes, 6 skills, 7 accreditations with agencies,
    # 8 whether demo data is loaded, 9 the fields and 10 the languages of the form.
    with django_assert_num_queries(10):
        response = client.get(reverse("curricula:programme_list"), {"deadline_within": "12"})
    assert len(response.context["programmes"]) == min(count, 20)


@pytest.mark.parametrize("count", [1, 12])
def test_programme_page_with_admissions_runs_fixed_queries(
    client, django_assert_num_queries, count, university, iqaa, grid_skill
):
    programme = make_programme(university)
    for i in range(count):
        _intake(programme, date(2040 + i, 9, 1), date(2040 + i, 7, 1))
        _accredit(programme, iqaa, until=date(2040 + i, 1, 1))
        LearningOutcome.objects.create(programme=programme, text_en=f"O{i}", skill=grid_skill)
        _scholarship(university, [programme], name_en=f"Grant {i}")
        programme.partners.add(UniversityFactory())
    # 1 the programme with university and field, its 2 languages, 3 partners,
    # 4 intakes, 5 scholarships, 6 skills, 7 accreditations with agencies,
    # 8 outcomes with skills, 9 whether demo data is loaded.
    with django_assert_num_queries(9):
        page = _page(client, programme.get_absolute_url())
    assert page.count("Grant ") == count


@pytest.mark.parametrize("count", [1, 4])
def test_comparison_with_admissions_runs_fixed_queries(
    client, django_assert_num_queries, count, university, iqaa
):
    programmes = [make_programme(university, f"P {i}", slug=f"p{i}") for i in range(count)]
    for i, programme in enumerate(programmes):
        _admissions(programme, iqaa, i)
        _scholarship(university, programmes, name_en=f"Grant {i}")
    # 1 the programmes with universities and fields, their 2 languages, 3 partners,
    # 4 intakes, 5 skills, 6 accreditations with agencies, 7 scholarships,
    # 8 whether demo data is loaded.
    with django_assert_num_queries(8):
        page = _page(client, reverse("curricula:programme_compare"), p=[p.pk for p in programmes])
    assert _cells(page, "row-scholarships") == [str(count)] * count


@pytest.mark.parametrize("count", [1, 10])
def test_partner_profile_with_joint_programmes_runs_fixed_queries(
    client, django_assert_num_queries, count, university, other_university
):
    for i in range(count):
        make_programme(university, f"Joint {i}", slug=f"joint-{i}").partners.add(other_university)
    # 1 the university, its 2 languages, 3 strengths and 4 activities, 5 its
    # programmes and joint ones, 6 what it published in the library, 7 demo data.
    with django_assert_num_queries(7):
        page = _page(client, other_university.get_absolute_url())
    assert page.count("Joint programme with Satbayev University") == count
