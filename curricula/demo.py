"""Demo programmes for the seeded universities (marked ``is_demo``).

Realistic but invented, and chosen by hand: each university teaches the kinds of
programme (``TRACKS``) that fit what it is (``PROGRAMMES``: a mining institute
teaches mining and metallurgy, a power-engineering university power systems, a
medical academy none), and each kind of programme teaches skills picked from the
curated taxonomy by name (ESCO's English label or a platform concept's slug), at a
level for the degree. Degree levels, ECTS and durations follow the Bologna cycles
(bachelor 240 ECTS, master 120, doctorate 180, short courses under 60); languages
and currencies follow the country. Each is written in English and Russian, and in
Kazakh or Uzbek (Latin script) at a university of Kazakhstan or Uzbekistan.

Idempotent: programmes are matched on (university, slug), their texts rewritten and
their skills replaced; demo programmes no longer in the list are deleted. A skill
retired since is left out of what a programme teaches.
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

from .demo_admissions import load_demo_admissions
from .models import Field, Programme, ProgrammeSkill, Skill

# A skill chosen by hand: a platform concept's slug or ESCO's English label, and
# the level (1 basic, 2 intermediate, 3 advanced) taught at the track's degree.
Taught = tuple[str, int]


@dataclass(frozen=True)
class Track:
    key: str
    code: str  # ISCED-F field
    skills: tuple[Taught, ...]
    title: Texts
    description: Texts
    learning_outcomes: Texts  # one per line


# The title of a track's master's and doctoral programmes, where it has its own.
ADVANCED_TITLES: dict[str, Texts] = {
    "renewable": {"en": "Renewable Energy Engineering", "ru": "Инженерия возобновляемой энергетики", "kk": "Жаңартылатын энергетика инженериясы", "uz": "Qayta tiklanuvchi energetika muhandisligi"},
    "digital": {"en": "Data Science for Energy Systems", "ru": "Наука о данных для энергосистем", "kk": "Энергожүйелерге арналған деректер ғылымы", "uz": "Energetika tizimlari uchun maʼlumotlar ilmi"},
    "economics": {"en": "Energy Transition Management", "ru": "Управление энергетическим переходом", "kk": "Энергетикалық көшуді басқару", "uz": "Energetik oʻtishni boshqarish"},
    "environment": {"en": "Mine Closure and Land Rehabilitation", "ru": "Закрытие рудников и рекультивация земель", "kk": "Кеніштерді жабу және жерлерді қалпына келтіру", "uz": "Konlarni yopish va yerlarni qayta tiklash"},
    "ev": {"en": "Battery Materials and Electrochemical Storage", "ru": "Аккумуляторные материалы и электрохимические накопители", "kk": "Аккумуляторлық материалдар және электрохимиялық жинақтауыштар", "uz": "Akkumulyator materiallari va elektrokimyoviy jamlagichlar"},
    "hydrogen": {"en": "Green Hydrogen Engineering", "ru": "Инженерия зелёного водорода", "kk": "Жасыл сутегі инженериясы", "uz": "Yashil vodorod muhandisligi"},
    "coal": {"en": "Carbon Nanomaterials from Coal", "ru": "Углеродные наноматериалы из угля", "kk": "Көмірден алынатын көміртекті наноматериалдар", "uz": "Koʻmirdan olinadigan uglerod nanomateriallari"},
    "mining": {"en": "Critical Minerals Exploration and Resource Management", "ru": "Разведка критически важных минералов и управление ресурсами", "kk": "Сыни маңызды минералдарды барлау және ресурстарды басқару", "uz": "Kritik minerallarni qidirish va resurslarni boshqarish"},
    "rare-metals": {"en": "Rare-Earth Refining and Critical Metals Processing", "ru": "Рафинирование редкоземельных элементов и переработка критически важных металлов", "kk": "Сирек жер элементтерін тазарту және сыни маңызды металдарды өңдеу", "uz": "Nodir yer elementlarini tozalash va kritik metallarni qayta ishlash"},
}  # fmt: skip


TRACKS = [
    Track("renewable", "0713",
        skills=(("design solar energy systems", 2), ("install photovoltaic systems", 2), ("maintain photovoltaic systems", 2), ("solar-in-desert-conditions", 2), ("steppe-wind-power", 2), ("design wind farm collector systems", 2), ("research locations for wind farms", 2), ("renewable energy technologies", 2)),
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
    Track("power", "0713",
        skills=(("design electric power systems", 2), ("power engineering", 2), ("manage electricity transmission system", 2), ("respond to electrical power contingencies", 2), ("design smart grids", 2), ("grid-codes-variable-renewables", 2), ("power electronics", 2), ("electricity market", 1), ("regional-power-system-integration", 1)),
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
    Track("ev", "0716",
        skills=(("battery-pack-design", 2), ("battery chemistry", 2), ("charging-infrastructure-planning", 2), ("electric-vehicle-maintenance", 2), ("electric drives", 2), ("battery-recycling", 1), ("hybrid vehicle architecture", 1)),
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
    Track("mining", "0724",
        skills=(("carry out geological explorations", 2), ("advise on mine development", 2), ("geology", 2), ("resource-classification-unfc", 2), ("lithium-from-hard-rock", 1), ("develop mine rehabilitation plan", 1), ("advise on mining environmental issues", 2)),
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
    Track("coal", "0711",
        skills=(("coal-tar-chemistry", 2), ("graphene-production-from-coal", 2), ("carbon-nanotube-synthesis", 1), ("coal-derived-carbon-fibre", 1), ("coking process", 2), ("chemical processes", 2), ("nanomaterials", 2), ("coal-gasification-to-chemicals", 1)),
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
    Track("hydrogen", "0713",
        skills=(("electrolyser-operation", 2), ("green-hydrogen-value-chains", 2), ("assess hydrogen production technologies", 2), ("execute feasibility study on hydrogen", 2), ("fuel cell types", 1), ("operate hydrogen extraction equipment", 1)),
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
    Track("efficiency", "0732",
        skills=(("conduct energy audit", 2), ("district-heating-modernisation", 2), ("building-energy-retrofit", 2), ("energy performance of buildings", 2), ("design heat pump installations", 1), ("design district heating and cooling energy systems", 2), ("industrial-energy-audit", 1)),
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
    Track("economics", "0311",
        skills=(("analyse energy market trends", 2), ("develop energy policy", 2), ("energy market", 2), ("forecast energy prices", 1), ("green bonds", 1), ("sustainable finance", 1), ("perform project management", 2), ("just-transition-policy", 1)),
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
    Track("environment", "0712",
        skills=(("treat contaminated water", 2), ("develop site remediation strategies", 2), ("perform environmental remediation", 2), ("land-reclamation", 2), ("mine-closure-planning", 1), ("assess environmental impact", 2), ("monitor water quality", 2)),
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
    Track("digital", "0688",
        skills=(("build predictive models", 2), ("data analytics", 2), ("machine learning", 2), ("carry out statistical forecasts", 2), ("demand-response", 1), ("perform energy simulations", 2), ("design smart grids", 1)),
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
    Track("rare-metals", "0711",
        skills=(("rare-earth-separation-refining", 2), ("lithium-extraction-from-brine", 2), ("cobalt-manganese-processing", 2), ("mineral-traceability", 2), ("non-ferrous metal processing", 2), ("perform electrolysis", 2), ("metallurgy", 2)),
        title={
            "en": "Metallurgy of Rare and Rare-Earth Metals",
            "ru": "Металлургия редких и редкоземельных металлов",
            "kk": "Сирек және сирек жер металдарының металлургиясы",
            "uz": "Nodir va nodir yer metallari metallurgiyasi",
        },
        description={
            "en": "Hydrometallurgy and refining of the rare-earth elements, lithium, cobalt and other metals the energy transition needs, with traceability from mine to magnet (demo).",
            "ru": "Гидрометаллургия и рафинирование редкоземельных элементов, лития, кобальта и других металлов, нужных энергетическому переходу, с прослеживаемостью от рудника до магнита (демо).",
            "kk": "Энергетикалық көшуге қажетті сирек жер элементтерін, литийді, кобальтты және басқа металдарды гидрометаллургиялық өңдеу және тазарту, кеніштен магнитке дейін қадағалау (демо).",
            "uz": "Energetik oʻtish uchun zarur boʻlgan nodir yer elementlari, litiy, kobalt va boshqa metallarni gidrometallurgik qayta ishlash va tozalash, kondan magnitgacha kuzatib borish bilan (demo).",
        },
        learning_outcomes={
            "en": "Design a solvent-extraction circuit for rare-earth separation\nRun leaching and electrolysis at pilot scale\nDocument the origin of a metal along its supply chain",
            "ru": "Проектировать экстракционный каскад для разделения редкоземельных элементов\nВести выщелачивание и электролиз в пилотном масштабе\nДокументировать происхождение металла по цепочке поставок",
            "kk": "Сирек жер элементтерін бөлуге арналған экстракциялық каскадты жобалау\nСілтісіздендіру мен электролизді пилоттық ауқымда жүргізу\nМеталдың шығу тегін жеткізу тізбегі бойынша құжаттау",
            "uz": "Nodir yer elementlarini ajratish uchun ekstraksiya kaskadini loyihalash\nTanlab eritish va elektrolizni tajriba miqyosida oʻtkazish\nMetallning kelib chiqishini taʼminot zanjiri boʻylab hujjatlashtirish",
        },
    ),
    Track("hydropower", "0713",
        skills=(("small-hydropower", 2), ("glacier-fed-basin-hydrology", 2), ("hydroelectricity", 2), ("maintain power plant machinery", 2), ("electric generators", 2), ("regional-power-system-integration", 1)),
        title={
            "en": "Hydropower Engineering",
            "ru": "Гидроэнергетика",
            "kk": "Гидроэнергетика",
            "uz": "Gidroenergetika",
        },
        description={
            "en": "Design, operation and maintenance of large and small hydropower plants in glacier-fed mountain basins, with winter operation and pumped storage (demo).",
            "ru": "Проектирование, эксплуатация и обслуживание крупных и малых ГЭС в горных бассейнах с ледниковым питанием, зимние режимы и гидроаккумулирующие станции (демо).",
            "kk": "Мұздықтардан қоректенетін тау бассейндеріндегі ірі және шағын су электр станцияларын жобалау, пайдалану және оларға қызмет көрсету, қысқы режимдер және гидроаккумуляциялық станциялар (демо).",
            "uz": "Muzliklardan oziqlanadigan togʻ havzalarida yirik va kichik GESlarni loyihalash, ulardan foydalanish va ularga xizmat koʻrsatish, qishki rejimlar va gidroakkumulyatsiya stansiyalari (demo).",
        },
        learning_outcomes={
            "en": "Assess the water resources of a mountain river basin\nDesign a small hydropower plant and its grid connection\nMaintain turbines, generators and their controls",
            "ru": "Оценивать водные ресурсы горного речного бассейна\nПроектировать малую ГЭС и её подключение к сети\nОбслуживать турбины, генераторы и системы их управления",
            "kk": "Тау өзені бассейнінің су ресурстарын бағалау\nШағын СЭС-ті және оның желіге қосылуын жобалау\nТурбиналарға, генераторларға және оларды басқару жүйелеріне қызмет көрсету",
            "uz": "Togʻ daryosi havzasining suv resurslarini baholash\nKichik GES va uning tarmoqqa ulanishini loyihalash\nTurbinalar, generatorlar va ularni boshqarish tizimlariga xizmat koʻrsatish",
        },
    ),
    Track("just-transition", "0311",
        skills=(("reskilling-coal-workers", 2), ("social-dialogue-transition", 2), ("local-economic-diversification", 2), ("just-transition-policy", 2), ("mine-closure-planning", 1)),
        title={
            "en": "Just Transition of Coal Regions",
            "ru": "Справедливый переход угольных регионов",
            "kk": "Көмір өңірлерінің әділ көшуі",
            "uz": "Koʻmir hududlarining adolatli oʻtishi",
        },
        description={
            "en": "For the staff of local authorities, companies and trade unions: planning mine closure, reskilling coal workers, social dialogue and new local industries (demo).",
            "ru": "Для сотрудников местных органов власти, компаний и профсоюзов: планирование закрытия шахт, переобучение шахтёров, социальный диалог и новые местные производства (демо).",
            "kk": "Жергілікті атқарушы органдардың, компаниялар мен кәсіподақтардың қызметкерлеріне арналған: шахталарды жабуды жоспарлау, кеншілерді қайта даярлау, әлеуметтік диалог және жаңа жергілікті өндірістер (демо).",
            "uz": "Mahalliy hokimiyat organlari, kompaniyalar va kasaba uyushmalari xodimlari uchun: shaxtalarni yopishni rejalashtirish, konchilarni qayta tayyorlash, ijtimoiy muloqot va yangi mahalliy ishlab chiqarishlar (demo).",
        },
        learning_outcomes={
            "en": "Draw up a just transition plan for a coal town\nDesign a reskilling programme with employers\nRun a social dialogue between workers, employers and the state",
            "ru": "Составлять план справедливого перехода для угольного города\nРазрабатывать программы переобучения вместе с работодателями\nВести социальный диалог между работниками, работодателями и государством",
            "kk": "Көмір қаласы үшін әділ көшу жоспарын жасау\nЖұмыс берушілермен бірге қайта даярлау бағдарламаларын әзірлеу\nЖұмысшылар, жұмыс берушілер және мемлекет арасында әлеуметтік диалог жүргізу",
            "uz": "Koʻmir shahri uchun adolatli oʻtish rejasini tuzish\nIsh beruvchilar bilan birgalikda qayta tayyorlash dasturlarini ishlab chiqish\nIshchilar, ish beruvchilar va davlat oʻrtasida ijtimoiy muloqot olib borish",
        },
    ),
]  # fmt: skip

BA, MA, PHD, SC = (
    Programme.Degree.BACHELOR,
    Programme.Degree.MASTER,
    Programme.Degree.DOCTORATE,
    Programme.Degree.SHORT_COURSE,
)

# What each university teaches, by what it is: (track, degree, yearly intake).
# Universities not named here (medical, pedagogical, language and arts schools,
# business schools far from energy) have no demo programme.
PROGRAMMES: dict[str, tuple[tuple[str, str, int], ...]] = {
    # Kazakhstan
    "satbayev-university": (("mining", BA, 90), ("rare-metals", BA, 30), ("power", BA, 60), ("environment", MA, 20)),
    "almaty-university-of-power-engineering-and-telecommunications-named-after-gumarbek-daukeyev": (("power", BA, 120), ("renewable", BA, 60), ("digital", MA, 25), ("efficiency", SC, 30)),
    "abylkas-saginov-karaganda-technical-university": (("mining", BA, 75), ("coal", BA, 30), ("environment", MA, 20), ("just-transition", SC, 40)),
    "karaganda-buketov-university": (("coal", MA, 15), ("environment", BA, 40)),
    "karaganda-industrial-university": (("efficiency", BA, 40), ("just-transition", SC, 25)),
    "d-serikbayev-east-kazakhstan-technical-university": (("rare-metals", BA, 40), ("mining", BA, 50), ("power", BA, 40)),
    "ekibastuz-engineering-and-technical-institute-named-after-academician-k-satpayev": (("power", BA, 40), ("environment", SC, 20)),
    "pavlodar-university": (("power", BA, 60), ("efficiency", BA, 30)),
    "kazakh-british-technical-university": (("digital", BA, 60), ("economics", MA, 25)),
    "nazarbayev-university": (("hydrogen", MA, 15), ("ev", MA, 20), ("economics", MA, 20), ("mining", MA, 15)),
    "ln-gumilyov-eurasian-national-university": (("renewable", BA, 50), ("economics", BA, 40)),
    "al-farabi-kazakh-national-university": (("renewable", MA, 25), ("environment", BA, 50), ("economics", PHD, 5)),
    "atyrau-university-of-oil-and-gas-named-after-safi-utebayev": (("hydrogen", BA, 40), ("environment", BA, 30)),
    "caspian-university-of-technology-and-engineering-named-after-sh-yessenov": (("renewable", BA, 30), ("hydrogen", SC, 20)),
    "zhezkazgan-baikonurov-university": (("mining", BA, 40), ("environment", SC, 15)),
    "rudny-industrial-institute": (("mining", BA, 40),),
    "manash-kozybayev-north-kazakhstan-university": (("efficiency", BA, 30),),
    "shakarim-university": (("efficiency", SC, 20),),
    "kimep-university": (("economics", MA, 30),),
    "turar-ryskulov-new-economic-university": (("economics", BA, 40),),
    "kazakh-national-agrarian-research-university": (("renewable", SC, 20),),
    # Uzbekistan
    "tashkent-state-technical-university": (("power", BA, 120), ("renewable", BA, 60), ("mining", BA, 40), ("digital", MA, 20)),
    "turin-polytechnic-university-in-tashkent": (("ev", BA, 50), ("renewable", MA, 20)),
    "ferghana-politechnical-institute": (("renewable", BA, 60), ("power", BA, 40)),
    "navoi-state-mining-and-technological-university": (("mining", BA, 90), ("rare-metals", MA, 12), ("environment", BA, 30)),
    "tashkent-institute-of-chemical-technology": (("hydrogen", BA, 30), ("environment", MA, 15)),
    "tashkent-university-of-information-technologies": (("digital", BA, 90),),
    "tashkent-state-transport-university": (("ev", BA, 40),),
    "tashkent-institute-of-irrigation-and-agricultural-mechanization-engineers-national-research-universi": (("hydropower", BA, 40), ("efficiency", BA, 30)),
    "tashkent-state-university-of-economics": (("economics", BA, 60),),
    "national-university-of-uzbekistan": (("renewable", BA, 40), ("environment", MA, 20)),
    "samarkand-state-university": (("environment", BA, 30),),
    "westminster-international-university-in-tashkent": (("economics", MA, 20),),
    # Kyrgyzstan
    "kyrgyz-state-technical-university": (("hydropower", BA, 60), ("power", BA, 50), ("renewable", SC, 25)),
    "kyrgyz-state-university-of-construction-transportation-and-architecture": (("efficiency", BA, 40),),
    "american-university-of-central-asia": (("economics", BA, 30), ("environment", MA, 15)),
    "kyrgyz-russian-slavic-university": (("power", BA, 40), ("digital", BA, 30)),
    "osh-technological-university-named-after-m-m-adyshev": (("hydropower", BA, 30),),
    "kyrgyz-national-agrarian-university": (("renewable", SC, 20),),
    "kyrgyz-turkish-manas-university": (("environment", BA, 30),),
    # Tajikistan
    "tajik-technical-university-named-after-academician-m-s-osimi": (("hydropower", BA, 80), ("power", BA, 60), ("efficiency", BA, 30)),
    "energy-institute-of-tajikistan": (("hydropower", BA, 50), ("renewable", BA, 40)),
    "mining-metallurgical-institute-of-tajikistan": (("mining", BA, 40),),
    "tajik-national-university": (("environment", BA, 30), ("economics", BA, 30)),
    # Turkmenistan
    "state-energy-institute-of-turkmenistan": (("power", BA, 60), ("renewable", BA, 40)),
    "international-university-of-oil-and-gas-named-after-yagshygeldi-kakayev": (("hydrogen", BA, 30), ("environment", BA, 30)),
    "oguz-han-engineering-and-technology-university-of-turkmenistan": (("digital", BA, 40),),
    "magtymguly-turkmen-state-university": (("economics", BA, 30),),
}  # fmt: skip

# ECTS, months and the title's prefix by language, by degree.
DEGREES: dict[str, tuple[int, int, Texts]] = {
    BA: (240, 48, {}),
    MA: (120, 24, {}),
    PHD: (180, 36, {}),
    SC: (15, 4, {"en": "Certificate: ", "ru": "Сертификат: ", "kk": "Сертификат: ", "uz": "Sertifikat: "}),
}  # fmt: skip
LOCAL = {"KZ": ("kk", "KZT", 1_200_000), "UZ": ("uz", "UZS", 14_000_000), "KG": ("ky", "KGS", 90_000),
         "TJ": ("tg", "TJS", 9_000), "TM": ("tk", "TMT", 12_000)}  # fmt: skip


def taught_names() -> set[str]:
    """Every skill named by a track (slugs of platform concepts and ESCO labels)."""
    return {name for track in TRACKS for name, _level in track.skills}


def level_for(degree: str, level: int) -> int:
    """The level a track's skill is taught at for ``degree``: a level up in a master's
    or doctorate, a level down in a short course (within 1 to 3)."""
    if degree in (MA, PHD):
        return min(3, level + 1)
    if degree == SC:
        return max(1, level - 1)
    return level


def resolve_skills(names: set[str]) -> dict[str, Skill]:
    """The skills in use (not retired, not groups) named by ``names``, by name: a
    platform concept by its slug, an ESCO skill by its English label."""
    found = Skill.objects.active().filter(Q(slug__in=names) | Q(name_en__in=names), is_group=False)
    by_name: dict[str, Skill] = {}
    for skill in found:
        for key in (skill.slug, text_in(skill, "name", "en")):
            if key in names:
                by_name.setdefault(key, skill)
    return by_name


def _texts(track: Track, degree: str) -> dict[str, Texts]:
    """The programme's texts: the track's, with its title for the degree (its own
    title for a master's or doctorate, "Certificate: …" for a short course)."""
    _ects, _months, prefix = DEGREES[degree]
    titles = ADVANCED_TITLES.get(track.key, track.title) if degree in (MA, PHD) else track.title
    title = {code: f"{prefix.get(code, '')}{text}" for code, text in titles.items()}
    return {
        "title": title,
        "description": track.description,
        "learning_outcomes": track.learning_outcomes,
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
def load_demo_programmes() -> int:
    """The demo programmes of ``PROGRAMMES``, in the languages a university of its
    country writes; returns how many. Demo programmes not in the list are deleted.

    Side effect: the statistics of the skill and programme tables are refreshed
    (PostgreSQL's ``ANALYZE``) before and after, since they were just bulk-loaded."""
    _analyze(Skill, Programme, ProgrammeSkill)
    languages = {language.code: language for language in Language.objects.all()}
    fields = {field.code: field for field in Field.objects.all()}
    tracks = {track.key: track for track in TRACKS}
    skills = resolve_skills(taught_names())
    universities = University.objects.filter(slug__in=PROGRAMMES).order_by("slug")
    kept: dict[int, str] = {}
    for university in universities:
        rng = random.Random(university.slug)
        local, currency, fee = LOCAL.get(university.country, ("ru", "USD", 3000))
        for key, degree, intake in PROGRAMMES[university.slug]:
            track = tracks[key]
            ects, months, _prefix = DEGREES[degree]
            programme, _created = Programme.objects.update_or_create(
                university=university,
                slug=slugify(f"{degree}-{track.title['en']}")[:110],
                defaults={
                    **demo_columns(_texts(track, degree), country=university.country),
                    "degree": degree,
                    "ects": ects,
                    "duration_months": months,
                    "field": fields.get(track.code),
                    "delivery": "blended" if degree == SC else rng.choice(["on_site", "on_site", "blended"]),
                    "intake": intake,
                    "tuition_free": degree == PHD or rng.random() < 0.2,
                    "tuition_per_year": fee * (2 if degree == MA else 1),
                    "currency": currency,
                    "status": Programme.Status.PUBLISHED,
                    "last_reviewed": date(2026, rng.randint(1, 10), 1),
                    "is_demo": True,
                },
            )  # fmt: skip
            taught = [languages["ru"], languages[local]]
            if degree != BA or rng.random() < 0.3:
                taught.append(languages["en"])
            programme.languages.set(taught)
            programme.programme_skills.all().delete()
            ProgrammeSkill.objects.bulk_create(
                ProgrammeSkill(
                    programme=programme, skill=skills[name], level=level_for(degree, level)
                )
                for name, level in track.skills
                if name in skills
            )
            programme.refresh_search_document()
            kept[programme.pk] = track.key
    Programme.objects.filter(is_demo=True).exclude(pk__in=kept).delete()
    load_demo_admissions(kept)
    _analyze(Programme, ProgrammeSkill)
    return len(kept)
