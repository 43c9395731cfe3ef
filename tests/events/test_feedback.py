"""After and around the event: feedback and its results, live now, calendar links."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from core import outbox
from events import feedback, reminders, services
from events.models import Feedback, Registration
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def past_event(make_event):
    """An event that ended an hour ago."""
    start = timezone.now() - timedelta(hours=2)
    return make_event(start=start, end=start + timedelta(hours=1))


def _registered(event, user, status="confirmed"):
    return Registration.objects.create(event=event, user=user, mode="online", status=status)


# --- calendar links and live now ----------------------------------------------------


def test_calendar_links_carry_the_event_in_utc(make_event, settings):
    event = make_event(
        title="Solar & wind: a review",
        start=datetime(2027, 3, 4, 5, 0, tzinfo=UTC),
        end=datetime(2027, 3, 4, 6, 30, tzinfo=UTC),
        description_en="Hybrid session",
    )
    links = feedback.calendar_links(event)
    page = f"{settings.SITE_URL}/events/{event.pk}/".replace(":", "%3A").replace("/", "%2F")
    assert links.google == (
        "https://calendar.google.com/calendar/render?action=TEMPLATE"
        "&text=Solar%20%26%20wind%3A%20a%20review"
        "&dates=20270304T050000Z%2F20270304T063000Z"
        f"&details=Hybrid%20session%0A%0A{page}"
        "&location=Online"
    )
    assert links.outlook == (
        "https://outlook.live.com/calendar/0/deeplink/compose"
        "?subject=Solar%20%26%20wind%3A%20a%20review"
        "&startdt=2027-03-04T05%3A00%3A00Z&enddt=2027-03-04T06%3A30%3A00Z"
        f"&body=Hybrid%20session%0A%0A{page}"
        "&location=Online"
    )


def test_calendar_links_give_the_venue_of_an_on_site_event(make_event, university):
    event = make_event(format="on_site", host=university, venue="Hall A, Almaty")
    assert "&location=Hall%20A%2C%20Almaty" in feedback.calendar_links(event).google
    assert "secret-room" not in feedback.calendar_links(event).outlook  # never the join link


def test_an_event_is_live_between_its_start_and_end(make_event):
    now = timezone.now()
    event = make_event(start=now - timedelta(minutes=10), end=now + timedelta(minutes=50))
    assert feedback.is_live(event, now=now) is True
    assert feedback.is_live(event, now=now + timedelta(hours=1)) is False
    assert feedback.is_live(event, now=now - timedelta(minutes=11)) is False


# --- feedback -----------------------------------------------------------------------


def test_feedback_is_saved_once_and_editable(past_event, student):
    registration = _registered(past_event, student)
    feedback.feedback_save(registration=registration, rating=4, comments=" Useful ")
    feedback.feedback_save(registration=registration, rating=5, comments="Very useful")
    assert list(Feedback.objects.values_list("rating", "comments")) == [(5, "Very useful")]


def test_feedback_opens_at_the_end_and_closes_after_thirty_days(make_event, student):
    event = make_event()
    registration = _registered(event, student)
    with pytest.raises(feedback.FeedbackError, match="opens when the event ends"):
        feedback.feedback_save(registration=registration, rating=3, comments="")
    late = event.end + timedelta(days=30, minutes=1)
    with pytest.raises(feedback.FeedbackError, match="closed 30 days after"):
        feedback.feedback_save(registration=registration, rating=3, comments="", now=late)
    assert not Feedback.objects.exists()


def test_the_form_page_saves_a_rating_and_comments(client, past_event, student):
    _registered(past_event, student)
    client.force_login(student)
    url = reverse("events:feedback", args=[past_event.pk])
    assert "Your rating" in client.get(url).content.decode()
    response = client.post(url, {"rating": "4", "comments": "Clear slides"})
    assert response.status_code == 302
    assert list(Feedback.objects.values_list("rating", "comments")) == [(4, "Clear slides")]


def test_a_missing_rating_is_refused_with_a_message(client, past_event, student):
    _registered(past_event, student)
    client.force_login(student)
    response = client.post(
        reverse("events:feedback", args=[past_event.pk]), {"rating": "", "comments": "x"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Choose a rating from 1 to 5." in html
    assert "nothing has been saved" in html
    assert not Feedback.objects.exists()


def test_comments_longer_than_4000_characters_are_refused(client, past_event, student):
    _registered(past_event, student)
    client.force_login(student)
    client.post(
        reverse("events:feedback", args=[past_event.pk]), {"rating": "3", "comments": "x" * 4001}
    )
    assert not Feedback.objects.exists()


def test_only_confirmed_registrants_give_feedback(client, past_event, student):
    _registered(past_event, student, status="waitlisted")
    client.force_login(student)
    assert client.get(reverse("events:feedback", args=[past_event.pk])).status_code == 403


def test_the_follow_up_links_to_the_feedback_form(make_event, student, settings):
    start = timezone.now() - timedelta(hours=4)
    event = make_event(
        start=start, end=start + timedelta(hours=1), recording_url="https://video.example.org/1"
    )
    registration = _registered(event, student)
    reminders.enqueue_follow_up(registration)
    outbox.send_due()
    assert [m.subject for m in mail.outbox] == ["Materials of Green hydrogen webinar"]
    assert f"{settings.SITE_URL}/events/{event.pk}/feedback/" in mail.outbox[0].body


def test_results_count_average_distribution_and_comments(past_event):
    for rating, comments in [(5, "Great"), (4, ""), (4, "Good pace")]:
        registration = _registered(past_event, UserFactory())
        feedback.feedback_save(registration=registration, rating=rating, comments=comments)
    results = feedback.feedback_results(past_event)
    assert (results.count, results.average) == (3, 4.3)
    assert results.distribution == [(5, 1, 33), (4, 2, 67), (3, 0, 0), (2, 0, 0), (1, 0, 0)]
    assert [item.comments for item in results.comments] == ["Good pace", "Great"]


@pytest.mark.parametrize("answers", [1, 3])
def test_results_page_query_count(
    client, past_event, coordinator, answers, django_assert_num_queries
):
    for n in range(answers):
        registration = _registered(past_event, UserFactory())
        feedback.feedback_save(registration=registration, rating=5, comments=f"Comment {n}")
    client.force_login(coordinator)
    url = reverse("events:feedback_results", args=[past_event.pk])
    # The user with whether they are a coordinator and their memberships (one round
    # trip; the coordinator's rule); the event; the ratings by count; the comments; the
    # base page's demo-data banner.
    with django_assert_num_queries(5):
        response = client.get(url)
    assert response.status_code == 200
    assert response.content.decode().count("Comment ") == answers


def test_results_are_for_coordinators_and_the_hosts_staff(
    client, past_event, student, staff_editor, university
):
    past_event.host = university
    past_event.save()
    url = reverse("events:feedback_results", args=[past_event.pk])
    client.force_login(student)
    assert client.get(url).status_code == 403
    client.force_login(staff_editor)
    assert client.get(url).status_code == 200


def test_cancelled_registration_cannot_give_feedback(past_event, student):
    registration = _registered(past_event, student)
    Registration.objects.filter(pk=registration.pk).update(status="cancelled")
    with pytest.raises(feedback.FeedbackError, match="Only confirmed participants"):
        feedback.feedback_save(registration=registration, rating=5, comments="")


def test_registration_cancel_keeps_working_after_the_event(past_event, student):
    registration = _registered(past_event, student)
    assert services.registration_cancel(registration=registration) is None
