"""Reading an import file: CSV or XLSX, its separator (comma, semicolon or tab) and
its encoding (UTF-8 with or without BOM, or Windows-1251) detected, or as the user
says; a file whose rows mix separators is refused."""

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from django.utils.translation import gettext as _

MAX_BYTES = 2 * 1024 * 1024
ENCODINGS = {"utf-8": "UTF-8", "cp1251": "Windows-1251"}
SEPARATORS = {"comma": ",", "semicolon": ";", "tab": "\t"}
XLSX = "xlsx"


class ImportError_(Exception):
    """The whole file is refused; the message is for the user."""


def separator_names() -> dict[str, str]:
    return {
        ",": _("Comma-separated"),
        ";": _("Semicolon-separated"),
        "\t": _("Tab-separated"),
    }


@dataclass(frozen=True)
class Source:
    """A file read: its text as CSV, the separator and the encoding found (or given)."""

    text: str
    separator: str
    encoding: str  # a key of ENCODINGS, or XLSX

    def described(self) -> str:
        """What was detected, for the preview: "Semicolon-separated, Windows-1251"."""
        if self.encoding == XLSX:
            return _("Excel workbook (first sheet)")
        return f"{separator_names()[self.separator]}, {ENCODINGS[self.encoding]}"


def _looks_cyrillic(text: str) -> bool:
    letters = [char for char in text if not char.isascii() and char.isalpha()]
    cyrillic = [char for char in letters if "\u0400" <= char <= "\u04ff"]
    return bool(letters) and len(cyrillic) >= 0.8 * len(letters)


def decode(raw: bytes, encoding: str = "") -> tuple[str, str]:
    """``raw`` as text and the encoding it was read in: ``encoding`` when given (a key
    of ENCODINGS), else UTF-8 (with or without BOM), else Windows-1251 if it reads as
    Cyrillic text."""
    if len(raw) > MAX_BYTES:
        raise ImportError_(_("The file is larger than 2 MB; split it into smaller files."))
    if encoding:
        try:
            return raw.decode("utf-8-sig" if encoding == "utf-8" else encoding), encoding
        except (UnicodeDecodeError, LookupError):
            raise ImportError_(
                _(
                    "The file is not valid %(encoding)s text. Save it as UTF-8, or choose "
                    "another encoding."
                )
                % {"encoding": ENCODINGS.get(encoding, encoding)}
            ) from None
    try:
        return raw.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    text = raw.decode("cp1251", errors="replace")
    if "\ufffd" not in text and _looks_cyrillic(text):
        return text, "cp1251"
    raise ImportError_(
        _(
            "The file is neither UTF-8 nor Windows-1251 text. Save it as “CSV UTF-8”, "
            "or choose its encoding."
        )
    )


def detect_separator(text: str) -> str:
    """The separator of ``text``'s header line: the one of comma, semicolon and tab it
    holds most of outside quotes (comma when it holds none)."""
    header = text.split("\n", 1)[0]
    counts = dict.fromkeys(SEPARATORS.values(), 0)
    quoted = False
    for char in header:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    best = max(counts, key=lambda separator: counts[separator])
    return best if counts[best] else ","


def _xlsx_text(raw: bytes) -> str:
    """The first sheet of a workbook as comma-separated text."""
    from openpyxl import load_workbook  # noqa: PLC0415 - only for workbooks

    try:
        book = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except Exception:  # a damaged or password-protected workbook: openpyxl raises many kinds
        raise ImportError_(_("The workbook cannot be read: save it again as .xlsx.")) from None
    out = io.StringIO()
    writer = csv.writer(out)
    for values in book.worksheets[0].iter_rows(values_only=True):
        writer.writerow([_xlsx_cell(value) for value in values])
    book.close()
    return out.getvalue()


def _xlsx_cell(value: Any) -> str:
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def read(raw: bytes, *, filename: str = "", encoding: str = "", separator: str = "") -> Source:
    """The file as CSV text: a workbook's first sheet, or a text file decoded as
    ``encoding`` (detected when empty) and split by ``separator`` (a key of
    SEPARATORS; detected when empty)."""
    if len(raw) > MAX_BYTES:
        raise ImportError_(_("The file is larger than 2 MB; split it into smaller files."))
    if raw.startswith(b"PK\x03\x04") or filename.lower().endswith(".xlsx"):
        return Source(text=_xlsx_text(raw), separator=",", encoding=XLSX)
    text, found = decode(raw, encoding)
    chosen = SEPARATORS.get(separator) or detect_separator(text)
    return Source(text=text, separator=chosen, encoding=found)


def _mixed(line: str, separator: str, width: int) -> str | None:
    """The other separator a line is split by, when it is not ``separator``."""
    names = separator_names()
    for other in SEPARATORS.values():
        if other != separator and len(next(csv.reader([line], delimiter=other), [])) >= width:
            return names[other].lower()
    return None


# --- checking the rows ---------------------------------------------------------------
