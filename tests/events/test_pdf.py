"""Slides must be real PDFs: their structure is checked, not only their first bytes."""

import io

import pytest

from events.pdf import is_pdf

from .pdfs import stream_pdf, table_pdf


def _is_pdf(data: bytes) -> bool:
    return is_pdf(io.BytesIO(data))


def test_a_pdf_with_a_cross_reference_table_is_accepted():
    assert _is_pdf(table_pdf()) is True


def test_a_pdf_with_a_cross_reference_stream_is_accepted():
    assert _is_pdf(stream_pdf()) is True


def test_a_pdf_with_an_offset_a_few_bytes_out_is_accepted_as_readers_do():
    data = table_pdf().replace(b"xref\n0 4", b"\n\nxref\n0 4", 1)
    assert _is_pdf(data) is True


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(b"<html>not a pdf</html>", id="html"),
        pytest.param(b"%PDF-1.7\n%%EOF", id="header-and-end-only"),
        pytest.param(table_pdf()[:-40], id="truncated"),
        pytest.param(table_pdf(root=False), id="trailer-without-root"),
        pytest.param(table_pdf().replace(b"startxref\n", b"startxref\n9"), id="offset-past-end"),
        pytest.param(
            b"%PDF-1.4\n" + b"x" * 500 + b"\nstartxref\n20\n%%EOF\n", id="offset-to-nothing"
        ),
        pytest.param(b"", id="empty"),
    ],
)
def test_anything_else_is_refused(data):
    assert _is_pdf(data) is False


def test_the_file_is_left_at_its_start():
    upload = io.BytesIO(table_pdf())
    is_pdf(upload)
    assert upload.tell() == 0
