"""The editorial workflow: each step moves the item, writes the audit log and e-mails
the authors in their language through the outbox, all or nothing."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from core import outbox
from core.audit import Action
from core.models import AuditEntry
from core.rows import Row
from knowledge import services
from knowledge.models import KnowledgeItem

pytestmark = pytest.mark.django_db

Status = KnowledgeItem.Status


def _values(**more):
    return {"kind": KnowledgeItem.Kind.GUIDANCE, "title_en": "Hydrogen directions",
            "summary_en": "Where the sector should go.", **more}  # fmt: skip


def _pdf_row(pdf_bytes, language="ru"):
    return Row(
        pk=None,
        values={
            "language": language,
            "file": ContentFile(pdf_bytes, name="x.pdf"),
            "licence": "cc-by-4.0",
            "format": "pdf",
        },  # fmt: skip
    )


def _draft(staff_editor, university, pdf_bytes):
    return services.item_create(
        author=staff_editor,
        values=_values(universities=[university]),
        countries=["KZ", "other"],
        files=[_pdf_row(pdf_bytes)],
    )


def test_create_makes_a_draft_with_its_file_countries_and_author(
    staff_editor, university, pdf_bytes
):
    item = _draft(staff_editor, university, pdf_bytes)

    (stored,) = item.files.all()
    assert (item.status, item.created_by, list(item.authors.all())) == (
        Status.DRAFT, staff_editor, [staff_editor],
    )  # fmt: skip
    assert (stored.language, stored.format, stored.size) == ("ru", "pdf", len(pdf_bytes))
    assert stored.file.name[:16] + stored.file.name[-4:] == "knowledge/files/.pdf"
    assert sorted(item.country_rows.values_list("country", flat=True)) == ["KZ", "other"]
    assert item.history.count() == 1


def test_an_item_without_file_or_link_is_not_saved(staff_editor, university):
    with pytest.raises(ValidationError) as refused:
        services.item_create(author=staff_editor, values=_values(), countries=[], files=[])
    assert refused.value.messages == [
        "Add a file or an external link: an item needs at least one of them."
    ]
    assert KnowledgeItem.objects.count() == 0


def test_the_search_document_holds_every_language(staff_editor, university, pdf_bytes):
    item = services.item_create(
        author=staff_editor,
        values=_values(title_ru="Водородные направления", external_url="https://example.org"),
        countries=[],
        files=[],
    )
    assert list(KnowledgeItem.objects.search("водород")) == [item]
    assert list(KnowledgeItem.objects.search("vodorodnye")) == [item]


def test_each_step_emails_the_author_and_is_audited(
    staff_editor, university, coordinator, pdf_bytes
):
    item = _draft(staff_editor, university, pdf_bytes)

    steps = [
        lambda: services.item_submit(item=item, actor=staff_editor),
        lambda: services.item_return(item=item, actor=coordinator, reason="Add the figures."),
        lambda: services.item_submit(item=item, actor=staff_editor),
        lambda: services.item_publish(item=item, actor=coordinator),
        lambda: services.item_feature(item=item, actor=coordinator, featured=True),
        lambda: services.item_archive(item=item, actor=coordinator),
        lambda: services.item_restore(item=item, actor=coordinator),
    ]
    for step in steps:
        step()
        outbox.send_due()  # each e-mail goes before the next step makes it out of date

    assert [message.subject for message in mail.outbox] == [
        "“Hydrogen directions” has been submitted for review",
        "“Hydrogen directions” has been returned to you",
        "“Hydrogen directions” has been submitted for review",
        "“Hydrogen directions” is published",
        "“Hydrogen directions” is featured on the home page",
        "“Hydrogen directions” has been archived",
        "“Hydrogen directions” has been restored",
    ]
    assert {tuple(message.to) for message in mail.outbox} == {(staff_editor.email,)}
    audited = AuditEntry.objects.filter(object_id=str(item.pk)).order_by("pk")
    assert list(audited.values_list("action", flat=True)) == [
        services.SUBMITTED, services.RETURNED, services.SUBMITTED, services.PUBLISHED,
        services.FEATURED, Action.ARCHIVED, Action.RESTORED,
    ]  # fmt: skip
    item.refresh_from_db()
    assert (item.status, item.featured) == (Status.PUBLISHED, False)


def test_the_return_email_carries_the_reason_in_the_authors_language(
    staff_editor, university, coordinator, pdf_bytes
):
    staff_editor.preferred_language = "ru"
    staff_editor.save()
    item = _draft(staff_editor, university, pdf_bytes)
    services.item_submit(item=item, actor=staff_editor)
    outbox.send_due()
    mail.outbox.clear()

    services.item_return(item=item, actor=coordinator, reason="Добавьте данные за 2024 год.")
    outbox.send_due()

    (message,) = mail.outbox
    assert "Добавьте данные за 2024 год." in message.body
    assert f"http://testserver/ru/library/{item.pk}/" in message.body
    html = next(content for content, kind in message.alternatives if kind == "text/html")
    assert '<html lang="ru">' in html
    assert "Добавьте данные за 2024 год." in html


def test_a_step_that_does_not_apply_is_refused(staff_editor, university, coordinator, pdf_bytes):
    item = _draft(staff_editor, university, pdf_bytes)
    services.item_submit(item=item, actor=staff_editor)

    with pytest.raises(services.NotNow) as refused:
        services.item_submit(item=item, actor=staff_editor)
    assert str(refused.value) == "This item has already been submitted."
    with pytest.raises(services.NotNow):
        services.item_feature(item=item, actor=coordinator, featured=True)


def test_a_stale_email_is_dropped(staff_editor, university, coordinator, pdf_bytes):
    item = _draft(staff_editor, university, pdf_bytes)
    services.item_submit(item=item, actor=staff_editor)
    services.item_publish(item=item, actor=coordinator)
    # Both are due; by the time they go, the "submitted" one is out of date.

    result = outbox.send_due()

    assert (result.sent, result.dropped) == (1, 1)
    assert [message.subject for message in mail.outbox] == ["“Hydrogen directions” is published"]
