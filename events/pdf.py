"""Is an upload a real PDF? A structural check of its ends (no PDF library is
installed): the header, ``%%EOF`` at the end, and a ``startxref`` offset that points
to a cross-reference table (followed by a trailer naming the document's /Root) or to
a cross-reference stream that names it. A file that merely starts with ``%PDF-``
(an HTML page renamed, a truncated upload) fails.
"""

import re
from typing import IO

HEAD = 1024
TAIL = 2048
AT_XREF = 4096
# A few bytes of slack around the recorded offset, as PDF readers allow.
SLACK = 16

_HEADER = re.compile(rb"%PDF-[12]\.\d")
_STARTXREF = re.compile(rb"startxref\s+(\d+)\s+%%EOF\s*$")
_OBJECT = re.compile(rb"\d+\s+\d+\s+obj\b")


def _read(file: IO[bytes], start: int, size: int) -> bytes:
    file.seek(max(start, 0))
    return file.read(size)


def _size(file: IO[bytes]) -> int:
    file.seek(0, 2)
    return file.tell()


def is_pdf(file: IO[bytes]) -> bool:
    """True when ``file`` has the structure of a PDF; leaves it at its start."""
    try:
        return _check(file)
    finally:
        file.seek(0)


def _xref_at(file: IO[bytes], offset: int) -> bytes:
    """What the ``startxref`` offset points to, from the ``xref`` keyword or the
    object's number on; empty when neither is within ``SLACK`` bytes of it."""
    window = _read(file, offset - SLACK, AT_XREF + 2 * SLACK)
    for start in sorted(range(min(2 * SLACK, len(window))), key=lambda i: abs(i - SLACK)):
        rest = window[start:]
        if rest.startswith(b"xref") or (
            _OBJECT.match(rest) and (start == 0 or not window[start - 1 : start].isdigit())
        ):
            return rest
    return b""


def _check(file: IO[bytes]) -> bool:
    size = _size(file)
    if not _HEADER.match(_read(file, 0, HEAD)):
        return False
    tail = _read(file, size - TAIL, TAIL)
    found = _STARTXREF.search(tail)
    if found is None:
        return False
    offset = int(found.group(1))
    if not 0 < offset < size:
        return False
    target = _xref_at(file, offset)
    if target.startswith(b"xref"):  # a table: its trailer names the /Root
        before = tail[: found.start()]
        return b"trailer" in before and b"/Root" in before.rsplit(b"trailer", 1)[-1]
    # A cross-reference stream: an object of /Type /XRef whose dictionary names the /Root.
    dictionary = target.split(b"stream", 1)[0]
    return b"/XRef" in dictionary and b"/Root" in dictionary
