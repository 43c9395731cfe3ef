import io
import zipfile

import pytest
from django.core.files.base import ContentFile

from knowledge.models import KnowledgeFile, KnowledgeItem
from tests.events.pdfs import table_pdf
from universities.models import ResearchArea


def ooxml(main_part: str) -> bytes:
    """The smallest zip that has the parts an Office Open XML document of a kind has."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(main_part, "<document/>")
    return buffer.getvalue()


@pytest.fixture
def pdf_bytes():
    return table_pdf()


@pytest.fixture
def area(db):
    return ResearchArea.objects.get(slug="hydrogen")  # a reference row of the migrations


@pytest.fixture
def make_item(db):
    """An item with a link (or a PDF with ``pdf=True``), published unless told."""

    def make(title="Green hydrogen roadmap", *, status=KnowledgeItem.Status.PUBLISHED,
             pdf=False, universities=(), organisations=(), themes=(), skills=(), authors=(),
             **values):  # fmt: skip
        values.setdefault("kind", KnowledgeItem.Kind.REPORT)
        if not pdf:
            values.setdefault("external_url", "https://example.org/report")
        item = KnowledgeItem.objects.create(
            title_en=title, summary_en=f"About {title}.", status=status, **values
        )
        item.universities.set(universities)
        item.organisations.set(organisations)
        item.themes.set(themes)
        item.skills.set(skills)
        item.authors.set(authors)
        if pdf:
            KnowledgeFile.objects.create(
                item=item, language="ru", file=ContentFile(table_pdf(), name="x.pdf"), format="pdf"
            )
        item.refresh_search_document()
        return item

    return make
