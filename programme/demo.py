# ruff: noqa: E501  (the demo texts are one line each)
"""The demo programme of this year's regional conference (``events.seed``): a closed
call with three tracks named after the platform's themes, the default criteria and
every session type; thirteen contributions by speakers of real universities (ten
accepted, two rejected, one on the waiting list), one of them an industry challenge
presenting a demo need of the needs board; a committee with reviews; two rooms and a
published two-day timetable.

The call's dates follow the conference, which the events seed places a few weeks
ahead of today: the call closed a month before the conference or ten days ago,
whichever is earlier (so that it is always closed and decided, even for a conference
less than a month away), and had opened two months before closing. Tracks, rooms and plenaries are named in every language.

Written directly rather than through the services of submitting and reviewing
(the call is closed, and decisions would e-mail the authors); new sessions are placed
with ``timetable_services.session_place`` and the whole timetable is checked with
``timetable.clashes`` before it is kept. Idempotent: the call is matched on its event,
tracks, criteria and rooms on their position, contributions on their title (the
challenge on its need), speakers on their e-mail, reviews on (contribution,
reviewer), sessions on their contribution (a plenary on its English title, in time
order). When the conference has moved since the last run, its sessions move with it
(their SEQUENCE counted up, without e-mails).
"""

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import partial
from typing import Any
from zoneinfo import ZoneInfo

from allauth.account.models import EmailAddress
from django.db import models, transaction
from django.db.models import F
from django.utils import timezone

from accounts.models import User
from core.bilingual import in_every_language, language_codes, read, text_in, to_attribute
from core.timezones import zone_or_none
from curricula.demo import resolve_skills
from events.models import Event
from events.seed import CONFERENCE
from industry.models import OrganisationMembership, SkillNeed
from universities.models import ResearchArea, University
from universities.seed import Texts, demo_columns

from .models import (
    Call,
    CommitteeMember,
    Contribution,
    Criterion,
    Review,
    Room,
    Score,
    Session,
    SessionKind,
    Track,
)
from .review import conflict_of
from .services import DEFAULT_CRITERIA
from .timetable import Placing, clashes, days, local
from .timetable_services import session_place

State = Contribution.State

CHALLENGE_NEED = ("demo-steppe-power-grid", "Substation automation engineers")

CALL_DESCRIPTION: Texts = {
    "en": "Talks, panels, posters, workshops and industry challenges on the skills the energy transition needs in Central Asia: renewables and grids, critical minerals and batteries, and the future of coal regions (demo).",
    "ru": "Доклады, панельные дискуссии, постеры, мастер-классы и вызовы от промышленности о навыках, которые нужны энергетическому переходу в Центральной Азии: ВИЭ и сети, критически важные минералы и аккумуляторы, будущее угольных регионов (демо).",
    "kk": "Орталық Азиядағы энергетикалық көшуге қажетті дағдылар туралы баяндамалар, панельдік пікірталастар, постерлер, шеберлік сыныптары және өнеркәсіптің сын-қатерлері: жаңартылатын энергия көздері мен желілер, сыни маңызды минералдар мен аккумуляторлар, көмір өңірлерінің болашағы (демо).",
}


@dataclass(frozen=True)
class DemoTrack:
    theme: str  # research area slug
    name: Texts  # in every language


TRACKS = [
    DemoTrack("renewable-energy", {
        "en": "Renewable energy and smart grids",
        "ru": "Возобновляемая энергетика и интеллектуальные сети",
        "kk": "Жаңартылатын энергетика және зияткерлік желілер",
        "uz": "Qayta tiklanuvchi energetika va aqlli tarmoqlar",
    }),
    DemoTrack("critical-minerals", {
        "en": "Critical minerals, batteries and e-mobility",
        "ru": "Критически важные минералы, аккумуляторы и электромобильность",
        "kk": "Сыни маңызды минералдар, аккумуляторлар және электр көлігі",
        "uz": "Kritik minerallar, akkumulyatorlar va elektr transporti",
    }),
    DemoTrack("just-transition", {
        "en": "Coal regions: carbon materials and a just transition",
        "ru": "Угольные регионы: углеродные материалы и справедливый переход",
        "kk": "Көмір өңірлері: көміртекті материалдар және әділетті көшу",
        "uz": "Koʻmir hududlari: uglerod materiallari va adolatli oʻtish",
    }),
]  # fmt: skip


@dataclass(frozen=True)
class Person:
    """A demo speaker or committee member, with the participant profile events ask."""

    email: str  # @example.org
    full_name: str
    university: str  # slug
    country: str
    gender: str
    language: str
    time_zone: str


PEOPLE = [
    Person("a.nurpeisova@example.org", "Assel Nurpeisova (demo)", "almaty-university-of-power-engineering-and-telecommunications-named-after-gumarbek-daukeyev", "KZ", "female", "ru", "Asia/Almaty"),
    Person("b.karimov@example.org", "Bakhtiyor Karimov (demo)", "tashkent-state-technical-university", "UZ", "male", "uz", "Asia/Tashkent"),
    Person("d.yusupova@example.org", "Dilnoza Yusupova (demo)", "turin-polytechnic-university-in-tashkent", "UZ", "female", "en", "Asia/Tashkent"),
    Person("n.abenov@example.org", "Nurlan Abenov (demo)", "abylkas-saginov-karaganda-technical-university", "KZ", "male", "kk", "Asia/Almaty"),
    Person("g.sadykova@example.org", "Gulnara Sadykova (demo)", "karaganda-buketov-university", "KZ", "female", "ru", "Asia/Almaty"),
    Person("a.toktogulov@example.org", "Azamat Toktogulov (demo)", "kyrgyz-state-technical-university", "KG", "male", "ru", "Asia/Bishkek"),
    Person("f.rahimov@example.org", "Firuz Rahimov (demo)", "tajik-technical-university-named-after-academician-m-s-osimi", "TJ", "male", "ru", "Asia/Dushanbe"),
    Person("s.ismailova@example.org", "Saule Ismailova (demo)", "nazarbayev-university", "KZ", "female", "en", "Asia/Almaty"),
    Person("o.tursunov@example.org", "Otabek Tursunov (demo)", "navoi-state-mining-and-technological-university", "UZ", "male", "ru", "Asia/Tashkent"),
    Person("m.berdiyeva@example.org", "Maral Berdiyeva (demo)", "state-energy-institute-of-turkmenistan", "TM", "female", "ru", "Asia/Ashgabat"),
    Person("k.zhunusova@example.org", "Kamila Zhunusova (demo)", "karaganda-industrial-university", "KZ", "female", "ru", "Asia/Almaty"),
    # The committee.
    Person("a.seitkali@example.org", "Aliya Seitkali (demo)", "al-farabi-kazakh-national-university", "KZ", "female", "kk", "Asia/Almaty"),
    Person("r.nazarov@example.org", "Rustam Nazarov (demo)", "national-university-of-uzbekistan", "UZ", "male", "uz", "Asia/Tashkent"),
    Person("e.kovaleva@example.org", "Elena Kovaleva (demo)", "kyrgyz-russian-slavic-university", "KG", "female", "ru", "Asia/Bishkek"),
]  # fmt: skip
STAFF = "staff@demo.local"  # Satbayev University's demo editor (platform_site.services)


@dataclass(frozen=True)
class DemoContribution:
    key: str  # the timetable's name for it
    track: int  # index in TRACKS
    kind: str
    language: str
    state: str
    submitter: str  # e-mail
    title: str
    abstract: str
    skills: tuple[str, ...]  # platform concept slugs or ESCO English labels
    coauthor_accounts: tuple[str, ...] = ()  # e-mails
    coauthors: tuple[str, ...] = ()  # names without an account


CONTRIBUTIONS = [
    DemoContribution("wind", 0, "talk", "en", State.ACCEPTED, "a.nurpeisova@example.org",
        "Forecasting steppe wind output for the northern Kazakhstan grid",
        "Wind farms in Akmola and Kostanay now cover a tenth of the northern zone's evening load, and dispatchers still plan them from weather-service forecasts alone. We trained gradient-boosting and recurrent models on three years of SCADA data from four wind farms and compare their day-ahead errors with the current practice. The better forecasts cut the reserve the dispatcher holds by about a fifth; we show which skills a grid operator's forecasting team needs to run such models and propose a short course for dispatch engineers (demo).",
        ("steppe-wind-power", "design smart grids", "grid-codes-variable-renewables"), coauthors=("Marat Ospanov",)),
    DemoContribution("soiling", 0, "talk", "uz", State.ACCEPTED, "b.karimov@example.org",
        "Choʻl sharoitida quyosh panellarining changlanishi: Qashqadaryo stansiyalaridagi oʻlchovlar",
        "Qashqadaryo va Buxorodagi uchta quyosh elektr stansiyasida ikki yil davomida panellarning changlanishi va uning ishlab chiqarishga taʼsiri oʻlchandi. Changli boʻronlardan keyin quvvat 12 foizgacha kamayadi; tozalash jadvalini ob-havo prognoziga bogʻlash suv sarfini uchdan birga qisqartirdi. Maʼruzada oʻlchov usuli, natijalar va stansiya xodimlari uchun texnik xizmat koʻrsatish koʻnikmalari taqdim etiladi (demo).",
        ("solar-in-desert-conditions", "maintain photovoltaic systems"), coauthors=("Shahlo Ergasheva",)),
    DemoContribution("grid-codes", 0, "panel", "en", State.ACCEPTED, "m.berdiyeva@example.org",
        "Panel: grid codes for variable renewables across Central Asia",
        "Each country of the region is rewriting its grid code so that wind and solar plants ride through faults and help regulate frequency, yet the rules differ from one border to the next. Transmission engineers and academics from Turkmenistan, Kyrgyzstan and Uzbekistan compare the new requirements, what they mean for the regional power system's common operation, and the skills commissioning engineers need to test plants against them (demo).",
        ("grid-codes-variable-renewables", "regional-power-system-integration", "electricity market"),
        coauthor_accounts=("a.toktogulov@example.org", "b.karimov@example.org")),
    DemoContribution("small-hydro", 0, "talk", "ru", State.WAITLISTED, "a.toktogulov@example.org",
        "Малые ГЭС и солнечные станции в общей сети: регулирование частоты в энергосистеме Кыргызстана",
        "Зимой энергосистема Кыргызстана испытывает дефицит мощности, летом — избыток воды. Мы моделируем совместную работу малых ГЭС Чуйской области и новых солнечных станций и показываем, как малые ГЭС могут участвовать в регулировании частоты при росте доли солнечной генерации. Обсуждаются требования к релейной защите и подготовке персонала диспетчерских пунктов (демо).",
        ("regional-power-system-integration", "respond to electrical power contingencies"), coauthors=("Айдай Жумабекова",)),
    DemoContribution("hydrogen", 0, "talk", "en", State.REJECTED, "f.rahimov@example.org",
        "Hydrogen from the Vakhsh cascade's summer surplus: a first estimate",
        "In summer the hydropower plants of the Vakhsh cascade spill water they cannot sell. We estimate how much hydrogen electrolysers could make from that surplus and at what cost, using monthly generation data for 2019–2023 (demo).",
        ("electrolyser-operation", "green-hydrogen-value-chains"), coauthors=("Zarina Davlatova",)),
    DemoContribution("second-life", 1, "talk", "en", State.ACCEPTED, "d.yusupova@example.org",
        "Second life for electric bus batteries: state-of-health testing and stationary storage in Tashkent",
        "Tashkent's first electric buses will retire their battery packs within three years. We tested forty modules from buses in service for capacity fade and internal resistance and built a 200 kWh stationary store from the healthier ones at a depot's charging station. We report the test procedure, the ageing we measured, the safety rules for dismantling packs, and what technicians must learn before second-life storage can scale (demo).",
        ("battery-recycling", "battery chemistry", "grid-scale-battery-storage"), coauthors=("Luca Bianchi",)),
    DemoContribution("lithium", 1, "talk", "en", State.ACCEPTED, "s.ismailova@example.org",
        "Lithium in the pegmatites of East Kazakhstan: classifying the resources with UNFC",
        "Old Soviet exploration reports describe lithium-bearing pegmatites in the Kalba-Narym belt, but their estimates do not meet the standards investors ask for. We re-assessed three fields with the United Nations Framework Classification for Resources, combining archive drilling data with new sampling, and show where the gaps in the data, and in the region's training of geologists, lie (demo).",
        ("lithium-from-hard-rock", "resource-classification-unfc", "carry out geological explorations"), coauthors=("Daniyar Bekov", "Olga Petrenko")),
    DemoContribution("rare-earths", 1, "poster", "ru", State.ACCEPTED, "o.tursunov@example.org",
        "Извлечение редкоземельных элементов из хвостов обогащения медных руд Алмалыка",
        "Хвосты обогащения медно-молибденовых руд Алмалыкского ГМК содержат редкоземельные элементы в концентрациях, сопоставимых с бедными месторождениями. Постер представляет результаты лабораторного выщелачивания и экстракционного разделения, оценку прослеживаемости продукции для европейских покупателей и план опытной установки совместно с промышленностью (демо).",
        ("rare-earth-separation-refining", "mineral-traceability"), coauthors=("Жасур Эргашев",)),
    DemoContribution("charging", 1, "workshop", "en", State.ACCEPTED, STAFF,
        "Workshop: planning charging stations for Almaty with open data",
        "A hands-on workshop for students and city planners: with open traffic counts, the city's substation map and a simple optimisation model, participants choose sites for fast chargers along Almaty's main roads and check each site's grid connection. Bring a laptop; data and notebooks are provided (demo).",
        ("charging-infrastructure-planning",), coauthor_accounts=("d.yusupova@example.org",)),
    DemoContribution("graphene", 2, "talk", "kk", State.ACCEPTED, "n.abenov@example.org",
        "Қарағанды көмірінен графен алу: зертханадан тәжірибелік желіге дейін",
        "Қарағанды бассейнінің көмірі мен тас көмір пегінен термиялық және химиялық әдістермен көп қабатты графен алынды. Баяндамада зертханалық нәтижелер, өнімнің сапасы мен өзіндік құны, сондай-ақ өнеркәсіптік серіктеспен бірге тәжірибелік желі құру жоспары ұсынылады. Көмір өңірлеріне жаңа жұмыс орындары мен мамандарды даярлау қажеттілігі талқыланады (демо).",
        ("graphene-production-from-coal", "coal-tar-chemistry"), coauthor_accounts=("g.sadykova@example.org",)),
    DemoContribution("nanotubes", 2, "talk", "ru", State.REJECTED, "g.sadykova@example.org",
        "Углеродные нанотрубки из каменноугольного пека: обзор методов синтеза",
        "Обзор опубликованных методов синтеза углеродных нанотрубок из каменноугольного пека и смол коксования: дуговой разряд, химическое осаждение из газовой фазы, каталитический пиролиз. Сравниваются выход и чистота продукта по литературным данным (демо).",
        ("carbon-nanotube-synthesis",), coauthors=("Алексей Ким",)),
    DemoContribution("retraining", 2, "talk", "en", State.ACCEPTED, "k.zhunusova@example.org",
        "Retraining miners for the energy transition: three years of a skills centre in Karaganda",
        "Since 2023 a skills centre run by the university, the mining company and the miners' union has retrained 640 workers of closing mines as electricians, wind turbine technicians and welders. We follow who finished, who found work and at what wage, and what made the difference: recognising the skills miners already have, training close to home, and employers who committed to hire before the courses began (demo).",
        ("reskilling-coal-workers", "social-dialogue-transition", "just-transition-policy"), coauthors=("Serik Akhmetov",)),
]  # fmt: skip

CHALLENGE = "challenge"  # the timetable's name for the industry challenge

# (contribution key, reviewer e-mail, scores per criterion, comment)
REVIEWS: list[tuple[str, str, tuple[int, ...], str]] = [
    ("wind", "a.seitkali@example.org", (5, 4, 5), "Clear method and real operator data; the proposed short course is a good hook for the discussion with grid operators."),
    ("soiling", "a.seitkali@example.org", (4, 4, 4), "Useful measurements from three plants; please show the water savings per megawatt."),
    ("hydrogen", "a.seitkali@example.org", (3, 2, 2), "An interesting idea, but the estimate rests on monthly data only and gives no cost sources; hydrogen is also outside this year's tracks."),
    ("retraining", "a.seitkali@example.org", (5, 4, 5), "Rare follow-up data on retrained workers; exactly what the just transition track needs."),
    ("nanotubes", "a.seitkali@example.org", (2, 2, 3), "A literature review without results of the authors' own; we would welcome it once the laboratory work is done."),
    ("second-life", "r.nazarov@example.org", (5, 5, 4), "Strong practical work with a clear safety part."),
    ("lithium", "r.nazarov@example.org", (4, 5, 5), "Good use of UNFC; the training gap for geologists deserves a slide of its own."),
    ("small-hydro", "r.nazarov@example.org", (4, 3, 3), "Solid, but close to the panel on grid codes; a place if a talk is withdrawn."),
]  # fmt: skip

# (e-mail, role, track indexes: none for every track)
COMMITTEE: list[tuple[str, str, tuple[int, ...]]] = [
    ("e.kovaleva@example.org", CommitteeMember.Role.MEMBER, ()),
    ("a.seitkali@example.org", CommitteeMember.Role.REVIEWER, (0, 2)),
    ("r.nazarov@example.org", CommitteeMember.Role.REVIEWER, (0, 1)),
]

ROOMS: list[tuple[Texts, int, str]] = [
    ({"en": "Aula (main hall)", "ru": "Актовый зал", "kk": "Акт залы", "uz": "Majlislar zali"}, 250, "https://meet.example.org/regional-conference"),
    ({"en": "Seminar room 301", "ru": "Семинарская аудитория 301", "kk": "301 семинар аудиториясы", "uz": "301-seminar xonasi"}, 40, ""),
]  # fmt: skip
AULA, SEMINAR = 0, 1

OPENING: Texts = {
    "en": "Opening: the skills the energy transition needs",
    "ru": "Открытие: навыки, которые нужны энергетическому переходу",
    "kk": "Ашылу: энергетикалық көшуге қажетті дағдылар",
    "uz": "Ochilish: energetik oʻtish uchun zarur koʻnikmalar",
}
CLOSING: Texts = {
    "en": "Closing: joint courses and the choice of next year's host",
    "ru": "Закрытие: совместные курсы и выбор принимающей стороны следующего года",
    "kk": "Жабылу: бірлескен курстар және келесі жылғы қабылдаушы тарапты таңдау",
    "uz": "Yopilish: qoʻshma kurslar va kelgusi yil mezbonini tanlash",
}
COFFEE: Texts = {
    "en": "Coffee break",
    "ru": "Кофе-брейк",
    "kk": "Кофе-брейк",
    "uz": "Qahva tanaffusi",
}
LUNCH: Texts = {"en": "Lunch", "ru": "Обед", "kk": "Түскі ас", "uz": "Tushlik"}


@dataclass(frozen=True)
class Slot:
    """A place in the timetable: a contribution (by key) or a plenary (by title)."""

    what: str | Texts
    room: int
    day: int
    start: time
    minutes: int
    expected: int | None = None


TIMETABLE = [
    Slot(OPENING, AULA, 0, time(9, 0), 45, expected=200),
    Slot("grid-codes", AULA, 0, time(9, 45), 60, expected=150),
    Slot(COFFEE, AULA, 0, time(10, 45), 30),
    Slot("wind", AULA, 0, time(11, 15), 30),
    Slot("second-life", SEMINAR, 0, time(11, 15), 30),
    Slot("soiling", AULA, 0, time(11, 45), 30),
    Slot("lithium", SEMINAR, 0, time(11, 45), 30),
    Slot(LUNCH, AULA, 0, time(12, 15), 75),
    Slot(CHALLENGE, AULA, 0, time(13, 30), 45, expected=120),
    Slot("charging", SEMINAR, 0, time(13, 30), 90, expected=30),
    Slot("graphene", AULA, 1, time(9, 30), 30),
    Slot("rare-earths", SEMINAR, 1, time(9, 30), 60),
    Slot("retraining", AULA, 1, time(10, 0), 30),
    Slot(COFFEE, AULA, 1, time(10, 30), 30),
    Slot(CLOSING, AULA, 1, time(14, 0), 60, expected=200),
]


@dataclass(frozen=True)
class Dates:
    """The call's moments, from the conference's start and today."""

    opens_at: datetime
    closes_at: datetime
    decided_at: datetime
    published_at: datetime


def call_dates(start: datetime, today: date) -> Dates:
    """Closed a month before the conference or ten days before ``today``, whichever
    is earlier (the demo call is always closed), opened two months before closing;
    decided a week after closing, the timetable public two days later. The same all
    day long, so that seeding again the same day changes nothing."""
    zone = start.tzinfo
    closing_day = min(start.date() - timedelta(days=30), today - timedelta(days=10))
    closes_at = datetime.combine(closing_day, time(23, 59), tzinfo=zone)
    decided_at = datetime.combine(closing_day + timedelta(days=7), time(17, 0), tzinfo=zone)
    return Dates(
        opens_at=datetime.combine(closing_day - timedelta(days=60), time(9, 0), tzinfo=zone),
        closes_at=closes_at,
        decided_at=decided_at,
        published_at=decided_at + timedelta(days=2),
    )


def in_every(name: str, texts: Texts) -> dict[str, str]:
    """The columns of ``name`` in every language (``KeyError`` if one is missing)."""
    return {to_attribute(name, code): texts[code] for code in language_codes()}


def _upsert[M: models.Model](
    model: type[M], lookup: Mapping[str, Any], values: Mapping[str, Any]
) -> M:
    """The row of ``model`` matched by ``lookup`` with ``values``, created or changed;
    an unchanged row is not saved again."""
    row = model._default_manager.filter(**lookup).first()
    if row is None:
        return model._default_manager.create(**lookup, **values)
    changed = {name: value for name, value in values.items() if getattr(row, name) != value}
    if changed:
        for name, value in changed.items():
            setattr(row, name, value)
        row.save()
    return row


# --- people ---------------------------------------------------------------------------


def _people(universities: Mapping[str, University], password: str) -> dict[str, User]:
    """The demo speakers and committee members whose university is seeded, by e-mail,
    with a verified address, the demo password (set once) and a complete participant
    profile; and the demo accounts already there (the staff member, the partner)."""
    users: dict[str, User] = {}
    for person in PEOPLE:
        university = universities.get(person.university)
        if university is None:
            continue
        user = User.objects.filter(email=person.email).first()
        if user is None:
            user = User.objects.create_user(email=person.email, password=password)
        users[person.email] = _upsert(User, {"pk": user.pk}, {
            "full_name": person.full_name,
            "affiliation": read(university, "name", person.language).value,
            "preferred_language": person.language,
            "time_zone": person.time_zone,
            "country": person.country,
            "sector": User.Sector.ACADEMIA,
            "gender": person.gender,
            "participant_role": User.ParticipantRole.ACADEMIC,
        })  # fmt: skip
        EmailAddress.objects.update_or_create(
            user=user, email=person.email, defaults={"verified": True, "primary": True}
        )
    users.update((user.email, user) for user in User.objects.filter(email=STAFF))
    return users


# --- the call -------------------------------------------------------------------------


def _call(conference: Event, dates: Dates) -> Call:
    assert conference.host is not None  # noqa: S101 (the demo conference has its host)
    call = _upsert(Call, {"event": conference}, {
        **demo_columns({"description": CALL_DESCRIPTION}, country=conference.host.country),
        "opens_at": dates.opens_at,
        "closes_at": dates.closes_at,
        "session_kinds": [kind.value for kind in SessionKind],
        "minutes": 20,
        "blind_review": False,
        "share_reviews": True,
        "timetable_published_at": dates.published_at,
    })  # fmt: skip
    themes = {area.slug: area for area in ResearchArea.objects.all()}
    for position, track in enumerate(TRACKS):
        _upsert(Track, {"call": call, "position": position}, {
            **in_every("name", track.name), "theme": themes.get(track.theme),
        })  # fmt: skip
    for position, phrase in enumerate(DEFAULT_CRITERIA):
        names = in_every_language("name", partial(str, phrase))
        _upsert(Criterion, {"call": call, "position": position}, names)
    return call


def _contributions(
    call: Call, users: Mapping[str, User], universities: Mapping[str, University], dates: Dates
) -> dict[str, Contribution]:
    """The contributions whose submitter is seeded, by key."""
    tracks = list(call.tracks.order_by("position"))
    home = {person.email: person.university for person in PEOPLE}
    home[STAFF] = "satbayev-university"
    skills = resolve_skills({name for demo in CONTRIBUTIONS for name in demo.skills})
    found: dict[str, Contribution] = {}
    for index, demo in enumerate(CONTRIBUTIONS):
        submitter = users.get(demo.submitter)
        if submitter is None:
            continue
        university = universities.get(home[demo.submitter])
        contribution = _upsert(Contribution, {"call": call, "title": demo.title}, {
            "submitter_id": submitter.pk,
            "abstract": demo.abstract,
            "kind": demo.kind,
            "track_id": tracks[demo.track].pk,
            "language": demo.language,
            "coauthors": "\n".join(demo.coauthors),
            "university_id": university.pk if university else None,
            "organisation_id": None,
            "need_id": None,
            "state": demo.state,
            "decided_at": dates.decided_at if demo.state != State.SUBMITTED else None,
            "created_at": dates.opens_at + timedelta(days=3 + 4 * index, hours=index),
        })  # fmt: skip
        contribution.coauthor_accounts.set(
            [users[email] for email in demo.coauthor_accounts if email in users]
        )
        contribution.skills.set([skills[name] for name in demo.skills if name in skills])
        found[demo.key] = contribution
    challenge = _challenge(call, tracks[0], dates)
    if challenge is not None:
        found[CHALLENGE] = challenge
    return found


def _challenge(call: Call, track: Track, dates: Dates) -> Contribution | None:
    """The need ``CHALLENGE_NEED`` presented by a member of its organisation, as
    ``services.challenge_create`` would: the need's title, its background and
    description as the abstract (in the member's language) and its skills."""
    organisation, title = CHALLENGE_NEED
    need = SkillNeed.objects.filter(
        organisation__slug=organisation, title_en=title, is_demo=True
    ).first()
    membership = (
        OrganisationMembership.objects.approved()
        .filter(organisation__slug=organisation)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    if need is None or membership is None:
        return None
    language = membership.user.preferred_language
    heading = read(need, "title", language)
    abstract = "\n\n".join(
        text
        for text in (read(need, "background", language).value, read(need, "description", language).value)
        if text
    )  # fmt: skip
    contribution = _upsert(Contribution, {"call": call, "need": need}, {
        "submitter_id": membership.user_id,
        "title": heading.value[:250],
        "abstract": abstract[:4000],
        "kind": SessionKind.CHALLENGE.value,
        "track_id": track.pk,
        "language": heading.language,
        "coauthors": "",
        "university_id": None,
        "organisation_id": need.organisation_id,
        "state": State.ACCEPTED,
        "decided_at": dates.decided_at,
        "created_at": dates.opens_at + timedelta(days=20),
    })  # fmt: skip
    contribution.coauthor_accounts.clear()
    contribution.skills.set(need.skills.all())
    return contribution


def _committee(call: Call, users: Mapping[str, User]) -> None:
    tracks = list(call.tracks.order_by("position"))
    for email, role, indexes in COMMITTEE:
        if email not in users:
            continue
        member = _upsert(CommitteeMember, {"call": call, "user": users[email]}, {"role": role})
        member.tracks.set([tracks[index] for index in indexes])


def _reviews(
    call: Call, contributions: Mapping[str, Contribution], users: Mapping[str, User], dates: Dates
) -> None:
    """The reviews of ``REVIEWS``; one by a reviewer in a conflict of interest raises."""
    criteria = list(call.criteria.order_by("position"))
    for key, email, values, comment in REVIEWS:
        contribution, reviewer = contributions.get(key), users.get(email)
        if contribution is None or reviewer is None:
            continue
        conflict = conflict_of(reviewer, contribution)
        if conflict is not None:
            raise RuntimeError(f"Demo review of “{contribution}”: {conflict.message}")
        review = _upsert(Review, {"contribution": contribution, "reviewer": reviewer}, {
            "comment": comment, "created_at": dates.closes_at + timedelta(days=2),
        })  # fmt: skip
        for criterion, value in zip(criteria, values, strict=False):
            _upsert(Score, {"review": review, "criterion": criterion}, {"value": value})


# --- the timetable --------------------------------------------------------------------


def _rooms(call: Call) -> list[Room]:
    return [
        _upsert(
            Room,
            {"call": call, "position": position},
            {
                **in_every("name", name),
                "capacity": capacity,
                "stream_url": stream_url,
            },
        )  # fmt: skip
        for position, (name, capacity, stream_url) in enumerate(ROOMS)
    ]


@dataclass(frozen=True)
class Wanted:
    """A session as the demo wants it."""

    room: Room
    starts_at: datetime
    ends_at: datetime
    expected: int | None
    contribution: Contribution | None = None
    title: Texts | None = None


def _wanted(call: Call, rooms: Sequence[Room], contributions: Mapping[str, Contribution]) -> list[Wanted]:  # fmt: skip
    conference_days = days(call)
    wanted: list[Wanted] = []
    for slot in TIMETABLE:
        starts_at = local(call, conference_days[slot.day], slot.start)
        ends_at = starts_at + timedelta(minutes=slot.minutes)
        room = rooms[slot.room]
        if isinstance(slot.what, str):
            contribution = contributions.get(slot.what)
            if contribution is not None:
                wanted.append(Wanted(room, starts_at, ends_at, slot.expected, contribution))
        else:
            wanted.append(Wanted(room, starts_at, ends_at, slot.expected, title=slot.what))
    return wanted


def _matched(call: Call, wanted: Iterable[Wanted]) -> list[tuple[Wanted, Session | None]]:
    """Each wanted session with the session it already is, if any: the session of its
    contribution, or the plenary of its English title at the same rank in time."""
    existing = list(call.sessions.order_by("starts_at", "pk"))
    by_contribution = {s.contribution_id: s for s in existing if s.contribution_id}
    plenaries: dict[str, list[Session]] = defaultdict(list)
    for session in existing:
        if not session.contribution_id:
            plenaries[text_in(session, "title", "en")].append(session)
    pairs: list[tuple[Wanted, Session | None]] = []
    for want in wanted:
        if want.contribution is not None:
            pairs.append((want, by_contribution.pop(want.contribution.pk, None)))
        else:
            assert want.title is not None  # noqa: S101 (a plenary has its title)
            same = plenaries[want.title["en"]]
            pairs.append((want, same.pop(0) if same else None))
    return pairs


def _timetable(call: Call, contributions: Mapping[str, Contribution]) -> int:
    """Place the demo sessions: sessions no longer wanted are removed, those whose
    room, time or audience changed are written in place first (their SEQUENCE counted
    up once the timetable is public), the new ones placed through the service; then
    every session is checked for clashes. Returns how many sessions there are."""
    pairs = _matched(call, _wanted(call, _rooms(call), contributions))
    kept = {session.pk for _want, session in pairs if session is not None}
    call.sessions.exclude(pk__in=kept).delete()
    for want, session in pairs:
        if session is not None:
            _rewrite(call, session, want)
    for want, session in pairs:
        if session is None:
            session_place(call=call, values=_values(want))
    sessions = list(call.sessions.select_related("room", "contribution"))
    for session in sessions:
        placing = Placing(
            call=call, room=session.room, starts_at=session.starts_at, ends_at=session.ends_at,
            contribution=session.contribution, expected=session.expected, session_pk=session.pk,
        )  # fmt: skip
        errors = clashes(placing)
        if errors:
            raise RuntimeError(f"The demo timetable clashes at “{session}”: {errors}")
    return len(sessions)


def _values(want: Wanted) -> dict[str, Any]:
    values: dict[str, Any] = {
        "room": want.room,
        "starts_at": want.starts_at,
        "ends_at": want.ends_at,
        "expected": want.expected,
        "contribution": want.contribution,
    }
    if want.title is not None:
        values.update(in_every("title", want.title))
    return values


def _rewrite(call: Call, session: Session, want: Wanted) -> None:
    values = _values(want)
    values["room_id"] = values.pop("room").pk
    values.pop("contribution")
    changed = {name: value for name, value in values.items() if getattr(session, name) != value}
    if not changed:
        return
    moved = bool({"room_id", "starts_at", "ends_at"} & changed.keys())
    if moved and call.timetable_published_at is not None:
        changed["sequence"] = F("sequence") + 1
    Session.objects.filter(pk=session.pk).update(**changed, updated_at=timezone.now())


# --- the whole ------------------------------------------------------------------------


def demo_conference() -> Event | None:
    """This year's regional conference of the events seed, if it is there."""
    return (
        Event.objects.filter(kind=Event.Kind.CONFERENCE, title_en=CONFERENCE["title"]["en"])
        .exclude(host=None)
        .select_related("host")
        .first()
    )


@transaction.atomic
def load_demo_programme(*, password: str) -> int:
    """The demo conference's call, contributions, committee, reviews and published
    timetable (nothing without the demo conference); returns how many sessions its
    timetable has; the speakers' accounts get ``password``. Sends no e-mail. Raises ``RuntimeError`` (and writes nothing) if the
    timetable would clash or a review would be by an author's colleague."""
    conference = demo_conference()
    if conference is None:
        return 0
    zone = zone_or_none(conference.time_zone) or ZoneInfo("UTC")
    dates = call_dates(timezone.localtime(conference.start, zone), timezone.localdate())
    slugs = {person.university for person in PEOPLE} | {"satbayev-university"}
    universities = {u.slug: u for u in University.objects.filter(slug__in=slugs)}
    call = _call(conference, dates)
    users = _people(universities, password)
    contributions = _contributions(call, users, universities, dates)
    _committee(call, users)
    _reviews(call, contributions, users, dates)
    return _timetable(call, contributions)
