"""The committee's decisions: scores side by side with their means, the decision, and
the e-mails it sends the authors through the outbox."""

import pytest
from django.core import mail
from django.urls import reverse

from core import outbox
from core.models import OutboxMessage
from programme import review_services as services
from programme.models import Contribution, Criterion, Review, Score
from programme.review import score_tables
from tests.factories import CoordinatorFactory, UniversityMembershipFactory, UserFactory

from .test_review import contribute, make_call, seat, texts

pytestmark = pytest.mark.django_db


def scored(contribution, reviewer, values, comment=""):
    review = Review.objects.create(contribution=contribution, reviewer=reviewer, comment=comment)
    for criterion, value in zip(contribution.call.criteria.all(), values, strict=True):
        Score.objects.create(review=review, criterion=criterion, value=value)
    return review


@pytest.fixture
def call():
    return make_call()


@pytest.fixture
def coordinator():
    return CoordinatorFactory()


@pytest.fixture
def reviewed(call):
    """A contribution by a submitter writing in Russian and a co-author with an account,
    scored by two reviewers who commented."""
    submitter = UserFactory(full_name="Aigerim Nurlanovna", preferred_language="ru")
    contribution = contribute(call, submitter=submitter)
    contribution.coauthor_accounts.add(UserFactory(full_name="Timur Saidov"))
    scored(contribution, UserFactory(full_name="Reviewer One"), [5, 4], "Strong results.")
    scored(contribution, UserFactory(full_name="Reviewer Two"), [3, 2], "Say more on costs.")
    return contribution


def decide_url(contribution):
    return reverse("programme:decide", kwargs={"pk": contribution.pk})


def decisions_url(call):
    return reverse("programme:decisions", kwargs={"event": call.event_id})


# --- the scores ---------------------------------------------------------------------------


def test_score_tables_give_means_per_criterion_and_overall(call, reviewed):
    Review.objects.create(contribution=reviewed, reviewer=UserFactory())  # not yet scored
    criteria, tables = score_tables(call)
    assert [str(c) for c in criteria] == ["Relevance", "Clarity"]
    (table,) = tables
    assert [row.scores for row in table.rows] == [[5, 4], [3, 2], [None, None]]
    assert [row.done for row in table.rows] == [True, True, False]
    assert table.means == [4.0, 3.0]
    assert table.overall == 3.5


def test_score_tables_sort_by_mean(call):
    reviewer = UserFactory()
    for title, values in (("Middle", [3, 3]), ("Best", [5, 4]), ("Worst", [1, 2])):
        scored(contribute(call, title=title), reviewer, values)
    contribute(call, title="Unscored")
    withdrawn = contribute(call, title="Withdrawn", state=Contribution.State.WITHDRAWN)
    scored(withdrawn, reviewer, [5, 5])

    def titles(order):
        return [t.contribution.title for t in score_tables(call, order=order)[1]]

    assert titles("mean") == ["Best", "Middle", "Worst", "Unscored"]
    assert titles("mean_asc") == ["Worst", "Middle", "Best", "Unscored"]
    assert titles("submitted") == ["Middle", "Best", "Worst", "Unscored"]


def test_score_tables_count_a_criterion_added_later_only_where_scored(call, reviewed):
    Criterion.objects.create(call=call, name_en="Originality", position=5)
    _criteria, (table,) = score_tables(call)
    assert table.means == [4.0, 3.0, None]
    assert table.overall == 3.5


# --- the decisions page ---------------------------------------------------------------------


def test_decisions_page_shows_scores_side_by_side(client, call, reviewed, coordinator):
    client.force_login(coordinator)
    response = client.get(decisions_url(call))
    page = response.content.decode()
    assert response.status_code == 200
    for shown in ("Reviewer One", "Reviewer Two", "Strong results.", "4.00", "3.50"):
        assert shown in page


def test_decisions_page_refused_to_a_reviewer(client, call, reviewed):
    member = seat(call)
    client.force_login(member.user)
    assert client.get(decisions_url(call)).status_code == 403


def test_decisions_page_by_host_editor(client, call, reviewed):
    client.force_login(UniversityMembershipFactory(university=call.event.host).user)
    assert client.get(decisions_url(call)).status_code == 200


@pytest.mark.parametrize("count", [1, 3])
def test_decisions_page_runs_a_fixed_number_of_queries(
    client, django_assert_num_queries, coordinator, count
):
    call = make_call()
    for number in range(count):
        contribution = contribute(call, title=f"Talk {number}")
        for _reviewer in range(2):
            scored(contribution, UserFactory(), [4, 3])
    client.force_login(coordinator)
    client.get(decisions_url(call))  # the page's frame is cached after the first visit
    # 1 user with whether they are a coordinator and their memberships (the rule; one
    # round trip), 2 the call and its event; the table: 3 the criteria, 4 the
    # contributions with their tracks and submitters, 5 their reviews with the
    # reviewers, 6 the scores.
    with django_assert_num_queries(6):
        response = client.get(decisions_url(call))
    assert len(response.context["tables"]) == count


# --- deciding -----------------------------------------------------------------------------


def test_decide_get_shows_what_it_will_do(client, reviewed, coordinator):
    client.force_login(coordinator)
    response = client.get(decide_url(reviewed), {"decision": "accepted"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Aigerim Nurlanovna, Timur Saidov" in page
    assert "The e-mail includes 2 reviewers' comments, without the reviewers' names." in page
    reviewed.refresh_from_db()
    assert reviewed.state == "submitted"
    assert OutboxMessage.objects.count() == 0


def test_decide_accept_emails_the_authors_in_their_language(client, reviewed, coordinator):
    client.force_login(coordinator)
    response = client.post(decide_url(reviewed), {"decision": "accepted"})
    assert response.status_code == 302
    assert texts(response) == ["“Grid storage” has been accepted; its authors are told by e-mail."]
    reviewed.refresh_from_db()
    assert reviewed.state == "accepted"
    assert reviewed.decided_at is not None
    outbox.send_due()
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        [reviewed.submitter.email, reviewed.coauthor_accounts.get().email]
    )
    by_address = {message.to[0]: message for message in mail.outbox}
    to_submitter = by_address[reviewed.submitter.email]
    assert '<html lang="ru">' in to_submitter.alternatives[0][0]
    assert to_submitter.subject == "Доклад «Grid storage» принят"  # in Russian, hers
    for message in mail.outbox:
        assert "Strong results." in message.body
        assert "Say more on costs." in message.body
        assert "Reviewer One" not in message.body
        assert "Reviewer Two" not in message.alternatives[0][0]


def test_decide_without_shared_reviews_sends_no_comment(client, coordinator):
    call = make_call(share=False)
    contribution = contribute(call)
    scored(contribution, UserFactory(), [4, 4], "Private note to the committee.")
    client.force_login(coordinator)
    client.post(decide_url(contribution), {"decision": "rejected"})
    outbox.send_due()
    (message,) = mail.outbox
    assert message.subject == "“Grid storage” has not been accepted"
    assert "Private note to the committee." not in message.body


def test_decide_twice_sends_once(client, reviewed, coordinator):
    client.force_login(coordinator)
    client.post(decide_url(reviewed), {"decision": "waitlisted"})
    response = client.post(decide_url(reviewed), {"decision": "waitlisted"})
    assert texts(response)[-1] == "This decision had been taken already; nothing was sent."
    outbox.send_due()
    assert len(mail.outbox) == 2  # the submitter and the co-author, once each


def test_decide_again_sends_the_new_decision(client, reviewed, coordinator):
    client.force_login(coordinator)
    client.post(decide_url(reviewed), {"decision": "waitlisted"})
    outbox.send_due()
    client.post(decide_url(reviewed), {"decision": "accepted"})
    outbox.send_due()
    subjects = [message.subject for message in mail.outbox]
    # The submitter reads Russian, the co-author English: each decision once each.
    assert sorted(subjects) == sorted([
        "Доклад «Grid storage» в листе ожидания", "“Grid storage” is on the waiting list",
        "Доклад «Grid storage» принят", "“Grid storage” has been accepted",
    ])  # fmt: skip
    reviewed.refresh_from_db()
    assert reviewed.state == "accepted"


def test_decide_again_before_sending_sends_only_the_last(reviewed):
    services.contribution_decide(contribution=reviewed, decision="waitlisted")
    services.contribution_decide(contribution=reviewed, decision="rejected")
    outbox.send_due()
    assert sorted(m.subject for m in mail.outbox) == sorted(
        ["Доклад «Grid storage» не принят", "“Grid storage” has not been accepted"]
    )


def test_decide_refuses_an_unknown_decision(client, reviewed, coordinator):
    client.force_login(coordinator)
    response = client.post(decide_url(reviewed), {"decision": "withdrawn"})
    assert texts(response) == ["Choose accept, waitlist or reject."]
    reviewed.refresh_from_db()
    assert reviewed.state == "submitted"


def test_decide_refuses_a_withdrawn_contribution(reviewed):
    Contribution.objects.filter(pk=reviewed.pk).update(state="withdrawn")
    with pytest.raises(services.Refused) as refusal:
        services.contribution_decide(contribution=reviewed, decision="accepted")
    assert str(refusal.value) == "This contribution has been withdrawn by its authors."
    assert OutboxMessage.objects.count() == 0


def test_decide_refused_to_a_reviewer(client, call, reviewed):
    member = seat(call)
    client.force_login(member.user)
    response = client.post(decide_url(reviewed), {"decision": "accepted"})
    assert response.status_code == 403
    reviewed.refresh_from_db()
    assert reviewed.state == "submitted"


def test_decided_contribution_closes_its_reviews(reviewed):
    review = reviewed.reviews.first()
    services.contribution_decide(contribution=reviewed, decision="accepted")
    with pytest.raises(services.Refused):
        services.review_save(
            contribution=reviewed,
            reviewer=review.reviewer,
            scores={c.pk: 1 for c in reviewed.call.criteria.all()},
            comment="",
        )
