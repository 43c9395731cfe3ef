"""Uploads are checked by their content: the format is what the bytes say, not the name."""

import io

import pytest
from django.core.exceptions import ValidationError

from knowledge.files import MAX_FILE_BYTES, check_upload, detect_format

from .conftest import ooxml


def test_a_pdf_is_found_by_its_structure(pdf_bytes):
    assert detect_format(io.BytesIO(pdf_bytes)) == "pdf"


@pytest.mark.parametrize(
    ("part", "expected"),
    [("word/document.xml", "docx"), ("xl/workbook.xml", "xlsx"), ("ppt/presentation.xml", "pptx")],
)
def test_an_office_document_is_found_by_its_main_part(part, expected):
    assert detect_format(io.BytesIO(ooxml(part))) == expected


def test_a_zip_without_a_main_part_is_no_document():
    assert detect_format(io.BytesIO(ooxml("readme.txt"))) is None


def test_an_html_page_renamed_is_refused():
    with pytest.raises(ValidationError) as refused:
        check_upload(io.BytesIO(b"<html>%PDF-1.4</html>"), 22)
    assert refused.value.messages == ["This file is not a PDF, DOCX, XLSX or PPTX document."]


def test_a_file_over_20_mb_is_refused_before_it_is_read(pdf_bytes):
    with pytest.raises(ValidationError) as refused:
        check_upload(io.BytesIO(pdf_bytes), MAX_FILE_BYTES + 1)
    assert refused.value.messages == ["The file is 20.0\xa0MB; the largest accepted is 20.0\xa0MB."]
