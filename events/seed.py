"""A demo calendar: a monthly UNECE webinar series, past events with materials, an
upcoming hybrid training and this year's regional conference. Idempotent."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from universities.models import Language, ResearchArea, University

from . import reminders
from .models import AgendaItem, Event, EventSeries, HostingRecord, Registration, RotationMember

ALMATY = ZoneInfo("Asia/Almaty")
TOPICS = [
    ("Green hydrogen in Central Asia", "Зелёный водород в Центральной Азии", "hydrogen"),
    ("From coal to graphene", "От угля к графену", "renewable-energy"),
    ("Smart grids for variable renewables", "Интеллектуальные сети для ВИЭ", "power-systems-smart-grids"),
    ("Critical minerals and batteries", "Критически важные минералы и аккумуляторы", "e-mobility-batteries"),
    ("Just transition of coal regions", "Справедливый переход угольных регионов", "just-transition"),
    ("Energy efficiency in universities", "Энергоэффективность в университетах", "energy-efficiency"),
]  # fmt: skip


def first_weekday(year: int, month: int, weekday: int):
    day = date(year, month, 1)
    return day + timedelta(days=(weekday - day.weekday()) % 7)


@transaction.atomic
def load_demo_events(student=None) -> int:
    series, _ = EventSeries.objects.update_or_create(
        slug="unece-energy-webinars",
        defaults={
            "name_en": "UNECE energy transition webinars",
            "name_ru": "Вебинары ЕЭК ООН по энергетическому переходу",
            "time_zone": "Asia/Almaty",
            "reminder_offsets": [1440, 60],
        },
    )
    english, russian = Language.objects.get(code="en"), Language.objects.get(code="ru")
    today = timezone.localdate()
    count = 0
    for index, (title_en, title_ru, area_slug) in enumerate(TOPICS):
        month_offset = index - 2  # two past webinars, four to come
        year = today.year + (today.month - 1 + month_offset) // 12
        month = (today.month - 1 + month_offset) % 12 + 1
        day = first_weekday(year, month, 1)  # first Tuesday
        start = datetime.combine(day, time(10, 0), tzinfo=ALMATY)
        past = start < timezone.now()
        event, _ = Event.objects.update_or_create(
            series=series,
            title_en=title_en,
            defaults={
                "title_ru": title_ru,
                "kind": Event.Kind.WEBINAR,
                "format": Event.Format.ONLINE,
                "start": start,
                "end": start + timedelta(hours=1, minutes=30),
                "time_zone": "Asia/Almaty",
                "join_url": "https://meet.example.org/unece-webinar",
                "status": Event.Status.PUBLISHED,
                "description_en": f"{title_en}: a monthly UNECE webinar (demo).",
                "description_ru": f"{title_ru}: ежемесячный вебинар ЕЭК ООН (демо).",
                "recording_url": "https://video.example.org/unece-webinar" if past else "",
                "summary_en": "Key points and next steps (demo)." if past else "",
            },
        )
        event.languages.set([english, russian])
        area = ResearchArea.objects.filter(slug=area_slug).first()
        if area:
            event.areas.set([area])
        AgendaItem.objects.get_or_create(
            event=event,
            title_en="Opening and presentations",
            defaults={"starts_at": start, "speakers": "UNECE Sustainable Energy Division"},
        )
        count += 1
    host = University.objects.filter(slug="satbayev-university").first()
    if host is not None:
        start = datetime.combine(today + timedelta(days=75), time(9, 0), tzinfo=ALMATY)
        conference, _ = Event.objects.update_or_create(
            title_en="Regional conference on skills for the energy transition",
            defaults={
                "title_ru": "Региональная конференция о навыках для энергетического перехода",
                "kind": Event.Kind.CONFERENCE,
                "format": Event.Format.HYBRID,
                "start": start,
                "end": start + timedelta(days=1, hours=8),
                "time_zone": "Asia/Almaty",
                "host": host,
                "venue_en": "Main building, Satpayev Street 22, Almaty",
                "join_url": "https://meet.example.org/regional-conference",
                "capacity_on_site": 150,
                "status": Event.Status.PUBLISHED,
            },
        )
        conference.languages.set([english, russian])
        _rotation(host, conference)
        count += 1
        training_start = datetime.combine(today + timedelta(days=20), time(14, 0), tzinfo=ALMATY)
        training, _ = Event.objects.update_or_create(
            title_en="Hybrid training: grid integration of solar plants",
            defaults={
                "title_ru": "Гибридный тренинг: подключение солнечных станций к сети",
                "kind": Event.Kind.TRAINING,
                "format": Event.Format.HYBRID,
                "start": training_start,
                "end": training_start + timedelta(hours=4),
                "time_zone": "Asia/Almaty",
                "host": host,
                "venue_en": "Laboratory of power systems, room 204",
                "join_url": "https://meet.example.org/solar-training",
                "capacity_on_site": 20,
                "capacity_online": 100,
                "status": Event.Status.PUBLISHED,
            },
        )
        training.languages.set([russian])
        count += 1
        if student is not None:
            registration, created = Registration.objects.get_or_create(
                user=student,
                event=training,
                defaults={
                    "mode": Registration.Mode.ONLINE,
                    "status": Registration.Status.CONFIRMED,
                },
            )
            if created:
                reminders.schedule(registration)
    return count


ROTATION = [
    "satbayev-university",
    "tashkent-state-technical-university",
    "kyrgyz-state-technical-university",
    "tajik-technical-university-named-after-academician-m-s-osimi",
    "al-farabi-kazakh-national-university",
    "national-university-of-uzbekistan",
]


def _rotation(host, conference) -> None:
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
