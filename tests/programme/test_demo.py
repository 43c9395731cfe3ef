"""The demo programme of this year's regional conference: a closed call with tracks in
every language, decided contributions (an industry challenge among them), a committee
with reviews, and a published two-day timetable without clashes; seeding again changes
nothing, and the timetable follows the conference when it moves."""

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import F
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape

from accounts.models import User
from core.bilingual import columns, text_in
from events.models import Event
from industry.models import OrganisationMembership
from platform_site.services import DEMO_PASSWORD
from programme.demo import (
    CONTRIBUTIONS,
    OPENING,
    TRACKS,
    demo_conference,
    load_demo_programme,
)
from programme.models import (
    Call,
    CommitteeMember,
    Contribution,
    Criterion,
    Review,
    Room,
    Score,
    Session,
    Star,
    Track,
)
from programme.review import conflict_of
from programme.services import DEFAULT_CRITERIA
from programme.timetable import Placing, clashes, days

pytestmark = pytest.mark.django_db

State = Contribution.State
MODELS = (Call, Track, Criterion, Contribution, CommitteeMember, Review, Score, Room, Session)


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo data (with the programme, loaded by ``seed_demo``), seeded once for this
    module's tests: in a transaction rolled back after the last of them (each test runs
    in a savepoint)."""
    media = tmp_path_factory.mktemp("programme-demo-media")
    allowed = override_settings(DEMO_DATA_ALLOWED=True, MEDIA_ROOT=media)
    with django_db_blocker.unblock(), allowed, transaction.atomic():
        call_command("seed_demo", verbosity=0)
        yield
        transaction.set_rollback(True)


@pytest.fixture
def call(seeded) -> Call:
    conference = demo_conference()
    assert conference is not None
    return Call.objects.select_related("event").get(event=conference)


def _snapshot(call: Call) -> dict:
    contributions = call.contributions.order_by("pk")
    return {
        "counts": {model.__name__: model.objects.count() for model in MODELS},
        "call": Call.objects.filter(pk=call.pk).values_list(
            "opens_at", "closes_at", "timetable_published_at", "session_kinds"
        )[0],
        "contributions": list(
            contributions.values_list(
                "pk", "title", "state", "decided_at", "track", "need", "updated_at"
            )
        ),
        "skills": sorted(Contribution.skills.through.objects.values_list("contribution", "skill")),
        "coauthors": sorted(
            Contribution.coauthor_accounts.through.objects.values_list("contribution", "user")
        ),
        "sessions": list(
            call.sessions.order_by("pk").values_list(
                "pk", "room", "starts_at", "ends_at", "contribution", "sequence", "updated_at"
            )
        ),
        "scores": sorted(Score.objects.values_list("review", "criterion", "value")),
        "users": sorted(
            User.objects.filter(email__endswith="@example.org").values_list("pk", "password")
        ),
    }


def _placing(session: Session) -> Placing:
    return Placing(
        call=session.call,
        room=session.room,
        starts_at=session.starts_at,
        ends_at=session.ends_at,
        contribution=session.contribution,
        expected=session.expected,
        session_pk=session.pk,
    )


def test_demo_programme_loaded_again_twice_changes_nothing(call):
    before = _snapshot(call)

    assert load_demo_programme(password=DEMO_PASSWORD) == 15
    assert load_demo_programme(password=DEMO_PASSWORD) == 15

    assert _snapshot(call) == before
    assert before["counts"] == {
        "Call": 1,
        "Track": 3,
        "Criterion": 3,
        "Contribution": 13,
        "CommitteeMember": 3,
        "Review": 8,
        "Score": 24,
        "Room": 2,
        "Session": 15,
    }


def test_demo_call_is_closed_and_decided(call):
    now = timezone.now()

    assert call.opens_at < call.closes_at < now
    assert call.closes_at <= call.event.start - timedelta(days=30)
    assert call.session_kinds == ["talk", "panel", "poster", "workshop", "challenge"]
    assert call.timetable_published_at is not None
    assert call.closes_at < call.timetable_published_at < now
    decided = call.contributions.exclude(state=State.SUBMITTED)
    assert {c.decided_at for c in decided} == {call.timetable_published_at - timedelta(days=2)}


def test_demo_tracks_are_named_in_every_language_after_themes(call):
    tracks = list(call.tracks.select_related("theme").order_by("position"))

    assert [text_in(t, "name", "en") for t in tracks] == [t.name["en"] for t in TRACKS]
    assert [t.theme.slug for t in tracks] == [t.theme for t in TRACKS]
    for track in tracks:
        assert all(getattr(track, column) for column in columns("name")), track


def test_demo_criteria_are_the_default_ones_in_every_language(call):
    criteria = list(call.criteria.order_by("position"))

    assert [text_in(c, "name", "en") for c in criteria] == [str(p) for p in DEFAULT_CRITERIA]
    for criterion in criteria:
        assert all(getattr(criterion, column) for column in columns("name")), criterion


def test_demo_contributions_are_mostly_accepted(call):
    states = sorted(call.contributions.values_list("state", flat=True))

    assert states.count(State.ACCEPTED) == 10
    assert states.count(State.REJECTED) == 2
    assert states.count(State.WAITLISTED) == 1
    assert len(states) == len(CONTRIBUTIONS) + 1  # and the challenge


def test_demo_contributions_come_from_real_universities_with_skills(call):
    for contribution in call.contributions.exclude(kind="challenge").select_related(
        "university", "submitter"
    ):
        assert contribution.university is not None, contribution
        assert contribution.skills.exists(), contribution
        assert contribution.coauthor_list() or contribution.coauthor_accounts.exists()
        submitter = contribution.submitter
        assert submitter.has_participant_profile or submitter.email == "staff@demo.local"
        assert submitter.email.endswith(("@example.org", "@demo.local"))


def test_demo_speakers_have_complete_profiles(seeded):
    speakers = User.objects.filter(email__endswith="@example.org")

    assert speakers.count() == 14
    assert all(user.has_participant_profile and user.affiliation for user in speakers)


def test_demo_challenge_presents_a_need_of_its_organisation(call):
    challenge = call.contributions.get(kind="challenge")

    assert challenge.state == State.ACCEPTED
    assert challenge.need is not None
    assert challenge.need.is_demo
    assert challenge.organisation == challenge.need.organisation
    assert challenge.title == "Substation automation engineers"
    assert set(challenge.skills.all()) == set(challenge.need.skills.all())
    assert (
        OrganisationMembership.objects.approved()
        .filter(user=challenge.submitter, organisation=challenge.organisation)
        .exists()
    )


def test_demo_committee_has_reviews_with_scores_and_no_conflicts(call):
    assert sorted(call.committee.values_list("role", flat=True)) == [
        "member",
        "reviewer",
        "reviewer",
    ]
    reviews = Review.objects.filter(contribution__call=call).select_related("contribution")
    assert reviews.count() == 8
    for review in reviews:
        assert review.scores.count() == 3
        assert review.comment
        assert conflict_of(review.reviewer, review.contribution) is None


def test_demo_timetable_is_published_and_places_every_accepted_contribution(call):
    placed = set(call.sessions.exclude(contribution=None).values_list("contribution", flat=True))
    accepted = set(call.contributions.filter(state=State.ACCEPTED).values_list("pk", flat=True))

    assert Session.objects.published().filter(call=call).count() == 15
    assert placed == accepted
    assert call.rooms.count() == 2
    assert list(call.rooms.values_list("capacity", "stream_url")) == [
        (250, "https://meet.example.org/regional-conference"),
        (40, ""),
    ]


def test_demo_timetable_has_no_clash_and_uses_both_days(call):
    sessions = list(call.sessions.select_related("call__event", "room", "contribution"))
    zone = ZoneInfo(call.event.time_zone)

    for session in sessions:
        assert clashes(_placing(session)) == {}, session
    used = {timezone.localtime(session.starts_at, zone).date() for session in sessions}
    assert sorted(used) == days(call)
    assert len(used) == 2


def test_demo_plenaries_are_titled_in_every_language(call):
    plenaries = call.sessions.filter(contribution=None).order_by("starts_at")

    opening = plenaries.first()
    assert opening is not None
    assert {code: text_in(opening, "title", code) for code in OPENING} == OPENING
    for plenary in plenaries:
        assert all(getattr(plenary, column) for column in columns("title")), plenary


def test_demo_timetable_moves_with_the_conference(call):
    sessions = {s.pk: s for s in call.sessions.all()}
    opening = call.sessions.filter(contribution=None).order_by("starts_at").first()
    student = User.objects.get(email="student@demo.local")
    star = Star.objects.create(user=student, session=opening)
    Event.objects.filter(pk=call.event_id).update(
        start=F("start") + timedelta(days=1), end=F("end") + timedelta(days=1)
    )

    assert load_demo_programme(password=DEMO_PASSWORD) == 15

    call.event.refresh_from_db()
    moved = {s.pk: s for s in call.sessions.all()}
    assert moved.keys() == sessions.keys()
    for pk, session in moved.items():
        assert session.starts_at == sessions[pk].starts_at + timedelta(days=1)
        assert session.sequence == sessions[pk].sequence + 1
        assert clashes(_placing(session)) == {}
    assert Star.objects.filter(pk=star.pk).exists()


def test_demo_timetable_of_a_past_conference(call):
    Event.objects.filter(pk=call.event_id).update(
        start=F("start") - timedelta(days=200), end=F("end") - timedelta(days=200)
    )

    assert load_demo_programme(password=DEMO_PASSWORD) == 15

    call.refresh_from_db()
    call.event.refresh_from_db()
    assert call.closes_at.date() <= (call.event.start - timedelta(days=30)).date()
    for session in call.sessions.select_related("call__event", "room", "contribution"):
        assert call.event.start <= session.starts_at < session.ends_at <= call.event.end
        assert clashes(_placing(session)) == {}


@pytest.mark.parametrize("language", ["en", "ru", "kk", "uz"])
def test_demo_public_timetable_shows_the_opening_plenary(call, client, language):
    with translation.override(language):
        url = reverse("programme:timetable", kwargs={"event": call.event_id})

    response = client.get(url)

    assert response.status_code == 200
    page = response.content.decode()
    assert escape(OPENING[language]) in page
    assert escape(call.contributions.get(kind="challenge").title) in page
