"""The newsletter: double opt-in with a consent record, one-click unsubscribe, and
monthly issues that reach each subscriber exactly once through the outbox."""

from datetime import date, timedelta

import pytest
from django.core import mail, signing
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from core import outbox
from core.models import OutboxMessage
from knowledge.models import KnowledgeItem
from newsletter import services
from newsletter.links import confirmation_token
from newsletter.models import Consent, Issue, Subscriber
from newsletter.tasks import assemble_issues
from tests.factories import CoordinatorFactory, UserFactory
from universities.models import ResearchArea

pytestmark = pytest.mark.django_db


def _subscribe(client, email="reader@example.org", language="ru", themes=(), **extra):
    return client.post(
        reverse("newsletter:subscribe"),
        {"email": email, "language": language, "themes": [t.pk for t in themes], "consent": "on"},
        **extra,
    )


def _link(message, name):
    start = message.body.index(f"/newsletter/{name}/")
    return message.body[start:].split()[0]


def test_subscribing_sends_one_confirmation_in_the_chosen_language(client):
    response = _subscribe(client, language="ru")

    assert response.status_code == 302
    subscriber = Subscriber.objects.get()
    assert (subscriber.email, subscriber.language, subscriber.confirmed_at) == (
        "reader@example.org", "ru", None,
    )  # fmt: skip
    consent = subscriber.consents.get()
    assert (consent.action, consent.source) == (Consent.Action.SUBSCRIBED, Consent.Source.FORM)
    assert consent.text.startswith("I agree to receive the platform's monthly newsletter")
    assert outbox.send_due().sent == 1
    (message,) = mail.outbox
    assert message.to == ["reader@example.org"]
    assert message.subject == "Подтвердите подписку на рассылку"
    assert "/ru/newsletter/confirm/" in message.body


def test_a_repeated_sign_up_sends_no_second_email_within_ten_minutes():
    now = timezone.now()
    for minutes in (0, 5):
        services.subscriber_subscribe(
            email="Reader@Example.org ", language="en", themes=[], consent_text="yes",
            now=now + timedelta(minutes=minutes),
        )  # fmt: skip
    assert OutboxMessage.objects.count() == 1
    services.subscriber_subscribe(
        email="reader@example.org", language="en", themes=[], consent_text="yes",
        now=now + timedelta(minutes=11),
    )  # fmt: skip
    assert OutboxMessage.objects.count() == 2
    assert Subscriber.objects.get().consents.count() == 3


def test_the_confirmation_link_confirms_once(client):
    _subscribe(client, language="en")
    outbox.send_due()
    path = _link(mail.outbox[0], "confirm")

    first = client.get(path)
    again = client.get(path)

    subscriber = Subscriber.objects.get()
    assert subscriber.confirmed_at is not None
    assert [c.action for c in subscriber.consents.all()] == ["subscribed", "confirmed"]
    assert "is subscribed. The next issue will reach you." in first.content.decode()
    assert "was confirmed already" in again.content.decode()


def test_an_expired_or_changed_link_gives_a_clear_page(client, monkeypatch):
    subscriber = Subscriber.objects.create(email="late@example.org", language="en")
    past = timezone.now() - timedelta(hours=49)
    monkeypatch.setattr(signing.time, "time", past.timestamp)
    token = confirmation_token(subscriber)
    monkeypatch.undo()

    expired = client.get(reverse("newsletter:confirm", args=[token]))
    changed = client.get(reverse("newsletter:confirm", args=[token[:-2] + "xx"]))

    assert expired.status_code == 410
    assert "This confirmation link has expired" in expired.content.decode()
    assert changed.status_code == 400
    assert "This confirmation link is not valid" in changed.content.decode()
    assert Subscriber.objects.get().confirmed_at is None


def test_an_invalid_address_or_no_consent_saves_nothing(client):
    response = client.post(
        reverse("newsletter:subscribe"), {"email": "not an address", "language": "en"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Enter a valid email address." in page
    assert "Tick the box to agree to receive the newsletter." in page
    assert not Subscriber.objects.exists()


def test_a_signed_in_user_with_a_verified_address_subscribes_in_one_click(client):
    user = UserFactory(email="staff@example.org", preferred_language="kk")  # verified
    client.force_login(user)

    client.post(reverse("newsletter:subscribe_one_click"))

    subscriber = Subscriber.objects.get()
    assert (subscriber.email, subscriber.language, subscriber.user) == (user.email, "kk", user)
    assert subscriber.is_receiving
    assert [(c.action, c.source) for c in subscriber.consents.all()] == [
        ("subscribed", "account"), ("confirmed", "account"),
    ]  # fmt: skip
    assert not OutboxMessage.objects.exists()


def _active(email, language, themes=()):
    subscriber = Subscriber.objects.create(
        email=email, language=language, confirmed_at=timezone.now()
    )
    subscriber.themes.set(themes)
    return subscriber


def _item(title, theme, published_at):
    item = KnowledgeItem.objects.create(
        kind="report", title_en=title, title_ru=f"{title} (ru)", summary_en="s", body_en="b",
        status="published", published_at=published_at, published_on=published_at.date(),
    )  # fmt: skip
    item.themes.set([theme])
    return item


@pytest.fixture
def issue_world():
    hydrogen = ResearchArea.objects.get(slug="hydrogen")
    grids = ResearchArea.objects.get(slug="power-systems-smart-grids")
    now = timezone.now()
    _item("Electrolysers in Uzbekistan", hydrogen, now - timedelta(days=3))
    _item("Grid codes explained", grids, now - timedelta(days=2))
    _item("An old report", grids, now - timedelta(days=90))
    everything = _active("all@example.org", "en")
    hydrogen_only = _active("h2@example.org", "en", [hydrogen])
    russian = _active("ru@example.org", "ru")
    Subscriber.objects.create(email="unconfirmed@example.org", language="en")
    gone = _active("gone@example.org", "en")
    gone.unsubscribed_at = now
    gone.save()
    (issue,) = [i for i in services.issues_assemble(month=date.today()) if i.language == "en"]
    Issue.objects.filter(pk=issue.pk).update(since=now - timedelta(days=30))
    issue.refresh_from_db()
    return {"issue": issue, "all": everything, "h2": hydrogen_only, "ru": russian}


def test_an_issue_reaches_each_active_subscriber_of_its_language_once(issue_world):
    issue = issue_world["issue"]

    assert services.issue_send(issue=issue) == 2
    with pytest.raises(services.IssueAlreadySent):
        services.issue_send(issue=issue)
    outbox.send_due()
    outbox.send_due()

    by_address = {message.to[0]: message for message in mail.outbox}
    assert sorted(by_address) == ["all@example.org", "h2@example.org"]
    everything, hydrogen = by_address["all@example.org"], by_address["h2@example.org"]
    assert "Electrolysers in Uzbekistan" in everything.body
    assert "Grid codes explained" in everything.body
    assert "An old report" not in everything.body
    # Only the themes chosen.
    assert "Electrolysers in Uzbekistan" in hydrogen.body
    assert "Grid codes explained" not in hydrogen.body
    unsubscribe = issue_world["h2"].token
    assert hydrogen.extra_headers["List-Unsubscribe"] == (
        f"<http://testserver/newsletter/unsubscribe/{unsubscribe}/>"
    )
    assert hydrogen.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert Issue.objects.get(pk=issue.pk).recipients == 2


def test_who_unsubscribes_before_the_issue_goes_out_does_not_get_it(issue_world):
    services.issue_send(issue=issue_world["issue"])
    services.subscriber_unsubscribe(subscriber=issue_world["h2"], source=Consent.Source.EMAIL_LINK)
    result = outbox.send_due()
    assert (result.sent, result.dropped) == (1, 1)
    assert [m.to for m in mail.outbox] == [["all@example.org"]]


def test_the_mail_programs_one_click_unsubscribe_needs_no_form():
    subscriber = _active("reader@example.org", "en")
    client = Client(enforce_csrf_checks=True)
    path = reverse("newsletter:unsubscribe", args=[subscriber.token])

    page = client.get(path)
    response = client.post(path, {"List-Unsubscribe": "One-Click"})

    assert "Stop sending the newsletter to reader@example.org?" in page.content.decode()
    assert response.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.unsubscribed_at is not None
    assert subscriber.consents.get().source == Consent.Source.LIST_UNSUBSCRIBE
    assert client.get(reverse("newsletter:unsubscribe", args=["nobody"])).status_code == 404


def test_the_archive_shows_sent_issues_and_drafts_only_to_coordinators(client, issue_world):
    draft = issue_world["issue"]
    assert client.get(draft.get_absolute_url()).status_code == 404
    client.force_login(CoordinatorFactory())
    assert "Electrolysers in Uzbekistan" in client.get(draft.get_absolute_url()).content.decode()
    services.issue_send(issue=draft)
    client.logout()

    archive = client.get(reverse("newsletter:archive")).content.decode()
    page = client.get(draft.get_absolute_url()).content.decode()

    assert f'href="{draft.get_absolute_url()}"' in archive
    assert "Electrolysers in Uzbekistan" in page


def test_a_coordinator_prepares_edits_and_sends_an_issue(client, issue_world):
    client.force_login(CoordinatorFactory())
    issue = issue_world["issue"]
    edit = reverse("newsletter:issue_edit", args=[issue.pk])

    client.post(edit, {"introduction": "Welcome to the November issue."})
    confirm = client.get(reverse("newsletter:issue_send", args=[issue.pk]))
    client.post(reverse("newsletter:issue_send", args=[issue.pk]))
    again = client.post(reverse("newsletter:issue_send", args=[issue.pk]), follow=True)

    issue.refresh_from_db()
    assert issue.introduction == "Welcome to the November issue."
    assert "2 subscribers receive it by e-mail, each once." in confirm.content.decode()
    assert issue.status == Issue.Status.SENT
    assert OutboxMessage.objects.filter(template=services.ISSUE_TEMPLATE).count() == 2
    assert "nobody gets it twice" in again.content.decode()


def test_the_preview_is_in_the_issues_language(client, issue_world):
    client.force_login(CoordinatorFactory(preferred_language="en"))
    (russian,) = [i for i in Issue.objects.all() if i.language == "ru"]
    Issue.objects.filter(pk=russian.pk).update(since=timezone.now() - timedelta(days=30))
    with translation.override("en"):
        page = client.get(reverse("newsletter:issue_edit", args=[russian.pk])).content.decode()
    assert "Electrolysers in Uzbekistan (ru)" in page


@pytest.mark.parametrize("count", [1, 6])
def test_archive_runs_fixed_number_of_queries(client, django_assert_num_queries, count):
    for month in range(count):
        Issue.objects.create(
            language="en", month=date(2025, month + 1, 1), since=timezone.now(),
            status="sent", sent_at=timezone.now(),
        )  # fmt: skip
    # 1. the count of sent issues (pagination); 2. the page of issues
    # 3. whether demo data is loaded
    with django_assert_num_queries(3):
        response = client.get(reverse("newsletter:archive"))
    assert len(response.context["issues"]) == count


def test_a_signed_in_user_with_an_unverified_address_gets_a_confirmation(client):
    user = UserFactory(email="new@example.org", verified=False)
    client.force_login(user)

    client.post(reverse("newsletter:subscribe_one_click"))

    assert not Subscriber.objects.get().is_receiving
    assert OutboxMessage.objects.filter(template=services.CONFIRM_TEMPLATE).count() == 1


def test_the_monthly_task_prepares_one_draft_per_language_once():
    assert assemble_issues() == 4
    assert assemble_issues() == 4
    assert sorted(Issue.objects.values_list("language", "status")) == [
        ("en", "draft"), ("kk", "draft"), ("ru", "draft"), ("uz", "draft"),
    ]  # fmt: skip
