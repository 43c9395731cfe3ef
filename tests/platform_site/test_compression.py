"""Pages for slow connections: HTML gzipped (plain for a client that does not ask),
form pages without the whole taxonomy in them, and the skill suggestions that
replace it."""

import gzip
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.db import transaction
from django.middleware.gzip import GZipMiddleware
from django.urls import reverse
from django.utils import timezone, translation

from core.pagecache import CSRF_INPUT
from curricula.models import Programme, ProgrammeSkill, Skill
from curricula.seed import load_fields, load_skills
from events.models import Event
from industry.models import NeedSkill, SkillNeed
from knowledge.models import KnowledgeFile, KnowledgeItem
from tests.factories import OrganisationFactory, UniversityFactory

pytestmark = pytest.mark.django_db

GZIP = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}
FORM_PAGE_LIMIT = 30 * 1024
LIST_PAGE_LIMIT = 25 * 1024
ITEMS = 20


@pytest.fixture(scope="module")
def taxonomy(django_db_setup, django_db_blocker):
    """The bundled taxonomy (about 800 skills offered in choices), loaded once for
    this module: in a transaction rolled back after its last test."""
    with django_db_blocker.unblock(), transaction.atomic():
        load_fields()
        load_skills()
        yield
        transaction.set_rollback(True)


def _offered_skills(count: int) -> list[Skill]:
    return list(Skill.objects.active().filter(is_group=False).order_by("pk")[:count])


def _gzipped(response) -> bool:
    return response.get("Content-Encoding") == "gzip" and "Accept-Encoding" in response["Vary"]


def _compressed(response) -> bytes:
    assert _gzipped(response)
    return response.content


def _tokens(page: bytes) -> list[bytes]:
    return [match.group(0) for match in CSRF_INPUT.finditer(page)]


def _without_tokens(page: bytes) -> bytes:
    return CSRF_INPUT.sub(rb"\1\2", page)


def _suggest(client, query, language="en"):
    with translation.override(language):
        url = reverse("curricula:skill_suggest")
    return client.get(url, {"q": query})


# Form pages at the real taxonomy size


def test_programme_form_compressed_within_30_kb(taxonomy, client, staff_editor, university):
    client.force_login(staff_editor)
    url = reverse("curricula:programme_create", args=[university.slug])
    response = client.get(url, **GZIP)
    assert response.status_code == 200
    assert len(_compressed(response)) <= FORM_PAGE_LIMIT
    page = gzip.decompress(response.content).decode()
    assert "<datalist" not in page
    assert f'data-skill-suggest="{reverse("curricula:skill_suggest")}"' in page
    assert "js/skill-suggest.js" in page


def test_need_form_compressed_within_30_kb(taxonomy, client, partner, organisation):
    client.force_login(partner)
    response = client.get(reverse("industry:need_create", args=[organisation.slug]), **GZIP)
    assert response.status_code == 200
    assert len(_compressed(response)) <= FORM_PAGE_LIMIT
    page = gzip.decompress(response.content).decode()
    assert "<datalist" not in page
    assert "data-skill-suggest=" in page


def test_need_form_accepts_a_skill_typed_by_its_russian_name(
    taxonomy, client, partner, organisation
):
    skill = Skill.objects.active().filter(is_group=False).exclude(name_ru="").order_by("pk")[0]
    client.force_login(partner)
    data = {
        "title_en": "Battery engineers",
        "kind": "hiring",
        "headcount": "4",
        "country": "UZ",
        "needed_by": (timezone.localdate() + timedelta(days=60)).isoformat(),
        "visibility": "public",
        "need_skills-TOTAL_FORMS": "1",
        "need_skills-INITIAL_FORMS": "0",
        "need_skills-MIN_NUM_FORMS": "0",
        "need_skills-MAX_NUM_FORMS": "1000",
        "need_skills-0-skill": skill.name_ru.upper(),
        "need_skills-0-level": "2",
    }
    response = client.post(reverse("industry:need_create", args=[organisation.slug]), data)
    need = SkillNeed.objects.get()
    assert response.url == need.get_absolute_url()
    assert [(ns.skill, ns.level) for ns in need.need_skills.all()] == [(skill, 2)]


# List pages with 20 items each


def _programmes(count: int) -> None:
    skills = _offered_skills(3)
    for i in range(count):
        programme = Programme.objects.create(
            university=UniversityFactory(),
            title_en=f"Power Systems and Smart Grids {i}",
            slug=f"power-systems-{i}",
            degree=Programme.Degree.MASTER,
            ects=120,
            status=Programme.Status.PUBLISHED,
        )
        for level, skill in enumerate(skills, start=1):
            ProgrammeSkill.objects.create(programme=programme, skill=skill, level=level)


def _needs(count: int) -> None:
    skills = _offered_skills(2)
    organisation = OrganisationFactory()
    for i in range(count):
        need = SkillNeed.objects.create(
            organisation=organisation,
            title_en=f"Grid engineers {i}",
            kind=SkillNeed.Kind.HIRING,
            headcount=5,
            country="UZ",
            needed_by=timezone.localdate() + timedelta(days=90),
        )
        for skill in skills:
            NeedSkill.objects.create(need=need, skill=skill, level=2)
        need.refresh_search_document()


def _events(count: int) -> None:
    for i in range(count):
        start = timezone.now() + timedelta(days=3 + i)
        Event.objects.create(
            title_en=f"Green hydrogen webinar {i}",
            kind=Event.Kind.WEBINAR,
            format=Event.Format.ONLINE,
            start=start,
            end=start + timedelta(hours=1),
            time_zone="Asia/Almaty",
            status=Event.Status.PUBLISHED,
            join_url="https://meet.example.org/room",
        )


def _library(count: int) -> None:
    for i in range(count):
        item = KnowledgeItem.objects.create(
            title_en=f"Green hydrogen roadmap {i}",
            summary_en="A roadmap for green hydrogen in Central Asia.",
            status=KnowledgeItem.Status.PUBLISHED,
            kind=KnowledgeItem.Kind.REPORT,
            external_url="https://example.org/report",
        )
        item.refresh_search_document()


def _universities(count: int) -> None:
    UniversityFactory.create_batch(count)


@pytest.mark.parametrize(
    ("url_name", "make"),
    [
        ("curricula:programme_list", _programmes),
        ("industry:need_list", _needs),
        ("events:list", _events),
        ("knowledge:library", _library),
        ("universities:list", _universities),
    ],
)
def test_list_page_with_20_items_compressed_within_25_kb(taxonomy, client, url_name, make):
    make(ITEMS)
    response = client.get(reverse(url_name), **GZIP)
    assert response.status_code == 200
    assert len(_compressed(response)) <= LIST_PAGE_LIMIT


# Compression and the page cache


def test_cached_page_is_gzipped_only_for_a_client_that_asks(client, django_assert_num_queries):
    url = reverse("curricula:programme_list")
    first = client.get(url)  # rendered, and stored for visitors
    assert "Content-Encoding" not in first
    assert "Accept-Encoding" in first["Vary"]
    with django_assert_num_queries(0):  # both from the page cache
        plain = client.get(url)
        compressed = client.get(url, **GZIP)
    assert "Content-Encoding" not in plain
    assert plain.content.startswith(b"<!doctype html>")
    assert "Accept-Encoding" in plain["Vary"]
    unpacked = gzip.decompress(_compressed(compressed))
    # The same page, but for its CSRF token, masked afresh on each hit (BREACH).
    assert _tokens(unpacked) != _tokens(plain.content)
    assert _without_tokens(unpacked) == _without_tokens(plain.content)


def test_html_gzipped_with_accept_encoding_and_plain_without(client, student):
    client.force_login(student)  # never served from the page cache
    url = reverse("curricula:programme_list")
    plain = client.get(url)
    compressed = client.get(url, **GZIP)
    assert "Content-Encoding" not in plain
    assert b"</html>" in plain.content
    assert int(compressed["Content-Length"]) == len(compressed.content)
    assert b"</html>" in gzip.decompress(_compressed(compressed))
    assert len(compressed.content) < len(plain.content) / 3


def test_static_files_are_left_to_whitenoise(settings):
    middleware = settings.MIDDLEWARE
    whitenoise = middleware.index("whitenoise.middleware.WhiteNoiseMiddleware")
    assert middleware.index("django.middleware.gzip.GZipMiddleware") == whitenoise + 1


def test_breach_mitigations_the_settings_rely_on(settings):
    assert GZipMiddleware.max_random_bytes == 100
    assert (settings.SESSION_COOKIE_SAMESITE, settings.CSRF_COOKIE_SAMESITE) == ("Lax", "Lax")


# Downloads keep working


def test_csv_export_gzipped_and_plain(client, university):
    Programme.objects.create(
        university=university,
        title_en="Hydrogen Technologies",
        slug="hydrogen-technologies",
        degree=Programme.Degree.MASTER,
        ects=120,
        status=Programme.Status.PUBLISHED,
    )
    url = reverse("curricula:programme_export")
    plain = client.get(url)
    compressed = client.get(url, **GZIP)
    assert plain["Content-Type"] == "text/csv; charset=utf-8"
    assert "Content-Encoding" not in plain
    assert plain.content.startswith("\ufeff".encode())
    assert "Hydrogen Technologies" in plain.content.decode()
    assert gzip.decompress(_compressed(compressed)) == plain.content


def test_file_download_still_streams(client):
    body = b"%PDF-1.4\n" + b"0123456789abcdef" * 4096
    item = KnowledgeItem.objects.create(
        title_en="Grid code handbook",
        summary_en="A handbook.",
        status=KnowledgeItem.Status.PUBLISHED,
        kind=KnowledgeItem.Kind.REPORT,
    )
    stored = KnowledgeFile.objects.create(
        item=item, language="en", file=ContentFile(body, name="handbook.pdf"), format="pdf"
    )
    url = reverse("knowledge:download", args=[item.pk, stored.pk])
    plain = client.get(url)
    compressed = client.get(url, **GZIP)
    assert plain.streaming is True
    assert b"".join(plain.streaming_content) == body
    assert compressed.streaming is True
    assert _gzipped(compressed)
    assert "Content-Length" not in compressed
    assert gzip.decompress(b"".join(compressed.streaming_content)) == body


# The skill suggestions


@pytest.fixture
def zeolites(db):
    """Skills named with a word the bundled taxonomy does not use."""
    return [
        Skill.objects.create(
            slug="making-zeolites", name_en="Making zeolites", name_ru="синтез цеолитов"
        ),
        Skill.objects.create(
            slug="zeolite-catalysis", name_en="Zeolite catalysis", name_ru="цеолитовый катализ"
        ),
        Skill.objects.create(
            slug="steppe-zeolite-deposits",
            name_en="Steppe zeolite deposits",
            name_ru="месторождения цеолитов в степи",
            name_kk="Даладағы цеолит кен орындары",
            name_uz="Dashtdagi seolit konlari",
            alt_labels="natural zeolite\nclinoptilolite mining",
        ),
        Skill.objects.create(slug="zeolite-old", name_en="Zeolite old", retired_at=timezone.now()),
        Skill.objects.create(slug="zeolites", name_en="Zeolites", is_group=True),
    ]


def test_skill_suggest_matches_english_names_prefix_first(client, zeolites):
    response = _suggest(client, "ZEOLITE")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "skills": [
            {
                "name": "Zeolite catalysis",
                "name_en": "Zeolite catalysis",
                "slug": "zeolite-catalysis",
            },
            {"name": "Making zeolites", "name_en": "Making zeolites", "slug": "making-zeolites"},
            {
                "name": "Steppe zeolite deposits",
                "name_en": "Steppe zeolite deposits",
                "slug": "steppe-zeolite-deposits",
            },
        ]
    }


def test_skill_suggest_matches_russian_names_in_russian(client, zeolites):
    assert _suggest(client, "Цеолит", "ru").json() == {
        "skills": [
            {
                "name": "цеолитовый катализ",
                "name_en": "Zeolite catalysis",
                "slug": "zeolite-catalysis",
            },
            {
                "name": "месторождения цеолитов в степи",
                "name_en": "Steppe zeolite deposits",
                "slug": "steppe-zeolite-deposits",
            },
            {"name": "синтез цеолитов", "name_en": "Making zeolites", "slug": "making-zeolites"},
        ]
    }


def test_skill_suggest_matches_kazakh_names_and_falls_back_to_russian(client, zeolites):
    assert _suggest(client, "даладағы", "kk").json() == {
        "skills": [
            {
                "name": "Даладағы цеолит кен орындары",
                "name_en": "Steppe zeolite deposits",
                "slug": "steppe-zeolite-deposits",
            }
        ]
    }
    # A skill without a Kazakh name shows its Russian one.
    assert _suggest(client, "catalysis", "kk").json() == {
        "skills": [
            {
                "name": "цеолитовый катализ",
                "name_en": "Zeolite catalysis",
                "slug": "zeolite-catalysis",
            }
        ]
    }


def test_skill_suggest_matches_uzbek_names_and_alternative_labels(client, zeolites):
    steppe = {
        "name": "Dashtdagi seolit konlari",
        "name_en": "Steppe zeolite deposits",
        "slug": "steppe-zeolite-deposits",
    }
    assert _suggest(client, "seolit", "uz").json() == {"skills": [steppe]}
    assert _suggest(client, "clinoptilolite", "uz").json() == {"skills": [steppe]}


def test_skill_suggest_returns_at_most_15_prefix_matches_first(client):
    for i in range(20):
        Skill.objects.create(slug=f"quarzite-method-{i:02}", name_en=f"Quarzite method {i:02}")
    Skill.objects.create(slug="applied-quarzite", name_en="Applied quarzite")
    found = _suggest(client, "quarzite").json()["skills"]
    assert [skill["slug"] for skill in found] == [f"quarzite-method-{i:02}" for i in range(15)]


def test_skill_suggest_with_the_real_taxonomy_returns_15(taxonomy, client):
    assert len(_suggest(client, "energy").json()["skills"]) == 15


@pytest.mark.parametrize("query", ["", "z", " z ", "\x00z"])
def test_skill_suggest_below_two_characters_is_an_empty_list(client, zeolites, query):
    response = _suggest(client, query)
    assert response.status_code == 200
    assert response.json() == {"skills": []}


@pytest.mark.parametrize(
    "query", ["%", "_%_", "\\", "'; --", "z" * 10_000, "ze\x00olite", "\ud7ff\u0301"]
)
def test_skill_suggest_never_fails(client, zeolites, query):
    response = _suggest(client, query)
    assert response.status_code == 200
    assert isinstance(response.json()["skills"], list)


def test_skill_suggest_may_be_cached_for_minutes(client, zeolites):
    response = _suggest(client, "zeolite")
    assert set(response["Cache-Control"].split(", ")) == {"public", "max-age=300"}


def test_skill_suggest_answers_get_only(client):
    assert client.post(reverse("curricula:skill_suggest"), {"q": "zeolite"}).status_code == 405
