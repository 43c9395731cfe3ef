"""The public timetable: the grid by day and room, the preview of an unpublished one,
times in two zones, the .ics and the PDF, session and speaker pages, stars, "my
schedule" and its private feed (a moved session with its higher SEQUENCE)."""

import re
import zlib
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.contrib.messages import get_messages
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import formats, timezone

from accounts.models import MembershipStatus
from events.models import Event
from events.services import calendar_token_for
from programme import timetable_services
from programme.models import Session, Star
from tests.factories import (
    OrganisationMembershipFactory,
    UniversityMembershipFactory,
    UserFactory,
)
from tests.programme import timetable_world
from tests.programme.timetable_world import at, build_conference

conference = timetable_world.conference  # the shared world, as a fixture of this module

pytestmark = pytest.mark.django_db


ZURICH = ZoneInfo("Europe/Zurich")
ALMATY = ZoneInfo("Asia/Almaty")


def publish(conference):
    timetable_services.timetable_publish(call=conference.call, publish=True)
    conference.call.refresh_from_db()


def timetable_url(conference):
    return reverse("programme:timetable", kwargs={"event": conference.event.pk})


def two_days(conference):
    """Talk 0 in the Aula and Talk 1 in Room 104 at 9:00 on day one, Talk 2 in the Aula
    at 10:00 on day two, an opening in the Aula at 11:00 on day one."""
    sessions = [
        conference.place(conference.talks[0], 0, 0, 9),
        conference.place(conference.talks[1], 1, 0, 9, minutes=20),
        conference.place(conference.talks[2], 0, 1, 10),
        conference.place(None, 0, 0, 11, minutes=60, title_en="Opening of the conference"),
    ]
    publish(conference)
    return sessions


def clock(moment, zone=ALMATY):
    return formats.time_format(timezone.localtime(moment, zone), "TIME_FORMAT")


def long_day(day):
    return f"{formats.date_format(day, 'l')}, {formats.date_format(day, 'DATE_FORMAT')}"


# --- the grid -------------------------------------------------------------------------


def test_timetable_shows_each_days_rooms_and_sessions(client, conference):
    talk0, talk1, talk2, opening = two_days(conference)
    response = client.get(timetable_url(conference))
    assert response.status_code == 200
    days = response.context["days"]
    assert [day.day for day in days] == conference.days
    assert [[str(c.room) for c in day.rooms] for day in days] == [["Aula", "Room 104"], ["Aula"]]
    assert [[str(card.session) for card in c.cards] for c in days[0].rooms] == [
        ["Talk 0", "Opening of the conference"],
        ["Talk 1"],
    ]
    # Rows of five minutes from 9:00: Talk 0 fills 1-6, the opening at 11:00 13-24.
    aula = days[0].rooms[0].cards
    assert [(card.row, card.span) for card in aula] == [(1, 6), (25, 12)]
    assert days[0].span == 37  # the room's name and 36 rows
    html = response.content.decode()
    assert "Rotating conference on the energy transition" in html
    assert long_day(conference.days[0]) in html
    assert long_day(conference.days[1]) in html
    assert f'href="#day-{conference.days[0].isoformat()}"' in html
    assert "200 places" in html
    assert "40 places" in html
    assert '<a href="https://stream.example.org/aula" rel="noopener">Online stream</a>' in html
    assert f'<a href="{talk0.get_absolute_url()}">Talk 0</a>' in html
    assert 'class="tt-session tt-r1 tt-s6"' in html
    assert 'class="tt-session tt-r1 tt-s4"' in html  # Talk 1, 20 minutes
    speaker = conference.talks[0].submitter
    speaker_url = reverse("programme:speaker", kwargs={"pk": speaker.pk})
    assert f'<a href="{speaker_url}">{speaker.full_name}</a>' in html
    assert "Smart grids" in html
    assert "Critical minerals" in html
    assert f"{clock(talk0.starts_at)}</time>–" in html
    assert "Times are Almaty time, UTC+5." in html
    assert reverse("programme:timetable_ics", kwargs={"event": conference.event.pk}) in html
    assert reverse("programme:timetable_pdf", kwargs={"event": conference.event.pk}) in html
    # A plenary has only its title, with no page of its own.
    assert opening.get_absolute_url() not in html
    # Anonymous visitors are asked to sign in to star.
    assert "Sign in to build your schedule" in html
    assert speaker.email not in html


def test_timetable_without_sessions_says_so(client, conference, coordinator):
    client.force_login(coordinator)
    response = client.get(timetable_url(conference))
    assert response.status_code == 200
    assert "No session has been placed in this timetable yet." in response.content.decode()


def test_unpublished_timetable_is_not_found_for_visitors(client, conference, student):
    session = conference.place(conference.talks[0], 0, 0, 9)
    assert client.get(timetable_url(conference)).status_code == 404
    client.force_login(student)
    assert client.get(timetable_url(conference)).status_code == 404
    assert client.get(session.get_absolute_url()).status_code == 404
    for name in ("programme:timetable_ics", "programme:timetable_pdf"):
        assert client.get(reverse(name, kwargs={"event": conference.event.pk})).status_code == 404


def test_committee_previews_an_unpublished_timetable(client, conference, staff_editor):
    session = conference.place(conference.talks[0], 0, 0, 9)
    client.force_login(staff_editor)
    response = client.get(timetable_url(conference))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Preview: this timetable is not published yet." in html
    assert "Talk 0" in html
    assert "Add to your schedule" not in html  # nothing to star before publication
    assert reverse("programme:timetable_edit", kwargs={"event": conference.event.pk}) in html
    detail = client.get(session.get_absolute_url())
    assert detail.status_code == 200
    assert "Preview: this timetable is not published yet." in detail.content.decode()


def test_timetable_of_a_draft_event_is_not_found(client, university):
    world = build_conference(university, published_event=False)
    world.place(world.talks[0], 0, 0, 9)
    publish(world)
    assert client.get(timetable_url(world)).status_code == 404


def test_visitor_in_zurich_sees_both_zones(client, conference, student):
    talk0, *_rest = two_days(conference)
    student.time_zone = "Europe/Zurich"
    student.save()
    client.force_login(student)
    html = client.get(timetable_url(conference)).content.decode()
    zurich = f"Your time: {clock(talk0.starts_at, ZURICH)}–{clock(talk0.ends_at, ZURICH)}"
    assert zurich in html
    assert f"{clock(talk0.starts_at)}</time>–" in html  # and the event's
    assert "Your time (Geneva time, UTC+" in html
    detail = client.get(talk0.get_absolute_url()).content.decode()
    assert "Almaty time, UTC+5" in detail
    assert "(Geneva time, UTC+" in detail


def test_anonymous_visitor_zone_comes_from_the_browser_cookie(client, conference):
    talk0, *_rest = two_days(conference)
    client.cookies["tz"] = "Europe%2FZurich"
    html = client.get(timetable_url(conference)).content.decode()
    assert f"Your time: {clock(talk0.starts_at, ZURICH)}–" in html
    client.cookies["tz"] = "Asia%2FAlmaty"
    html = client.get(timetable_url(conference)).content.decode()
    assert "Your time" not in html


# --- files ----------------------------------------------------------------------------


def test_timetable_ics_lists_every_placed_session(client, conference):
    sessions = two_days(conference)
    response = client.get(reverse("programme:timetable_ics", kwargs={"event": conference.event.pk}))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    body = response.content.decode()
    assert body.count("BEGIN:VEVENT") == 4
    for session in sessions:
        assert f"UID:{session.uid}" in body
    assert f"DTSTART;TZID=Asia/Almaty:{conference.days[0]:%Y%m%d}T090000" in body
    assert "SUMMARY:Opening of the conference" in body


ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}


def _unescape(literal: bytes) -> bytes:
    def one(match: re.Match) -> bytes:
        code = match.group(1)
        if code[:1].isdigit():
            return bytes([int(code, 8)])
        return ESCAPES.get(code, code)

    return re.sub(rb"\\([nrtbf()\\]|[0-7]{1,3})", one, literal)


def _pdf_text(data: bytes) -> str:
    """The text a PDF of fpdf2 draws: each string shown (two-byte glyph codes, in
    inflated content streams) read through each font's ToUnicode table. A string read
    through another font's table gives nonsense, never a title: what a test finds in
    the result was drawn."""
    raw_streams = re.findall(rb"stream\r?\n(.*?)\r?\nendstream", data, re.DOTALL)
    tables = [
        {int(code, 16): chr(int(char, 16)) for code, char in re.findall(
            rb"<([0-9A-F]{4})> <([0-9A-F]{4})>", raw.split(b"beginbfchar", 1)[1])}
        for raw in raw_streams
        if raw.startswith(b"/CIDInit")
    ]  # fmt: skip
    shown = []
    for raw in raw_streams:
        if raw[:1] != b"x":
            continue
        content = zlib.decompress(raw)
        shown += [_unescape(s) for s in re.findall(rb"\(((?:[^()\\]|\\.)*)\) Tj", content)]
    lines = []
    for table in tables:
        for string in shown:
            codes = [int.from_bytes(string[i : i + 2]) for i in range(0, len(string), 2)]
            lines.append("".join(table.get(code, "\ufffd") for code in codes))
    return "\n".join(lines)


def test_timetable_pdf_prints_the_sessions(client, conference):
    two_days(conference)
    response = client.get(reverse("programme:timetable_pdf", kwargs={"event": conference.event.pk}))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    text = _pdf_text(response.content)
    for title in ("Talk 0", "Talk 1", "Talk 2", "Opening of the conference"):
        assert title in text
    assert "Rotating conference on the energy transition" in text
    assert "Aula" in text
    assert "Room 104" in text
    assert conference.talks[0].submitter.full_name in text
    assert formats.date_format(conference.days[1], "DATE_FORMAT") in text


def test_timetable_pdf_in_russian_has_russian_headings(client, conference):
    two_days(conference)
    path = reverse("programme:timetable_pdf", kwargs={"event": conference.event.pk})
    response = client.get(f"/ru{path}")
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF-")
    assert "Talk 0" in _pdf_text(response.content)


# --- a session, a speaker -------------------------------------------------------------


def test_session_page_shows_speakers_and_materials(client, conference, university):
    talk0, *_rest = two_days(conference)
    contribution = conference.talks[0]
    colleague = UserFactory(full_name="Aigerim Sadykova", affiliation="KazEnergy")
    contribution.coauthor_accounts.add(colleague)
    contribution.coauthors = "Outside Author"
    contribution.slides.save("slides.pdf", ContentFile(b"%PDF-1.4\n"), save=True)  # saves both
    UniversityMembershipFactory(university=university, user=contribution.submitter)
    response = client.get(talk0.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "<p>Abstract 0.</p>" in html
    colleague_url = reverse("programme:speaker", kwargs={"pk": colleague.pk})
    assert f'<a href="{colleague_url}">Aigerim Sadykova</a>' in html
    assert "· KazEnergy" in html
    assert f'<a href="{university.get_absolute_url()}">Satbayev University</a>' in html
    assert '<li class="mb-1">Outside Author</li>' in html
    assert reverse("programme:slides_file", kwargs={"pk": contribution.pk}) in html
    assert "Upload your slides" not in html
    assert "Aula" in html
    assert '<a href="https://stream.example.org/aula"' in html
    assert colleague.email not in html
    assert contribution.submitter.email not in html


def test_session_page_offers_its_speaker_to_upload_slides(client, conference):
    talk0, *_rest = two_days(conference)
    client.force_login(conference.talks[0].submitter)
    html = client.get(talk0.get_absolute_url()).content.decode()
    assert "Upload your slides" in html
    assert reverse("programme:slides_upload", kwargs={"pk": conference.talks[0].pk}) in html
    assert "No slides yet." in html
    client.force_login(conference.talks[1].submitter)
    assert "Upload your slides" not in client.get(talk0.get_absolute_url()).content.decode()


def test_plenary_page_has_only_its_title(client, conference):
    *_talks, opening = two_days(conference)
    response = client.get(opening.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert '<h1 class="h2 text-break">Opening of the conference</h1>' in html
    assert "Abstract" not in html
    assert "Speakers" not in html


def test_speaker_page_lists_published_sessions(client, conference, organisation):
    talk0, *_rest = two_days(conference)
    person = conference.talks[0].submitter
    person.affiliation = "Satbayev University, Institute of Energy"
    person.country = "KZ"
    person.save()
    OrganisationMembershipFactory(organisation=organisation, user=person)
    OrganisationMembershipFactory(
        organisation__name_en="Pending Org", user=person, status=MembershipStatus.PENDING
    )
    response = client.get(reverse("programme:speaker", kwargs={"pk": person.pk}))
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<h1 class="h2">{person.full_name}</h1>' in html
    assert "Satbayev University, Institute of Energy" in html
    assert f'<a href="{organisation.get_absolute_url()}">{organisation.name}</a>' in html
    assert "Pending Org" not in html
    assert "Kazakhstan" in html
    assert f'href="{talk0.get_absolute_url()}">Talk 0</a>' in html
    assert "Rotating conference on the energy transition" in html
    assert person.email not in html


def test_speaker_page_is_not_found_for_someone_who_does_not_speak(client, conference, student):
    two_days(conference)
    assert client.get(reverse("programme:speaker", kwargs={"pk": student.pk})).status_code == 404
    # Speaking only in an unpublished timetable is not speaking yet.
    world = build_conference(conference.event.host)
    world.place(world.talks[0], 0, 0, 9)
    url = reverse("programme:speaker", kwargs={"pk": world.talks[0].submitter_id})
    assert client.get(url).status_code == 404


def test_speaker_without_a_name_is_never_shown_by_address(client, conference):
    talk0, *_rest = two_days(conference)
    person = conference.talks[0].submitter
    person.full_name = ""
    person.save()
    for url in (
        timetable_url(conference),
        talk0.get_absolute_url(),
        reverse("programme:speaker", kwargs={"pk": person.pk}),
    ):
        html = client.get(url).content.decode()
        assert person.email not in html
        assert "A speaker" in html


# --- stars ----------------------------------------------------------------------------


def star_url(session):
    return reverse("programme:session_star", kwargs={"pk": session.pk})


def test_star_and_unstar_a_session(client, conference, student):
    talk0, *_rest = two_days(conference)
    client.force_login(student)
    back = timetable_url(conference) + f"#session-{talk0.pk}"
    response = client.post(star_url(talk0), {"starred": "1", "next": back})
    assert response.status_code == 302
    assert response["Location"] == back
    assert list(Star.objects.values_list("user", "session")) == [(student.pk, talk0.pk)]
    assert [str(m) for m in get_messages(response.wsgi_request)] == ["Added to your schedule"]
    html = client.get(timetable_url(conference)).content.decode()
    assert "In your schedule" in html
    # A second click of the same button changes nothing.
    client.post(star_url(talk0), {"starred": "1", "next": back})
    assert Star.objects.count() == 1
    response = client.post(star_url(talk0), {"starred": "0", "next": back})
    assert Star.objects.count() == 0
    assert [str(m) for m in get_messages(response.wsgi_request)][-1] == "Removed from your schedule"


def test_star_without_a_choice_toggles(client, conference, student):
    talk0, *_rest = two_days(conference)
    client.force_login(student)
    client.post(star_url(talk0))
    assert Star.objects.filter(user=student, session=talk0).count() == 1
    response = client.post(star_url(talk0))
    assert Star.objects.count() == 0
    assert response["Location"] == talk0.get_absolute_url()


def test_star_refuses_a_foreign_next_and_anonymous_visitors(client, conference, student):
    talk0, *_rest = two_days(conference)
    response = client.post(star_url(talk0), {"starred": "1"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert Star.objects.count() == 0
    client.force_login(student)
    response = client.post(star_url(talk0), {"starred": "1", "next": "https://evil.example/"})
    assert response["Location"] == talk0.get_absolute_url()
    assert client.get(star_url(talk0)).status_code == 405


def test_star_of_an_unpublished_session_is_not_found(client, conference, student):
    session = conference.place(conference.talks[0], 0, 0, 9)
    client.force_login(student)
    assert client.post(star_url(session), {"starred": "1"}).status_code == 404
    assert Star.objects.count() == 0


# --- my schedule and its feed ---------------------------------------------------------


def test_my_schedule_lists_starred_sessions_by_day(client, conference, student):
    talk0, talk1, talk2, _opening = two_days(conference)
    for session in (talk2, talk0):
        Star.objects.create(user=student, session=session)
    student.time_zone = "Europe/Zurich"
    student.save()
    client.force_login(student)
    response = client.get(reverse("programme:my_schedule"))
    assert response.status_code == 200
    days = response.context["days"]
    assert [(d.day, [str(s) for s in d.sessions]) for d in days] == [
        (conference.days[0], ["Talk 0"]),
        (conference.days[1], ["Talk 2"]),
    ]
    html = response.content.decode()
    assert "Talk 1" not in html
    assert f"Your time: {clock(talk0.starts_at, ZURICH)}–{clock(talk0.ends_at, ZURICH)}" in html
    token = calendar_token_for(user=student).token
    feed = reverse("programme:my_schedule_feed", kwargs={"token": token})
    assert f"http://testserver{feed}" in html
    assert f'href="webcal://testserver{feed}"' in html
    assert f'action="{star_url(talk0)}"' in html


def test_empty_schedule_points_to_published_timetables(client, conference, student):
    two_days(conference)
    client.force_login(student)
    html = client.get(reverse("programme:my_schedule")).content.decode()
    assert "Your schedule is empty." in html
    assert f'<a href="{timetable_url(conference)}">' in html


def test_my_schedule_asks_anonymous_visitors_to_sign_in(client):
    response = client.get(reverse("programme:my_schedule"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_feed_follows_a_moved_session_with_a_higher_sequence(client, conference, student):
    talk0, *_rest = two_days(conference)
    client.force_login(student)
    client.post(star_url(talk0), {"starred": "1"})
    client.logout()
    token = calendar_token_for(user=student).token
    url = reverse("programme:my_schedule_feed", kwargs={"token": token})
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    body = response.content.decode()
    assert body.count("BEGIN:VEVENT") == 1
    assert f"UID:{talk0.uid}" in body
    assert "SEQUENCE:0" in body
    assert f"DTSTART;TZID=Asia/Almaty:{conference.days[0]:%Y%m%d}T090000" in body
    start = at(conference.days[1], 14)
    timetable_services.session_move(
        session=talk0,
        values={
            "room": conference.rooms[1],
            "starts_at": start,
            "ends_at": start + timedelta(minutes=30),
        },
    )
    body = client.get(url).content.decode()
    assert "SEQUENCE:1" in body
    assert f"DTSTART;TZID=Asia/Almaty:{conference.days[1]:%Y%m%d}T140000" in body
    assert "LOCATION:Room 104" in body


def test_unknown_feed_token_is_not_found(client):
    url = reverse("programme:my_schedule_feed", kwargs={"token": "no-such-token"})
    assert client.get(url).status_code == 404


def test_event_page_links_the_published_timetable(client, conference, staff_editor):
    event_url = conference.event.get_absolute_url()
    assert "Timetable" not in client.get(event_url).content.decode()
    client.force_login(staff_editor)
    editor = reverse("programme:timetable_edit", kwargs={"event": conference.event.pk})
    assert editor in client.get(event_url).content.decode()
    client.logout()
    two_days(conference)
    assert (
        f'href="{timetable_url(conference)}">Timetable</a>'
        in client.get(event_url).content.decode()
    )


# --- query counts ---------------------------------------------------------------------


def _fill(conference, count):
    """``count`` talks, one a day and room apart, each with a co-author account."""
    for n in range(count):
        talk = conference.talks[n]
        talk.coauthor_accounts.add(UserFactory())
        conference.place(talk, n % 2, n // 2, 9 + n)
    publish(conference)


@pytest.mark.parametrize("count", [1, 3])
def test_timetable_runs_a_fixed_number_of_queries(
    client, django_assert_num_queries, conference, student, count
):
    _fill(conference, count)
    Star.objects.create(user=student, session=Session.objects.first())
    client.force_login(student)
    url = timetable_url(conference)
    # 1 user with whether they are a coordinator and their memberships (one round trip;
    # the committee's rule and the navigation use them), 2 the call and its event, 3 the
    # sessions with their rooms, contributions, submitters and tracks, 4 their
    # co-authors, 5 the viewer's stars; the committee's rule (for the editor's link):
    # 6 the host university's staff, 7 a seat on the committee; the page's frame: 8 the
    # demo-data banner.
    with django_assert_num_queries(8):
        response = client.get(url)
    assert sum(len(c.cards) for day in response.context["days"] for c in day.rooms) == count


@pytest.mark.parametrize("count", [1, 3])
def test_my_schedule_runs_a_fixed_number_of_queries(
    client, django_assert_num_queries, conference, student, count
):
    _fill(conference, count)
    for session in Session.objects.all():
        Star.objects.create(user=student, session=session)
    calendar_token_for(user=student)  # made on the first visit; this is a later one
    client.force_login(student)
    # 1 user with whether they are a coordinator and their memberships (one round trip,
    # for the navigation), 2 the starred sessions with their calls, events, rooms,
    # contributions, submitters and tracks, 3 their co-authors, 4 the calendar token;
    # the page's frame: 5 the demo-data banner.
    with django_assert_num_queries(5):
        response = client.get(reverse("programme:my_schedule"))
    assert sum(len(day.sessions) for day in response.context["days"]) == count


def test_draft_event_keeps_starred_sessions_out_of_the_feed(client, conference, student):
    talk0, *_rest = two_days(conference)
    Star.objects.create(user=student, session=talk0)
    Event.objects.filter(pk=conference.event.pk).update(status=Event.Status.DRAFT)
    token = calendar_token_for(user=student).token
    body = client.get(reverse("programme:my_schedule_feed", kwargs={"token": token}))
    assert "BEGIN:VEVENT" not in body.content.decode()
