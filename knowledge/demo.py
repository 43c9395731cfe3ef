# ruff: noqa: E501  (the demo texts are one line per language)
"""Demo knowledge items (marked ``is_demo``): reports, policy briefs, guidance for
industry from real universities' strengths, tools, guides, case studies, datasets,
commentary and news of the demo events, all published.

Each item is written by its party (``DemoItem.country``: the university or
organisation behind it, or UNECE) in English and Russian, and in Kazakh or Uzbek
(Latin script) in Kazakhstan or Uzbekistan (``universities.seed.demo_columns``).
Items with files have one small generated file per language of their party: a
one-page PDF, or an XLSX workbook for datasets and tools, checked like an upload
(``files.check_upload``).

Written directly rather than through the editorial workflow (``services``), which
e-mails the authors at each step. Idempotent: items are matched on their English
title among the demo items, their texts rewritten and their themes, skills,
institutions, countries and files replaced; a file whose content is unchanged is
kept, an item whose values are unchanged is not saved again (its history stays as
it is). Demo items no longer in the list are deleted.
"""

import io
import textwrap
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from curricula.demo import resolve_skills
from events.models import Event
from industry.models import Organisation
from universities.countries import CENTRAL_ASIA
from universities.models import ResearchArea, University
from universities.seed import Texts, demo_columns, demo_languages

from .files import check_upload
from .models import ItemCountry, KnowledgeFile, KnowledgeItem

Kind = KnowledgeItem.Kind
Licence = KnowledgeFile.Licence
ALMATY = ZoneInfo("Asia/Almaty")
# UNECE is no country's party: it writes in English and Russian.
UNECE = ""
REGION = CENTRAL_ASIA

# A cell of a dataset: a number, a text the same in every language, or a text per language.
Cell = int | float | str | Mapping[str, str]


@dataclass(frozen=True)
class Table:
    """The sheet of a dataset: a header per column (per language) and the rows."""

    headers: tuple[Texts, ...]
    rows: tuple[tuple[Cell, ...], ...]


@dataclass(frozen=True)
class DemoItem:
    kind: str
    country: str  # the party's country, which decides its languages ("" for UNECE)
    title: Texts
    summary: Texts
    body: Texts
    themes: tuple[str, ...]  # research area slugs
    skills: tuple[str, ...] = ()  # platform concept slugs or ESCO English labels
    universities: tuple[str, ...] = ()  # slugs
    organisations: tuple[str, ...] = ()  # slugs
    countries: tuple[str, ...] = ()
    outside_authors: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()  # e-mails of demo accounts
    days_ago: int = 30
    event: str = ""  # the English title of the demo event a news item is about
    event_days: int = 0  # its publication, in days from the event's start
    file_format: str = ""  # "pdf" or "xlsx": one file in each of the party's languages
    table: Table | None = None  # the sheet of an "xlsx" file
    licence: str = Licence.CC_BY
    external_url: str = ""
    featured: bool = False

    def texts(self) -> dict[str, Texts]:
        return {"title": self.title, "summary": self.summary, "body": self.body}


# --- Generated files -------------------------------------------------------------

PAGE_WIDTH, PAGE_HEIGHT = 595, 842  # A4 in points
# The zip entries' date, fixed so that the same workbook gives the same bytes.
ZIP_TIME = (2026, 1, 1, 0, 0, 0)
WORKBOOK_TIME = datetime(2026, 1, 1)  # noqa: DTZ001 (OOXML core properties are naive UTC)


def _font_codes(texts: Sequence[str]) -> dict[str, int]:
    """A code from 128 on for each character beyond ASCII (at most 128 of them)."""
    extra = sorted({char for text in texts for char in text if ord(char) > 126})
    return {char: 128 + index for index, char in enumerate(extra[:128])}


def _hex(text: str, codes: Mapping[str, int]) -> bytes:
    encoded = bytes(ord(char) if ord(char) < 127 else codes.get(char, 63) for char in text)
    return b"<" + encoded.hex().upper().encode() + b">"


def _utf16(text: str) -> bytes:
    """A PDF text string in Unicode, for the document's properties."""
    return b"<FEFF" + text.encode("utf-16-be").hex().upper().encode() + b">"


def demo_pdf(*, title: str, paragraphs: Sequence[str], language: str) -> bytes:
    """A one-page PDF with ``title`` and ``paragraphs`` in Helvetica; characters beyond
    ASCII are named in the font's encoding (``/uni0410`` …), so Cyrillic shows in any
    reader that substitutes a font having them. A few KB."""
    title_lines = textwrap.wrap(title, 55)
    body_lines: list[str] = []
    for paragraph in paragraphs:
        body_lines += [*textwrap.wrap(paragraph, 95), ""]
    codes = _font_codes([title, *paragraphs])
    content = bytearray(b"BT /F1 16 Tf 20 TL 56 %d Td\n" % (PAGE_HEIGHT - 72))
    for line in title_lines:
        content += _hex(line, codes) + b" Tj T*\n"
    content += b"/F1 10 Tf 14 TL T*\n"
    for line in body_lines[:48]:
        content += _hex(line, codes) + b" Tj T*\n"
    content += b"ET\n"
    differences = b" ".join(b"/uni%04X" % ord(char) for char in codes)
    encoding = b"/WinAnsiEncoding"
    if codes:
        encoding = (
            b"<< /Type /Encoding /BaseEncoding /WinAnsiEncoding /Differences [128 %s] >>"
            % differences
        )
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R /Lang (%s) >>" % language.encode(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>"
        % (PAGE_WIDTH, PAGE_HEIGHT),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding %s >>" % encoding,
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), bytes(content)),
        b"<< /Title %s /Subject %s >>"
        % (_utf16(title), _utf16(paragraphs[0] if paragraphs else "")),
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 6 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


class _FixedTimeZip(zipfile.ZipFile):
    """A zip archive whose entries all carry ``ZIP_TIME``, so its bytes depend only on
    what it holds."""

    def writestr(self, zinfo_or_arcname: Any, data: Any, *args: Any, **kwargs: Any) -> None:
        if isinstance(zinfo_or_arcname, str):
            zinfo_or_arcname = zipfile.ZipInfo(zinfo_or_arcname, date_time=ZIP_TIME)
            zinfo_or_arcname.compress_type = zipfile.ZIP_DEFLATED
        super().writestr(zinfo_or_arcname, data, *args, **kwargs)

    def write(self, filename: Any, arcname: Any = None, *args: Any, **kwargs: Any) -> None:
        # openpyxl writes each worksheet from a temporary file.
        with open(filename, "rb") as handle:
            self.writestr(str(arcname or filename), handle.read())


def _cell(value: Cell, language: str) -> int | float | str:
    if isinstance(value, Mapping):
        return value.get(language) or value["en"]
    return value


def demo_xlsx(*, title: str, table: Table, language: str) -> bytes:
    """A workbook of one sheet: the title, then the table with its headers in
    ``language``. The same table gives the same bytes."""
    from openpyxl import Workbook  # noqa: PLC0415 - 20 MB, for the demo data only
    from openpyxl.writer.excel import ExcelWriter  # noqa: PLC0415

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None  # noqa: S101 (a new workbook has its sheet)
    sheet.title = "data"
    sheet.append([title])
    sheet.append([])
    sheet.append([_cell(header, language) for header in table.headers])
    for row in table.rows:
        sheet.append([_cell(value, language) for value in row])
    workbook.properties.creator = "UNECE Central Asian Regional Platform (demo)"
    workbook.properties.title = title
    workbook.properties.language = language
    workbook.properties.created = workbook.properties.modified = WORKBOOK_TIME
    buffer = io.BytesIO()
    with _FixedTimeZip(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(workbook, archive).write_data()
    return buffer.getvalue()


def demo_files(demo: DemoItem) -> dict[str, tuple[bytes, str]]:
    """The item's files, by language: (content, format found in it)."""
    files = {}
    for language in demo_languages(demo.country) if demo.file_format else ():
        title = demo.title[language]
        if demo.file_format == "xlsx" and demo.table is not None:
            content = demo_xlsx(title=title, table=demo.table, language=language)
        else:
            paragraphs = [demo.summary[language], *demo.body[language].split("\n\n")]
            content = demo_pdf(title=title, paragraphs=paragraphs, language=language)
        found = check_upload(io.BytesIO(content), len(content))
        files[language] = (content, found)
    return files


# --- The items -------------------------------------------------------------------

SATBAYEV = "satbayev-university"
KARAGANDA_TECHNICAL = "abylkas-saginov-karaganda-technical-university"
BUKETOV = "karaganda-buketov-university"
KARAGANDA_INDUSTRIAL = "karaganda-industrial-university"
NAZARBAYEV = "nazarbayev-university"
EAST_KAZAKHSTAN = "d-serikbayev-east-kazakhstan-technical-university"
AUPET = (
    "almaty-university-of-power-engineering-and-telecommunications-named-after-gumarbek-daukeyev"
)
TASHKENT_TECHNICAL = "tashkent-state-technical-university"
TURIN_TASHKENT = "turin-polytechnic-university-in-tashkent"
NAVOI = "navoi-state-mining-and-technological-university"
TIIAME = "tashkent-institute-of-irrigation-and-agricultural-mechanization-engineers-national-research-universi"
KYRGYZ_TECHNICAL = "kyrgyz-state-technical-university"
KYRGYZ_CONSTRUCTION = "kyrgyz-state-university-of-construction-transportation-and-architecture"
AUCA = "american-university-of-central-asia"
TAJIK_TECHNICAL = "tajik-technical-university-named-after-academician-m-s-osimi"

STEPPE_GRID = "demo-steppe-power-grid"
KARAGANDA_CARBON = "demo-karaganda-carbon-materials"
FERGANA_SOLAR = "demo-fergana-solar"
TIAN_SHAN_HYDRO = "demo-tian-shan-hydro"
PAMIR_E_MOBILITY = "demo-pamir-e-mobility"

STAFF = "staff@demo.local"
PARTNER = "partner@demo.local"

UNECE_ENERGY = "https://unece.org/sustainable-energy"
UNFC = "https://unece.org/sustainable-energy/unfc-and-sustainable-resource-management"

GUIDANCE = [
    DemoItem(
        Kind.GUIDANCE, "KZ",
        title={
            "en": "Rare-earth separation: directions for Kazakhstan's metallurgical industry",
            "ru": "Разделение редкоземельных элементов: направления развития для металлургии Казахстана",
            "kk": "Сирек жер элементтерін бөлу: Қазақстан металлургиясын дамыту бағыттары",
        },
        summary={
            "en": "Satbayev University advises smelters and concentrators to move from selling mixed rare-earth concentrates to separating the elements themselves, starting with neodymium and praseodymium for permanent magnets (demo).",
            "ru": "Сатпаев университет рекомендует металлургическим и обогатительным предприятиям перейти от продажи коллективных концентратов к собственному разделению элементов, начав с неодима и празеодима для постоянных магнитов (демо).",
            "kk": "Сәтбаев университеті металлургия және байыту кәсіпорындарына ұжымдық концентраттарды сатудан элементтерді өздері бөлуге көшуді, тұрақты магниттерге арналған неодим мен празеодимнен бастауды ұсынады (демо).",
        },
        body={
            "en": "Most of the value of rare earths is made after the concentrate: in solvent extraction, in metal reduction and in magnet alloys. Kazakh producers that stop at the concentrate sell it at a fraction of the price of separated oxides.\n\nWe recommend three steps: a pilot solvent-extraction line for neodymium and praseodymium within two years; traceability of every batch from the deposit (buyers in Europe and Asia now ask for it); and reporting of resources under UNFC so that investors can compare projects.\n\nThe university offers its metallurgy laboratories for test work and a short course for process engineers (demo).",
            "ru": "Основная стоимость редкоземельных элементов создаётся после получения концентрата: при экстракционном разделении, восстановлении металлов и производстве магнитных сплавов. Казахстанские производители, останавливающиеся на концентрате, продают его за малую долю цены разделённых оксидов.\n\nМы рекомендуем три шага: опытную экстракционную линию для неодима и празеодима в течение двух лет; прослеживаемость каждой партии от месторождения (этого уже требуют покупатели в Европе и Азии); отчётность о ресурсах по РКООН, чтобы инвесторы могли сравнивать проекты.\n\nУниверситет предоставляет свои металлургические лаборатории для испытаний и краткосрочный курс для инженеров-технологов (демо).",
            "kk": "Сирек жер элементтерінің негізгі құны концентрат алынғаннан кейін жасалады: экстракциялық бөлуде, металдарды тотықсыздандыруда және магнит қорытпаларын өндіруде. Концентратпен шектелетін қазақстандық өндірушілер оны бөлінген оксидтер бағасының шағын үлесіне сатады.\n\nБіз үш қадамды ұсынамыз: екі жыл ішінде неодим мен празеодимге арналған тәжірибелік экстракциялық желі; әр партияның кен орнынан бастап қадағалануы (мұны Еуропа мен Азиядағы сатып алушылар талап етуде); инвесторлар жобаларды салыстыра алуы үшін ресурстар туралы БҰЖЖ бойынша есептілік.\n\nУниверситет сынақтар үшін өзінің металлургия зертханаларын және инженер-технологтарға арналған қысқа курсты ұсынады (демо).",
        },
        themes=("critical-minerals",),
        skills=("rare-earth-separation-refining", "mineral-traceability", "resource-classification-unfc", "perform electrolysis"),
        universities=(SATBAYEV,), countries=("KZ",),
        authors=(STAFF,), outside_authors=("Gulnara Abenova", "Marat Seitkali"),
        days_ago=12, file_format="pdf", featured=True,
    ),
    DemoItem(
        Kind.GUIDANCE, "KZ",
        title={
            "en": "Lithium from brine and hard rock: what Kazakh producers should build next",
            "ru": "Литий из рассолов и руд: что строить казахстанским производителям",
            "kk": "Тұздықтар мен кендерден литий: қазақстандық өндірушілер не салуы керек",
        },
        summary={
            "en": "Where Kazakhstan's lithium can compete: direct lithium extraction from oilfield brines in the west and spodumene from the pegmatites of East Kazakhstan, with the skills each route needs (demo).",
            "ru": "Где казахстанский литий может быть конкурентоспособен: прямое извлечение лития из попутных вод нефтяных месторождений на западе и сподумен из пегматитов Восточного Казахстана — и какие навыки нужны для каждого пути (демо).",
            "kk": "Қазақстандық литий қай жерде бәсекеге қабілетті бола алады: батыстағы мұнай кен орындарының ілеспе суларынан литийді тікелей алу және Шығыс Қазақстан пегматиттерінен сподумен — әр жолға қажетті дағдылармен (демо).",
        },
        body={
            "en": "Evaporation ponds, the route of South America, do not suit Kazakhstan's climate or brines. Direct lithium extraction with sorbents can use the water already pumped from oilfields, and spodumene concentrate can be refined near the mines of East Kazakhstan.\n\nWe advise companies to run pilot sorbent columns on their own brines before choosing a licensor, to train hydrometallurgists rather than import them, and to plan a refinery for battery-grade carbonate or hydroxide from the start (demo).",
            "ru": "Испарительные бассейны, применяемые в Южной Америке, не подходят ни для климата Казахстана, ни для его рассолов. Прямое извлечение лития сорбентами может использовать воду, уже откачиваемую на нефтяных месторождениях, а сподуменовый концентрат можно перерабатывать рядом с рудниками Восточного Казахстана.\n\nМы советуем компаниям испытать сорбционные колонны на собственных рассолах до выбора лицензиара, готовить гидрометаллургов, а не привлекать их из-за рубежа, и с самого начала планировать производство карбоната или гидроксида лития аккумуляторного качества (демо).",
            "kk": "Оңтүстік Америкада қолданылатын булану бассейндері Қазақстанның климатына да, тұздықтарына да сәйкес келмейді. Литийді сорбенттермен тікелей алу мұнай кен орындарында қазірдің өзінде сорылатын суды пайдалана алады, ал сподумен концентратын Шығыс Қазақстан кеніштерінің жанында өңдеуге болады.\n\nКомпанияларға лицензиарды таңдамас бұрын сорбциялық бағандарды өз тұздықтарында сынауға, гидрометаллургтерді шетелден тартпай, өздері даярлауға және аккумуляторлық сападағы литий карбонаты немесе гидроксиді өндірісін басынан жоспарлауға кеңес береміз (демо).",
        },
        themes=("critical-minerals", "e-mobility-batteries"),
        skills=("lithium-extraction-from-brine", "lithium-from-hard-rock", "cobalt-manganese-processing", "mineral-traceability"),
        universities=(SATBAYEV,), countries=("KZ",),
        authors=(STAFF,), outside_authors=("Askar Bekturov",),
        days_ago=40, file_format="pdf",
    ),
    DemoItem(
        Kind.GUIDANCE, "KZ",
        title={
            "en": "From coal to graphene: technology directions for the Karaganda coal basin",
            "ru": "От угля к графену: технологические направления для Карагандинского угольного бассейна",
            "kk": "Көмірден графенге: Қарағанды көмір бассейніне арналған технологиялық бағыттар",
        },
        summary={
            "en": "Abylkas Saginov Karaganda Technical University sets out how the basin's coal companies can earn more from coal tar pitch, graphene and nanotubes than from burning coal, and which skills they will need (demo).",
            "ru": "Карагандинский технический университет имени Абылкаса Сагинова показывает, как угольные компании бассейна могут зарабатывать на каменноугольном пеке, графене и нанотрубках больше, чем на сжигании угля, и какие навыки им для этого понадобятся (демо).",
            "kk": "Әбілқас Сағынов атындағы Қарағанды техникалық университеті бассейннің көмір компаниялары тас көмір пегінен, графен мен нанотүтікшелерден көмір жағудан гөрі көбірек қалай табыс таба алатынын және бұл үшін қандай дағдылар қажет екенін көрсетеді (демо).",
        },
        body={
            "en": "Karaganda coal is rich in the aromatic compounds from which carbon materials are made. Coke plants already produce coal tar pitch; refined, it is the raw material of graphene, carbon fibre and battery anodes.\n\nWe recommend that coal and coke companies invest first in pitch refining and quality control, then in a graphene pilot line with the university, and that they retrain their process chemists for it rather than hire from abroad. Coal gasification to chemicals is a longer-term option that needs a partner with capital (demo).",
            "ru": "Карагандинский уголь богат ароматическими соединениями, из которых получают углеродные материалы. Коксохимические заводы уже производят каменноугольный пек; после очистки он становится сырьём для графена, углеродного волокна и анодов аккумуляторов.\n\nМы рекомендуем угольным и коксохимическим компаниям сначала вложиться в очистку пека и контроль качества, затем — в опытную линию получения графена вместе с университетом, а химиков-технологов для неё переподготовить, а не нанимать за рубежом. Газификация угля с получением химической продукции — более долгосрочный путь, требующий партнёра с капиталом (демо).",
            "kk": "Қарағанды көмірі көміртекті материалдар алынатын хош иісті қосылыстарға бай. Кокс-химия зауыттары тас көмір пегін қазірдің өзінде шығарады; тазартылғаннан кейін ол графен, көміртекті талшық және аккумулятор анодтары үшін шикізатқа айналады.\n\nКөмір және кокс-химия компанияларына алдымен пекті тазартуға және сапаны бақылауға, содан кейін университетпен бірге графен алудың тәжірибелік желісіне инвестиция салуды, ол үшін химик-технологтарды шетелден жалдамай, қайта даярлауды ұсынамыз. Көмірді химиялық өнімге газдандыру — капиталы бар серіктесті қажет ететін ұзақ мерзімді жол (демо).",
        },
        themes=("coal-chemistry-carbon-materials", "just-transition"),
        skills=("graphene-production-from-coal", "carbon-nanotube-synthesis", "coal-tar-chemistry", "coal-gasification-to-chemicals"),
        universities=(KARAGANDA_TECHNICAL,), organisations=(KARAGANDA_CARBON,), countries=("KZ",),
        outside_authors=("Nurlan Kenzhebekov", "Svetlana Lim"),
        days_ago=20, file_format="pdf", featured=True,
    ),
    DemoItem(
        Kind.GUIDANCE, "UZ",
        title={
            "en": "Grid integration of solar and storage in Uzbekistan: directions for utilities",
            "ru": "Интеграция солнечной генерации и накопителей в энергосистему Узбекистана: направления для энергокомпаний",
            "uz": "Quyosh generatsiyasi va energiya jamlagichlarini Oʻzbekiston energetika tizimiga integratsiyalash: energetika kompaniyalari uchun yoʻnalishlar",
        },
        summary={
            "en": "Tashkent State Technical University advises Uzbekistan's grid companies and solar developers on grid-forming inverters, battery storage at substations and forecasting, as gigawatts of solar plants connect by 2030 (demo).",
            "ru": "Ташкентский государственный технический университет даёт рекомендации сетевым компаниям и девелоперам солнечных станций Узбекистана по сетеобразующим инверторам, накопителям на подстанциях и прогнозированию в связи с подключением гигаватт солнечных мощностей к 2030 году (демо).",
            "uz": "Toshkent davlat texnika universiteti 2030-yilgacha gigavattlab quyosh quvvatlari ulanishi munosabati bilan Oʻzbekiston tarmoq kompaniyalari va quyosh stansiyalari quruvchilariga tarmoq hosil qiluvchi invertorlar, podstansiyalardagi jamlagichlar va prognozlash boʻyicha tavsiyalar beradi (demo).",
        },
        body={
            "en": "Uzbekistan's grid was built around large thermal plants. Solar plants in the Samarkand, Bukhara and Navoi regions now change the flows every afternoon, and the evening peak still falls on gas.\n\nWe recommend that utilities require grid-forming capability in new inverters, place battery storage at the substations where solar output is curtailed, and build day-ahead forecasting into dispatch. Each of these needs protection engineers and data analysts who are scarce today; the university's power systems department offers joint training (demo).",
            "ru": "Энергосистема Узбекистана строилась вокруг крупных тепловых станций. Солнечные станции в Самаркандской, Бухарской и Навоийской областях теперь ежедневно меняют перетоки после полудня, а вечерний пик по-прежнему покрывается газом.\n\nМы рекомендуем энергокомпаниям требовать от новых инверторов сетеобразующих функций, размещать накопители на подстанциях, где ограничивается солнечная выработка, и встроить прогноз на сутки вперёд в диспетчерское управление. Для всего этого нужны специалисты по релейной защите и аналитики данных, которых сегодня не хватает; кафедра энергосистем университета предлагает совместное обучение (демо).",
            "uz": "Oʻzbekiston energetika tizimi yirik issiqlik elektr stansiyalari atrofida qurilgan. Samarqand, Buxoro va Navoiy viloyatlaridagi quyosh stansiyalari endi har kuni tushdan keyin oqimlarni oʻzgartiradi, kechki choʻqqi esa hamon gaz hisobiga qoplanadi.\n\nEnergetika kompaniyalariga yangi invertorlardan tarmoq hosil qilish funksiyasini talab qilishni, quyosh ishlab chiqarishi cheklanadigan podstansiyalarda jamlagichlar oʻrnatishni va bir kun oldinga prognozni dispetcherlik boshqaruviga kiritishni tavsiya etamiz. Bularning barchasi uchun bugungi kunda yetishmayotgan rele himoyasi mutaxassislari va maʼlumotlar tahlilchilari kerak; universitetning energetika tizimlari kafedrasi qoʻshma oʻqitishni taklif etadi (demo).",
        },
        themes=("power-systems-smart-grids", "renewable-energy", "digitalisation-ai-energy"),
        skills=("grid-codes-variable-renewables", "grid-scale-battery-storage", "design smart grids", "demand-response", "data analytics"),
        universities=(TASHKENT_TECHNICAL,), organisations=(FERGANA_SOLAR,), countries=("UZ",),
        outside_authors=("Bakhodir Yusupov", "Malika Karimova"),
        days_ago=8, file_format="pdf", featured=True,
    ),
    DemoItem(
        Kind.GUIDANCE, "KG",
        title={
            "en": "Small hydropower in Kyrgyzstan: modernisation directions for operators",
            "ru": "Малая гидроэнергетика Кыргызстана: направления модернизации для эксплуатирующих компаний",
        },
        summary={
            "en": "Kyrgyz State Technical University tells small hydropower operators what to modernise first: turbines and generators built in the 1950s–60s, automation for remote plants, and planning for rivers whose glaciers are shrinking (demo).",
            "ru": "Кыргызский государственный технический университет рассказывает операторам малых ГЭС, что модернизировать в первую очередь: турбины и генераторы 1950–60-х годов, автоматику для удалённых станций и планирование с учётом рек, чьи ледники сокращаются (демо).",
        },
        body={
            "en": "Many of Kyrgyzstan's small hydropower plants run on equipment older than their operators. Replacing runners and generator windings typically raises output by 10–20 % on the same water.\n\nWe advise operators to survey their plants' condition together, to automate plants that are staffed only for switching, and to base new projects on runoff scenarios for glacier-fed rivers rather than on Soviet-era flow records. The university trains maintenance technicians and can run the hydrological studies (demo).",
            "ru": "Многие малые ГЭС Кыргызстана работают на оборудовании старше их персонала. Замена рабочих колёс и обмоток генераторов обычно повышает выработку на 10–20 % при том же расходе воды.\n\nМы советуем операторам вместе обследовать состояние станций, автоматизировать станции, где персонал нужен лишь для переключений, и основывать новые проекты на сценариях стока рек ледникового питания, а не на данных о расходах советских лет. Университет готовит техников по обслуживанию и может провести гидрологические исследования (демо).",
        },
        themes=("water-energy-nexus", "renewable-energy"),
        skills=("small-hydropower", "glacier-fed-basin-hydrology", "maintain power plant machinery", "electric generators"),
        universities=(KYRGYZ_TECHNICAL,), organisations=(TIAN_SHAN_HYDRO,), countries=("KG",),
        outside_authors=("Aibek Dzhumabaev", "Elena Sokolova"),
        days_ago=26, file_format="pdf",
    ),
    DemoItem(
        Kind.GUIDANCE, "TJ",
        title={
            "en": "Winter deficits and district heating in Tajikistan: directions for energy companies",
            "ru": "Зимний дефицит и теплоснабжение в Таджикистане: направления для энергокомпаний",
        },
        summary={
            "en": "The Tajik Technical University named after M. Osimi advises energy companies on closing the winter electricity deficit: heat pumps and modernised district heating instead of electric heaters, and storage of summer hydropower (demo).",
            "ru": "Таджикский технический университет имени М. Осими даёт рекомендации энергокомпаниям по преодолению зимнего дефицита электроэнергии: тепловые насосы и модернизированное централизованное теплоснабжение вместо электрообогревателей, а также накопление летней энергии ГЭС (демо).",
        },
        body={
            "en": "In winter, when rivers are low, Tajikistan's households heat with electricity and the grid falls short. Every kilowatt-hour saved on heating is a kilowatt-hour that need not be rationed.\n\nWe recommend that Dushanbe's heat network be modernised with metering and variable-speed pumps, that new apartment blocks use heat pumps, and that operators study storage for summer hydropower. The university offers energy audits and a course on district heating (demo).",
            "ru": "Зимой, когда реки маловодны, домохозяйства Таджикистана отапливаются электричеством, и энергосистеме не хватает мощности. Каждый киловатт-час, сэкономленный на отоплении, — это киловатт-час, который не придётся ограничивать.\n\nМы рекомендуем модернизировать тепловую сеть Душанбе с установкой учёта и частотно-регулируемых насосов, применять в новых многоквартирных домах тепловые насосы, а операторам — изучить накопление летней энергии ГЭС. Университет предлагает энергоаудит и курс по централизованному теплоснабжению (демо).",
        },
        themes=("energy-efficiency", "water-energy-nexus"),
        skills=("district-heating-modernisation", "industrial-energy-audit", "energy storage systems"),
        universities=(TAJIK_TECHNICAL,), countries=("TJ",),
        outside_authors=("Firuz Rahmonov",),
        days_ago=55, file_format="pdf",
    ),
    DemoItem(
        Kind.GUIDANCE, "KZ",
        title={
            "en": "Battery recycling: directions for the region's e-mobility companies",
            "ru": "Переработка аккумуляторов: направления для компаний электромобильности региона",
            "kk": "Аккумуляторларды қайта өңдеу: өңірдің электр көлігі компанияларына арналған бағыттар",
        },
        summary={
            "en": "Nazarbayev University advises bus operators and importers of electric vehicles to plan collection, second life and recycling of lithium-ion batteries now, before the first large batches reach the end of their life (demo).",
            "ru": "Назарбаев Университет советует автобусным паркам и импортёрам электромобилей уже сейчас планировать сбор, повторное использование и переработку литий-ионных аккумуляторов — до того как первые крупные партии отслужат свой срок (демо).",
            "kk": "Назарбаев Университеті автобус парктері мен электромобиль импорттаушыларына литий-ионды аккумуляторларды жинауды, қайта пайдалануды және қайта өңдеуді алғашқы ірі партиялардың қызмет мерзімі біткенге дейін қазірден жоспарлауға кеңес береді (демо).",
        },
        body={
            "en": "Electric buses bought in Almaty, Tashkent and Dushanbe since 2020 will retire their batteries around 2030. Without a plan, those batteries become hazardous waste; with one, they become stationary storage and then a source of lithium, nickel and cobalt.\n\nWe recommend testing and grading used packs at the depots, second-life storage at solar plants, and a regional hydrometallurgical recycling plant rather than one per country. Technicians need training in handling damaged cells safely (demo).",
            "ru": "Аккумуляторы электробусов, закупленных в Алматы, Ташкенте и Душанбе с 2020 года, отслужат около 2030 года. Без плана они станут опасными отходами; с планом — стационарными накопителями, а затем источником лития, никеля и кобальта.\n\nМы рекомендуем проверять и сортировать отработавшие батареи в парках, использовать их повторно как накопители на солнечных станциях и построить один региональный гидрометаллургический завод по переработке, а не по заводу в каждой стране. Техникам нужна подготовка по безопасному обращению с повреждёнными элементами (демо).",
            "kk": "2020 жылдан бастап Алматыда, Ташкентте және Душанбеде сатып алынған электробустардың аккумуляторлары шамамен 2030 жылы қызметін аяқтайды. Жоспарсыз олар қауіпті қалдыққа айналады; жоспар болса — стационарлық жинақтауыштарға, кейін литий, никель және кобальт көзіне айналады.\n\nПайдаланылған батареяларды парктерде тексеріп, сұрыптауды, оларды күн станцияларында жинақтауыш ретінде қайта пайдалануды және әр елде емес, бір өңірлік гидрометаллургиялық қайта өңдеу зауытын салуды ұсынамыз. Техниктерге зақымдалған элементтермен қауіпсіз жұмыс істеуді үйрету қажет (демо).",
        },
        themes=("e-mobility-batteries", "critical-minerals"),
        skills=("battery-recycling", "battery chemistry", "dispose of hazardous waste"),
        universities=(NAZARBAYEV,), organisations=(PAMIR_E_MOBILITY,), countries=("KZ", "UZ", "TJ"),
        outside_authors=("Dana Sarsenbayeva", "Alexander Kim"),
        days_ago=33, file_format="pdf",
    ),
]  # fmt: skip

REPORTS = [
    DemoItem(
        Kind.REPORT, UNECE,
        title={
            "en": "Skills for the energy transition in Central Asia: regional overview",
            "ru": "Навыки для энергетического перехода в Центральной Азии: региональный обзор",
        },
        summary={
            "en": "Which skills the region's energy companies ask for, which programmes teach them, and where the gaps are largest: grid protection, hydrometallurgy and mine closure (demo).",
            "ru": "Какие навыки требуются энергетическим компаниям региона, какие программы им обучают и где разрывы наибольшие: релейная защита, гидрометаллургия и закрытие рудников (демо).",
        },
        body={
            "en": "The overview compares the needs posted by employers on the platform with the skills taught by the region's programmes, country by country.\n\nThe largest gaps are in protection engineering for grids with variable renewables, in hydrometallurgy for lithium and rare earths, and in mine closure planning. The report proposes joint short courses and internships for each (demo).",
            "ru": "Обзор сопоставляет потребности, опубликованные работодателями на платформе, с навыками, которым обучают программы региона, по каждой стране.\n\nНаибольшие разрывы — в релейной защите для сетей с переменными ВИЭ, в гидрометаллургии лития и редкоземельных элементов и в планировании закрытия рудников. Для каждого из них доклад предлагает совместные краткосрочные курсы и стажировки (демо).",
        },
        themes=("energy-economics-policy", "just-transition", "power-systems-smart-grids"),
        skills=("grid-codes-variable-renewables", "mine-closure-planning", "rare-earth-separation-refining"),
        countries=REGION, outside_authors=("UNECE Sustainable Energy Division",),
        days_ago=60, file_format="pdf", external_url=UNECE_ENERGY, featured=True,
    ),
    DemoItem(
        Kind.REPORT, "KZ",
        title={
            "en": "Coal regions in transition: Karaganda and Ekibastuz",
            "ru": "Угольные регионы в переходе: Караганда и Экибастуз",
            "kk": "Көшу кезеңіндегі көмір өңірлері: Қарағанды және Екібастұз",
        },
        summary={
            "en": "Jobs, skills and local budgets in Kazakhstan's two largest coal regions, and what could replace coal mining and coal power over the next twenty years (demo).",
            "ru": "Рабочие места, квалификации и местные бюджеты двух крупнейших угольных регионов Казахстана и то, что может заменить добычу угля и угольную генерацию в ближайшие двадцать лет (демо).",
            "kk": "Қазақстанның екі ірі көмір өңіріндегі жұмыс орындары, біліктіліктер және жергілікті бюджеттер, сондай-ақ алдағы жиырма жылда көмір өндіру мен көмір генерациясын не алмастыра алатыны (демо).",
        },
        body={
            "en": "Coal mining and coal power employ tens of thousands of people in the Karaganda and Pavlodar regions and pay a large share of local taxes. The report maps the skills of these workers against those of the industries that could grow there: carbon materials, renewable power, mine remediation and logistics.\n\nIt finds that most electricians and mechanics can move with short retraining, while miners need longer programmes and income support (demo).",
            "ru": "Добыча угля и угольная генерация дают работу десяткам тысяч человек в Карагандинской и Павлодарской областях и обеспечивают значительную часть местных налогов. Доклад сопоставляет квалификации этих работников с потребностями отраслей, которые могут там вырасти: углеродные материалы, возобновляемая энергетика, рекультивация и логистика.\n\nВывод: большинство электриков и механиков могут перейти после краткой переподготовки, а шахтёрам нужны более длительные программы и поддержка доходов (демо).",
            "kk": "Көмір өндіру мен көмір генерациясы Қарағанды және Павлодар облыстарында ондаған мың адамды жұмыспен қамтиды және жергілікті салықтардың едәуір бөлігін береді. Баяндама осы жұмысшылардың біліктілігін сол жерде өсуі мүмкін салалардың қажеттіліктерімен салыстырады: көміртекті материалдар, жаңартылатын энергетика, рекультивация және логистика.\n\nҚорытынды: электриктер мен механиктердің көпшілігі қысқа қайта даярлаудан кейін ауыса алады, ал кеншілерге ұзағырақ бағдарламалар мен табысты қолдау қажет (демо).",
        },
        themes=("just-transition", "mine-closure-remediation"),
        skills=("reskilling-coal-workers", "local-economic-diversification", "mine-closure-planning"),
        universities=(BUKETOV,), countries=("KZ",),
        outside_authors=("Aliya Mukhamedzhanova", "Pavel Nikitin"),
        days_ago=95, file_format="pdf",
    ),
    DemoItem(
        Kind.REPORT, "KZ",
        title={
            "en": "District heating in Central Asian cities: losses and modernisation",
            "ru": "Централизованное теплоснабжение городов Центральной Азии: потери и модернизация",
            "kk": "Орталық Азия қалаларын орталықтандырылған жылумен жабдықтау: шығындар және жаңғырту",
        },
        summary={
            "en": "Heat networks in the region lose a fifth to a third of their heat before it reaches a radiator; the report ranks the measures that cut losses fastest for each tenge or sum invested (demo).",
            "ru": "Тепловые сети региона теряют от пятой части до трети тепла, не доведя его до радиатора; доклад ранжирует меры, которые быстрее всего сокращают потери на каждый вложенный тенге или сум (демо).",
            "kk": "Өңірдің жылу желілері жылудың бестен бірінен үштен біріне дейінгі бөлігін радиаторға жеткізбей жоғалтады; баяндама салынған әр теңгеге немесе сумға шаққанда шығынды ең жылдам азайтатын шараларды саралайды (демо).",
        },
        body={
            "en": "The report draws on audits of heat networks in Karaganda, Pavlodar, Bishkek and Tashkent. Pre-insulated pipes, individual heat substations with weather control and building-level metering together halve the losses; each also needs engineers trained to design and run it (demo).",
            "ru": "Доклад основан на обследованиях тепловых сетей Караганды, Павлодара, Бишкека и Ташкента. Предизолированные трубы, индивидуальные тепловые пункты с погодным регулированием и поквартальный учёт вместе вдвое сокращают потери; для каждой из этих мер нужны инженеры, умеющие её проектировать и эксплуатировать (демо).",
            "kk": "Баяндама Қарағанды, Павлодар, Бішкек және Ташкент жылу желілерін тексеру нәтижелеріне негізделген. Алдын ала оқшауланған құбырлар, ауа райына қарай реттелетін жеке жылу пункттері және ғимарат деңгейіндегі есепке алу бірге шығынды екі есе азайтады; әр шараны жобалап, пайдалана алатын инженерлер қажет (демо).",
        },
        themes=("energy-efficiency",),
        skills=("district-heating-modernisation", "building-energy-retrofit", "industrial-energy-audit"),
        universities=(KARAGANDA_INDUSTRIAL,), countries=("KZ", "KG", "UZ"),
        outside_authors=("Yerzhan Ospanov",),
        days_ago=130, file_format="pdf",
    ),
    DemoItem(
        Kind.REPORT, UNECE,
        title={
            "en": "Renewable energy market outlooks (curated)",
            "ru": "Прогнозы рынка возобновляемой энергетики (подборка)",
        },
        summary={
            "en": "IRENA's publications on renewable power costs, jobs and regional outlooks, several of which cover Central Asia; listed here with a link rather than copied (demo).",
            "ru": "Публикации IRENA о стоимости возобновляемой энергии, занятости и региональных прогнозах, в том числе по Центральной Азии; здесь приводится ссылка, а не копия (демо).",
        },
        body={
            "en": "A starting point for students and analysts comparing the costs of solar, wind and hydropower in the region with those elsewhere (demo).",
            "ru": "Отправная точка для студентов и аналитиков, сравнивающих стоимость солнечной, ветровой и гидроэнергии в регионе с другими странами (демо).",
        },
        themes=("renewable-energy", "energy-economics-policy"),
        countries=(*REGION, "other"), outside_authors=("International Renewable Energy Agency (IRENA)",),
        days_ago=150, external_url="https://www.irena.org/Publications",
    ),
]  # fmt: skip

POLICY_BRIEFS = [
    DemoItem(
        Kind.POLICY_BRIEF, UNECE,
        title={
            "en": "A regional market for balancing power in Central Asia",
            "ru": "Региональный рынок балансирующей мощности в Центральной Азии",
        },
        summary={
            "en": "Hydropower in Kyrgyzstan and Tajikistan can balance solar and wind in Kazakhstan and Uzbekistan if the Central Asian power system trades flexibility, not only energy (demo).",
            "ru": "ГЭС Кыргызстана и Таджикистана могут балансировать солнечную и ветровую генерацию Казахстана и Узбекистана, если Объединённая энергосистема Центральной Азии будет торговать гибкостью, а не только энергией (демо).",
        },
        body={
            "en": "The brief proposes three steps: common rules for cross-border reserve sharing, a day-ahead market coupling the national dispatch centres, and joint training of dispatchers and market analysts (demo).",
            "ru": "Записка предлагает три шага: общие правила совместного использования резервов через границы, рынок на сутки вперёд, объединяющий национальные диспетчерские центры, и совместную подготовку диспетчеров и аналитиков рынка (демо).",
        },
        themes=("power-systems-smart-grids", "energy-economics-policy", "water-energy-nexus"),
        skills=("regional-power-system-integration", "electricity market", "manage electricity transmission system"),
        countries=REGION, outside_authors=("UNECE Sustainable Energy Division",),
        days_ago=45, file_format="pdf",
    ),
    DemoItem(
        Kind.POLICY_BRIEF, "KZ",
        title={
            "en": "Just transition policy for Kazakhstan's coal towns",
            "ru": "Политика справедливого перехода для угольных городов Казахстана",
            "kk": "Қазақстанның көмір қалаларына арналған әділетті көшу саясаты",
        },
        summary={
            "en": "Five measures for towns that depend on one mine or one coal plant: early notice of closures, retraining paid during work, local diversification funds, social dialogue and land reuse (demo).",
            "ru": "Пять мер для городов, зависящих от одной шахты или одной угольной станции: заблаговременное уведомление о закрытии, оплачиваемая переподготовка без отрыва от работы, фонды местной диверсификации, социальный диалог и повторное использование земель (демо).",
            "kk": "Бір шахтаға немесе бір көмір станциясына тәуелді қалаларға арналған бес шара: жабу туралы алдын ала хабарлау, жұмыстан қол үзбей ақылы қайта даярлау, жергілікті әртараптандыру қорлары, әлеуметтік диалог және жерді қайта пайдалану (демо).",
        },
        body={
            "en": "Closures announced five years ahead leave time to retrain; closures announced in months do not. The brief draws on the experience of Karaganda, Shakhtinsk and Saran and on European coal regions (demo).",
            "ru": "Закрытие, объявленное за пять лет, оставляет время на переподготовку; объявленное за несколько месяцев — нет. Записка опирается на опыт Караганды, Шахтинска и Сарани и европейских угольных регионов (демо).",
            "kk": "Бес жыл бұрын жарияланған жабу қайта даярлауға уақыт қалдырады; бірнеше ай бұрын жарияланғаны — жоқ. Жазба Қарағанды, Шахтинск және Саран тәжірибесіне және еуропалық көмір өңірлеріне сүйенеді (демо).",
        },
        themes=("just-transition",),
        skills=("just-transition-policy", "social-dialogue-transition", "reskilling-coal-workers"),
        universities=(KARAGANDA_INDUSTRIAL,), countries=("KZ",),
        outside_authors=("Saule Tokhtarova",),
        days_ago=75, file_format="pdf",
    ),
    DemoItem(
        Kind.POLICY_BRIEF, "UZ",
        title={
            "en": "Water and energy in the Syr Darya basin: sharing summer and winter",
            "ru": "Вода и энергия в бассейне Сырдарьи: как делить лето и зиму",
            "uz": "Sirdaryo havzasida suv va energiya: yoz va qishni qanday taqsimlash kerak",
        },
        summary={
            "en": "Upstream countries need water for power in winter, downstream countries need it for irrigation in summer; the brief sets out an exchange of summer electricity for winter fuel and the data both sides need (demo).",
            "ru": "Странам верховья вода нужна для выработки энергии зимой, странам низовья — для орошения летом; записка описывает обмен летней электроэнергии на зимнее топливо и данные, которые нужны обеим сторонам (демо).",
            "uz": "Yuqori oqimdagi mamlakatlarga suv qishda energiya ishlab chiqarish uchun, quyi oqimdagilarga esa yozda sugʻorish uchun kerak; hujjat yozgi elektr energiyasini qishki yoqilgʻiga almashtirishni va ikkala tomonga kerak boʻlgan maʼlumotlarni bayon qiladi (demo).",
        },
        body={
            "en": "Shared measurements of reservoir levels, inflows and irrigation demand, published daily, are the basis of any exchange. Engineers trained in both hydrology and power systems are rare on both sides (demo).",
            "ru": "Основа любого обмена — общие измерения уровней водохранилищ, притока и водопотребления на орошение, публикуемые ежедневно. Инженеров, подготовленных одновременно в гидрологии и энергетике, мало по обе стороны (демо).",
            "uz": "Har qanday almashuvning asosi — suv omborlari sathi, oqim va sugʻorishga suv isteʼmoli boʻyicha har kuni eʼlon qilinadigan umumiy oʻlchovlar. Ham gidrologiya, ham energetika boʻyicha tayyorlangan muhandislar ikkala tomonda ham kam (demo).",
        },
        themes=("water-energy-nexus", "climate-adaptation"),
        skills=("glacier-fed-basin-hydrology", "regional-power-system-integration"),
        universities=(TIIAME,), countries=("UZ", "KG", "TJ", "KZ"),
        outside_authors=("Sherzod Abdullaev",),
        days_ago=110, file_format="pdf",
    ),
]  # fmt: skip

SOLAR_YIELD = Table(
    headers=(
        {"en": "Site", "ru": "Площадка", "uz": "Maydon"},
        {"en": "Annual irradiation, kWh/m²", "ru": "Годовая инсоляция, кВт·ч/м²", "uz": "Yillik quyosh nurlanishi, kVt·soat/m²"},
        {"en": "Dust loss, %", "ru": "Потери от пыли, %", "uz": "Changdan yoʻqotish, %"},
        {"en": "Heat loss, %", "ru": "Потери от нагрева, %", "uz": "Qizishdan yoʻqotish, %"},
        {"en": "Specific yield, kWh/kWp", "ru": "Удельная выработка, кВт·ч/кВтп", "uz": "Solishtirma ishlab chiqarish, kVt·soat/kVtp"},
    ),
    rows=(
        ({"en": "Navoi", "ru": "Навои", "uz": "Navoiy"}, 1820, 4.5, 7.0, 1610),
        ({"en": "Bukhara", "ru": "Бухара", "uz": "Buxoro"}, 1790, 5.0, 7.5, 1570),
        ({"en": "Samarkand", "ru": "Самарканд", "uz": "Samarqand"}, 1710, 3.5, 6.0, 1530),
        ({"en": "Fergana", "ru": "Фергана", "uz": "Fargʻona"}, 1650, 3.0, 5.5, 1480),
    ),
)  # fmt: skip

GRID_CODE_CHECKLIST = Table(
    headers=(
        {"en": "Requirement", "ru": "Требование", "kk": "Талап"},
        {"en": "Test", "ru": "Испытание", "kk": "Сынақ"},
        {"en": "Done (yes/no)", "ru": "Выполнено (да/нет)", "kk": "Орындалды (иә/жоқ)"},
    ),
    rows=(
        ({"en": "Fault ride-through", "ru": "Устойчивость при КЗ в сети", "kk": "Желідегі қысқа тұйықталу кезіндегі орнықтылық"}, {"en": "Voltage dip to 15 % for 150 ms", "ru": "Провал напряжения до 15 % на 150 мс", "kk": "Кернеудің 150 мс ішінде 15 %-ға дейін төмендеуі"}, ""),
        ({"en": "Reactive power range", "ru": "Диапазон реактивной мощности", "kk": "Реактивті қуат ауқымы"}, {"en": "cos φ 0.95 leading to 0.95 lagging", "ru": "cos φ от 0,95 опережающего до 0,95 отстающего", "kk": "cos φ 0,95 озатыннан 0,95 қалатынға дейін"}, ""),
        ({"en": "Frequency response", "ru": "Регулирование частоты", "kk": "Жиілікті реттеу"}, {"en": "Droop 4 % above 50.2 Hz", "ru": "Статизм 4 % выше 50,2 Гц", "kk": "50,2 Гц-тен жоғары 4 % статизм"}, ""),
        ({"en": "Power quality", "ru": "Качество электроэнергии", "kk": "Электр энергиясының сапасы"}, {"en": "Harmonics below 3 % THD", "ru": "Гармоники ниже 3 % THD", "kk": "Гармоникалар 3 % THD-ден төмен"}, ""),
    ),
)  # fmt: skip

TOOLS = [
    DemoItem(
        Kind.TOOL, "UZ",
        title={
            "en": "Solar yield calculator for desert sites",
            "ru": "Калькулятор выработки солнечных станций для пустынных площадок",
            "uz": "Choʻl maydonlari uchun quyosh stansiyalari ishlab chiqarishi kalkulyatori",
        },
        summary={
            "en": "A workbook that estimates the yearly output of a photovoltaic plant in Uzbekistan's deserts, with the losses from dust and heat that standard tools underestimate (demo).",
            "ru": "Рабочая книга для оценки годовой выработки фотоэлектрической станции в пустынях Узбекистана с учётом потерь от пыли и нагрева, которые стандартные инструменты недооценивают (демо).",
            "uz": "Oʻzbekiston choʻllarida fotoelektr stansiyasining yillik ishlab chiqarishini standart vositalar kam baholaydigan chang va qizishdan yoʻqotishlarni hisobga olgan holda baholash uchun ishchi kitob (demo).",
        },
        body={
            "en": "Measured at the university's test site and four plants; enter a site's irradiation and cleaning schedule to compare designs (demo).",
            "ru": "Основан на измерениях на испытательном полигоне университета и четырёх станциях; введите инсоляцию площадки и график очистки, чтобы сравнить варианты (демо).",
            "uz": "Universitet sinov maydoni va toʻrtta stansiyadagi oʻlchovlarga asoslangan; variantlarni solishtirish uchun maydonning quyosh nurlanishi va tozalash jadvalini kiriting (demo).",
        },
        themes=("renewable-energy",),
        skills=("solar-in-desert-conditions", "design solar energy systems", "maintain photovoltaic systems"),
        universities=(TURIN_TASHKENT,), organisations=(FERGANA_SOLAR,), countries=("UZ",),
        outside_authors=("Jasur Tursunov",),
        days_ago=18, file_format="xlsx", table=SOLAR_YIELD,
    ),
    DemoItem(
        Kind.TOOL, "KZ",
        title={
            "en": "Grid code compliance checklist for solar and wind plants",
            "ru": "Чек-лист соответствия сетевому кодексу для солнечных и ветровых станций",
            "kk": "Күн және жел станцияларына арналған желілік кодекске сәйкестік тексеру парағы",
        },
        summary={
            "en": "The tests a new solar or wind plant must pass before the system operator connects it in Kazakhstan, as a checklist for commissioning engineers (demo).",
            "ru": "Испытания, которые новая солнечная или ветровая станция должна пройти, прежде чем системный оператор Казахстана подключит её к сети, в виде чек-листа для инженеров по вводу в эксплуатацию (демо).",
            "kk": "Қазақстанның жүйелік операторы жаңа күн немесе жел станциясын желіге қоспас бұрын ол өтуі тиіс сынақтар — пайдалануға беру инженерлеріне арналған тексеру парағы түрінде (демо).",
        },
        body={
            "en": "Prepared with the grid operator's commissioning team; one line per requirement of the grid code (demo).",
            "ru": "Подготовлен вместе с группой ввода в эксплуатацию сетевого оператора; одна строка на каждое требование сетевого кодекса (демо).",
            "kk": "Желі операторының пайдалануға беру тобымен бірге дайындалған; желілік кодекстің әр талабына бір жол (демо).",
        },
        themes=("power-systems-smart-grids", "renewable-energy"),
        skills=("grid-codes-variable-renewables", "design wind farm collector systems"),
        universities=(AUPET,), organisations=(STEPPE_GRID,), countries=("KZ",),
        authors=(PARTNER,),
        days_ago=50, file_format="xlsx", table=GRID_CODE_CHECKLIST,
    ),
    DemoItem(
        Kind.TOOL, UNECE,
        title={
            "en": "UNFC classification of mineral resources (curated)",
            "ru": "Рамочная классификация ресурсов ООН (РКООН) для минерального сырья (подборка)",
        },
        summary={
            "en": "The United Nations Framework Classification for Resources and its guidance for minerals, the common language for reporting lithium and rare-earth projects; linked rather than copied (demo).",
            "ru": "Рамочная классификация ресурсов ООН и руководства по её применению к минеральному сырью — общий язык отчётности по проектам лития и редкоземельных элементов; приводится ссылка, а не копия (демо).",
        },
        body={
            "en": "Useful to geologists and investors comparing projects across the region (demo).",
            "ru": "Полезна геологам и инвесторам, сравнивающим проекты в разных странах региона (демо).",
        },
        themes=("critical-minerals",),
        skills=("resource-classification-unfc",),
        countries=(*REGION, "other"), outside_authors=("UNECE Expert Group on Resource Management",),
        days_ago=140, external_url=UNFC,
    ),
]  # fmt: skip

GUIDES = [
    DemoItem(
        Kind.GUIDE, "UZ",
        title={
            "en": "Planning a mine closure in Central Asia: a guide",
            "ru": "Планирование закрытия рудника в Центральной Азии: руководство",
            "uz": "Markaziy Osiyoda konni yopishni rejalashtirish: qoʻllanma",
        },
        summary={
            "en": "Navoi State Mining and Technological University's guide to planning closure from the first year of a mine: water, tailings, land and the town around it (demo).",
            "ru": "Руководство Навоийского государственного горно-технологического университета по планированию закрытия с первого года работы рудника: вода, хвостохранилища, земли и город вокруг (демо).",
            "uz": "Navoiy davlat konchilik va texnologiyalar universitetining kon ishlay boshlagan birinchi yildan yopishni rejalashtirish boʻyicha qoʻllanmasi: suv, chiqindi omborlari, yerlar va atrofdagi shahar (demo).",
        },
        body={
            "en": "A closure plan written at the start costs little and is revised every five years; one written at the end costs much more and is rarely carried out. The guide gives a template, a cost model and examples from the Kyzylkum mines (demo).",
            "ru": "План закрытия, составленный в начале, стоит недорого и пересматривается каждые пять лет; составленный в конце обходится гораздо дороже и редко выполняется. Руководство содержит шаблон, модель затрат и примеры рудников Кызылкума (демо).",
            "uz": "Boshida tuzilgan yopish rejasi arzon turadi va har besh yilda qayta koʻrib chiqiladi; oxirida tuzilgani esa ancha qimmatga tushadi va kamdan-kam bajariladi. Qoʻllanmada shablon, xarajatlar modeli va Qizilqum konlaridan misollar berilgan (demo).",
        },
        themes=("mine-closure-remediation",),
        skills=("mine-closure-planning", "land-reclamation", "treat contaminated water"),
        universities=(NAVOI,), countries=("UZ",),
        outside_authors=("Rustam Ergashev", "Dilnoza Khamidova"),
        days_ago=85, file_format="pdf",
    ),
    DemoItem(
        Kind.GUIDE, "KG",
        title={
            "en": "Energy audits of university buildings: a step-by-step guide",
            "ru": "Энергоаудит зданий университета: пошаговое руководство",
        },
        summary={
            "en": "How a university can audit its own buildings with students: metering, thermal imaging in winter, and a list of retrofits ranked by payback (demo).",
            "ru": "Как университету провести энергоаудит собственных зданий силами студентов: учёт, тепловизионная съёмка зимой и перечень мер по модернизации, ранжированных по сроку окупаемости (демо).",
        },
        body={
            "en": "Written after the audit of the Kyrgyz State University of Construction, Transportation and Architecture's campus in Bishkek, which found that sealing windows and balancing the heating system would cut heat use by a fifth (demo).",
            "ru": "Подготовлено по итогам энергоаудита кампуса Кыргызского государственного университета строительства, транспорта и архитектуры в Бишкеке, который показал, что уплотнение окон и наладка системы отопления сократят расход тепла на пятую часть (демо).",
        },
        themes=("energy-efficiency",),
        skills=("building-energy-retrofit", "industrial-energy-audit"),
        universities=(KYRGYZ_CONSTRUCTION,), countries=("KG",),
        outside_authors=("Nurzhan Asanov",),
        days_ago=120, file_format="pdf",
    ),
    DemoItem(
        Kind.GUIDE, "KZ",
        title={
            "en": "Reporting lithium and rare-earth resources under UNFC: a guide for geologists",
            "ru": "Отчётность о ресурсах лития и редкоземельных элементов по РКООН: руководство для геологов",
            "kk": "Литий мен сирек жер элементтерінің ресурстары туралы БҰЖЖ бойынша есептілік: геологтарға арналған нұсқаулық",
        },
        summary={
            "en": "D. Serikbayev East Kazakhstan Technical University explains, with worked examples from East Kazakhstan, how to classify a deposit under UNFC and trace its output to the buyer (demo).",
            "ru": "Восточно-Казахстанский технический университет имени Д. Серикбаева на примерах месторождений Восточного Казахстана объясняет, как классифицировать месторождение по РКООН и проследить его продукцию до покупателя (демо).",
            "kk": "Д. Серікбаев атындағы Шығыс Қазақстан техникалық университеті Шығыс Қазақстан кен орындарының мысалдарында кен орнын БҰЖЖ бойынша жіктеуді және оның өнімін сатып алушыға дейін қадағалауды түсіндіреді (демо).",
        },
        body={
            "en": "Each example goes from drill data to the UNFC categories and to the traceability record a battery maker now asks for (demo).",
            "ru": "Каждый пример ведёт от данных бурения к категориям РКООН и к записи о прослеживаемости, которую теперь требуют производители аккумуляторов (демо).",
            "kk": "Әр мысал бұрғылау деректерінен БҰЖЖ санаттарына және аккумулятор өндірушілері қазір талап ететін қадағалау жазбасына дейін жеткізеді (демо).",
        },
        themes=("critical-minerals",),
        skills=("resource-classification-unfc", "mineral-traceability", "lithium-from-hard-rock"),
        universities=(EAST_KAZAKHSTAN,), countries=("KZ",),
        outside_authors=("Timur Akhmetov",),
        days_ago=65, file_format="pdf", external_url=UNFC,
    ),
]  # fmt: skip

CASE_STUDIES = [
    DemoItem(
        Kind.CASE_STUDY, "KZ",
        title={
            "en": "A graphene pilot line in a coal town",
            "ru": "Опытная линия графена в шахтёрском городе",
            "kk": "Шахтер қаласындағы графеннің тәжірибелік желісі",
        },
        summary={
            "en": "How Karaganda Buketov University and a carbon materials company took graphene from coal tar pitch from grams in the laboratory to a kilogram a week (demo).",
            "ru": "Как Карагандинский университет имени Букетова и компания по производству углеродных материалов довели получение графена из каменноугольного пека от граммов в лаборатории до килограмма в неделю (демо).",
            "kk": "Бөкетов атындағы Қарағанды университеті мен көміртекті материалдар компаниясы тас көмір пегінен графен алуды зертханадағы грамнан аптасына бір килограмға дейін қалай жеткізді (демо).",
        },
        body={
            "en": "The line was built in a former workshop of a closed mine and is run by six former mine electricians retrained over a year. Its first customers are makers of conductive coatings and lubricants (demo).",
            "ru": "Линия построена в бывшем цехе закрытой шахты, на ней работают шесть бывших шахтных электриков, переподготовленных за год. Первые покупатели — производители токопроводящих покрытий и смазок (демо).",
            "kk": "Желі жабылған шахтаның бұрынғы цехында салынған, онда бір жыл ішінде қайта даярланған алты бұрынғы шахта электригі жұмыс істейді. Алғашқы сатып алушылар — ток өткізгіш жабындар мен майлау материалдарын өндірушілер (демо).",
        },
        themes=("coal-chemistry-carbon-materials", "just-transition"),
        skills=("graphene-production-from-coal", "nanomaterials", "reskilling-coal-workers"),
        universities=(BUKETOV,), organisations=(KARAGANDA_CARBON,), countries=("KZ",),
        outside_authors=("Yerlan Zhakupov", "Olga Belousova"),
        days_ago=38, file_format="pdf",
    ),
    DemoItem(
        Kind.CASE_STUDY, "KG",
        title={
            "en": "Rebuilding a small hydropower cascade in Naryn",
            "ru": "Восстановление каскада малых ГЭС в Нарыне",
        },
        summary={
            "en": "Three plants of the 1960s on a tributary of the Naryn river, rebuilt with new runners, automation and a shared control room, now produce a third more in winter (demo).",
            "ru": "Три станции 1960-х годов на притоке Нарына после замены рабочих колёс, автоматизации и создания общего пункта управления вырабатывают зимой на треть больше (демо).",
        },
        body={
            "en": "Kyrgyz State Technical University measured the flows and trained the operators; the operator financed the works from its own tariff revenue over four years (demo).",
            "ru": "Кыргызский государственный технический университет провёл измерения расходов и обучил персонал; оператор финансировал работы за счёт собственной тарифной выручки в течение четырёх лет (демо).",
        },
        themes=("renewable-energy", "water-energy-nexus"),
        skills=("small-hydropower", "hydroelectricity", "maintain power plant machinery"),
        universities=(KYRGYZ_TECHNICAL,), organisations=(TIAN_SHAN_HYDRO,), countries=("KG",),
        outside_authors=("Bakyt Osmonov",),
        days_ago=70, file_format="pdf",
    ),
    DemoItem(
        Kind.CASE_STUDY, "TJ",
        title={
            "en": "Electric buses in Dushanbe, powered by hydropower",
            "ru": "Электробусы в Душанбе на энергии ГЭС",
        },
        summary={
            "en": "The first year of an electric bus route in Dushanbe: energy use in winter, charging at night, and the skills the depot had to build (demo).",
            "ru": "Первый год электробусного маршрута в Душанбе: энергопотребление зимой, ночная зарядка и навыки, которые пришлось освоить парку (демо).",
        },
        body={
            "en": "Buses charged at night use hydropower that would otherwise be spilled in summer and cost less per kilometre than diesel all year. Winter heating raised consumption by 40 %; the depot's technicians were trained with the Tajik Technical University (demo).",
            "ru": "Электробусы, заряжаемые ночью, используют энергию ГЭС, которая летом иначе сбрасывалась бы, и круглый год обходятся дешевле дизельных на километр пробега. Отопление зимой увеличило расход на 40 %; техников парка обучили вместе с Таджикским техническим университетом (демо).",
        },
        themes=("e-mobility-batteries", "water-energy-nexus"),
        skills=("electric-vehicle-maintenance", "charging-infrastructure-planning", "electric drives"),
        universities=(TAJIK_TECHNICAL,), organisations=(PAMIR_E_MOBILITY,), countries=("TJ",),
        outside_authors=("Farhod Nazarov",),
        days_ago=100, file_format="pdf",
    ),
]  # fmt: skip

HYDRO_SITES = Table(
    headers=(
        {"en": "Site", "ru": "Створ"},
        {"en": "Country", "ru": "Страна"},
        {"en": "River", "ru": "Река"},
        {"en": "Head, m", "ru": "Напор, м"},
        {"en": "Mean flow, m³/s", "ru": "Средний расход, м³/с"},
        {"en": "Capacity, MW", "ru": "Мощность, МВт"},
        {"en": "Glacier share of runoff, %", "ru": "Доля ледникового стока, %"},
    ),
    rows=(
        ("KG-01", {"en": "Kyrgyzstan", "ru": "Кыргызстан"}, {"en": "Chon-Kemin", "ru": "Чон-Кемин"}, 45, 9.5, 3.4, 28),
        ("KG-02", {"en": "Kyrgyzstan", "ru": "Кыргызстан"}, {"en": "Kochkor", "ru": "Кочкор"}, 62, 4.1, 2.0, 35),
        ("KG-03", {"en": "Kyrgyzstan", "ru": "Кыргызстан"}, {"en": "At-Bashy", "ru": "Ат-Башы"}, 38, 12.0, 3.6, 41),
        ("TJ-01", {"en": "Tajikistan", "ru": "Таджикистан"}, {"en": "Varzob", "ru": "Варзоб"}, 70, 6.8, 3.8, 33),
        ("TJ-02", {"en": "Tajikistan", "ru": "Таджикистан"}, {"en": "Gunt", "ru": "Гунт"}, 55, 8.2, 3.5, 46),
    ),
)  # fmt: skip

COAL_JOBS = Table(
    headers=(
        {"en": "Year", "ru": "Год", "kk": "Жыл"},
        {"en": "Coal mining, Karaganda region (thousand)", "ru": "Добыча угля, Карагандинская обл. (тыс.)", "kk": "Көмір өндіру, Қарағанды обл. (мың)"},
        {"en": "Coal mining, Pavlodar region (thousand)", "ru": "Добыча угля, Павлодарская обл. (тыс.)", "kk": "Көмір өндіру, Павлодар обл. (мың)"},
        {"en": "Coal power (thousand)", "ru": "Угольная генерация (тыс.)", "kk": "Көмір генерациясы (мың)"},
        {"en": "Renewables (thousand)", "ru": "ВИЭ (тыс.)", "kk": "ЖЭК (мың)"},
    ),
    rows=(
        (2015, 38.2, 11.4, 14.9, 0.4),
        (2018, 35.6, 11.1, 14.5, 1.1),
        (2021, 33.0, 10.6, 14.0, 2.3),
        (2024, 30.9, 10.2, 13.4, 3.6),
    ),
)  # fmt: skip

GRID_HOSTING = Table(
    headers=(
        {"en": "Region", "ru": "Область", "uz": "Viloyat"},
        {"en": "Solar connected, MW", "ru": "Подключено СЭС, МВт", "uz": "Ulangan QES, MVt"},
        {"en": "Hosting capacity left, MW", "ru": "Остаточная пропускная способность, МВт", "uz": "Qolgan oʻtkazish quvvati, MVt"},
        {"en": "Curtailment, %", "ru": "Ограничение выработки, %", "uz": "Ishlab chiqarishni cheklash, %"},
    ),
    rows=(
        ({"en": "Samarkand", "ru": "Самаркандская", "uz": "Samarqand"}, 600, 150, 4.2),
        ({"en": "Bukhara", "ru": "Бухарская", "uz": "Buxoro"}, 500, 80, 6.8),
        ({"en": "Navoi", "ru": "Навоийская", "uz": "Navoiy"}, 400, 220, 2.1),
        ({"en": "Jizzakh", "ru": "Джизакская", "uz": "Jizzax"}, 300, 260, 1.4),
    ),
)  # fmt: skip

DATASETS = [
    DemoItem(
        Kind.DATASET, "KG",
        title={
            "en": "Small hydropower sites of Kyrgyzstan and Tajikistan",
            "ru": "Створы малых ГЭС Кыргызстана и Таджикистана",
        },
        summary={
            "en": "Head, mean flow, possible capacity and the glacier share of runoff at candidate small hydropower sites, for feasibility studies and student projects (demo).",
            "ru": "Напор, средний расход, возможная мощность и доля ледникового стока в створах возможных малых ГЭС — для ТЭО и студенческих проектов (демо).",
        },
        body={
            "en": "Flows are the means of 2010–2023 gauging; the glacier share comes from basin models and has the largest uncertainty (demo).",
            "ru": "Расходы — средние по данным наблюдений 2010–2023 годов; доля ледникового стока получена по моделям бассейнов и имеет наибольшую неопределённость (демо).",
        },
        themes=("water-energy-nexus", "renewable-energy", "climate-adaptation"),
        skills=("small-hydropower", "glacier-fed-basin-hydrology"),
        universities=(KYRGYZ_TECHNICAL,), countries=("KG", "TJ"),
        outside_authors=("Aibek Dzhumabaev",),
        days_ago=28, file_format="xlsx", table=HYDRO_SITES, licence=Licence.CC_BY_SA,
    ),
    DemoItem(
        Kind.DATASET, "KZ",
        title={
            "en": "Employment in coal and power in the Karaganda and Pavlodar regions, 2015–2024",
            "ru": "Занятость в угольной отрасли и энергетике Карагандинской и Павлодарской областей, 2015–2024",
            "kk": "Қарағанды және Павлодар облыстарының көмір саласы мен энергетикасындағы жұмыспен қамту, 2015–2024",
        },
        summary={
            "en": "Jobs in coal mining, coal power and renewables in Kazakhstan's two coal regions, every three years, as the basis of retraining plans (demo).",
            "ru": "Рабочие места в угледобыче, угольной генерации и ВИЭ в двух угольных регионах Казахстана с шагом в три года — основа для планов переподготовки (демо).",
            "kk": "Қазақстанның екі көмір өңіріндегі көмір өндіру, көмір генерациясы және ЖЭК саласындағы жұмыс орындары үш жыл қадаммен — қайта даярлау жоспарларының негізі (демо).",
        },
        body={
            "en": "Compiled from regional statistics and company reports; figures rounded to hundreds (demo).",
            "ru": "Составлено по данным региональной статистики и отчётам компаний; значения округлены до сотен (демо).",
            "kk": "Өңірлік статистика деректері мен компаниялардың есептері бойынша құрастырылған; мәндер жүздікке дейін дөңгелектенген (демо).",
        },
        themes=("just-transition", "energy-economics-policy"),
        skills=("reskilling-coal-workers", "local-economic-diversification"),
        universities=(BUKETOV,), countries=("KZ",),
        outside_authors=("Aliya Mukhamedzhanova",),
        days_ago=90, file_format="xlsx", table=COAL_JOBS, licence=Licence.CC0,
    ),
    DemoItem(
        Kind.DATASET, "UZ",
        title={
            "en": "Solar connections and grid hosting capacity in Uzbekistan's regions",
            "ru": "Подключённые солнечные станции и пропускная способность сети по областям Узбекистана",
            "uz": "Oʻzbekiston viloyatlarida ulangan quyosh stansiyalari va tarmoqning oʻtkazish quvvati",
        },
        summary={
            "en": "Connected solar capacity, the hosting capacity left and curtailment by region, to show where storage is needed first (demo).",
            "ru": "Подключённая мощность солнечных станций, оставшаяся пропускная способность и ограничения выработки по областям — чтобы показать, где накопители нужны в первую очередь (демо).",
            "uz": "Viloyatlar boʻyicha ulangan quyosh quvvati, qolgan oʻtkazish quvvati va ishlab chiqarishni cheklash — jamlagichlar birinchi navbatda qayerda kerakligini koʻrsatish uchun (demo).",
        },
        body={
            "en": "Hosting capacity was computed by Tashkent State Technical University on a model of the 220 kV network (demo).",
            "ru": "Пропускная способность рассчитана Ташкентским государственным техническим университетом на модели сети 220 кВ (демо).",
            "uz": "Oʻtkazish quvvati Toshkent davlat texnika universiteti tomonidan 220 kV tarmoq modelida hisoblangan (demo).",
        },
        themes=("power-systems-smart-grids", "renewable-energy", "digitalisation-ai-energy"),
        skills=("grid-scale-battery-storage", "grid-codes-variable-renewables", "data analytics"),
        universities=(TASHKENT_TECHNICAL,), countries=("UZ",),
        outside_authors=("Bakhodir Yusupov",),
        days_ago=15, file_format="xlsx", table=GRID_HOSTING,
    ),
]  # fmt: skip

COMMENTARY = [
    DemoItem(
        Kind.COMMENTARY, "KZ",
        title={
            "en": "Karaganda should sell carbon, not burn it",
            "ru": "Караганде нужно продавать углерод, а не сжигать его",
            "kk": "Қарағанды көміртекті жағуды емес, сатуды үйренуі керек",
        },
        summary={
            "en": "The head of a carbon materials company argues that the coal basin's future lies in the chemistry of coal, and that it needs chemists more than subsidies (demo).",
            "ru": "Руководитель компании по производству углеродных материалов считает, что будущее угольного бассейна — в химии угля и что ему нужнее химики, чем субсидии (демо).",
            "kk": "Көміртекті материалдар компаниясының басшысы көмір бассейнінің болашағы көмір химиясында екенін және оған субсидиядан гөрі химиктер қажет екенін айтады (демо).",
        },
        body={
            "en": "A tonne of Karaganda coal burnt in a power plant earns a few dollars. The same tonne refined into pitch and graphene earns a hundred times more and employs people who would otherwise leave the region.\n\nWhat holds us back is not the market but people: process chemists, materials scientists and technicians who know both coal and nanomaterials. The universities of Karaganda can train them if companies tell them what to teach (demo).",
            "ru": "Тонна карагандинского угля, сожжённая на электростанции, приносит несколько долларов. Та же тонна, переработанная в пек и графен, приносит в сто раз больше и даёт работу людям, которые иначе уехали бы из региона.\n\nСдерживает нас не рынок, а кадры: химики-технологи, материаловеды и техники, разбирающиеся и в угле, и в наноматериалах. Университеты Караганды могут их подготовить, если компании скажут, чему учить (демо).",
            "kk": "Электр станциясында жағылған бір тонна Қарағанды көмірі бірнеше доллар табыс әкеледі. Дәл сол тонна пек пен графенге өңделсе, жүз есе көп табыс әкеліп, әйтпесе өңірден кетіп қалар еді адамдарды жұмыспен қамтиды.\n\nБізді нарық емес, кадрлар тежейді: көмірді де, наноматериалдарды да білетін химик-технологтар, материалтанушылар және техниктер. Компаниялар неге оқыту керегін айтса, Қарағанды университеттері оларды даярлай алады (демо).",
        },
        themes=("coal-chemistry-carbon-materials", "just-transition"),
        skills=("coal-tar-chemistry", "graphene-production-from-coal"),
        organisations=(KARAGANDA_CARBON,), countries=("KZ",),
        outside_authors=("Yerlan Zhakupov",),
        days_ago=22, file_format="pdf",
    ),
    DemoItem(
        Kind.COMMENTARY, "KZ",
        title={
            "en": "Grid operators need protection engineers more than new substations",
            "ru": "Сетевым компаниям инженеры-релейщики нужнее новых подстанций",
            "kk": "Желі компанияларына жаңа қосалқы станциялардан гөрі релелік қорғаныс инженерлері қажет",
        },
        summary={
            "en": "A transmission company's view: digital substations are being built faster than the engineers who can set and test their protection are trained (demo).",
            "ru": "Взгляд сетевой компании: цифровые подстанции строятся быстрее, чем готовятся инженеры, способные настраивать и испытывать их релейную защиту (демо).",
            "kk": "Желі компаниясының көзқарасы: цифрлық қосалқы станциялар олардың релелік қорғанысын баптап, сынай алатын инженерлер даярланғаннан жылдамырақ салынуда (демо).",
        },
        body={
            "en": "Every wind farm we connect changes the fault currents our relays see. Settings that were right for a grid of coal plants are wrong for one with a third of its power from inverters.\n\nWe ask universities for short courses in protection for inverter-based generation, taught on real relays and a grid simulator, and we offer our substations for internships (demo).",
            "ru": "Каждая подключаемая ветровая станция меняет токи короткого замыкания, которые видят наши реле. Уставки, верные для сети угольных станций, неверны для сети, где треть мощности идёт через инверторы.\n\nМы просим университеты о краткосрочных курсах релейной защиты для инверторной генерации на реальных реле и сетевом симуляторе и предлагаем наши подстанции для стажировок (демо).",
            "kk": "Біз қосатын әр жел станциясы реле көретін қысқа тұйықталу токтарын өзгертеді. Көмір станцияларының желісіне дұрыс болған баптаулар қуатының үштен бірі инверторлар арқылы келетін желіге дұрыс емес.\n\nУниверситеттерден нақты релелер мен желі симуляторында оқытылатын инверторлық генерацияға арналған релелік қорғаныс бойынша қысқа курстар сұраймыз және тағылымдамаға өз қосалқы станцияларымызды ұсынамыз (демо).",
        },
        themes=("power-systems-smart-grids",),
        skills=("respond to electrical power contingencies", "power electronics", "design smart grids"),
        organisations=(STEPPE_GRID,), countries=("KZ",),
        authors=(PARTNER,),
        days_ago=10, file_format="pdf",
    ),
    DemoItem(
        Kind.COMMENTARY, "KG",
        title={
            "en": "Small hydro is the region's forgotten flexibility",
            "ru": "Малые ГЭС — забытый источник гибкости региона",
        },
        summary={
            "en": "While the region debates large dams, hundreds of small plants that could follow solar output through the day are run as if it were 1965 (demo).",
            "ru": "Пока регион спорит о крупных плотинах, сотни малых станций, способных следовать за солнечной выработкой в течение дня, работают так, будто на дворе 1965 год (демо).",
        },
        body={
            "en": "A small plant with a day pond can hold water at noon, when Uzbekistan's solar plants produce most, and release it in the evening. With automation and a regional market, that flexibility could be sold; today it is not even measured (demo).",
            "ru": "Малая ГЭС с бассейном суточного регулирования может задерживать воду в полдень, когда солнечные станции Узбекистана вырабатывают больше всего, и срабатывать её вечером. С автоматикой и региональным рынком эту гибкость можно было бы продавать; сегодня её даже не измеряют (демо).",
        },
        themes=("water-energy-nexus", "power-systems-smart-grids"),
        skills=("small-hydropower", "regional-power-system-integration"),
        organisations=(TIAN_SHAN_HYDRO,), countries=("KG", "TJ", "UZ"),
        outside_authors=("Bakyt Osmonov",),
        days_ago=35, file_format="pdf",
    ),
    DemoItem(
        Kind.COMMENTARY, UNECE,
        title={
            "en": "A just transition is decided in the town, not in the capital",
            "ru": "Справедливый переход решается в городе, а не в столице",
        },
        summary={
            "en": "National strategies for coal regions matter less than whether the mine, the akimat, the college and the union of one town plan together (demo).",
            "ru": "Национальные стратегии для угольных регионов значат меньше, чем то, планируют ли вместе шахта, акимат, колледж и профсоюз одного города (демо).",
        },
        body={
            "en": "The coal regions of Europe that fared best started local partnerships a decade before closures. Central Asia's coal towns can learn from them, and from each other, through platforms like this one (demo).",
            "ru": "Лучше всего справились те угольные регионы Европы, где местные партнёрства создали за десять лет до закрытия шахт. Угольные города Центральной Азии могут учиться у них и друг у друга — в том числе через эту платформу (демо).",
        },
        themes=("just-transition",),
        skills=("social-dialogue-transition", "local-economic-diversification"),
        countries=("KZ", "KG", "TJ", "UZ"),
        outside_authors=("UNECE Sustainable Energy Division",),
        days_ago=48, file_format="pdf",
    ),
]  # fmt: skip

NEWS = [
    DemoItem(
        Kind.NEWS, UNECE,
        title={
            "en": "Green hydrogen webinar: where the region could make it",
            "ru": "Вебинар о зелёном водороде: где регион мог бы его производить",
        },
        summary={
            "en": "Speakers at UNECE's webinar compared wind and solar sites for electrolysis in Kazakhstan and Uzbekistan; the recording is online (demo).",
            "ru": "Докладчики вебинара ЕЭК ООН сравнили площадки с ветровыми и солнечными ресурсами для электролиза в Казахстане и Узбекистане; запись доступна онлайн (демо).",
        },
        body={
            "en": "More than a hundred participants from universities and companies joined. Universities agreed to list their courses on hydrogen safety and electrolyser operation in the platform's catalogue (demo).",
            "ru": "В вебинаре приняли участие более ста представителей университетов и компаний. Университеты договорились внести свои курсы по водородной безопасности и эксплуатации электролизёров в каталог платформы (демо).",
        },
        themes=("hydrogen",),
        skills=("electrolyser-operation", "green-hydrogen-value-chains"),
        countries=("KZ", "UZ"), outside_authors=("UNECE Sustainable Energy Division",),
        event="Green hydrogen in Central Asia", event_days=2, external_url="https://video.example.org/unece-webinar",
    ),
    DemoItem(
        Kind.NEWS, UNECE,
        title={
            "en": "From coal to graphene: Karaganda's results presented online",
            "ru": "От угля к графену: результаты Караганды представлены онлайн",
        },
        summary={
            "en": "Researchers from Karaganda presented graphene from coal tar pitch at UNECE's webinar; a pilot line with industry is the next step (demo).",
            "ru": "Исследователи из Караганды представили на вебинаре ЕЭК ООН графен из каменноугольного пека; следующий шаг — опытная линия вместе с промышленностью (демо).",
        },
        body={
            "en": "The webinar's recording and the university's guidance for industry on carbon materials are in the library (demo).",
            "ru": "Запись вебинара и рекомендации университета для промышленности по углеродным материалам доступны в библиотеке (демо).",
        },
        themes=("coal-chemistry-carbon-materials",),
        skills=("graphene-production-from-coal", "carbon-nanotube-synthesis"),
        universities=(KARAGANDA_TECHNICAL,), countries=("KZ",), outside_authors=("UNECE Sustainable Energy Division",),
        event="From coal to graphene", event_days=2, external_url="https://video.example.org/unece-webinar",
    ),
    DemoItem(
        Kind.NEWS, UNECE,
        title={
            "en": "Smart grids webinar: grid operators and universities meet online",
            "ru": "Вебинар об интеллектуальных сетях: сетевые компании и университеты встречаются онлайн",
        },
        summary={
            "en": "The next webinar of UNECE's series is on what the region's grids need to take in more wind and solar power: digital substations, forecasting and demand response (demo).",
            "ru": "Следующий вебинар серии ЕЭК ООН посвящён тому, что нужно энергосистемам региона, чтобы принимать больше ветровой и солнечной энергии: цифровые подстанции, прогнозирование и управление спросом (демо).",
        },
        body={
            "en": "Grid operators will name the skills they lack most, and universities will present the short courses they can offer. Registration is on the event's page (demo).",
            "ru": "Сетевые операторы назовут навыки, которых им больше всего не хватает, а университеты представят краткосрочные курсы, которые могут предложить. Регистрация — на странице мероприятия (демо).",
        },
        themes=("power-systems-smart-grids",),
        skills=("design smart grids", "demand-response"),
        countries=REGION, outside_authors=("UNECE Sustainable Energy Division",),
        event="Smart grids for variable renewables", event_days=-14, external_url=UNECE_ENERGY,
    ),
    DemoItem(
        Kind.NEWS, UNECE,
        title={
            "en": "Just transition of coal regions: the series turns to mining towns",
            "ru": "Справедливый переход угольных регионов: серия вебинаров обращается к шахтёрским городам",
        },
        summary={
            "en": "Trade unions, employers and universities from Karaganda, Ekibastuz and other coal regions will share the retraining schemes that worked and those that did not (demo).",
            "ru": "Профсоюзы, работодатели и университеты Караганды, Экибастуза и других угольных регионов расскажут о программах переподготовки — удавшихся и нет (демо).",
        },
        body={
            "en": "The webinar is held in English and Russian with time for questions (demo).",
            "ru": "Вебинар проходит на английском и русском языках, с временем для вопросов (демо).",
        },
        themes=("just-transition",),
        skills=("reskilling-coal-workers", "social-dialogue-transition"),
        countries=("KZ",), outside_authors=("UNECE Sustainable Energy Division",),
        event="Just transition of coal regions", event_days=-21, external_url=UNECE_ENERGY,
    ),
    DemoItem(
        Kind.NEWS, "KZ",
        title={
            "en": "Registration opens for the regional conference in Almaty",
            "ru": "Открыта регистрация на региональную конференцию в Алматы",
            "kk": "Алматыдағы өңірлік конференцияға тіркеу ашылды",
        },
        summary={
            "en": "Satbayev University hosts this year's regional conference on skills for the energy transition, on site and online (demo).",
            "ru": "Сатпаев университет принимает в этом году региональную конференцию о навыках для энергетического перехода — очно и онлайн (демо).",
            "kk": "Сәтбаев университеті биыл энергетикалық көшуге қажетті дағдылар жөніндегі өңірлік конференцияны күндізгі және онлайн форматта қабылдайды (демо).",
        },
        body={
            "en": "Two days of panels on smart grids, critical minerals, coal to graphene and retraining in coal regions, and the choice of next year's host. Places on site are limited to 150 (demo).",
            "ru": "Два дня панельных сессий об интеллектуальных сетях, критически важных минералах, переработке угля в графен и переподготовке в угольных регионах, а также выбор принимающей стороны следующего года. Число очных мест ограничено — 150 (демо).",
            "kk": "Зияткерлік желілер, сыни маңызды минералдар, көмірді графенге өңдеу және көмір өңірлеріндегі қайта даярлау туралы екі күндік панельдік сессиялар, сондай-ақ келесі жылғы қабылдаушы тарапты таңдау. Күндізгі орындар саны шектеулі — 150 (демо).",
        },
        themes=("energy-economics-policy", "power-systems-smart-grids", "critical-minerals"),
        universities=(SATBAYEV,), countries=REGION,
        authors=(STAFF,),
        event="Regional conference on skills for the energy transition", event_days=-45, featured=True,
        external_url="https://meet.example.org/regional-conference",
    ),
    DemoItem(
        Kind.NEWS, "KZ",
        title={
            "en": "Hybrid training on grid integration of solar plants at Satbayev University",
            "ru": "Гибридный тренинг по подключению солнечных станций к сети в Сатпаев университете",
            "kk": "Сәтбаев университетінде күн станцияларын желіге қосу бойынша гибридті тренинг",
        },
        summary={
            "en": "Engineers and students can join a four-hour training on connection requirements and inverter settings, in the laboratory or online (demo).",
            "ru": "Инженеры и студенты могут пройти четырёхчасовой тренинг по требованиям к подключению и настройке инверторов — в лаборатории или онлайн (демо).",
            "kk": "Инженерлер мен студенттер қосылу талаптары мен инверторларды баптау бойынша төрт сағаттық тренингке зертханада немесе онлайн қатыса алады (демо).",
        },
        body={
            "en": "The training ends with an exercise on the laboratory's real-time grid simulator. Twenty places on site, a hundred online (demo).",
            "ru": "Тренинг завершается упражнением на сетевом симуляторе лаборатории в реальном времени. Двадцать очных мест и сто онлайн (демо).",
            "kk": "Тренинг зертхананың нақты уақыттағы желі симуляторындағы жаттығумен аяқталады. Күндізгі жиырма орын және онлайн жүз орын (демо).",
        },
        themes=("power-systems-smart-grids", "renewable-energy"),
        skills=("grid-codes-variable-renewables", "install photovoltaic systems"),
        universities=(SATBAYEV,), countries=("KZ",),
        authors=(STAFF,),
        event="Hybrid training: grid integration of solar plants", event_days=-14,
        external_url="https://meet.example.org/solar-training",
    ),
    DemoItem(
        Kind.NEWS, UNECE,
        title={
            "en": "Universities of the region publish guidance for industry",
            "ru": "Университеты региона публикуют рекомендации для промышленности",
        },
        summary={
            "en": "Seven universities from four countries have published in the library the technology directions they advise their industries to take, from rare-earth separation to small hydropower (demo).",
            "ru": "Семь университетов из четырёх стран опубликовали в библиотеке технологические направления, которые они рекомендуют своим отраслям, — от разделения редкоземельных элементов до малой гидроэнергетики (демо).",
        },
        body={
            "en": "Each piece of guidance names the skills it answers, so that companies find the programmes that teach them and universities see the open needs that ask for them (demo).",
            "ru": "В каждой рекомендации названы навыки, о которых идёт речь, — так компании находят программы, которые им обучают, а университеты видят открытые запросы на них (демо).",
        },
        themes=("energy-economics-policy",),
        countries=("KZ", "UZ", "KG", "TJ"), outside_authors=("UNECE Sustainable Energy Division",),
        days_ago=5, external_url=UNECE_ENERGY,
    ),
]  # fmt: skip

DEMO_ITEMS: list[DemoItem] = [
    *GUIDANCE, *REPORTS, *POLICY_BRIEFS, *TOOLS, *GUIDES, *CASE_STUDIES, *DATASETS, *COMMENTARY, *NEWS,
]  # fmt: skip


# --- Loading ----------------------------------------------------------------------


def _published_on(demo: DemoItem, today: date) -> date:
    """The day it came out: for news of a demo event, days from the event's start
    (never after today); otherwise ``days_ago`` days ago."""
    event = Event.objects.filter(title_en=demo.event).first() if demo.event else None
    if event is None:
        return today - timedelta(days=max(demo.days_ago, 0))
    return min(
        timezone.localtime(event.start, ALMATY).date() + timedelta(days=demo.event_days), today
    )


def _values(demo: DemoItem, today: date) -> dict[str, Any]:
    published_on = _published_on(demo, today)
    return {
        **demo_columns(demo.texts(), country=demo.country),
        "kind": demo.kind,
        "outside_authors": "\n".join(demo.outside_authors),
        "external_url": demo.external_url,
        "status": KnowledgeItem.Status.PUBLISHED,
        "return_reason": "",
        "published_on": published_on,
        "published_at": datetime.combine(published_on, time(9, 0), tzinfo=ALMATY),
        "featured": demo.featured,
        "is_demo": True,
    }


def _write_item(demo: DemoItem, values: Mapping[str, Any]) -> KnowledgeItem:
    """The demo item with ``values``, saved only when one of them changed."""
    item = KnowledgeItem.objects.filter(is_demo=True, title_en=demo.title["en"]).first()
    if item is None:
        item = KnowledgeItem(status_changed_at=values["published_at"])
    elif all(getattr(item, name) == value for name, value in values.items()):
        return item
    for name, value in values.items():
        setattr(item, name, value)
    item.status_changed_at = values["published_at"]
    item.save()
    return item


def _set_countries(item: KnowledgeItem, countries: Sequence[str]) -> None:
    wanted = set(countries)
    item.country_rows.exclude(country__in=wanted).delete()
    present = set(item.country_rows.values_list("country", flat=True))
    ItemCountry.objects.bulk_create(
        [ItemCountry(item=item, country=code) for code in sorted(wanted - present)]
    )


def _remove_on_commit(stored: KnowledgeFile) -> None:
    """Delete ``stored`` and, once the transaction commits, its file in storage (a
    rolled-back seed keeps both)."""
    storage, name = stored.file.storage, stored.file.name
    stored.delete()
    if name:
        transaction.on_commit(lambda: storage.delete(name))


def _stored_bytes(stored: KnowledgeFile) -> bytes | None:
    try:
        with stored.file.open("rb") as handle:
            return handle.read()
    except (FileNotFoundError, OSError, ValueError):
        return None


def _set_files(item: KnowledgeItem, demo: DemoItem) -> None:
    """One file per language of the party; a stored file with the same content and
    licence is kept, any other is replaced (its old file removed from storage)."""
    wanted = demo_files(demo)
    for stored in item.files.all():
        if stored.language not in wanted:
            _remove_on_commit(stored)
            continue
        content, _format = wanted[stored.language]
        if stored.licence == demo.licence and _stored_bytes(stored) == content:
            del wanted[stored.language]
            continue
        _remove_on_commit(stored)
    for language, (content, found) in wanted.items():
        KnowledgeFile.objects.create(
            item=item,
            language=language,
            file=ContentFile(content, name=f"demo.{found}"),
            format=found,
            licence=demo.licence,
        )


def _related(demo: DemoItem) -> dict[str, list[Any]]:
    skills = resolve_skills(set(demo.skills))
    return {
        "themes": list(ResearchArea.objects.filter(slug__in=demo.themes)),
        "skills": [skills[name] for name in demo.skills if name in skills],
        "universities": list(University.objects.filter(slug__in=demo.universities)),
        "organisations": list(Organisation.objects.filter(slug__in=demo.organisations)),
        "authors": list(User.objects.filter(email__in=demo.authors)),
    }


def demo_item_load(demo: DemoItem, *, today: date) -> KnowledgeItem:
    """Write one demo item with its relations, countries and files."""
    if not demo.file_format and not demo.external_url:
        raise ValueError(f"{demo.title['en']} has neither a file nor a link")
    item = _write_item(demo, _values(demo, today))
    for name, rows in _related(demo).items():
        getattr(item, name).set(rows)
    _set_countries(item, demo.countries)
    _set_files(item, demo)
    item.refresh_search_document()
    return item


@transaction.atomic
def load_demo_knowledge() -> int:
    """The demo items of ``DEMO_ITEMS``, published; returns how many. Demo items no
    longer in the list are deleted with their files. Sends no e-mail and writes no
    audit entry (nothing here is an editorial step)."""
    today = timezone.localdate()
    kept = [demo_item_load(demo, today=today).pk for demo in DEMO_ITEMS]
    for item in KnowledgeItem.objects.filter(is_demo=True).exclude(pk__in=kept):
        for stored in item.files.all():
            _remove_on_commit(stored)
        item.delete()
    return len(kept)
