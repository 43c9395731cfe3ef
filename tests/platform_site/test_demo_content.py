"""The demo content in every language its party writes: English and Russian
everywhere, Kazakh in Kazakhstan, Uzbek in Uzbekistan; and Russian, Kazakh and
Uzbek pages of demo content without the English texts."""

import html

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import Model
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone, translation

from core.bilingual import text_in
from curricula.demo import load_demo_programmes, resolve_skills, taught_names
from curricula.models import Programme, ProgrammeSkill, Skill
from events.models import AgendaItem, Event, EventSeries
from industry.models import NeedResponse, NeedSkill, Organisation, SkillNeed
from industry.seed import DEMO_NEEDS, DEMO_RESPONSE
from insights.gaps import GapFilters, gap_table, largest_gaps
from universities.models import Activity, Strength, University
from universities.seed import DEMO_PROFILES, SATBAYEV_DESCRIPTION

pytestmark = pytest.mark.django_db

# The translated texts of each kind of demo row.
TEXTS: dict[type[Model], tuple[str, ...]] = {
    Organisation: ("name", "description"),
    SkillNeed: (
        "title",
        "background",
        "must_haves",
        "nice_to_haves",
        "description",
        "funding_range",
    ),
    EventSeries: ("name", "description"),
    Event: ("title", "description", "venue", "summary"),
    AgendaItem: ("title",),
    Strength: ("statement", "evidence"),
    Activity: ("title", "description"),
    Programme: ("title", "description", "learning_outcomes"),
}


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo data, seeded once for this module's tests, which only read it: in a
    transaction rolled back after the last of them (each test runs in a savepoint).
    The demo library's files go to a folder of their own."""
    media = tmp_path_factory.mktemp("demo-media")
    allowed = override_settings(DEMO_DATA_ALLOWED=True, MEDIA_ROOT=media)
    with django_db_blocker.unblock(), allowed, transaction.atomic():
        call_command("seed_demo", verbosity=0)
        yield
        transaction.set_rollback(True)


def _demo_rows(model: type[Model]) -> list:
    """Every demo row of ``model`` (the seed writes every event, agenda item and series)."""
    rows = model.objects.all()  # type: ignore[attr-defined]
    if model in (Organisation, SkillNeed, Strength, Activity, Programme):
        rows = rows.filter(is_demo=True)
    return list(rows)


def _country(row: Model) -> str:
    """The country of the party that wrote ``row`` ("" for UNECE)."""
    if isinstance(row, Organisation):
        return row.country
    if isinstance(row, SkillNeed):
        return row.organisation.country
    if isinstance(row, Event):
        return row.host.country if row.host else ""
    if isinstance(row, AgendaItem):
        return _country(row.event)
    if isinstance(row, Strength | Activity | Programme):
        return row.university.country
    return ""


def _written(row: Model, name: str) -> set[str]:
    return {code for code in ("en", "ru", "kk", "uz") if text_in(row, name, code)}


def test_every_demo_text_has_its_russian(seeded):
    missing = [
        (model.__name__, row.pk, name)
        for model, names in TEXTS.items()
        for row in _demo_rows(model)
        for name in names
        if text_in(row, name, "en") and not text_in(row, name, "ru")
    ]

    assert missing == []
    assert all(_demo_rows(model) for model in TEXTS)


def test_demo_responses_are_written_in_russian(seeded):
    messages = NeedResponse.objects.filter(need__is_demo=True).values_list("message", flat=True)

    assert set(messages) == {DEMO_RESPONSE}


def test_demo_texts_are_in_the_languages_of_their_partys_country(seeded):
    expected = {"KZ": {"en", "ru", "kk"}, "UZ": {"en", "ru", "uz"}}
    wrong = []
    countries: dict[str, set[str]] = {}
    for model, names in TEXTS.items():
        for row in _demo_rows(model):
            country = _country(row)
            countries.setdefault(model.__name__, set()).add(country)
            for name in names:
                written = _written(row, name)
                if written and written != expected.get(country, {"en", "ru"}):
                    wrong.append((model.__name__, row.pk, name, sorted(written)))

    assert wrong == []
    # Kazakh and Uzbek parties wrote needs, strengths, activities and programmes;
    # the Kazakh host its conference and agenda.
    for model in ("Organisation", "SkillNeed", "Strength", "Activity", "Programme"):
        assert {"KZ", "UZ"} <= countries[model]
    assert "KZ" in countries["Event"]
    assert "KZ" in countries["AgendaItem"]


def test_demo_organisations_keep_their_demo_marker_in_every_language(seeded):
    names = dict(Organisation.objects.filter(is_demo=True).values_list("slug", "name_ru"))
    steppe = Organisation.objects.get(slug="demo-steppe-power-grid")
    fergana = Organisation.objects.get(slug="demo-fergana-solar")

    assert all(name.endswith("(демо)") for name in names.values())
    assert [text_in(steppe, "name", code) for code in ("en", "ru", "kk", "uz")] == [
        "Steppe Power Grid (demo)",
        "Степная электросеть (демо)",
        "Дала электр желісі (демо)",
        "",
    ]
    assert [text_in(fergana, "name", code) for code in ("en", "ru", "kk", "uz")] == [
        "Fergana Solar (demo)",
        "Фергана Солар (демо)",
        "",
        "Fargʻona Solar (demo)",
    ]


def test_the_demo_staff_members_university_has_a_profile(seeded):
    satbayev = University.objects.get(slug="satbayev-university")

    assert [text_in(satbayev, "description", code) for code in ("en", "ru", "kk")] == [
        SATBAYEV_DESCRIPTION["en"],
        SATBAYEV_DESCRIPTION["ru"],
        SATBAYEV_DESCRIPTION["kk"],
    ]
    assert sorted(satbayev.strengths.values_list("area__slug", flat=True)) == [
        "coal-chemistry-carbon-materials",
        "critical-minerals",
        "mine-closure-remediation",
        "power-systems-smart-grids",
    ]
    assert sorted(satbayev.activities.values_list("title_kk", flat=True)) == [
        "Желі операторымен бірлескен цифрлық қосалқы станциялар (демо)",
        "Энергожүйелер зертханасы (демо)",
        "Қазақстан литийі: кен орнынан аккумулятор материалдарына дейін (демо)",
    ]


def _page(path: str, client) -> str:
    response = client.get(path)
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def _path(language: str, name: str, pk: int) -> str:
    with translation.override(language):
        return reverse(name, args=[pk])


def _english_lines(row: Model, names: tuple[str, ...]) -> list[str]:
    return [
        line.strip()
        for name in names
        for line in text_in(row, name, "en").splitlines()
        if line.strip()
    ]


def test_russian_page_of_a_demo_need_shows_no_english_demo_text(seeded, client):
    need = SkillNeed.objects.get(title_en="Substation automation engineers")
    english = [*_english_lines(need, TEXTS[SkillNeed]), text_in(need.organisation, "name", "en")]

    page = _page(_path("ru", "industry:need_detail", need.pk), client)

    assert [text for text in english if text in page] == []
    assert need.title_ru in page
    assert "Знание релейной защиты и автоматики" in page


def _russian_event_page(event: Event, client) -> tuple[str, list[str]]:
    """The Russian page of ``event`` and the English demo texts found on it."""
    english = _english_lines(event, TEXTS[Event])
    english += [text_in(item, "title", "en") for item in event.agenda.all()]
    if event.series:
        english.append(text_in(event.series, "name", "en"))
    page = _page(_path("ru", "events:detail", event.pk), client)
    return page, [text for text in english if text in page]


def test_russian_pages_of_demo_events_show_no_english_demo_text(seeded, client):
    conference = Event.objects.get(host__slug="satbayev-university", kind=Event.Kind.CONFERENCE)
    webinar = Event.objects.filter(series__isnull=False).exclude(summary_en="").first()

    conference_page, english_on_conference = _russian_event_page(conference, client)
    webinar_page, english_on_webinar = _russian_event_page(webinar, client)

    assert english_on_conference == []
    assert english_on_webinar == []
    assert "Главный учебный корпус, ул. Сатпаева, 22, Алматы" in conference_page
    assert "Панельная сессия: интеллектуальные сети и ВИЭ" in conference_page
    assert webinar.summary_ru in webinar_page
    assert "Вебинары ЕЭК ООН по энергетическому переходу" in webinar_page


def test_kazakh_page_of_the_conference_is_in_kazakh(seeded, client):
    conference = Event.objects.get(host__slug="satbayev-university", kind=Event.Kind.CONFERENCE)

    page = _page(_path("kk", "events:detail", conference.pk), client)

    assert "Энергетикалық көшуге қажетті дағдылар жөніндегі өңірлік конференция" in page
    assert "Бас оқу ғимараты, Сәтбаев көшесі, 22, Алматы" in page
    assert "Панельдік сессия: зияткерлік желілер және жаңартылатын энергия көздері" in page
    assert conference.title_ru not in page


def test_uzbek_page_of_an_uzbek_demo_need_is_in_uzbek(seeded, client):
    need = SkillNeed.objects.get(title_en="Photovoltaic plant operators")

    page = _page(_path("uz", "industry:need_detail", need.pk), client)

    assert "Quyosh elektr stansiyalari operatorlari" in page
    assert "Fargʻona Solar (demo)" in page
    assert need.title_ru not in page


def test_retiring_skills_changes_what_demo_programmes_teach_not_which_there_are(seeded):
    programmes = sorted(Programme.objects.filter(is_demo=True).values_list("pk", "slug"))
    taught = ProgrammeSkill.objects.filter(programme__is_demo=True).values("skill")
    retired = list(Skill.objects.filter(pk__in=taught).order_by("pk")[:20])
    Skill.objects.filter(pk__in=[skill.pk for skill in retired]).update(retired_at=timezone.now())

    load_demo_programmes()

    assert sorted(Programme.objects.filter(is_demo=True).values_list("pk", "slug")) == programmes
    assert not ProgrammeSkill.objects.filter(skill__in=retired).exists()


def test_every_skill_the_demo_names_is_in_the_curated_taxonomy(seeded):
    named = taught_names() | {name for need in DEMO_NEEDS for name, _level in need.skills}
    assert sorted(named - set(resolve_skills(named))) == []


def test_no_demo_programme_or_need_teaches_or_asks_a_retired_skill(seeded):
    assert not ProgrammeSkill.objects.filter(
        programme__is_demo=True, skill__retired_at__isnull=False
    ).exists()
    assert not NeedSkill.objects.filter(
        need__is_demo=True, skill__retired_at__isnull=False
    ).exists()


def _taught_at(slug: str) -> set[str]:
    return set(
        ProgrammeSkill.objects.filter(programme__university__slug=slug).values_list(
            "skill__name_en", flat=True
        )
    )


def test_universities_teach_what_they_are(seeded):
    for medical in (
        "tashkent-medical-academy",
        "asian-medical-institute",
        "semey-medical-university",
    ):
        assert not Programme.objects.filter(university__slug=medical).exists()
    karaganda = _taught_at("abylkas-saginov-karaganda-technical-university")
    assert {"coal tar chemistry", "reclaim mined land", "reskill coal workers"} <= karaganda
    tashkent = _taught_at("tashkent-state-technical-university")
    assert {"design electric power systems", "manage electricity transmission system"} <= tashkent
    # Coal chemistry only where there is coal or carbon chemistry.
    coal = ProgrammeSkill.objects.filter(skill__slug="coal-tar-chemistry")
    assert sorted(coal.values_list("programme__university__slug", flat=True)) == [
        "abylkas-saginov-karaganda-technical-university",
        "karaganda-buketov-university",
    ]


def test_demo_programme_titles_are_varied(seeded):
    titles = list(Programme.objects.filter(is_demo=True).values_list("title_en", flat=True))
    first_page = sorted(titles)[:12]
    assert len(set(first_page)) >= 6
    assert len(set(titles)) >= 20


def test_every_university_with_a_demo_profile_has_strengths_and_a_laboratory(seeded):
    for slug, areas in DEMO_PROFILES.items():
        university = University.objects.get(slug=slug)
        assert sorted(university.strengths.values_list("area__slug", flat=True)) == sorted(areas)
        assert university.activities.filter(kind=Activity.Kind.LABORATORY).count() == 1


def test_bologna_facts_follow_the_country(seeded, client):
    assert not University.objects.filter(country="KZ", bologna_member=False).exists()
    page = _page(reverse("universities:detail", args=["satbayev-university"]), client)
    assert "Kazakhstan has been a member since 2010" in page
    page = _page(
        reverse("universities:detail", args=["tashkent-state-technical-university"]), client
    )
    assert "Uzbekistan is not a member" in page


def test_the_gap_pages_top_rows_are_the_regions_known_gaps(seeded, client):
    rows = gap_table(GapFilters())
    top = {
        place: [row.skill.name_en for row in largest_gaps(rows, place=place, limit=3)]
        for place in ("KZ", "UZ", "TJ")
    }
    assert top["KZ"][0] == "separate and refine rare-earth elements"
    assert sorted(top["UZ"]) == [
        "design grid-scale battery storage",
        "design smart grids",
        "grid codes for variable renewables",
    ]
    assert top["TJ"][0] == "recycle lithium-ion batteries"
    page = _page(reverse("insights:gaps"), client)
    summary = page[page.index('class="gap-summary') :][:3000]
    assert "separate and refine rare-earth elements" in summary
    assert "recycle lithium-ion batteries" in summary


def test_the_demo_conference_asks_its_own_questions_in_its_hosts_languages(seeded):
    conference = Event.objects.get(kind="conference")
    questions = list(conference.questions.values_list("kind", "required", "text_kk"))
    assert questions == [
        ("choice", True, "Тамақтану ерекшеліктері"),
        ("text", False, "Қолжетімді орта қажеттіліктері"),
    ]
