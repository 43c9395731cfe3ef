import pytest
from allauth.account.models import EmailAddress
from django.core.management import CommandError, call_command

import programme.demo
from accounts.models import User
from core.bilingual import columns
from curricula.models import Field, Programme, Skill
from events.models import AgendaItem, Event, EventSeries
from industry.models import Organisation, SkillNeed
from industry.seed import load_demo_needs
from platform_site.models import DemoDataset
from universities.models import Activity, Strength, University, UniversityMembership
from universities.seed import load_demo_strengths

pytestmark = pytest.mark.django_db


def _texts(queryset, *names):
    """Every language's column of the translated fields ``names``, row by row."""
    fields = [column for name in names for column in columns(name)]
    return sorted(queryset.values_list("pk", *fields))


def _snapshot():
    return {
        "texts": [
            _texts(Organisation.objects.all(), "name", "description"),
            _texts(SkillNeed.objects.all(), "title", "background", "must_haves", "description"),
            _texts(EventSeries.objects.all(), "name", "description"),
            _texts(Event.objects.all(), "title", "description", "venue", "summary"),
            _texts(AgendaItem.objects.all(), "title"),
            _texts(Strength.objects.all(), "statement", "evidence"),
            _texts(Activity.objects.all(), "title", "description"),
            _texts(Programme.objects.all(), "title", "description", "learning_outcomes"),
            _texts(University.objects.exclude(description_en=""), "description"),
        ],
        "universities": sorted(University.objects.values_list("slug", "name_ru", "latitude")),
        "fields": Field.objects.count(),
        "skills": sorted(Skill.objects.values_list("esco_uri", "slug", "broader__esco_uri")),
        "organisations": Organisation.objects.count(),
        "users": sorted(User.objects.values_list("email", flat=True)),
        "emails": EmailAddress.objects.count(),
        "memberships": UniversityMembership.objects.count(),
        "strengths": sorted(
            Strength.objects.values_list("university__slug", "area__slug", "level")
        ),
        "activities": Activity.objects.count(),
    }


def test_seed_demo_loads_real_data_and_demo_accounts(settings):
    settings.DEMO_DATA_ALLOWED = True
    call_command("seed_demo", verbosity=0)

    assert University.objects.in_central_asia().count() == 83
    satbayev = University.objects.get(slug="satbayev-university")
    assert satbayev.country == "KZ"
    assert satbayev.latitude is not None
    assert "КазНТУ" in satbayev.aliases
    assert Field.objects.get(code="0713").name_en == "Electricity and energy"
    assert (
        Skill.objects.filter(esco_uri__startswith="http://data.europa.eu/esco/skill/").count() > 700
    )
    assert DemoDataset.is_loaded()
    assert set(User.objects.values_list("email", flat=True)) == {
        "coordinator@demo.local",
        "staff@demo.local",
        "partner@demo.local",
        "student@demo.local",
        # The demo conference's speakers and reviewers.
        *(person.email for person in programme.demo.PEOPLE),
    }
    staff = User.objects.get(email="staff@demo.local")
    assert staff.check_password("demo-pass-2026")
    assert staff.has_perm("universities.edit_university", satbayev)
    assert User.objects.get(email="coordinator@demo.local").has_perm("events.schedule_events")
    partner = User.objects.get(email="partner@demo.local")
    assert partner.has_perm(
        "industry.post_need", Organisation.objects.get(slug="demo-steppe-power-grid")
    )


def test_seed_demo_twice_changes_nothing(settings):
    settings.DEMO_DATA_ALLOWED = True
    call_command("seed_demo", verbosity=0)
    first = _snapshot()
    call_command("seed_demo", verbosity=0)
    assert _snapshot() == first


def test_seeding_again_rewrites_demo_texts_but_keeps_a_description_someone_wrote(settings):
    settings.DEMO_DATA_ALLOWED = True
    call_command("seed_demo", verbosity=0)
    need = SkillNeed.objects.get(title_en="Substation automation engineers")
    satbayev = University.objects.get(slug="satbayev-university")
    laboratory = satbayev.activities.get(kind=Activity.Kind.LABORATORY)
    SkillNeed.objects.filter(pk=need.pk).update(title_ru="Старое название", title_uz="Eski")
    Activity.objects.filter(pk=laboratory.pk).update(title_kk="", description_ru="")
    University.objects.filter(pk=satbayev.pk).update(
        description_en="", description_ru="Наш университет.", description_kk=""
    )

    load_demo_strengths()
    load_demo_needs()

    need.refresh_from_db()
    laboratory.refresh_from_db()
    satbayev.refresh_from_db()
    assert (need.title_ru, need.title_uz) == ("Инженеры по автоматизации подстанций", "")
    assert laboratory.title_kk == "Энергожүйелер зертханасы (демо)"
    assert laboratory.description_ru == (
        "Симулятор сети в реальном времени и устройства релейной защиты, на которых "
        "студенты испытывают подключение ветровых и солнечных станций (демо)."
    )
    assert satbayev.activities.count() == 3
    assert [satbayev.description_en, satbayev.description_ru, satbayev.description_kk] == [
        "",
        "Наш университет.",
        "",
    ]


def test_seed_demo_refused_in_production_settings(settings):
    settings.DEMO_DATA_ALLOWED = False
    with pytest.raises(CommandError, match="disabled"):
        call_command("seed_demo", verbosity=0)
    assert User.objects.count() == 0
