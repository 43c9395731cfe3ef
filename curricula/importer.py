"""Bulk import of a university's programmes from CSV: parse and check every row
first (a preview), then save all rows or none. Re-importing updates programmes
matched on their slug (made from the English title when the column is empty)."""

import csv
import io
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from core.bilingual import columns, first_value
from core.forms import form_values
from core.slugs import latin_slug
from universities.models import Language, University

from .forms import ProgrammeForm, find_skill
from .models import Programme, Skill, SkillLevel

COLUMNS = [
    "slug", *columns("title"), "degree", "ects", "duration_months", "languages",
    "delivery", "intake", "tuition_free", "tuition_per_year", "currency",
    *columns("description"), "skills", "status",
]  # fmt: skip
REQUIRED = ["degree", "ects"]
MAX_ROWS = 1000
MAX_BYTES = 2 * 1024 * 1024
ENCODINGS = {"utf-8": "UTF-8", "cp1251": "Windows-1251"}
LEVELS = {"basic": SkillLevel.BASIC, "intermediate": SkillLevel.INTERMEDIATE,
          "advanced": SkillLevel.ADVANCED, "1": 1, "2": 2, "3": 3}  # fmt: skip


class ImportError_(Exception):
    """The whole file is refused; the message is for the user."""


@dataclass
class Row:
    """One line of the file, checked: the programme values and skills it saves
    (``curricula.services.programmes_import``), or the errors that stop it."""

    line: int
    title: str
    slug: str
    programme: Programme | None = None  # the existing programme the row updates
    values: dict[str, Any] = field(default_factory=dict)
    skills: dict[Skill, int] = field(default_factory=dict)  # skill -> level
    errors: list[str] = field(default_factory=list)

    @property
    def updates(self) -> bool:
        return self.programme is not None


def template_csv() -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    writer.writerow(["", "Power Systems and Smart Grids", "Энергосистемы и интеллектуальные сети",
                     "Энергетикалық жүйелер және зияткерлік желілер",
                     "Energetika tizimlari va aqlli tarmoqlar", "master", "120", "24", "ru;en",
                     "on_site", "30", "no", "1500000", "KZT",
                     "", "", "", "", "smart grids:advanced; electricity market:basic",
                     "published"])  # fmt: skip
    return out.getvalue()


def decode(raw: bytes, encoding: str) -> str:
    if len(raw) > MAX_BYTES:
        raise ImportError_(_("The file is larger than 2 MB; split it into smaller files."))
    try:
        return raw.decode("utf-8-sig" if encoding == "utf-8" else encoding)
    except (UnicodeDecodeError, LookupError):
        raise ImportError_(
            _("The file is not valid %(encoding)s text. Save it as UTF-8, or choose Windows-1251.")
            % {"encoding": ENCODINGS.get(encoding, encoding)}
        ) from None


def parse(text: str, university: University) -> list[Row]:
    """Every row of ``text`` checked; raises ImportError_ when the whole file is refused."""
    reader = csv.DictReader(io.StringIO(text))
    header = [name.strip() for name in (reader.fieldnames or [])]
    missing = [name for name in REQUIRED if name not in header]
    if not set(columns("title")) & set(header):
        missing.insert(0, " / ".join(columns("title")))
    if missing:
        raise ImportError_(
            _("The file lacks the columns: %(columns)s. Download the template to see them all.")
            % {"columns": ", ".join(missing)}
        )
    reader.fieldnames = header
    languages = {language.code: language.pk for language in Language.objects.all()}
    rows: list[Row] = []
    for record in reader:
        if len(rows) >= MAX_ROWS:
            raise ImportError_(
                _("The file has more than %(max)d rows; import at most %(max)d at a time.")
                % {"max": MAX_ROWS}
            )
        rows.append(_row(reader.line_num, record, university, languages))
    if not rows:
        raise ImportError_(_("The file has no rows under its header."))
    seen: dict[str, int] = {}
    for row in rows:
        if row.slug in seen:
            row.errors.append(
                _("The same programme appears twice (line %(line)d).") % {"line": seen[row.slug]}
            )
        else:
            seen[row.slug] = row.line
    return rows


def _row(
    line: int, record: dict[str, str | None], university: University, languages: dict[str, int]
) -> Row:
    value = {key: (record.get(key) or "").strip() for key in COLUMNS}
    title = first_value(value, "title")
    slug = latin_slug(value["slug"] or title)[:110]
    existing = Programme.objects.filter(university=university, slug=slug).first()
    row = Row(line=line, title=title, slug=slug, programme=existing)
    if existing is not None and existing.is_archived:
        row.errors.append(
            _("“%(title)s” is archived: restore it before importing into it.")
            % {"title": existing.title}
        )
    codes = [
        code.strip().lower()
        for code in value["languages"].replace(",", ";").split(";")
        if code.strip()
    ]
    unknown = [code for code in codes if code not in languages]
    if unknown:
        row.errors.append(_("Unknown language codes: %(codes)s.") % {"codes": ", ".join(unknown)})
    data = {
        **value,
        "languages": [languages[code] for code in codes if code in languages],
        "tuition_free": value["tuition_free"].lower() in {"yes", "true", "1", "да"},
        "delivery": value["delivery"] or Programme.Delivery.ON_SITE,
        "status": value["status"] or Programme.Status.DRAFT,
    }
    form = ProgrammeForm(data, instance=existing, university=university)
    if not existing:
        form.instance.slug = slug  # so that the uniqueness checks see it
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        row.errors += [f"{label}: {error}" if label else str(error) for error in errors]
    if form.is_valid():
        row.values = form_values(form)
    for item in filter(None, (part.strip() for part in value["skills"].split(";"))):
        name, _sep, level = item.rpartition(":") if ":" in item else (item, "", "intermediate")
        skill = find_skill(name)
        if skill is None:
            row.errors.append(_("No skill called “%(name)s” in the taxonomy.") % {"name": name})
        elif level.strip().lower() not in LEVELS:
            row.errors.append(
                _("Unknown skill level “%(level)s”: use basic, intermediate or advanced.")
                % {"level": level}
            )
        else:
            row.skills[skill] = LEVELS[level.strip().lower()]
    return row
