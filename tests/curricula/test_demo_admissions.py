"""The demo programmes' admissions: every degree programme has an entry degree, an
intake to come with its deadline before its start, learning outcomes tied to its own
skills and both fees; accreditations by the agencies of its country, one expired and
one ending within a month; scholarships serving several programmes; joint programmes
across borders; and loading again changes nothing."""

from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone

from curricula.demo import load_demo_programmes
from curricula.demo_admissions import JOINT, outcome_texts
from curricula.models import (
    Accreditation,
    AccreditationAgency,
    Intake,
    LearningOutcome,
    Programme,
    ProgrammePartner,
    ProgrammeSkill,
    Scholarship,
)
from curricula.seed import load_fields, load_skills
from universities.seed import load_universities

pytestmark = pytest.mark.django_db

DEGREES = (
    Programme.Degree.BACHELOR,
    Programme.Degree.MASTER,
    Programme.Degree.DOCTORATE,
)
CENTRAL_ASIA = {"KZ", "KG", "TJ", "TM", "UZ"}


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    """The universities, fields, skills and demo programmes, loaded once for this
    module's tests: in a transaction rolled back after the last of them."""
    with django_db_blocker.unblock(), transaction.atomic():
        load_universities()
        load_fields()
        load_skills()
        load_demo_programmes()
        yield
        transaction.set_rollback(True)


def _degree_programmes():
    return Programme.objects.filter(
        is_demo=True, status=Programme.Status.PUBLISHED, degree__in=DEGREES
    ).select_related("university")


def _counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (
            Programme,
            Intake,
            LearningOutcome,
            Accreditation,
            Scholarship,
            Scholarship.programmes.through,
            ProgrammePartner,
        )
    }


def test_every_degree_programme_has_an_entry_degree_and_requirements(loaded):
    programmes = list(_degree_programmes())

    assert len(programmes) > 50
    assert [p.slug for p in programmes if not p.entry_degree] == []
    assert [p.slug for p in programmes if not p.entry_requirements_en] == []
    assert [p.slug for p in programmes if not p.entry_requirements_ru] == []
    entry = {(p.degree, p.entry_degree) for p in programmes}
    assert entry == {("bachelor", "secondary"), ("master", "bachelor"), ("doctorate", "master")}


def test_requirements_follow_the_country_and_the_languages(loaded):
    kazakh = Programme.objects.get(
        university__slug="satbayev-university", slug="bachelor-power-systems-and-smart-grids"
    )
    assert kazakh.entry_requirements_en.startswith(
        "Unified National Testing (UNT) in mathematics and physics;"
    )
    assert kazakh.entry_requirements_kk.startswith("Ұлттық бірыңғай тестілеу (ҰБТ)")
    assert kazakh.entry_requirements_uz == ""
    english = _degree_programmes().filter(languages__code="en")
    assert english.exists()
    tests = set(english.values_list("language_test", flat=True))
    assert tests == {"IELTS", "TOEFL iBT"}
    for programme in english.filter(language_test="IELTS"):
        assert programme.language_level in {"5.5", "6.0", "6.5"}
    for programme in english.filter(language_test="TOEFL iBT"):
        assert 72 <= int(programme.language_level) <= 90
    russian_only = _degree_programmes().exclude(languages__code="en")
    assert set(russian_only.values_list("language_test", flat=True)) == {"", "TORFL"}


def test_links_only_on_the_universitys_own_website(loaded):
    for programme in Programme.objects.filter(is_demo=True).select_related("university"):
        website = programme.university.website.rstrip("/")
        if website:
            # The university's own site, and no invented page of it.
            assert (programme.official_url, programme.application_url) == (f"{website}/", "")
        else:
            assert (programme.official_url, programme.application_url) == ("", "")


def test_every_degree_programme_has_an_intake_to_come_with_its_deadline_before(loaded):
    today = timezone.localdate()
    for programme in _degree_programmes():
        coming = programme.intakes.filter(starts_on__gt=today)
        assert coming.exists(), programme.slug
        assert all(today <= intake.application_deadline < intake.starts_on for intake in coming), (
            programme.slug
        )


def test_some_deadlines_fall_within_two_months(loaded):
    today = timezone.localdate()
    soon = Intake.objects.filter(
        programme__is_demo=True,
        application_deadline__range=(today, today + timedelta(days=61)),
    )
    assert 1 <= soon.values("programme").distinct().count() <= 2
    assert not Intake.objects.filter(
        programme__is_demo=True, application_deadline__lt=today
    ).exists()


def test_learning_outcomes_give_the_programmes_own_skills_at_their_levels(loaded):
    for programme in _degree_programmes().prefetch_related("outcomes", "programme_skills"):
        taught = {link.skill_id: link.level for link in programme.programme_skills.all()}
        outcomes = list(programme.outcomes.all())
        assert 3 <= len(outcomes) <= 4, programme.slug
        assert {(o.skill_id, o.level) for o in outcomes} <= set(taught.items()), programme.slug
        for outcome in outcomes:
            assert outcome.text_en.startswith("Graduates can ")
            assert outcome.text_ru.startswith("Выпускники умеют ")
            country = programme.university.country
            assert bool(outcome.text_kk) == (country == "KZ")
            assert bool(outcome.text_uz) == (country == "UZ")


def test_outcomes_read_as_what_graduates_can_do():
    texts = outcome_texts(
        {
            "en": "Set and test protection relays",
            "ru": "Настраивать и испытывать устройства релейной защиты",
            "kk": "Релелік қорғаныс құрылғыларын баптау және сынау",
            "uz": "Ifloslangan suv va tuproqdan namuna olish va ularni tahlil qilish",
        }
    )

    assert texts == {
        "en": "Graduates can set and test protection relays.",
        "ru": "Выпускники умеют настраивать и испытывать устройства релейной защиты.",
        "kk": "Түлектер релелік қорғаныс құрылғыларын баптап, сынай алады.",
        "uz": "Bitiruvchilar ifloslangan suv va tuproqdan namuna olib, ularni tahlil qila oladi.",
    }
    short = outcome_texts({"en": "x", "ru": "x", "kk": "Кенішті бағалау", "uz": "GES loyihalash"})
    assert (short["kk"], short["uz"]) == (
        "Түлектер кенішті бағалай алады.",
        "Bitiruvchilar GES loyihalay oladi.",
    )


def test_both_fees_have_a_currency(loaded):
    for programme in _degree_programmes():
        if programme.tuition_free:
            continue
        assert programme.currency, programme.slug
        local, international = programme.tuition_per_year, programme.tuition_international
        assert local is not None, programme.slug
        assert international is not None, programme.slug
        assert local * 3 / 2 - 100 <= international <= local * 2, programme.slug


def test_accreditations_include_an_expired_and_a_soon_ending_one(loaded):
    today = timezone.localdate()
    demo = Accreditation.objects.filter(programme__is_demo=True)

    expired = demo.filter(valid_until__lt=today)
    ending = demo.filter(valid_until__range=(today, today + timedelta(days=30)))

    assert list(expired.values_list("programme__university__slug", "valid_until__year")) == [
        ("pavlodar-university", today.year - 1)
    ]
    assert list(ending.values_list("programme__university__slug", flat=True)) == [
        "satbayev-university"
    ]
    assert demo.filter(valid_until__gt=today + timedelta(days=30)).count() > 30
    for accreditation in demo:
        assert accreditation.valid_until > accreditation.decided_on
        assert accreditation.report_url == ""


def test_accrediting_agencies_match_the_programmes_country(loaded):
    eqar = AccreditationAgency.Register.EQAR
    for accreditation in Accreditation.objects.filter(programme__is_demo=True).select_related(
        "agency", "programme__university"
    ):
        agency, country = accreditation.agency, accreditation.programme.university.country
        international = agency.register == eqar and agency.country not in CENTRAL_ASIA
        assert agency.country == country or international, (agency.slug, country)
    kazakh = Accreditation.objects.filter(
        programme__is_demo=True, programme__university__country="KZ"
    )
    assert set(kazakh.values_list("agency__slug", flat=True)) >= {"iaar", "iqaa"}
    # Most Kazakh programmes are accredited.
    kazakh_programmes = Programme.objects.filter(is_demo=True, university__country="KZ")
    accredited = kazakh_programmes.filter(accreditations__isnull=False).distinct().count()
    assert accredited > kazakh_programmes.exclude(degree="short_course").count() / 2


def test_every_scholarship_serves_two_programmes_or_more_with_a_currency(loaded):
    scholarships = Scholarship.objects.filter(programmes__is_demo=True).distinct()

    assert scholarships.count() >= 10
    for scholarship in scholarships:
        assert scholarship.programmes.count() >= 2, scholarship.name_en
        assert scholarship.amount is not None
        assert scholarship.amount > 0
        assert scholarship.currency, scholarship.name_en
        assert scholarship.deadline > timezone.localdate()
        names = scholarship.programmes.values_list("university__slug", flat=True)
        partners = scholarship.programmes.values_list("partners__slug", flat=True)
        assert scholarship.university.slug in {*names, *partners}
    grants = set(scholarships.values_list("name_en", "provider"))
    assert (
        "State educational grant",
        "Ministry of Science and Higher Education of the Republic of Kazakhstan",
    ) in grants
    assert not scholarships.filter(name_en__icontains="bolashak").exists()


def test_joint_programmes_have_partners_in_another_country(loaded):
    links = ProgrammePartner.objects.filter(programme__is_demo=True).select_related(
        "programme__university", "university"
    )

    across = [
        link for link in links if link.university.country != link.programme.university.country
    ]
    assert len(across) == len(links) == len(JOINT)
    mobility = Scholarship.objects.get(name_en="Double Degree Mobility Grant")
    assert sorted(mobility.programmes.values_list("university__slug", flat=True)) == [
        "navoi-state-mining-and-technological-university",
        "satbayev-university",
    ]


def test_loading_again_changes_nothing(loaded):
    before = _counts()
    outcomes = list(LearningOutcome.objects.values_list("pk", "text_en", "skill", "level"))
    intakes = list(Intake.objects.values_list("pk", "starts_on", "application_deadline"))
    skills = ProgrammeSkill.objects.count()

    load_demo_programmes()

    assert _counts() == before
    assert list(LearningOutcome.objects.values_list("pk", "text_en", "skill", "level")) == outcomes
    assert list(Intake.objects.values_list("pk", "starts_on", "application_deadline")) == intakes
    assert ProgrammeSkill.objects.count() == skills


def test_nouns_joined_by_and_stay_nouns():
    texts = outcome_texts(
        {
            "en": "Design heating and ventilation systems that save energy",
            "ru": "Проектировать энергосберегающие системы отопления и вентиляции",
            "kk": "Энергия үнемдейтін жылыту және желдету жүйелерін жобалау",
            "uz": "Energiyani tejaydigan isitish va shamollatish tizimlarini loyihalash",
        }
    )

    assert texts["kk"] == "Түлектер энергия үнемдейтін жылыту және желдету жүйелерін жобалай алады."
    assert texts["uz"] == (
        "Bitiruvchilar energiyani tejaydigan isitish va shamollatish tizimlarini loyihalay oladi."
    )
