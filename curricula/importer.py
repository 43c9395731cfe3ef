"""Bulk import of a university's programmes from CSV or XLSX: read the file
(separator and encoding detected, or as the user says), check every row first (a
preview), then save all rows or none. Re-importing updates programmes matched on
their slug (made from the English title when the column is empty).

The export writes the same columns (``cells`` gives a programme's row), so that an
exported file imports back unchanged. A column left out of the file leaves that
detail of an updated programme as it is."""

import csv
import io
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils import timezone
from django.utils.translation import gettext as _

from core.bilingual import columns, first_value
from core.forms import form_values
from core.slugs import latin_slug
from universities.models import Language, University

from .forms import ProgrammeForm, find_skill
from .import_columns import (  # noqa: F401 - the columns, named here too
    COLUMNS,
    FIELDS,
    LEVEL_NAMES,
    LISTS,
    _month,
    _text,
    cells,
    relation_cells,
)
from .import_files import (  # noqa: F401 - the importer's reading, named here too
    ENCODINGS,
    MAX_BYTES,
    SEPARATORS,
    XLSX,
    ImportError_,
    Source,
    _mixed,
    decode,
    detect_separator,
    read,
    separator_names,
)
from .models import (
    Accreditation,
    AccreditationAgency,
    Field,
    Programme,
    Skill,
    SkillLevel,
)

REQUIRED = ["degree", "ects"]
MAX_ROWS = 1000
# Files with more rows are saved by a background job (curricula.import_jobs).
JOB_THRESHOLD = 200
LEVELS = {"basic": SkillLevel.BASIC, "intermediate": SkillLevel.INTERMEDIATE,
          "advanced": SkillLevel.ADVANCED, "1": 1, "2": 2, "3": 3}  # fmt: skip
YES = {"yes", "true", "1", "да", "иә", "ha", "y"}


@dataclass(frozen=True)
class Change:
    column: str
    old: str
    new: str


@dataclass
class Row:
    """One line of the file, checked: the programme values and relations it saves
    (``curricula.services.programmes_import``), or the errors that stop it."""

    line: int
    title: str
    slug: str
    programme: Programme | None = None  # the existing programme the row updates
    titles: dict[str, str] = field(default_factory=dict)  # language code -> title
    values: dict[str, Any] = field(default_factory=dict)
    skills: dict[Skill, int] = field(default_factory=dict)  # skill -> level
    intakes: dict[date, date] = field(default_factory=dict)  # start -> deadline
    # (agency, decided_on) -> (decision, valid_until, report_url)
    accreditations: dict[tuple[AccreditationAgency, date], tuple[str, date, str]] = field(
        default_factory=dict
    )
    changes: list[Change] = field(default_factory=list)  # for an updated row
    unchanged: bool = False  # an updated row found to change nothing: not saved again
    errors: list[str] = field(default_factory=list)

    @property
    def updates(self) -> bool:
        return self.programme is not None


def _row_cells(row: Row, university: University) -> dict[str, str]:
    """What a checked row would make of the programme, as its cells."""
    values = row.values
    result = {name: _text(values.get(name)) for name in FIELDS}
    result.update(
        relation_cells(
            languages=[language.code for language in values.get("languages", [])],
            intakes=row.intakes,
            skills=[(skill.slug, level) for skill, level in row.skills.items()],
            partners=[partner.slug for partner in values.get("partners", [])],
            accreditations=[
                (agency.slug, decision, decided, until, url)
                for (agency, decided), (decision, until, url) in row.accreditations.items()
            ],
        )
    )
    result["slug"], result["university"] = row.slug, university.slug
    return {name: result[name] for name in COLUMNS}


def template_csv() -> str:
    """The columns and one example row that imports cleanly (its intakes in the
    coming year, its skills and agency real ones of the curated taxonomy and list)."""
    year = timezone.localdate().year
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS)
    writer.writeheader()
    writer.writerow(
        {
            "title_en": "Power Systems and Smart Grids",
            "title_ru": "Энергосистемы и интеллектуальные сети",
            "title_kk": "Энергетикалық жүйелер және зияткерлік желілер",
            "title_uz": "Energetika tizimlari va aqlli tarmoqlar",
            "degree": "master", "field": "0713", "ects": "120", "duration_months": "24",
            "languages": "ru;en", "delivery": "on_site", "intake": "30", "tuition_free": "no",
            "tuition_per_year": "1500000", "tuition_international": "2500000",
            "currency": "KZT", "official_url": "https://example.edu/programmes/smart-grids",
            "application_url": "https://example.edu/apply", "entry_degree": "bachelor",
            "language_test": "IELTS", "language_level": "5.5",
            "intakes": f"{year + 1}-09:{year + 1}-07-15; {year + 2}-02:{year + 1}-12-15",
            "skills": "grid-scale-battery-storage:advanced; demand-response:intermediate",
            "accreditations": f"iaar:accredited:{year - 1}-06-01:{year + 4}-05-31",
            "status": "draft",
        }
    )  # fmt: skip
    return out.getvalue()


# --- reading the file ----------------------------------------------------------------


def parse(
    text: str,
    university: University,
    separator: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> list[Row]:
    """Every row of ``text`` checked; raises ImportError_ when the whole file is
    refused. ``progress(done, total)`` is called as rows are checked."""
    separator = separator or detect_separator(text)
    lines = text.splitlines()
    reader = csv.reader(io.StringIO(text), delimiter=separator)
    header = [name.strip().lower() for name in next(reader, [])]
    _check_header(header)
    records: list[tuple[int, dict[str, str]]] = []
    start = reader.line_num + 1
    for record in reader:
        line, start = start, reader.line_num + 1
        if not any(value.strip() for value in record):
            continue
        if len(record) != len(header) and len(header) > 1:
            other = _mixed(lines[line - 1] if line <= len(lines) else "", separator, len(header))
            if other is not None:
                raise ImportError_(
                    _(
                        "Line %(line)d is %(found)s, but the header is %(expected)s: save "
                        "the whole file with one separator."
                    )
                    % {
                        "line": line,
                        "found": other,
                        "expected": separator_names()[separator].lower(),
                    }
                )
        if len(records) >= MAX_ROWS:
            raise ImportError_(
                _("The file has more than %(max)d rows; import at most %(max)d at a time.")
                % {"max": MAX_ROWS}
            )
        records.append((line, dict(zip(header, record, strict=False))))
    if not records:
        raise ImportError_(_("The file has no rows under its header."))
    context = _Context(university, set(header))
    rows = []
    for done, (line, values) in enumerate(records, start=1):
        rows.append(_row(line, values, context))
        if progress is not None:
            progress(done, len(records))
    _flag_twice(rows)
    return rows


def _check_header(header: list[str]) -> None:
    missing = [name for name in REQUIRED if name not in header]
    if not set(columns("title")) & set(header):
        missing.insert(0, " / ".join(columns("title")))
    if missing:
        raise ImportError_(
            _("The file lacks the columns: %(columns)s. Download the template to see them all.")
            % {"columns": ", ".join(missing)}
        )


def _flag_twice(rows: list[Row]) -> None:
    seen: dict[str, int] = {}
    for row in rows:
        if row.slug in seen:
            row.errors.append(
                _("The same programme appears twice (line %(line)d).") % {"line": seen[row.slug]}
            )
        else:
            seen[row.slug] = row.line


class _Context:
    """What every row is checked against, read once per file."""

    def __init__(self, university: University, header: set[str]) -> None:
        self.university = university
        self.header = header
        self.languages = {language.code: language.pk for language in Language.objects.all()}
        self.fields = dict(Field.objects.values_list("code", "pk"))
        self.agencies = {agency.slug: agency for agency in AccreditationAgency.objects.all()}
        self.universities = dict(University.objects.values_list("slug", "pk"))
        self.today = timezone.localdate()


def _existing(university: University, slug: str) -> Programme | None:
    return (
        Programme.objects.filter(university=university, slug=slug)
        .select_related("university", "field")
        .prefetch_related(
            "languages", "partners", "intakes", "programme_skills__skill", "accreditations__agency"
        )
        .first()
    )


def _row(line: int, record: Mapping[str, str | None], context: _Context) -> Row:
    given = {key: (record.get(key) or "").strip() for key in COLUMNS if key in context.header}
    title = first_value(given, "title")
    slug = latin_slug(given.get("slug") or title)[:110]
    existing = _existing(context.university, slug)
    row = Row(line=line, title=title, slug=slug, programme=existing)
    if existing is not None and existing.is_archived:
        row.errors.append(
            _("“%(title)s” is archived: restore it before importing into it.")
            % {"title": existing.title}
        )
        return row
    before = cells(existing) if existing is not None else dict.fromkeys(COLUMNS, "")
    value = {**before, **given}
    row.title = first_value(value, "title")
    row.titles = {name.rsplit("_", 1)[1]: value[name] for name in columns("title")}
    if value["university"] and value["university"] != context.university.slug:
        row.errors.append(
            _("This row is a programme of “%(slug)s”: import it on that university's page.")
            % {"slug": value["university"]}
        )
    _check_form(row, value, context)
    _check_skills(row, value["skills"], existing)
    _check_intakes(row, value["intakes"], existing, context)
    _check_accreditations(row, value["accreditations"], context)
    if existing is not None and not row.errors:
        after = _row_cells(row, context.university)
        row.changes = [
            Change(name, before[name], after[name])
            for name in COLUMNS
            if before[name] != after[name]
        ]
        row.unchanged = not row.changes
    return row


def _codes(text: str) -> list[str]:
    return [part.strip() for part in text.replace(",", ";").split(";") if part.strip()]


def _check_form(row: Row, value: dict[str, str], context: _Context) -> None:
    """The programme's own fields, languages, field and partners, through its form."""
    languages = [code.lower() for code in _codes(value["languages"])]
    unknown = [code for code in languages if code not in context.languages]
    if unknown:
        row.errors.append(_("Unknown language codes: %(codes)s.") % {"codes": ", ".join(unknown)})
    partners = [slug.lower() for slug in _codes(value["partners"])]
    for slug in partners:
        if slug not in context.universities:
            row.errors.append(_("No university has the address name “%(slug)s”.") % {"slug": slug})
        elif slug == context.university.slug:
            row.errors.append(_("A university cannot be its own partner."))
    code = value["field"]
    code = code.zfill(4) if code.isdigit() and len(code) == 3 else code
    if code and code not in context.fields:
        row.errors.append(_("No ISCED-F field has the code “%(code)s”.") % {"code": code})
    data: dict[str, Any] = {
        **value,
        "field": context.fields.get(code, ""),
        "languages": [context.languages[c] for c in languages if c in context.languages],
        "partners": [
            context.universities[s]
            for s in partners
            if s in context.universities and s != context.university.slug
        ],
        "tuition_free": value["tuition_free"].lower() in YES,
        "delivery": value["delivery"] or Programme.Delivery.ON_SITE,
        "status": value["status"] or Programme.Status.DRAFT,
    }
    form = ProgrammeForm(data, instance=row.programme, university=context.university)
    if row.programme is None:
        form.instance.slug = row.slug  # so that the uniqueness checks see it
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        row.errors += [f"{label}: {error}" if label else str(error) for error in errors]
    if form.is_valid():
        row.values = form_values(form)
        row.values["languages"] = list(row.values["languages"])
        row.values["partners"] = list(row.values["partners"])


def _items(text: str) -> list[str]:
    return [part.strip() for part in text.split(";") if part.strip()]


def _find_skill(name: str, existing: Programme | None) -> Skill | None:
    """The skill named ``name``: by its slug first (a retired skill the programme
    has already keeps it), else as ``find_skill`` finds one."""
    by_slug = Skill.objects.filter(slug=name.lower()).first()
    if by_slug is not None and (
        not by_slug.is_retired
        or (existing is not None and existing.programme_skills.filter(skill=by_slug).exists())
    ):
        return by_slug
    return find_skill(name)


def _check_skills(row: Row, text: str, existing: Programme | None) -> None:
    for item in _items(text):
        name, _sep, level = item.rpartition(":") if ":" in item else (item, "", "intermediate")
        skill = _find_skill(name.strip(), existing)
        if skill is None:
            row.errors.append(_("No skill called “%(name)s” in the taxonomy.") % {"name": name})
        elif level.strip().lower() not in LEVELS:
            row.errors.append(
                _("Unknown skill level “%(level)s”: use basic, intermediate or advanced.")
                % {"level": level}
            )
        else:
            row.skills[skill] = LEVELS[level.strip().lower()]


def _day(text: str, *, month: bool = False) -> date:
    text = text.strip()
    if month and len(text) == 7:
        text += "-01"
    return date.fromisoformat(text)


def _check_intakes(row: Row, text: str, existing: Programme | None, context: _Context) -> None:
    """Intakes as "start:deadline" (start a month 2027-09 or a day): the deadline on
    or before the start, none starting in the past unless the programme has it."""
    kept = set()
    if existing is not None:
        kept = {(i.starts_on, i.application_deadline) for i in existing.intakes.all()}
    for item in _items(text):
        start_text, _sep, deadline_text = item.partition(":")
        try:
            start, deadline = _day(start_text, month=True), _day(deadline_text)
        except ValueError:
            row.errors.append(
                _("Intake “%(item)s”: write it as start month:deadline, e.g. 2027-09:2027-06-30.")
                % {"item": item}
            )
            continue
        if deadline > start:
            row.errors.append(
                _("Intake %(start)s: the application deadline must come before the start.")
                % {"start": _month(start)}
            )
        elif start < context.today and (start, deadline) not in kept:
            row.errors.append(
                _("Intake %(start)s: it starts in the past.") % {"start": _month(start)}
            )
        elif start in row.intakes:
            row.errors.append(_("Intake %(start)s is given twice.") % {"start": _month(start)})
        else:
            row.intakes[start] = deadline


def _check_accreditations(row: Row, text: str, context: _Context) -> None:
    """Accreditations as "agency:decision:decided_on:valid_until:report_url", the
    agency a slug of the maintained list."""
    decisions = set(Accreditation.Decision.values)
    for item in _items(text):
        parts = [part.strip() for part in item.split(":", 4)]
        slug = parts[0].lower()
        agency = context.agencies.get(slug)
        if agency is None:
            row.errors.append(
                _(
                    "“%(name)s” is not an accreditation agency of the list: use the address "
                    "name of a listed agency (e.g. iaar)."
                )
                % {"name": parts[0]}
            )
            continue
        parts += [""] * (5 - len(parts))
        decision, decided_text, until_text, url = parts[1].lower() or "accredited", *parts[2:]
        try:
            decided, until = _day(decided_text), _day(until_text)
        except ValueError:
            row.errors.append(
                _(
                    "Accreditation by %(agency)s: give the decision date and the end date, "
                    "e.g. iaar:accredited:2025-06-01:2030-05-31."
                )
                % {"agency": agency.acronym or agency.slug}
            )
            continue
        problem = _accreditation_problem(decision, decided, until, url, decisions)
        if problem:
            row.errors.append(
                _("Accreditation by %(agency)s: %(problem)s")
                % {"agency": agency.acronym or agency.slug, "problem": problem}
            )
        else:
            row.accreditations[(agency, decided)] = (decision, until, url)


def _accreditation_problem(
    decision: str, decided: date, until: date, url: str, decisions: set[str]
) -> str:
    if decision not in decisions:
        return _("the decision is “accredited” or “conditions”.")
    if until <= decided:
        return _("an accreditation must end after it was decided.")
    if url:
        try:
            URLValidator()(url)
        except ValidationError:
            return _("the report link is not a valid address.")
    return ""
