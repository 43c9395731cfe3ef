"""Journey 9: a conference's whole call. A coordinator opens the call for
contributions of a two-day hybrid conference hosted by a university, with two
tracks; a university member submits a talk, an organisation presents its open need
as an industry challenge from the need's page and a student submits a poster; the
committee seats two reviewers, balances the reviews and both score; the committee
accepts the talk and the challenge and rejects the poster, the authors are told by
e-mail; the committee builds a two-day, two-room timetable (a clash refused) and
publishes it; a participant stars two sessions on a phone and imports the feed of
their schedule; a starred session moves and the feed shows it with a higher
SEQUENCE, and its audience is told by e-mail. Apart: an author withdraws a
contribution, asked first."""

import re
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from core import outbox
from events.models import Event
from programme import services
from programme.models import Contribution, Review, Session
from tests.factories import PASSWORD as FACTORY_PASSWORD
from tests.factories import (
    OrganisationMembershipFactory,
    UniversityFactory,
    UniversityMembershipFactory,
    UserFactory,
)

from .conftest import DESKTOP, PHONE
from .english import english_left
from .helpers import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ZONE = ZoneInfo("Asia/Almaty")


def _in(field, en, ru, kk, uz):
    return {f"{field}_en": en, f"{field}_ru": ru, f"{field}_kk": kk, f"{field}_uz": uz}


def _open_language(page, field):
    """Open the <details> group of a translated field's language."""
    group = page.locator("details", has=page.locator(f"#{field}"))
    if group.count() and not group.first.evaluate("d => d.open"):
        group.first.locator("summary").first.click()


def _local(moment):
    """A moment as a datetime-local input takes it, in the event's time zone."""
    return timezone.localtime(moment, ZONE).strftime("%Y-%m-%dT%H:%M")


def _submit(page):
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_load_state()


def _emails_to(user, words):
    return [m for m in mail.outbox if user.email in m.to and words in m.subject]


def _vevents(calendar):
    """The VEVENT blocks of an iCalendar text, unfolded."""
    text = calendar.replace("\r\n ", "").replace("\r\n", "\n")
    return re.findall(r"BEGIN:VEVENT\n(.*?)END:VEVENT", text, flags=re.S)


def _vevent_of(calendar, session):
    (block,) = [b for b in _vevents(calendar) if f"UID:{session.uid}\n" in b]
    return block


def _contribute(j, conference, *, title, abstract, kind, track, acting_for=None):
    page = j.goto(f"/programme/{conference.pk}/submit/")
    page.locator("#id_title").fill(title)
    page.locator("#id_abstract").fill(abstract)
    page.locator("#id_kind").select_option(kind)
    page.locator("#id_track").select_option(label=track)
    page.locator("#id_language").select_option("en")
    if acting_for is not None:
        page.locator("#id_acting_for").select_option(label=acting_for)
    j.check("contribution-form")
    _submit(page)
    expect(page.locator(".alert-success")).to_contain_text("has been submitted")
    j.check("submitted")
    return Contribution.objects.get(title=title)


def _place(c, page, *, day, starts, ends, room, contribution=None, plenary=None):
    """Fill the session form open in ``page`` and send it."""
    page.locator("#id_day").select_option(day.isoformat())
    page.locator("#id_starts_at").fill(starts)
    page.locator("#id_ends_at").fill(ends)
    page.locator("#id_room").select_option(str(room.pk))
    if contribution is not None:
        page.locator("#id_contribution").select_option(str(contribution.pk))
    if plenary is not None:
        page.locator("#id_title_en").fill(plenary[0])
        _open_language(page, "id_title_ru")
        page.locator("#id_title_ru").fill(plenary[1])
    c.check("session-form")
    _submit(page)


def test_a_call_is_opened_reviewed_decided_scheduled_starred_and_a_session_moves(journey, world):
    satbayev, tashkent = world["satbayev"], world["tashkent"]
    first_day = (timezone.now() + timedelta(days=40)).astimezone(ZONE).date()
    second_day = first_day + timedelta(days=1)
    conference = Event.objects.create(
        kind="conference", format="hybrid", time_zone="Asia/Almaty", status="published",
        start=datetime.combine(first_day, time(9, 0), tzinfo=ZONE),
        end=datetime.combine(second_day, time(18, 0), tzinfo=ZONE),
        host=satbayev, capacity_on_site=200, join_url="https://meet.example.org/cae",
        **_in("title", "Central Asian Energy Universities Conference",
              "Конференция энергетических университетов Центральной Азии",
              "Орталық Азия энергетикалық университеттерінің конференциясы",
              "Markaziy Osiyo energetika universitetlari konferensiyasi"),
        **_in("venue", "Satbayev University, main building", "Университет Сатпаева, главный корпус",
              "Сәтбаев университеті, бас ғимарат", "Satboyev universiteti, bosh bino"),
    )  # fmt: skip

    # 1. The coordinator (who sets up a second factor on the way) opens the call.
    c = journey("programme-committee")
    sign_in(c, world["coordinator"].email, FACTORY_PASSWORD)
    page = c.goto(f"/programme/{conference.pk}/call/new/")
    page.locator("#id_description_en").fill("Talks and industry challenges on grids and storage.")
    page.locator("#id_opens_at").fill(_local(timezone.now() - timedelta(days=1)))
    page.locator("#id_closes_at").fill(_local(timezone.now() + timedelta(days=20)))
    for kind in ("talk", "poster", "challenge"):
        page.locator(f"input[name=session_kinds][value={kind}]").check()
    page.locator("#id_minutes").fill("30")
    tracks = [
        ("Smart grids", "Интеллектуальные сети"),
        ("Energy storage", "Накопление энергии"),
    ]
    for row, (english, russian) in enumerate(tracks):
        page.locator(f"#id_tracks-{row}-name_en").fill(english)
        _open_language(page, f"id_tracks-{row}-name_ru")
        page.locator(f"#id_tracks-{row}-name_ru").fill(russian)
    c.check("call-form")
    _submit(page)
    expect(page.locator(".alert-success")).to_contain_text("is open")
    c.check("call-open")
    call = conference.call
    assert [t.name_en for t in call.tracks.all()] == ["Smart grids", "Energy storage"]
    assert call.criteria.count() == 3  # the default criteria

    # 2. A university member submits a talk for their university.
    speaker = UniversityMembershipFactory(
        university=tashkent, user__email="speaker@e2e.test", user__full_name="Дильноза Каримова"
    ).user
    s = journey("programme-speaker")
    sign_in(s, speaker.email, FACTORY_PASSWORD)
    talk = _contribute(
        s, conference, title="Protection of digital substations",
        abstract="What two years of IEC 61850 pilots in Tashkent taught us.",
        kind="talk", track="Smart grids", acting_for=str(tashkent),
    )  # fmt: skip
    assert talk.university == tashkent

    # An organisation presents its open need as an industry challenge from its page.
    presenter = OrganisationMembershipFactory(
        organisation=world["organisation"],
        user__email="presenter@e2e.test",
        user__full_name="Тимур Алиев",
    ).user
    o = journey("programme-organisation")
    sign_in(o, presenter.email, FACTORY_PASSWORD)
    page = o.goto(world["need"].get_absolute_url())
    page.get_by_role("button", name="Present as an industry challenge").click()
    page.wait_for_load_state()
    expect(page.locator(".alert-success")).to_contain_text("industry challenge")
    o.check("challenge")
    challenge = Contribution.objects.get(need=world["need"])
    assert (challenge.kind, challenge.organisation) == ("challenge", world["organisation"])

    # A student submits a poster (the one the committee will not accept).
    student = UserFactory(email="student@e2e.test", full_name="Айгерим Серикова")
    t = journey("programme-student", viewport=PHONE)
    sign_in(t, student.email, FACTORY_PASSWORD)
    poster = _contribute(
        t, conference, title="A home battery for every yurt",
        abstract="A sketch of a battery for nomadic households.",
        kind="poster", track="Energy storage",
    )  # fmt: skip
    page = t.goto("/programme/mine/")
    expect(page.locator("main")).to_contain_text(poster.title)

    # 3. The committee seats two reviewers and balances the reviews.
    reviewers = [
        UniversityMembershipFactory(
            university=UniversityFactory(name_en="Kyrgyz State Technical University"),
            user__email="reviewer-one@e2e.test",
            user__full_name="Reviewer One",
        ).user,
        UserFactory(email="reviewer-two@e2e.test", full_name="Reviewer Two"),
    ]
    page = c.goto(f"/programme/{conference.pk}/committee/")
    for reviewer in reviewers:
        page.locator("#id_email").fill(reviewer.email)
        page.locator("#id_role").select_option("reviewer")
        page.get_by_role("button", name="Save the seat").click()
        page.wait_for_load_state()
        expect(page.locator(".alert-success")).to_contain_text("sits on the committee now")
    page.locator("#id_per_contribution").fill("2")
    page.get_by_role("button", name="Balance automatically").click()
    page.wait_for_load_state()
    expect(page.locator(".alert-success")).to_contain_text("6 reviews assigned")
    c.check("reviews-balanced")
    assert Review.objects.filter(contribution__call=call).count() == 6

    # Both reviewers sign in and score everything in their queue.
    for number, reviewer in enumerate(reviewers, start=1):
        r = journey(f"programme-reviewer-{number}")
        sign_in(r, reviewer.email, FACTORY_PASSWORD)
        for contribution in (talk, challenge, poster):
            page = r.goto(f"/programme/{conference.pk}/reviews/")
            page.get_by_role("link", name=contribution.title).click()
            page.wait_for_load_state()
            score = 2 if contribution == poster else 4 + (number % 2)
            for field in page.locator("main form input[type=number]").all():
                field.fill(str(score))
            page.locator("#id_comment").fill(f"Reviewed by the {number}. reviewer.")
            r.check("review-form")
            page.get_by_role("button", name="Save the review").click()
            page.wait_for_load_state()
            expect(page.locator(".alert-success")).to_contain_text("Your review has been saved")
        expect(page.locator("main")).not_to_contain_text("To review")
        r.check("reviews-done")
    assert all(review.scores.count() == 3 for review in Review.objects.all())

    # 4. The committee accepts the talk and the challenge and rejects the poster.
    mail.outbox.clear()
    for contribution, decision in ((talk, "Accept"), (challenge, "Accept"), (poster, "Reject")):
        page = c.goto(f"/programme/{conference.pk}/decisions/")
        card = page.locator("article", has_text=contribution.title)
        card.get_by_role("link", name=decision, exact=True).click()
        page.wait_for_load_state()
        c.check("decision-summary")
        page.get_by_role("button", name=f"{decision} and tell the authors").click()
        page.wait_for_load_state()
        expect(page.locator(".alert-success")).to_contain_text(contribution.title)
    c.check("decided")
    states = {x.pk: x.state for x in Contribution.objects.all()}
    assert states == {talk.pk: "accepted", challenge.pk: "accepted", poster.pk: "rejected"}
    outbox.send_due()
    assert len(_emails_to(speaker, "has been accepted")) == 1
    assert len(_emails_to(presenter, "has been accepted")) == 1
    (refusal,) = _emails_to(student, "has not been accepted")
    assert "Reviewed by the 1. reviewer." in refusal.body  # the call shares the comments

    # 5. The committee builds a two-day, two-room timetable.
    page = c.goto(f"/programme/{conference.pk}/timetable/edit/")
    for english, russian, places in (("Hall A", "Зал А", 120), ("Hall B", "Зал Б", 60)):
        page.locator("#id_name_en").fill(english)
        _open_language(page, "id_name_ru")
        page.locator("#id_name_ru").fill(russian)
        page.locator("#id_capacity").fill(str(places))
        page.get_by_role("button", name="Add the room").click()
        page.wait_for_load_state()
        expect(page.locator(".alert-success")).to_contain_text(f"“{english}” has been added")
    c.check("rooms")
    hall_a, hall_b = call.rooms.order_by("position", "pk")
    assert (hall_a.name_ru, hall_b.capacity) == ("Зал А", 60)
    for contribution, day, room in ((talk, first_day, hall_a), (challenge, second_day, hall_b)):
        page = c.goto(f"/programme/{conference.pk}/timetable/edit/#unplaced")
        page.locator("#unplaced li", has_text=contribution.title).get_by_role(
            "link", name="Place"
        ).click()
        page.wait_for_load_state()
        _place(c, page, day=day, starts="10:00", ends="10:30", room=room)
        expect(page.locator(".alert-success")).to_contain_text(f"Placed “{contribution.title}”")
    page.get_by_role("link", name="Place a plenary").click()
    page.wait_for_load_state()
    _place(
        c, page, day=first_day, starts="09:00", ends="09:45", room=hall_b,
        plenary=("Opening plenary", "Пленарное открытие"),
    )  # fmt: skip
    expect(page.locator(".alert-success")).to_contain_text("Placed “Opening plenary”")

    # A second session in Hall A at the time of the talk is refused, with its reason.
    page = c.goto(f"/programme/{conference.pk}/sessions/new/")
    _place(
        c, page, day=first_day, starts="10:15", ends="10:45", room=hall_a,
        plenary=("Coffee with the sponsors", "Кофе со спонсорами"),
    )  # fmt: skip
    expect(page.locator(".alert-danger").first).to_be_visible()
    expect(page.locator("main")).to_contain_text(
        "Hall A already has “Protection of digital substations” at that time (10"
    )
    c.check("clash-refused")
    assert Session.objects.filter(call=call).count() == 3

    page = c.goto(f"/programme/{conference.pk}/timetable/edit/")
    page.get_by_role("button", name="Publish the timetable").click()
    page.wait_for_load_state()
    expect(page.locator(".alert-success")).to_contain_text("The timetable is public")
    c.check("published")
    talk_session, challenge_session = talk.session, challenge.session
    talk_session.refresh_from_db()

    # 6. A participant stars two sessions on a phone, sees the grid on a desktop,
    # and imports the feed of their schedule.
    participant = UserFactory(email="participant@e2e.test", full_name="Нурлан Ахметов")
    p = journey("programme-participant", viewport=PHONE)
    sign_in(p, participant.email, FACTORY_PASSWORD)
    timetable = f"/programme/{conference.pk}/timetable/"
    page = p.goto(timetable)
    for session in (talk_session, challenge_session):
        card = page.locator(f"#session-{session.pk}")
        card.get_by_role("button", name="Add to your schedule").click()
        page.wait_for_load_state()
        expect(page.locator(f"#session-{session.pk}")).to_contain_text("In your schedule")
    p.check("starred-on-phone")
    page.set_viewport_size(DESKTOP)
    page = p.goto(timetable)
    expect(page.locator(".tt-day").first).to_have_css("display", "grid")
    page.set_viewport_size(PHONE)
    page = p.goto("/programme/schedule/")
    expect(page.locator("main")).to_contain_text(talk.title)
    expect(page.locator("main")).to_contain_text(challenge.title)
    feed = page.locator("main code.user-select-all").inner_text().strip()
    assert feed.startswith(p.base_url + "/programme/schedule/")
    calendar = page.request.get(feed)
    assert calendar.status == 200
    assert calendar.headers["content-type"].startswith("text/calendar")
    blocks = _vevents(calendar.text())
    assert len(blocks) == 2
    for session in (talk_session, challenge_session):
        assert f"UID:programme-session-{session.pk}@ca-energy-platform" in calendar.text()
        assert "SEQUENCE:0" in _vevent_of(calendar.text(), session)

    # The session's page and its speaker's page.
    page = p.goto(f"/programme/sessions/{talk_session.pk}/")
    expect(page.locator("main")).to_contain_text("Дильноза Каримова")
    page = p.goto(f"/programme/speakers/{speaker.pk}/")
    expect(page.locator("main")).to_contain_text(talk.title)

    # 7. The committee moves the starred talk to the afternoon of the same day.
    mail.outbox.clear()
    page = c.goto(f"/programme/sessions/{talk_session.pk}/edit/")
    page.locator("#id_starts_at").fill("14:00")
    page.locator("#id_ends_at").fill("14:30")
    c.check("move-form")
    _submit(page)
    expect(page.locator(".alert-success")).to_contain_text("2 people will be told")
    c.check("moved")
    talk_session.refresh_from_db()
    assert talk_session.sequence == 1
    moved = _vevent_of(page.request.get(feed).text(), talk_session)
    assert "SEQUENCE:1" in moved
    assert f"DTSTART;TZID=Asia/Almaty:{first_day:%Y%m%d}T140000" in moved
    untouched = _vevent_of(page.request.get(feed).text(), challenge_session)
    assert "SEQUENCE:0" in untouched
    outbox.send_due()
    for person in (participant, speaker):
        assert len(_emails_to(person, "has moved")) == 1, person.email
    assert _emails_to(student, "has moved") == []

    # The timetable in Russian, for a visitor.
    v = journey("programme-visitor-ru", viewport=PHONE, locale="ru-RU")
    page = v.page
    page.goto(f"{v.base_url}/ru{timetable}")
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    page.screenshot(path=str(v.folder / "01-timetable-ru.png"), full_page=True)
    left = english_left(page)
    title = page.locator(f"#session-{talk_session.pk} .tt-title")
    expect(title).to_have_attribute("lang", "en")  # a contribution's title is its own
    assert talk.title not in left
    assert challenge.title not in left
    expect(page.locator("h1")).to_contain_text("Конференция энергетических университетов")
    expect(page.locator(f"#session-{talk_session.pk}")).to_contain_text("14:00")


def test_an_author_withdraws_a_contribution_after_being_asked(journey, world):
    start = timezone.now() + timedelta(days=30)
    conference = Event.objects.create(
        kind="conference", format="on_site", time_zone="Asia/Almaty", status="published",
        start=start, end=start + timedelta(days=1), host=world["satbayev"],
        **_in("title", "Coal regions conference", "Конференция угольных регионов",
              "Көмір өңірлері конференциясы", "Koʻmir hududlari konferensiyasi"),
    )  # fmt: skip
    call = services.call_open(
        event=conference,
        values={
            "opens_at": timezone.now() - timedelta(days=1),
            "closes_at": timezone.now() + timedelta(days=10),
            "session_kinds": ["talk"],
        },
        tracks=[],
        criteria=[],
    )
    author = UserFactory(email="author@e2e.test", full_name="Бахтияр Нурланов")
    j = journey("programme-withdraw", viewport=PHONE)
    sign_in(j, author.email, FACTORY_PASSWORD)
    talk = _contribute(
        j, conference, title="Mine water for district heating",
        abstract="Flooded shafts of Karaganda as a heat source.", kind="talk",
        track=str(call.tracks.order_by("position", "pk").first()),
    )  # fmt: skip
    page = j.goto(talk.get_absolute_url())
    page.get_by_role("link", name="Withdraw").click()
    page.wait_for_load_state()
    j.check("withdraw-confirm")
    expect(page.locator("main")).to_contain_text("a withdrawal cannot be undone")
    assert Contribution.objects.get(pk=talk.pk).state == "submitted"  # asked first
    page.get_by_role("button", name="Withdraw").click()
    page.wait_for_load_state()
    expect(page.locator(".alert-success")).to_contain_text("Your contribution has been withdrawn.")
    assert Contribution.objects.get(pk=talk.pk).state == "withdrawn"
    expect(page.locator("main")).to_contain_text("Mine water for district heating")
