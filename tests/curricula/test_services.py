"""The writes of curricula: programmes with their skills, the import, the skills taxonomy."""

import pytest

from core.rows import Row
from curricula import importer, services
from curricula.models import Programme, ProgrammeSkill, Skill
from universities.models import Language

pytestmark = pytest.mark.django_db

VALUES = {"title_en": "Hydrogen Technologies", "degree": "master", "ects": 120}


@pytest.fixture
def grids(db):
    return Skill.objects.create(name_en="smart grids", name_ru="умные сети", slug="smart-grids")


@pytest.fixture
def storage(db):
    return Skill.objects.create(name_en="energy storage", slug="energy-storage")


def _skills(programme):
    return sorted(programme.programme_skills.values_list("skill__slug", "level"))


def test_programme_create_saves_values_skills_and_search_document(university, grids):
    english = Language.objects.get(code="en")
    programme = services.programme_create(
        university=university,
        values={**VALUES, "languages": [english]},
        skill_rows=[Row(pk=None, values={"skill": grids, "level": 3})],
    )
    programme.refresh_from_db()
    assert (programme.university, programme.slug) == (university, "hydrogen-technologies")
    assert list(programme.languages.all()) == [english]
    assert _skills(programme) == [("smart-grids", 3)]
    assert list(Programme.objects.search("умные сети")) == [programme]


def test_programme_create_takes_a_free_slug_and_never_a_reserved_one(university):
    services.programme_create(university=university, values=VALUES, skill_rows=[])
    second = services.programme_create(university=university, values=VALUES, skill_rows=[])
    reserved = services.programme_create(
        university=university, values={**VALUES, "title_en": "New"}, skill_rows=[]
    )
    assert (second.slug, reserved.slug) == ("hydrogen-technologies-2", "new-2")


def test_programme_update_changes_values_and_skill_rows(university, grids, storage):
    programme = services.programme_create(
        university=university,
        values=VALUES,
        skill_rows=[Row(pk=None, values={"skill": grids, "level": 1})],
    )
    link = programme.programme_skills.get()
    services.programme_update(
        programme=programme,
        values={"title_en": "Energy Storage", "ects": 90},
        skill_rows=[Row(pk=link.pk, delete=True), Row(pk=None, values={"skill": storage})],
    )
    programme.refresh_from_db()
    assert (programme.title_en, programme.ects, programme.slug) == (
        "Energy Storage",
        90,
        "hydrogen-technologies",
    )
    assert _skills(programme) == [("energy-storage", 2)]
    assert list(Programme.objects.search("storage")) == [programme]
    assert list(Programme.objects.search("grids")) == []


def test_programme_update_refuses_another_programmes_skill_row(university, grids):
    mine = services.programme_create(university=university, values=VALUES, skill_rows=[])
    other = services.programme_create(
        university=university,
        values={**VALUES, "title_en": "Other"},
        skill_rows=[Row(pk=None, values={"skill": grids, "level": 1})],
    )
    theirs = other.programme_skills.get()
    with pytest.raises(ValueError, match="is not"):
        services.programme_update(
            programme=mine,
            values={"title_en": "Renamed"},
            skill_rows=[Row(pk=theirs.pk, values={"level": 3})],
        )
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert (mine.title_en, theirs.level) == ("Hydrogen Technologies", 1)


def test_programme_set_status_archive_and_restore(university, grids, coordinator):
    programme = services.programme_create(
        university=university,
        values=VALUES,
        skill_rows=[Row(pk=None, values={"skill": grids, "level": 1})],
    )
    services.programme_set_status(programme=programme, status=Programme.Status.PUBLISHED)
    assert list(Programme.objects.published()) == [programme]
    services.programme_archive(programme=programme, by=coordinator)
    assert (list(Programme.objects.published()), list(Programme.objects.archived())) == (
        [],
        [programme],
    )
    assert ProgrammeSkill.objects.filter(programme=programme).count() == 1
    services.programme_restore(programme=programme)
    programme.refresh_from_db()
    assert (programme.status, programme.archived_at, programme.archived_by) == (
        Programme.Status.PUBLISHED,
        None,
        None,
    )


IMPORT = (
    "slug,title_en,degree,ects,languages,skills,status\n"
    ",Smart Grids,master,120,ru;en,smart grids:advanced; energy storage:basic,published\n"
    "storage,Energy Storage,short_course,10,,,draft\n"
)


def test_programmes_import_creates_then_updates(university, grids, storage):
    count = services.programmes_import(
        university=university, rows=importer.parse(IMPORT, university)
    )
    assert count == 2
    smart = Programme.objects.get(slug="smart-grids")
    assert (smart.university, smart.ects, smart.status) == (university, 120, "published")
    assert sorted(smart.languages.values_list("code", flat=True)) == ["en", "ru"]
    assert _skills(smart) == [("energy-storage", 1), ("smart-grids", 3)]
    assert list(Programme.objects.search("storage").order_by("slug")) == [
        smart,
        Programme.objects.get(slug="storage"),
    ]

    again = importer.parse(IMPORT.replace("120,ru;en,smart grids:advanced; ", "90,ru,"), university)
    assert [row.updates for row in again] == [True, True]
    services.programmes_import(university=university, rows=again)
    smart.refresh_from_db()
    assert (smart.ects, list(smart.languages.values_list("code", flat=True))) == (90, ["ru"])
    assert _skills(smart) == [("energy-storage", 1)]
    assert Programme.objects.count() == 2


def test_programmes_import_refuses_rows_with_errors(university):
    rows = importer.parse(IMPORT, university)  # neither skill exists
    assert rows[0].errors == [
        "No skill called “smart grids” in the taxonomy.",
        "No skill called “energy storage” in the taxonomy.",
    ]
    with pytest.raises(ValueError, match="errors"):
        services.programmes_import(university=university, rows=rows)
    assert not Programme.objects.exists()


def test_programmes_import_refuses_another_universitys_programme(university, other_university):
    text = IMPORT.splitlines()[0] + "\n" + IMPORT.splitlines()[2]
    services.programmes_import(
        university=other_university, rows=importer.parse(text, other_university)
    )
    rows = importer.parse(text, other_university)  # now updates their programme
    with pytest.raises(ValueError, match="is not a programme of"):
        services.programmes_import(university=university, rows=rows)
    assert list(Programme.objects.values_list("university__slug", flat=True)) == [
        other_university.slug
    ]


def test_skill_create_takes_a_free_slug_and_skill_update_keeps_it(grids):
    gaps = services.skill_create(values={"name_en": "Gaps", "kind": "knowledge"})
    second = services.skill_create(values={"name_en": "smart grids", "broader": gaps})
    assert (gaps.slug, second.slug, second.broader) == ("gaps-2", "smart-grids-2", gaps)
    services.skill_update(skill=second, values={"name_ru": "интеллектуальные сети"})
    second.refresh_from_db()
    assert (second.slug, second.name_ru) == ("smart-grids-2", "интеллектуальные сети")


def test_skill_merge_into_itself_is_refused(grids):
    with pytest.raises(ValueError, match="itself"):
        services.skill_merge(duplicate=grids, into=grids)
    assert Skill.objects.filter(pk=grids.pk).exists()
