"""The library's pages: lists and filters, the item page and its downloads, the submit
form and its messages, and the coordinators' review actions."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from knowledge.models import KnowledgeItem
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

Status = KnowledgeItem.Status


def _titles(response):
    return [item.title for item in response.context["items"]]


def _form_data(university, **more):
    data = {
        "kind": "guidance",
        "title_en": "Hydrogen directions for steelmakers",
        "summary_en": "Where the sector should go to stay competitive.",
        "universities": [university.pk],
        "files-TOTAL_FORMS": "2",
        "files-INITIAL_FORMS": "0",
        "files-MIN_NUM_FORMS": "0",
        "files-MAX_NUM_FORMS": "4",
        "files-0-language": "ru",
        "files-0-licence": "cc-by-4.0",
        "files-1-language": "en",
        "files-1-licence": "cc-by-4.0",
    }
    data.update(more)
    return data


def test_the_library_lists_published_items_only(client, make_item):
    make_item("Published report")
    make_item("A draft", status=Status.DRAFT)
    make_item("Submitted one", status=Status.SUBMITTED)

    response = client.get(reverse("knowledge:library"))

    assert _titles(response) == ["Published report"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("kind=tool", ["Tool"]),
        ("theme=hydrogen", ["Report"]),
        ("language=ru", ["Report"]),
        ("country=UZ", ["Tool"]),
        ("university=satbayev-university", ["Report"]),
        ("year=2023", ["Tool"]),
        ("sort=oldest", ["Tool", "Report"]),
        ("sort=title", ["Report", "Tool"]),
        ("q=водород", ["Report"]),
    ],
)
def test_library_filters(client, make_item, area, university, query, expected):
    report = make_item(
        "Report", pdf=True, themes=[area], universities=[university], published_on="2024-05-01"
    )
    report.title_ru = "Водород"
    report.save()
    tool = make_item("Tool", kind=KnowledgeItem.Kind.TOOL, published_on="2023-03-01")
    tool.country_rows.create(country="UZ")

    response = client.get(f"{reverse('knowledge:library')}?{query}")

    assert _titles(response) == expected


def test_news_lists_news_and_commentary(client, make_item):
    make_item("Hydrogen valley opens", kind=KnowledgeItem.Kind.NEWS, published_on="2024-02-01")
    make_item("Why grids matter", kind=KnowledgeItem.Kind.COMMENTARY, published_on="2024-01-01")
    make_item("A report")

    response = client.get(reverse("knowledge:news"))

    assert _titles(response) == ["Hydrogen valley opens", "Why grids matter"]


def test_a_draft_is_hidden_from_visitors_and_shown_to_its_institution(
    client, make_item, university, staff_editor
):
    item = make_item("A draft", status=Status.DRAFT, universities=[university])

    assert client.get(item.get_absolute_url()).status_code == 404
    client.force_login(staff_editor)
    assert client.get(item.get_absolute_url()).status_code == 200


def test_a_file_downloads_with_its_type(client, make_item, pdf_bytes):
    item = make_item(pdf=True)
    stored = item.files.get()

    response = client.get(stored.get_absolute_url())

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="item-{item.pk}-ru.pdf"'
    assert b"".join(response.streaming_content) == pdf_bytes


def test_an_editor_submits_guidance_with_a_russian_pdf(client, staff_editor, university, pdf_bytes):
    client.force_login(staff_editor)
    upload = SimpleUploadedFile("отчёт.pdf", pdf_bytes, content_type="application/pdf")

    response = client.post(
        reverse("knowledge:create"), _form_data(university, **{"files-0-file": upload})
    )

    item = KnowledgeItem.objects.get()
    assert response.status_code == 302
    assert response["Location"] == item.get_absolute_url()
    assert (item.status, item.kind, list(item.universities.all())) == (
        Status.DRAFT,
        "guidance",
        [university],
    )
    assert list(item.files.values_list("language", "format")) == [("ru", "pdf")]
    client.post(reverse("knowledge:submit", args=[item.pk]))
    item.refresh_from_db()
    assert item.status == Status.SUBMITTED


@pytest.mark.parametrize(
    ("more", "field", "message"),
    [
        ({}, None, "Add a file or an external link: an item needs at least one of them."),
        (
            {"files-0-file": SimpleUploadedFile("a.pdf", b"<html></html>")},
            "file",
            "This file is not a PDF, DOCX, XLSX or PPTX document.",
        ),
        (
            {"summary_en": "x" * 601, "external_url": "https://example.org"},
            "summary_en",
            "Ensure this value has at most 600 characters (it has 601).",
        ),
    ],
)
def test_bad_input_gets_a_clear_message_and_saves_nothing(
    client, staff_editor, university, more, field, message
):
    client.force_login(staff_editor)

    response = client.post(reverse("knowledge:create"), _form_data(university, **more))

    assert response.status_code == 200
    form, files = response.context["form"], response.context["files_formset"]
    if field is None:
        assert files.non_form_errors() == [message]
    elif field == "file":
        assert files.forms[0].errors["file"] == [message]
    else:
        assert form.errors[field] == [message]
    assert KnowledgeItem.objects.count() == 0


def test_a_member_submits_only_for_their_own_institution(client, staff_editor, other_university):
    client.force_login(staff_editor)

    response = client.post(
        reverse("knowledge:create"),
        _form_data(other_university, external_url="https://example.org"),
    )

    assert response.context["form"].errors["universities"] == [
        "Name at least one university or organisation you act for."
    ]


def test_a_coordinator_publishes_returns_and_archives(client, coordinator, make_item):
    submitted = make_item("To review", status=Status.SUBMITTED)
    other = make_item("To return", status=Status.SUBMITTED)
    client.force_login(coordinator)

    queue = client.get(reverse("knowledge:review"))
    client.post(reverse("knowledge:publish", args=[submitted.pk]))
    asked = client.get(reverse("knowledge:return", args=[other.pk]))
    client.post(reverse("knowledge:return", args=[other.pk]), {"reason": "Add sources."})
    confirm = client.get(reverse("knowledge:archive", args=[submitted.pk]))

    assert _titles(queue) == ["To review", "To return"]
    assert asked.status_code == 200
    assert confirm.context["title"] == "Archive “To review”?"
    submitted.refresh_from_db()
    other.refresh_from_db()
    assert (submitted.status, other.status, other.return_reason) == (
        Status.PUBLISHED,
        Status.RETURNED,
        "Add sources.",
    )
    client.post(reverse("knowledge:archive", args=[submitted.pk]))
    submitted.refresh_from_db()
    assert submitted.status == Status.ARCHIVED


def _edit_data(item, stored, **more):
    data = {
        "kind": item.kind,
        "title_en": item.title_en,
        "summary_en": item.summary_en,
        "files-TOTAL_FORMS": "1",
        "files-INITIAL_FORMS": "1",
        "files-MIN_NUM_FORMS": "0",
        "files-MAX_NUM_FORMS": "4",
        "files-0-id": stored.pk,
        "files-0-item": item.pk,
        "files-0-language": stored.language,
        "files-0-licence": stored.licence,
    }
    data.update(more)
    return data


def test_a_coordinators_edit_of_a_published_item_keeps_its_history(client, coordinator, make_item):
    item = make_item(pdf=True)
    stored = item.files.get()
    client.force_login(coordinator)

    response = client.post(
        reverse("knowledge:edit", args=[item.pk]),
        _edit_data(item, stored, title_en="Green hydrogen roadmap, 2025 edition"),
    )

    assert response.status_code == 302
    titles = list(item.history.order_by("history_id").values_list("title_en", "history_user"))
    assert titles[-2:] == [
        ("Green hydrogen roadmap", None),
        ("Green hydrogen roadmap, 2025 edition", coordinator.pk),
    ]
    assert item.files.get().file.name == stored.file.name


def test_removing_the_only_file_of_an_item_without_a_link_is_refused(
    client, coordinator, make_item
):
    item = make_item(pdf=True)
    stored = item.files.get()
    client.force_login(coordinator)

    response = client.post(
        reverse("knowledge:edit", args=[item.pk]),
        _edit_data(item, stored, **{"files-0-DELETE": "on"}),
    )

    assert response.context["files_formset"].non_form_errors() == [
        "Add a file or an external link: an item needs at least one of them."
    ]
    assert item.files.count() == 1


def test_the_library_and_an_item_in_russian(client, make_item, area):
    item = make_item("Green hydrogen roadmap", themes=[area], pdf=True)

    listing = client.get("/ru/library/")
    page = client.get(f"/ru/library/{item.pk}/")

    assert listing.status_code == 200
    assert list(listing.context["items"]) == [item]
    assert page.status_code == 200
    assert 'lang="en"' in page.text  # the English title, marked as such on a Russian page
    assert "Водород" in page.text  # the theme in Russian


def test_a_members_new_item_starts_with_their_university(client, staff_editor, university):
    client.force_login(staff_editor)

    response = client.get(reverse("knowledge:create"))

    assert response.context["form"]["universities"].value() == [university.pk]


def test_an_item_page_names_its_authors_never_by_their_address(client, make_item):
    named = UserFactory(full_name="Aigerim Nurlanova", email="aigerim@example.org")
    nameless = UserFactory(full_name="", email="nameless@example.org")
    item = make_item(authors=[named, nameless], outside_authors="Dr. J. Smith")

    page = client.get(item.get_absolute_url()).content.decode()

    assert "Aigerim Nurlanova, Dr. J. Smith" in page
    assert "nameless@example.org" not in page
    assert "aigerim@example.org" not in page
