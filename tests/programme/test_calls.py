"""Opening and editing a call for contributions, and its public page."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import formats, timezone

from core.rows import Row
from events.models import Event
from programme import services
from programme.models import Call, Contribution, Criterion, SessionKind, Track
from universities.models import ResearchArea

pytestmark = pytest.mark.django_db

ALMATY = ZoneInfo("Asia/Almaty")


@pytest.fixture
def conference(university):
    start = timezone.now() + timedelta(days=60)
    return Event.objects.create(
        title_en="Energy transition conference",
        kind=Event.Kind.CONFERENCE,
        format=Event.Format.ON_SITE,
        start=start,
        end=start + timedelta(days=2),
        time_zone="Asia/Almaty",
        host=university,
        status=Event.Status.PUBLISHED,
    )


def _formset(prefix, rows, initial=0):
    data = {
        f"{prefix}-TOTAL_FORMS": str(max(len(rows), 1)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        data.update({f"{prefix}-{index}-{name}": value for name, value in row.items()})
    return data


def call_data(*, tracks=(), criteria=(), track_initial=0, criterion_initial=0, **values):
    data = {
        "submit_token": "",
        "description_en": "Talks on grids and hydrogen.",
        "opens_at": (timezone.localtime(timezone.now(), ALMATY) - timedelta(days=1)).strftime(
            "%Y-%m-%dT%H:%M"
        ),
        "closes_at": "2099-03-01T18:00",
        "session_kinds": [SessionKind.TALK, SessionKind.CHALLENGE],
        "minutes": "20",
        "share_reviews": "on",
        **values,
    }
    data.update(_formset("tracks", list(tracks), track_initial))
    data.update(_formset("criteria", list(criteria), criterion_initial))
    return data


def _messages(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_coordinator_opens_a_call_with_two_tracks(client, coordinator, conference):
    client.force_login(coordinator)
    tracks = [{"name_en": "Smart grids"}, {"name_en": "Green hydrogen", "name_ru": "Водород"}]

    response = client.post(
        reverse("programme:call_create", kwargs={"event": conference.pk}),
        call_data(tracks=tracks),
    )

    call = Call.objects.get(event=conference)
    assert response.status_code == 302
    assert response["Location"] == reverse("programme:call", kwargs={"event": conference.pk})
    assert _messages(response) == ["The call for contributions is open."]
    assert [(t.name_en, t.name_ru, t.position) for t in call.tracks.all()] == [
        ("Smart grids", "", 0),
        ("Green hydrogen", "Водород", 1),
    ]
    assert call.closes_at == datetime(2099, 3, 1, 18, 0, tzinfo=ALMATY)
    assert call.session_kinds == ["talk", "challenge"]
    assert call.share_reviews is True
    assert call.blind_review is False


def test_a_call_without_tracks_gets_one_per_theme(client, coordinator, conference):
    client.force_login(coordinator)

    client.post(reverse("programme:call_create", kwargs={"event": conference.pk}), call_data())

    call = Call.objects.get(event=conference)
    areas = list(ResearchArea.objects.all())
    assert len(areas) > 1
    assert [(t.name_en, t.theme_id) for t in call.tracks.all()] == [
        (area.name_en, area.pk) for area in areas
    ]


def test_a_call_without_criteria_gets_the_three_defaults(client, coordinator, conference):
    client.force_login(coordinator)

    client.post(reverse("programme:call_create", kwargs={"event": conference.pk}), call_data())

    call = Call.objects.get(event=conference)
    assert [c.name_en for c in call.criteria.all()] == [
        "Relevance to the energy transition",
        "Quality",
        "Fit with the region's needs",
    ]
    assert all(c.name_ru for c in call.criteria.all())


def test_named_criteria_replace_the_defaults(client, coordinator, conference):
    client.force_login(coordinator)

    client.post(
        reverse("programme:call_create", kwargs={"event": conference.pk}),
        call_data(criteria=[{"name_en": "Originality"}]),
    )

    assert list(Criterion.objects.values_list("name_en", flat=True)) == ["Originality"]


def test_a_call_closing_before_it_opens_saves_nothing(client, coordinator, conference):
    client.force_login(coordinator)

    response = client.post(
        reverse("programme:call_create", kwargs={"event": conference.pk}),
        call_data(
            opens_at="2099-03-02T09:00",
            closes_at="2099-03-01T09:00",
            tracks=[{"name_en": "Smart grids"}],
        ),
    )

    assert response.status_code == 200
    assert response.context["form"].errors["closes_at"] == ["The call must close after it opens."]
    assert _messages(response) == ["Please correct the errors below; nothing has been saved."]
    assert (Call.objects.count(), Track.objects.count()) == (0, 0)


def test_a_track_without_a_name_saves_nothing(client, coordinator, conference):
    client.force_login(coordinator)

    response = client.post(
        reverse("programme:call_create", kwargs={"event": conference.pk}),
        call_data(
            tracks=[{"name_en": "Smart grids"}, {"theme": str(ResearchArea.objects.first().pk)}]
        ),
    )

    assert response.status_code == 200
    assert response.context["tracks"].forms[1].errors == {
        "name_en": ["Fill this in, in at least one language."]
    }
    assert Call.objects.count() == 0


def test_a_call_with_no_session_type_is_refused(client, coordinator, conference):
    client.force_login(coordinator)

    response = client.post(
        reverse("programme:call_create", kwargs={"event": conference.pk}),
        call_data(session_kinds=[]),
    )

    assert response.context["form"].errors["session_kinds"] == ["This field is required."]
    assert Call.objects.count() == 0


def test_the_same_form_sent_twice_opens_one_call(client, coordinator, conference):
    client.force_login(coordinator)
    url = reverse("programme:call_create", kwargs={"event": conference.pk})

    first = client.post(url, call_data(submit_token="call-token"))
    second = client.post(url, call_data(submit_token="call-token"))

    assert (first.status_code, second.status_code) == (302, 302)
    assert second["Location"] == first["Location"]
    assert Call.objects.filter(event=conference).count() == 1


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_second_call_for_the_event_goes_to_editing_the_first(
    client, coordinator, conference, method
):
    client.force_login(coordinator)
    url = reverse("programme:call_create", kwargs={"event": conference.pk})
    client.post(url, call_data(submit_token="first"), follow=True)

    response = getattr(client, method)(url, call_data(submit_token="second"))

    assert response.status_code == 302
    assert response["Location"] == reverse("programme:call_edit", kwargs={"event": conference.pk})
    assert _messages(response) == ["This event already has a call for contributions."]
    assert Call.objects.filter(event=conference).count() == 1


@pytest.mark.parametrize(
    ("role", "status"), [("staff_editor", 403), ("student", 403), ("partner", 403)]
)
def test_only_coordinators_open_a_call(client, request, conference, role, status):
    client.force_login(request.getfixturevalue(role))

    response = client.post(
        reverse("programme:call_create", kwargs={"event": conference.pk}), call_data()
    )

    assert response.status_code == status
    assert Call.objects.count() == 0


def test_anonymous_visitors_are_asked_to_sign_in_to_open_a_call(client, conference):
    url = reverse("programme:call_create", kwargs={"event": conference.pk})

    response = client.get(url)

    assert (response.status_code, response["Location"]) == (302, f"/accounts/login/?next={url}")


@pytest.fixture
def open_call(conference):
    return services.call_open(
        event=conference,
        values={
            "opens_at": timezone.now() - timedelta(days=1),
            "closes_at": timezone.now() + timedelta(days=30),
            "session_kinds": [SessionKind.TALK, SessionKind.POSTER],
            "description_en": "Talks on grids and hydrogen.",
        },
        tracks=[
            Row(None, {"name_en": "Smart grids"}),
            Row(None, {"name_en": "Green hydrogen"}),
        ],
        criteria=[],
    )


def _existing(call):
    tracks = [
        {"id": str(t.pk), "call": str(call.pk), "name_en": t.name_en} for t in call.tracks.all()
    ]
    criteria = [
        {"id": str(c.pk), "call": str(call.pk), "name_en": c.name_en} for c in call.criteria.all()
    ]
    return tracks, criteria


def test_the_edit_form_shows_the_times_in_the_event_time_zone(client, coordinator, open_call):
    client.force_login(coordinator)

    response = client.get(reverse("programme:call_edit", kwargs={"event": open_call.event_id}))

    local = timezone.localtime(open_call.closes_at, ALMATY).replace(tzinfo=None)
    assert response.context["form"].initial["closes_at"] == local


def test_coordinator_renames_a_track_and_removes_a_criterion(client, coordinator, open_call):
    client.force_login(coordinator)
    tracks, criteria = _existing(open_call)
    tracks[0]["name_en"] = "Grids and storage"
    criteria[1]["DELETE"] = "on"

    response = client.post(
        reverse("programme:call_edit", kwargs={"event": open_call.event_id}),
        call_data(
            tracks=tracks,
            criteria=criteria,
            track_initial=len(tracks),
            criterion_initial=len(criteria),
            blind_review="on",
        ),
    )

    open_call.refresh_from_db()
    assert response.status_code == 302
    assert _messages(response) == ["The call for contributions has been saved."]
    assert [t.name_en for t in open_call.tracks.all()] == ["Grids and storage", "Green hydrogen"]
    assert [c.name_en for c in open_call.criteria.all()] == [
        "Relevance to the energy transition",
        "Fit with the region's needs",
    ]
    assert open_call.blind_review is True


def test_a_track_with_contributions_is_not_removed(client, coordinator, student, open_call):
    track = open_call.tracks.first()
    Contribution.objects.create(
        call=open_call, submitter=student, title="Grids", abstract="A", kind="talk",
        track=track, language="en",
    )  # fmt: skip
    client.force_login(coordinator)
    tracks, criteria = _existing(open_call)
    tracks[0]["DELETE"] = "on"
    tracks[1]["name_en"] = "Renamed"

    response = client.post(
        reverse("programme:call_edit", kwargs={"event": open_call.event_id}),
        call_data(
            tracks=tracks,
            criteria=criteria,
            track_initial=len(tracks),
            criterion_initial=len(criteria),
        ),
    )

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "A track that contributions were submitted to cannot be removed."
    ]
    assert [t.name_en for t in open_call.tracks.all()] == ["Smart grids", "Green hydrogen"]


def test_removing_every_track_is_refused(client, coordinator, open_call):
    client.force_login(coordinator)
    tracks, criteria = _existing(open_call)
    for track in tracks:
        track["DELETE"] = "on"

    response = client.post(
        reverse("programme:call_edit", kwargs={"event": open_call.event_id}),
        call_data(
            tracks=tracks,
            criteria=criteria,
            track_initial=len(tracks),
            criterion_initial=len(criteria),
        ),
    )

    assert response.context["form"].non_field_errors() == ["A call needs at least one track."]
    assert open_call.tracks.count() == 2


def test_editing_an_event_without_a_call_goes_to_opening_one(client, coordinator, conference):
    client.force_login(coordinator)

    response = client.get(reverse("programme:call_edit", kwargs={"event": conference.pk}))

    assert response["Location"] == reverse("programme:call_create", kwargs={"event": conference.pk})


def test_the_call_page_invites_contributions_while_open(client, open_call):
    response = client.get(reverse("programme:call", kwargs={"event": open_call.event_id}))

    content = response.content.decode()
    assert response.status_code == 200
    assert "Submit a contribution" in content
    assert "Talks on grids and hydrogen." in content
    closes = timezone.localtime(open_call.closes_at, ALMATY)
    assert f"until {formats.date_format(closes, 'DATETIME_FORMAT')} (Asia/Almaty)." in content
    assert [str(t) for t in response.context["tracks"]] == ["Smart grids", "Green hydrogen"]
    assert response.context["kinds"] == ["Talk", "Poster"]
    assert "The call is closed." not in content


def test_the_call_page_says_when_the_call_is_closed(client, open_call):
    Call.objects.filter(pk=open_call.pk).update(closes_at=timezone.now() - timedelta(minutes=1))

    response = client.get(reverse("programme:call", kwargs={"event": open_call.event_id}))

    content = response.content.decode()
    assert "The call is closed." in content
    assert "Submit a contribution" not in content


def test_the_call_page_says_when_the_call_is_not_open_yet(client, open_call):
    Call.objects.filter(pk=open_call.pk).update(opens_at=timezone.now() + timedelta(days=1))

    response = client.get(reverse("programme:call", kwargs={"event": open_call.event_id}))

    assert "The call is not open yet." in response.content.decode()


def test_the_call_of_a_draft_event_is_not_shown(client, student, open_call):
    Event.objects.filter(pk=open_call.event_id).update(status=Event.Status.DRAFT)
    client.force_login(student)

    response = client.get(reverse("programme:call", kwargs={"event": open_call.event_id}))

    assert response.status_code == 404


def test_an_event_without_a_call_has_no_call_page(client, conference):
    response = client.get(reverse("programme:call", kwargs={"event": conference.pk}))

    assert response.status_code == 404


def test_the_opening_form_shows_empty_tracks_and_criteria(client, coordinator, conference):
    client.force_login(coordinator)

    response = client.get(reverse("programme:call_create", kwargs={"event": conference.pk}))

    assert response.status_code == 200
    assert (len(response.context["tracks"].forms), len(response.context["criteria"].forms)) == (
        3,
        3,
    )
    assert response.context["form"].initial["session_kinds"] == ["talk", "poster"]
