"""Is an upload really a PDF, DOCX, XLSX or PPTX? Decided by its content, never by
its name: a PDF by its structure (events/pdf.py), an Office Open XML document as a
zip archive holding ``[Content_Types].xml`` and the main part of its kind."""

import zipfile
from typing import IO

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from events.pdf import is_pdf

MAX_FILE_BYTES = 20 * 1024 * 1024

# The part every document of the kind has, whatever wrote it.
MAIN_PARTS = {
    "docx": "word/document.xml",
    "xlsx": "xl/workbook.xml",
    "pptx": "ppt/presentation.xml",
}


def ooxml_format(file: IO[bytes]) -> str | None:
    """ "docx", "xlsx" or "pptx" when ``file`` is such a document; leaves it at its start.
    Only the archive's directory is read: nothing is decompressed."""
    try:
        file.seek(0)
        if not zipfile.is_zipfile(file):
            return None
        file.seek(0)
        with zipfile.ZipFile(file) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    finally:
        file.seek(0)
    if "[Content_Types].xml" not in names:
        return None
    for kind, part in MAIN_PARTS.items():
        if part in names:
            return kind
    return None


def detect_format(file: IO[bytes]) -> str | None:
    """The format of ``file`` found in its content, or None."""
    if is_pdf(file):
        return "pdf"
    return ooxml_format(file)


def check_upload(file: IO[bytes], size: int) -> str:
    """The format of an upload of ``size`` bytes; ``ValidationError`` with a message a
    user can act on when it is too large or of another kind."""
    if size > MAX_FILE_BYTES:
        raise ValidationError(
            _("The file is %(size)s; the largest accepted is %(limit)s."),
            code="too_large",
            params={"size": filesizeformat(size), "limit": filesizeformat(MAX_FILE_BYTES)},
        )
    found = detect_format(file)
    if found is None:
        raise ValidationError(
            _("This file is not a PDF, DOCX, XLSX or PPTX document."), code="wrong_type"
        )
    return found
