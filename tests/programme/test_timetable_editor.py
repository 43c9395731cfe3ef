"""The committee's timetable editor: placing, moving and removing sessions, rooms,
publishing, the clashes refused, and what a move after publication tells people."""

from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.urls import reverse
from django.utils.formats import date_format

from core import outbox
from programme import review_services, services, timetable_services
from programme.models import Contribution, Room, Session, Star
from tests.factories import UserFactory
from tests.programme import timetable_world
from tests.programme.timetable_world import at, build_conference

conference = timetable_world.conference  # the shared fixture

pytestmark = pytest.mark.django_db


def texts(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def said(response):
    """The message the last request added (earlier ones wait, unread, before it)."""
    return texts(response)[-1]


def editor_url(world):
    return reverse("programme:timetable_edit", kwargs={"event": world.event.pk})


def create_url(world):
    return reverse("programme:session_create", kwargs={"event": world.event.pk})


def edit_url(session):
    return reverse("programme:session_edit", kwargs={"pk": session.pk})


def publish_url(world):
    return reverse("programme:timetable_publish", kwargs={"event": world.event.pk})


def slot(world, *, room=0, day=0, start="10:00", end="10:30", **extra):
    return {
        "room": world.rooms[room].pk,
        "day": world.days[day].isoformat(),
        "starts_at": start,
        "ends_at": end,
        **extra,
    }


@pytest.fixture
def committee_client(client, coordinator):
    client.force_login(coordinator)
    return client


# --- placing and the editor -----------------------------------------------------------


def test_committee_places_two_sessions_and_the_editor_shows_them(committee_client, conference):
    first, second = conference.talks[0], conference.talks[1]
    response = committee_client.post(
        create_url(conference), slot(conference, contribution=first.pk)
    )
    day0 = conference.days[0].isoformat()
    assert response.status_code == 302
    assert response.url == f"{editor_url(conference)}#day-{day0}"
    assert texts(response) == ["Placed “Talk 0”."]
    response = committee_client.post(
        create_url(conference),
        slot(conference, room=1, day=1, start="11:00", end="", contribution=second.pk),
    )
    assert said(response) == "Placed “Talk 1”."
    placed = {s.contribution.title: s for s in Session.objects.select_related("contribution")}
    assert placed["Talk 0"].room == conference.rooms[0]
    assert placed["Talk 0"].starts_at == at(conference.days[0], 10)
    assert placed["Talk 1"].room == conference.rooms[1]
    assert placed["Talk 1"].starts_at == at(conference.days[1], 11)
    # No end given: the call's length (20 minutes).
    assert placed["Talk 1"].ends_at == at(conference.days[1], 11, 20)

    page = committee_client.get(editor_url(conference))
    assert page.status_code == 200
    html = page.content.decode()
    assert f'id="day-{day0}"' in html
    assert f'id="day-{conference.days[1].isoformat()}"' in html
    assert "10:00–10:30" in html
    assert "11:00–11:20" in html
    assert "Speaker0 Test" in html
    assert "Speaker1 Test" in html
    assert [c.title for c in page.context["unplaced"]] == ["Talk 2", "Talk 3"]
    grid = page.context["grid"]
    assert [[(r["room"].name_en, [str(s) for s in r["sessions"]]) for r in d["rooms"]]
            for d in grid] == [[("Aula", ["Talk 0"])], [("Room 104", ["Talk 1"])]]  # fmt: skip
    assert "Not published" in html
    public = reverse("programme:timetable", kwargs={"event": conference.event.pk})
    assert f'href="{public}"' not in html


def test_editor_empty_states(committee_client, university):
    world = build_conference(university, talks=0)
    Room.objects.filter(call=world.call).delete()
    html = committee_client.get(editor_url(world)).content.decode()
    assert "No session has been placed yet." in html
    assert "No room yet: add one before placing sessions." in html
    assert "No accepted contribution waits for a place." in html


def test_place_link_preselects_the_contribution(committee_client, conference):
    talk = conference.talks[2]
    response = committee_client.get(f"{create_url(conference)}?contribution={talk.pk}")
    form = response.context["form"]
    assert form["contribution"].value() == talk.pk
    assert form["day"].value() == conference.days[0].isoformat()
    assert [label for _value, label in form.fields["room"].choices] == [
        "Aula (200 places)",
        "Room 104 (40 places)",
    ]


def test_plenary_placed_with_its_title(committee_client, conference):
    response = committee_client.post(
        create_url(conference), slot(conference, start="09:00", end="09:30", title_en="Opening")
    )
    assert texts(response) == ["Placed “Opening”."]
    session = Session.objects.get()
    assert (session.is_plenary, session.title_en) == (True, "Opening")


def test_plenary_without_a_title_refused(committee_client, conference):
    response = committee_client.post(create_url(conference), slot(conference))
    assert response.status_code == 200
    assert response.context["form"].errors["title_en"] == [
        "Choose a contribution, or give a plenary its title."
    ]
    assert Session.objects.count() == 0


def test_a_form_sent_twice_is_placed_once(committee_client, conference):
    data = slot(conference, contribution=conference.talks[0].pk, submit_token="once")
    committee_client.post(create_url(conference), data)
    response = committee_client.post(create_url(conference), data)
    assert response.status_code == 302
    assert said(response) == "This form had already been sent: it was saved once."
    assert Session.objects.count() == 1


# --- clashes --------------------------------------------------------------------------


def refused(client, world, data):
    response = client.post(create_url(world), data)
    assert response.status_code == 200
    assert texts(response) == ["Please correct the errors below; nothing has been saved."]
    return response.context["form"].errors


def test_room_double_booked_refused(committee_client, conference):
    conference.place(conference.talks[0], 0, 0, 10)
    errors = refused(
        committee_client,
        conference,
        slot(conference, start="10:15", end="10:45", contribution=conference.talks[1].pk),
    )
    assert errors["room"] == ["Aula already has “Talk 0” at that time (10 a.m.–10:30 a.m.)."]
    assert Session.objects.count() == 1


def test_speaker_in_two_rooms_at_once_refused(committee_client, conference):
    first, second = conference.talks[0], conference.talks[1]
    second.coauthor_accounts.add(first.submitter)
    conference.place(first, 0, 0, 10)
    errors = refused(committee_client, conference, slot(conference, room=1, contribution=second.pk))
    assert errors["starts_at"] == ["Speaker0 Test already speaks in “Talk 0” (Aula) at that time."]
    assert Session.objects.count() == 1


def test_submitter_of_two_talks_in_two_rooms_refused(committee_client, conference):
    first, second = conference.talks[0], conference.talks[1]
    Contribution.objects.filter(pk=second.pk).update(submitter=first.submitter)
    conference.place(first, 0, 0, 10)
    errors = refused(
        committee_client,
        conference,
        slot(conference, room=1, start="10:20", end="10:40", contribution=second.pk),
    )
    assert errors["starts_at"] == ["Speaker0 Test already speaks in “Talk 0” (Aula) at that time."]
    assert Session.objects.count() == 1


def test_slot_outside_the_conference_refused(committee_client, conference):
    errors = refused(
        committee_client,
        conference,
        slot(conference, start="07:00", end="07:30", contribution=conference.talks[0].pk),
    )
    first = date_format(at(conference.days[0], 9), "N j, Y")
    last = date_format(at(conference.days[1], 18), "N j, Y")
    assert errors["starts_at"] == [
        f"The conference runs from {first}, 9 a.m. to {last}, 6 p.m.: place the session within it."
    ]
    assert Session.objects.count() == 0


def test_day_outside_the_conference_refused(committee_client, conference):
    later = (conference.days[1] + timedelta(days=1)).isoformat()
    errors = refused(
        committee_client, conference, {**slot(conference), "day": later, "title_en": "Dinner"}
    )
    assert errors["day"] == [f"Select a valid choice. {later} is not one of the available choices."]
    assert Session.objects.count() == 0


def test_expected_audience_above_the_places_refused(committee_client, conference):
    errors = refused(
        committee_client,
        conference,
        slot(conference, room=1, contribution=conference.talks[0].pk, expected=41),
    )
    assert errors["room"] == ["Room 104 has 40 places; this session expects 41."]
    assert Session.objects.count() == 0


def test_end_before_start_refused(committee_client, conference):
    errors = refused(
        committee_client,
        conference,
        slot(conference, start="11:00", end="10:00", contribution=conference.talks[0].pk),
    )
    assert errors["ends_at"] == ["A session must end after it starts."]
    assert Session.objects.count() == 0


def test_contribution_not_accepted_refused(committee_client, conference):
    talk = conference.talks[0]
    Contribution.objects.filter(pk=talk.pk).update(state=Contribution.State.SUBMITTED)
    offered = committee_client.get(create_url(conference)).context["form"]["contribution"]
    assert talk.title not in str(offered)
    errors = refused(committee_client, conference, slot(conference, contribution=talk.pk))
    assert errors["contribution"] == ["Only accepted contributions are placed."]
    assert Session.objects.count() == 0


def test_move_into_a_clash_keeps_the_session(committee_client, conference):
    conference.place(conference.talks[0], 0, 0, 10)
    moving = conference.place(conference.talks[1], 1, 0, 10)
    response = committee_client.post(edit_url(moving), slot(conference, room=0))
    assert response.status_code == 200
    assert response.context["form"].errors["room"] == [
        "Aula already has “Talk 0” at that time (10 a.m.–10:30 a.m.)."
    ]
    moving.refresh_from_db()
    assert moving.room == conference.rooms[1]


# --- moves and what they tell ---------------------------------------------------------


def test_move_after_publication_counts_up_and_emails(committee_client, conference, student):
    talk = conference.talks[0]
    session = conference.place(talk, 0, 0, 10)
    response = committee_client.post(publish_url(conference), {"publish": "1"})
    assert texts(response) == [
        "The timetable is public. From now on every move is e-mailed to the speakers and "
        "to the people who starred the session."
    ]
    timetable_services.star(user=student, session=session)
    response = committee_client.post(
        edit_url(session), slot(conference, room=1, start="14:00", end="14:30")
    )
    assert response.url == f"{editor_url(conference)}#day-{conference.days[0].isoformat()}"
    assert said(response) == "Moved “Talk 0”; 2 people will be told."
    session.refresh_from_db()
    assert (session.sequence, session.room, session.starts_at) == (
        1,
        conference.rooms[1],
        at(conference.days[0], 14),
    )
    outbox.send_due()
    assert sorted(m.to[0] for m in mail.outbox) == sorted([talk.submitter.email, student.email])
    for message in mail.outbox:
        assert message.subject == "“Talk 0” has moved"
        (calendar,) = [a for a in message.attachments if a[2].startswith("text/calendar")]
        content = calendar[1].decode() if isinstance(calendar[1], bytes) else calendar[1]
        assert "SEQUENCE:1" in content


def test_move_before_publication_tells_nobody(committee_client, conference, student):
    session = conference.place(conference.talks[0], 0, 0, 10)
    Star.objects.create(user=student, session=session)
    response = committee_client.post(edit_url(session), slot(conference, day=1))
    assert texts(response) == ["Moved “Talk 0”."]
    session.refresh_from_db()
    assert (session.sequence, session.starts_at) == (0, at(conference.days[1], 10))
    outbox.send_due()
    assert mail.outbox == []


def test_move_that_changes_nothing_says_so(committee_client, conference):
    session = conference.place(conference.talks[0], 0, 0, 10)
    response = committee_client.post(edit_url(session), slot(conference))
    assert texts(response) == ["Nothing changed in “Talk 0”."]


def test_edit_form_shows_where_the_session_is(committee_client, conference):
    session = conference.place(conference.talks[0], 1, 1, 15)
    form = committee_client.get(edit_url(session)).context["form"]
    assert form["day"].value() == conference.days[1].isoformat()
    assert form["starts_at"].value().strftime("%H:%M") == "15:00"
    assert form["room"].value() == conference.rooms[1].pk
    assert "contribution" not in form.fields
    assert "title_en" not in form.fields


# --- removing, withdrawing, rejecting -------------------------------------------------


# timetable_services.session_remove locks its row with select_related over the nullable
# contribution; PostgreSQL refuses FOR UPDATE on the nullable side of an outer join.
def test_session_remove_confirms_then_frees_the_contribution(committee_client, conference):
    session = conference.place(conference.talks[0], 0, 0, 10)
    url = reverse("programme:session_remove", kwargs={"pk": session.pk})
    page = committee_client.get(url).content.decode()
    assert "goes back to the list of contributions not placed yet" in page
    assert "The timetable is not public: nobody is told." in page
    response = committee_client.post(url)
    assert said(response) == "“Talk 0” is no longer in the timetable."
    assert Session.objects.count() == 0
    unplaced = committee_client.get(editor_url(conference)).context["unplaced"]
    assert [c.title for c in unplaced] == ["Talk 0", "Talk 2", "Talk 1", "Talk 3"]


def test_session_remove_after_publication_names_who_is_told(committee_client, conference, student):
    session = conference.place(conference.talks[0], 0, 0, 10)
    timetable_services.timetable_publish(call=conference.call, publish=True)
    Star.objects.create(user=student, session=session)
    url = reverse("programme:session_remove", kwargs={"pk": session.pk})
    page = committee_client.get(url)
    assert [p.pk for p in page.context["audience"]] == [
        conference.talks[0].submitter_id,
        student.pk,
    ]
    assert "The timetable is public: 2 people are told by e-mail" in page.content.decode()
    committee_client.post(url)
    outbox.send_due()
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [conference.talks[0].submitter.email, student.email]
    )


def test_withdrawing_a_placed_contribution_deletes_its_session(conference):
    talk = conference.talks[0]
    conference.place(talk, 0, 0, 10)
    services.contribution_withdraw(contribution=talk)
    assert Session.objects.filter(contribution=talk).exists() is False


def test_rejecting_a_placed_contribution_frees_its_slot(committee_client, conference):
    talk = conference.talks[0]
    conference.place(talk, 0, 0, 10)
    review_services.contribution_decide(contribution=talk, decision="rejected")
    assert Session.objects.count() == 0
    response = committee_client.post(
        create_url(conference), slot(conference, contribution=conference.talks[1].pk)
    )
    assert said(response) == "Placed “Talk 1”."


# --- publishing -----------------------------------------------------------------------


def test_publishing_an_empty_timetable_refused(committee_client, conference):
    response = committee_client.post(publish_url(conference), {"publish": "1"})
    assert response.url == editor_url(conference)
    assert texts(response) == ["Place at least one session before publishing the timetable."]
    conference.call.refresh_from_db()
    assert conference.call.timetable_published_at is None


def test_publish_then_unpublish(committee_client, conference):
    conference.place(conference.talks[0], 0, 0, 10)
    committee_client.post(publish_url(conference), {"publish": "1"})
    html = committee_client.get(editor_url(conference)).content.decode()
    public = reverse("programme:timetable", kwargs={"event": conference.event.pk})
    assert f'href="{public}"' in html
    response = committee_client.post(publish_url(conference), {"publish": "1"})
    assert said(response) == "The timetable already stood so; nothing changed."
    response = committee_client.post(publish_url(conference), {"publish": "0"})
    assert said(response) == "The timetable is no longer public."
    conference.call.refresh_from_db()
    assert conference.call.timetable_published_at is None


def test_publish_refuses_get(committee_client, conference):
    assert committee_client.get(publish_url(conference)).status_code == 405


# --- rooms ----------------------------------------------------------------------------


def test_room_added_from_the_editor(committee_client, conference):
    url = reverse("programme:room_create", kwargs={"event": conference.event.pk})
    response = committee_client.post(
        url, {"name_en": "Online", "capacity": "500", "stream_url": "https://stream.example.org/x"}
    )
    assert response.url == f"{editor_url(conference)}#rooms"
    assert texts(response) == ["The room “Online” has been added."]
    room = Room.objects.get(name_en="Online")
    assert (room.capacity, room.stream_url, room.position) == (
        500,
        "https://stream.example.org/x",
        2,
    )


def test_room_without_a_name_refused(committee_client, conference):
    url = reverse("programme:room_create", kwargs={"event": conference.event.pk})
    response = committee_client.post(url, {"capacity": "10"})
    assert response.status_code == 200
    assert response.context["form"].errors["name_en"] == ["Fill this in, in at least one language."]
    assert Room.objects.count() == 2


def test_room_capacity_below_an_expected_audience_refused(committee_client, conference):
    conference.place(conference.talks[0], 0, 0, 10, expected=150)
    url = reverse("programme:room_edit", kwargs={"pk": conference.rooms[0].pk})
    response = committee_client.post(url, {"name_en": "Aula", "capacity": "100"})
    assert response.status_code == 200
    assert response.context["form"].errors["capacity"] == [
        "“Talk 0” in this room expects 150 people."
    ]
    conference.rooms[0].refresh_from_db()
    assert conference.rooms[0].capacity == 200


def test_room_with_sessions_cannot_be_removed(committee_client, conference):
    conference.place(conference.talks[0], 0, 0, 10)
    url = reverse("programme:room_remove", kwargs={"pk": conference.rooms[0].pk})
    page = committee_client.get(url).content.decode()
    assert "Only an empty room can be removed" in page
    assert "This room still has 1 session." in page
    response = committee_client.post(url)
    assert texts(response) == ["This room still has sessions: move or remove them first."]
    assert Room.objects.filter(pk=conference.rooms[0].pk).exists()


def test_empty_room_removed(committee_client, conference):
    url = reverse("programme:room_remove", kwargs={"pk": conference.rooms[1].pk})
    page = committee_client.get(url).content.decode()
    assert "Only an empty room can be removed" in page
    response = committee_client.post(url)
    assert texts(response) == ["The room “Room 104” has been removed."]
    assert list(Room.objects.values_list("name_en", flat=True)) == ["Aula"]


# --- who may edit ---------------------------------------------------------------------


@pytest.mark.parametrize("who", ["student", "other_staff", "partner"])
def test_editor_refused_to_outsiders(client, conference, who, request):
    client.force_login(request.getfixturevalue(who))
    session = conference.place(conference.talks[0], 0, 0, 10)
    assert client.get(editor_url(conference)).status_code == 403
    assert client.get(edit_url(session)).status_code == 403
    assert client.post(publish_url(conference), {"publish": "1"}).status_code == 403
    room_url = reverse("programme:room_remove", kwargs={"pk": conference.rooms[1].pk})
    assert client.post(room_url).status_code == 403
    assert Room.objects.count() == 2


def test_editor_sends_anonymous_visitors_to_sign_in(client, conference):
    response = client.get(editor_url(conference))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_editor_open_to_the_host_editor(client, conference, staff_editor):
    client.force_login(staff_editor)
    assert client.get(editor_url(conference)).status_code == 200


def test_editor_of_an_event_without_a_call_is_404(committee_client, conference):
    url = reverse("programme:timetable_edit", kwargs={"event": conference.event.pk + 1000})
    assert committee_client.get(url).status_code == 404


@pytest.mark.parametrize("count", [2, 8])
def test_editor_runs_a_fixed_number_of_queries(
    committee_client, django_assert_num_queries, university, count
):
    world = build_conference(university, talks=count + 2)
    for number, talk in enumerate(world.talks[:count]):
        talk.coauthor_accounts.add(UserFactory())
        world.place(talk, number % 2, number % 2, 9 + number)
    for talk in world.talks[count:]:
        talk.coauthor_accounts.add(UserFactory())
    # 1 user with whether they are a coordinator and their memberships (the rule; one
    # round trip), 2 the call and its event; the page: 3 the sessions with rooms,
    # contributions, tracks and submitters, 4 their co-authors, 5 the rooms, 6 the
    # accepted contributions not placed with tracks and submitters, 7 their co-authors;
    # the frame: 8 the demo-data banner.
    with django_assert_num_queries(8):
        response = committee_client.get(editor_url(world))
    assert response.context["placed"] == count
    assert len(response.context["unplaced"]) == 2
