"""Journey 7: the knowledge hub. A university editor submits guidance for industry
with a Russian PDF, a coordinator publishes it, a visitor finds it by searching in
the other script and downloads it. Someone subscribes to the newsletter in Russian,
confirms, receives the monthly issue once, and unsubscribes in one click."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from core import outbox
from knowledge.models import KnowledgeItem
from newsletter.models import Issue, Subscriber
from tests.events.pdfs import table_pdf as pdf_bytes
from tests.factories import PASSWORD as FACTORY_PASSWORD
from tests.factories import UniversityMembershipFactory

from .helpers import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _open_language(page, field):
    """Open the <details> group of a translated field's language."""
    group = page.locator("details", has=page.locator(f"#{field}"))
    if group.count() and not group.first.evaluate("d => d.open"):
        group.first.locator("summary").first.click()


def test_guidance_is_submitted_published_found_and_downloaded(journey, world, tmp_path):
    editor = UniversityMembershipFactory(university=world["satbayev"]).user
    j = journey("knowledge-editor")
    sign_in(j, editor.email, FACTORY_PASSWORD)
    page = j.goto("/library/new/")
    page.locator("#id_kind").select_option("guidance")
    page.locator("#id_title_en").fill("Hydrogen directions for Kazakh industry")
    page.locator("#id_summary_en").fill("Where electrolysers and storage pay off first.")
    _open_language(page, "id_title_ru")
    page.locator("#id_title_ru").fill("Водородные направления для промышленности Казахстана")
    page.locator("#id_summary_ru").fill("Где электролизёры и накопители окупятся первыми.")
    pdf = tmp_path / "guidance-ru.pdf"
    pdf.write_bytes(pdf_bytes())
    page.locator("#id_files-0-language").select_option("ru")
    page.locator("#id_files-0-file").set_input_files(str(pdf))
    j.check("guidance-form")
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_load_state()
    item = KnowledgeItem.objects.get(title_en="Hydrogen directions for Kazakh industry")
    assert item.files.get().language == "ru"
    page.get_by_role("button", name="Submit for review").click()
    expect(page.locator(".alert-success")).to_be_visible()
    j.check("submitted")

    c = journey("knowledge-coordinator")
    sign_in(c, world["coordinator"].email, FACTORY_PASSWORD)
    page = c.goto("/library/review/")
    page.get_by_role("link", name="Hydrogen directions for Kazakh industry").click()
    page.wait_for_load_state()
    page.get_by_role("button", name="Publish").click()
    expect(page.locator(".alert-success")).to_be_visible()
    c.check("published")
    item.refresh_from_db()
    assert item.status == KnowledgeItem.Status.PUBLISHED

    v = journey("knowledge-visitor")
    page = v.goto("/search/?q=водородные")
    page.get_by_role("link", name="Hydrogen directions for Kazakh industry").click()
    page.wait_for_load_state()
    v.check("item")
    link = page.locator("a[href*='/files/']").first
    response = page.request.get(v.base_url + link.get_attribute("href"))
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.body() == pdf_bytes()


def _confirm_link(email):
    (message,) = [m for m in mail.outbox if email in m.to]  # one confirmation
    return re.search(r"/ru/newsletter/confirm/[^\s]+/", message.body).group(0)


def test_a_reader_subscribes_confirms_gets_the_issue_once_and_unsubscribes(journey, world):
    reader = journey("newsletter-reader", locale="ru-RU")
    page = reader.goto("/ru/newsletter/")
    page.locator("#id_email").fill("reader@e2e.test")
    page.locator("#id_consent").check()
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_load_state()
    reader.check("subscribed")
    outbox.send_due()  # whatever the sender nudged after the commit has not sent yet
    page = reader.goto(_confirm_link("reader@e2e.test"))
    expect(page.locator(".alert-success")).to_contain_text("reader@e2e.test")
    assert Subscriber.objects.get().is_receiving

    c = journey("newsletter-coordinator")
    sign_in(c, world["coordinator"].email, FACTORY_PASSWORD)
    page = c.goto("/newsletter/issues/")
    page.get_by_role("button", name="Prepare this month's issues").click()
    page.wait_for_load_state()
    russian = Issue.objects.get(language="ru")
    page = c.goto(f"/newsletter/issues/{russian.pk}/")
    page.locator("#id_introduction").fill("Добро пожаловать в новый выпуск.")
    page.get_by_role("button", name="Save the introduction").click()
    page.wait_for_load_state()
    page.get_by_role("link", name="Send…").click()
    page.wait_for_load_state()
    c.check("send-confirmation")
    page.get_by_role("button", name="Send the issue").click()
    page.wait_for_load_state()
    c.check("sent")

    outbox.send_due()
    outbox.send_due()
    issues = [m for m in mail.outbox if "reader@e2e.test" in m.to and "Добро" in m.body]
    assert len(issues) == 1
    unsubscribe = re.search(r"/ru/newsletter/unsubscribe/[^\s]+/", issues[0].body).group(0)

    page = reader.goto(unsubscribe)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    reader.check("unsubscribed")
    assert not Subscriber.objects.get().is_receiving
    page = reader.goto("/ru/newsletter/archive/")
    expect(page.locator("main")).to_contain_text(str(russian.month.year))
