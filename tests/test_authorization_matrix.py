"""The authorization matrix: every URL of the site, tried by every role of the cast.

Every URL name the resolver knows has an entry in ``MATRIX`` (a URL without one fails
``test_every_url_has_an_entry``, and so does an entry whose URL is gone), saying how
to build its address in the small world of ``tests/authz_world.py``, which method
changes state (POST; GET for read-only pages) and who may do it. Each (URL, role) is
a test case: anonymous, a student, staff of another university, a partner of another
organisation, the owner of the thing the URL is about (the entry names who that is)
and a coordinator, plus the people an entry adds (``also``: an editor where only the
university's administrator may act, say).

What each role must get:
- allowed: a page (200) or a redirect that is not to the sign-in page (and not to
  the second factor's set-up); for a POST, the change is checked where it is cheap;
- anonymous on a gated page: 302 to /accounts/login/?next=<the path>;
- a signed-in role without the right: 403, or 404 where the entry hides the object
  from them on purpose (``hidden``, with the reason in the entry);
- allauth's own pages: whatever allauth decides, but never a 500.
Nobody gets a 500 anywhere.

People sign in with ``client.force_login``, which logs the user in without allauth's
sign-in flow, so the second factor that coordinators and administrators must set up
(accounts/mfa.py) is not asked for: ``test_force_login_skips_the_second_factor_set_up``
shows it.
"""

import copy
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any
from urllib.parse import quote
from zoneinfo import ZoneInfo

import pytest
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.db import transaction
from django.db.models import Model
from django.test import Client, override_settings
from django.urls import URLResolver, get_resolver, reverse
from django.utils import timezone

from accounts.mfa import SETUP_REQUIRED, has_mfa, needs_mfa
from accounts.models import MembershipStatus, User
from certificates.models import Certificate, VisaLetter
from curricula.models import (
    ImportJob,
    Intake,
    Programme,
    SavedProgramme,
    SavedSearch,
    Scholarship,
    Skill,
)
from events.models import (
    CalendarToken,
    Event,
    HostingRecord,
    Registration,
    RotationMember,
    WaitlistOffer,
)
from industry.models import NeedResponse, Organisation, ResponseMessage, SkillNeed
from knowledge.models import KnowledgeItem
from newsletter.links import confirmation_token
from newsletter.models import Issue, Subscriber
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
from universities.forms import ActivityFormSet, StrengthFormSet
from universities.models import ResearchArea, University, UniversityMembership

from .authz_world import CALENDAR_TOKEN, ITEM_FILE, ITEM_IMAGE, World, build_world
from .factories import PASSWORD

pytestmark = pytest.mark.django_db

# The cast every URL is tried by. "owner" is the person the entry names.
CAST = ("anonymous", "student", "other_staff", "other_partner", "owner", "coordinator")
EVERYONE = frozenset(
    {*CAST, "editor", "uni_admin", "partner", "org_admin"}  # the people ``also`` may add
)
SIGNED_IN = EVERYONE - {"anonymous"}

PUBLIC, GATED, ALLAUTH = "public", "gated", "allauth"

Build = Callable[[World], dict[str, Any]]
Prepare = Callable[[World, User | None], None]
Changed = Callable[[World, User | None], bool]


def _nothing(world: World) -> dict[str, Any]:
    return {}


@dataclass(frozen=True)
class Entry:
    kind: str
    method: str = "GET"
    # The world's person who owns what the URL is about (None: nobody in particular).
    owner: str | None = None
    # Who may, besides the owner.
    allowed: frozenset[str] = frozenset()
    # Who gets 404 rather than 403 (or, anonymous, rather than the sign-in page).
    hidden: frozenset[str] = frozenset()
    also: tuple[str, ...] = ()
    kwargs: Build = _nothing
    data: Build = _nothing
    prepare: Prepare | None = None
    changed: Changed | None = None
    label: str = ""
    why: str = field(default="", compare=False)
    # A known hole, reported and not yet closed: its cases are expected to fail
    # (strictly, so that closing it asks for the marker to go).
    known_hole: str = ""

    def roles(self) -> list[str]:
        # The owner's own column is left out where the owner already is in the cast.
        drop_owner = self.owner in (None, "student", "coordinator")
        roles = [role for role in CAST if not (role == "owner" and drop_owner)]
        return roles + [role for role in self.also if role not in roles]

    def may(self, role: str) -> bool:
        return role in self.allowed or role in ("owner", self.owner)


def public(kwargs: Build = _nothing, *, label: str = "", **options: Any) -> Entry:
    """A page everyone reads, anonymous visitors included."""
    return Entry(PUBLIC, allowed=EVERYONE, kwargs=kwargs, label=label, **options)


def allauth(kwargs: Build = _nothing) -> Entry:
    """allauth's own pages: anonymous or signed-in as allauth decides; never a 500."""
    return Entry(ALLAUTH, kwargs=kwargs)


def signed_in(method: str, kwargs: Build = _nothing, **options: Any) -> Entry:
    """Anyone signed in, for themselves (their profile, their registrations, …)."""
    return Entry(GATED, method=method, allowed=SIGNED_IN, kwargs=kwargs, **options)


def gated(
    method: str, owner: str, allowed: tuple[str, ...] = ("coordinator",), **options: Any
) -> Entry:
    return Entry(GATED, method=method, owner=owner, allowed=frozenset(allowed), **options)


def coordinators(method: str, **options: Any) -> Entry:
    return gated(method, "coordinator", (), **options)


# --- addresses, bodies and checks ------------------------------------------------------


def _subscriber() -> Subscriber:
    subscriber, _created = Subscriber.objects.get_or_create(
        email="reader@example.org", defaults={"language": "en"}
    )
    return subscriber


def _issue(*, sent: bool = False) -> Issue:
    issue, _created = Issue.objects.get_or_create(
        language="en",
        month=timezone.localdate().replace(day=1),
        defaults={
            "since": timezone.now(),
            "status": Issue.Status.SENT if sent else Issue.Status.DRAFT,
            "sent_at": timezone.now() if sent else None,
        },
    )
    return issue


def fresh[M: Model](obj: M) -> M:
    obj.refresh_from_db()
    return obj


def university(w: World) -> dict[str, Any]:
    return {"slug": w.university.slug}


def programme(w: World) -> dict[str, Any]:
    return {"university": w.university.slug, "slug": w.programme.slug}


def draft_programme(w: World) -> dict[str, Any]:
    return {"university": w.university.slug, "slug": w.draft_programme.slug}


def skill(w: World) -> dict[str, Any]:
    return {"slug": w.skill.slug}


def need(w: World) -> dict[str, Any]:
    return {"pk": w.need.pk}


def response(w: World) -> dict[str, Any]:
    return {"pk": w.response.pk}


def organisation(w: World) -> dict[str, Any]:
    return {"slug": w.organisation.slug}


def event(w: World) -> dict[str, Any]:
    return {"pk": w.event.pk}


def draft_event(w: World) -> dict[str, Any]:
    return {"pk": w.draft_event.pk}


def archive_university(w: World, user: User | None) -> None:
    University.objects.filter(pk=w.university.pk).update(archived_at=timezone.now())


def retire_skill(w: World, user: User | None) -> None:
    Skill.objects.filter(pk=w.skill.pk).update(retired_at=timezone.now())


def archive_programme(w: World, user: User | None) -> None:
    Programme.objects.filter(pk=w.programme.pk).update(
        status=Programme.Status.ARCHIVED,
        status_before_archive=Programme.Status.PUBLISHED,
        archived_at=timezone.now(),
    )


def archive_organisation(w: World, user: User | None) -> None:
    Organisation.objects.filter(pk=w.organisation.pk).update(archived_at=timezone.now())


def archive_draft_event(w: World, user: User | None) -> None:
    Event.objects.filter(pk=w.draft_event.pk).update(archived_at=timezone.now())


JOIN_CODE = "AUTHZJN2"


def registration_with_code(w: World, user: User | None) -> None:
    """The student's confirmed registration for the event, with a known code."""
    Registration.objects.get_or_create(
        code=JOIN_CODE,
        defaults={
            "event": w.event,
            "user": w.student,
            "mode": Registration.Mode.ONLINE,
            "status": Registration.Status.CONFIRMED,
        },
    )


OFFER_TOKEN = "authz-offer-token"


def offer(w: World) -> dict[str, Any]:
    """The student waits for the world's event and holds an open offer."""
    registration, _created = Registration.objects.get_or_create(
        event=w.event,
        user=w.student,
        defaults={"mode": Registration.Mode.ONLINE, "status": Registration.Status.WAITLISTED},
    )
    WaitlistOffer.objects.get_or_create(
        token=OFFER_TOKEN,
        defaults={
            "registration": registration,
            "expires_at": timezone.now() + timedelta(hours=2),
        },
    )
    return {"token": OFFER_TOKEN}


def register_student(w: World, user: User | None) -> None:
    Registration.objects.create(
        event=w.event,
        user=w.student,
        mode=Registration.Mode.ONLINE,
        status=Registration.Status.CONFIRMED,
    )


def student_certificate(w: World, user: User | None) -> None:
    registration, _created = Registration.objects.get_or_create(
        event=w.event,
        user=w.student,
        defaults={"mode": Registration.Mode.ONLINE, "status": Registration.Status.CONFIRMED},
    )
    Certificate.objects.get_or_create(
        registration=registration, defaults={"name": "Student Name", "language": "en"}
    )


def certificate(w: World) -> dict[str, Any]:
    return {"code": Certificate.objects.get(registration__user=w.student).code}


def event_ended_with_attendance(w: World, user: User | None) -> None:
    now = timezone.now()
    Event.objects.filter(pk=w.event.pk).update(
        start=now - timedelta(hours=2),
        end=now - timedelta(hours=1),
        certificate_rule=Event.CertificateRule.ATTENDED,
    )
    Registration.objects.create(
        event=w.event,
        user=w.student,
        mode=Registration.Mode.ONLINE,
        status=Registration.Status.CONFIRMED,
        joined_at=now - timedelta(hours=2),
    )


def visa_request(w: World, user: User | None) -> None:
    Registration.objects.create(
        event=w.event,
        user=w.student,
        mode=Registration.Mode.ON_SITE,
        status=Registration.Status.CONFIRMED,
        wants_visa_letter=True,
    )


def visa_letter_issued(w: World, user: User | None) -> None:
    visa_request(w, user)
    registration = Registration.objects.get(event=w.event, user=w.student)
    VisaLetter.objects.create(registration=registration, signatory="A Coordinator")
    Registration.objects.filter(pk=registration.pk).update(visa_letter_issued_at=timezone.now())


def student_registration(w: World) -> dict[str, Any]:
    return {"pk": Registration.objects.get(event=w.event, user=w.student).pk}


def _call_of(event: Event, w: World) -> Call:
    call, created = Call.objects.get_or_create(
        event=event,
        defaults={
            "opens_at": timezone.now() - timedelta(days=1),
            "closes_at": timezone.now() + timedelta(days=30),
            "session_kinds": ["talk", "challenge"],
        },
    )
    if created:
        Track.objects.create(call=call, name_en="Authz grids", theme=w.area)
        Criterion.objects.create(call=call, name_en="Authz quality")
    return call


def open_call(w: World) -> dict[str, Any]:
    """The world's event has an open call for contributions, with one track."""
    _call_of(w.event, w)
    return {"event": w.event.pk}


def draft_call(w: World) -> dict[str, Any]:
    _call_of(w.draft_event, w)
    return {"event": w.draft_event.pk}


def contribution(w: World) -> dict[str, Any]:
    """The student's contribution to the world's open call."""
    call = _call_of(w.event, w)
    submitted, _created = Contribution.objects.get_or_create(
        call=call, title="Authz talk",
        defaults={"submitter": w.student, "abstract": "Grids, briefly.", "kind": "talk",
                  "track": call.tracks.get(), "language": "en"},
    )  # fmt: skip
    return {"pk": submitted.pk}


def _formset(prefix: str, rows: list[dict[str, Any]]) -> dict[str, Any]:
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows) or 1),
        f"{prefix}-INITIAL_FORMS": str(sum(1 for row in rows if "id" in row)),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        data.update({f"{prefix}-{index}-{name}": value for name, value in row.items()})
    return data


def call_form(w: World, *, kinds: tuple[str, ...] = ("talk",)) -> dict[str, Any]:
    call = Call.objects.filter(event=w.event).first()
    tracks: list[dict[str, Any]] = []
    criteria: list[dict[str, Any]] = []
    if call:
        tracks = [{"id": t.pk, "call": call.pk, "name_en": t.name_en} for t in call.tracks.all()]
        criteria = [
            {"id": c.pk, "call": call.pk, "name_en": c.name_en} for c in call.criteria.all()
        ]
    return {
        "opens_at": "2026-01-01T09:00", "closes_at": "2099-01-01T18:00",
        "session_kinds": list(kinds), "minutes": "25",
        **_formset("tracks", tracks), **_formset("criteria", criteria),
    }  # fmt: skip


def contribution_form(w: World, title: str) -> dict[str, Any]:
    track = Track.objects.get(call__event=w.event)
    return {"title": title, "abstract": "Grids.", "kind": "talk", "track": track.pk,
            "language": "en"}  # fmt: skip


def review_world(w: World) -> tuple[Call, Contribution, Review]:
    """The world's event's call (closed) with a track and a criterion; a contribution
    of the partner's organisation; the student, a reviewer, asked to review it."""
    call, _created = Call.objects.get_or_create(
        event=w.event,
        defaults={"opens_at": timezone.now() - timedelta(days=30),
                  "closes_at": timezone.now() - timedelta(days=1)},
    )  # fmt: skip
    track, _created = Track.objects.get_or_create(call=call, name_en="Authz energy")
    Criterion.objects.get_or_create(call=call, name_en="Authz relevance")
    submitted, _created = Contribution.objects.get_or_create(
        call=call, title="Authz grid storage",
        defaults={"submitter": w.partner, "organisation": w.organisation,
                  "abstract": "Batteries for the steppe.", "kind": "talk",
                  "track": track, "language": "en"},
    )  # fmt: skip
    CommitteeMember.objects.get_or_create(call=call, user=w.student)
    review, _created = Review.objects.get_or_create(contribution=submitted, reviewer=w.student)
    return call, submitted, review


def review_event(w: World) -> dict[str, Any]:
    review_world(w)
    return {"event": w.event.pk}


def review_contribution(w: World) -> dict[str, Any]:
    return {"pk": review_world(w)[1].pk}


def review_seat(w: World) -> dict[str, Any]:
    call = review_world(w)[0]
    seat = CommitteeMember.objects.get(call=call, user=w.student)
    return {"event": w.event.pk, "member": seat.pk}


def review_of_student(w: World) -> dict[str, Any]:
    return {"pk": review_world(w)[2].pk}


def review_scores(w: World) -> dict[str, Any]:
    criterion = review_world(w)[0].criteria.get()
    return {f"criterion_{criterion.pk}": "4", "comment": "Solid and useful."}


def timetable_world(w: World, *, publish: bool = True) -> tuple[Call, Contribution, Room, Session]:
    """The review world's contribution (the partner's) accepted and placed in a room of
    the call, and the timetable published (unless ``publish`` is false)."""
    call, talk, _review = review_world(w)
    Contribution.objects.filter(pk=talk.pk).update(state="accepted", decided_at=timezone.now())
    room, _created = Room.objects.get_or_create(
        call=call, name_en="Authz aula", defaults={"capacity": 100}
    )
    session, _created = Session.objects.get_or_create(
        call=call, contribution=talk,
        defaults={"room": room, "starts_at": w.event.start,
                  "ends_at": w.event.start + timedelta(minutes=20)},
    )  # fmt: skip
    if publish and call.timetable_published_at is None:
        Call.objects.filter(pk=call.pk).update(timetable_published_at=timezone.now())
    return fresh(call), fresh(talk), room, session


def timetable_event(w: World) -> dict[str, Any]:
    timetable_world(w)
    return {"event": w.event.pk}


def timetable_room(w: World) -> dict[str, Any]:
    return {"pk": timetable_world(w)[2].pk}


def timetable_session(w: World) -> dict[str, Any]:
    return {"pk": timetable_world(w)[3].pk}


def timetable_talk(w: World) -> dict[str, Any]:
    return {"pk": timetable_world(w)[1].pk}


def plenary_form(w: World) -> dict[str, Any]:
    """A 15-minute plenary after the world's session, within the event and within one
    day of the event's time zone (the form takes a day and two times; the hour's event
    may run over midnight in Almaty)."""
    room = timetable_world(w)[2]
    zone = ZoneInfo("Asia/Almaty")
    starts = (
        timezone.localtime(w.event.start + timedelta(minutes=offset), zone)
        for offset in (25, 30, 35, 40, 45)
    )
    start = next(s for s in starts if (s + timedelta(minutes=15)).date() == s.date())
    return {"day": start.date().isoformat(), "starts_at": start.strftime("%H:%M"),
            "ends_at": (start + timedelta(minutes=15)).strftime("%H:%M"), "room": room.pk,
            "title_en": "Authz plenary"}  # fmt: skip


def session_move_form(w: World) -> dict[str, Any]:
    data = plenary_form(w)
    del data["title_en"]
    return data


def contribution_files_written(w: World, user: User | None) -> None:
    """The placed contribution has slides and a file, on disk in this test's media."""
    talk = timetable_world(w)[1]
    names = {"slides": "slides/contributions/authz.pdf", "file": "contributions/authz.pdf"}
    for name in names.values():
        path = settings.MEDIA_ROOT / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"%PDF-1.4 authz")
    Contribution.objects.filter(pk=talk.pk).update(**names)


def timetable_unpublished(w: World, user: User | None) -> None:
    contribution_files_written(w, user)
    Call.objects.filter(event=w.event).update(timetable_published_at=None)


def unpublished_talk(w: World) -> dict[str, Any]:
    return {"pk": timetable_world(w, publish=False)[1].pk}


AUTHORS_AND_COMMITTEE = "a contribution is there only for its authors and the programme committee"


def unpublished_event(w: World) -> dict[str, Any]:
    timetable_world(w, publish=False)
    return {"event": w.event.pk}


def unpublished_session(w: World) -> dict[str, Any]:
    return {"pk": timetable_world(w, publish=False)[3].pk}


def speaking_partner(w: World) -> dict[str, Any]:
    timetable_world(w)
    return {"pk": w.partner.pk}


COMMITTEE_PREVIEW = "before publication the timetable is the committee's preview"


def admissions_form(w: World) -> dict[str, Any]:
    return {
        **_formset("intakes", [{"starts_on": "2099-09", "application_deadline": "2099-06-30"}]),
        **{f"{prefix}-{name}": "0" for prefix in ("outcomes", "accreditations")
           for name in ("TOTAL_FORMS", "INITIAL_FORMS")},
    }  # fmt: skip


def scholarship(w: World) -> dict[str, Any]:
    grant, _created = Scholarship.objects.get_or_create(
        university=w.university, name_en="Authz grant", defaults={"provider": "Authz fund"}
    )
    grant.programmes.add(w.programme)
    return {"pk": grant.pk}


def scholarship_form(w: World, name: str) -> dict[str, Any]:
    return {"name_en": name, "provider": "Authz fund", "programmes": [w.programme.pk]}


def saved_search(w: World) -> dict[str, Any]:
    search, _created = SavedSearch.objects.get_or_create(
        user=w.student, query="q=grids", defaults={"name": "Authz grids"}
    )
    return {"pk": search.pk}


def saved_search_token(w: World) -> dict[str, Any]:
    saved_search(w)
    return {"token": SavedSearch.objects.get(query="q=grids").token}


def import_job(w: World) -> dict[str, Any]:
    """The editor's finished import job."""
    job, _created = ImportJob.objects.get_or_create(
        university=w.university, user=w.editor, text="slug,title_en", status="done"
    )
    return {"pk": job.pk}


def register_user(w: World, user: User | None) -> None:
    if user is not None:
        Registration.objects.create(
            event=w.event,
            user=user,
            mode=Registration.Mode.ONLINE,
            status=Registration.Status.CONFIRMED,
        )


def item(w: World) -> dict[str, Any]:
    return {"pk": w.item.pk}


def draft_item(w: World) -> dict[str, Any]:
    return {"pk": w.draft_item.pk}


def submitted_item(w: World) -> dict[str, Any]:
    return {"pk": w.submitted_item.pk}


def write_item_media(w: World, user: User | None) -> None:
    """The item's file and image, in this test's media folder."""
    for name, content in ((ITEM_FILE, b"%PDF-1.4 authz"), (ITEM_IMAGE, b"\xff\xd8\xff authz")):
        path = settings.MEDIA_ROOT / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)


def archive_item(w: World, user: User | None) -> None:
    KnowledgeItem.objects.filter(pk=w.item.pk).update(status=KnowledgeItem.Status.ARCHIVED)


def profile_data(w: World) -> dict[str, Any]:
    return {
        "full_name": "Renamed Person",
        "affiliation": "",
        "preferred_language": "en",
        "time_zone": "Asia/Almaty",
        "needs_digest": "on",
    }


def empty_formset(formset_class: Any) -> Build:
    """A formset with no rows: valid, so the save path runs."""

    def data(w: World) -> dict[str, Any]:
        prefix = formset_class.get_default_prefix()
        return {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}

    return data


# --- the matrix --------------------------------------------------------------------------

MATRIX: dict[str, Entry | tuple[Entry, ...]] = {
    # platform_site
    "healthz": public(),
    "security_txt": public(),
    "media_logo": public(
        lambda w: {"path": "logos/authz.png"},
        prepare=lambda w, user: _write_logo(),
    ),
    "bench_bare": public(),  # only with DJANGO_BENCH_ENDPOINTS (see CONDITIONAL)
    "home": public(),
    "privacy": public(),
    "search": public(),
    # Anyone switches the language; a signed-in person's profile remembers it.
    "switch_language": public(
        method="POST",
        data=lambda w: {"language": "ru", "next": "/"},
        changed=lambda w, user: user is None or fresh(user).preferred_language == "ru",
    ),
    # accounts
    "accounts:profile": signed_in(
        "POST",
        data=profile_data,
        changed=lambda w, user: fresh(user).full_name == "Renamed Person",
    ),
    "accounts:my_data": signed_in("GET"),
    "accounts:close": signed_in(
        "POST",
        data=lambda w: {"password": PASSWORD, "confirm": "on"},
        changed=lambda w, user: not fresh(user).is_active,
    ),
    "accounts:mfa_reset": coordinators(
        "POST",
        also=("uni_admin",),
        data=lambda w: {"email": w.applicant.email, "confirm": "on"},
        changed=lambda w, user: not Authenticator.objects.filter(user=w.applicant).exists(),
    ),
    "accounts:audit_log": coordinators("GET"),
    "accounts:audit_log_csv": coordinators("GET"),
    "accounts:membership_request": signed_in(
        "POST",
        lambda w: {"kind": "university"},
        data=lambda w: {"target": w.university.pk, "message": "I teach power systems."},
        changed=lambda w, user: UniversityMembership.objects.filter(
            user=user, university=w.university
        ).exists(),
    ),
    # Everyone signed in sees the page; it lists only the requests they may decide.
    "accounts:pending_memberships": signed_in("GET"),
    "accounts:membership_decide": (
        gated(
            "POST",
            "uni_admin",
            also=("editor",),
            kwargs=lambda w: {"kind": "university", "pk": w.pending.pk},
            data=lambda w: {"decision": "approve", "role": "editor"},
            changed=lambda w, user: fresh(w.pending).status == MembershipStatus.APPROVED,
        ),
        gated(
            "POST",
            "org_admin",
            label="organisation",
            also=("partner",),
            kwargs=lambda w: {"kind": "organisation", "pk": w.pending_organisation.pk},
            data=lambda w: {"decision": "approve", "role": "member"},
            changed=lambda w, user: (
                fresh(w.pending_organisation).status == MembershipStatus.APPROVED
            ),
        ),
        # An administrator decides for their own university only.
        coordinators(
            "POST",
            label="other-university",
            also=("uni_admin",),
            kwargs=lambda w: {"kind": "university", "pk": w.pending_other_university.pk},
            data=lambda w: {"decision": "reject", "role": ""},
            changed=lambda w, user: (
                fresh(w.pending_other_university).status == MembershipStatus.REJECTED
            ),
        ),
    ),
    # allauth
    "account_login": allauth(),
    "account_logout": allauth(),
    "account_inactive": allauth(),
    "account_signup": allauth(),
    "account_reauthenticate": allauth(),
    "account_email": allauth(),
    "account_email_verification_sent": allauth(),
    "account_change_password": allauth(),
    "account_set_password": allauth(),
    "account_reset_password": allauth(),
    "account_confirm_login_code": allauth(),
    "account_confirm_email": allauth(lambda w: {"key": "not-a-real-key"}),
    "account_reset_password_from_key_done": allauth(),
    "account_reset_password_from_key": allauth(lambda w: {"uidb36": "1", "key": "not-a-key"}),
    "account_reset_password_done": allauth(),
    "mfa_index": allauth(),
    "mfa_authenticate": allauth(),
    "mfa_reauthenticate": allauth(),
    "mfa_activate_totp": allauth(),
    "mfa_deactivate_totp": allauth(),
    "mfa_view_recovery_codes": allauth(),
    "mfa_generate_recovery_codes": allauth(),
    "mfa_download_recovery_codes": allauth(),
    # insights
    "insights:gaps": public(),
    "insights:gaps_csv": public(),
    "insights:gaps_xlsx": public(),
    "insights:university_gaps": (
        public(university),
        Entry(
            GATED,
            label="archived",
            kwargs=university,
            prepare=archive_university,
            hidden=EVERYONE,
            why="an archived university is hidden from every page (as universities:detail)",
        ),
    ),
    "insights:coordination": coordinators("GET"),
    # universities
    "universities:list": public(),
    "universities:map": public(),
    "universities:strengths": public(),
    "universities:strengths_csv": public(),
    "universities:detail": (
        public(university),
        Entry(
            GATED,
            label="archived",
            kwargs=university,
            prepare=archive_university,
            hidden=EVERYONE,
            why="an archived university is hidden from every page, for coordinators too",
        ),
    ),
    "universities:create": coordinators(
        "POST",
        also=("uni_admin",),
        data=lambda w: {"name_en": "Authz Institute", "country": "KZ"},
        changed=lambda w, user: University.objects.filter(name_en="Authz Institute").exists(),
    ),
    # Coordinators, and administrators of a university (their own archived ones).
    "universities:archived": gated("GET", "uni_admin", also=("editor",)),
    "universities:areas": coordinators("GET"),
    "universities:area_create": coordinators(
        "POST",
        data=lambda w: {"name_en": "Authz hydrogen", "position": "100"},
        changed=lambda w, user: ResearchArea.objects.filter(name_en="Authz hydrogen").exists(),
    ),
    "universities:area_edit": coordinators(
        "POST",
        kwargs=lambda w: {"slug": w.area.slug},
        data=lambda w: {"name_en": "Authz batteries", "position": "100"},
        changed=lambda w, user: fresh(w.area).name_en == "Authz batteries",
    ),
    "universities:edit": gated(
        "POST",
        "editor",
        kwargs=university,
        data=lambda w: {"name_en": "Authz University renamed", "country": "KZ"},
        changed=lambda w, user: fresh(w.university).name_en == "Authz University renamed",
    ),
    "universities:edit_strengths": gated(
        "POST", "editor", kwargs=university, data=empty_formset(StrengthFormSet)
    ),
    "universities:edit_activities": gated(
        "POST", "editor", kwargs=university, data=empty_formset(ActivityFormSet)
    ),
    "universities:verify": coordinators(
        "POST",
        also=("editor", "uni_admin"),
        kwargs=university,
        data=lambda w: {"verified": "1"},
        changed=lambda w, user: fresh(w.university).verified,
    ),
    "universities:history": gated("GET", "uni_admin", also=("editor",), kwargs=university),
    "universities:archive": gated(
        "POST",
        "uni_admin",
        also=("editor",),
        kwargs=university,
        changed=lambda w, user: fresh(w.university).is_archived,
    ),
    "universities:restore": gated(
        "POST",
        "uni_admin",
        also=("editor",),
        kwargs=university,
        prepare=archive_university,
        changed=lambda w, user: not fresh(w.university).is_archived,
    ),
    # curricula
    "curricula:programme_list": public(),
    "curricula:programme_export": public(),
    "curricula:programme_compare": public(),
    "curricula:programme_import_template": public(),
    "curricula:archived": gated("GET", "uni_admin", also=("editor",)),
    # Every programme of the university, drafts included: for its staff.
    "curricula:university_programmes": gated(
        "GET", "editor", kwargs=lambda w: {"university": w.university.slug}
    ),
    "curricula:programme_create": gated(
        "POST", "editor", kwargs=lambda w: {"university": w.university.slug}
    ),
    "curricula:programme_import": gated(
        "POST", "editor", kwargs=lambda w: {"university": w.university.slug}
    ),
    "curricula:programme_detail": (
        public(programme),
        gated(
            "GET",
            "editor",
            label="draft",
            kwargs=draft_programme,
            hidden=frozenset({"anonymous", "student", "other_staff", "other_partner"}),
            why="a draft is not there for anyone but its university's staff",
        ),
    ),
    "curricula:programme_edit": gated("POST", "editor", kwargs=programme),
    "curricula:programme_archive": gated(
        "POST",
        "editor",
        kwargs=programme,
        changed=lambda w, user: fresh(w.programme).is_archived,
    ),
    "curricula:programme_restore": gated(
        "POST",
        "uni_admin",
        also=("editor",),
        kwargs=programme,
        prepare=archive_programme,
        changed=lambda w, user: fresh(w.programme).status == Programme.Status.PUBLISHED,
    ),
    "curricula:programme_publish": gated(
        "POST",
        "editor",
        kwargs=programme,
        data=lambda w: {"status": Programme.Status.DRAFT},
        changed=lambda w, user: fresh(w.programme).status == Programme.Status.DRAFT,
    ),
    # Who changed what: those who edit the programme; an archived one's, for those
    # who may restore it.
    "curricula:programme_history": (
        gated("GET", "editor", kwargs=programme),
        gated(
            "GET",
            "uni_admin",
            label="archived",
            also=("editor",),
            kwargs=programme,
            prepare=archive_programme,
        ),
    ),
    "curricula:skill_list": public(),
    "curricula:skill_detail": public(skill),
    "curricula:skill_create": coordinators(
        "POST",
        data=lambda w: {
            "name_en": "Authz electrolysis",
            "kind": Skill.Kind.SKILL,
            "not_a_duplicate": "on",
        },
        changed=lambda w, user: Skill.objects.filter(name_en="Authz electrolysis").exists(),
    ),
    "curricula:skill_edit": coordinators(
        "POST",
        kwargs=skill,
        data=lambda w: {"name_en": "Authz grid planning", "kind": Skill.Kind.SKILL},
        changed=lambda w, user: fresh(w.skill).name_en == "Authz grid planning",
    ),
    "curricula:skill_history": coordinators("GET", kwargs=skill),
    "curricula:skill_retire": coordinators(
        "POST", kwargs=skill, changed=lambda w, user: fresh(w.skill).retired_at is not None
    ),
    "curricula:skill_restore": coordinators(
        "POST",
        kwargs=skill,
        prepare=retire_skill,
        changed=lambda w, user: fresh(w.skill).retired_at is None,
    ),
    "curricula:skill_merge": coordinators(
        "POST",
        kwargs=lambda w: {"slug": w.duplicate_skill.slug},
        data=lambda w: {"into": w.skill.slug, "confirm": "1"},
        changed=lambda w, user: not Skill.objects.filter(pk=w.duplicate_skill.pk).exists(),
    ),
    # industry
    "industry:need_list": public(),
    "industry:need_feed": public(),
    "industry:need_overview": coordinators("GET", also=("partner",)),
    "industry:need_detail": (
        public(need),
        gated(
            "GET",
            "partner",
            ("coordinator", "other_staff", "editor"),
            label="members-only",
            also=("editor",),
            kwargs=lambda w: {"pk": w.members_need.pk},
            hidden=frozenset({"anonymous", "student", "other_partner"}),
            why="a members-only need is not there for visitors, students or other partners",
        ),
        gated(
            "GET",
            "partner",
            label="hidden",
            also=("editor",),
            kwargs=need,
            prepare=lambda w, user: SkillNeed.objects.filter(pk=w.need.pk).update(hidden=True),
            hidden=frozenset({"anonymous", "student", "other_staff", "other_partner", "editor"}),
            why="a need hidden by a coordinator is there only for them and its organisation",
        ),
    ),
    "industry:need_edit": gated("POST", "partner", kwargs=need),
    "industry:need_history": gated("GET", "partner", kwargs=need),
    "industry:need_status": gated(
        "POST",
        "partner",
        kwargs=need,
        data=lambda w: {"status": SkillNeed.Status.CLOSED},
        changed=lambda w, user: fresh(w.need).status == SkillNeed.Status.CLOSED,
    ),
    "industry:need_hide": coordinators(
        "POST",
        also=("partner",),
        kwargs=need,
        data=lambda w: {"hidden": "1"},
        changed=lambda w, user: fresh(w.need).hidden,
    ),
    "industry:need_nudge": coordinators("POST", also=("partner",), kwargs=need),
    # Any university's staff may answer any open need; coordinators do not answer.
    "industry:need_respond": gated("POST", "editor", ("other_staff",), kwargs=need),
    # Coordinators, university staff and partners each see the responses that are theirs.
    "industry:response_inbox": gated(
        "GET", "partner", ("coordinator", "other_staff", "other_partner")
    ),
    # The conversation belongs to both sides: the need's organisation and the university.
    "industry:response_detail": gated(
        "POST",
        "partner",
        ("coordinator", "editor"),
        also=("editor",),
        kwargs=response,
        data=lambda w: {"body": "When can we meet?"},
        changed=lambda w, user: ResponseMessage.objects.filter(
            response=w.response, author=user
        ).exists(),
    ),
    "industry:response_decide": gated(
        "POST",
        "partner",
        also=("editor",),
        kwargs=response,
        data=lambda w: {"status": NeedResponse.Status.ACCEPTED},
        changed=lambda w, user: fresh(w.response).status == NeedResponse.Status.ACCEPTED,
    ),
    "industry:response_hide": coordinators(
        "POST",
        also=("partner", "editor"),
        kwargs=response,
        data=lambda w: {"hidden": "1"},
        changed=lambda w, user: fresh(w.response).hidden,
    ),
    "industry:organisation_list": public(),
    "industry:organisation_detail": (
        public(organisation),
        gated(
            "GET",
            "partner",
            label="archived",
            kwargs=organisation,
            prepare=archive_organisation,
            hidden=frozenset({"anonymous", "student", "other_staff", "other_partner"}),
            why="an archived organisation is there only for its members and coordinators",
        ),
    ),
    "industry:organisation_edit": gated("POST", "partner", kwargs=organisation),
    "industry:organisation_history": gated("GET", "partner", kwargs=organisation),
    "industry:organisation_archive": gated(
        "POST",
        "org_admin",
        also=("partner",),
        kwargs=organisation,
        changed=lambda w, user: fresh(w.organisation).is_archived,
    ),
    "industry:organisation_restore": gated(
        "POST",
        "org_admin",
        also=("partner",),
        kwargs=organisation,
        prepare=archive_organisation,
        changed=lambda w, user: not fresh(w.organisation).is_archived,
    ),
    # Only the organisation's own members post its needs; coordinators do not.
    "industry:need_create": gated("POST", "partner", (), kwargs=organisation),
    "industry:university_needs": gated("GET", "editor", kwargs=university),
    # events
    "events:list": public(),
    "events:calendar": public(),
    "events:feed": public(),
    "events:rotation": public(),
    # The secret in the address is the key: whoever holds it reads the feed.
    "events:private_feed": public(lambda w: {"token": CALENDAR_TOKEN}),
    "events:series_feed": public(lambda w: {"slug": w.series.slug}),
    "events:mine": signed_in(
        "POST",
        data=lambda w: {"alarm_minutes": "30"},
        changed=lambda w, user: CalendarToken.objects.get(user=user).alarm_minutes == 30,
    ),
    "events:reset_calendar": signed_in(
        "POST",
        changed=lambda w, user: (
            CalendarToken.objects.filter(user=user).exclude(token=CALENDAR_TOKEN).exists()
        ),
    ),
    "events:manage": coordinators("GET"),
    "events:create": coordinators("POST"),
    "events:series_generate": coordinators("POST"),
    "events:series_create": coordinators("POST"),
    "events:rotation_decide": coordinators(
        "POST",
        also=("editor",),
        data=lambda w: {"member": w.rotation_member.pk, "decision": "decline"},
        changed=lambda w, user: HostingRecord.objects.filter(
            university=w.university, outcome=HostingRecord.Outcome.DECLINED
        ).exists(),
    ),
    "events:rotation_add": coordinators(
        "POST",
        also=("editor",),
        data=lambda w: {"university": w.other_university.pk},
        changed=lambda w, user: RotationMember.objects.filter(
            university=w.other_university
        ).exists(),
    ),
    "events:rotation_member": gated(
        "POST",
        "editor",
        kwargs=university,
        data=lambda w: {"venue_capacity": "250", "blackout_dates": ""},
        changed=lambda w, user: fresh(w.rotation_member).venue_capacity == 250,
    ),
    "events:detail": (
        public(event),
        gated(
            "GET",
            "editor",
            label="draft",
            kwargs=draft_event,
            hidden=frozenset({"anonymous", "student", "other_staff", "other_partner"}),
            why="a draft is there only for coordinators and the host's staff",
        ),
    ),
    "events:ics": (
        public(event),
        gated(
            "GET",
            "editor",
            label="draft",
            kwargs=draft_event,
            hidden=frozenset({"anonymous", "student", "other_staff", "other_partner"}),
            why="a draft is there only for coordinators and the host's staff",
        ),
    ),
    "events:register": signed_in(
        "POST",
        event,
        data=lambda w: {"mode": Registration.Mode.ONLINE},
        changed=lambda w, user: Registration.objects.filter(event=w.event, user=user).exists(),
    ),
    "events:unregister": signed_in(
        "POST",
        event,
        prepare=register_user,
        changed=lambda w, user: (
            Registration.objects.get(event=w.event, user=user).status
            == Registration.Status.CANCELLED
        ),
    ),
    # Scheduling is the coordinators'; the host's staff keep only the logistics.
    "events:edit": coordinators("POST", also=("editor",), kwargs=event),
    "events:publish": coordinators(
        "POST",
        also=("editor",),
        kwargs=draft_event,
        changed=lambda w, user: fresh(w.draft_event).status == Event.Status.PUBLISHED,
    ),
    "events:cancel": coordinators(
        "POST",
        also=("editor",),
        kwargs=event,
        changed=lambda w, user: fresh(w.event).status == Event.Status.CANCELLED,
    ),
    "events:archive": coordinators(
        "POST",
        also=("editor",),
        kwargs=draft_event,
        changed=lambda w, user: fresh(w.draft_event).is_archived,
    ),
    "events:restore": coordinators(
        "POST",
        also=("editor",),
        kwargs=draft_event,
        prepare=archive_draft_event,
        changed=lambda w, user: not fresh(w.draft_event).is_archived,
    ),
    # Who changed what: coordinators and the host's staff; an archived event's,
    # coordinators only.
    "events:history": (
        gated("GET", "editor", kwargs=event),
        coordinators(
            "GET",
            label="archived",
            also=("editor",),
            kwargs=draft_event,
            prepare=archive_draft_event,
        ),
    ),
    "events:logistics": gated("POST", "editor", kwargs=event),
    "events:participants": gated("GET", "editor", kwargs=event),
    "events:participants_csv": gated("GET", "editor", kwargs=event),
    "events:registration": signed_in(
        "POST",
        event,
        prepare=register_user,
        data=lambda w: {
            "country": "TJ",
            "sector": "academia",
            "gender": "unsaid",
            "participant_role": "academic",
        },  # fmt: skip
        changed=lambda w, user: User.objects.get(pk=user.pk).country == "TJ",
    ),
    # The code in the address is the key, sent to the registrant alone: whoever holds
    # it follows it (the event is ten days away: the page says when the room opens).
    "events:join": public(lambda w: {"code": JOIN_CODE}, prepare=registration_with_code),
    "events:registration_qr": gated(
        "GET",
        "student",
        (),
        kwargs=lambda w: {"code": JOIN_CODE},
        prepare=registration_with_code,
        hidden=frozenset({"other_staff", "other_partner", "coordinator"}),
        why="the QR code of one's own registration; another person's is not found",
    ),
    # Attendance files and the check-in: coordinators and the host's staff only.
    "events:attendance_upload": gated("GET", "editor", kwargs=event),
    "events:attendance_confirm": gated("POST", "editor", kwargs=event),
    "events:check_in": gated("GET", "editor", kwargs=event),
    "events:check_in_record": gated(
        "POST",
        "editor",
        kwargs=event,
        data=lambda w: {"code": JOIN_CODE},
        prepare=registration_with_code,
        changed=lambda w, user: Registration.objects.get(code=JOIN_CODE).checked_in_at is not None,
    ),
    "events:statistics": gated("GET", "editor", kwargs=event),
    "events:statistics_csv": gated("GET", "editor", kwargs=event),
    "events:statistics_xlsx": gated("GET", "editor", kwargs=event),
    "events:series_statistics": coordinators("GET", kwargs=lambda w: {"slug": w.series.slug}),
    "events:series_statistics_export": coordinators(
        "GET", kwargs=lambda w: {"slug": w.series.slug, "fmt": "csv"}
    ),
    "events:year_statistics": (
        public(label="this year"),
        public(lambda w: {"year": 2026}, label="a year"),
    ),
    "events:year_statistics_export": coordinators(
        "GET", kwargs=lambda w: {"year": 2026, "fmt": "xlsx"}
    ),
    # knowledge
    "knowledge:library": public(),
    "knowledge:news": public(),
    "knowledge:detail": (
        public(item),
        gated(
            "GET",
            "editor",
            label="draft",
            kwargs=draft_item,
            hidden=frozenset({"anonymous", "student", "other_staff", "other_partner"}),
            why="a draft is there only for coordinators and its institution's members",
        ),
    ),
    "knowledge:download": public(
        lambda w: {"pk": w.item.pk, "file": w.item_file.pk}, prepare=write_item_media
    ),
    "knowledge:image": public(item, prepare=write_item_media),
    # Members of any university or organisation submit their institution's items.
    "knowledge:create": gated("POST", "editor", ("coordinator", "other_staff", "other_partner")),
    "knowledge:mine": gated("GET", "editor", ("coordinator", "other_staff", "other_partner")),
    "knowledge:review": coordinators("GET", also=("editor",)),
    "knowledge:edit": gated("POST", "editor", also=("partner",), kwargs=draft_item),
    # Only the institution's members submit; coordinators publish instead.
    "knowledge:submit": gated(
        "POST",
        "editor",
        (),
        kwargs=draft_item,
        changed=lambda w, user: fresh(w.draft_item).status == KnowledgeItem.Status.SUBMITTED,
    ),
    "knowledge:publish": coordinators(
        "POST",
        also=("editor",),
        kwargs=submitted_item,
        changed=lambda w, user: fresh(w.submitted_item).status == KnowledgeItem.Status.PUBLISHED,
    ),
    "knowledge:return": coordinators(
        "POST",
        also=("editor",),
        kwargs=submitted_item,
        data=lambda w: {"reason": "Add the sources."},
        changed=lambda w, user: fresh(w.submitted_item).status == KnowledgeItem.Status.RETURNED,
    ),
    "knowledge:archive": coordinators(
        "POST",
        also=("editor",),
        kwargs=item,
        changed=lambda w, user: fresh(w.item).status == KnowledgeItem.Status.ARCHIVED,
    ),
    "knowledge:restore": coordinators(
        "POST",
        also=("editor",),
        kwargs=item,
        prepare=archive_item,
        changed=lambda w, user: fresh(w.item).status == KnowledgeItem.Status.DRAFT,
    ),
    "knowledge:feature": coordinators(
        "POST",
        also=("editor",),
        kwargs=item,
        data=lambda w: {"featured": "1"},
        changed=lambda w, user: fresh(w.item).featured,
    ),
    "knowledge:feed": (
        public(lambda w: {"feed_format": "rss"}, label="rss"),
        public(lambda w: {"feed_format": "atom"}, label="atom"),
    ),
    "knowledge:kind_feed": public(lambda w: {"kind": "report", "feed_format": "rss"}),
    "knowledge:theme_feed": public(lambda w: {"slug": w.area.slug, "feed_format": "atom"}),
    "knowledge:news_feed": public(lambda w: {"feed_format": "rss"}),
    # Waiting-list offers: the offer's secret address is its permission, like a private
    # calendar feed (the e-mail's link works without signing in).
    "events:offer_accept": (
        public(offer),
        Entry(
            PUBLIC,
            method="POST",
            allowed=EVERYONE,
            kwargs=offer,
            label="answer",
            changed=lambda w, user: (
                fresh(w.event)
                .registrations.filter(user=w.student, status=Registration.Status.CONFIRMED)
                .exists()
            ),
        ),
    ),
    "events:offer_decline": (
        public(offer),
        Entry(
            PUBLIC,
            method="POST",
            allowed=EVERYONE,
            kwargs=offer,
            label="answer",
            changed=lambda w, user: (
                WaitlistOffer.objects.get(token=OFFER_TOKEN).status == WaitlistOffer.Status.DECLINED
            ),
        ),
    ),
    # Feedback: the confirmed participant gives it; coordinators and the host's staff
    # read it.
    "events:feedback": gated("GET", "student", (), kwargs=event, prepare=register_student),
    "events:feedback_results": gated("GET", "editor", kwargs=event),
    # certificates
    "certificates:verify": public(certificate, prepare=student_certificate),
    "certificates:download": gated(
        "GET", "student", kwargs=certificate, prepare=student_certificate
    ),
    # Certificates and visa letters are the coordinators'; the host's staff do not
    # issue them.
    "certificates:event": coordinators("GET", also=("editor",), kwargs=event),
    "certificates:issue": coordinators(
        "POST",
        also=("editor",),
        kwargs=event,
        prepare=event_ended_with_attendance,
        changed=lambda w, user: Certificate.objects.filter(registration__event=w.event).exists(),
    ),
    "certificates:revoke": coordinators(
        "POST",
        also=("editor",),
        kwargs=certificate,
        prepare=student_certificate,
        data=lambda w: {"reason": "Did not attend"},
        changed=lambda w, user: Certificate.objects.revoked().exists(),
    ),
    "certificates:reissue": coordinators(
        "POST",
        also=("editor",),
        kwargs=certificate,
        prepare=student_certificate,
        data=lambda w: {"name": "Corrected Name"},
        changed=lambda w, user: Certificate.objects.valid().get().name == "Corrected Name",
    ),
    "certificates:visa_letter_issue": coordinators(
        "POST",
        also=("editor",),
        kwargs=student_registration,
        prepare=visa_request,
        changed=lambda w, user: VisaLetter.objects.exists(),
    ),
    "certificates:visa_letter_download": coordinators(
        "GET", also=("editor",), kwargs=student_registration, prepare=visa_letter_issued
    ),
    # programme: the call for contributions
    "programme:call": (
        public(open_call),
        gated(
            "GET",
            "editor",
            label="draft",
            kwargs=draft_call,
            hidden=frozenset({"anonymous", "student", "other_staff", "other_partner"}),
            why="the call of a draft event is there only for coordinators and the host's staff",
        ),
    ),  # fmt: skip
    "programme:call_create": coordinators(
        "POST",
        also=("editor",),
        kwargs=lambda w: {"event": w.event.pk},
        data=call_form,
        changed=lambda w, user: Call.objects.filter(event=w.event).exists(),
    ),  # fmt: skip
    "programme:call_edit": coordinators(
        "POST",
        also=("editor",),
        kwargs=open_call,
        data=lambda w: call_form(w, kinds=("talk", "poster")),
        changed=lambda w, user: Call.objects.get(event=w.event).minutes == 25,
    ),  # fmt: skip
    "programme:submit": signed_in(
        "POST",
        open_call,
        data=lambda w: contribution_form(w, "Authz submission"),
        changed=lambda w, user: Contribution.objects.filter(
            submitter=user, title="Authz submission"
        ).exists(),
    ),  # fmt: skip
    "programme:mine": signed_in("GET"),
    # A contribution: its authors and the programme committee (the host's staff chair it).
    "programme:contribution": gated(
        "GET",
        "student",
        ("coordinator", "editor"),
        also=("editor",),
        kwargs=contribution,
        hidden=frozenset({"other_staff", "other_partner"}),
        why="a contribution is there only for its authors and the programme committee",
    ),  # fmt: skip
    "programme:contribution_edit": gated(
        "POST",
        "student",
        (),
        kwargs=contribution,
        data=lambda w: contribution_form(w, "Authz talk, revised"),
        changed=lambda w, user: Contribution.objects.filter(title="Authz talk, revised").exists(),
    ),  # fmt: skip
    "programme:contribution_withdraw": gated(
        "POST",
        "student",
        (),
        kwargs=contribution,
        changed=lambda w, user: (
            Contribution.objects.get(title="Authz talk").state == Contribution.State.WITHDRAWN
        ),
    ),  # fmt: skip
    # An industry challenge: by the need's organisation, never for it by others.
    "programme:challenge": gated(
        "POST",
        "partner",
        ("org_admin",),
        also=("org_admin",),
        kwargs=lambda w: {**open_call(w), "need": w.need.pk},
        changed=lambda w, user: Contribution.objects.filter(need=w.need, kind="challenge").exists(),
    ),  # fmt: skip
    # The programme committee: coordinators and the host university's editing staff
    # (the world's event is hosted by ``university``); the student reviews for it.
    "programme:committee": gated(
        "POST",
        "editor",
        ("coordinator", "uni_admin"),
        also=("uni_admin",),
        kwargs=review_event,
        data=lambda w: {"email": w.applicant.email, "role": "member"},
        changed=lambda w, user: CommitteeMember.objects.filter(user=w.applicant).exists(),
    ),  # fmt: skip
    "programme:committee_remove": gated(
        "POST",
        "editor",
        ("coordinator", "uni_admin"),
        also=("uni_admin",),
        kwargs=review_seat,
        changed=lambda w, user: not CommitteeMember.objects.filter(user=w.student).exists(),
    ),  # fmt: skip
    "programme:reviews_balance": gated(
        "POST",
        "editor",
        ("coordinator", "uni_admin"),
        also=("uni_admin",),
        kwargs=review_event,
        data=lambda w: {"per_contribution": "2"},
    ),  # fmt: skip
    "programme:review_assign": gated(
        "POST",
        "editor",
        ("coordinator", "uni_admin"),
        also=("uni_admin",),
        kwargs=review_contribution,
        data=lambda w: {"reviewer": str(w.student.pk)},
        changed=lambda w, user: Review.objects.filter(reviewer=w.student).exists(),
    ),  # fmt: skip
    "programme:review_unassign": gated(
        "POST",
        "editor",
        ("coordinator", "uni_admin"),
        also=("uni_admin",),
        kwargs=review_of_student,
        changed=lambda w, user: not Review.objects.filter(reviewer=w.student).exists(),
    ),  # fmt: skip
    # A reviewer's queue: the reviewers of the call and its committee.
    "programme:review_queue": gated(
        "GET",
        "student",
        ("coordinator", "editor", "uni_admin"),
        also=("editor", "uni_admin"),
        kwargs=review_event,
    ),  # fmt: skip
    # A review: only the person asked to write it (not even the committee).
    "programme:review": gated(
        "POST",
        "student",
        (),
        also=("editor",),
        kwargs=review_contribution,
        data=review_scores,
        changed=lambda w, user: Score.objects.filter(review__reviewer=w.student).exists(),
    ),  # fmt: skip
    "programme:decisions": gated(
        "GET", "editor", ("coordinator", "uni_admin"), also=("uni_admin",), kwargs=review_event
    ),  # fmt: skip
    "programme:decide": gated(
        "POST",
        "editor",
        ("coordinator", "uni_admin"),
        also=("uni_admin",),
        kwargs=review_contribution,
        data=lambda w: {"decision": "accepted"},
        changed=lambda w, user: (
            Contribution.objects.get(title="Authz grid storage").state
            == Contribution.State.ACCEPTED
        ),
    ),  # fmt: skip
    # The timetable editor: the programme committee (coordinators, the host's editors).
    "programme:timetable_edit": gated(
        "GET", "editor", ("coordinator", "uni_admin"), also=("uni_admin",), kwargs=timetable_event
    ),  # fmt: skip
    "programme:timetable_publish": gated(
        "POST",
        "editor",
        ("coordinator", "uni_admin"),
        also=("uni_admin",),
        kwargs=timetable_event,
        data=lambda w: {"publish": "0"},
        changed=lambda w, user: Call.objects.get(event=w.event).timetable_published_at is None,
    ),  # fmt: skip
    "programme:room_create": gated(
        "POST",
        "editor",
        ("coordinator", "uni_admin"),
        also=("uni_admin",),
        kwargs=timetable_event,
        data=lambda w: {"name_en": "Authz seminar room", "capacity": "30"},
        changed=lambda w, user: Room.objects.filter(name_en="Authz seminar room").exists(),
    ),  # fmt: skip
    "programme:room_edit": gated(
        "POST",
        "editor",
        ("coordinator", "uni_admin"),
        also=("uni_admin",),
        kwargs=timetable_room,
        data=lambda w: {"name_en": "Authz aula", "capacity": "120"},
        changed=lambda w, user: Room.objects.get(name_en="Authz aula").capacity == 120,
    ),  # fmt: skip
    "programme:room_remove": gated(
        "POST",
        "editor",
        ("coordinator", "uni_admin"),
        also=("uni_admin",),
        kwargs=lambda w: {
            "pk": Room.objects.create(
                call=timetable_world(w)[0], name_en="Authz empty", capacity=5
            ).pk
        },
        changed=lambda w, user: not Room.objects.filter(name_en="Authz empty").exists(),
    ),  # fmt: skip
    "programme:session_create": gated(
        "POST",
        "editor",
        ("coordinator", "uni_admin"),
        also=("uni_admin",),
        kwargs=timetable_event,
        data=plenary_form,
        changed=lambda w, user: Session.objects.filter(title_en="Authz plenary").exists(),
    ),  # fmt: skip
    "programme:session_edit": gated(
        "POST",
        "editor",
        ("coordinator", "uni_admin"),
        also=("uni_admin",),
        kwargs=timetable_session,
        data=session_move_form,
        changed=lambda w, user: (
            Session.objects.get(contribution__title="Authz grid storage").sequence == 1
        ),
    ),  # fmt: skip
    "programme:session_remove": gated(
        "POST",
        "editor",
        ("coordinator", "uni_admin"),
        also=("uni_admin",),
        kwargs=timetable_session,
        changed=lambda w, user: not Session.objects.exists(),
    ),  # fmt: skip
    # Slides and files: the authors and the committee; the slides are public once the
    # session is in a published timetable.
    "programme:slides_upload": gated(
        "POST",
        "partner",
        ("coordinator", "editor", "uni_admin"),
        also=("editor", "uni_admin"),
        kwargs=timetable_talk,
        prepare=contribution_files_written,
        data=lambda w: {"action": "remove"},
        changed=lambda w, user: not Contribution.objects.get(title="Authz grid storage").slides,
        hidden=frozenset({"student", "other_staff", "other_partner"}),
        why=AUTHORS_AND_COMMITTEE,
    ),  # fmt: skip
    "programme:slides_file": (
        public(timetable_talk, prepare=contribution_files_written),
        gated(
            "GET",
            "partner",
            ("coordinator", "editor", "uni_admin"),
            also=("editor", "uni_admin"),
            label="unpublished",
            kwargs=unpublished_talk,
            prepare=timetable_unpublished,
            hidden=frozenset({"anonymous", "student", "other_staff", "other_partner"}),
            why="before the timetable is public, slides are for the authors and the committee",
        ),
    ),  # fmt: skip
    "programme:contribution_file": gated(
        "GET",
        "partner",
        ("coordinator", "editor", "uni_admin"),
        also=("editor", "uni_admin"),
        kwargs=timetable_talk,
        prepare=contribution_files_written,
        hidden=frozenset({"student", "other_staff", "other_partner"}),
        why=AUTHORS_AND_COMMITTEE,
    ),  # fmt: skip
    # The public timetable: everyone once published; the committee's preview before.
    "programme:timetable": (
        public(timetable_event),
        gated(
            "GET",
            "editor",
            ("coordinator", "uni_admin"),
            also=("uni_admin",),
            label="unpublished",
            kwargs=unpublished_event,
            hidden=frozenset({"anonymous", "student", "other_staff", "other_partner"}),
            why=COMMITTEE_PREVIEW,
        ),
    ),  # fmt: skip
    "programme:session": (
        public(timetable_session),
        gated(
            "GET",
            "editor",
            ("coordinator", "uni_admin"),
            also=("uni_admin",),
            label="unpublished",
            kwargs=unpublished_session,
            hidden=frozenset({"anonymous", "student", "other_staff", "other_partner"}),
            why=COMMITTEE_PREVIEW,
        ),
    ),  # fmt: skip
    "programme:timetable_ics": public(timetable_event),
    "programme:timetable_pdf": public(timetable_event),
    "programme:speaker": public(speaking_partner),
    "programme:session_star": signed_in(
        "POST",
        timetable_session,
        data=lambda w: {"starred": "1"},
        changed=lambda w, user: Star.objects.filter(user=user).exists(),
    ),  # fmt: skip
    "programme:my_schedule": signed_in("GET"),
    "programme:my_schedule_feed": public(lambda w: {"token": CALENDAR_TOKEN}),
    # A programme's intakes, outcomes and accreditations, and a university's
    # scholarships: who edits the university's programmes.
    "curricula:programme_admissions": gated(
        "POST",
        "editor",
        ("coordinator", "uni_admin"),
        also=("uni_admin",),
        kwargs=programme,
        data=admissions_form,
        changed=lambda w, user: Intake.objects.filter(programme=w.programme).exists(),
    ),  # fmt: skip
    "curricula:scholarships": gated(
        "POST",
        "editor",
        ("coordinator", "uni_admin"),
        also=("uni_admin",),
        kwargs=lambda w: {"university": w.university.slug},
        data=lambda w: scholarship_form(w, "Authz new grant"),
        changed=lambda w, user: Scholarship.objects.filter(name_en="Authz new grant").exists(),
    ),  # fmt: skip
    "curricula:scholarship_edit": gated(
        "POST",
        "editor",
        ("coordinator", "uni_admin"),
        also=("uni_admin",),
        kwargs=scholarship,
        data=lambda w: scholarship_form(w, "Authz grant, renamed"),
        changed=lambda w, user: Scholarship.objects.filter(name_en="Authz grant, renamed").exists(),
    ),  # fmt: skip
    "curricula:scholarship_remove": gated(
        "POST",
        "editor",
        ("coordinator", "uni_admin"),
        also=("uni_admin",),
        kwargs=scholarship,
        changed=lambda w, user: not Scholarship.objects.exists(),
    ),  # fmt: skip
    # Saved programmes and searches: anyone signed in, for themselves.
    "curricula:programme_save": signed_in(
        "POST",
        programme,
        data=lambda w: {"save": "1"},
        changed=lambda w, user: SavedProgramme.objects.filter(user=user).exists(),
    ),  # fmt: skip
    "curricula:saved": signed_in("GET"),
    "curricula:search_save": signed_in(
        "POST",
        data=lambda w: {"query": "q=hydrogen", "name": "Authz hydrogen"},
        changed=lambda w, user: SavedSearch.objects.filter(user=user).exists(),
    ),  # fmt: skip
    "curricula:search_remove": gated(
        "POST",
        "student",
        (),
        kwargs=saved_search,
        changed=lambda w, user: not SavedSearch.objects.exists(),
    ),  # fmt: skip
    # The one-click unsubscribe of an alert: whoever holds the e-mail's secret.
    "curricula:search_unsubscribe": public(saved_search_token),
    # Exporting a university's programmes for editing; an import's progress: its owner.
    # Skill names suggested as one types: public, like the taxonomy.
    "curricula:skill_suggest": public(),
    "curricula:university_export": gated(
        "GET",
        "editor",
        ("coordinator", "uni_admin"),
        also=("uni_admin",),
        kwargs=lambda w: {"university": w.university.slug},
    ),  # fmt: skip
    "curricula:import_job": gated("GET", "editor", ("coordinator",), kwargs=import_job),
    "curricula:import_job_status": gated("GET", "editor", ("coordinator",), kwargs=import_job),
    "newsletter:subscribe": public(),
    "newsletter:subscribe_one_click": signed_in(
        "POST",
        changed=lambda w, user: Subscriber.objects.filter(email=user.email).exists(),
    ),
    "newsletter:confirm": public(lambda w: {"token": confirmation_token(_subscriber())}),
    "newsletter:unsubscribe": public(lambda w: {"token": _subscriber().token}),
    "newsletter:archive": public(),
    "newsletter:issue": public(lambda w: {"pk": _issue(sent=True).pk}),
    "newsletter:manage": coordinators("GET"),
    "newsletter:issue_edit": coordinators("GET", kwargs=lambda w: {"pk": _issue().pk}),
    "newsletter:issue_send": coordinators(
        "POST",
        kwargs=lambda w: {"pk": _issue().pk},
        changed=lambda w, user: Issue.objects.get().status == Issue.Status.SENT,
    ),
}

# URLs that exist only with a setting on: their entries stay, the URL may be absent.
CONDITIONAL = {"bench_bare": "BENCH_ENDPOINTS"}

LOGO_PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7\x35\x81\x84"
    b"\x00\x00\x00\x00IEND\xaeB`\x82"
)


def _write_logo() -> None:
    logos = settings.MEDIA_ROOT / "logos"
    logos.mkdir(parents=True, exist_ok=True)
    (logos / "authz.png").write_bytes(LOGO_PNG)


# --- the resolver --------------------------------------------------------------------


def resolved_names() -> set[str]:
    """Every URL name of the project, with its namespaces (``events:detail``)."""

    def walk(resolver: URLResolver, namespaces: tuple[str, ...]) -> Iterator[str]:
        for pattern in resolver.url_patterns:
            if isinstance(pattern, URLResolver):
                inner = (*namespaces, pattern.namespace) if pattern.namespace else namespaces
                # Django's admin is left out: its sign-in is allauth's (the login page is
                # wrapped in secure_admin_login, so MFA and rate limits apply), covered in
                # tests/accounts/test_mfa.py, and its pages are Django's own, behind
                # is_staff and the model permissions.
                if inner[:1] == ("admin",):
                    continue
                yield from walk(pattern, inner)
            else:
                # An unnamed pattern can have no entry, so it fails the comparison.
                yield ":".join((*namespaces, pattern.name or f"<unnamed {pattern.pattern}>"))

    return set(walk(get_resolver(), ()))


def _variants(entry: Entry | tuple[Entry, ...]) -> tuple[Entry, ...]:
    return entry if isinstance(entry, tuple) else (entry,)


RESOLVED = resolved_names()
CASES = [
    pytest.param(
        name,
        entry,
        role,
        id=f"{name}{f'[{entry.label}]' if entry.label else ''}-{role}",
        marks=[pytest.mark.xfail(strict=True, reason=entry.known_hole)] if entry.known_hole else [],
    )
    for name in sorted(MATRIX)
    if name in RESOLVED
    for entry in _variants(MATRIX[name])
    for role in entry.roles()
]


def test_every_url_has_an_entry():
    expected = {
        name for name in MATRIX if name not in CONDITIONAL or getattr(settings, CONDITIONAL[name])
    }
    without_entry = sorted(RESOLVED - expected)
    without_url = sorted(expected - RESOLVED)
    assert (without_entry, without_url) == ([], [])


def test_every_hidden_object_says_why():
    unexplained = sorted(
        f"{name}[{entry.label}]"
        for name, entries in MATRIX.items()
        for entry in _variants(entries)
        if entry.hidden and not entry.why
    )
    assert unexplained == []


FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="module")
def shared_world(django_db_setup, django_db_blocker) -> Iterator[World]:
    """One world for the module, in a transaction that is rolled back at its end; each
    test runs in a savepoint inside it (pytest-django's ``db``), so what one test
    changes is gone before the next."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            # Built before the per-test settings apply: hash passwords as they do.
            with override_settings(PASSWORD_HASHERS=FAST_HASHERS):
                built = build_world()
            yield built
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def world(shared_world, db) -> World:
    return copy.deepcopy(shared_world)  # a test's refresh_from_db stays its own


def _person(world: World, entry: Entry, role: str) -> User | None:
    if role == "anonymous":
        return None
    name = entry.owner if role == "owner" else role
    assert name is not None
    return getattr(world, name)


def _sign_in_page(path: str) -> str:
    return "/accounts/login/?next=" + quote(path, safe="/")


def _answer(client: Client, entry: Entry, path: str, world: World) -> Any:
    if entry.method == "POST":
        return client.post(path, entry.data(world))
    return client.get(path)


@pytest.mark.parametrize(("name", "entry", "role"), CASES)
def test_url_for_role(client, world, name, entry, role):
    user = _person(world, entry, role)
    if entry.prepare is not None:
        entry.prepare(world, user)
    path = reverse(name, kwargs=entry.kwargs(world))
    if user is not None:
        client.force_login(user)

    response = _answer(client, entry, path, world)

    status, location = response.status_code, response.get("Location", "")
    assert status < 500
    if entry.kind == ALLAUTH:
        return
    if entry.may(role):
        if entry.kind == PUBLIC and entry.method == "GET":
            assert status == 200
        else:
            assert status in (200, 302)
            assert not location.startswith(("/accounts/login/", "/accounts/2fa/"))
        if entry.changed is not None:
            assert entry.changed(world, user)
    elif role in entry.hidden:
        assert status == 404
    elif user is None:
        assert (status, location) == (302, _sign_in_page(path))
    else:
        assert status == 403


def test_force_login_skips_the_second_factor_set_up(client, world):
    """The matrix signs people in with force_login: Django's login without allauth's
    flow, so the set-up of a second factor that a coordinator must otherwise make first
    is not asked for. Signed in through allauth, the same coordinator is sent to it."""
    coordinator = world.coordinator
    assert (needs_mfa(coordinator), has_mfa(coordinator)) == (True, False)
    client.force_login(coordinator)
    assert SETUP_REQUIRED not in client.session
    assert client.get(reverse("insights:coordination")).status_code == 200

    client.logout()
    client.post(reverse("account_login"), {"login": coordinator.email, "password": PASSWORD})
    response = client.get(reverse("insights:coordination"))
    assert (response.status_code, response["Location"]) == (302, reverse("mfa_activate_totp"))
