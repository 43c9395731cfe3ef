"""Small PDFs made here, with correct cross-reference offsets, for the upload tests."""

OBJECTS = [
    b"<< /Type /Catalog /Pages 2 0 R >>",
    b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 144] >>",
]


def _body() -> tuple[bytearray, list[int]]:
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(OBJECTS, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    return out, offsets


def table_pdf(*, root: bool = True) -> bytes:
    """A one-page PDF with a classic cross-reference table and trailer."""
    out, offsets = _body()
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(OBJECTS) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    names_root = b" /Root 1 0 R" if root else b""
    out += b"trailer\n<< /Size %d%s >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(OBJECTS) + 1,
        names_root,
        xref,
    )
    return bytes(out)


def stream_pdf() -> bytes:
    """A PDF 1.5 whose cross-references are a stream (as most producers write today)."""
    out, offsets = _body()
    xref = len(out)
    rows = b"".join(b"\x01" + offset.to_bytes(2, "big") + b"\x00" for offset in offsets)
    data = b"\x00\x00\x00\xff" + rows
    out += b"4 0 obj\n<< /Type /XRef /Size 5 /W [1 2 1] /Root 1 0 R /Length %d >>\nstream\n" % len(
        data
    )
    out += data + b"\nendstream\nendobj\n"
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)
