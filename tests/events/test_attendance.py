"""Attendance: the personal join link, the video platform's attendance file, the
check-in on site and the registration's QR code."""

import json
import threading
from datetime import timedelta

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from core import outbox
from events import attendance, services
from events.models import Registration
from tests.factories import UniversityMembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

ZOOM = (
    "Name (original name),User Email,Join time,Leave time,Duration (Minutes),Guest\n"
    "Aigerim Bekova,aigerim@example.org,10:00,10:40,40,No\n"
    "Aigerim (phone),AIGERIM@example.org,10:41,11:00,19,No\n"
    "Guest Walker,walker@example.net,10:05,10:20,15,Yes\n"
)
RUSSIAN = (
    "Имя;Эл. почта;Продолжительность (минуты)\n"
    "Айгерим Бекова;aigerim@example.org;40\n"
    "Айгерим Бекова;aigerim@example.org;19\n"
)


@pytest.fixture
def webinar(make_event, university):
    return make_event(host=university, start=timezone.now() + timedelta(minutes=10))


@pytest.fixture
def aigerim(webinar):
    user = UserFactory(email="Aigerim@Example.org", full_name="Aigerim Bekova")
    return services.registration_create(event=webinar, user=user, mode="online")


@pytest.fixture
def conference(make_event, university):
    return make_event("Regional conference", format="hybrid", host=university, venue="Main hall")


def _on_site(event, **user):
    return services.registration_create(event=event, user=UserFactory(**user), mode="on_site")


# --- the personal join link --------------------------------------------------------


def test_join_link_records_the_first_click_once_and_redirects(client, aigerim):
    url = reverse("events:join", args=[aigerim.code])

    first = client.get(url)
    aigerim.refresh_from_db()
    joined = aigerim.joined_at
    second = client.get(url)
    aigerim.refresh_from_db()

    assert (first.status_code, first["Location"]) == (302, "https://meet.example.org/secret-room")
    assert (second.status_code, second["Location"]) == (302, "https://meet.example.org/secret-room")
    assert joined is not None
    assert aigerim.joined_at == joined


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_join_link_clicked_at_once_counts_once(make_event):
    event = make_event(start=timezone.now() + timedelta(minutes=5))
    registration = services.registration_create(event=event, user=UserFactory(), mode="online")
    firsts: list[bool] = []
    barrier = threading.Barrier(4)

    def click():
        barrier.wait()
        firsts.append(attendance.registration_join(registration=registration))
        connection.close()

    threads = [threading.Thread(target=click) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(firsts) == [False, False, False, True]


def test_join_link_before_the_window_says_when_it_opens(client, make_event, student):
    event = make_event(start=timezone.now() + timedelta(days=2))
    registration = services.registration_create(event=event, user=student, mode="online")

    response = client.get(reverse("events:join", args=[registration.code]))

    registration.refresh_from_db()
    assert response.status_code == 200
    assert "The online room is not open yet" in response.content.decode()
    assert registration.joined_at is None


@pytest.mark.parametrize("code", ["NOSUCHCD", "cancelled"])
def test_join_link_of_an_unknown_or_cancelled_code_is_a_clear_404(client, aigerim, code):
    if code == "cancelled":
        services.registration_cancel(registration=aigerim)
        code = aigerim.code

    response = client.get(reverse("events:join", args=[code]))

    assert response.status_code == 404
    assert "This join link does not work" in response.content.decode()


def test_my_events_gives_the_personal_join_link_not_the_room(client, aigerim):
    client.force_login(aigerim.user)

    page = client.get(reverse("events:mine")).content.decode()

    assert "http://testserver" + reverse("events:join", args=[aigerim.code]) in page
    assert "secret-room" not in page


def test_the_confirmation_email_gives_the_personal_join_link(aigerim):
    outbox.send_due()

    (message,) = mail.outbox
    assert "http://testserver" + reverse("events:join", args=[aigerim.code]) in message.body
    assert "secret-room" not in message.body


# --- the QR code on site -----------------------------------------------------------


def test_on_site_confirmation_has_the_qr_code_and_the_code(conference):
    registration = _on_site(conference)

    outbox.send_due()

    (message,) = mail.outbox
    assert [a[0] for a in message.attachments] == ["event.ics", f"check-in-{registration.code}.png"]
    assert message.attachments[1][1].startswith(b"\x89PNG")
    assert f"Your check-in code: {registration.code}" in message.body


def test_my_events_shows_the_qr_code_of_an_on_site_registration(client, conference):
    registration = _on_site(conference)
    client.force_login(registration.user)

    page = client.get(reverse("events:mine")).content.decode()
    image = client.get(reverse("events:registration_qr", args=[registration.code]))

    assert reverse("events:registration_qr", args=[registration.code]) in page
    assert registration.code in page
    assert image["Content-Type"] == "image/svg+xml"
    assert image.content.startswith(b"<svg")


def test_the_qr_code_of_someone_elses_registration_is_not_found(client, conference, student):
    registration = _on_site(conference)
    client.force_login(student)

    response = client.get(reverse("events:registration_qr", args=[registration.code]))

    assert response.status_code == 404


# --- the attendance file ---------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        ZOOM.encode(),
        b"\xef\xbb\xbf" + ZOOM.encode(),
        ZOOM.replace(",", ";").encode("cp1251"),
        RUSSIAN.encode("cp1251"),
        b"\xef\xbb\xbf" + RUSSIAN.encode(),
    ],
    ids=["utf-8", "bom", "cp1251-semicolons", "russian-cp1251", "russian-bom"],
)
def test_attendance_file_sums_the_rows_of_one_email(data):
    rows = attendance.read_attendance_file(data)

    assert rows[0].email == "aigerim@example.org"
    assert rows[0].minutes == 59


def test_attendance_file_reads_teams_durations_after_its_summary():
    text = (
        "1. Summary\nMeeting title\tHydrogen webinar\n\n2. Participants\n"
        "Name\tFirst Join\tLast Leave\tIn-Meeting Duration\tEmail\tRole\n"
        "Aigerim Bekova\t10:00\t11:05\t1h 5m 30s\taigerim@example.org\tAttendee\n"
    )

    rows = attendance.read_attendance_file(text.encode("utf-16"))

    assert rows == [attendance.AttendanceRow("Aigerim Bekova", "aigerim@example.org", 66)]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "The file is empty."),
        (b"\n\n", "The file is empty."),
        (
            b"PK\x03\x04\x00\x00binary",
            "This file is not text: upload the attendance list as a CSV file.",
        ),
        (b"a" * (2 * 1024 * 1024 + 1), "The file is over 2 MB: upload the attendance list alone."),
        (
            b"Topic,Start\nWebinar,10:00\n",
            "The file's columns (\u201cTopic\u201d, \u201cStart\u201d) are not those of an "
            "attendance list: it needs a name, an e-mail and a duration column, such as "
            "\u201cName (original name), User Email, Duration (Minutes)\u201d.",
        ),
        (b"Email,Duration\na@example.org,soon\n", "Row 2: \u201csoon\u201d is not a duration."),
    ],
    ids=["empty", "blank", "binary", "too-large", "unknown-columns", "bad-duration"],
)
def test_attendance_file_errors_say_what_is_wrong(data, message):
    with pytest.raises(attendance.AttendanceFileError) as error:
        attendance.read_attendance_file(data)

    assert str(error.value) == message


def _upload(client, event, text, name="participants.csv"):
    file = SimpleUploadedFile(name, text if isinstance(text, bytes) else text.encode())
    return client.post(reverse("events:attendance_upload", args=[event.pk]), {"file": file})


def test_preview_writes_nothing_and_confirm_writes_the_matched_minutes(
    client, webinar, aigerim, staff_editor
):
    client.force_login(staff_editor)

    preview = _upload(client, webinar, ZOOM)
    aigerim.refresh_from_db()
    minutes_after_preview = aigerim.online_minutes
    (matched,) = preview.context["preview"].matched
    (unmatched,) = preview.context["preview"].unmatched
    confirm = client.post(
        reverse("events:attendance_confirm", args=[webinar.pk]),
        {"payload": preview.context["payload"]},
    )
    aigerim.refresh_from_db()

    assert preview.status_code == 200
    assert minutes_after_preview is None
    assert (matched.registration, matched.row.minutes) == (aigerim, 59)
    assert (unmatched.email, unmatched.minutes) == ("walker@example.net", 15)
    assert "walker@example.net" in preview.content.decode()
    assert confirm.status_code == 302
    assert aigerim.online_minutes == 59


def test_a_preview_of_another_event_is_refused(client, webinar, aigerim, make_event, coordinator):
    other = make_event("Another webinar")
    client.force_login(coordinator)
    preview = _upload(client, webinar, ZOOM)

    response = client.post(
        reverse("events:attendance_confirm", args=[other.pk]),
        {"payload": preview.context["payload"]},
        follow=True,
    )

    aigerim.refresh_from_db()
    assert aigerim.online_minutes is None
    assert "This preview has expired; upload the file again." in response.content.decode()


def test_upload_with_unknown_columns_names_them(client, webinar, staff_editor):
    client.force_login(staff_editor)

    response = _upload(client, webinar, "Topic;Start\nWebinar;10:00\n")

    page = response.content.decode()
    assert response.status_code == 200
    assert "The file&#x27;s columns (“Topic”, “Start”) are not those" in page
    assert "preview" not in response.context


@pytest.mark.parametrize("count", [1, 3])
def test_the_preview_query_count_does_not_grow_with_the_rows(
    client, webinar, coordinator, django_assert_num_queries, count
):
    lines = ["Name,Email,Duration"]
    for i in range(count):
        user = UserFactory(email=f"p{i}@example.org")
        services.registration_create(event=webinar, user=user, mode="online")
        lines.append(f"P {i},p{i}@example.org,{10 + i}")
    client.force_login(coordinator)

    # 1 the user with whether they are a coordinator and their memberships (one round
    # trip; the rule), 2 the event, 3 the event's confirmed registrations with their
    # users, 4 the base page's "is there demo data" check.
    with django_assert_num_queries(4):
        response = _upload(client, webinar, "\n".join(lines))

    assert len(response.context["preview"].matched) == count


# --- the check-in -------------------------------------------------------------------


def _record(client, event, code, **headers):
    return client.post(
        reverse("events:check_in_record", args=[event.pk]),
        {"code": code},
        headers={"Accept": "application/json", **headers},
    )


def test_check_in_counts_a_person_once(client, conference, staff_editor):
    registration = _on_site(conference, full_name="Aigerim Bekova")
    client.force_login(staff_editor)

    first = _record(client, conference, registration.code.lower()).json()
    registration.refresh_from_db()
    at = registration.checked_in_at
    second = _record(client, conference, registration.code).json()
    registration.refresh_from_db()

    assert first == {
        "status": "checked_in",
        "name": "Aigerim Bekova",
        "message": "Aigerim Bekova is checked in. Welcome!",
        "checked_in": 1,
        "registered": 1,
    }
    assert second["status"] == "already"
    assert second["message"].startswith("Aigerim Bekova was already checked in at ")
    assert registration.checked_in_at == at


def test_check_in_refuses_a_code_of_another_event(client, conference, make_event, university):
    other = make_event("Summer school", format="on_site", host=university, venue="Hall B",
                       start=timezone.now() + timedelta(days=20))  # fmt: skip
    registration = _on_site(other, full_name="Bakhtiyor Saidov")
    client.force_login(UniversityMembershipFactory(university=university).user)

    answer = _record(client, conference, registration.code).json()

    registration.refresh_from_db()
    assert answer["status"] == "other_event"
    assert answer["message"] == (
        "This code is for another event: Bakhtiyor Saidov is not registered for this one."
    )
    assert registration.checked_in_at is None


@pytest.mark.parametrize("state", ["unknown", "cancelled", "waitlisted"])
def test_check_in_refuses_an_unknown_code(client, conference, coordinator, state):
    code = "ZZZZZZZZ"
    if state != "unknown":
        registration = _on_site(conference)
        Registration.objects.filter(pk=registration.pk).update(status=state)
        code = registration.code
    client.force_login(coordinator)

    answer = _record(client, conference, code).json()

    assert answer["status"] == "unknown"
    assert answer["message"] == (
        "No confirmed registration for this event has this code. Check it and try again."
    )


def test_check_in_without_javascript_is_a_form_with_a_message(client, conference, coordinator):
    registration = _on_site(conference, full_name="Aigerim Bekova")
    client.force_login(coordinator)

    response = client.post(
        reverse("events:check_in_record", args=[conference.pk]),
        {"code": registration.code},
        follow=True,
    )

    page = response.content.decode()
    assert response.redirect_chain == [(reverse("events:check_in", args=[conference.pk]), 302)]
    assert "Aigerim Bekova is checked in. Welcome!" in page
    assert "1 checked in of 1 registered on site" in page


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 302),
        ("student", 403),
        ("other_staff", 403),
        ("partner", 403),
        ("staff_editor", 200),
        ("coordinator", 200),
    ],
)
def test_only_the_hosts_staff_and_coordinators_check_in_and_upload(login, conference, role, status):
    registration = _on_site(conference)
    client = login(role)

    pages = [
        client.get(reverse(name, args=[conference.pk])).status_code
        for name in ("events:check_in", "events:attendance_upload")
    ]
    record = _record(client, conference, registration.code)

    registration.refresh_from_db()
    assert pages == [status, status]
    assert record.status_code == status
    assert (registration.checked_in_at is not None) == (status == 200)


def test_a_registrant_cannot_check_themselves_in(client, conference):
    registration = _on_site(conference)
    client.force_login(registration.user)

    response = _record(client, conference, registration.code)

    registration.refresh_from_db()
    assert response.status_code == 403
    assert registration.checked_in_at is None


def test_the_check_in_page_shows_the_count_and_the_scanner(client, conference, coordinator):
    first = _on_site(conference)
    _on_site(conference)
    attendance.registration_check_in(event=conference, code=first.code)
    client.force_login(coordinator)

    page = client.get(reverse("events:check_in", args=[conference.pk])).content.decode()

    assert "1 checked in of 2 registered on site" in page
    assert "vendor/jsqr/jsQR" in page
    assert 'id="checkin-texts"' in page
    assert (
        json.loads(page.split('id="checkin-texts" type="application/json">')[1].split("<")[0])[
            "count"
        ]
        == "%(checked_in)s checked in of %(registered)s registered on site"
    )


def test_attendance_file_skips_zooms_meeting_summary():
    text = (
        "Meeting ID,Topic,Start Time,End Time,User Email,Duration (Minutes),Participants\n"
        "812 3456,Hydrogen webinar,10:00,11:00,host@example.org,60,2\n"
        "\n"
        "Name (Original Name),User Email,Total Duration (Minutes),Guest\n"
        "Aigerim Bekova,aigerim@example.org,58,No\n"
    )

    rows = attendance.read_attendance_file(text.encode())

    assert rows == [attendance.AttendanceRow("Aigerim Bekova", "aigerim@example.org", 58)]


def test_attendance_file_joins_meets_first_and_last_names():
    text = "Имя,Фамилия,Эл. почта,Продолжительность\nАйгерим,Бекова,aigerim@example.org,1:05:00\n"

    rows = attendance.read_attendance_file(text.encode("cp1251"))

    assert rows == [attendance.AttendanceRow("Айгерим Бекова", "aigerim@example.org", 65)]
