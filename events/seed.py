"""A demo calendar: a monthly UNECE webinar series, past events with materials, an
upcoming hybrid training and this year's regional conference. Idempotent: the series
is matched on its slug, events on their series and English title, agenda items on
their event and English title; seeding again updates their texts.

UNECE writes its webinars in English and Russian; the Kazakh host university writes
its training and conference in Kazakh too (``universities.seed.demo_columns``).
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from universities.models import Language, ResearchArea, University
from universities.seed import Texts, demo_columns

from . import reminders
from .models import (
    AgendaItem,
    Event,
    EventQuestion,
    EventSeries,
    HostingRecord,
    Registration,
    RotationMember,
)

ALMATY = ZoneInfo("Asia/Almaty")
# UNECE is no country's party: it writes in English and Russian.
UNECE = ""

SERIES: dict[str, Texts] = {
    "name": {
        "en": "UNECE energy transition webinars",
        "ru": "Вебинары ЕЭК ООН по энергетическому переходу",
    },
    "description": {
        "en": "A monthly online series of the UNECE Sustainable Energy Division with the universities of Central Asia: one theme of the energy transition each month, with time for questions (demo).",
        "ru": "Ежемесячная онлайн-серия Отдела устойчивой энергетики ЕЭК ООН с университетами Центральной Азии: каждый месяц — одна тема энергетического перехода и время для вопросов (демо).",
    },
}  # fmt: skip


@dataclass(frozen=True)
class Webinar:
    area: str  # research area slug
    title: Texts
    description: Texts
    summary: Texts  # shown once the webinar is over


TOPICS = [
    Webinar(
        "hydrogen",
        title={"en": "Green hydrogen in Central Asia", "ru": "Зелёный водород в Центральной Азии"},
        description={
            "en": "Where green hydrogen could be produced in the region, at what cost, and what skills electrolyser plants will need (demo).",
            "ru": "Где в регионе можно производить зелёный водород, во что это обойдётся и какие навыки понадобятся на электролизных заводах (демо).",
        },
        summary={
            "en": "Speakers compared wind and solar sites for electrolysis in Kazakhstan and Uzbekistan and agreed to list the courses on hydrogen safety offered in the region (demo).",
            "ru": "Докладчики сравнили площадки с ветровыми и солнечными ресурсами для электролиза в Казахстане и Узбекистане и договорились составить перечень курсов по водородной безопасности в регионе (демо).",
        },
    ),
    Webinar(
        "coal-chemistry-carbon-materials",
        title={"en": "From coal to graphene", "ru": "От угля к графену"},
        description={
            "en": "How coal regions can turn their resource into graphene, nanotubes and other advanced carbon materials instead of burning it (demo).",
            "ru": "Как угольные регионы могут превращать свой ресурс в графен, нанотрубки и другие передовые углеродные материалы, а не сжигать его (демо).",
        },
        summary={
            "en": "Researchers from Karaganda presented laboratory results on graphene from coal tar pitch; the next step is a pilot line with industry (demo).",
            "ru": "Исследователи из Караганды представили лабораторные результаты получения графена из каменноугольного пека; следующий шаг — опытная линия вместе с промышленностью (демо).",
        },
    ),
    Webinar(
        "power-systems-smart-grids",
        title={"en": "Smart grids for variable renewables", "ru": "Интеллектуальные сети для ВИЭ"},
        description={
            "en": "Digital substations, forecasting and demand response: what the region's grids need to take in more wind and solar power (demo).",
            "ru": "Цифровые подстанции, прогнозирование и управление спросом: что нужно энергосистемам региона, чтобы принимать больше ветровой и солнечной энергии (демо).",
        },
        summary={
            "en": "Grid operators named the skills they lack most, protection engineering, forecasting and data analysis, and universities offered short courses (demo).",
            "ru": "Сетевые операторы назвали навыки, которых им больше всего не хватает, — релейная защита, прогнозирование и анализ данных, а университеты предложили краткосрочные курсы (демо).",
        },
    ),
    Webinar(
        "e-mobility-batteries",
        title={"en": "Critical minerals and batteries", "ru": "Критически важные минералы и аккумуляторы"},
        description={
            "en": "Lithium, rare earths and the battery value chain: from exploration in Central Asia to battery cells, and the responsible mining it requires (demo).",
            "ru": "Литий, редкоземельные элементы и цепочка создания стоимости аккумуляторов: от геологоразведки в Центральной Азии до аккумуляторных элементов — и ответственная добыча, которой это требует (демо).",
        },
        summary={
            "en": "Participants discussed which deposits are being explored and the training geologists and metallurgists need for them (demo).",
            "ru": "Участники обсудили, какие месторождения сейчас разведываются и какая подготовка для этого нужна геологам и металлургам (демо).",
        },
    ),
    Webinar(
        "just-transition",
        title={"en": "Just transition of coal regions", "ru": "Справедливый переход угольных регионов"},
        description={
            "en": "Jobs, retraining and social dialogue in mining towns as coal plants close: the experience of Karaganda, Ekibastuz and other regions (demo).",
            "ru": "Рабочие места, переподготовка и социальный диалог в шахтёрских городах при закрытии угольных станций: опыт Караганды, Экибастуза и других регионов (демо).",
        },
        summary={
            "en": "Trade unions, employers and universities shared the retraining schemes that worked and those that did not (demo).",
            "ru": "Профсоюзы, работодатели и университеты рассказали о программах переподготовки — как удавшихся, так и нет (демо).",
        },
    ),
    Webinar(
        "energy-efficiency",
        title={"en": "Energy efficiency in universities", "ru": "Энергоэффективность в университетах"},
        description={
            "en": "Campuses as living laboratories: metering, building retrofits and student projects that cut energy use (demo).",
            "ru": "Кампусы как живые лаборатории: учёт энергии, модернизация зданий и студенческие проекты, снижающие энергопотребление (демо).",
        },
        summary={
            "en": "Three universities showed how metering their buildings cut their heat use by a fifth (demo).",
            "ru": "Три университета показали, как учёт энергии в зданиях сократил расход тепла на пятую часть (демо).",
        },
    ),
]  # fmt: skip

# Each webinar's agenda: (minutes after the start, title).
WEBINAR_AGENDA: list[tuple[int, Texts]] = [
    (0, {"en": "Opening and presentations", "ru": "Открытие и доклады"}),
    (60, {"en": "Questions and discussion", "ru": "Вопросы и обсуждение"}),
]

# The host writes these (in Kazakhstan: in Kazakh too).
CONFERENCE: dict[str, Texts] = {
    "title": {
        "en": "Regional conference on skills for the energy transition",
        "ru": "Региональная конференция о навыках для энергетического перехода",
        "kk": "Энергетикалық көшуге қажетті дағдылар жөніндегі өңірлік конференция",
    },
    "description": {
        "en": "The yearly regional conference, this year in Almaty: universities, employers and UNECE compare the skills the energy transition needs with what programmes teach, and agree on joint courses and internships (demo).",
        "ru": "Ежегодная региональная конференция, в этом году — в Алматы: университеты, работодатели и ЕЭК ООН сопоставляют навыки, необходимые для энергетического перехода, с содержанием образовательных программ и договариваются о совместных курсах и стажировках (демо).",
        "kk": "Жыл сайынғы өңірлік конференция биыл Алматыда өтеді: университеттер, жұмыс берушілер және БҰҰ ЕЭК энергетикалық көшуге қажетті дағдыларды білім беру бағдарламаларының мазмұнымен салыстырып, бірлескен курстар мен тағылымдамалар туралы уағдаласады (демо).",
    },
    "venue": {
        "en": "Main building, 22 Satbayev Street, Almaty",
        "ru": "Главный учебный корпус, ул. Сатпаева, 22, Алматы",
        "kk": "Бас оқу ғимараты, Сәтбаев көшесі, 22, Алматы",
    },
}  # fmt: skip
# (day, hour, minute, title)
CONFERENCE_AGENDA: list[tuple[int, int, int, Texts]] = [
    (0, 9, 0, {
        "en": "Opening: the skills the energy transition needs",
        "ru": "Открытие: навыки, которые нужны энергетическому переходу",
        "kk": "Ашылу: энергетикалық көшуге қажетті дағдылар",
    }),
    (0, 10, 30, {
        "en": "Panel: smart grids and renewables",
        "ru": "Панельная сессия: интеллектуальные сети и ВИЭ",
        "kk": "Панельдік сессия: зияткерлік желілер және жаңартылатын энергия көздері",
    }),
    (0, 14, 0, {
        "en": "Panel: critical minerals, batteries and e-mobility",
        "ru": "Панельная сессия: критически важные минералы, аккумуляторы и электромобильность",
        "kk": "Панельдік сессия: сыни маңызды минералдар, аккумуляторлар және электр көлігі",
    }),
    (0, 16, 0, {
        "en": "From coal to graphene: industry and universities",
        "ru": "От угля к графену: промышленность и университеты",
        "kk": "Көмірден графенге: өнеркәсіп пен университеттер",
    }),
    (1, 9, 30, {
        "en": "Just transition: retraining in coal regions",
        "ru": "Справедливый переход: переподготовка в угольных регионах",
        "kk": "Әділетті көшу: көмір өңірлеріндегі қайта даярлау",
    }),
    (1, 14, 0, {
        "en": "Joint courses and the choice of next year's host",
        "ru": "Совместные курсы и выбор принимающей стороны следующего года",
        "kk": "Бірлескен курстар және келесі жылғы қабылдаушы тарапты таңдау",
    }),
]  # fmt: skip
TRAINING: dict[str, Texts] = {
    "title": {
        "en": "Hybrid training: grid integration of solar plants",
        "ru": "Гибридный тренинг: подключение солнечных станций к сети",
        "kk": "Гибридті тренинг: күн электр станцияларын желіге қосу",
    },
    "description": {
        "en": "A four-hour training for engineers and students: connection requirements, inverter settings and a live exercise on the laboratory's grid simulator (demo).",
        "ru": "Четырёхчасовой тренинг для инженеров и студентов: требования к подключению, настройка инверторов и практическое упражнение на сетевом симуляторе лаборатории (демо).",
        "kk": "Инженерлер мен студенттерге арналған төрт сағаттық тренинг: қосылу талаптары, инверторларды баптау және зертхананың желі симуляторындағы практикалық жаттығу (демо).",
    },
    "venue": {
        "en": "Power systems laboratory, room 204",
        "ru": "Лаборатория энергосистем, аудитория 204",
        "kk": "Энергожүйелер зертханасы, 204-аудитория",
    },
}  # fmt: skip
# (minutes after the start, title)
TRAINING_AGENDA: list[tuple[int, Texts]] = [
    (0, {
        "en": "Connection requirements for solar plants",
        "ru": "Требования к подключению солнечных станций",
        "kk": "Күн электр станцияларын желіге қосу талаптары",
    }),
    (60, {
        "en": "Inverter settings and grid support",
        "ru": "Настройка инверторов и поддержка сети",
        "kk": "Инверторларды баптау және желіні қолдау",
    }),
    (135, {
        "en": "Exercise on the grid simulator",
        "ru": "Упражнение на сетевом симуляторе",
        "kk": "Желі симуляторындағы жаттығу",
    }),
]  # fmt: skip


def first_weekday(year: int, month: int, weekday: int) -> date:
    day = date(year, month, 1)
    return day + timedelta(days=(weekday - day.weekday()) % 7)


@transaction.atomic
def load_demo_events(student: User | None = None) -> int:
    """The demo series, webinars, training and conference (with the host rotation);
    ``student`` is registered for the training, with its reminders scheduled. Returns
    how many events were written."""
    series, _ = EventSeries.objects.update_or_create(
        slug="unece-energy-webinars",
        defaults={
            **demo_columns(SERIES, country=UNECE),
            "time_zone": "Asia/Almaty",
            "reminder_offsets": [1440, 60],
        },
    )
    languages = {language.code: language for language in Language.objects.all()}
    english, russian = languages["en"], languages["ru"]
    today = timezone.localdate()
    count = 0
    for index, webinar in enumerate(TOPICS):
        month_offset = index - 2  # two past webinars, four to come
        year = today.year + (today.month - 1 + month_offset) // 12
        month = (today.month - 1 + month_offset) % 12 + 1
        day = first_weekday(year, month, 1)  # first Tuesday
        start = datetime.combine(day, time(10, 0), tzinfo=ALMATY)
        past = start < timezone.now()
        texts = {
            "title": webinar.title,
            "description": webinar.description,
            "summary": webinar.summary if past else {},
        }
        event, _ = Event.objects.update_or_create(
            series=series,
            title_en=webinar.title["en"],
            defaults={
                **demo_columns(texts, country=UNECE),
                "kind": Event.Kind.WEBINAR,
                "format": Event.Format.ONLINE,
                "start": start,
                "end": start + timedelta(hours=1, minutes=30),
                "time_zone": "Asia/Almaty",
                "join_url": "https://meet.example.org/unece-webinar",
                "status": Event.Status.PUBLISHED,
                "recording_url": "https://video.example.org/unece-webinar" if past else "",
            },
        )
        event.languages.set([english, russian])
        area = ResearchArea.objects.filter(slug=webinar.area).first()
        if area:
            event.areas.set([area])
        for minutes, title in WEBINAR_AGENDA:
            starts_at = start + timedelta(minutes=minutes)
            _agenda_item(event, starts_at, title, country=UNECE, speakers="UNECE")
        count += 1
    host = University.objects.filter(slug="satbayev-university").first()
    if host is not None:
        count += _host_events(host, today, languages, student)
    return count


def _host_events(
    host: University, today: date, languages: dict[str, Language], student: User | None
) -> int:
    """The host university's conference (in the rotation) and training."""
    local = [languages[code] for code in ("kk", "ru", "en") if code in languages]
    start = datetime.combine(today + timedelta(days=75), time(9, 0), tzinfo=ALMATY)
    conference, _ = Event.objects.update_or_create(
        title_en=CONFERENCE["title"]["en"],
        defaults={
            **demo_columns(CONFERENCE, country=host.country),
            "kind": Event.Kind.CONFERENCE,
            "format": Event.Format.HYBRID,
            "start": start,
            "end": start + timedelta(days=1, hours=8),
            "time_zone": "Asia/Almaty",
            "host": host,
            "join_url": "https://meet.example.org/regional-conference",
            "capacity_on_site": 150,
            "status": Event.Status.PUBLISHED,
        },
    )
    conference.languages.set(local)
    for position, (day, hour, minute, title) in enumerate(CONFERENCE_AGENDA):
        starts_at = datetime.combine(
            start.date() + timedelta(days=day), time(hour, minute), tzinfo=ALMATY
        )
        speakers = "UNECE" if position == 0 else ""
        _agenda_item(conference, starts_at, title, country=host.country, speakers=speakers)
    _rotation(host, conference)
    _questions(conference, country=host.country)
    training_start = datetime.combine(today + timedelta(days=20), time(14, 0), tzinfo=ALMATY)
    training, _ = Event.objects.update_or_create(
        title_en=TRAINING["title"]["en"],
        defaults={
            **demo_columns(TRAINING, country=host.country),
            "kind": Event.Kind.TRAINING,
            "format": Event.Format.HYBRID,
            "start": training_start,
            "end": training_start + timedelta(hours=4),
            "time_zone": "Asia/Almaty",
            "host": host,
            "join_url": "https://meet.example.org/solar-training",
            "capacity_on_site": 20,
            "capacity_online": 100,
            "status": Event.Status.PUBLISHED,
        },
    )
    training.languages.set([language for language in local if language.code != "en"])
    for minutes, title in TRAINING_AGENDA:
        starts_at = training_start + timedelta(minutes=minutes)
        _agenda_item(training, starts_at, title, country=host.country)
    if student is not None:
        registration, created = Registration.objects.get_or_create(
            user=student,
            event=training,
            defaults={"mode": Registration.Mode.ONLINE, "status": Registration.Status.CONFIRMED},
        )
        if created:
            reminders.schedule(registration)
    return 2


# The conference's own registration questions (the profile's are asked anyway).
CONFERENCE_QUESTIONS: list[tuple[str, bool, Texts, Texts]] = [
    (EventQuestion.Kind.CHOICE, True,
     {"en": "Dietary needs", "ru": "Особенности питания", "kk": "Тамақтану ерекшеліктері"},
     {"en": "None\nVegetarian\nHalal\nOther", "ru": "Нет\nВегетарианское\nХалял\nДругое",
      "kk": "Жоқ\nВегетариандық\nХалал\nБасқа"}),
    (EventQuestion.Kind.TEXT, False,
     {"en": "Accessibility needs", "ru": "Потребности в доступной среде",
      "kk": "Қолжетімді орта қажеттіліктері"},
     {}),
]  # fmt: skip


def _questions(event: Event, *, country: str) -> None:
    """The demo conference's questions, matched on their position."""
    for position, (kind, required, text, choices) in enumerate(CONFERENCE_QUESTIONS, start=1):
        EventQuestion.objects.update_or_create(
            event=event,
            position=position,
            defaults={
                "kind": kind,
                "required": required,
                **demo_columns({"text": text, "choices": choices}, country=country),
            },
        )


def _agenda_item(
    event: Event, starts_at: datetime, title: Texts, *, country: str, speakers: str = ""
) -> None:
    # Speakers are one plain column for every language: only names that read the
    # same in all of them ("UNECE") are written there.
    AgendaItem.objects.update_or_create(
        event=event,
        title_en=title["en"],
        defaults={
            **demo_columns({"title": title}, country=country),
            "starts_at": starts_at,
            "speakers": speakers,
        },
    )


ROTATION = [
    "satbayev-university",
    "tashkent-state-technical-university",
    "kyrgyz-state-technical-university",
    "tajik-technical-university-named-after-academician-m-s-osimi",
    "al-farabi-kazakh-national-university",
    "national-university-of-uzbekistan",
]


def _rotation(host: University, conference: Event) -> None:
    """The rotation of real universities, with this year's conference as cycle 1."""
    slugs = [s for s in ROTATION if University.objects.filter(slug=s).exists()]
    for position, slug in enumerate(slugs, start=1):
        RotationMember.objects.get_or_create(
            university=University.objects.get(slug=slug),
            defaults={"position": position, "venue_capacity": 150 + 50 * (position % 3)},
        )
    HostingRecord.objects.get_or_create(
        cycle=1,
        university=host,
        defaults={"outcome": HostingRecord.Outcome.HOSTED, "event": conference},
    )
