"""The speakers' slides (uploaded after acceptance, replaced, removed, served once the
timetable is public), the contribution's own file, the library's listing of a past
conference's slides, and the industry challenge on a need's page."""

from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from core.phrases import NOTHING_SAVED
from events.models import Event
from industry.models import SkillNeed
from programme import services
from programme.models import Call, Contribution
from tests.events.pdfs import stream_pdf, table_pdf
from tests.factories import CoordinatorFactory, OrganisationMembershipFactory, UserFactory
from tests.programme.timetable_world import build_conference, conference  # noqa: F401

pytestmark = pytest.mark.django_db


def _messages(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def upload_url(contribution):
    return reverse("programme:slides_upload", kwargs={"pk": contribution.pk})


def slides_url(contribution):
    return reverse("programme:slides_file", kwargs={"pk": contribution.pk})


def file_url(contribution):
    return reverse("programme:contribution_file", kwargs={"pk": contribution.pk})


def pdf(content=None, name="my talk.pdf"):
    return SimpleUploadedFile(name, table_pdf() if content is None else content, "application/pdf")


def _upload(client, contribution, upload, token=""):
    return client.post(upload_url(contribution), {"slides": upload, "submit_token": token})


def _publish(call):
    Call.objects.filter(pk=call.pk).update(timetable_published_at=timezone.now())


def _with_slides(contribution, content=None):
    contribution.slides.save("slides.pdf", ContentFile(content or table_pdf()))
    return contribution


@pytest.fixture
def talk(conference):  # noqa: F811
    return conference.talks[0]


# --- uploading, replacing, removing -----------------------------------------------------


def test_speaker_uploads_a_pdf(client, talk):
    client.force_login(talk.submitter)

    response = _upload(client, talk, pdf())

    assert response.status_code == 302
    assert response["Location"] == talk.get_absolute_url()
    assert _messages(response) == ["The slides have been uploaded."]
    talk.refresh_from_db()
    assert talk.slides.name.startswith("slides/contributions/")
    assert "my talk" not in talk.slides.name
    with talk.slides.open("rb") as stored:
        assert stored.read() == table_pdf()


def test_coauthor_with_an_account_and_committee_may_upload(client, conference, talk):  # noqa: F811
    coauthor = UserFactory()
    talk.coauthor_accounts.add(coauthor)
    for user in (coauthor, CoordinatorFactory()):
        client.force_login(user)
        assert client.get(upload_url(talk)).status_code == 200


def test_others_get_404_and_visitors_sign_in(client, talk, student):
    assert client.get(upload_url(talk)).status_code == 302
    client.force_login(student)
    assert client.get(upload_url(talk)).status_code == 404
    assert _upload(client, talk, pdf()).status_code == 404
    talk.refresh_from_db()
    assert not talk.slides


def test_a_fake_pdf_is_refused_and_nothing_saved(client, talk, settings):
    client.force_login(talk.submitter)
    fake = pdf(b"%PDF-1.4\n<html>not really</html>\n%%EOF")

    response = _upload(client, talk, fake)

    assert response.status_code == 200
    assert response.context["form"].errors["slides"] == ["This file is not a PDF."]
    assert _messages(response) == [str(NOTHING_SAVED)]
    talk.refresh_from_db()
    assert not talk.slides
    assert not (settings.MEDIA_ROOT / "slides").exists()


def test_a_file_over_the_limit_is_refused(client, talk, monkeypatch):
    monkeypatch.setattr("programme.slides_forms.MAX_FILE_BYTES", 100)
    client.force_login(talk.submitter)

    response = _upload(client, talk, pdf())

    assert response.status_code == 200
    assert response.context["form"].errors["slides"] == [
        f"The file is {len(table_pdf())}\xa0bytes; the largest accepted is 100\xa0bytes."
    ]
    talk.refresh_from_db()
    assert not talk.slides


def test_slides_are_refused_before_acceptance(client, talk):
    Contribution.objects.filter(pk=talk.pk).update(state=Contribution.State.SUBMITTED)
    client.force_login(talk.submitter)

    shown = client.get(upload_url(talk))
    sent = _upload(client, talk, pdf())

    assert shown.status_code == sent.status_code == 302
    assert sent["Location"] == talk.get_absolute_url()
    assert set(_messages(sent)) == {"Slides are uploaded once a contribution is accepted."}
    talk.refresh_from_db()
    assert not talk.slides


def test_replacing_deletes_the_old_file_after_commit(
    client, talk, django_capture_on_commit_callbacks
):
    _with_slides(talk)
    old = talk.slides.name
    client.force_login(talk.submitter)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = _upload(client, talk, pdf(stream_pdf()))

    assert _messages(response) == ["The slides have been replaced."]
    assert len(callbacks) >= 1
    talk.refresh_from_db()
    assert talk.slides.name != old
    assert not default_storage.exists(old)
    with talk.slides.open("rb") as stored:
        assert stored.read() == stream_pdf()


def test_a_double_submit_saves_once(client, talk):
    client.force_login(talk.submitter)
    _upload(client, talk, pdf(), token="one-token")
    first = Contribution.objects.get(pk=talk.pk).slides.name

    again = _upload(client, talk, pdf(stream_pdf()), token="one-token")

    assert again.status_code == 302
    assert _messages(again)[-1] == "This form had already been sent: it was saved once."
    assert Contribution.objects.get(pk=talk.pk).slides.name == first


def test_remove_deletes_the_slides(client, talk, django_capture_on_commit_callbacks):
    _with_slides(talk)
    old = talk.slides.name
    client.force_login(talk.submitter)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(upload_url(talk), {"action": "remove"})

    assert response.status_code == 302
    assert _messages(response) == ["The slides have been removed."]
    talk.refresh_from_db()
    assert not talk.slides
    assert not default_storage.exists(old)


def test_contribution_page_links_the_slides(client, talk):
    _with_slides(talk)
    client.force_login(talk.submitter)

    page = client.get(talk.get_absolute_url()).content.decode()

    assert upload_url(talk) in page
    assert slides_url(talk) in page
    assert "Replace the slides" in page
    assert "Remove the slides" in page


# --- serving the slides ----------------------------------------------------------------------


def test_slides_are_hidden_from_visitors_before_publication(client, conference, talk):  # noqa: F811
    _with_slides(talk)
    conference.place(talk, 0, 0, 10)

    assert client.get(slides_url(talk)).status_code == 404
    client.force_login(UserFactory())
    assert client.get(slides_url(talk)).status_code == 404


def test_slides_are_public_once_the_timetable_is(client, conference, talk):  # noqa: F811
    _with_slides(talk)
    conference.place(talk, 0, 0, 10)
    _publish(conference.call)

    response = client.get(slides_url(talk))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="talk-0-slides.pdf"'
    assert b"".join(response.streaming_content) == table_pdf()


def test_slides_of_a_draft_event_stay_hidden(client, conference, talk):  # noqa: F811
    _with_slides(talk)
    conference.place(talk, 0, 0, 10)
    _publish(conference.call)
    Event.objects.filter(pk=conference.event.pk).update(status=Event.Status.DRAFT)

    assert client.get(slides_url(talk)).status_code == 404


def test_speakers_always_get_their_slides(client, talk):
    _with_slides(talk)
    client.force_login(talk.submitter)

    assert client.get(slides_url(talk)).status_code == 200


def test_no_slides_is_404(client, talk):
    client.force_login(talk.submitter)
    assert client.get(slides_url(talk)).status_code == 404


# --- the contribution's file ------------------------------------------------------------------


def test_contribution_file_for_authors_and_committee(client, talk, student):
    talk.file.save("paper.pdf", ContentFile(table_pdf()))
    coauthor = UserFactory()
    talk.coauthor_accounts.add(coauthor)

    for user in (talk.submitter, coauthor, CoordinatorFactory()):
        client.force_login(user)
        response = client.get(file_url(talk))
        assert response.status_code == 200
        assert response["Content-Disposition"] == 'attachment; filename="talk-0.pdf"'
        assert b"".join(response.streaming_content) == table_pdf()
    client.force_login(student)
    assert client.get(file_url(talk)).status_code == 404


def test_contribution_file_missing_is_404(client, talk):
    client.force_login(talk.submitter)
    assert client.get(file_url(talk)).status_code == 404


def test_contribution_file_asks_visitors_to_sign_in(client, talk):
    assert client.get(file_url(talk)).status_code == 302


def test_contribution_page_links_its_file(client, talk):
    talk.file.save("paper.pdf", ContentFile(table_pdf()))
    client.force_login(talk.submitter)
    assert file_url(talk) in client.get(talk.get_absolute_url()).content.decode()


# --- the library ---------------------------------------------------------------------------------


def _past(conference):  # noqa: F811
    """Move the conference's days and sessions 60 days back."""
    back = timedelta(days=100)
    event = conference.event
    Event.objects.filter(pk=event.pk).update(start=event.start - back, end=event.end - back)
    for session in conference.call.sessions.all():
        session.starts_at -= back
        session.ends_at -= back
        session.save()


def _past_conference_with_slides(university, count):
    world = build_conference(university, talks=count)
    for n, talk in enumerate(world.talks):
        _with_slides(talk)
        world.place(talk, n % 2, 0, 9 + n)
    world.place(None, 0, 1, 9, title_en="Opening")
    _publish(world.call)
    _past(world)
    return world


def test_library_lists_a_past_conferences_slides(client, university):
    world = _past_conference_with_slides(university, 2)
    talk = world.talks[0]
    talk.coauthors = "Outside Author"
    talk.save()

    response = client.get(reverse("knowledge:library"))

    page = response.content.decode()
    (event,) = response.context["event_materials"]
    assert event == world.event
    assert [entry.title for entry in event.session_slides] == ["Talk 0", "Talk 1"]
    assert event.session_slides[0].speakers == [talk.submitter.display_name, "Outside Author"]
    assert slides_url(talk) in page
    assert talk.session.get_absolute_url() in page


def test_library_leaves_out_unpublished_timetables_and_coming_conferences(client, university):
    world = _past_conference_with_slides(university, 1)
    Call.objects.filter(pk=world.call.pk).update(timetable_published_at=None)
    coming = build_conference(university, talks=1)
    _with_slides(coming.talks[0])
    coming.place(coming.talks[0], 0, 0, 10)
    _publish(coming.call)

    response = client.get(reverse("knowledge:library"))

    assert "event_materials" not in response.context or not response.context["event_materials"]


@pytest.mark.parametrize("count", [1, 3])
def test_library_with_slides_runs_a_fixed_number_of_queries(
    client, university, django_assert_num_queries, count
):
    _past_conference_with_slides(university, count)
    # 1. the paginator's count (no item: no page of items is read); 2. the materials
    # of past events; 3. their sessions with slides, speakers and calls; 4. their
    # co-authors with an account (prefetch); 5. whether demo data is loaded;
    # 6.–8. the filter's choices: themes, universities, organisations
    with django_assert_num_queries(8):
        response = client.get(reverse("knowledge:library"))
    assert len(response.context["event_materials"][0].session_slides) == count


# --- an industry challenge from a need's page ---------------------------------------------------


@pytest.fixture
def open_call(university):
    world = build_conference(university, talks=0)
    Call.objects.filter(pk=world.call.pk).update(closes_at=timezone.now() + timedelta(days=10))
    world.call.refresh_from_db()
    return world.call


@pytest.fixture
def need(organisation):
    return SkillNeed.objects.create(
        organisation=organisation,
        title_en="Grid technicians",
        description_en="We need ten a year.",
        kind=SkillNeed.Kind.HIRING,
        headcount=10,
        country="KZ",
        needed_by=timezone.localdate() + timedelta(days=200),
    )


def _challenge_url(call, need):
    return reverse("programme:challenge", kwargs={"event": call.event_id, "need": need.pk})


def test_need_page_offers_its_organisations_member_to_present_it(client, open_call, need, partner):
    client.force_login(partner)

    page = client.get(need.get_absolute_url()).content.decode()

    assert "Present as an industry challenge" in page
    assert _challenge_url(open_call, need) in page


def test_need_page_offers_nothing_to_others(client, open_call, need, student):
    assert (
        "Present as an industry challenge"
        not in client.get(need.get_absolute_url()).content.decode()
    )
    client.force_login(student)
    page = client.get(need.get_absolute_url()).content.decode()
    assert "Present as an industry challenge" not in page
    assert "Presented at" not in page


def test_need_page_offers_no_closed_call(client, conference, need, partner):  # noqa: F811
    client.force_login(partner)
    assert (
        "Present as an industry challenge"
        not in client.get(need.get_absolute_url()).content.decode()
    )


def test_need_page_says_where_it_was_presented(client, open_call, need, partner, organisation):
    services.challenge_create(call=open_call, need=need, user=partner)
    colleague = OrganisationMembershipFactory(organisation=organisation).user
    client.force_login(colleague)

    page = client.get(need.get_absolute_url()).content.decode()

    assert f"Presented at {open_call.event.title}" in page
    assert "Present as an industry challenge" not in page  # presented once per call
