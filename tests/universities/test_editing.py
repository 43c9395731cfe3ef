"""Editing a university: who may, what is checked, what is recorded."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from universities.models import Activity, Language, ResearchArea, Strength, University

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "student",
    "partner",
    "other_staff",
    "staff_editor",
    "staff_admin",
    "coordinator",
]
EDITORS = {"staff_editor", "staff_admin", "coordinator"}
HISTORY_READERS = {"staff_admin", "coordinator"}
COORDINATORS = {"coordinator"}


@pytest.fixture
def area(db):
    return ResearchArea.objects.get(slug="hydrogen")


@pytest.fixture
def login(client, request):
    def as_role(role):
        if role != "anonymous":
            client.force_login(request.getfixturevalue(role))
        return client

    return as_role


def _png(size=(64, 48), color="teal") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, format="PNG")
    return buffer.getvalue()


def _profile_data(university, **overrides):
    data = {
        "name_en": university.name_en,
        "name_ru": university.name_ru,
        "country": university.country,
        "city_en": university.city_en,
        "website": "",
        "latitude": "",
        "longitude": "",
        "founded_year": "",
    }
    data.update(overrides)
    return data


EDIT_URLS = [
    ("universities:edit", "university", EDITORS),
    ("universities:edit_strengths", "university", EDITORS),
    ("universities:edit_activities", "university", EDITORS),
    ("universities:history", "university", HISTORY_READERS),
    ("universities:create", None, COORDINATORS),
    ("universities:areas", None, COORDINATORS),
    ("universities:area_create", None, COORDINATORS),
    ("universities:area_edit", "area", COORDINATORS),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("name", "target", "allowed"), EDIT_URLS)
def test_editing_pages_are_open_only_to_their_roles(
    login, role, name, target, allowed, university, area
):
    args = {"university": [university.slug], "area": [area.slug], None: []}[target]
    response = login(role).get(reverse(name, args=args))
    if role == "anonymous":
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))
    else:
        assert response.status_code == (200 if role in allowed else 403)


@pytest.mark.parametrize("role", ROLES)
def test_only_coordinators_verify(login, role, university):
    response = login(role).post(
        reverse("universities:verify", args=[university.slug]), {"verified": "1"}
    )
    university.refresh_from_db()
    assert university.verified is (role == "coordinator")
    if role == "coordinator":
        assert response.status_code == 302
    elif role != "anonymous":
        assert response.status_code == 403


@pytest.mark.parametrize("role", ["student", "partner", "other_staff"])
def test_refused_post_changes_nothing(login, role, university):
    login(role).post(
        reverse("universities:edit", args=[university.slug]),
        _profile_data(university, name_en="Hijacked"),
    )
    university.refresh_from_db()
    assert university.name_en == "Satbayev University"


def test_editor_saves_the_profile(client, staff_editor, university):
    client.force_login(staff_editor)
    russian = Language.objects.get(code="ru")
    response = client.post(
        reverse("universities:edit", args=[university.slug]),
        _profile_data(
            university,
            short_name="KazNTU",
            aliases="Kazakh National Technical University",
            website="https://satbayev.university",
            latitude="43.23",
            longitude="76.93",
            founded_year="1934",
            languages=[russian.pk],
            bologna_member="on",
            verified="on",  # not the editor's to set: ignored
        ),
        follow=True,
    )
    assert "The profile has been saved." in response.content.decode()
    university.refresh_from_db()
    assert university.short_name == "KazNTU"
    assert university.founded_year == 1934
    assert list(university.languages.all()) == [russian]
    assert university.bologna_member is True
    assert university.verified is False
    assert university in University.objects.search("kazntu")


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"latitude": "200", "longitude": "76"}, "latitude", "less than or equal to 90"),
        ({"founded_year": "3020"}, "founded_year", "cannot be in the future"),
        ({"website": "satbayev.university"}, "website", "starting with https:// or http://"),
        ({"latitude": "43.2"}, None, "Give both latitude and longitude"),
    ],
)
def test_invalid_profile_is_refused_and_nothing_changes(
    client, staff_editor, university, overrides, field, message
):
    client.force_login(staff_editor)
    response = client.post(
        reverse("universities:edit", args=[university.slug]),
        _profile_data(university, name_en="Renamed", **overrides),
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    if field:
        assert response.context["form"].has_error(field)
    university.refresh_from_db()
    assert university.name_en == "Satbayev University"


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            SimpleUploadedFile("big.png", b"\x89PNG" + b"0" * (2 * 1024 * 1024 + 512 * 1024)),
            "the largest accepted is 2.0",
        ),
        (
            SimpleUploadedFile("report.png", b"%PDF-1.7\n1 0 obj<<>>endobj\n%%EOF"),
            "not a PNG, JPEG",
        ),
    ],
    ids=["2.5-MB", "pdf-renamed-png"],
)
def test_bad_logo_is_refused(client, staff_editor, university, upload, message):
    client.force_login(staff_editor)
    response = client.post(
        reverse("universities:edit", args=[university.slug]),
        {**_profile_data(university, name_en="Renamed"), "logo": upload},
    )
    assert message in response.content.decode()
    university.refresh_from_db()
    assert university.name_en == "Satbayev University"
    assert not university.logo


def test_upload_far_over_the_limit_is_refused_unread(client, staff_editor, university):
    client.force_login(staff_editor)
    upload = SimpleUploadedFile("big.png", b"\x89PNG" + b"0" * (20 * 1024 * 1024))
    response = client.post(
        reverse("universities:edit", args=[university.slug]),
        {**_profile_data(university, name_en="Renamed"), "logo": upload},
    )
    assert response.status_code == 413
    assert "this form accepts at most 3.0\xa0MB" in response.content.decode()
    university.refresh_from_db()
    assert university.name_en == "Satbayev University"


def test_logo_is_reencoded_and_served_as_png(client, staff_editor, university):
    client.force_login(staff_editor)
    buffer = io.BytesIO()
    Image.new("RGB", (1600, 800), "navy").save(buffer, format="JPEG")
    upload = SimpleUploadedFile("logo.jpg", buffer.getvalue(), content_type="image/jpeg")
    client.post(
        reverse("universities:edit", args=[university.slug]),
        {**_profile_data(university), "logo": upload},
    )
    university.refresh_from_db()
    assert university.logo.name.endswith(".png")
    with Image.open(university.logo.path) as stored:
        assert (stored.format, stored.size) == ("PNG", (512, 256))
    served = client.get(university.logo.url)
    assert served.status_code == 200
    assert served["Content-Type"] == "image/png"


def _formset(prefix, rows, initial=0):
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        data.update({f"{prefix}-{index}-{key}": value for key, value in row.items()})
    return data


def test_strengths_are_added_changed_and_removed(client, staff_editor, university, area):
    other = ResearchArea.objects.get(slug="power-systems-smart-grids")
    kept = Strength.objects.create(university=university, area=area, level=1)
    dropped = Strength.objects.create(university=university, area=other, level=2)
    client.force_login(staff_editor)
    batteries = ResearchArea.objects.get(slug="e-mobility-batteries")
    response = client.post(
        reverse("universities:edit_strengths", args=[university.slug]),
        _formset(
            "strengths",
            [
                {"id": kept.pk, "area": area.pk, "level": 3, "statement_en": "Hydrogen lab"},
                {"id": dropped.pk, "area": other.pk, "level": 2, "DELETE": "on"},
                {"area": batteries.pk, "level": 2, "statement_en": "Battery pilot line"},
            ],
            initial=2,
        ),
    )
    assert response.status_code == 302
    assert sorted(university.strengths.values_list("area__slug", "level")) == [
        ("e-mobility-batteries", 2),
        ("hydrogen", 3),
    ]


def test_duplicate_strength_area_is_refused_and_nothing_saved(
    client, staff_editor, university, area
):
    client.force_login(staff_editor)
    response = client.post(
        reverse("universities:edit_strengths", args=[university.slug]),
        _formset(
            "strengths",
            [{"area": area.pk, "level": 1}, {"area": area.pk, "level": 2}],
        ),
    )
    assert response.status_code == 200
    assert "nothing has been saved" in response.content.decode()
    assert not university.strengths.exists()


def test_activity_ending_before_it_starts_is_refused(client, staff_editor, university):
    client.force_login(staff_editor)
    response = client.post(
        reverse("universities:edit_activities", args=[university.slug]),
        _formset(
            "activities",
            [
                {"kind": "laboratory", "title_en": "Graphene lab", "start_year": 2020},
                {
                    "kind": "research_project",
                    "title_en": "Old",
                    "start_year": 2020,
                    "end_year": 2019,
                },
            ],
        ),
    )
    assert "The end year cannot come before the start year." in response.content.decode()
    assert not Activity.objects.exists()


def test_history_shows_who_changed_what(client, staff_editor, staff_admin, university, area):
    client.force_login(staff_editor)
    client.post(
        reverse("universities:edit", args=[university.slug]),
        _profile_data(university, city_en="Astana"),
    )
    client.post(
        reverse("universities:edit_strengths", args=[university.slug]),
        _formset("strengths", [{"area": area.pk, "level": 2, "statement_en": "Electrolysers"}]),
    )
    client.force_login(staff_admin)
    response = client.get(reverse("universities:history", args=[university.slug]))
    changes = response.context["changes"]
    assert [(c.subject, str(c.action)) for c in changes[:2]] == [
        ("Strength: Hydrogen", "created"),
        ("Profile", "changed"),
    ]
    assert changes[1].who == staff_editor
    assert changes[1].fields == [("city (English)", "Almaty", "Astana")]


def test_coordinator_adds_a_university_with_a_generated_address(client, coordinator):
    client.force_login(coordinator)
    response = client.post(
        reverse("universities:create"),
        {"name_en": "Kyrgyz State Technical University", "country": "KG", "verified": "on"},
    )
    university = University.objects.get(name_en="Kyrgyz State Technical University")
    assert response.url == university.get_absolute_url()
    assert university.slug == "kyrgyz-state-technical-university"
    assert university.verified is True


@pytest.mark.parametrize("slug", ["map", "satbayev-university"])
def test_taken_or_reserved_address_is_refused(client, coordinator, university, slug):
    client.force_login(coordinator)
    response = client.post(
        reverse("universities:create"), {"slug": slug, "name_en": "Another", "country": "KZ"}
    )
    assert response.context["form"].has_error("slug")
    assert not University.objects.filter(name_en="Another").exists()


def test_coordinator_adds_a_research_area(client, coordinator):
    client.force_login(coordinator)
    client.post(
        reverse("universities:area_create"),
        {"name_en": "Geothermal energy", "name_ru": "Геотермальная энергия", "position": 5},
    )
    area = ResearchArea.objects.get(name_en="Geothermal energy")
    assert area.slug == "geothermal-energy"
    assert client.get(reverse("universities:areas")).status_code == 200


def test_directory_filters_by_language_of_instruction(client, university, other_university):
    university.languages.add(Language.objects.get(code="kk"))
    response = client.get(reverse("universities:list"), {"language": "kk"})
    assert list(response.context["universities"]) == [university]


@pytest.mark.parametrize("count", [1, 10])
def test_research_area_list_runs_fixed_queries(
    client, coordinator, university, django_assert_num_queries, count
):
    for n in range(count):
        area = ResearchArea.objects.create(name_en=f"Area {n}", slug=f"area-{n}")
        Strength.objects.create(university=university, area=area, level=1)
    client.force_login(coordinator)
    # 1 the user with whether they are a coordinator and their memberships (one round
    # trip), 2 whether demo data is loaded, 3 the research areas with their strength
    # counts.
    with django_assert_num_queries(3):
        response = client.get(reverse("universities:areas"))
    assert response.status_code == 200
    assert len(response.context["areas"]) == ResearchArea.objects.count()


@pytest.mark.parametrize("count", [1, 20])
def test_history_runs_fixed_queries(
    client, staff_admin, university, django_assert_num_queries, count
):
    client.force_login(staff_admin)
    for n in range(count):
        client.post(
            reverse("universities:edit", args=[university.slug]),
            _profile_data(university, city_en=f"City {n}"),
        )
    # 1 the user with whether they are a coordinator and their memberships (one round
    # trip: whether they are the university's administrator, and the navbar's inbox
    # link), 2 the university, 3 the research area names, the change records 4 of the
    # profile, 5 of the strengths and 6 of the activities (each with its author),
    # 7 whether demo data is loaded.
    with django_assert_num_queries(7):
        response = client.get(reverse("universities:history", args=[university.slug]))
    assert response.status_code == 200
    assert len(response.context["changes"]) == count + 1  # the profile's creation too
