"""A programme's admissions page (intakes, learning outcomes, accreditations), a
university's scholarships, and the e-mail telling editors an accreditation ends."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from core import phrases
from core.outbox import send_due
from core.rows import Row
from curricula import admission_services
from curricula.accreditation import expiring_warn
from curricula.forms import ProgrammeForm
from curricula.models import (
    Accreditation,
    AccreditationAgency,
    Intake,
    LearningOutcome,
    Programme,
    Scholarship,
    Skill,
)
from curricula.reference import agencies_load
from tests.factories import UniversityMembershipFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
NEXT_YEAR = TODAY.year + 1


def make_programme(university, title="Power Systems and Smart Grids", **values):
    defaults = {
        "title_ru": "Энергосистемы и интеллектуальные сети",
        "slug": title.lower().replace(" ", "-")[:100],
        "degree": Programme.Degree.MASTER,
        "ects": 120,
        "status": Programme.Status.PUBLISHED,
    }
    defaults.update(values)
    return Programme.objects.create(university=university, title_en=title, **defaults)


@pytest.fixture
def programme(university):
    return make_programme(university)


@pytest.fixture
def agency(db):
    agencies_load()
    return AccreditationAgency.objects.get(slug="iaar")


@pytest.fixture
def grid_skill(db):
    return Skill.objects.create(
        name_en="smart grids", name_ru="интеллектуальные сети", slug="smart-grids"
    )


@pytest.fixture
def login(client, request):
    def as_role(role):
        if role != "anonymous":
            client.force_login(request.getfixturevalue(role))
        return client

    return as_role


def admissions_url(programme):
    return reverse(
        "curricula:programme_admissions", args=[programme.university.slug, programme.slug]
    )


def formset_data(prefix, rows, initial=0):
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        for name, value in row.items():
            data[f"{prefix}-{index}-{name}"] = value
    return data


def admissions_post(intakes=(), outcomes=(), accreditations=(), initial=None):
    initial = initial or {}
    return {
        **formset_data("intakes", list(intakes), initial.get("intakes", 0)),
        **formset_data("outcomes", list(outcomes), initial.get("outcomes", 0)),
        **formset_data("accreditations", list(accreditations), initial.get("accreditations", 0)),
    }


def counts():
    return (Intake.objects.count(), LearningOutcome.objects.count(), Accreditation.objects.count())


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


GOOD_INTAKE = {"starts_on": f"{NEXT_YEAR}-09", "application_deadline": f"{NEXT_YEAR}-07-15"}


def good_accreditation(agency):
    return {
        "agency": str(agency.pk),
        "decision": "accredited",
        "decided_on": f"{TODAY.year - 1}-06-01",
        "valid_until": f"{NEXT_YEAR + 3}-06-01",
        "report_url": "https://iaar.agency/reports/satbayev-power.pdf",
    }


# --- saving ----------------------------------------------------------------------------


def test_admissions_save_intakes_outcomes_and_accreditations(
    client, staff_editor, programme, agency, grid_skill
):
    client.force_login(staff_editor)
    data = admissions_post(
        intakes=[GOOD_INTAKE],
        outcomes=[
            {
                "text_en": "Designs a microgrid.",
                "text_ru": "Проектирует микросеть.",
                "skill": "smart grids",
                "level": "3",
            },
            {"text_en": "Works in a team."},
        ],  # fmt: skip
        accreditations=[good_accreditation(agency)],
    )
    response = client.post(admissions_url(programme), data)
    assert response.status_code == 302
    assert response.url == admissions_url(programme)
    assert messages_of(response) == ["The intakes, learning outcomes and accreditations are saved."]
    intake = programme.intakes.get()
    assert (intake.starts_on, intake.application_deadline) == (
        date(NEXT_YEAR, 9, 1),
        date(NEXT_YEAR, 7, 15),
    )
    outcomes = list(programme.outcomes.order_by("position"))
    assert [(o.text_en, o.text_ru, o.skill, o.level, o.position) for o in outcomes] == [
        ("Designs a microgrid.", "Проектирует микросеть.", grid_skill, 3, 0),
        ("Works in a team.", "", None, None, 1),
    ]
    accreditation = programme.accreditations.get()
    assert (
        accreditation.agency, accreditation.decision, accreditation.decided_on,
        accreditation.valid_until, accreditation.report_url, accreditation.expiry_told_at,
    ) == (
        agency, "accredited", date(TODAY.year - 1, 6, 1), date(NEXT_YEAR + 3, 6, 1),
        "https://iaar.agency/reports/satbayev-power.pdf", None,
    )  # fmt: skip


def test_admissions_page_shows_the_rows_and_the_agency_choices(
    client, staff_editor, programme, agency
):
    Intake.objects.create(
        programme=programme,
        starts_on=date(TODAY.year - 1, 9, 1),
        application_deadline=date(TODAY.year - 1, 7, 1),
    )
    client.force_login(staff_editor)
    response = client.get(admissions_url(programme))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Past intake" in content
    assert f'value="{TODAY.year - 1}-09"' in content
    assert "IAAR — Independent Agency for Accreditation and Rating (Kazakhstan)" in content


def test_admissions_change_and_delete_rows(client, staff_editor, programme, agency):
    past = Intake.objects.create(
        programme=programme,
        starts_on=date(TODAY.year - 1, 9, 1),
        application_deadline=date(TODAY.year - 1, 7, 1),
    )
    gone = Intake.objects.create(
        programme=programme,
        starts_on=date(NEXT_YEAR, 2, 1),
        application_deadline=date(NEXT_YEAR, 1, 10),
    )
    told = Accreditation.objects.create(
        programme=programme, agency=agency, decided_on=date(TODAY.year - 5, 6, 1),
        valid_until=TODAY + timedelta(days=10), expiry_told_at=timezone.now(),
    )  # fmt: skip
    client.force_login(staff_editor)
    data = admissions_post(
        intakes=[
            # The past intake stays as it was.
            {"id": str(past.pk), "starts_on": f"{TODAY.year - 1}-09",
             "application_deadline": f"{TODAY.year - 1}-07-01"},
            {"id": str(gone.pk), "starts_on": f"{NEXT_YEAR}-02",
             "application_deadline": f"{NEXT_YEAR}-01-10", "DELETE": "on"},
            {"starts_on": f"{NEXT_YEAR}-03", "application_deadline": f"{NEXT_YEAR}-01-20"},
        ],
        accreditations=[{**good_accreditation(agency), "id": str(told.pk)}],
        initial={"intakes": 2, "accreditations": 1},
    )  # fmt: skip
    response = client.post(admissions_url(programme), data)
    assert response.status_code == 302
    assert list(programme.intakes.values_list("starts_on", "application_deadline")) == [
        (date(TODAY.year - 1, 9, 1), date(TODAY.year - 1, 7, 1)),
        (date(NEXT_YEAR, 3, 1), date(NEXT_YEAR, 1, 20)),
    ]
    told.refresh_from_db()
    # Its end moved: it is told again when the new end nears.
    assert (told.valid_until, told.expiry_told_at) == (date(NEXT_YEAR + 3, 6, 1), None)


# --- refusals ---------------------------------------------------------------------------


REFUSALS = {
    "deadline after the start": (
        "intakes",
        {"starts_on": f"{NEXT_YEAR}-09", "application_deadline": f"{NEXT_YEAR}-09-15"},
        {"application_deadline": ["The application deadline must come before the start."]},
    ),
    "new intake in the past": (
        "intakes",
        {"starts_on": f"{TODAY.year - 1}-09", "application_deadline": f"{TODAY.year - 1}-07-15"},
        {"starts_on": ["A new intake cannot start in the past."]},
    ),
    "accreditation ending before its decision": (
        "accreditations",
        {"decided_on": f"{TODAY.year}-06-01", "valid_until": f"{TODAY.year - 1}-06-01"},
        {"valid_until": ["An accreditation must end after it was decided."]},
    ),
    "agency not on the list": (
        "accreditations",
        {"agency": "999999"},
        {"agency": ["Pick the agency from the list."]},
    ),
    "outcome level without a skill": (
        "outcomes",
        {"text_en": "Designs a microgrid.", "level": "2"},
        {"skill": ["Give the skill this level is for."]},
    ),
}


@pytest.mark.parametrize("case", REFUSALS, ids=list(REFUSALS))
def test_admissions_refusal_saves_nothing(client, staff_editor, programme, agency, case):
    prefix, bad, errors = REFUSALS[case]
    later = {"starts_on": f"{NEXT_YEAR + 1}-02", "application_deadline": f"{NEXT_YEAR}-12-01"}
    rows = {
        "intakes": [later],
        "outcomes": [{"text_en": "Works in a team."}],
        "accreditations": [good_accreditation(agency)],
    }  # fmt: skip
    if prefix == "accreditations":
        bad = {**good_accreditation(agency), **bad}
    rows[prefix] = [*rows[prefix], bad]
    client.force_login(staff_editor)
    before = counts()
    response = client.post(admissions_url(programme), admissions_post(**rows))
    assert response.status_code == 200
    assert counts() == before == (0, 0, 0)
    formset = response.context[f"{prefix}_formset"]
    assert [form.errors for form in formset.forms] == [{}, errors]
    assert messages_of(response) == [str(phrases.NOTHING_SAVED)]
    assert list(errors.values())[0][0] in response.content.decode()


def test_admissions_service_refuses_a_past_intake(programme):
    rows = [Row(pk=None, values={"starts_on": date(TODAY.year - 1, 1, 1),
                                 "application_deadline": date(TODAY.year - 2, 12, 1)})]  # fmt: skip
    with pytest.raises(ValidationError) as refused:
        admission_services.programme_admissions_save(
            programme=programme,
            intakes=[Row(pk=None, values=GOOD_SERVICE_INTAKE), *rows],
            outcomes=[],
            accreditations=[],
        )
    assert refused.value.message_dict == {"starts_on": ["A new intake cannot start in the past."]}
    assert counts() == (0, 0, 0)


GOOD_SERVICE_INTAKE = {
    "starts_on": date(NEXT_YEAR, 9, 1),
    "application_deadline": date(NEXT_YEAR, 7, 1),
}


def test_admissions_service_refuses_an_unknown_agency_and_a_level_alone(programme, agency):
    accreditation = {
        "agency": 999999,
        "decided_on": date(2024, 1, 1),
        "valid_until": date(2029, 1, 1),
    }
    with pytest.raises(ValidationError) as refused:
        admission_services.programme_admissions_save(
            programme=programme, intakes=[], outcomes=[],
            accreditations=[Row(pk=None, values=accreditation)],
        )  # fmt: skip
    assert refused.value.message_dict == {"agency": ["Pick the agency from the list."]}
    with pytest.raises(ValidationError) as refused:
        admission_services.programme_admissions_save(
            programme=programme, intakes=[], accreditations=[],
            outcomes=[Row(pk=None, values={"text_en": "Designs.", "level": 2, "skill": None})],
        )  # fmt: skip
    assert refused.value.message_dict == {"skill": ["Give the skill this level is for."]}
    assert counts() == (0, 0, 0)


def test_programme_form_asks_the_currency_of_the_international_fee(university):
    form = ProgrammeForm(
        {"title_en": "Mining", "degree": "master", "ects": "120", "delivery": "on_site",
         "status": "draft", "tuition_international": "3000"},
        university=university,
    )  # fmt: skip
    assert not form.is_valid()
    assert form.errors["currency"] == ["Give the currency of the tuition fee."]
    legends = [str(legend) for legend, _items in form.sections()]
    assert legends == ["", "How to apply", "Entry requirements", "Fees"]


# --- permissions -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "status"),
    [("anonymous", 302), ("student", 403), ("other_staff", 403), ("partner", 403),
     ("staff_editor", 200), ("staff_admin", 200), ("coordinator", 200)],
)  # fmt: skip
def test_admissions_page_permissions(login, programme, agency, role, status):
    client = login(role)
    assert client.get(admissions_url(programme)).status_code == status
    response = client.post(admissions_url(programme), admissions_post(intakes=[GOOD_INTAKE]))
    assert response.status_code == (302 if status in (200, 302) else status)
    assert Intake.objects.count() == (1 if status == 200 else 0)


def test_admissions_page_of_a_missing_or_archived_programme_is_404(
    client, staff_editor, university
):
    archived = make_programme(university, "Old one", status=Programme.Status.ARCHIVED)
    client.force_login(staff_editor)
    assert client.get(admissions_url(archived)).status_code == 404
    missing = reverse("curricula:programme_admissions", args=[university.slug, "nothing"])
    assert client.get(missing).status_code == 404


# --- scholarships ----------------------------------------------------------------------


def scholarships_url(university):
    return reverse("curricula:scholarships", args=[university.slug])


def scholarship_data(*programmes, **values):
    return {
        "name_en": "Energy Future Grant",
        "name_ru": "Грант «Энергия будущего»",
        "provider": "Samruk-Energy",
        "amount": "2500",
        "currency": "USD",
        "eligibility_en": "Applicants from Central Asia with a bachelor's degree in engineering.",
        "deadline": f"{NEXT_YEAR}-06-30",
        "url": "https://example.org/energy-future",
        "programmes": [str(p.pk) for p in programmes],
        **values,
    }


def test_scholarship_add_edit_and_remove(
    client, staff_editor, university, other_university, programme
):
    joint = make_programme(other_university, "Joint Hydrogen Master")
    joint.partners.add(university)
    client.force_login(staff_editor)
    response = client.post(scholarships_url(university), scholarship_data(programme, joint))
    assert response.status_code == 302
    assert response.url == scholarships_url(university)
    assert messages_of(response) == ["“Energy Future Grant” is saved."]
    scholarship = Scholarship.objects.get()
    assert (scholarship.university, scholarship.name_ru, scholarship.amount, scholarship.currency,
            scholarship.deadline) == (
        university, "Грант «Энергия будущего»", Decimal("2500.00"), "USD", date(NEXT_YEAR, 6, 30)
    )  # fmt: skip
    assert set(scholarship.programmes.all()) == {programme, joint}

    listing = client.get(scholarships_url(university)).content.decode()
    assert "Energy Future Grant" in listing
    assert "Joint Hydrogen Master" in listing

    edit = reverse("curricula:scholarship_edit", args=[scholarship.pk])
    assert client.get(edit).status_code == 200
    response = client.post(edit, scholarship_data(programme, provider="Ministry of Energy"))
    assert response.status_code == 302
    scholarship.refresh_from_db()
    assert scholarship.provider == "Ministry of Energy"
    assert list(scholarship.programmes.all()) == [programme]

    remove = reverse("curricula:scholarship_remove", args=[scholarship.pk])
    confirm = client.get(remove)
    assert confirm.status_code == 200
    assert [p.title_en for p in confirm.context["programmes"]] == ["Power Systems and Smart Grids"]
    assert "Power Systems and Smart Grids" in confirm.content.decode()
    assert Scholarship.objects.count() == 1
    response = client.post(remove)
    assert response.status_code == 302
    assert messages_of(response) == ["“Energy Future Grant” is removed."]
    assert Scholarship.objects.count() == 0
    assert Programme.objects.filter(pk=programme.pk).exists()


def test_scholarship_amount_without_currency_is_refused(
    client, staff_editor, university, programme
):
    client.force_login(staff_editor)
    response = client.post(scholarships_url(university), scholarship_data(programme, currency=""))
    assert response.status_code == 200
    assert response.context["form"].errors == {"currency": ["Give the currency of the amount."]}
    assert messages_of(response) == [str(phrases.NOTHING_SAVED)]
    assert Scholarship.objects.count() == 0


def test_scholarship_cannot_serve_another_universitys_programme(
    client, staff_editor, university, other_university
):
    theirs = make_programme(other_university, "Their Master")
    client.force_login(staff_editor)
    response = client.post(scholarships_url(university), scholarship_data(theirs))
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["programmes"]
    assert Scholarship.objects.count() == 0
    with pytest.raises(ValidationError) as refused:
        admission_services.scholarship_save(
            university=university,
            values={"name_en": "Grant", "provider": "Fund", "programmes": [theirs]},
        )
    assert list(refused.value.message_dict) == ["programmes"]
    assert Scholarship.objects.count() == 0


@pytest.mark.parametrize(
    ("role", "status"),
    [("anonymous", 302), ("student", 403), ("other_staff", 403), ("partner", 403),
     ("staff_editor", 200), ("coordinator", 200)],
)  # fmt: skip
def test_scholarship_pages_permissions(login, university, programme, role, status):
    scholarship = Scholarship.objects.create(
        university=university, name_en="Grant", provider="Fund"
    )
    scholarship.programmes.add(programme)
    client = login(role)
    for url in (
        scholarships_url(university),
        reverse("curricula:scholarship_edit", args=[scholarship.pk]),
        reverse("curricula:scholarship_remove", args=[scholarship.pk]),
    ):
        assert client.get(url).status_code == status
    client.post(reverse("curricula:scholarship_remove", args=[scholarship.pk]))
    assert Scholarship.objects.count() == (0 if status == 200 else 1)


def test_scholarship_of_a_missing_id_is_404(client, staff_editor):
    client.force_login(staff_editor)
    assert client.get(reverse("curricula:scholarship_edit", args=[999999])).status_code == 404


@pytest.mark.parametrize("size", [1, 3])
def test_scholarships_list_query_count(
    client, staff_editor, university, size, django_assert_num_queries
):
    for index in range(size):
        programme = make_programme(university, f"Programme {index}")
        scholarship = Scholarship.objects.create(
            university=university, name_en=f"Grant {index}", provider="Fund",
            amount=Decimal(1000), currency="USD",
        )  # fmt: skip
        scholarship.programmes.add(programme)
    client.force_login(staff_editor)
    # 1 user with what the permission asks (whether they are a coordinator and their
    # memberships, one round trip, kept for the base template), 2 the university, 3 the
    # base template (demo data shown?), 4 the scholarships, 5 their programmes with
    # their universities, 6 the add form's programme choices (with their universities).
    with django_assert_num_queries(6):
        response = client.get(scholarships_url(university))
    assert len(response.context["scholarships"]) == size


# --- accreditations ending -------------------------------------------------------------


@pytest.fixture
def russian_editor(university):
    return UniversityMembershipFactory(
        university=university, user__email="redactor@example.org",
        user__preferred_language="ru",
    ).user  # fmt: skip


WARN_TODAY = date(2027, 3, 1)


def test_expiring_accreditation_tells_each_editor_once(
    staff_editor, russian_editor, student, programme, agency
):
    ending = Accreditation.objects.create(
        programme=programme, agency=agency, decided_on=date(2022, 3, 21),
        valid_until=WARN_TODAY + timedelta(days=20),
    )  # fmt: skip
    Accreditation.objects.create(
        programme=programme, agency=agency, decided_on=date(2022, 4, 10),
        valid_until=WARN_TODAY + timedelta(days=40),
    )  # fmt: skip
    assert expiring_warn(today=WARN_TODAY) == 1
    assert expiring_warn(today=WARN_TODAY) == 0
    send_due()
    assert sorted(message.to[0] for message in mail.outbox) == [
        "editor@example.org", "redactor@example.org",
    ]  # fmt: skip
    ending.refresh_from_db()
    assert ending.expiry_told_at is not None
    by_address = {message.to[0]: message for message in mail.outbox}
    english, russian = by_address["editor@example.org"], by_address["redactor@example.org"]
    assert english.subject == (
        "The accreditation of “Power Systems and Smart Grids” ends on 21 March 2027"
    )
    assert "IAAR — Independent Agency for Accreditation and Rating" in english.body
    assert (
        "http://testserver/programmes/satbayev-university/power-systems-and-smart-grids/admissions/"
        in english.body
    )
    assert "Энергосистемы и интеллектуальные сети" in russian.subject
    assert "21 марта 2027" in russian.subject
    assert "IAAR — Независимое агентство аккредитации и рейтинга" in russian.body
    assert (
        "http://testserver/ru/programmes/satbayev-university/power-systems-and-smart-grids/admissions/"
        in russian.body
    )


def test_renewed_accreditation_is_told_again_near_its_end(staff_editor, programme, agency):
    Accreditation.objects.create(
        programme=programme, agency=agency, decided_on=date(2022, 3, 21),
        valid_until=WARN_TODAY + timedelta(days=20),
    )  # fmt: skip
    assert expiring_warn(today=WARN_TODAY) == 1
    Accreditation.objects.create(
        programme=programme, agency=agency, decided_on=WARN_TODAY,
        valid_until=WARN_TODAY + timedelta(days=365 * 5),
    )  # fmt: skip
    assert expiring_warn(today=WARN_TODAY) == 0
    assert expiring_warn(today=WARN_TODAY + timedelta(days=365 * 5 - 10)) == 1
    send_due()
    assert len(mail.outbox) == 2


def test_accreditation_ending_in_40_days_is_not_told(staff_editor, programme, agency):
    Accreditation.objects.create(
        programme=programme, agency=agency, decided_on=date(2022, 4, 10),
        valid_until=WARN_TODAY + timedelta(days=40),
    )  # fmt: skip
    assert expiring_warn(today=WARN_TODAY) == 0
    send_due()
    assert mail.outbox == []
