# ruff: noqa: E501 (texts in four languages, one a line)
"""What a student needs to apply to the demo programmes: how to apply, entry
requirements, intakes, fees, learning outcomes tied to the programme's skills,
accreditations, scholarships and joint programmes between universities of
different countries.

Realistic but invented. Links only on the university's own website (none where its
row has none); deadlines follow each country's admission calendar (bachelors apply
after the national test, masters in July) and are computed from today, so the demo
stays current: the next September's intake, a February one for short courses, two
short courses whose deadline is within two months, one accreditation that has
expired and one ending within a month (the Expired badge and the expiry e-mail).
Accreditation agencies follow the country (``curricula/data/agencies.csv``); the
state grant of each country serves the degree programmes of its universities.

Idempotent: rows are matched on natural keys (an intake on its start, an outcome on
its position, an accreditation on its agency, a scholarship on its university and
English name), what is no longer wanted is deleted, the many-to-many links are set;
run again on the same day, nothing changes. Deterministic: a random generator is
seeded per programme."""

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from core.bilingual import text_in
from universities.models import University
from universities.seed import Texts, demo_columns, demo_languages

from .models import (
    AccreditationAgency,
    EntryDegree,
    Intake,
    LearningOutcome,
    Programme,
    ProgrammeSkill,
    Scholarship,
)
from .reference import agencies_load

BA, MA, PHD, SC = (
    Programme.Degree.BACHELOR,
    Programme.Degree.MASTER,
    Programme.Degree.DOCTORATE,
    Programme.Degree.SHORT_COURSE,
)

ENTRY_DEGREES: dict[str, str] = {
    BA: EntryDegree.SECONDARY,
    MA: EntryDegree.BACHELOR,
    PHD: EntryDegree.MASTER,
}
# Short courses for technicians ask for a vocational diploma; the others for nothing.
VOCATIONAL_COURSES = {"renewable", "hydrogen", "efficiency", "environment"}

# The skill (slug or ESCO label, as in ``demo.TRACKS``) each line of a track's
# learning outcomes gives.
OUTCOME_SKILLS: dict[str, tuple[str, ...]] = {
    "renewable": ("design solar energy systems", "renewable energy technologies", "maintain photovoltaic systems"),
    "power": ("design electric power systems", "respond to electrical power contingencies", "grid-codes-variable-renewables"),
    "ev": ("battery chemistry", "charging-infrastructure-planning", "electric-vehicle-maintenance"),
    "mining": ("carry out geological explorations", "advise on mine development", "develop mine rehabilitation plan"),
    "coal": ("coal-tar-chemistry", "nanomaterials", "graphene-production-from-coal"),
    "hydrogen": ("assess hydrogen production technologies", "green-hydrogen-value-chains", "execute feasibility study on hydrogen"),
    "efficiency": ("conduct energy audit", "design heat pump installations", "building-energy-retrofit"),
    "economics": ("analyse energy market trends", "perform project management", "develop energy policy"),
    "environment": ("monitor water quality", "treat contaminated water", "develop site remediation strategies"),
    "digital": ("carry out statistical forecasts", "perform energy simulations", "design smart grids"),
    "rare-metals": ("rare-earth-separation-refining", "perform electrolysis", "mineral-traceability"),
    "hydropower": ("glacier-fed-basin-hydrology", "small-hydropower", "maintain power plant machinery"),
    "just-transition": ("just-transition-policy", "reskilling-coal-workers", "social-dialogue-transition"),
}  # fmt: skip

# The national test's subjects for a bachelor's, by track.
SUBJECTS: dict[str, Texts] = {
    "engineering": {"en": "mathematics and physics", "ru": "математика и физика", "kk": "математика және физика", "uz": "matematika va fizika"},
    "chemistry": {"en": "chemistry and physics", "ru": "химия и физика", "kk": "химия және физика", "uz": "kimyo va fizika"},
    "digital": {"en": "mathematics and informatics", "ru": "математика и информатика", "kk": "математика және информатика", "uz": "matematika va informatika"},
    "economics": {"en": "mathematics and geography", "ru": "математика и география", "kk": "математика және география", "uz": "matematika va geografiya"},
    "environment": {"en": "biology and geography", "ru": "биология и география", "kk": "биология және география", "uz": "biologiya va geografiya"},
}  # fmt: skip
TRACK_SUBJECTS = {"coal": "chemistry", "rare-metals": "chemistry", "digital": "digital",
                  "economics": "economics", "environment": "environment"}  # fmt: skip

# A bachelor's entrance: the national test of the country, in the subjects.
BACHELOR_ENTRANCE: dict[str, Texts] = {
    "KZ": {
        "en": "Unified National Testing (UNT) in {subjects}; international applicants sit the university's entrance exam in the same subjects.",
        "ru": "Единое национальное тестирование (ЕНТ), предметы: {subjects}; иностранные абитуриенты сдают вступительный экзамен университета по тем же предметам.",
        "kk": "Ұлттық бірыңғай тестілеу (ҰБТ), пәндер: {subjects}; шетелдік талапкерлер университеттің осы пәндер бойынша қабылдау емтиханын тапсырады.",
    },
    "UZ": {
        "en": "The entrance test of the Agency for Assessment of Knowledge and Skills in {subjects}; international applicants sit the university's entrance exam in the same subjects.",
        "ru": "Вступительное тестирование Агентства по оценке знаний и навыков, предметы: {subjects}; иностранные абитуриенты сдают вступительный экзамен университета по тем же предметам.",
        "uz": "Bilim va malakalarni baholash agentligining kirish test sinovlari, fanlar: {subjects}; xorijiy abituriyentlar universitetning shu fanlar boʻyicha kirish imtihonini topshiradi.",
    },
    "KG": {
        "en": "The National Scholarship Test (ORT) with subject tests in {subjects}.",
        "ru": "Общереспубликанское тестирование (ОРТ) с предметными тестами, предметы: {subjects}.",
    },
    "TJ": {
        "en": "The centralised entrance exams of the National Testing Centre in {subjects}.",
        "ru": "Централизованные вступительные экзамены Национального центра тестирования, предметы: {subjects}.",
    },
    "TM": {
        "en": "The university's entrance exams in {subjects}.",
        "ru": "Вступительные экзамены университета, предметы: {subjects}.",
    },
}  # fmt: skip
REQUIREMENTS: dict[str, Texts] = {
    MA: {
        "en": "A subject interview with the programme's admissions committee and a motivation letter of one page; graduates of another field sit a bridging exam.",
        "ru": "Собеседование по профилю программы с приёмной комиссией и мотивационное письмо объёмом до одной страницы; выпускники других направлений сдают дополнительный экзамен.",
        "kk": "Бағдарлама бейіні бойынша қабылдау комиссиясымен әңгімелесу және көлемі бір беттен аспайтын уәждеме хат; басқа бағыттардың түлектері қосымша емтихан тапсырады.",
        "uz": "Dastur yoʻnalishi boʻyicha qabul komissiyasi bilan suhbat va bir sahifagacha boʻlgan motivatsion xat; boshqa yoʻnalish bitiruvchilari qoʻshimcha imtihon topshiradi.",
    },
    PHD: {
        "en": "A research proposal agreed with a prospective supervisor, a portfolio of publications, a motivation letter and an interview with the doctoral committee.",
        "ru": "Исследовательское предложение, согласованное с будущим научным руководителем, портфолио публикаций, мотивационное письмо и собеседование с докторантской комиссией.",
        "kk": "Болашақ ғылыми жетекшімен келісілген зерттеу ұсынысы, жарияланымдар портфолиосы, уәждеме хат және докторантура комиссиясымен әңгімелесу.",
        "uz": "Boʻlajak ilmiy rahbar bilan kelishilgan tadqiqot taklifi, nashrlar portfoliosi, motivatsion xat va doktorantura komissiyasi bilan suhbat.",
    },
    SC: {
        "en": "For working professionals: a short motivation letter and a letter of support from the employer.",
        "ru": "Для работающих специалистов: краткое мотивационное письмо и письмо поддержки от работодателя.",
        "kk": "Жұмыс істейтін мамандарға арналған: қысқа уәждеме хат және жұмыс берушінің қолдау хаты.",
        "uz": "Ishlayotgan mutaxassislar uchun: qisqa motivatsion xat va ish beruvchining qoʻllab-quvvatlash xati.",
    },
}  # fmt: skip
RUSSIAN_FOR_INTERNATIONALS: Texts = {
    "en": " International applicants show Russian at level B1 (TORFL).",
    "ru": " Иностранные абитуриенты подтверждают владение русским языком на уровне B1 (ТРКИ).",
    "kk": " Шетелдік талапкерлер орыс тілін B1 деңгейінде меңгергенін (ТРКИ) растайды.",
    "uz": " Xorijiy abituriyentlar rus tilini B1 darajasida (TRKI) bilishini tasdiqlaydi.",
}  # fmt: skip

# Joint and double degree programmes: (university, track, degree) and its partner.
JOINT: tuple[tuple[str, str, str, str], ...] = (
    ("satbayev-university", "environment", MA, "navoi-state-mining-and-technological-university"),
    ("navoi-state-mining-and-technological-university", "rare-metals", MA, "satbayev-university"),
    ("tashkent-state-technical-university", "digital", MA, "almaty-university-of-power-engineering-and-telecommunications-named-after-gumarbek-daukeyev"),
    ("kyrgyz-state-technical-university", "hydropower", BA, "tajik-technical-university-named-after-academician-m-s-osimi"),
)  # fmt: skip
# Short courses with an intake whose deadline is a month away (the deadline filter's demo).
SOON: tuple[tuple[str, str], ...] = (
    ("abylkas-saginov-karaganda-technical-university", "just-transition"),
    ("kyrgyz-state-technical-university", "renewable"),
)
# The accreditation that has expired and the one ending within a month.
EXPIRED = ("pavlodar-university", "power", BA)
ENDING = ("satbayev-university", "mining", BA)

NATIONAL_AGENCIES = {"KZ": ("iaar", "iqaa"), "KG": ("ednet", "aaepo"), "UZ": ("uz-inspection",)}
ENGINEERING_AGENCIES = ("asiin", "kazsee")
NOT_ENGINEERING = {"economics", "just-transition"}


@dataclass(frozen=True)
class DemoProgramme:
    """A demo programme with what its admissions are made from."""

    programme: Programme
    track: str
    taught: dict[str, ProgrammeSkill]  # by the track's name of the skill
    languages: frozenset[str]


def _lower_first(text: str) -> str:
    """``text`` with its first letter in lower case, unless it starts an acronym."""
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]


KAZAKH_VOWELS, KAZAKH_BACK = "аеәоөұүыіиэяю", "аоұыя"


def _kazakh_verb(noun: str, *, last: bool) -> str:
    """The verb of a Kazakh verbal noun (-у): "-а/-е/-й" before "алады" if ``last``,
    else the converb "-п/-ып/-іп" that joins it to the next."""
    stem = noun[:-1]
    if stem[-1] in KAZAKH_VOWELS:
        return stem + ("й" if last else "п")
    back = next((ch in KAZAKH_BACK for ch in reversed(stem) if ch in KAZAKH_VOWELS), True)
    if last:
        return stem + ("а" if back else "е")
    return stem + ("ып" if back else "іп")


def _uzbek_verb(noun: str, *, last: bool) -> str:
    """The verb of an Uzbek verbal noun (-(i)sh): "-a/-y" before "oladi" if ``last``,
    else the converb "-b/-ib" that joins it to the next."""
    if noun.endswith("ish"):
        return noun[:-3] + ("a" if last else "ib")
    return noun[:-2] + ("y" if last else "b")


def _can(line: str, *, ending: str, conjunction: str, verb: Callable[..., str]) -> str:
    """``line`` (ending in a verbal noun) as what one can do: its last verb conjugated;
    a verb joined to it by the last ``conjunction`` becomes a converb ("do X, then Y"), unless
    another verbal noun between them shows the two are nouns ("heating and ventilation
    systems")."""
    words = line.split(" ")
    words[-1] = verb(words[-1], last=True)
    if conjunction in words[:-1]:
        at = max(index for index, word in enumerate(words[:-1]) if word == conjunction)
        between = words[at + 1 : -1]
        joined = words[at - 1] if at else ""
        if joined.endswith(ending) and not any(word.endswith(ending) for word in between):
            words[at - 1 : at + 1] = [f"{verb(joined, last=False)},"]
    return _lower_first(" ".join(words))


def _kazakh_can(line: str) -> str:
    """ "Түлектер … алады" from an outcome ending in a verbal noun (-у)."""
    return f"Түлектер {_can(line, ending='у', conjunction='және', verb=_kazakh_verb)} алады."


def _uzbek_can(line: str) -> str:
    """ "Bitiruvchilar … oladi" from an outcome ending in a verbal noun (-(i)sh)."""
    return f"Bitiruvchilar {_can(line, ending='sh', conjunction='va', verb=_uzbek_verb)} oladi."


def outcome_texts(lines: Texts) -> Texts:
    """One learning outcome, "Graduates can …", in each language of ``lines``."""
    texts: dict[str, str] = {
        "en": f"Graduates can {_lower_first(lines['en'])}.",
        "ru": f"Выпускники умеют {_lower_first(lines['ru'])}.",
    }
    if "kk" in lines:
        texts["kk"] = _kazakh_can(lines["kk"])
    if "uz" in lines:
        texts["uz"] = _uzbek_can(lines["uz"])
    return texts


def _application(demo: DemoProgramme, rng: random.Random) -> dict[str, object]:
    """The programme's columns for how to apply, entry requirements and the fee for
    international students."""
    programme, university = demo.programme, demo.programme.university
    degree, country = programme.degree, university.country
    base = university.website.rstrip("/")
    values: dict[str, object] = {
        # The university's own site; the demo invents no page of it.
        "official_url": f"{base}/" if base else "",
        "application_url": "",
        "entry_degree": ENTRY_DEGREES.get(degree)
        or (EntryDegree.VOCATIONAL if demo.track in VOCATIONAL_COURSES else ""),
        "language_test": "",
        "language_level": "",
    }
    if degree == BA:
        subjects = SUBJECTS[TRACK_SUBJECTS.get(demo.track, "engineering")]
        texts = {
            code: text.format(subjects=subjects[code])
            for code, text in BACHELOR_ENTRANCE[country].items()
        }
    else:
        texts = dict(REQUIREMENTS[degree])
    if degree != SC and "en" in demo.languages:
        senior = degree != BA
        if rng.random() < 0.6:
            level = rng.choice(["6.0", "6.5"] if senior else ["5.5", "6.0"])
            values |= {"language_test": "IELTS", "language_level": level}
        else:
            level = str(rng.choice([79, 80, 85, 90] if senior else [72, 75, 79]))
            values |= {"language_test": "TOEFL iBT", "language_level": level}
    elif degree != SC and rng.random() < 0.5:
        values |= {"language_test": "TORFL", "language_level": "B1"}
        texts = {code: text + RUSSIAN_FOR_INTERNATIONALS[code] for code, text in texts.items()}
    values |= demo_columns({"entry_requirements": texts}, country=country)
    if programme.tuition_per_year is not None:
        factor = Decimal(rng.choice(["1.5", "1.75", "2"]))
        step = 10_000 if programme.currency in ("KZT", "UZS") else 100
        values["tuition_international"] = (programme.tuition_per_year * factor / step).quantize(
            Decimal(1)
        ) * step
    return values


def _first_of_month_after(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def _intakes(demo: DemoProgramme, rng: random.Random, today: date) -> list[tuple[date, date]]:
    """(start, deadline) of each intake: September of next year, after the country's
    admission calendar; short courses also in February (or soon, for ``SOON``)."""
    programme, year = demo.programme, today.year + 1
    country, degree = programme.university.country, programme.degree
    september = date(year, 9, 1)
    if degree == BA:
        # After the national test's results: August in Kazakhstan, July elsewhere.
        deadline = (
            date(year, 8, rng.choice([10, 15, 20]))
            if country == "KZ"
            else date(year, 7, rng.choice([15, 20, 25]))
        )
    elif degree in (MA, PHD):
        deadline = date(year, 7, rng.choice([1, 10, 20]))
    else:
        deadline = date(year, 8, rng.choice([1, 15]))
    intakes = [(september, deadline)]
    if degree == SC:
        if (programme.university.slug, demo.track) in SOON:
            starts = _first_of_month_after(today + timedelta(days=55))
            intakes.insert(0, (starts, today + timedelta(days=30)))
        else:
            february = date(today.year + 1, 2, 1)
            if (february - today).days < 120:
                february = date(today.year + 2, 2, 1)
            intakes.insert(0, (february, february - timedelta(days=rng.choice([14, 21]))))
    return intakes


def _outcomes(demo: DemoProgramme) -> list[tuple[Texts, ProgrammeSkill]]:
    """Each line of the track's learning outcomes with the programme's skill it gives
    (another skill it teaches where that one is retired)."""
    programme = demo.programme
    lines = {
        code: text.split("\n")
        for code in demo_languages(programme.university.country)
        if (text := getattr(programme, f"learning_outcomes_{code}"))
    }
    spare = [link for name, link in demo.taught.items() if name not in OUTCOME_SKILLS[demo.track]]
    found = []
    for position, name in enumerate(OUTCOME_SKILLS[demo.track]):
        link = demo.taught.get(name) or (spare.pop(0) if spare else None)
        if link is not None:
            found.append((outcome_texts({c: rows[position] for c, rows in lines.items()}), link))
    return found


def _agencies(demo: DemoProgramme, rng: random.Random) -> list[str]:
    """The slugs of the agencies that accredited the programme: most programmes in
    Kazakhstan, Kyrgyzstan and Uzbekistan by a national agency, some engineering
    masters in Kazakhstan also by ASIIN or KazSEE (EUR-ACE); none in Tajikistan and
    Turkmenistan, whose agencies are not on the list."""
    programme = demo.programme
    national = NATIONAL_AGENCIES.get(programme.university.country)
    if not national or programme.degree == SC or rng.random() < 0.2:
        return []
    slugs = [rng.choice(national)]
    engineering = demo.track not in NOT_ENGINEERING and programme.degree == MA
    if engineering and programme.university.country == "KZ" and rng.random() < 0.6:
        slugs.append(rng.choice(ENGINEERING_AGENCIES))
    return slugs


def _years_later(day: date, years: int) -> date:
    return day.replace(year=day.year + years)


def _accreditation_dates(
    key: tuple[str, str, str], rng: random.Random, today: date
) -> tuple[date, date]:
    """(decided, valid until): five years from a decision of 2022–2025, or the demo's
    expired and soon-ending ones."""
    if key == EXPIRED:
        ends = date(today.year - 1, 6, 30)
        return _years_later(ends, -5), ends
    if key == ENDING:
        ends = today + timedelta(days=20)
        return ends.replace(year=ends.year - 5, day=min(ends.day, 28)), ends
    decided = date(today.year - rng.randint(1, 4), rng.randint(2, 12), rng.randint(1, 28))
    return decided, _years_later(decided, 5)


def _write_programme(
    demo: DemoProgramme, agencies: dict[str, AccreditationAgency], today: date
) -> None:
    """Write one demo programme's admissions (everything but scholarships and partners)."""
    programme = demo.programme
    rng = random.Random(f"admissions:{programme.university.slug}:{programme.slug}")
    Programme.objects.filter(pk=programme.pk).update(**_application(demo, rng))
    intakes = _intakes(demo, rng, today)
    for starts, deadline in intakes:
        Intake.objects.update_or_create(
            programme=programme, starts_on=starts, defaults={"application_deadline": deadline}
        )
    programme.intakes.exclude(starts_on__in=[starts for starts, _deadline in intakes]).delete()
    outcomes = _outcomes(demo)
    for position, (texts, link) in enumerate(outcomes):
        LearningOutcome.objects.update_or_create(
            programme=programme,
            position=position,
            defaults={
                **demo_columns({"text": texts}, country=programme.university.country),
                "skill": link.skill,
                "level": link.level,
            },
        )
    programme.outcomes.filter(position__gte=len(outcomes)).delete()
    slugs = _agencies(demo, rng)
    key = (programme.university.slug, demo.track, programme.degree)
    if key in (EXPIRED, ENDING) and not slugs:
        slugs = [NATIONAL_AGENCIES[programme.university.country][0]]
    for index, slug in enumerate(slugs):
        decided, ends = _accreditation_dates(key if index == 0 else ("", "", ""), rng, today)
        programme.accreditations.update_or_create(
            agency=agencies[slug],
            defaults={
                "decision": "conditions" if rng.random() < 0.15 else "accredited",
                "decided_on": decided,
                "valid_until": ends,
                "report_url": "",
            },
        )
    programme.accreditations.exclude(agency__slug__in=slugs).delete()


@dataclass(frozen=True)
class DemoScholarship:
    name: Texts
    provider: str
    amount: int
    currency: str
    eligibility: Texts
    deadline: date


def _state_grant(country: str, year: int) -> DemoScholarship | None:
    """The government's grant of ``country`` for the next intake, if it has one here."""
    if country == "KZ":
        return DemoScholarship(
            name={"en": "State educational grant", "ru": "Государственный образовательный грант", "kk": "Мемлекеттік білім беру гранты"},
            provider="Ministry of Science and Higher Education of the Republic of Kazakhstan",
            amount=1_200_000, currency="KZT",
            eligibility={
                "en": "Citizens of Kazakhstan, awarded by competition on the UNT score (bachelor's) or the entrance exam score (master's and doctorate); covers the tuition fee for the whole programme.",
                "ru": "Граждане Казахстана; присуждается по конкурсу баллов ЕНТ (бакалавриат) или вступительного экзамена (магистратура и докторантура); покрывает оплату обучения за весь срок программы.",
                "kk": "Қазақстан азаматтары; ҰБТ балы (бакалавриат) немесе қабылдау емтиханының балы (магистратура және докторантура) бойынша конкурс арқылы беріледі; бағдарламаның бүкіл оқу мерзіміне төлемді жабады.",
            },
            deadline=date(year, 8, 1),
        )  # fmt: skip
    if country == "UZ":
        return DemoScholarship(
            name={"en": "State grant", "ru": "Государственный грант", "uz": "Davlat granti"},
            provider="Ministry of Higher Education, Science and Innovation of the Republic of Uzbekistan",
            amount=14_000_000, currency="UZS",
            eligibility={
                "en": "Citizens of Uzbekistan with the highest entrance test scores; covers the tuition fee and pays a monthly stipend.",
                "ru": "Граждане Узбекистана с наивысшими баллами вступительного тестирования; покрывает оплату обучения и выплачивает ежемесячную стипендию.",
                "uz": "Kirish test sinovlarida eng yuqori ball toʻplagan Oʻzbekiston fuqarolari; oʻqish toʻlovini qoplaydi va har oylik stipendiya toʻlanadi.",
            },
            deadline=date(year, 7, 15),
        )  # fmt: skip
    if country == "KG":
        return DemoScholarship(
            name={"en": "Budget-funded place", "ru": "Бюджетное место"},
            provider="Ministry of Science, Higher Education and Innovation of the Kyrgyz Republic",
            amount=90_000, currency="KGS",
            eligibility={
                "en": "Citizens of Kyrgyzstan, by competition on the ORT score (bachelor's) or the entrance exam (master's); the state pays the tuition fee.",
                "ru": "Граждане Кыргызстана, по конкурсу баллов ОРТ (бакалавриат) или вступительного экзамена (магистратура); обучение оплачивает государство.",
            },
            deadline=date(year, 7, 25),
        )  # fmt: skip
    return None


RECTOR: DemoScholarship = DemoScholarship(
    name={"en": "Rector's scholarship for academic excellence", "ru": "Стипендия ректора за отличную учёбу", "kk": "Оқудағы үздік жетістіктер үшін ректор стипендиясы", "uz": "Oʻqishdagi yuksak natijalar uchun rektor stipendiyasi"},
    provider="", amount=0, currency="",
    eligibility={
        "en": "Students in the top 5% of their year with no grade below B; renewed each year.",
        "ru": "Студенты, входящие в 5 % лучших на своём курсе, без оценок ниже B; продлевается ежегодно.",
        "kk": "Өз курсындағы үздік 5 %-ға кіретін, B-дан төмен бағасы жоқ студенттер; жыл сайын ұзартылады.",
        "uz": "Oʻz kursidagi eng yaxshi 5 % talabalar qatoriga kirgan, B dan past bahosi boʻlmagan talabalar; har yili uzaytiriladi.",
    },
    deadline=date(1, 10, 1),
)  # fmt: skip
# The university's own scholarship: (university, amount, currency).
RECTOR_AT = (
    ("almaty-university-of-power-engineering-and-telecommunications-named-after-gumarbek-daukeyev", 600_000, "KZT"),
    ("tashkent-state-technical-university", 7_000_000, "UZS"),
    ("kyrgyz-state-technical-university", 45_000, "KGS"),
)  # fmt: skip
WOMEN_IN_ENERGY = DemoScholarship(
    name={"en": "Women in Energy Scholarship", "ru": "Стипендия «Женщины в энергетике»", "kk": "«Энергетикадағы әйелдер» стипендиясы", "uz": "“Energetikadagi ayollar” stipendiyasi"},
    provider="Central Asian Energy Transition Foundation (demo)",
    amount=2_000, currency="USD",
    eligibility={
        "en": "Women admitted to an engineering programme, on their grades and a short essay on the energy transition in their region.",
        "ru": "Женщины, поступившие на инженерную программу: по успеваемости и краткому эссе об энергетическом переходе в их регионе.",
        "kk": "Инженерлік бағдарламаға қабылданған әйелдер: үлгеріміне және өз өңіріндегі энергетикалық көшу туралы қысқа эссеге қарай.",
        "uz": "Muhandislik dasturiga qabul qilingan ayollar: oʻzlashtirishi va oʻz mintaqasidagi energetik oʻtish haqidagi qisqa esse asosida.",
    },
    deadline=date(1, 6, 30),
)  # fmt: skip
WOMEN_AT = (
    "almaty-university-of-power-engineering-and-telecommunications-named-after-gumarbek-daukeyev",
    "tashkent-state-technical-university",
)
MOBILITY = DemoScholarship(
    name={"en": "Double Degree Mobility Grant", "ru": "Грант академической мобильности для программ двойного диплома", "kk": "Қос диплом бағдарламаларына арналған академиялық ұтқырлық гранты"},
    provider="Central Asian Academic Exchange Service (demo)",
    amount=6_000, currency="EUR",
    eligibility={
        "en": "Students of a joint or double degree programme for their semester at the partner university: travel, housing and a monthly allowance.",
        "ru": "Студенты программ совместного или двойного диплома на семестр в университете-партнёре: проезд, проживание и ежемесячное пособие.",
        "kk": "Бірлескен немесе қос диплом бағдарламаларының студенттеріне серіктес университеттегі семестрге: жол ақысы, тұрғын үй және ай сайынғы жәрдемақы.",
    },
    deadline=date(1, 4, 30),
)  # fmt: skip


def _scholarship(
    university: University, kind: DemoScholarship, programmes: list[Programme], **changes: object
) -> Scholarship:
    """Write ``kind`` for ``university`` (matched on its English name), serving ``programmes``."""
    values: dict[str, object] = {
        "provider": kind.provider,
        "amount": kind.amount,
        "currency": kind.currency,
        "deadline": kind.deadline,
        **changes,
    }
    columns = demo_columns(
        {"name": kind.name, "eligibility": kind.eligibility}, country=university.country
    )
    scholarship, _created = Scholarship.objects.update_or_create(
        university=university,
        name_en=columns.pop("name_en"),
        defaults={**columns, **values, "url": ""},
    )
    scholarship.programmes.set(programmes)
    return scholarship


def _scholarships(
    by_university: dict[str, list[Programme]], joint: list[Programme], today: date
) -> int:
    """The state grants, the universities' and a foundation's scholarships and the
    double degree mobility grant for ``joint``; returns how many."""
    year = today.year + 1
    universities = {
        university.slug: university
        for university in University.objects.filter(slug__in=by_university)
    }
    written = 0
    for slug, programmes in sorted(by_university.items()):
        university = universities[slug]
        grant = _state_grant(university.country, year)
        degrees = [p for p in programmes if p.degree != SC]
        if grant and len(degrees) >= 2:
            _scholarship(university, grant, degrees)
            written += 1
    for slug, amount, currency in RECTOR_AT:
        if slug in universities:
            university = universities[slug]
            provider = text_in(university, "name", "en")
            _scholarship(university, RECTOR, by_university[slug], provider=provider,
                         amount=amount, currency=currency, deadline=date(year, 10, 1))  # fmt: skip
            written += 1
    for slug in WOMEN_AT:
        if slug in universities:
            engineering = [p for p in by_university[slug] if p.degree in (BA, MA)]
            _scholarship(
                universities[slug], WOMEN_IN_ENERGY, engineering, deadline=date(year, 6, 30)
            )
            written += 1
    keeper = JOINT[0][0]
    if keeper in universities and len(joint) >= 2:
        _scholarship(universities[keeper], MOBILITY, joint, deadline=date(year, 4, 30))
        written += 1
    return written


@transaction.atomic
def load_demo_admissions(programmes: dict[int, str]) -> int:
    """Fill in the admissions of the demo programmes ``programmes`` (their ids, each
    with its track's key): links, entry requirements, the international fee, intakes,
    learning outcomes, accreditations, partners and scholarships; returns how many
    scholarships there are for them.

    Side effects: the list of accreditation agencies is brought up to date
    (``agencies_load``). No e-mail is sent or queued."""
    agencies_load()
    agencies = {agency.slug: agency for agency in AccreditationAgency.objects.all()}
    today = timezone.localdate()
    rows = Programme.objects.filter(pk__in=programmes).select_related("university")
    by_key: dict[tuple[str, str, str], Programme] = {}
    by_university: dict[str, list[Programme]] = {}
    for programme in rows.prefetch_related("languages", "programme_skills__skill"):
        track = programmes[programme.pk]
        taught: dict[str, ProgrammeSkill] = {}
        for link in programme.programme_skills.all():
            for name in (link.skill.slug, text_in(link.skill, "name", "en")):
                taught.setdefault(name, link)
        languages = frozenset(language.code for language in programme.languages.all())
        _write_programme(DemoProgramme(programme, track, taught, languages), agencies, today)
        by_key[(programme.university.slug, track, programme.degree)] = programme
        by_university.setdefault(programme.university.slug, []).append(programme)
    partners = {(slug, track, degree): partner for slug, track, degree, partner in JOINT}
    universities = University.objects.in_bulk(
        [partner for *_key, partner in JOINT], field_name="slug"
    )
    # The mobility grant's keeper is a partner of two joint programmes: its own and another's.
    keeper, joint = JOINT[0][0], []
    for key, programme in sorted(by_key.items()):
        partner = universities.get(partners[key]) if key in partners else None
        programme.partners.set([partner] if partner else [])
        if partner and keeper in (key[0], partner.slug):
            joint.append(programme)
    for programme_list in by_university.values():
        programme_list.sort(key=lambda programme: programme.slug)
    return _scholarships(by_university, joint, today)
