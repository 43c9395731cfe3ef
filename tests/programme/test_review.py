"""The review: conflicts of interest, the committee's seats, who reviews what (by hand
and balanced), a reviewer's queue and review form, blind review."""

from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from accounts.models import MembershipStatus
from events.models import Event
from programme import review_services as services
from programme.models import Call, CommitteeMember, Contribution, Criterion, Review, Score, Track
from programme.review import Affiliation, Authorship, Conflict, balance, conflict, conflict_of
from tests.factories import (
    CoordinatorFactory,
    OrganisationFactory,
    OrganisationMembershipFactory,
    UniversityFactory,
    UniversityMembershipFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


# --- the world of a call ---------------------------------------------------------------


def make_call(*, blind=False, share=True, criteria=("Relevance", "Clarity")):
    host = UniversityFactory()
    start = timezone.now() + timedelta(days=60)
    event = Event.objects.create(
        title_en="Rotating conference",
        kind=Event.Kind.CONFERENCE,
        format=Event.Format.ON_SITE,
        start=start,
        end=start + timedelta(days=2),
        time_zone="Asia/Almaty",
        host=host,
        status=Event.Status.PUBLISHED,
    )
    call = Call.objects.create(
        event=event,
        opens_at=timezone.now() - timedelta(days=30),
        closes_at=timezone.now() - timedelta(days=1),
        session_kinds=["talk"],
        blind_review=blind,
        share_reviews=share,
    )
    for position, name in enumerate(criteria):
        Criterion.objects.create(call=call, name_en=name, position=position)
    Track.objects.create(call=call, name_en="Energy", position=0)
    Track.objects.create(call=call, name_en="Water", position=1)
    return call


def track(call, name="Energy"):
    return call.tracks.get(name_en=name)


def contribute(call, *, submitter=None, title="Grid storage", track_name="Energy", **values):
    return Contribution.objects.create(
        call=call,
        submitter=submitter or UserFactory(),
        title=title,
        abstract="Batteries for the steppe.",
        kind="talk",
        track=track(call, track_name),
        language="en",
        **values,
    )


def seat(call, user=None, *, role=CommitteeMember.Role.REVIEWER, tracks=()):
    member = CommitteeMember.objects.create(call=call, user=user or UserFactory(), role=role)
    member.tracks.set(tracks)
    return member


def score_all(review, value=4):
    for criterion in review.contribution.call.criteria.all():
        Score.objects.create(review=review, criterion=criterion, value=value)


def texts(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.fixture
def call():
    return make_call()


@pytest.fixture
def coordinator():
    return CoordinatorFactory()


# --- conflicts of interest ---------------------------------------------------------------


NOBODY = Affiliation()


def authorship(people=(), universities=(), organisations=(), submitter=NOBODY):
    return Authorship(
        people=frozenset(people),
        institution=Affiliation(frozenset(universities), frozenset(organisations)),
        submitter=submitter,
    )


def test_conflict_author_when_reviewer_wrote_it():
    assert conflict(7, Affiliation(), authorship(people={7, 8})) == Conflict.AUTHOR


def test_conflict_institution_when_contribution_is_of_their_university():
    reviewer = Affiliation(universities=frozenset({3}))
    assert conflict(7, reviewer, authorship(people={8}, universities={3})) == Conflict.INSTITUTION


def test_conflict_institution_when_contribution_is_of_their_organisation():
    reviewer = Affiliation(organisations=frozenset({5}))
    found = conflict(7, reviewer, authorship(people={8}, organisations={5}))
    assert found == Conflict.INSTITUTION


def test_conflict_submitters_institution_when_submitter_shares_it():
    reviewer = Affiliation(frozenset({3}), frozenset({5}))
    submitter = Affiliation(organisations=frozenset({5}))
    found = conflict(7, reviewer, authorship(people={8}, universities={9}, submitter=submitter))
    assert found == Conflict.SUBMITTERS_INSTITUTION


def test_conflict_none_for_an_unrelated_reviewer():
    reviewer = Affiliation(frozenset({3}), frozenset({5}))
    submitter = Affiliation(frozenset({4}), frozenset({6}))
    assert conflict(7, reviewer, authorship({8}, {4}, {6}, submitter)) is None


def test_conflict_of_coauthor_with_an_account(call):
    coauthor = UserFactory()
    contribution = contribute(call)
    contribution.coauthor_accounts.add(coauthor)
    assert conflict_of(coauthor, contribution) == Conflict.AUTHOR


def test_conflict_of_member_of_the_contributions_university(call):
    staff = UniversityMembershipFactory()
    contribution = contribute(call, university=staff.university)
    assert conflict_of(staff.user, contribution) == Conflict.INSTITUTION


def test_conflict_of_colleague_of_the_submitter_at_an_organisation(call):
    colleague = OrganisationMembershipFactory()
    submitter = OrganisationMembershipFactory(organisation=colleague.organisation).user
    contribution = contribute(call, submitter=submitter)
    assert conflict_of(colleague.user, contribution) == Conflict.SUBMITTERS_INSTITUTION


def test_conflict_of_ignores_a_membership_not_approved(call):
    organisation = OrganisationFactory()
    pending = OrganisationMembershipFactory(
        organisation=organisation, status=MembershipStatus.PENDING
    )
    contribution = contribute(call, organisation=organisation)
    assert conflict_of(pending.user, contribution) is None


# --- the balance ---------------------------------------------------------------------------


def test_balance_gives_each_the_least_loaded_reviewers():
    result = balance(
        eligible={1: [10, 11, 12], 2: [10, 11, 12], 3: [10, 11, 12]},
        assigned={},
        load={},
        per_contribution=2,
    )
    assert result.pairs == [(1, 10), (1, 11), (2, 12), (2, 10), (3, 11), (3, 12)]
    assert result.short == []


def test_balance_keeps_reviews_asked_and_counts_their_load():
    result = balance(
        eligible={1: [10, 11, 12], 2: [10, 11, 12]},
        assigned={1: {10}},
        load={10: 1},
        per_contribution=2,
    )
    assert result.pairs == [(1, 11), (2, 12), (2, 10)]


def test_balance_reports_contributions_left_short():
    result = balance(eligible={1: [10], 2: []}, assigned={}, load={}, per_contribution=2)
    assert result.pairs == [(1, 10)]
    assert result.short == [1, 2]


def test_balance_serves_the_most_constrained_first():
    # Contribution 2 can only have reviewer 10; 1 could have anyone.
    result = balance(eligible={1: [10, 11], 2: [10]}, assigned={}, load={}, per_contribution=1)
    assert result.pairs == [(2, 10), (1, 11)]


# --- the committee page ---------------------------------------------------------------------


def committee_url(call):
    return reverse("programme:committee", kwargs={"event": call.event_id})


def test_committee_adds_a_reviewer_by_email_with_tracks(client, call, coordinator):
    reviewer = UserFactory(email="Reviewer@example.org")
    client.force_login(coordinator)
    response = client.post(
        committee_url(call),
        {"email": "reviewer@EXAMPLE.org", "role": "reviewer", "tracks": [track(call).pk]},
    )
    assert response.status_code == 302
    member = CommitteeMember.objects.get(call=call)
    assert (member.user, member.role) == (reviewer, "reviewer")
    assert list(member.tracks.all()) == [track(call)]


def test_committee_refuses_an_email_without_account(client, call, coordinator):
    client.force_login(coordinator)
    response = client.post(committee_url(call), {"email": "nobody@example.org", "role": "member"})
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "email": ["No account uses this e-mail address: ask them to sign up first."]
    }
    assert CommitteeMember.objects.count() == 0


def test_committee_changes_an_existing_seat(client, call, coordinator):
    member = seat(call, tracks=[track(call)])
    client.force_login(coordinator)
    client.post(committee_url(call), {"email": member.user.email, "role": "member"})
    member.refresh_from_db()
    assert (member.role, list(member.tracks.all())) == ("member", [])
    assert CommitteeMember.objects.count() == 1


def test_committee_page_by_host_editor(client, call):
    editor = UniversityMembershipFactory(university=call.event.host).user
    client.force_login(editor)
    assert client.get(committee_url(call)).status_code == 200


def test_committee_page_refused_to_a_reviewer(client, call):
    member = seat(call)
    client.force_login(member.user)
    assert client.get(committee_url(call)).status_code == 403


def test_committee_remove_asks_then_keeps_scored_reviews(client, call, coordinator):
    member = seat(call)
    scored = Review.objects.create(contribution=contribute(call), reviewer=member.user)
    score_all(scored)
    Review.objects.create(contribution=contribute(call, title="Dams"), reviewer=member.user)
    url = reverse(
        "programme:committee_remove", kwargs={"event": call.event_id, "member": member.pk}
    )
    client.force_login(coordinator)
    assert client.get(url).status_code == 200
    assert CommitteeMember.objects.count() == 1
    assert client.post(url).status_code == 302
    assert CommitteeMember.objects.count() == 0
    assert list(Review.objects.all()) == [scored]


def test_committee_balance_assigns_within_track_without_conflicts(client, call, coordinator):
    colleague = UniversityMembershipFactory()
    energy = [seat(call, tracks=[track(call)]) for _ in range(2)]
    conflicted = seat(call, colleague.user, tracks=[track(call)])
    seat(call, tracks=[track(call, "Water")])  # reviews another track
    seat(call, role=CommitteeMember.Role.MEMBER)  # not a reviewer
    first = contribute(call, university=colleague.university)
    second = contribute(call, title="Solar farms")
    client.force_login(coordinator)
    response = client.post(
        reverse("programme:reviews_balance", kwargs={"event": call.event_id}),
        {"per_contribution": 2},
    )
    assert response.status_code == 302
    assert texts(response) == ["4 reviews assigned."]
    # The first has only two reviewers free of conflict; the second gets the one
    # left without a review, then one of the two.
    assert set(first.reviews.values_list("reviewer_id", flat=True)) == {m.user_id for m in energy}
    assert set(second.reviews.values_list("reviewer_id", flat=True)) == {
        conflicted.user_id,
        energy[0].user_id,
    }


def test_committee_balance_warns_of_contributions_left_short(client, call, coordinator):
    seat(call, tracks=[track(call)])
    contribute(call, title="Solar farms")
    client.force_login(coordinator)
    response = client.post(
        reverse("programme:reviews_balance", kwargs={"event": call.event_id}),
        {"per_contribution": 2},
    )
    assert texts(response) == [
        "1 review assigned.",
        "Not enough reviewers free of conflicts in their track for: Solar farms.",
    ]


def test_assign_by_hand_refuses_a_conflict(client, call, coordinator):
    member = seat(call)
    contribution = contribute(call, submitter=member.user)
    client.force_login(coordinator)
    response = client.post(
        reverse("programme:review_assign", kwargs={"pk": contribution.pk}),
        {"reviewer": member.user_id},
    )
    assert response.status_code == 302
    assert texts(response) == ["The reviewer is an author of this contribution."]
    assert Review.objects.count() == 0


def test_assign_by_hand_adds_the_reviewer(client, call, coordinator):
    member = seat(call, tracks=[track(call)])
    contribution = contribute(call)
    client.force_login(coordinator)
    client.post(
        reverse("programme:review_assign", kwargs={"pk": contribution.pk}),
        {"reviewer": member.user_id},
    )
    assert list(contribution.reviews.values_list("reviewer_id", flat=True)) == [member.user_id]


def test_assign_refuses_a_reviewer_of_another_track(call):
    member = seat(call, tracks=[track(call, "Water")])
    with pytest.raises(services.Refused) as refusal:
        services.review_assign(contribution=contribute(call), reviewer=member.user)
    assert str(refusal.value) == "This reviewer does not review the contribution's track."


def test_unassign_refused_once_scored(client, call, coordinator):
    review = Review.objects.create(contribution=contribute(call), reviewer=seat(call).user)
    score_all(review)
    client.force_login(coordinator)
    response = client.post(reverse("programme:review_unassign", kwargs={"pk": review.pk}))
    assert texts(response) == ["This review has scores already: it stays with the committee."]
    assert Review.objects.count() == 1


# --- reviewing -----------------------------------------------------------------------------


def review_url(contribution):
    return reverse("programme:review", kwargs={"pk": contribution.pk})


def scores_data(call, *values, comment="Clear and useful."):
    data = {
        f"criterion_{criterion.pk}": value
        for criterion, value in zip(call.criteria.all(), values, strict=True)
    }
    return {**data, "comment": comment}


@pytest.fixture
def assigned(call):
    member = seat(call)
    review = Review.objects.create(contribution=contribute(call), reviewer=member.user)
    return review


def test_review_saves_scores_and_comment(client, call, assigned):
    client.force_login(assigned.reviewer)
    response = client.post(review_url(assigned.contribution), scores_data(call, 5, 3))
    assert response.status_code == 302
    assert sorted(assigned.scores.values_list("criterion__name_en", "value")) == [
        ("Clarity", 3),
        ("Relevance", 5),
    ]
    assigned.refresh_from_db()
    assert assigned.comment == "Clear and useful."


def test_review_can_be_changed_until_decided(client, call, assigned):
    client.force_login(assigned.reviewer)
    client.post(review_url(assigned.contribution), scores_data(call, 5, 3))
    client.post(review_url(assigned.contribution), scores_data(call, 2, 2, comment="Thin."))
    assert sorted(assigned.scores.values_list("value", flat=True)) == [2, 2]
    assert Score.objects.count() == 2


@pytest.mark.parametrize("bad", ["0", "6", "", "four"])
def test_review_refuses_a_score_outside_the_scale(client, call, assigned, bad):
    client.force_login(assigned.reviewer)
    response = client.post(review_url(assigned.contribution), scores_data(call, bad, 3))
    assert response.status_code == 200
    relevance = call.criteria.get(name_en="Relevance")
    assert response.context["form"].errors == {
        f"criterion_{relevance.pk}": ["Give a score from 1 to 5."]
    }
    assert texts(response) == ["Please correct the errors below; nothing has been saved."]
    assert Score.objects.count() == 0


def test_review_service_refuses_a_missing_score(call, assigned):
    clarity = call.criteria.get(name_en="Clarity")
    relevance = call.criteria.get(name_en="Relevance")
    with pytest.raises(services.ValidationError) as error:
        services.review_save(
            contribution=assigned.contribution,
            reviewer=assigned.reviewer,
            scores={relevance.pk: 4, clarity.pk: 9},
            comment="",
        )
    assert error.value.message_dict == {
        f"criterion_{clarity.pk}": ["Give “Clarity” a score from 1 to 5."]
    }
    assert Score.objects.count() == 0


def test_score_outside_the_scale_refused_by_the_database(call, assigned):
    with pytest.raises(IntegrityError), transaction.atomic():
        Score.objects.create(review=assigned, criterion=call.criteria.first(), value=6)


def test_review_refused_once_decided(client, call, assigned):
    Contribution.objects.filter(pk=assigned.contribution_id).update(state="accepted")
    client.force_login(assigned.reviewer)
    response = client.post(review_url(assigned.contribution), scores_data(call, 5, 3))
    assert response.status_code == 409
    assert texts(response) == [
        "The committee has decided on this contribution; its reviews are closed."
    ]
    assert Score.objects.count() == 0


def test_review_refused_on_a_conflict_even_when_asked(client, call):
    member = seat(call)
    contribution = contribute(call)
    contribution.coauthor_accounts.add(member.user)
    Review.objects.create(contribution=contribution, reviewer=member.user)
    client.force_login(member.user)
    response = client.post(review_url(contribution), scores_data(call, 5, 3))
    assert response.status_code == 409
    assert texts(response) == ["The reviewer is an author of this contribution."]
    assert Score.objects.count() == 0


def test_review_form_refused_to_a_reviewer_not_asked(client, call, assigned):
    other = seat(call)
    client.force_login(other.user)
    assert client.get(review_url(assigned.contribution)).status_code == 403


def test_review_form_blind_hides_authors_and_institutions(client):
    call = make_call(blind=True)
    member = seat(call)
    submitter = UserFactory(full_name="Aigerim Nurlanovna")
    coauthor = UserFactory(full_name="Timur Saidov")
    university = UniversityFactory(name_en="Steppe Polytechnic")
    organisation = OrganisationFactory(name_en="Caspian Grid Company")
    contribution = contribute(
        call,
        submitter=submitter,
        university=university,
        organisation=organisation,
        coauthors="Dilnoza Karimova",
    )
    contribution.coauthor_accounts.add(coauthor)
    Review.objects.create(contribution=contribution, reviewer=member.user)
    client.force_login(member.user)
    pages = [
        client.get(review_url(contribution)).content.decode(),
        client.get(
            reverse("programme:review_queue", kwargs={"event": call.event_id})
        ).content.decode(),
    ]
    for page in pages:
        assert "Grid storage" in page
        for name in (
            "Aigerim Nurlanovna", "Timur Saidov", "Dilnoza Karimova", "Steppe Polytechnic",
            "Caspian Grid Company",
        ):  # fmt: skip
            assert name not in page


def test_review_form_shows_authors_when_not_blind(client, call):
    member = seat(call)
    contribution = contribute(call, submitter=UserFactory(full_name="Aigerim Nurlanovna"))
    Review.objects.create(contribution=contribution, reviewer=member.user)
    client.force_login(member.user)
    assert "Aigerim Nurlanovna" in client.get(review_url(contribution)).content.decode()


# --- the reviewer's queue --------------------------------------------------------------------


def test_queue_refused_to_an_outsider(client, call):
    client.force_login(UserFactory())
    response = client.get(reverse("programme:review_queue", kwargs={"event": call.event_id}))
    assert response.status_code == 403


def test_queue_lists_only_my_reviews(client, call, assigned):
    Review.objects.create(contribution=contribute(call, title="Dams"), reviewer=seat(call).user)
    client.force_login(assigned.reviewer)
    response = client.get(reverse("programme:review_queue", kwargs={"event": call.event_id}))
    assert [review.contribution.title for review in response.context["reviews"]] == ["Grid storage"]


@pytest.mark.parametrize("count", [1, 3])
def test_queue_runs_a_fixed_number_of_queries(client, django_assert_num_queries, count):
    call = make_call()
    member = seat(call)
    for number in range(count):
        contribution = contribute(call, title=f"Talk {number}", university=UniversityFactory())
        contribution.coauthor_accounts.add(UserFactory())
        score_all(Review.objects.create(contribution=contribution, reviewer=member.user))
    client.force_login(member.user)
    url = reverse("programme:review_queue", kwargs={"event": call.event_id})
    # 1 user with whether they are a coordinator and their memberships (one round trip;
    # the rule and the navigation use them), 2 the call and its event; the rule: 3 the
    # host university's staff, 4 a member's seat, 5 any seat; the page's frame: 6 the
    # demo-data banner; the list: 7 the reviews with their contributions, 8 their
    # co-authors.
    with django_assert_num_queries(8):
        response = client.get(url)
    assert len(response.context["reviews"]) == count
