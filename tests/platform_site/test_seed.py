import pytest
from allauth.account.models import EmailAddress
from django.core.management import CommandError, call_command

from accounts.models import User
from curricula.models import Field, Skill
from industry.models import Organisation
from platform_site.models import DemoDataset
from universities.models import Activity, Strength, University, UniversityMembership

pytestmark = pytest.mark.django_db


def _snapshot():
    return {
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


def test_seed_demo_refused_in_production_settings(settings):
    settings.DEMO_DATA_ALLOWED = False
    with pytest.raises(CommandError, match="disabled"):
        call_command("seed_demo", verbosity=0)
    assert User.objects.count() == 0
