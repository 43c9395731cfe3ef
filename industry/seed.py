"""Demonstration organisations and their needs (marked as demo content).

Each organisation writes in English and Russian, and also in Kazakh in Kazakhstan
and in Uzbek (Latin script) in Uzbekistan (``universities.seed.demo_columns``).
Idempotent: organisations are matched on their slug and needs on (organisation,
English title); seeding again updates their texts.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from curricula.demo import resolve_skills
from curricula.models import Programme, Skill
from universities.seed import Texts, demo_columns

from .models import NeedResponse, NeedSkill, Organisation, SkillNeed


@dataclass(frozen=True)
class DemoOrganisation:
    slug: str
    sector: str
    country: str
    city: str
    contact: str  # the person named on its needs
    name: Texts
    description: Texts


DEMO_ORGANISATIONS = [
    DemoOrganisation(
        slug="demo-steppe-power-grid",
        sector=Organisation.Sector.ENERGY_UTILITY,
        country="KZ",
        city="Astana",
        contact="Айгерим Нурланова",
        name={
            "en": "Steppe Power Grid (demo)",
            "ru": "Степная электросеть (демо)",
            "kk": "Дала электр желісі (демо)",
        },
        description={
            "en": "A transmission system operator in northern and central Kazakhstan: it modernises substations, digitalises dispatching and connects new wind farms to the grid.",
            "ru": "Оператор магистральных электрических сетей на севере и в центре Казахстана: модернизирует подстанции, цифровизирует диспетчерское управление и подключает к сети новые ветровые электростанции.",
            "kk": "Қазақстанның солтүстігі мен орталығындағы магистральдық электр желілерінің операторы: қосалқы станцияларды жаңғыртады, диспетчерлік басқаруды цифрландырады және жаңа жел электр станцияларын желіге қосады.",
        },
    ),
    DemoOrganisation(
        slug="demo-karaganda-carbon-materials",
        sector=Organisation.Sector.MINING_METALS,
        country="KZ",
        city="Karaganda",
        contact="Ерлан Жакупов",
        name={
            "en": "Karaganda Carbon Materials (demo)",
            "ru": "Карагандинские углеродные материалы (демо)",
            "kk": "Қарағанды көміртекті материалдар (демо)",
        },
        description={
            "en": "Turns Karaganda coal into graphene, carbon nanotubes and rare-earth concentrates, giving the coal basin industries that do not burn coal.",
            "ru": "Перерабатывает карагандинский уголь в графен, углеродные нанотрубки и концентраты редкоземельных элементов, создавая в угольном бассейне производства, не связанные со сжиганием угля.",
            "kk": "Қарағанды көмірін графенге, көміртекті нанотүтікшелерге және сирек жер элементтерінің концентраттарына өңдеп, көмір бассейнінде көмір жағуға байланысты емес өндірістер құрады.",
        },
    ),
    DemoOrganisation(
        slug="demo-fergana-solar",
        sector=Organisation.Sector.ENERGY_UTILITY,
        country="UZ",
        city="Fergana",
        contact="Дилшод Рахимов",
        name={
            "en": "Fergana Solar (demo)",
            "ru": "Фергана Солар (демо)",
            "uz": "Fargʻona Solar (demo)",
        },
        description={
            "en": "Builds and runs utility-scale photovoltaic plants with battery storage in the Fergana Valley.",
            "ru": "Строит и эксплуатирует крупные солнечные электростанции с системами накопления энергии в Ферганской долине.",
            "uz": "Fargʻona vodiysida energiya saqlash tizimlariga ega yirik quyosh elektr stansiyalarini quradi va ulardan foydalanadi.",
        },
    ),
    DemoOrganisation(
        slug="demo-tian-shan-hydro",
        sector=Organisation.Sector.ENERGY_UTILITY,
        country="KG",
        city="Bishkek",
        contact="Бакыт Осмонов",
        name={"en": "Tian Shan Hydro (demo)", "ru": "Тянь-Шань Гидро (демо)"},
        description={
            "en": "Operates small hydropower plants in the Chüy and Naryn regions and plans pumped storage to cover the winter peaks.",
            "ru": "Эксплуатирует малые ГЭС в Чуйской и Нарынской областях и готовит проекты гидроаккумулирующих станций для покрытия зимних пиков нагрузки.",
        },
    ),
    DemoOrganisation(
        slug="demo-pamir-e-mobility",
        sector=Organisation.Sector.EMOBILITY_BATTERIES,
        country="TJ",
        city="Dushanbe",
        contact="Фарход Назаров",
        name={"en": "Pamir E-Mobility (demo)", "ru": "Памир Э-Мобилити (демо)"},
        description={
            "en": "Supplies electric buses and builds charging networks, powered by hydroelectricity, for Dushanbe and other cities of the region.",
            "ru": "Поставляет электробусы и строит зарядные сети, работающие на энергии ГЭС, для Душанбе и других городов региона.",
        },
    ),
]


@transaction.atomic
def load_demo_organisations() -> list[Organisation]:
    """Create or update the demo organisations (verified), matched on their slug."""
    organisations = []
    for demo in DEMO_ORGANISATIONS:
        texts = {"name": demo.name, "description": demo.description}
        organisation, _created = Organisation.objects.update_or_create(
            slug=demo.slug,
            defaults={
                "sector": demo.sector,
                "country": demo.country,
                "city": demo.city,
                **demo_columns(texts, country=demo.country),
                "is_demo": True,
                "verified": True,
            },
        )
        organisations.append(organisation)
    return organisations


@dataclass(frozen=True)
class DemoNeed:
    organisation: str  # slug
    kind: str
    headcount: int
    months: int  # needed in about this many months
    skills: tuple[tuple[str, int], ...]  # (a platform concept's slug or ESCO label, level)
    title: Texts
    background: Texts
    must_haves: Texts
    description: Texts
    nice_to_haves: Texts = field(default_factory=dict)
    funding_range: Texts = field(default_factory=dict)
    members_only: bool = False

    def texts(self) -> dict[str, Texts]:
        return {
            "title": self.title,
            "background": self.background,
            "must_haves": self.must_haves,
            "nice_to_haves": self.nice_to_haves,
            "description": self.description,
            "funding_range": self.funding_range,
        }


DEMO_NEEDS = [
    DemoNeed(
        "demo-steppe-power-grid", "hiring", 6, 8, (("power electronics", 2), ("design smart grids", 2), ("respond to electrical power contingencies", 2)),
        title={
            "en": "Substation automation engineers",
            "ru": "Инженеры по автоматизации подстанций",
            "kk": "Қосалқы станцияларды автоматтандыру жөніндегі инженерлер",
        },
        background={
            "en": "Digital substations built to IEC 61850 are replacing relay panels across northern Kazakhstan, and each of them needs engineers who can configure, test and maintain it.",
            "ru": "На севере Казахстана релейные панели заменяются цифровыми подстанциями по стандарту IEC 61850, и каждой из них нужны инженеры, способные её настраивать, испытывать и обслуживать.",
            "kk": "Қазақстанның солтүстігінде релелік панельдердің орнына IEC 61850 стандарты бойынша цифрлық қосалқы станциялар салынуда, олардың әрқайсысына оны баптай, сынай және оған қызмет көрсете алатын инженерлер қажет.",
        },
        must_haves={
            "en": "Degree in electrical power engineering\nKnowledge of relay protection and automation\nRussian or English at working level",
            "ru": "Высшее образование в области электроэнергетики\nЗнание релейной защиты и автоматики\nРусский или английский язык на рабочем уровне",
            "kk": "Электр энергетикасы саласындағы жоғары білім\nРелелік қорғаныс пен автоматиканы білу\nОрыс немесе ағылшын тілін жұмыс деңгейінде меңгеру",
        },
        nice_to_haves={
            "en": "Experience with SCADA systems\nIEC 61850 configuration tools",
            "ru": "Опыт работы со SCADA-системами\nВладение инструментами конфигурирования IEC 61850",
            "kk": "SCADA жүйелерімен жұмыс тәжірибесі\nIEC 61850 конфигурациялау құралдарын меңгеру",
        },
        description={
            "en": "Graduates join the team that commissions six substations over the next two years, working first in pairs with senior engineers.",
            "ru": "Выпускники войдут в бригаду, которая в ближайшие два года введёт в работу шесть подстанций; сначала они будут работать в паре с ведущими инженерами.",
            "kk": "Түлектер алдағы екі жылда алты қосалқы станцияны пайдалануға беретін бригадаға қосылып, алғашында тәжірибелі инженерлермен бірге жұмыс істейді.",
        },
    ),
    DemoNeed(
        "demo-steppe-power-grid", "internships", 10, 5, (("steppe-wind-power", 2), ("design wind farm collector systems", 2), ("grid-codes-variable-renewables", 2)),
        title={
            "en": "Wind integration internships",
            "ru": "Стажировки по интеграции ветровой генерации",
            "kk": "Жел генерациясын желіге біріктіру бойынша тағылымдамалар",
        },
        background={
            "en": "New wind farms in the Akmola and Karaganda regions must be balanced in a grid still dominated by coal-fired plants.",
            "ru": "Новые ветровые электростанции в Акмолинской и Карагандинской областях нужно балансировать в энергосистеме, где по-прежнему преобладают угольные станции.",
            "kk": "Ақмола және Қарағанды облыстарындағы жаңа жел электр станцияларын әлі де көмір станциялары басым энергожүйеде теңгерімдеу қажет.",
        },
        must_haves={
            "en": "Third- or fourth-year student of power engineering\nBasics of power system modelling",
            "ru": "Студент третьего или четвёртого курса по направлению «Электроэнергетика»\nОсновы моделирования энергосистем",
            "kk": "«Электр энергетикасы» бағытының үшінші немесе төртінші курс студенті\nЭнергожүйелерді модельдеу негіздері",
        },
        nice_to_haves={"en": "Python or MATLAB", "ru": "Python или MATLAB", "kk": "Python немесе MATLAB"},
        description={
            "en": "Paid three-month internships at the national dispatch centre in Astana, with a mentor for each intern.",
            "ru": "Оплачиваемые трёхмесячные стажировки в национальном диспетчерском центре в Астане; у каждого стажёра — наставник.",
            "kk": "Астанадағы ұлттық диспетчерлік орталықта үш айлық ақылы тағылымдама; әр тағылымдамадан өтушіге тәлімгер бекітіледі.",
        },
    ),
    DemoNeed(
        "demo-steppe-power-grid", "upskilling", 25, 10, (("grid-codes-variable-renewables", 2), ("manage electricity transmission system", 2), ("regional-power-system-integration", 1)),
        title={
            "en": "Grid code training for dispatchers",
            "ru": "Обучение диспетчеров требованиям сетевого кодекса",
            "kk": "Диспетчерлерді желілік кодекс талаптарына оқыту",
        },
        background={
            "en": "Dispatchers must keep the grid stable under the new grid code while the share of variable wind and solar output grows.",
            "ru": "Диспетчерам предстоит поддерживать устойчивость энергосистемы по новому сетевому кодексу при растущей доле переменной ветровой и солнечной генерации.",
            "kk": "Диспетчерлер жел және күн генерациясының өзгермелі үлесі артқан жағдайда жаңа желілік кодекске сай энергожүйенің орнықтылығын сақтауы тиіс.",
        },
        must_haves={
            "en": "Course taught in Russian or Kazakh\nPractical sessions on a dispatch simulator",
            "ru": "Обучение на русском или казахском языке\nПрактические занятия на диспетчерском тренажёре",
            "kk": "Оқыту орыс немесе қазақ тілінде\nДиспетчерлік тренажерде практикалық сабақтар",
        },
        nice_to_haves={
            "en": "A certificate recognised by the system operator",
            "ru": "Сертификат, признаваемый системным оператором",
            "kk": "Жүйелік оператор мойындайтын сертификат",
        },
        description={
            "en": "Twenty-five dispatchers in five groups; the timetable has to fit around shift work.",
            "ru": "Двадцать пять диспетчеров в пяти группах; расписание должно учитывать сменную работу.",
            "kk": "Бес топтағы жиырма бес диспетчер; сабақ кестесі ауысымдық жұмысқа сәйкес келуі тиіс.",
        },
    ),
    DemoNeed(
        "demo-karaganda-carbon-materials", "research", 4, 18, (("graphene-production-from-coal", 3), ("carbon-nanotube-synthesis", 3), ("nanomaterials", 3)),
        title={
            "en": "Graphene from coal: joint research",
            "ru": "Графен из угля: совместные исследования",
            "kk": "Көмірден графен: бірлескен зерттеулер",
        },
        background={
            "en": "Coal tar pitch from the Karaganda basin can be refined into graphene and carbon nanotubes; the process must now be scaled up from grams to kilograms.",
            "ru": "Каменноугольный пек Карагандинского бассейна можно перерабатывать в графен и углеродные нанотрубки; теперь процесс нужно масштабировать с граммов до килограммов.",
            "kk": "Қарағанды бассейнінің тас көмір пегін графен мен көміртекті нанотүтікшелерге өңдеуге болады; енді процесті грамнан килограмға дейін ұлғайту қажет.",
        },
        must_haves={
            "en": "A laboratory for materials characterisation (Raman spectroscopy, SEM)\nExperience in carbon chemistry",
            "ru": "Лаборатория для исследования материалов (рамановская спектроскопия, СЭМ)\nОпыт в области химии углерода",
            "kk": "Материалдарды зерттеуге арналған зертхана (Раман спектроскопиясы, СЭМ)\nКөміртек химиясы саласындағы тәжірибе",
        },
        nice_to_haves={
            "en": "Joint publications and patents",
            "ru": "Совместные публикации и патенты",
            "kk": "Бірлескен жарияланымдар мен патенттер",
        },
        description={
            "en": "A two-year project with a doctoral student and two postdoctoral researchers; the results go into a pilot line.",
            "ru": "Двухлетний проект с участием докторанта и двух постдокторантов; результаты будут внедрены на опытной линии.",
            "kk": "Докторант пен екі постдокторант қатысатын екі жылдық жоба; нәтижелері тәжірибелік өндіріс желісіне енгізіледі.",
        },
        funding_range={
            "en": "up to USD 120,000 over two years",
            "ru": "до 120 000 долларов США на два года",
            "kk": "екі жылға 120 000 АҚШ долларына дейін",
        },
    ),
    DemoNeed(
        "demo-karaganda-carbon-materials", "hiring", 8, 9, (("coal-tar-chemistry", 2), ("chemical processes", 2), ("coking process", 2)),
        members_only=True,
        title={
            "en": "Process chemists for carbon materials",
            "ru": "Химики-технологи для производства углеродных материалов",
            "kk": "Көміртекті материалдар өндірісіне химик-технологтар",
        },
        background={
            "en": "A pilot line for graphene and nanotubes opens next year and needs chemists to run and improve its processes.",
            "ru": "В следующем году откроется опытная линия по производству графена и нанотрубок, и ей нужны химики, которые будут вести и совершенствовать технологические процессы.",
            "kk": "Келесі жылы графен мен нанотүтікшелер шығаратын тәжірибелік өндіріс желісі ашылады, оған технологиялық процестерді жүргізіп, жетілдіретін химиктер қажет.",
        },
        must_haves={
            "en": "Degree in chemical technology\nLaboratory safety training",
            "ru": "Высшее образование по химической технологии\nПодготовка по технике безопасности в лаборатории",
            "kk": "Химиялық технология бойынша жоғары білім\nЗертханадағы қауіпсіздік техникасы бойынша дайындық",
        },
        nice_to_haves={
            "en": "Experience with chemical vapour deposition",
            "ru": "Опыт работы с химическим осаждением из газовой фазы",
            "kk": "Газ фазасынан химиялық тұндыру әдісімен жұмыс тәжірибесі",
        },
        description={
            "en": "Permanent positions in Karaganda, with help with housing for graduates from other regions.",
            "ru": "Постоянная работа в Караганде; выпускникам из других регионов помогаем с жильём.",
            "kk": "Қарағандыда тұрақты жұмыс; басқа өңірлерден келген түлектерге тұрғын үй мәселесінде көмек көрсетіледі.",
        },
    ),
    DemoNeed(
        "demo-karaganda-carbon-materials", "thesis", 5, 12, (("treat contaminated water", 2), ("land-reclamation", 2), ("mine-closure-planning", 2)),
        title={
            "en": "Thesis topics on mine-water treatment",
            "ru": "Темы дипломных работ по очистке шахтных вод",
            "kk": "Шахта суларын тазарту бойынша дипломдық жұмыс тақырыптары",
        },
        background={
            "en": "Closed shafts leak mineralised mine water into the Nura river basin; treatment methods are needed before the mines are fully closed.",
            "ru": "Из закрытых шахт минерализованная шахтная вода попадает в бассейн реки Нуры; методы её очистки нужны до полного закрытия шахт.",
            "kk": "Жабылған шахталардан минералданған шахта суы Нұра өзенінің алабына түседі; шахталар толық жабылғанға дейін оны тазарту әдістері қажет.",
        },
        must_haves={
            "en": "Master's or final-year bachelor's student in environmental engineering or chemistry\nA supervisor at the student's university",
            "ru": "Магистрант или студент выпускного курса бакалавриата по инженерной экологии или химии\nНаучный руководитель в вузе студента",
            "kk": "Инженерлік экология немесе химия бойынша магистрант не бакалавриаттың бітіруші курс студенті\nСтудент оқитын жоғары оқу орнындағы ғылыми жетекші",
        },
        nice_to_haves={
            "en": "Fieldwork in the Karaganda region",
            "ru": "Готовность к полевым работам в Карагандинской области",
            "kk": "Қарағанды облысында далалық жұмыстарға дайындық",
        },
        description={
            "en": "Five topics, from sampling to pilot treatment; the company provides samples, site visits and a co-supervisor.",
            "ru": "Пять тем — от отбора проб до опытной очистки; компания предоставляет пробы, выезды на объекты и соруководителя.",
            "kk": "Сынама алудан бастап тәжірибелік тазартуға дейінгі бес тақырып; компания сынамалар, нысандарға бару мүмкіндігін және қосалқы жетекшіні ұсынады.",
        },
        funding_range={
            "en": "KZT 150,000 a month per student for six months",
            "ru": "150 000 тенге в месяц на студента в течение шести месяцев",
            "kk": "алты ай бойы әр студентке айына 150 000 теңге",
        },
    ),
    DemoNeed(
        "demo-fergana-solar", "hiring", 12, 6, (("maintain photovoltaic systems", 2), ("solar-in-desert-conditions", 2), ("install photovoltaic systems", 2)),
        title={
            "en": "Photovoltaic plant operators",
            "ru": "Операторы солнечных электростанций",
            "uz": "Quyosh elektr stansiyalari operatorlari",
        },
        background={
            "en": "Three photovoltaic plants of 100 MW each are coming into operation in the Fergana Valley, and each needs its own operation team.",
            "ru": "В Ферганской долине вводятся в эксплуатацию три солнечные электростанции по 100 МВт, и каждой нужна своя эксплуатационная команда.",
            "uz": "Fargʻona vodiysida har biri 100 MVt quvvatga ega uchta quyosh elektr stansiyasi ishga tushirilmoqda va ularning har biriga oʻz ekspluatatsiya jamoasi kerak.",
        },
        must_haves={
            "en": "Degree in electrical engineering or renewable energy\nElectrical safety clearance, or willingness to obtain it",
            "ru": "Высшее образование в области электротехники или возобновляемой энергетики\nДопуск по электробезопасности или готовность его получить",
            "uz": "Elektrotexnika yoki qayta tiklanuvchi energetika yoʻnalishi boʻyicha oliy maʼlumot\nElektr xavfsizligi boʻyicha ruxsatnoma yoki uni olishga tayyorlik",
        },
        nice_to_haves={
            "en": "Uzbek and Russian",
            "ru": "Знание узбекского и русского языков",
            "uz": "Oʻzbek va rus tillarini bilish",
        },
        description={
            "en": "Shift work on site with transport from Fergana; training on inverters and monitoring systems is given on site.",
            "ru": "Сменная работа на объекте с доставкой из Ферганы; обучение работе с инверторами и системами мониторинга проводится на месте.",
            "uz": "Fargʻonadan transport bilan taʼminlangan smenali ish; invertorlar va monitoring tizimlari bilan ishlash boʻyicha oʻqitish joyida oʻtkaziladi.",
        },
    ),
    DemoNeed(
        "demo-fergana-solar", "guest_lecturers", 2, 7, (("battery chemistry", 3), ("energy storage systems", 2)),
        title={
            "en": "Battery storage guest lecturers",
            "ru": "Приглашённые лекторы по накопителям энергии",
            "uz": "Energiya saqlash tizimlari boʻyicha taklif etilgan maʼruzachilar",
        },
        background={
            "en": "Battery storage changes how solar plants schedule and sell their output; our engineers can teach this from practice and are looking for universities to host their lectures.",
            "ru": "Накопители энергии меняют то, как солнечные станции планируют и продают выработку; наши инженеры готовы рассказать об этом на практических примерах и ищут вузы, где можно прочитать лекции.",
            "uz": "Energiya saqlash tizimlari quyosh stansiyalarining ishlab chiqarishni rejalashtirish va sotish usulini oʻzgartirmoqda; muhandislarimiz bu haqda amaliy misollar asosida soʻzlab berishga tayyor va maʼruza oʻqish uchun oliy taʼlim muassasalarini izlamoqda.",
        },
        must_haves={
            "en": "A course on power systems or renewable energy into which the lectures fit\nA lecture hall with a projector",
            "ru": "Курс по энергосистемам или возобновляемой энергетике, в который впишутся лекции\nАудитория с проектором",
            "uz": "Maʼruzalar mos keladigan energetika tizimlari yoki qayta tiklanuvchi energetika boʻyicha kurs\nProyektorli auditoriya",
        },
        nice_to_haves={
            "en": "An online broadcast for students of other universities",
            "ru": "Онлайн-трансляция для студентов других вузов",
            "uz": "Boshqa oliy taʼlim muassasalari talabalari uchun onlayn translyatsiya",
        },
        description={
            "en": "Two engineers, four lectures each per semester, in Uzbek or Russian.",
            "ru": "Два инженера, по четыре лекции в семестр, на узбекском или русском языке.",
            "uz": "Ikki muhandis, har biri semestrda toʻrttadan maʼruza, oʻzbek yoki rus tilida.",
        },
    ),
    DemoNeed(
        "demo-fergana-solar", "internships", 6, 4, (("design solar energy systems", 2), ("data analytics", 2), ("solar-in-desert-conditions", 2)),
        title={
            "en": "Solar resource assessment internships",
            "ru": "Стажировки по оценке солнечного ресурса",
            "uz": "Quyosh resurslarini baholash boʻyicha amaliyot",
        },
        background={
            "en": "Satellite estimates and ground measurements of solar radiation must be reconciled before new sites are chosen.",
            "ru": "Перед выбором новых площадок нужно согласовать спутниковые оценки и наземные измерения солнечной радиации.",
            "uz": "Yangi maydonlarni tanlashdan oldin quyosh radiatsiyasining sunʼiy yoʻldosh maʼlumotlari asosidagi baholarini yer usti oʻlchovlari bilan muvofiqlashtirish kerak.",
        },
        must_haves={
            "en": "Student of renewable energy, physics or geography\nConfident use of spreadsheets",
            "ru": "Студент направления «Возобновляемая энергетика», физики или географии\nУверенная работа с электронными таблицами",
            "uz": "Qayta tiklanuvchi energetika, fizika yoki geografiya yoʻnalishi talabasi\nElektron jadvallar bilan ishonchli ishlash",
        },
        nice_to_haves={
            "en": "Python or R\nGIS software",
            "ru": "Python или R\nГИС-программы",
            "uz": "Python yoki R\nGeoaxborot tizimlari (GIS) dasturlari",
        },
        description={
            "en": "Paid two-month internships in summer, partly at a measuring station near Kokand.",
            "ru": "Оплачиваемые двухмесячные стажировки летом, частично на измерительной станции под Кокандом.",
            "uz": "Yozda ikki oylik haq toʻlanadigan amaliyot, qisman Qoʻqon yaqinidagi oʻlchov stansiyasida.",
        },
    ),
    DemoNeed(
        "demo-tian-shan-hydro", "research", 3, 20, (("small-hydropower", 3), ("glacier-fed-basin-hydrology", 3), ("energy storage systems", 2)),
        members_only=True,
        title={
            "en": "Pumped storage feasibility study",
            "ru": "Технико-экономическое обоснование гидроаккумулирующей станции",
        },
        background={
            "en": "Water is plentiful in summer while demand peaks in winter; a pumped-storage plant could shift energy between hours and seasons.",
            "ru": "Летом воды в избытке, а пик потребления приходится на зиму; гидроаккумулирующая станция могла бы перераспределять энергию между часами и сезонами.",
        },
        must_haves={
            "en": "Hydraulic and power system modelling\nAccess to hydrological data of the Naryn basin",
            "ru": "Гидравлическое моделирование и моделирование энергосистем\nДоступ к гидрологическим данным бассейна Нарына",
        },
        nice_to_haves={
            "en": "Experience with environmental impact assessment",
            "ru": "Опыт оценки воздействия на окружающую среду",
        },
        description={
            "en": "A study of three candidate sites over eighteen months, with site visits and a final report in Russian and English.",
            "ru": "Исследование трёх возможных площадок в течение восемнадцати месяцев с выездами на место и итоговым отчётом на русском и английском языках.",
        },
        funding_range={"en": "up to USD 80,000", "ru": "до 80 000 долларов США"},
    ),
    DemoNeed(
        "demo-tian-shan-hydro", "upskilling", 30, 11, (("maintain power plant machinery", 2), ("electric generators", 2), ("hydroelectricity", 1)),
        title={
            "en": "Hydropower maintenance technicians",
            "ru": "Повышение квалификации техников по обслуживанию ГЭС",
        },
        background={
            "en": "Small plants built in the 1960s need predictive maintenance to run safely for another thirty years.",
            "ru": "Малым ГЭС, построенным в 1960-х годах, нужно предиктивное обслуживание, чтобы они безопасно проработали ещё тридцать лет.",
        },
        must_haves={
            "en": "Hands-on training on turbines and generators\nCourse taught in Russian or Kyrgyz",
            "ru": "Практическое обучение на турбинах и генераторах\nОбучение на русском или кыргызском языке",
        },
        nice_to_haves={
            "en": "Vibration analysis and condition monitoring",
            "ru": "Вибродиагностика и мониторинг технического состояния",
        },
        description={
            "en": "Thirty technicians from six plants, trained in groups during the low-water season.",
            "ru": "Тридцать техников с шести станций; обучение группами в период маловодья.",
        },
    ),
    DemoNeed(
        "demo-pamir-e-mobility", "hiring", 9, 7, (("electric-vehicle-maintenance", 2), ("charging-infrastructure-planning", 2), ("electric drives", 2)),
        title={"en": "Electric bus depot engineers", "ru": "Инженеры электробусного парка"},
        background={
            "en": "Dushanbe is replacing its diesel buses with electric ones, and the new depot needs engineers for the buses and the chargers.",
            "ru": "Душанбе заменяет дизельные автобусы электробусами, и новому парку нужны инженеры по обслуживанию машин и зарядных станций.",
        },
        must_haves={
            "en": "Degree in electrical or automotive engineering\nKnowledge of high-voltage safety",
            "ru": "Высшее образование в области электротехники или автомобилестроения\nЗнание правил безопасности при работе с высоким напряжением",
        },
        nice_to_haves={
            "en": "Experience with battery management systems",
            "ru": "Опыт работы с системами управления батареями (BMS)",
        },
        description={
            "en": "Nine positions in Dushanbe, with training by the bus manufacturer.",
            "ru": "Девять вакансий в Душанбе, обучение у производителя электробусов.",
        },
    ),
    DemoNeed(
        "demo-pamir-e-mobility", "research", 3, 24, (("battery-recycling", 3), ("battery chemistry", 3)),
        title={
            "en": "Battery recycling research partners",
            "ru": "Партнёры для исследований по переработке аккумуляторов",
        },
        background={
            "en": "Traction batteries retired from the buses need a safe second life in stationary storage, or recycling that recovers their lithium, nickel and cobalt.",
            "ru": "Тяговым аккумуляторам, выведенным из эксплуатации в электробусах, нужна безопасная вторая жизнь в стационарных накопителях или переработка с извлечением лития, никеля и кобальта.",
        },
        must_haves={
            "en": "An electrochemistry or metallurgy laboratory\nExperience in handling hazardous waste",
            "ru": "Лаборатория электрохимии или металлургии\nОпыт обращения с опасными отходами",
        },
        nice_to_haves={
            "en": "Partners in Kazakhstan or Uzbekistan for a regional recycling chain",
            "ru": "Партнёры в Казахстане или Узбекистане для создания региональной цепочки переработки",
        },
        description={
            "en": "A three-year research partnership with shared access to used batteries and test data.",
            "ru": "Трёхлетнее исследовательское партнёрство с совместным доступом к отработавшим аккумуляторам и данным испытаний.",
        },
        funding_range={"en": "USD 40,000–60,000 a year", "ru": "40 000–60 000 долларов США в год"},
    ),
    DemoNeed(
        "demo-pamir-e-mobility", "thesis", 4, 14, (("charging-infrastructure-planning", 2), ("build predictive models", 2)),
        title={
            "en": "Charging network planners (thesis)",
            "ru": "Планирование зарядной сети (темы дипломных работ)",
        },
        background={
            "en": "Where should chargers go in a mountain city where the grid is weak in some districts and slopes shorten the buses' range?",
            "ru": "Где размещать зарядные станции в горном городе, где в некоторых районах слабая сеть, а уклоны сокращают запас хода электробусов?",
        },
        must_haves={
            "en": "Student of transport, power engineering or data science\nGIS or optimisation methods",
            "ru": "Студент транспортного или энергетического направления либо направления «Наука о данных»\nГИС или методы оптимизации",
        },
        description={
            "en": "Four thesis topics with the city's route, load and grid data; the results will be presented to the city administration.",
            "ru": "Четыре темы дипломных работ с данными города о маршрутах, нагрузке и сети; результаты будут представлены городской администрации.",
        },
    ),
    DemoNeed(
        "demo-karaganda-carbon-materials", "hiring", 18, 10, (("rare-earth-separation-refining", 3), ("mineral-traceability", 2), ("perform electrolysis", 2)),
        title={
            "en": "Rare-earth separation engineers",
            "ru": "Инженеры по разделению редкоземельных элементов",
            "kk": "Сирек жер элементтерін бөлу жөніндегі инженерлер",
        },
        background={
            "en": "Coal ash and tailings of the Karaganda basin hold rare-earth elements; a pilot plant that separates them into oxides for magnets starts in a year.",
            "ru": "Угольная зола и хвосты обогащения Карагандинского бассейна содержат редкоземельные элементы; через год начнёт работу опытная установка, разделяющая их на оксиды для магнитов.",
            "kk": "Қарағанды бассейнінің көмір күлі мен байыту қалдықтарында сирек жер элементтері бар; бір жылдан кейін оларды магниттерге арналған оксидтерге бөлетін тәжірибелік қондырғы іске қосылады.",
        },
        must_haves={
            "en": "Degree in metallurgy or chemical engineering\nSolvent extraction or ion exchange at laboratory or pilot scale",
            "ru": "Высшее образование по металлургии или химической технологии\nОпыт экстракции или ионного обмена в лабораторном или пилотном масштабе",
            "kk": "Металлургия немесе химиялық технология бойынша жоғары білім\nЗертханалық немесе пилоттық ауқымда экстракция не ион алмасу тәжірибесі",
        },
        nice_to_haves={
            "en": "Knowledge of the traceability rules of European magnet buyers",
            "ru": "Знание требований европейских покупателей магнитов к прослеживаемости",
            "kk": "Еуропалық магнит сатып алушылардың қадағалау талаптарын білу",
        },
        description={
            "en": "Eighteen engineers for the pilot plant in Karaganda; graduates join a year of training at a partner refinery abroad.",
            "ru": "Восемнадцать инженеров для опытной установки в Караганде; выпускники проходят годичную стажировку на партнёрском заводе за рубежом.",
            "kk": "Қарағандыдағы тәжірибелік қондырғыға он сегіз инженер; түлектер шетелдегі серіктес зауытта бір жылдық тағылымдамадан өтеді.",
        },
    ),
    DemoNeed(
        "demo-fergana-solar", "hiring", 16, 9, (("grid-codes-variable-renewables", 3), ("grid-scale-battery-storage", 2), ("design smart grids", 3)),
        title={
            "en": "Grid integration engineers for solar and storage",
            "ru": "Инженеры по интеграции солнечных станций и накопителей в сеть",
            "uz": "Quyosh stansiyalari va energiya saqlash tizimlarini tarmoqqa integratsiya qilish muhandislari",
        },
        background={
            "en": "Uzbekistan's grid code now asks solar plants to ride through faults and to help regulate frequency; our plants and their batteries must be set up and tested for it.",
            "ru": "Сетевой кодекс Узбекистана теперь требует от солнечных станций устойчивости к авариям в сети и участия в регулировании частоты; наши станции и их накопители нужно настроить и испытать под эти требования.",
            "uz": "Oʻzbekiston tarmoq kodeksi endi quyosh stansiyalaridan tarmoqdagi avariyalarga bardosh berishni va chastotani tartibga solishda qatnashishni talab qiladi; stansiyalarimiz va ularning akkumulyatorlarini shunga moslab sozlash va sinash kerak.",
        },
        must_haves={
            "en": "Degree in power engineering\nPower system studies (load flow, short circuit, stability)",
            "ru": "Высшее образование в области электроэнергетики\nРасчёты режимов энергосистем (потокораспределение, токи КЗ, устойчивость)",
            "uz": "Elektr energetikasi boʻyicha oliy maʼlumot\nEnergetika tizimlari rejimlarini hisoblash (quvvat oqimlari, qisqa tutashuv toklari, barqarorlik)",
        },
        description={
            "en": "Sixteen positions in Fergana and Tashkent, with a commissioning team for new plants.",
            "ru": "Шестнадцать вакансий в Фергане и Ташкенте, в команде ввода в эксплуатацию новых станций.",
            "uz": "Fargʻona va Toshkentda, yangi stansiyalarni ishga tushirish jamoasida oʻn olti boʻsh ish oʻrni.",
        },
    ),
    DemoNeed(
        "demo-pamir-e-mobility", "upskilling", 14, 8, (("battery-recycling", 2), ("dispose of hazardous waste", 2)),
        title={
            "en": "Battery recycling technicians",
            "ru": "Техники по переработке аккумуляторов",
        },
        background={
            "en": "The first electric buses' batteries reach the end of their life in two years; nobody in Tajikistan is yet trained to test, dismantle and ship them safely.",
            "ru": "Через два года аккумуляторы первых электробусов выработают ресурс; в Таджикистане пока никто не обучен безопасно их испытывать, разбирать и отправлять на переработку.",
        },
        must_haves={
            "en": "Technicians with electrical safety clearance\nTraining in hazardous waste handling",
            "ru": "Техники с допуском по электробезопасности\nПодготовка по обращению с опасными отходами",
        },
        description={
            "en": "Fourteen technicians of the depot and its suppliers, trained in two groups.",
            "ru": "Четырнадцать техников парка и его поставщиков, обучение в двух группах.",
        },
    ),
]  # fmt: skip

# A university's answer, in the region's common language (a response is one plain
# text, written in the language its university chose).
DEMO_RESPONSE = (
    "Наши выпускники и преподаватели готовы помочь: предлагаем программу, которая учит "
    "нужным навыкам (демо-отклик)."
)


@transaction.atomic
def load_demo_needs() -> int:
    """Demo needs with skills, a few with responses; matched on (organisation, English
    title). Returns how many needs were written."""
    today = timezone.localdate()
    organisations = {o.slug: o for o in Organisation.objects.filter(is_demo=True)}
    contacts = {demo.slug: demo.contact for demo in DEMO_ORGANISATIONS}
    count = 0
    for index, demo in enumerate(DEMO_NEEDS):
        organisation = organisations.get(demo.organisation)
        if organisation is None:
            continue
        need, _created = SkillNeed.objects.update_or_create(
            organisation=organisation,
            title_en=demo.title["en"],
            defaults={
                **demo_columns(demo.texts(), country=organisation.country),
                "kind": demo.kind,
                "headcount": demo.headcount,
                "needed_by": today + timedelta(days=demo.months * 30),
                "country": organisation.country,
                "city": organisation.city,
                "offers_paid_internships": demo.kind == "internships",
                "offers_co_supervision": demo.kind in ("research", "thesis"),
                "contact_name": contacts.get(demo.organisation, ""),
                "contact_email": f"needs@{demo.organisation}.example",
                "visibility": "members" if demo.members_only else "public",
                "is_demo": True,
            },
        )
        skills = _skills(demo.skills)
        need.need_skills.all().delete()
        NeedSkill.objects.bulk_create(
            NeedSkill(need=need, skill=skill, level=level) for skill, level in skills
        )
        need.refresh_search_document()
        if index % 3 == 0 and skills:
            _respond(need, skills[0][0])
        count += 1
    return count


def _skills(wanted: tuple[tuple[str, int], ...]) -> list[tuple[Skill, int]]:
    """The skills asked for, with their levels: those of ``wanted`` that are in use."""
    found = resolve_skills({name for name, _level in wanted})
    return [(found[name], level) for name, level in wanted if name in found]


def _respond(need: SkillNeed, skill: Skill) -> None:
    """A response from a university of the need's country whose programme teaches
    ``skill``, if there is one."""
    programme = (
        Programme.objects.published()
        .filter(programme_skills__skill=skill, university__country=need.country)
        .select_related("university")
        .first()
    )
    if programme is None:
        return
    response, _created = NeedResponse.objects.update_or_create(
        need=need,
        university=programme.university,
        defaults={"message": DEMO_RESPONSE},
        create_defaults={"message": DEMO_RESPONSE, "contact_email": "demo@university.example"},
    )
    response.programmes.set([programme])
    SkillNeed.objects.filter(pk=need.pk, first_response_at__isnull=True).update(
        first_response_at=response.created_at
    )
