"""Coordinators schedule; host staff keep their venue; the rotation picks the next host."""

import re
from datetime import date, time, timedelta

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import resolve, reverse
from django.utils import timezone, translation

from core import outbox
from core.middleware import limit_of
from core.models import OutboxMessage
from events import reminders, services
from events.forms import MAX_SLIDES_BYTES
from events.generator import monthly_starts
from events.models import (
    AgendaItem,
    CalendarToken,
    Event,
    EventSeries,
    HostingRecord,
    Registration,
    RotationMember,
)
from events.rotation import propose
from tests.factories import UniversityFactory, UniversityMembershipFactory

from .pdfs import stream_pdf, table_pdf

pytestmark = pytest.mark.django_db
AGENDA = {
    "agenda-TOTAL_FORMS": "0",
    "agenda-INITIAL_FORMS": "0",
    "agenda-MIN_NUM_FORMS": "0",
    "agenda-MAX_NUM_FORMS": "1000",
}
ROLES = ["anonymous", "student", "partner", "staff_editor", "other_staff", "coordinator"]


def _event_data(**overrides):
    start = timezone.localtime(timezone.now() + timedelta(days=10)).replace(hour=10, minute=0)
    data = {
        "title_en": "Hydrogen webinar",
        "kind": "webinar",
        "format": "online",
        "time_zone": "Asia/Almaty",
        "start": start.strftime("%Y-%m-%dT%H:%M"),
        "end": (start + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
        "join_url": "https://meet.example.org/x",
        **AGENDA,
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", ["manage", "create", "series_generate", "edit", "cancel"])
def test_managing_pages_are_for_coordinators(login, role, name, make_event):
    args = [make_event().pk] if name in ("edit", "cancel") else []
    status = login(role).get(reverse(f"events:{name}", args=args)).status_code
    assert status == (302 if role == "anonymous" else 200 if role == "coordinator" else 403)


@pytest.mark.parametrize("role", ROLES)
def test_publish_is_for_coordinators(login, role, make_event):
    event = make_event(status="draft")
    login(role).post(reverse("events:publish", args=[event.pk]))
    event.refresh_from_db()
    assert (event.status == "published") is (role == "coordinator")


@pytest.mark.parametrize("role", ROLES)
def test_logistics_are_for_host_staff_and_coordinators(login, role, make_event, university):
    event = make_event(format="on_site", host=university, venue="Hall A")
    status = login(role).get(reverse("events:logistics", args=[event.pk])).status_code
    allowed = role in {"staff_editor", "coordinator"}
    assert status == (302 if role == "anonymous" else 200 if allowed else 403)


def test_coordinator_schedules_an_event_in_its_own_time_zone(client, coordinator):
    client.force_login(coordinator)
    data = _event_data(time_zone="Asia/Tashkent")
    response = client.post(reverse("events:create"), data)
    event = Event.objects.get()
    assert response.url == event.get_absolute_url()
    local = timezone.localtime(event.start, timezone.get_fixed_timezone(300))
    assert local.strftime("%Y-%m-%dT%H:%M") == data["start"]
    assert event.status == "draft"


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"end": "2020-01-01T10:00"}, "end", "The end must come after the start."),
        (
            {"start": "2020-01-01T10:00", "end": "2020-01-01T11:00"},
            "start",
            "cannot start in the past",
        ),
        ({"format": "on_site"}, "host", "needs a host university"),
        ({"capacity_online": "0"}, "capacity_online", "greater than or equal to 1"),
        ({"reminder_offsets": '"soon"'}, "reminder_offsets", "list of minutes"),
    ],
)
def test_invalid_events_are_refused(client, coordinator, overrides, field, message):
    client.force_login(coordinator)
    response = client.post(reverse("events:create"), _event_data(**overrides))
    assert response.context["form"].has_error(field)
    assert message in response.content.decode()
    assert not Event.objects.exists()


def test_host_cannot_have_two_overlapping_on_site_events(
    client, coordinator, university, make_event
):
    existing = make_event(format="on_site", host=university, venue="Hall A")
    client.force_login(coordinator)
    start = timezone.localtime(existing.start, timezone.get_fixed_timezone(300))
    response = client.post(
        reverse("events:create"),
        _event_data(format="on_site", host=university.pk, venue_en="Hall B",
                    start=start.strftime("%Y-%m-%dT%H:%M"),
                    end=(start + timedelta(minutes=30)).strftime("%Y-%m-%dT%H:%M")),
    )  # fmt: skip
    assert "already has an on-site event at that time" in response.content.decode()


def test_host_staff_upload_pdf_slides_only(client, staff_editor, university, make_event):
    event = make_event(format="on_site", host=university, venue="Hall A")
    client.force_login(staff_editor)
    url = reverse("events:logistics", args=[event.pk])
    fake = SimpleUploadedFile("slides.pdf", b"<html>not a pdf</html>", "application/pdf")
    response = client.post(url, {"venue_en": "Hall B", "slides": fake})
    assert "must be a PDF file" in response.content.decode()
    event.refresh_from_db()
    assert event.venue == "Hall A"
    real = SimpleUploadedFile("slides.pdf", table_pdf(), "application/pdf")
    client.post(
        url, {"venue_en": "Hall B", "slides": real, "recording_url": "https://v.example.org/1"}
    )
    event.refresh_from_db()
    assert event.venue == "Hall B"
    assert event.slides.name.endswith(".pdf")


def test_a_file_that_only_starts_like_a_pdf_is_refused(
    client, staff_editor, university, make_event
):
    event = make_event(format="on_site", host=university, venue="Hall A")
    client.force_login(staff_editor)
    fake = SimpleUploadedFile(
        "slides.pdf", b"%PDF-1.7\n<script>x</script>\n%%EOF", "application/pdf"
    )
    response = client.post(reverse("events:logistics", args=[event.pk]), {"slides": fake})
    assert "The slides must be a PDF file." in response.content.decode()
    assert Event.objects.get(pk=event.pk).slides.name == ""


def test_slides_are_stored_under_a_generated_pdf_name(client, staff_editor, university, make_event):
    event = make_event(format="on_site", host=university, venue="Hall A")
    client.force_login(staff_editor)
    upload = SimpleUploadedFile("../../index.html", stream_pdf(), "text/html")
    client.post(
        reverse("events:logistics", args=[event.pk]), {"venue_en": "Hall A", "slides": upload}
    )
    name = Event.objects.get(pk=event.pk).slides.name
    assert re.fullmatch(r"slides/[0-9a-f]{32}\.pdf", name), name


def test_slides_over_twenty_megabytes_are_refused(client, staff_editor, university, make_event):
    event = make_event(format="on_site", host=university, venue="Hall A")
    client.force_login(staff_editor)
    pdf = table_pdf()
    big = pdf[:-6] + b" " * (MAX_SLIDES_BYTES + 1 - len(pdf)) + pdf[-6:]
    response = client.post(
        reverse("events:logistics", args=[event.pk]),
        {"slides": SimpleUploadedFile("big.pdf", big, "application/pdf")},
    )
    assert "The slides must be a PDF of at most 20.0\xa0MB." in response.content.decode()


def test_the_upload_page_refuses_a_body_over_its_limit_before_reading_it(
    client, staff_editor, university, make_event
):
    event = make_event(format="on_site", host=university, venue="Hall A")
    client.force_login(staff_editor)
    url = reverse("events:logistics", args=[event.pk])
    assert limit_of(resolve(url).func) == MAX_SLIDES_BYTES + 1024 * 1024
    response = client.post(
        url, data="venue_en=Hall+B", content_type="application/x-www-form-urlencoded",
        CONTENT_LENGTH=str(MAX_SLIDES_BYTES + 2 * 1024 * 1024),
    )  # fmt: skip
    assert response.status_code == 413
    assert Event.objects.get(pk=event.pk).venue == "Hall A"


def _agenda_data(event, starts_at):
    start = timezone.localtime(event.start, timezone.get_fixed_timezone(300))
    return _event_data(
        start=start.strftime("%Y-%m-%dT%H:%M"),
        end=(start + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
        **{
            "agenda-TOTAL_FORMS": "1",
            "agenda-0-starts_at": starts_at.strftime("%Y-%m-%dT%H:%M"),
            "agenda-0-title_en": "Keynote",
        },
    )


def test_an_agenda_item_after_the_event_is_refused(client, coordinator, make_event):
    event = make_event()
    client.force_login(coordinator)
    three_days_later = timezone.localtime(event.start, timezone.get_fixed_timezone(300)) + (
        timedelta(days=3)
    )
    response = client.post(
        reverse("events:edit", args=[event.pk]), _agenda_data(event, three_days_later)
    )
    assert response.status_code == 200
    (errors,) = [form.errors for form in response.context["agenda"].forms if form.errors]
    assert errors["starts_at"][0].startswith("An agenda item must start within the event: from ")
    assert not AgendaItem.objects.exists()


def test_an_agenda_item_before_the_event_is_refused_in_the_users_language(
    client, coordinator, make_event
):
    coordinator.preferred_language = "ru"
    coordinator.save()
    event = make_event()
    client.force_login(coordinator)
    before = timezone.localtime(event.start, timezone.get_fixed_timezone(300)) - timedelta(hours=1)
    with translation.override("en"):
        path = reverse("events:edit", args=[event.pk])
    response = client.post(f"/ru{path}", _agenda_data(event, before))
    (errors,) = [form.errors for form in response.context["agenda"].forms if form.errors]
    with translation.override("ru"):
        expected = translation.gettext(
            "An agenda item must start within the event: from %(start)s to before %(end)s."
        ).split("%(start)s")[0]
    assert errors["starts_at"][0].startswith(expected)
    assert not AgendaItem.objects.exists()


def test_agenda_items_within_a_new_event_are_saved(client, coordinator):
    client.force_login(coordinator)
    data = _event_data()
    data.update({
        "agenda-TOTAL_FORMS": "2",
        "agenda-0-starts_at": data["start"], "agenda-0-title_en": "Opening",
        "agenda-1-starts_at": data["end"], "agenda-1-title_en": "At the very end",
    })  # fmt: skip
    response = client.post(reverse("events:create"), data)
    (errors,) = [form.errors for form in response.context["agenda"].forms if form.errors]
    assert list(errors) == ["starts_at"]  # an item may not start as the event ends
    data["agenda-TOTAL_FORMS"] = "1"
    response = client.post(reverse("events:create"), data)
    assert response.status_code == 302
    assert list(AgendaItem.objects.values_list("title_en", flat=True)) == ["Opening"]


def test_series_across_month_ends():
    starts = monthly_starts(
        first_month=date(2027, 1, 1), ordinal="last", day_of_week=4, at=time(10),
        zone="Asia/Almaty", count=3,
    )  # fmt: skip
    assert [s.date() for s in starts] == [date(2027, 1, 29), date(2027, 2, 26), date(2027, 3, 26)]
    assert {s.hour for s in starts} == {10}


def test_series_generator_previews_then_creates_drafts(client, coordinator):
    series = EventSeries.objects.create(name_en="UNECE webinars", slug="unece")
    client.force_login(coordinator)
    data = {
        "series": series.pk, "title_en": "Webinar", "ordinal": "1", "day_of_week": "1",
        "at": "10:00", "time_zone": "Asia/Almaty", "duration": "90", "count": "6",
        "first_month": f"{timezone.now().year + 1}-01-01",
    }  # fmt: skip
    preview = client.post(reverse("events:series_generate"), data)
    assert len(preview.context["starts"]) == 6
    assert not Event.objects.exists()
    client.post(reverse("events:series_generate"), {**data, "confirm": "1"})
    events = list(Event.objects.order_by("start"))
    assert [
        e.start.astimezone(timezone.get_fixed_timezone(300)).strftime("%a %H:%M") for e in events
    ] == ["Tue 10:00"] * 6
    assert {e.status for e in events} == {"draft"}
    assert events[0].start.day <= 7


@pytest.fixture
def rotation(db):
    members = []
    for position, (name, country, capacity) in enumerate(
        [
            ("Almaty U", "KZ", 300),
            ("Tashkent U", "UZ", 100),
            ("Bishkek U", "KG", 500),
            ("Astana U", "KZ", 400),
        ],
        start=1,
    ):
        university = UniversityFactory(name_en=name, country=country)
        members.append(
            RotationMember.objects.create(
                university=university, position=position, venue_capacity=capacity
            )
        )
    return members


def _names(proposal):
    return proposal.member.university.name_en if proposal.member else None


def test_rotation_follows_order_and_skips_small_venues_and_blackouts(rotation):
    start = date.today() + timedelta(days=100)
    assert _names(propose(start=start, end=start, attendance=50)) == "Almaty U"
    HostingRecord.objects.create(cycle=1, university=rotation[0].university, outcome="hosted")
    # Tashkent's venue is too small for 200; Astana is the same country as the last host.
    assert _names(propose(start=start, end=start, attendance=200)) == "Bishkek U"
    rotation[2].blackout_dates = f"{start.isoformat()}..{(start + timedelta(days=3)).isoformat()}"
    rotation[2].save()
    assert _names(propose(start=start, end=start, attendance=200)) is None


def test_rotation_prefers_the_country_that_hosted_least_recently(rotation):
    start = date.today() + timedelta(days=100)
    HostingRecord.objects.create(cycle=1, university=rotation[1].university, outcome="hosted",
                                 decided_at=timezone.now() - timedelta(days=400))  # fmt: skip
    HostingRecord.objects.create(cycle=1, university=rotation[2].university, outcome="hosted")
    # Last host: Bishkek (KG). Uzbekistan hosted; Kazakhstan never did: Kazakhstan first.
    # Astana comes before Almaty in rotation order after Bishkek.
    assert _names(propose(start=start, end=start, attendance=None)) == "Astana U"


def test_confirming_creates_the_draft_conference_and_emails_host_staff(
    client, coordinator, rotation, django_capture_on_commit_callbacks
):
    staff = UniversityMembershipFactory(university=rotation[0].university).user
    client.force_login(coordinator)
    start = (date.today() + timedelta(days=120)).isoformat()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("events:rotation_decide"),
            {
                "member": rotation[0].pk,
                "decision": "confirm",
                "start": start,
                "days": "2",
                "attendance": "120",
            },
        )
    event = Event.objects.get()
    assert (event.host, event.status, event.kind) == (rotation[0].university, "draft", "conference")
    assert HostingRecord.objects.get().outcome == "hosted"
    assert [m.to for m in mail.outbox] == [[staff.email]]


def test_declining_moves_to_the_next_proposal(client, coordinator, rotation):
    client.force_login(coordinator)
    start = date.today() + timedelta(days=120)
    client.post(
        reverse("events:rotation_decide"),
        {"member": rotation[0].pk, "decision": "decline", "start": start.isoformat(), "days": "2"},
    )
    assert HostingRecord.objects.get().outcome == "declined"
    assert _names(propose(start=start, end=start, attendance=None)) == "Tashkent U"


@pytest.mark.parametrize(
    "role", ["student", "partner", "other_staff", "staff_editor", "coordinator"]
)
def test_rotation_venue_details_are_kept_by_that_universitys_staff(login, role, rotation, request):
    member = rotation[0]
    UniversityMembershipFactory(
        university=member.university, user=request.getfixturevalue("staff_editor")
    ) if role == "staff_editor" else None
    response = login(role).get(reverse("events:rotation_member", args=[member.university.slug]))
    assert response.status_code == (200 if role in {"staff_editor", "coordinator"} else 403)


def test_bad_blackout_dates_are_explained(client, coordinator, rotation):
    client.force_login(coordinator)
    response = client.post(
        reverse("events:rotation_member", args=[rotation[0].university.slug]),
        {"venue_capacity": "100", "blackout_dates": "next summer"},
    )
    assert "is not a date or a period" in response.content.decode()


def test_agenda_speakers_with_accounts_are_reminded_without_taking_a_place(
    client, coordinator, student, make_event
):
    event = make_event(capacity_online=1)
    client.force_login(coordinator)
    start = timezone.localtime(event.start, timezone.get_fixed_timezone(300))
    data = _event_data(
        start=start.strftime("%Y-%m-%dT%H:%M"),
        end=(start + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
        **{
            "agenda-TOTAL_FORMS": "1",
            "agenda-0-starts_at": start.strftime("%Y-%m-%dT%H:%M"),
            "agenda-0-title_en": "Keynote",
            "agenda-0-speakers": "Dr A. Speaker, UNECE",
            "agenda-0-speaker_emails": student.email.upper(),
        },
    )
    response = client.post(reverse("events:edit", args=[event.pk]), data)
    assert response.status_code == 302
    speaker = Registration.objects.get(user=student)
    assert (speaker.is_speaker, speaker.status) == (True, "confirmed")
    other = UniversityMembershipFactory().user
    assert (
        services.registration_create(event=event, user=other, mode="online").status == "confirmed"
    )
    outbox.send_due()  # the confirmation of the one who registered
    mail.outbox.clear()
    OutboxMessage.objects.filter(template=reminders.REMINDER, key__endswith=":60").update(
        due_at=timezone.now()
    )
    outbox.send_due()
    assert sorted(m.to[0] for m in mail.outbox) == sorted([student.email, other.email])


def test_unknown_speaker_email_is_refused(client, coordinator, make_event):
    event = make_event()
    client.force_login(coordinator)
    start = timezone.localtime(event.start, timezone.get_fixed_timezone(300))
    data = _event_data(
        start=start.strftime("%Y-%m-%dT%H:%M"),
        end=(start + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
        **{
            "agenda-TOTAL_FORMS": "1",
            "agenda-0-starts_at": start.strftime("%Y-%m-%dT%H:%M"),
            "agenda-0-title_en": "Keynote",
            "agenda-0-speaker_emails": "nobody@example.org",
        },
    )
    response = client.post(reverse("events:edit", args=[event.pk]), data)
    assert "No account uses nobody@example.org." in response.content.decode()


def test_coordinator_creates_a_series_then_generates_it(client, coordinator):
    client.force_login(coordinator)
    response = client.post(
        reverse("events:series_create"),
        {"name_en": "Monthly energy webinars", "organiser": "UNECE", "time_zone": "Asia/Almaty",
         "reminder_offsets": "[1440, 30]"},
    )  # fmt: skip
    assert response.url == reverse("events:series_generate")
    series = EventSeries.objects.get()
    assert (series.slug, series.reminder_offsets) == ("monthly-energy-webinars", [1440, 30])


def test_student_chooses_the_alarm_of_the_private_feed(client, student):
    client.force_login(student)
    client.post(reverse("events:mine"), {"alarm_minutes": "30"})
    assert CalendarToken.objects.get(user=student).alarm_minutes == 30
    response = client.post(reverse("events:mine"), {"alarm_minutes": "0"})
    assert "Choose between 1 minute and 7 days" in response.content.decode()


def test_home_and_dashboard_show_events(client, coordinator, make_event):
    make_event("Next webinar")
    assert "Next webinar" in client.get("/").content.decode()
    client.force_login(coordinator)
    assert client.get(reverse("insights:coordination")).context["counts"]["upcoming_events"] == 1
