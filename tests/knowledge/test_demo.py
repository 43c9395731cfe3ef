"""The demo library: at least thirty published demo items of every kind and theme, in
the languages of their party's country, with small valid files, guidance for industry
from real universities, news of the demo events; seeding again changes nothing."""

import io

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from core.bilingual import columns, language_codes, text_in
from curricula.demo import resolve_skills
from events.models import Event
from industry.models import NeedSkill
from knowledge.demo import DEMO_ITEMS, load_demo_knowledge
from knowledge.files import check_upload
from knowledge.models import KnowledgeFile, KnowledgeItem
from universities.models import ResearchArea
from universities.seed import demo_languages

pytestmark = pytest.mark.django_db

Kind = KnowledgeItem.Kind
TEXTS = ("title", "summary", "body")
BY_TITLE = {demo.title["en"]: demo for demo in DEMO_ITEMS}


@pytest.fixture(scope="module")
def demo_media(tmp_path_factory):
    return tmp_path_factory.mktemp("knowledge-demo-media")


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker, demo_media):
    """The demo data, seeded once for this module's tests, which only read it: in a
    transaction rolled back after the last of them (each test runs in a savepoint)."""
    allowed = override_settings(DEMO_DATA_ALLOWED=True, MEDIA_ROOT=demo_media)
    with django_db_blocker.unblock(), allowed, transaction.atomic():
        call_command("seed_demo", verbosity=0)
        yield
        transaction.set_rollback(True)


@pytest.fixture(autouse=True)
def _demo_media(_test_settings, settings, demo_media):
    # The seeded files are in the module's media folder, not in each test's.
    settings.MEDIA_ROOT = demo_media


def _demo_items():
    return KnowledgeItem.objects.filter(is_demo=True).order_by("pk")


def _links(name, other):
    """The rows of the many-to-many ``name`` of the items, as (item, ``other``) pairs."""
    through = getattr(KnowledgeItem, name).through
    return sorted(through.objects.values_list("knowledgeitem", other))


def _snapshot():
    items = _demo_items()
    values = ("kind", "outside_authors", "external_url", "status", "published_on",
              "published_at", "featured", "search_document")  # fmt: skip
    files = ("pk", "item", "language", "file", "format", "size", "licence")
    return {
        "texts": list(items.values_list("pk", *(c for name in TEXTS for c in columns(name)))),
        "values": list(items.values_list(*values)),
        "themes": _links("themes", "researcharea"),
        "skills": _links("skills", "skill"),
        "universities": _links("universities", "university"),
        "organisations": _links("organisations", "organisation"),
        "authors": _links("authors", "user"),
        "countries": sorted(items.values_list("pk", "country_rows__country")),
        "files": sorted(KnowledgeFile.objects.values_list(*files)),
        "history": KnowledgeItem.history.count(),
    }


def test_demo_library_has_every_item_of_every_kind(seeded):
    kinds = set(_demo_items().values_list("kind", flat=True))

    assert _demo_items().count() == len(DEMO_ITEMS) == 37
    assert kinds == set(Kind.values)


def test_every_demo_item_is_published_and_marked_demo(seeded):
    assert KnowledgeItem.objects.count() == len(DEMO_ITEMS)
    assert KnowledgeItem.objects.published().filter(is_demo=True).count() == len(DEMO_ITEMS)
    assert _demo_items().filter(published_on__isnull=True).count() == 0
    assert _demo_items().filter(published_at__isnull=True).count() == 0


def test_demo_items_cover_every_theme(seeded):
    used = set(KnowledgeItem.themes.through.objects.values_list("researcharea__slug", flat=True))
    assert used == set(ResearchArea.objects.values_list("slug", flat=True))


def test_demo_texts_are_in_the_languages_of_their_partys_country(seeded):
    for item in _demo_items():
        expected = set(demo_languages(BY_TITLE[item.title_en].country))
        for name in TEXTS:
            written = {code for code in language_codes() if text_in(item, name, code)}
            assert (item.title_en, name, written) == (item.title_en, name, expected)


def test_every_demo_item_has_its_russian_and_the_demo_marker(seeded):
    for item in _demo_items():
        assert (item.title_en, bool(item.title_ru)) == (item.title_en, True)
        assert item.summary_ru.endswith("(демо).")
        assert item.summary_en.endswith("(demo).")
        assert item.body_ru.endswith("(демо).")


def test_a_party_writes_in_the_country_of_one_of_its_institutions(seeded):
    for item in _demo_items().prefetch_related("universities", "organisations"):
        country = BY_TITLE[item.title_en].country
        if not country:  # UNECE
            continue
        institutions = {u.country for u in item.universities.all()}
        institutions |= {o.country for o in item.organisations.all()}
        assert (item.title_en, country in institutions) == (item.title_en, True)


def test_every_demo_file_passes_validation_and_is_small(seeded):
    files = KnowledgeFile.objects.filter(item__is_demo=True).select_related("item")

    assert files.count() == sum(
        len(demo_languages(demo.country)) for demo in DEMO_ITEMS if demo.file_format
    )
    for stored in files:
        with stored.file.open("rb") as handle:
            content = handle.read()
        assert check_upload(io.BytesIO(content), len(content)) == stored.format
        assert stored.format == BY_TITLE[stored.item.title_en].file_format
        assert stored.size == len(content)
        assert len(content) < 100 * 1024
        assert stored.licence in KnowledgeFile.Licence.values


def test_demo_files_are_in_the_languages_of_their_party(seeded):
    for item in _demo_items().prefetch_related("files"):
        demo = BY_TITLE[item.title_en]
        languages = {stored.language for stored in item.files.all()}
        assert languages == (set(demo_languages(demo.country)) if demo.file_format else set())


def test_every_demo_item_has_a_file_or_a_link(seeded):
    without = _demo_items().filter(external_url="", files__isnull=True)
    assert list(without) == []


def test_datasets_come_as_workbooks(seeded):
    formats = set(
        KnowledgeFile.objects.filter(item__kind=Kind.DATASET).values_list("format", flat=True)
    )
    assert formats == {"xlsx"}


def test_every_skill_named_by_the_demo_items_exists(seeded):
    named = {name for demo in DEMO_ITEMS for name in demo.skills}
    assert named - set(resolve_skills(named)) == set()


def test_guidance_names_a_university_and_the_skills_it_answers(seeded):
    guidance = _demo_items().filter(kind=Kind.GUIDANCE).prefetch_related("universities", "skills")

    assert guidance.count() == 7
    for item in guidance:
        demo = BY_TITLE[item.title_en]
        slugs = {university.slug for university in item.universities.all()}
        assert slugs == set(demo.universities)
        assert item.skills.count() == len(demo.skills)
        # Its skills are asked for by an open demo need, so the item page lists it.
        assert NeedSkill.objects.filter(skill__in=item.skills.all()).exists()


def test_guidance_comes_from_the_universities_strong_in_it(seeded):
    guidance = _demo_items().filter(kind=Kind.GUIDANCE)
    assert set(guidance.values_list("universities__slug", flat=True)) == {
        "satbayev-university",
        "abylkas-saginov-karaganda-technical-university",
        "tashkent-state-technical-university",
        "kyrgyz-state-technical-university",
        "tajik-technical-university-named-after-academician-m-s-osimi",
        "nazarbayev-university",
    }
    satbayev = guidance.filter(universities__slug="satbayev-university")
    assert set(satbayev.values_list("authors__email", flat=True)) == {"staff@demo.local"}


def test_news_reports_on_the_demo_events(seeded):
    about_events = [demo for demo in DEMO_ITEMS if demo.event]

    assert len(about_events) == 6
    for demo in about_events:
        assert Event.objects.filter(title_en=demo.event).count() == 1
        assert demo.kind == Kind.NEWS
    assert _demo_items().filter(kind=Kind.COMMENTARY).count() == 4


def test_seeding_again_changes_nothing(seeded):
    before = _snapshot()

    assert load_demo_knowledge() == len(DEMO_ITEMS)

    assert _snapshot() == before


def test_seeding_again_rewrites_a_changed_text_and_restores_a_deleted_file(seeded):
    item = _demo_items().filter(kind=Kind.GUIDANCE, universities__slug="satbayev-university")
    item = item.get(title_en__startswith="Rare-earth")
    KnowledgeItem.objects.filter(pk=item.pk).update(title_ru="Старое название", title_uz="Eski")
    item.files.filter(language="kk").delete()

    load_demo_knowledge()

    item.refresh_from_db()
    assert (item.title_ru, item.title_uz) == (
        "Разделение редкоземельных элементов: направления развития для металлургии Казахстана",
        "",
    )
    assert sorted(item.files.values_list("language", flat=True)) == ["en", "kk", "ru"]
