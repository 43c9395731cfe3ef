"""Demo programmes for the seeded universities (marked ``is_demo``).

Realistic but invented: degree levels, ECTS and durations follow the Bologna
cycles (bachelor 240 ECTS, master 120, doctorate 180, short courses under 60),
languages and currencies follow the country, and each programme teaches skills
of the taxonomy found by keywords. Each is written in English and Russian, and in
Kazakh or Uzbek (Latin script) at a university of Kazakhstan or Uzbekistan.
Idempotent: programmes are matched on (university, slug), their texts rewritten and
their skills replaced.
"""

import random
from dataclasses import dataclass
from datetime import date

from django.db import connection, models, transaction
from django.db.models import Q
from django.utils.text import slugify

from core.bilingual import text_in
from universities.models import Language, University
from universities.seed import Texts, demo_columns

from .models import Field, Programme, ProgrammeSkill, Skill


@dataclass(frozen=True)
class Theme:
    code: str  # ISCED-F field
    keywords: tuple[str, ...]  # of the English names of the skills taught
    title: Texts
    description: Texts
    learning_outcomes: Texts  # one per line


THEMES = [
    Theme("0713", ("solar", "wind", "renewable", "photovoltaic", "energy storage"),
        title={
            "en": "Renewable Energy Systems",
            "ru": "Возобновляемые энергетические системы",
            "kk": "Жаңартылатын энергетикалық жүйелер",
            "uz": "Qayta tiklanuvchi energetika tizimlari",
        },
        description={
            "en": "Design, installation and operation of solar, wind and small hydropower plants, with a project semester at a regional energy company (demo).",
            "ru": "Проектирование, монтаж и эксплуатация солнечных, ветровых и малых гидроэлектростанций с проектным семестром в региональной энергокомпании (демо).",
            "kk": "Күн, жел және шағын су электр станцияларын жобалау, монтаждау және пайдалану; бір семестр өңірлік энергетикалық компанияда жоба орындауға арналады (демо).",
            "uz": "Quyosh, shamol va kichik gidroelektr stansiyalarini loyihalash, montaj qilish va ulardan foydalanish; bir semestr mintaqaviy energetika kompaniyasida loyiha ustida ishlashga bagʻishlanadi (demo).",
        },
        learning_outcomes={
            "en": "Size a solar or wind plant for a given site\nAssess the energy yield and cost of a renewable energy project\nOperate and maintain renewable installations safely",
            "ru": "Рассчитывать солнечную или ветровую станцию для конкретной площадки\nОценивать выработку и стоимость проекта в области ВИЭ\nБезопасно эксплуатировать и обслуживать установки ВИЭ",
            "kk": "Нақты алаң үшін күн немесе жел станциясын есептеу\nЖаңартылатын энергетика жобасының өндірісі мен құнын бағалау\nЖаңартылатын энергия қондырғыларын қауіпсіз пайдалану және оларға қызмет көрсету",
            "uz": "Muayyan maydon uchun quyosh yoki shamol stansiyasini hisoblash\nQayta tiklanuvchi energetika loyihasining ishlab chiqarishi va qiymatini baholash\nQayta tiklanuvchi energiya qurilmalaridan xavfsiz foydalanish va ularga xizmat koʻrsatish",
        },
    ),
    Theme("0713", ("grid", "electricity", "power", "transmission", "distribution"),
        title={
            "en": "Power Systems and Smart Grids",
            "ru": "Энергосистемы и интеллектуальные сети",
            "kk": "Энергожүйелер және зияткерлік желілер",
            "uz": "Energetika tizimlari va aqlli tarmoqlar",
        },
        description={
            "en": "Power system analysis, relay protection and grid automation for networks with a growing share of renewables (demo).",
            "ru": "Анализ режимов энергосистем, релейная защита и автоматизация сетей с растущей долей ВИЭ (демо).",
            "kk": "Жаңартылатын энергия үлесі артып келе жатқан желілер үшін энергожүйелер режимдерін талдау, релелік қорғаныс және желілерді автоматтандыру (демо).",
            "uz": "Qayta tiklanuvchi manbalar ulushi ortib borayotgan tarmoqlar uchun energetika tizimlari rejimlarini tahlil qilish, rele himoyasi va tarmoqlarni avtomatlashtirish (demo).",
        },
        learning_outcomes={
            "en": "Model power flows and faults in a transmission network\nSet and test protection relays\nPlan the connection of wind and solar plants to the grid",
            "ru": "Моделировать потокораспределение и аварийные режимы в магистральной сети\nНастраивать и испытывать устройства релейной защиты\nПланировать подключение ветровых и солнечных станций к сети",
            "kk": "Магистральдық желідегі қуат ағындары мен апаттық режимдерді модельдеу\nРелелік қорғаныс құрылғыларын баптау және сынау\nЖел және күн станцияларын желіге қосуды жоспарлау",
            "uz": "Magistral tarmoqdagi quvvat oqimlari va avariya rejimlarini modellashtirish\nRele himoyasi qurilmalarini sozlash va sinash\nShamol va quyosh stansiyalarini tarmoqqa ulashni rejalashtirish",
        },
    ),
    Theme("0716", ("batter", "electric vehicle", "charging", "automotive"),
        title={
            "en": "Electric Vehicles and Battery Technology",
            "ru": "Электромобили и аккумуляторные технологии",
            "kk": "Электромобильдер және аккумуляторлық технологиялар",
            "uz": "Elektromobillar va akkumulyator texnologiyalari",
        },
        description={
            "en": "Electric drives, battery cells and packs, and charging infrastructure for the region's cities (demo).",
            "ru": "Электропривод, аккумуляторные элементы и батареи, зарядная инфраструктура для городов региона (демо).",
            "kk": "Электр жетегі, аккумулятор элементтері мен батареялары, өңір қалаларына арналған зарядтау инфрақұрылымы (демо).",
            "uz": "Elektr yuritma, akkumulyator elementlari va batareyalari, mintaqa shaharlari uchun quvvatlash infratuzilmasi (demo).",
        },
        learning_outcomes={
            "en": "Explain how battery cells age and fail\nDesign a charging station and its grid connection\nService high-voltage electric vehicles safely",
            "ru": "Объяснять, как стареют и выходят из строя аккумуляторные элементы\nПроектировать зарядную станцию и её подключение к сети\nБезопасно обслуживать высоковольтные системы электромобилей",
            "kk": "Аккумулятор элементтерінің қалай тозатынын және істен шығатынын түсіндіру\nЗарядтау станциясын және оның желіге қосылуын жобалау\nЭлектромобильдердің жоғары вольтты жүйелеріне қауіпсіз қызмет көрсету",
            "uz": "Akkumulyator elementlari qanday eskirishi va ishdan chiqishini tushuntirish\nQuvvatlash stansiyasi va uning tarmoqqa ulanishini loyihalash\nElektromobillarning yuqori kuchlanishli tizimlariga xavfsiz xizmat koʻrsatish",
        },
    ),
    Theme("0724", ("mining", "mineral", "ore", "geolog", "extract"),
        title={
            "en": "Mining Engineering and Critical Minerals",
            "ru": "Горное дело и критически важные минералы",
            "kk": "Тау-кен ісі және сыни маңызды минералдар",
            "uz": "Togʻ-kon ishi va kritik minerallar",
        },
        description={
            "en": "Exploration, mining and processing of lithium, copper and rare-earth ores, with responsible mining and mine closure (demo).",
            "ru": "Разведка, добыча и переработка литиевых, медных и редкоземельных руд, ответственная добыча и закрытие рудников (демо).",
            "kk": "Литий, мыс және сирек жер кендерін барлау, өндіру және өңдеу, жауапты өндіру және кеніштерді жабу (демо).",
            "uz": "Litiy, mis va noyob yer rudalarini qidirish, qazib olish va qayta ishlash, masʼuliyatli qazib olish va konlarni yopish (demo).",
        },
        learning_outcomes={
            "en": "Evaluate a mineral deposit\nPlan safe and efficient mining operations\nPrepare a mine closure and remediation plan",
            "ru": "Оценивать месторождение полезных ископаемых\nПланировать безопасные и эффективные горные работы\nГотовить план закрытия рудника и рекультивации",
            "kk": "Пайдалы қазбалар кен орнын бағалау\nҚауіпсіз әрі тиімді тау-кен жұмыстарын жоспарлау\nКенішті жабу және рекультивациялау жоспарын дайындау",
            "uz": "Foydali qazilma konini baholash\nXavfsiz va samarali togʻ-kon ishlarini rejalashtirish\nKonni yopish va rekultivatsiya rejasini tayyorlash",
        },
    ),
    Theme("0711", ("coal", "chemical", "carbon", "material"),
        title={
            "en": "Coal Chemistry and Carbon Materials",
            "ru": "Углехимия и углеродные материалы",
            "kk": "Көмірхимиясы және көміртекті материалдар",
            "uz": "Koʻmir kimyosi va uglerod materiallari",
        },
        description={
            "en": "Coal as a raw material: coke chemistry, graphene, nanotubes and activated carbon for new industries in coal regions (demo).",
            "ru": "Уголь как сырьё: коксохимия, графен, нанотрубки и активированный уголь для новых отраслей угольных регионов (демо).",
            "kk": "Көмір шикізат ретінде: кокс химиясы, графен, нанотүтікшелер және көмір өңірлеріндегі жаңа салаларға арналған белсендірілген көмір (демо).",
            "uz": "Koʻmir xomashyo sifatida: koks kimyosi, grafen, nanotrubkalar va koʻmir hududlaridagi yangi tarmoqlar uchun faollashtirilgan koʻmir (demo).",
        },
        learning_outcomes={
            "en": "Characterise coals and coal products in the laboratory\nSynthesise carbon materials at laboratory scale\nAssess the economics of a carbon materials plant",
            "ru": "Исследовать угли и продукты их переработки в лаборатории\nСинтезировать углеродные материалы в лабораторном масштабе\nОценивать экономику производства углеродных материалов",
            "kk": "Көмірлер мен оларды өңдеу өнімдерін зертханада зерттеу\nКөміртекті материалдарды зертханалық ауқымда синтездеу\nКөміртекті материалдар өндірісінің экономикасын бағалау",
            "uz": "Koʻmir va uni qayta ishlash mahsulotlarini laboratoriyada tadqiq qilish\nUglerod materiallarini laboratoriya miqyosida sintez qilish\nUglerod materiallari ishlab chiqarishning iqtisodiy samaradorligini baholash",
        },
    ),
    Theme("0713", ("hydrogen", "fuel cell", "gas", "electroly"),
        title={
            "en": "Hydrogen Technologies",
            "ru": "Водородные технологии",
            "kk": "Сутегі технологиялары",
            "uz": "Vodorod texnologiyalari",
        },
        description={
            "en": "Production of green hydrogen by electrolysis, its storage, transport and safe use in industry (demo).",
            "ru": "Производство зелёного водорода электролизом, его хранение, транспортировка и безопасное применение в промышленности (демо).",
            "kk": "Электролиз арқылы жасыл сутегі өндіру, оны сақтау, тасымалдау және өнеркәсіпте қауіпсіз қолдану (демо).",
            "uz": "Elektroliz yoʻli bilan yashil vodorod ishlab chiqarish, uni saqlash, tashish va sanoatda xavfsiz qoʻllash (demo).",
        },
        learning_outcomes={
            "en": "Compare electrolyser technologies\nDesign hydrogen storage to safety standards\nEstimate the cost of hydrogen made with wind and solar power",
            "ru": "Сравнивать технологии электролиза\nПроектировать хранение водорода по нормам безопасности\nОценивать себестоимость водорода, полученного с помощью ветровой и солнечной энергии",
            "kk": "Электролиз технологияларын салыстыру\nСутегін сақтауды қауіпсіздік нормаларына сай жобалау\nЖел және күн энергиясы арқылы алынған сутегінің өзіндік құнын бағалау",
            "uz": "Elektroliz texnologiyalarini taqqoslash\nVodorodni saqlashni xavfsizlik meʼyorlariga muvofiq loyihalash\nShamol va quyosh energiyasi yordamida olingan vodorod tannarxini baholash",
        },
    ),
    Theme("0732", ("energy efficien", "heating", "building", "insulat", "ventilation"),
        title={
            "en": "Energy Efficiency in Buildings",
            "ru": "Энергоэффективность зданий",
            "kk": "Ғимараттардың энергия тиімділігі",
            "uz": "Binolarning energiya samaradorligi",
        },
        description={
            "en": "Insulation, heating, ventilation and metering for buildings in a sharply continental climate, with energy audits of real buildings (demo).",
            "ru": "Теплоизоляция, отопление, вентиляция и учёт энергии в зданиях в условиях резко континентального климата, с энергоаудитом реальных зданий (демо).",
            "kk": "Күрт континенттік климат жағдайындағы ғимараттардың жылу оқшаулауы, жылытуы, желдетуі және энергияны есепке алу; нақты ғимараттарға энергоаудит жүргізіледі (демо).",
            "uz": "Keskin kontinental iqlim sharoitida binolarning issiqlik izolyatsiyasi, isitish, shamollatish va energiya hisobi; haqiqiy binolarda energetik audit oʻtkaziladi (demo).",
        },
        learning_outcomes={
            "en": "Carry out an energy audit of a building\nDesign heating and ventilation systems that save energy\nPrepare a retrofit plan with its costs and savings",
            "ru": "Проводить энергоаудит здания\nПроектировать энергосберегающие системы отопления и вентиляции\nГотовить план модернизации здания с расчётом затрат и экономии",
            "kk": "Ғимаратқа энергоаудит жүргізу\nЭнергия үнемдейтін жылыту және желдету жүйелерін жобалау\nШығындар мен үнемді есептей отырып, ғимаратты жаңғырту жоспарын дайындау",
            "uz": "Binoda energetik audit oʻtkazish\nEnergiyani tejaydigan isitish va shamollatish tizimlarini loyihalash\nXarajatlar va tejamkorlik hisobi bilan binoni modernizatsiya qilish rejasini tayyorlash",
        },
    ),
    Theme("0311", ("energy market", "policy", "econom", "tariff", "project management"),
        title={
            "en": "Energy Economics and Policy",
            "ru": "Экономика и политика в энергетике",
            "kk": "Энергетика экономикасы және саясаты",
            "uz": "Energetika iqtisodiyoti va siyosati",
        },
        description={
            "en": "Energy markets, tariffs, renewable energy auctions and climate policy, with case studies from Central Asia (demo).",
            "ru": "Энергетические рынки, тарифы, аукционы ВИЭ и климатическая политика на примерах стран Центральной Азии (демо).",
            "kk": "Орталық Азия елдерінің мысалындағы энергетикалық нарықтар, тарифтер, жаңартылатын энергия аукциондары және климаттық саясат (демо).",
            "uz": "Markaziy Osiyo mamlakatlari misolida energetika bozorlari, tariflar, qayta tiklanuvchi energiya auksionlari va iqlim siyosati (demo).",
        },
        learning_outcomes={
            "en": "Analyse an electricity market and its tariffs\nEvaluate the costs and benefits of an energy project\nDraft policy options for the energy transition",
            "ru": "Анализировать рынок электроэнергии и его тарифы\nОценивать затраты и выгоды энергетического проекта\nГотовить варианты политики для энергетического перехода",
            "kk": "Электр энергиясы нарығы мен оның тарифтерін талдау\nЭнергетикалық жобаның шығындары мен пайдасын бағалау\nЭнергетикалық көшуге арналған саясат нұсқаларын дайындау",
            "uz": "Elektr energiyasi bozori va uning tariflarini tahlil qilish\nEnergetika loyihasining xarajatlari va foydasini baholash\nEnergetik oʻtish uchun siyosat variantlarini tayyorlash",
        },
    ),
    Theme("0712", ("environment", "remediat", "waste", "pollution", "water"),
        title={
            "en": "Environmental Engineering and Land Remediation",
            "ru": "Инженерная экология и рекультивация земель",
            "kk": "Инженерлік экология және жерлерді рекультивациялау",
            "uz": "Muhandislik ekologiyasi va yerlarni rekultivatsiya qilish",
        },
        description={
            "en": "Treatment of mine water and industrial waste, and the remediation of land disturbed by mining and power plants (demo).",
            "ru": "Очистка шахтных вод и промышленных отходов, рекультивация земель, нарушенных горными работами и электростанциями (демо).",
            "kk": "Шахта сулары мен өнеркәсіп қалдықтарын тазарту, тау-кен жұмыстары мен электр станциялары бұзған жерлерді рекультивациялау (демо).",
            "uz": "Shaxta suvlari va sanoat chiqindilarini tozalash, togʻ-kon ishlari va elektr stansiyalari buzgan yerlarni rekultivatsiya qilish (demo).",
        },
        learning_outcomes={
            "en": "Sample and analyse polluted water and soil\nDesign a treatment process for mine water\nPlan the remediation of a disturbed site",
            "ru": "Отбирать и анализировать пробы загрязнённой воды и почвы\nПроектировать процесс очистки шахтных вод\nПланировать рекультивацию нарушенного участка",
            "kk": "Ластанған су мен топырақтан сынама алу және оларды талдау\nШахта суларын тазарту процесін жобалау\nБұзылған учаскені рекультивациялауды жоспарлау",
            "uz": "Ifloslangan suv va tuproqdan namuna olish va ularni tahlil qilish\nShaxta suvlarini tozalash jarayonini loyihalash\nBuzilgan maydonni rekultivatsiya qilishni rejalashtirish",
        },
    ),
    Theme("0688", ("data", "software", "digital", "automation", "control system"),
        title={
            "en": "Digital Energy and Data Science",
            "ru": "Цифровая энергетика и наука о данных",
            "kk": "Цифрлық энергетика және деректер ғылымы",
            "uz": "Raqamli energetika va maʼlumotlar ilmi",
        },
        description={
            "en": "Data analysis, forecasting, control systems and cybersecurity for energy companies (demo).",
            "ru": "Анализ данных, прогнозирование, системы управления и кибербезопасность для энергокомпаний (демо).",
            "kk": "Энергетикалық компанияларға арналған деректерді талдау, болжау, басқару жүйелері және киберқауіпсіздік (демо).",
            "uz": "Energetika kompaniyalari uchun maʼlumotlar tahlili, prognozlash, boshqaruv tizimlari va kiberxavfsizlik (demo).",
        },
        learning_outcomes={
            "en": "Forecast load and renewable output from data\nBuild dashboards and models for grid operation\nProtect control systems against cyber attacks",
            "ru": "Прогнозировать нагрузку и выработку ВИЭ на основе данных\nСоздавать панели мониторинга и модели для управления сетью\nЗащищать системы управления от кибератак",
            "kk": "Деректер негізінде жүктеме мен жаңартылатын энергия өндірісін болжау\nЖеліні басқаруға арналған бақылау тақталары мен модельдер жасау\nБасқару жүйелерін кибершабуылдардан қорғау",
            "uz": "Maʼlumotlar asosida yuklama va qayta tiklanuvchi energiya ishlab chiqarishini prognozlash\nTarmoqni boshqarish uchun monitoring panellari va modellar yaratish\nBoshqaruv tizimlarini kiberhujumlardan himoya qilish",
        },
    ),
]  # fmt: skip

# degree, ECTS, months, title prefix by language
DEGREES: list[tuple[str, int, int, Texts]] = [
    (Programme.Degree.BACHELOR, 240, 48, {}),
    (Programme.Degree.MASTER, 120, 24, {}),
    (Programme.Degree.DOCTORATE, 180, 36, {}),
    (Programme.Degree.SHORT_COURSE, 15, 4, {
        "en": "Certificate: ", "ru": "Сертификат: ", "kk": "Сертификат: ", "uz": "Sertifikat: ",
    }),
]  # fmt: skip
LOCAL = {"KZ": ("kk", "KZT", 1_200_000), "UZ": ("uz", "UZS", 14_000_000), "KG": ("ky", "KGS", 90_000),
         "TJ": ("tg", "TJS", 9_000), "TM": ("tk", "TMT", 12_000)}  # fmt: skip
TECHNICAL = ("technic", "polytechn", "energ", "engineer", "mining", "oil", "industr", "geolog")


def _skills_for(keywords: tuple[str, ...]) -> list[Skill]:
    """Up to 40 skills in use (not retired) whose English names contain a keyword."""
    query = Q()
    for keyword in keywords:
        query |= Q(name_en__icontains=keyword)
    return list(Skill.objects.active().filter(query, is_group=False).order_by("pk")[:40])


def _universities(limit: int) -> list[University]:
    universities = list(University.objects.in_central_asia().order_by("slug"))
    technical = [
        u for u in universities if any(k in text_in(u, "name", "en").lower() for k in TECHNICAL)
    ]
    others = [u for u in universities if u not in technical]
    return (technical + others)[:limit]


def _texts(theme: Theme, prefix: Texts) -> dict[str, Texts]:
    """The programme's texts: the theme's, its title after the degree's prefix."""
    title = {code: f"{prefix.get(code, '')}{text}" for code, text in theme.title.items()}
    return {
        "title": title,
        "description": theme.description,
        "learning_outcomes": theme.learning_outcomes,
    }


def _analyze(*tables: type[models.Model]) -> None:
    """Tell PostgreSQL's planner how many rows this transaction has written to
    ``tables``. Without it, a vacuum that ran while the seed's transaction was open
    leaves the tables counted as empty but many pages long, and the query of each
    programme's search document then scans all its skills' links once per skill (a
    thousand times slower)."""
    if connection.vendor != "postgresql":
        return
    names = ", ".join(connection.ops.quote_name(table._meta.db_table) for table in tables)
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {names}")  # noqa: S608 (table names from the models)


@transaction.atomic
def load_demo_programmes(limit: int = 70) -> int:
    """Four demo programmes for each of up to ``limit`` universities (technical ones
    first), in the languages a university of its country writes; returns how many.

    Side effect: the statistics of the skill and programme tables are refreshed
    (PostgreSQL's ``ANALYZE``) before and after, since they were just bulk-loaded."""
    _analyze(Skill, Programme, ProgrammeSkill)
    languages = {language.code: language for language in Language.objects.all()}
    fields = {field.code: field for field in Field.objects.all()}
    skills_by_theme = {theme.title["en"]: _skills_for(theme.keywords) for theme in THEMES}
    count = 0
    for university in _universities(limit):
        rng = random.Random(university.slug)
        local, currency, fee = LOCAL.get(university.country, ("ru", "USD", 3000))
        for theme in rng.sample(THEMES, 4):
            degree, ects, months, prefix = rng.choice(DEGREES)
            programme, _created = Programme.objects.update_or_create(
                university=university,
                slug=slugify(f"{degree}-{theme.title['en']}")[:110],
                defaults={
                    **demo_columns(_texts(theme, prefix), country=university.country),
                    "degree": degree,
                    "ects": ects if degree != Programme.Degree.SHORT_COURSE else rng.choice([6, 10, 15, 30]),
                    "duration_months": months,
                    "field": fields.get(theme.code),
                    "delivery": rng.choice(["on_site", "on_site", "blended", "online"]),
                    "intake": rng.choice([15, 20, 25, 30, 40, 60, 90, 120]),
                    "tuition_free": rng.random() < 0.2,
                    "tuition_per_year": fee * rng.choice([1, 1, 2]),
                    "currency": currency,
                    "start_months": "9" if degree != Programme.Degree.SHORT_COURSE else "2, 9",
                    "application_deadline": date(2027, rng.choice([5, 6, 7]), rng.choice([1, 15, 30])),
                    "status": Programme.Status.PUBLISHED,
                    "last_reviewed": date(2026, rng.randint(1, 10), 1),
                    "is_demo": True,
                },
            )  # fmt: skip
            taught = [languages["ru"], languages[local]]
            if degree != Programme.Degree.BACHELOR or rng.random() < 0.3:
                taught.append(languages["en"])
            programme.languages.set(taught)
            # The skills are drawn apart, so that a change to the taxonomy changes
            # only which skills a programme teaches, never which programmes there are.
            draw = random.Random(f"{university.slug}/{programme.slug}")
            pool = skills_by_theme[theme.title["en"]]
            chosen = draw.sample(pool, min(len(pool), draw.randint(4, 8)))
            programme.programme_skills.all().delete()
            ProgrammeSkill.objects.bulk_create(
                ProgrammeSkill(programme=programme, skill=skill, level=_level(degree, draw))
                for skill in chosen
            )
            programme.refresh_search_document()
            count += 1
    _analyze(Programme, ProgrammeSkill)
    return count


def _level(degree: str, rng: random.Random) -> int:
    if degree in (Programme.Degree.MASTER, Programme.Degree.DOCTORATE):
        return rng.choice([2, 3, 3])
    if degree == Programme.Degree.SHORT_COURSE:
        return rng.choice([1, 2])
    return rng.choice([1, 2, 2, 3])
