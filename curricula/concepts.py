# ruff: noqa: E501 (labels in four languages read best one concept to a line)
"""Platform concepts: the energy-transition skills ESCO has no concept for.

Each concept belongs to a theme (a research area's slug), has labels in every
interface language, a definition (English and Russian; Kazakh and Uzbek fall back
to Russian) and the source the definition follows. The seed writes them as skills
of origin "platform concept", matched on their slug, so that re-seeding updates
their texts and never duplicates them.
"""

from typing import NamedTuple


class Concept(NamedTuple):
    slug: str
    theme: str
    kind: str  # "skill" or "knowledge"
    names: tuple[str, str, str, str]  # en, ru, kk, uz
    definition_en: str
    definition_ru: str
    source: str


IEA = "IEA, Net Zero Roadmap (2023 update) and Critical Minerals Outlook 2024"
IRENA = "IRENA, Renewable Energy Roadmap for Central Asia (2022)"
UNECE_COAL = "UNECE, Just Energy Transition in Coal Regions Knowledge Hub"
UNECE_CRM = "UNECE, United Nations Framework Classification for Resources (UNFC)"
UNECE_GRAPHENE = "UNECE Central Asian Regional Platform, seed documents (coal to graphene)"
ILO = "ILO, Guidelines for a just transition towards environmentally sustainable economies (2015)"

CONCEPTS: list[Concept] = [
    # Coal to high-value materials.
    Concept(
        "graphene-production-from-coal",
        "coal-chemistry-carbon-materials",
        "skill",
        (
            "produce graphene from coal",
            "получать графен из угля",
            "көмірден графен алу",
            "koʻmirdan grafen olish",
        ),
        "Turn coal or coal-derived pitch into graphene and graphene oxide by chemical "
        "exfoliation, flash Joule heating or chemical vapour deposition, and check its quality.",
        "Получать графен и оксид графена из угля или каменноугольного пека химическим "
        "расслаиванием, импульсным джоулевым нагревом или осаждением из газовой фазы и "
        "контролировать его качество.",
        UNECE_GRAPHENE,
    ),
    Concept(
        "carbon-nanotube-synthesis",
        "coal-chemistry-carbon-materials",
        "skill",
        (
            "synthesise carbon nanotubes",
            "синтезировать углеродные нанотрубки",
            "көміртекті нанотүтікшелерді синтездеу",
            "uglerod nanonaychalarini sintez qilish",
        ),
        "Grow single- and multi-walled carbon nanotubes from coal-based carbon sources and "
        "purify them for composites, batteries and electronics.",
        "Выращивать одно- и многостенные углеродные нанотрубки из углеродного сырья "
        "угольного происхождения и очищать их для композитов, аккумуляторов и электроники.",
        UNECE_GRAPHENE,
    ),
    Concept(
        "coal-derived-carbon-fibre",
        "coal-chemistry-carbon-materials",
        "knowledge",
        (
            "coal-derived carbon fibre",
            "углеродное волокно из угля",
            "көмірден алынатын көміртекті талшық",
            "koʻmirdan olinadigan uglerod tolasi",
        ),
        "Making carbon fibre from coal-tar pitch and mesophase pitch: spinning, stabilisation, "
        "carbonisation and the properties that result.",
        "Получение углеродного волокна из каменноугольного и мезофазного пека: формование, "
        "стабилизация, карбонизация и получаемые свойства.",
        UNECE_GRAPHENE,
    ),
    Concept(
        "coal-tar-chemistry",
        "coal-chemistry-carbon-materials",
        "knowledge",
        (
            "coal tar chemistry",
            "химия каменноугольной смолы",
            "тас көмір шайырының химиясы",
            "toshkoʻmir smolasi kimyosi",
        ),
        "The composition of coal tar and pitch and the processes that separate and upgrade it "
        "into chemicals, binders and carbon-material precursors.",
        "Состав каменноугольной смолы и пека и процессы их разделения и переработки в "
        "химические продукты, связующие и прекурсоры углеродных материалов.",
        UNECE_GRAPHENE,
    ),
    Concept(
        "coal-gasification-to-chemicals",
        "coal-chemistry-carbon-materials",
        "skill",
        (
            "run coal gasification to chemicals",
            "вести газификацию угля для получения химической продукции",
            "химиялық өнім алу үшін көмірді газдандыру",
            "kimyoviy mahsulot olish uchun koʻmirni gazlashtirish",
        ),
        "Operate gasifiers that turn coal into synthesis gas for methanol, ammonia and other "
        "chemicals, with carbon capture where the plant has it.",
        "Эксплуатировать газификаторы, превращающие уголь в синтез-газ для метанола, аммиака и "
        "других химических продуктов, с улавливанием углерода там, где оно есть.",
        IEA,
    ),
    # Critical minerals and rare earths.
    Concept(
        "rare-earth-separation-refining",
        "critical-minerals",
        "skill",
        (
            "separate and refine rare-earth elements",
            "разделять и рафинировать редкоземельные элементы",
            "сирек жер элементтерін бөлу және тазарту",
            "nodir yer elementlarini ajratish va tozalash",
        ),
        "Separate individual rare-earth oxides by solvent extraction or ion exchange and refine "
        "them to the purity magnets and catalysts need.",
        "Разделять отдельные оксиды редкоземельных элементов экстракцией или ионным обменом и "
        "рафинировать их до чистоты, нужной для магнитов и катализаторов.",
        IEA,
    ),
    Concept(
        "lithium-extraction-from-brine",
        "critical-minerals",
        "skill",
        (
            "extract lithium from brine",
            "добывать литий из рассолов",
            "тұздықтардан литий өндіру",
            "namakobdan litiy ajratib olish",
        ),
        "Recover lithium from salt-lake and oilfield brines by evaporation or direct lithium "
        "extraction, and handle the water and reagents responsibly.",
        "Извлекать литий из рассолов солёных озёр и нефтяных месторождений выпариванием или "
        "прямой экстракцией, ответственно обращаясь с водой и реагентами.",
        IEA,
    ),
    Concept(
        "lithium-from-hard-rock",
        "critical-minerals",
        "skill",
        (
            "process hard-rock lithium ores",
            "перерабатывать литиевые руды",
            "литий кендерін қайта өңдеу",
            "litiy rudalarini qayta ishlash",
        ),
        "Concentrate spodumene and other lithium ores and convert them to battery-grade lithium "
        "carbonate or hydroxide.",
        "Обогащать сподумен и другие литиевые руды и перерабатывать их в карбонат или гидроксид "
        "лития аккумуляторного качества.",
        IEA,
    ),
    Concept(
        "cobalt-manganese-processing",
        "critical-minerals",
        "skill",
        (
            "process cobalt and manganese",
            "перерабатывать кобальт и марганец",
            "кобальт пен марганецті өңдеу",
            "kobalt va marganetsni qayta ishlash",
        ),
        "Leach, purify and precipitate cobalt and manganese into the sulphates and oxides "
        "battery cathodes are made from.",
        "Выщелачивать, очищать и осаждать кобальт и марганец в виде сульфатов и оксидов, из "
        "которых делают катоды аккумуляторов.",
        IEA,
    ),
    Concept(
        "mineral-traceability",
        "critical-minerals",
        "knowledge",
        (
            "critical mineral traceability",
            "прослеживаемость критических минералов",
            "сыни минералдардың қадағалануы",
            "muhim minerallarning kuzatiluvchanligi",
        ),
        "Chain-of-custody, due-diligence and reporting standards (UNFC, OECD guidance, battery "
        "passports) that show where a mineral comes from and how it was produced.",
        "Стандарты цепочки поставок, должной осмотрительности и отчётности (РКООН, руководства "
        "ОЭСР, паспорта аккумуляторов), показывающие происхождение минерала и способ его добычи.",
        UNECE_CRM,
    ),
    Concept(
        "resource-classification-unfc",
        "critical-minerals",
        "knowledge",
        (
            "resource classification (UNFC)",
            "классификация ресурсов (РКООН)",
            "ресурстарды жіктеу (БҰҰ ЖЖК)",
            "resurslar tasnifi (BMT UNFC)",
        ),
        "Classifying mineral and energy resources and reserves under the United Nations "
        "Framework Classification for Resources.",
        "Классификация запасов и ресурсов полезных ископаемых и энергии по Рамочной "
        "классификации ресурсов ООН.",
        UNECE_CRM,
    ),
    # Smart grids and storage.
    Concept(
        "grid-scale-battery-storage",
        "power-systems-smart-grids",
        "skill",
        (
            "design grid-scale battery storage",
            "проектировать сетевые системы накопления энергии",
            "желілік энергия жинақтау жүйелерін жобалау",
            "tarmoq miqyosidagi energiya jamgʻarish tizimlarini loyihalash",
        ),
        "Size, specify and integrate battery energy storage systems for frequency response, "
        "peak shaving and renewable firming.",
        "Определять мощность и ёмкость, составлять спецификации и интегрировать системы "
        "накопления энергии для регулирования частоты, срезания пиков и сглаживания ВИЭ.",
        IEA,
    ),
    Concept(
        "demand-response",
        "power-systems-smart-grids",
        "skill",
        (
            "run demand response programmes",
            "управлять программами регулирования спроса",
            "сұранысты реттеу бағдарламаларын басқару",
            "talabni boshqarish dasturlarini yuritish",
        ),
        "Design tariffs, contracts and controls that shift or reduce consumers' load when the "
        "grid needs it.",
        "Разрабатывать тарифы, договоры и системы управления, которые переносят или снижают "
        "нагрузку потребителей, когда это нужно сети.",
        IEA,
    ),
    Concept(
        "grid-codes-variable-renewables",
        "power-systems-smart-grids",
        "knowledge",
        (
            "grid codes for variable renewables",
            "сетевые кодексы для переменных ВИЭ",
            "айнымалы ЖЭК үшін желі кодекстері",
            "oʻzgaruvchan QTEM uchun tarmoq kodekslari",
        ),
        "The technical rules wind and solar plants must meet to connect: fault ride-through, "
        "reactive power, frequency response and forecasting duties.",
        "Технические требования к подключению ветровых и солнечных станций: прохождение "
        "провалов напряжения, реактивная мощность, частотное регулирование и прогнозирование.",
        IRENA,
    ),
    Concept(
        "regional-power-system-integration",
        "power-systems-smart-grids",
        "knowledge",
        (
            "Central Asian power system integration",
            "интеграция энергосистем Центральной Азии",
            "Орталық Азия энергия жүйелерінің интеграциясы",
            "Markaziy Osiyo energiya tizimlari integratsiyasi",
        ),
        "Operating the interconnected Central Asian power system: cross-border flows, the "
        "coordination dispatch centre and the trade of hydropower and thermal power.",
        "Работа объединённой энергосистемы Центральной Азии: перетоки между странами, "
        "координационный диспетчерский центр и торговля гидро- и тепловой энергией.",
        IRENA,
    ),
    # E-mobility and batteries.
    Concept(
        "battery-pack-design",
        "e-mobility-batteries",
        "skill",
        (
            "design battery packs",
            "проектировать аккумуляторные батареи",
            "аккумулятор батареяларын жобалау",
            "akkumulyator batareyalarini loyihalash",
        ),
        "Design battery packs for vehicles and storage: cell choice, thermal management, battery "
        "management systems and safety.",
        "Проектировать аккумуляторные батареи для транспорта и накопителей: выбор элементов, "
        "терморегулирование, системы управления батареей и безопасность.",
        IEA,
    ),
    Concept(
        "charging-infrastructure-planning",
        "e-mobility-batteries",
        "skill",
        (
            "plan charging infrastructure",
            "планировать зарядную инфраструктуру",
            "зарядтау инфрақұрылымын жоспарлау",
            "quvvatlash infratuzilmasini rejalashtirish",
        ),
        "Locate, size and connect charging stations for electric vehicles, including their load "
        "on the distribution grid.",
        "Выбирать места, мощность и схему подключения зарядных станций для электромобилей с "
        "учётом их нагрузки на распределительную сеть.",
        IEA,
    ),
    Concept(
        "battery-recycling",
        "e-mobility-batteries",
        "skill",
        (
            "recycle lithium-ion batteries",
            "перерабатывать литий-ионные аккумуляторы",
            "литий-ионды аккумуляторларды қайта өңдеу",
            "litiy-ion akkumulyatorlarini qayta ishlash",
        ),
        "Collect, discharge, dismantle and process spent batteries by mechanical, hydro- and "
        "pyrometallurgical routes to recover lithium, nickel, cobalt and manganese.",
        "Собирать, разряжать, разбирать и перерабатывать отработанные аккумуляторы механическими, "
        "гидро- и пирометаллургическими методами для извлечения лития, никеля, кобальта и марганца.",
        IEA,
    ),
    Concept(
        "electric-vehicle-maintenance",
        "e-mobility-batteries",
        "skill",
        (
            "service electric vehicles",
            "обслуживать электромобили",
            "электромобильдерге қызмет көрсету",
            "elektromobillarga xizmat koʻrsatish",
        ),
        "Diagnose and repair electric drivetrains and high-voltage systems safely.",
        "Безопасно диагностировать и ремонтировать электрические трансмиссии и "
        "высоковольтные системы.",
        IEA,
    ),
    # Renewables in the region's conditions.
    Concept(
        "solar-in-desert-conditions",
        "renewable-energy",
        "skill",
        (
            "operate solar plants in desert and dust",
            "эксплуатировать солнечные станции в условиях пустыни и пыли",
            "шөл және шаң жағдайында күн электр станцияларын пайдалану",
            "choʻl va chang sharoitida quyosh elektr stansiyalarini ishlatish",
        ),
        "Keep photovoltaic plants productive under heat, dust storms and scarce water: soiling "
        "losses, dry cleaning, module choice and degradation.",
        "Поддерживать выработку фотоэлектрических станций при жаре, пыльных бурях и нехватке "
        "воды: потери от загрязнения, сухая очистка, выбор модулей и деградация.",
        IRENA,
    ),
    Concept(
        "steppe-wind-power",
        "renewable-energy",
        "skill",
        (
            "develop wind power in the steppe",
            "развивать ветроэнергетику в степи",
            "далада жел энергетикасын дамыту",
            "choʻlda shamol energetikasini rivojlantirish",
        ),
        "Assess wind resources, icing and extreme cold, and plan wind farms and their grid "
        "connection in the steppe.",
        "Оценивать ветровой потенциал, обледенение и сильные морозы, планировать ветропарки и их "
        "подключение к сети в степных условиях.",
        IRENA,
    ),
    Concept(
        "small-hydropower",
        "renewable-energy",
        "skill",
        (
            "develop small hydropower",
            "развивать малую гидроэнергетику",
            "шағын гидроэнергетиканы дамыту",
            "kichik gidroenergetikani rivojlantirish",
        ),
        "Plan, build and run small and run-of-river hydropower plants with their environmental "
        "flows and sediment management.",
        "Планировать, строить и эксплуатировать малые и русловые ГЭС с учётом экологических "
        "попусков и управления наносами.",
        IRENA,
    ),
    Concept(
        "glacier-fed-basin-hydrology",
        "water-energy-nexus",
        "knowledge",
        (
            "hydrology of glacier-fed basins",
            "гидрология ледниковых бассейнов",
            "мұздық алаптарының гидрологиясы",
            "muzlik havzalari gidrologiyasi",
        ),
        "How glacier melt feeds the Amu Darya and Syr Darya basins and how climate change "
        "alters river flow, hydropower and irrigation.",
        "Как таяние ледников питает бассейны Амударьи и Сырдарьи и как изменение климата меняет "
        "сток рек, гидроэнергетику и орошение.",
        IRENA,
    ),
    # Green hydrogen.
    Concept(
        "electrolyser-operation",
        "hydrogen",
        "skill",
        (
            "operate electrolysers",
            "эксплуатировать электролизёры",
            "электролизерлерді пайдалану",
            "elektrolizyorlarni ishlatish",
        ),
        "Run alkaline and PEM electrolysers on variable renewable power, with water treatment "
        "and hydrogen safety.",
        "Эксплуатировать щелочные и PEM-электролизёры при переменной мощности ВИЭ, с "
        "водоподготовкой и соблюдением водородной безопасности.",
        IEA,
    ),
    Concept(
        "green-hydrogen-value-chains",
        "hydrogen",
        "knowledge",
        (
            "green hydrogen value chains",
            "цепочки создания стоимости зелёного водорода",
            "жасыл сутегінің құн тізбектері",
            "yashil vodorod qiymat zanjirlari",
        ),
        "Production, storage, transport and use of renewable hydrogen and ammonia, their costs "
        "and certification.",
        "Производство, хранение, транспортировка и использование возобновляемого водорода и "
        "аммиака, их стоимость и сертификация.",
        IEA,
    ),
    # Energy efficiency.
    Concept(
        "district-heating-modernisation",
        "energy-efficiency",
        "skill",
        (
            "modernise district heating",
            "модернизировать системы централизованного теплоснабжения",
            "орталықтандырылған жылумен жабдықтауды жаңғырту",
            "markazlashgan issiqlik taʼminotini modernizatsiya qilish",
        ),
        "Cut losses in Soviet-era district heating: network insulation, individual substations, "
        "heat metering, heat pumps and lower supply temperatures.",
        "Снижать потери в системах централизованного теплоснабжения советской постройки: изоляция "
        "сетей, индивидуальные тепловые пункты, учёт тепла, тепловые насосы и снижение температур.",
        IEA,
    ),
    Concept(
        "building-energy-retrofit",
        "energy-efficiency",
        "skill",
        (
            "retrofit buildings for energy efficiency",
            "проводить энергоэффективную реконструкцию зданий",
            "ғимараттарды энергия тиімді қайта жаңарту",
            "binolarni energiya samarador rekonstruksiya qilish",
        ),
        "Assess and upgrade panel and brick buildings: insulation, windows, ventilation and "
        "controls, with the savings verified.",
        "Обследовать и модернизировать панельные и кирпичные здания: утепление, окна, вентиляция "
        "и автоматика с подтверждением экономии.",
        IEA,
    ),
    Concept(
        "industrial-energy-audit",
        "energy-efficiency",
        "skill",
        (
            "audit industrial energy use",
            "проводить энергоаудит промышленных предприятий",
            "өнеркәсіптік кәсіпорындарда энергоаудит жүргізу",
            "sanoat korxonalarida energoaudit oʻtkazish",
        ),
        "Measure and analyse the energy use of plants and propose measures under ISO 50001.",
        "Измерять и анализировать энергопотребление предприятий и предлагать меры по ISO 50001.",
        IEA,
    ),
    # Just transition of coal regions.
    Concept(
        "mine-closure-planning",
        "mine-closure-remediation",
        "skill",
        (
            "plan mine closure",
            "планировать закрытие шахт",
            "шахталарды жабуды жоспарлау",
            "shaxtalarni yopishni rejalashtirish",
        ),
        "Plan the technical, environmental, financial and social closure of a coal mine from "
        "the start of its life.",
        "Планировать техническое, экологическое, финансовое и социальное закрытие угольной шахты "
        "с начала её работы.",
        UNECE_COAL,
    ),
    Concept(
        "land-reclamation",
        "mine-closure-remediation",
        "skill",
        (
            "reclaim mined land",
            "рекультивировать нарушенные земли",
            "бүлінген жерлерді рекультивациялау",
            "buzilgan yerlarni rekultivatsiya qilish",
        ),
        "Stabilise, cover and revegetate spoil heaps and open pits, treat mine water and "
        "prepare the land for new uses.",
        "Стабилизировать, покрывать и озеленять отвалы и карьеры, очищать шахтные воды и "
        "готовить земли к новому использованию.",
        UNECE_COAL,
    ),
    Concept(
        "reskilling-coal-workers",
        "just-transition",
        "skill",
        (
            "reskill coal workers",
            "переобучать работников угольной отрасли",
            "көмір саласы қызметкерлерін қайта оқыту",
            "koʻmir sanoati xodimlarini qayta oʻqitish",
        ),
        "Assess coal workers' skills and build retraining paths into energy-transition jobs "
        "with employers and training providers.",
        "Оценивать навыки работников угольной отрасли и выстраивать с работодателями и учебными "
        "заведениями траектории переобучения для работы в энергетическом переходе.",
        ILO,
    ),
    Concept(
        "social-dialogue-transition",
        "just-transition",
        "skill",
        (
            "lead social dialogue on the transition",
            "вести социальный диалог о переходе",
            "көшу туралы әлеуметтік диалог жүргізу",
            "oʻtish boʻyicha ijtimoiy muloqot olib borish",
        ),
        "Bring workers, employers, local authorities and communities together to agree the pace "
        "and support of a coal region's transition.",
        "Объединять работников, работодателей, местные власти и жителей, чтобы согласовать темп "
        "перехода угольного региона и меры поддержки.",
        ILO,
    ),
    Concept(
        "local-economic-diversification",
        "just-transition",
        "knowledge",
        (
            "local economic diversification",
            "диверсификация местной экономики",
            "жергілікті экономиканы әртараптандыру",
            "mahalliy iqtisodiyotni diversifikatsiya qilish",
        ),
        "Strategies and finance that build new industries and jobs in single-industry coal towns.",
        "Стратегии и финансирование создания новых отраслей и рабочих мест в моногородах "
        "угольных регионов.",
        UNECE_COAL,
    ),
    Concept(
        "just-transition-policy",
        "just-transition",
        "knowledge",
        (
            "just transition policy",
            "политика справедливого перехода",
            "әділ көшу саясаты",
            "adolatli oʻtish siyosati",
        ),
        "The principles, plans and funds that make the move away from coal fair for workers "
        "and communities.",
        "Принципы, планы и фонды, благодаря которым отказ от угля справедлив для работников и "
        "местных сообществ.",
        ILO,
    ),
]
