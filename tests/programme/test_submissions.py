"""Submitting, editing and withdrawing contributions; "my contributions"; industry
challenges presented from needs."""

from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from core.rows import Row
from curricula.models import Skill, SkillLevel
from events.models import Event
from industry.models import NeedSkill, SkillNeed
from programme import services
from programme.models import Call, Contribution, SessionKind
from tests.events.pdfs import table_pdf
from tests.factories import OrganisationMembershipFactory, UniversityMembershipFactory, UserFactory
from universities.models import ResearchArea

pytestmark = pytest.mark.django_db


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


@pytest.fixture
def areas():
    return list(ResearchArea.objects.all()[:2])


@pytest.fixture
def call(conference, areas):
    return services.call_open(
        event=conference,
        values={
            "opens_at": timezone.now() - timedelta(days=1),
            "closes_at": timezone.now() + timedelta(days=30),
            "session_kinds": [SessionKind.TALK, SessionKind.POSTER, SessionKind.CHALLENGE],
        },
        tracks=[
            Row(None, {"name_en": "Smart grids", "theme": areas[0]}),
            Row(None, {"name_en": "Green hydrogen", "theme": areas[1]}),
        ],
        criteria=[],
    )


@pytest.fixture
def skill(areas):
    return Skill.objects.create(
        name_en="Electrolyser operation", slug="electrolyser-operation", theme=areas[1]
    )


def _close(call):
    Call.objects.filter(pk=call.pk).update(closes_at=timezone.now() - timedelta(minutes=1))
    call.refresh_from_db()


def _messages(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def submission(call, **values):
    return {
        "submit_token": "",
        "title": "Hydrogen valleys of the region",
        "abstract": "Where electrolysers could stand.",
        "kind": SessionKind.TALK,
        "track": str(call.tracks.last().pk),
        "language": "en",
        "coauthor_emails": "",
        "coauthors": "",
        "skills": "",
        "acting_for": "",
        **values,
    }


def _submit(client, call, **values):
    return client.post(
        reverse("programme:submit", kwargs={"event": call.event_id}), submission(call, **values)
    )


def test_a_signed_in_user_submits_a_contribution(client, student, call, skill, staff_editor):
    client.force_login(student)

    response = _submit(
        client,
        call,
        coauthor_emails="EDITOR@example.org\n",
        coauthors="Aigerim Nurlanovna\nBakhtiyor Karimov",
        skills="Electrolyser operation",
    )

    contribution = Contribution.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("programme:contribution", kwargs={"pk": contribution.pk})
    assert _messages(response) == ["Your contribution has been submitted."]
    assert (contribution.submitter, contribution.title, contribution.track) == (
        student,
        "Hydrogen valleys of the region",
        call.tracks.last(),
    )
    assert contribution.state == Contribution.State.SUBMITTED
    assert list(contribution.coauthor_accounts.all()) == [staff_editor]
    assert contribution.coauthor_list() == ["Aigerim Nurlanovna", "Bakhtiyor Karimov"]
    assert list(contribution.skills.all()) == [skill]


def test_an_unknown_coauthor_address_is_refused(client, student, call):
    client.force_login(student)

    response = _submit(client, call, coauthor_emails="nobody@example.org")

    assert response.status_code == 200
    assert response.context["form"].errors["coauthor_emails"] == [
        "No account uses the address “nobody@example.org”; name the person among the "
        "co-authors without an account instead."
    ]
    assert Contribution.objects.count() == 0


def test_an_unknown_skill_is_refused(client, student, call):
    client.force_login(student)

    response = _submit(client, call, skills="Underwater basket weaving")

    assert response.context["form"].errors["skills"] == [
        "No skill called “Underwater basket weaving” in the taxonomy."
    ]


def test_a_session_type_the_call_does_not_offer_is_refused(client, student, call):
    client.force_login(student)

    response = _submit(client, call, kind=SessionKind.WORKSHOP)

    assert response.context["form"].errors["kind"] == [
        "Select a valid choice. workshop is not one of the available choices."
    ]
    assert Contribution.objects.count() == 0


def test_a_track_of_another_call_is_refused(client, student, call, university):
    start = timezone.now() + timedelta(days=90)
    other_event = Event.objects.create(
        title_en="Other", kind=Event.Kind.CONFERENCE, format=Event.Format.ON_SITE,
        start=start, end=start + timedelta(days=1), time_zone="UTC",
        status=Event.Status.PUBLISHED,
    )  # fmt: skip
    other = services.call_open(
        event=other_event,
        values={"opens_at": call.opens_at, "closes_at": call.closes_at, "session_kinds": ["talk"]},
        tracks=[Row(None, {"name_en": "Elsewhere"})],
        criteria=[],
    )
    client.force_login(student)

    response = _submit(client, call, track=str(other.tracks.get().pk))

    assert list(response.context["form"].errors) == ["track"]
    assert Contribution.objects.count() == 0


def test_an_abstract_over_4000_characters_is_refused(client, student, call):
    client.force_login(student)

    response = _submit(client, call, abstract="x" * 4001)

    assert response.context["form"].errors["abstract"] == [
        "Ensure this value has at most 4000 characters (it has 4001)."
    ]


def test_one_acts_only_for_an_institution_one_belongs_to(
    client, staff_editor, call, university, other_university
):
    client.force_login(staff_editor)

    refused = _submit(client, call, acting_for=f"university:{other_university.pk}")
    accepted = _submit(client, call, acting_for=f"university:{university.pk}")

    assert list(refused.context["form"].errors) == ["acting_for"]
    assert accepted.status_code == 302
    assert Contribution.objects.get().university == university


def test_the_form_offers_only_the_users_institutions(client, partner, call, organisation):
    client.force_login(partner)

    response = client.get(reverse("programme:submit", kwargs={"event": call.event_id}))

    choices = [value for value, _label in response.context["form"].fields["acting_for"].choices]
    assert choices == ["", f"organisation:{organisation.pk}"]
    assert [v for v, _l in response.context["form"].fields["kind"].choices] == [
        "talk",
        "poster",
        "challenge",
    ]


def test_a_pdf_is_kept_with_the_contribution(client, student, call):
    client.force_login(student)

    _submit(client, call, file=SimpleUploadedFile("paper.pdf", table_pdf(), "application/pdf"))

    contribution = Contribution.objects.get()
    assert contribution.file.name.startswith("contributions/paper")
    with contribution.file.open("rb") as stored:
        assert stored.read() == table_pdf()


def test_a_file_that_is_not_a_pdf_is_refused(client, student, call):
    client.force_login(student)
    fake = SimpleUploadedFile("paper.pdf", b"%PDF-1.4 <html>not really</html>", "application/pdf")

    response = _submit(client, call, file=fake)

    assert response.context["form"].errors["file"] == ["This file is not a PDF document."]
    assert Contribution.objects.count() == 0


def test_a_submission_after_the_deadline_is_refused(client, student, call):
    client.force_login(student)
    _close(call)

    response = _submit(client, call)

    assert response.status_code == 302
    assert response["Location"] == call.get_absolute_url()
    [message] = _messages(response)
    assert message.startswith("The call closed on ")
    assert message.endswith("(Asia/Almaty): contributions are no longer accepted.")
    assert Contribution.objects.count() == 0


def test_the_service_refuses_a_submission_after_the_deadline(student, call):
    values = {"title": "Late", "abstract": "A", "kind": "talk", "track": call.tracks.first()}

    with pytest.raises(services.NotNow):
        services.contribution_submit(
            call=call, submitter=student, values=values, now=call.closes_at
        )

    assert Contribution.objects.count() == 0


def test_the_same_submission_sent_twice_is_saved_once(client, student, call):
    client.force_login(student)

    first = _submit(client, call, submit_token="contribution-token")
    second = _submit(client, call, submit_token="contribution-token")

    assert second["Location"] == first["Location"]
    assert _messages(second) == [
        "Your contribution has been submitted.",
        "This form had already been sent: it was saved once.",
    ]
    assert Contribution.objects.count() == 1


def test_anonymous_visitors_are_asked_to_sign_in_to_submit(client, call):
    url = reverse("programme:submit", kwargs={"event": call.event_id})

    response = client.get(url)

    assert (response.status_code, response["Location"]) == (302, f"/accounts/login/?next={url}")


@pytest.fixture
def contribution(call, student):
    return services.contribution_submit(
        call=call,
        submitter=student,
        values={
            "title": "Hydrogen valleys",
            "abstract": "Where electrolysers could stand.",
            "kind": "talk",
            "track": call.tracks.first(),
            "language": "en",
        },
    )


def test_the_submitter_edits_while_the_call_is_open(client, student, contribution):
    client.force_login(student)

    response = client.post(
        reverse("programme:contribution_edit", kwargs={"pk": contribution.pk}),
        submission(contribution.call, title="Hydrogen valleys, revised"),
    )

    contribution.refresh_from_db()
    assert _messages(response) == ["Your contribution has been saved."]
    assert contribution.title == "Hydrogen valleys, revised"


def test_nothing_is_changed_after_the_call_closes(client, student, contribution):
    _close(contribution.call)
    client.force_login(student)
    url = reverse("programme:contribution_edit", kwargs={"pk": contribution.pk})

    shown = client.get(url)
    sent = client.post(url, submission(contribution.call, title="Too late"))

    contribution.refresh_from_db()
    assert shown["Location"] == contribution.get_absolute_url()
    assert _messages(sent) == ["This contribution can no longer be changed."] * 2
    assert contribution.title == "Hydrogen valleys"


def test_only_the_submitter_edits(client, staff_editor, contribution):
    client.force_login(staff_editor)

    response = client.get(reverse("programme:contribution_edit", kwargs={"pk": contribution.pk}))

    assert response.status_code == 403


def test_withdrawing_asks_first(client, student, contribution):
    client.force_login(student)

    response = client.get(
        reverse("programme:contribution_withdraw", kwargs={"pk": contribution.pk})
    )

    contribution.refresh_from_db()
    assert response.status_code == 200
    assert "a withdrawal cannot be undone" in response.content.decode()
    assert contribution.state == Contribution.State.SUBMITTED


def test_the_submitter_withdraws_their_contribution(client, student, contribution):
    client.force_login(student)
    url = reverse("programme:contribution_withdraw", kwargs={"pk": contribution.pk})

    first = client.post(url)
    second = client.post(url)

    contribution.refresh_from_db()
    assert first["Location"] == reverse("programme:mine")
    assert _messages(second) == [
        "Your contribution has been withdrawn.",
        "This contribution cannot be withdrawn any more.",
    ]
    assert contribution.state == Contribution.State.WITHDRAWN


def test_others_cannot_withdraw(client, other_staff, contribution):
    client.force_login(other_staff)

    response = client.post(
        reverse("programme:contribution_withdraw", kwargs={"pk": contribution.pk})
    )

    contribution.refresh_from_db()
    assert response.status_code == 403
    assert contribution.state == Contribution.State.SUBMITTED


@pytest.mark.parametrize(
    ("role", "status"),
    [("student", 200), ("coauthor", 200), ("coordinator", 200), ("staff_editor", 200),
     ("other_staff", 404), ("partner", 404)],
)  # fmt: skip
def test_who_sees_a_contribution(client, request, contribution, role, status):
    coauthor = UserFactory(email="coauthor@example.org")
    contribution.coauthor_accounts.add(coauthor)
    user = coauthor if role == "coauthor" else request.getfixturevalue(role)
    client.force_login(user)

    response = client.get(contribution.get_absolute_url())

    assert response.status_code == status


def test_anonymous_visitors_are_asked_to_sign_in_to_see_a_contribution(client, contribution):
    url = contribution.get_absolute_url()

    response = client.get(url)

    assert (response.status_code, response["Location"]) == (302, f"/accounts/login/?next={url}")


def test_my_contributions_lists_submitted_and_coauthored_ones(client, student, call, contribution):
    other = services.contribution_submit(
        call=call,
        submitter=UserFactory(),
        values={"title": "Storage", "abstract": "A", "kind": "poster",
                "track": call.tracks.first(), "language": "ru"},
    )  # fmt: skip
    other.coauthor_accounts.add(student)
    services.contribution_withdraw(contribution=contribution)
    client.force_login(student)

    response = client.get(reverse("programme:mine"))

    rows = response.context["contributions"]
    assert [(c.title, c.state, c.mine, c.editable) for c in rows] == [
        ("Storage", "submitted", False, False),
        ("Hydrogen valleys", "withdrawn", True, False),
    ]
    assert "Withdrawn" in response.content.decode()


@pytest.mark.parametrize("count", [1, 4])
def test_my_contributions_run_a_fixed_number_of_queries(
    client, student, call, django_assert_num_queries, count
):
    for index in range(count):
        services.contribution_submit(
            call=call,
            submitter=student,
            values={"title": f"Talk {index}", "abstract": "A", "kind": "talk",
                    "track": call.tracks.first(), "language": "en"},
        )  # fmt: skip
    client.force_login(student)

    # 1. the user with the menu's standing: whether they are a coordinator and their
    # memberships (one round trip); 2. the contributions with their calls, events and
    # tracks; 3. whether demo data is loaded (the base template's banner)
    with django_assert_num_queries(3):
        response = client.get(reverse("programme:mine"))

    assert len(response.context["contributions"]) == count


# --- industry challenges --------------------------------------------------------------


@pytest.fixture
def need(organisation, skill):
    need = SkillNeed.objects.create(
        organisation=organisation,
        title_en="Electrolyser technicians",
        title_ru="Техники электролизеров",
        description_en="We need twenty technicians a year.",
        description_ru="Нам нужны двадцать техников в год.",
        kind=SkillNeed.Kind.HIRING,
        headcount=20,
        country="UZ",
        needed_by=timezone.localdate() + timedelta(days=200),
    )
    NeedSkill.objects.create(need=need, skill=skill, level=SkillLevel.INTERMEDIATE)
    return need


def _present(client, call, need):
    return client.post(
        reverse("programme:challenge", kwargs={"event": call.event_id, "need": need.pk})
    )


def test_a_member_presents_a_need_as_a_challenge(client, partner, call, need, skill, organisation):
    client.force_login(partner)

    response = _present(client, call, need)

    challenge = Contribution.objects.get()
    assert response["Location"] == challenge.get_absolute_url()
    assert (challenge.kind, challenge.need, challenge.organisation) == (
        "challenge",
        need,
        organisation,
    )
    assert (challenge.title, challenge.abstract, challenge.language) == (
        "Electrolyser technicians",
        "We need twenty technicians a year.",
        "en",
    )
    # The need's skill is of the second track's theme.
    assert challenge.track == call.tracks.last()
    assert list(challenge.skills.all()) == [skill]
    assert challenge.submitter == partner


def test_a_challenge_is_written_in_the_members_language(client, partner, call, need):
    partner.preferred_language = "kk"
    partner.save(update_fields=["preferred_language"])
    client.force_login(partner)

    _present(client, call, need)

    challenge = Contribution.objects.get()
    # Kazakh falls back to Russian, as the site reads content.
    assert (challenge.title, challenge.language) == ("Техники электролизеров", "ru")


def test_a_challenge_of_untagged_skills_goes_to_the_first_track(client, partner, call, need):
    Skill.objects.update(theme=None)
    client.force_login(partner)

    _present(client, call, need)

    assert Contribution.objects.get().track == call.tracks.first()


def test_a_need_is_presented_once_per_call(client, partner, call, need, organisation):
    client.force_login(partner)
    _present(client, call, need)
    colleague = OrganisationMembershipFactory(organisation=organisation).user
    client.force_login(colleague)

    response = _present(client, call, need)

    assert response["Location"] == need.get_absolute_url()
    assert _messages(response)[-1] == "This need is already presented as a challenge in this call."
    assert Contribution.objects.count() == 1


def test_a_withdrawn_challenge_lets_the_need_be_presented_again(client, partner, call, need):
    client.force_login(partner)
    _present(client, call, need)
    services.contribution_withdraw(contribution=Contribution.objects.get())

    _present(client, call, need)

    assert Contribution.objects.filter(need=need).submitted().count() == 1


@pytest.mark.parametrize("role", ["student", "staff_editor", "coordinator"])
def test_only_members_of_the_needs_organisation_present_it(client, request, call, need, role):
    client.force_login(request.getfixturevalue(role))

    response = _present(client, call, need)

    assert response.status_code == 403
    assert Contribution.objects.count() == 0


def test_a_pending_member_does_not_present_a_need(client, call, need, organisation):
    pending = OrganisationMembershipFactory(organisation=organisation, status="pending").user
    client.force_login(pending)

    assert _present(client, call, need).status_code == 403


def test_no_challenge_after_the_call_closes(client, partner, call, need):
    _close(call)
    client.force_login(partner)

    response = _present(client, call, need)

    assert _messages(response)[0].endswith("contributions are no longer accepted.")
    assert Contribution.objects.count() == 0


def test_no_challenge_where_the_call_does_not_ask_for_them(client, partner, call, need):
    Call.objects.filter(pk=call.pk).update(session_kinds=["talk"])
    client.force_login(partner)

    response = _present(client, call, need)

    assert _messages(response) == ["This call does not ask for industry challenges."]
    assert Contribution.objects.count() == 0


def test_a_closed_need_is_not_presented(client, partner, call, need):
    SkillNeed.objects.filter(pk=need.pk).update(status=SkillNeed.Status.CLOSED)
    client.force_login(partner)

    response = _present(client, call, need)

    assert _messages(response) == ["Only an open need can be presented as a challenge."]


def test_presenting_is_a_post(client, partner, call, need):
    client.force_login(partner)

    response = client.get(
        reverse("programme:challenge", kwargs={"event": call.event_id, "need": need.pk})
    )

    assert response.status_code == 405


def test_a_university_member_acts_for_their_university(client, call, university):
    member = UniversityMembershipFactory(university=university).user
    client.force_login(member)

    response = client.get(reverse("programme:submit", kwargs={"event": call.event_id}))

    choices = [value for value, _label in response.context["form"].fields["acting_for"].choices]
    assert choices == ["", f"university:{university.pk}"]


def test_a_challenges_page_links_its_need(client, partner, call, need):
    client.force_login(partner)
    _present(client, call, need)

    response = client.get(Contribution.objects.get().get_absolute_url())

    assert response.status_code == 200
    assert need.get_absolute_url() in response.content.decode()
    assert (response.context["can_edit"], response.context["can_withdraw"]) == (True, True)


def test_the_call_page_offers_a_members_open_needs_as_challenges(client, partner, call, need):
    client.force_login(partner)
    url = reverse("programme:call", kwargs={"event": call.event_id})

    before = client.get(url)
    _present(client, call, need)
    after = client.get(url)

    assert before.context["needs"] == [need]
    assert reverse("programme:challenge", kwargs={"event": call.event_id, "need": need.pk}) in (
        before.content.decode()
    )
    assert after.context["needs"] == []


def test_the_call_page_offers_no_needs_to_others(client, student, call, need):
    client.force_login(student)

    response = client.get(reverse("programme:call", kwargs={"event": call.event_id}))

    assert response.context["needs"] == []
