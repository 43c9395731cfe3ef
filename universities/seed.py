# ruff: noqa: E501  (the demo texts are one line per language)
"""Load the real universities of the five Central Asian countries from the bundled data.

Sources (see DATA_SOURCES.md): Hipo's university-domains-list (MIT) with
curated current and Russian names, and GeoNames cities (CC BY 4.0) for
coordinates. The English and Russian names of the cities are the current official
ones chosen in ``cities.CURRENT_NAMES`` (its docstring gives the rule), not
GeoNames' first candidate. Idempotent: universities are matched on their slug.

The demo content (strengths, activities, a few universities' descriptions) is written
as a university of the country would write it: in English and Russian, and also in
Kazakh in Kazakhstan and in Uzbek (Latin script) in Uzbekistan (``demo_columns``).
"""

import csv
import random
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path

from django.db import transaction
from django.utils.text import slugify
from translated_fields import to_attribute

from core.bilingual import columns, language_codes, text_in

from . import signals
from .cities import city_columns, gazetteer
from .countries import EHEA_MEMBERS
from .models import Activity, ResearchArea, Strength, University

DATA_DIR = Path(__file__).resolve().parent / "data"


def _read(name: str) -> list[dict[str, str]]:
    path = DATA_DIR / name
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def university_rows() -> list[dict]:
    """The seed rows, as field values for University."""
    cities = gazetteer()
    rows = []
    for row in _read("universities_central_asia_enriched.csv"):
        name_en = row["current_name_en"] or row["name_en"]
        aliases = [a.strip() for a in row["aliases"].split(";") if a.strip()]
        if row["current_name_en"] and row["name_en"] != row["current_name_en"]:
            aliases.insert(0, row["name_en"])
        city = cities.get((row["country_code"], row["city"])) if row["city"] else None
        names = city_columns(row["country_code"], row["city"]) if city else {}
        names = {column: names.get(column, "") for column in columns("city")}
        rows.append(
            {
                "name_en": name_en,
                "name_ru": row["name_ru"],
                "aliases": "\n".join(dict.fromkeys(aliases)),
                "country": row["country_code"],
                **names,
                "city_en": names.get("city_en") or row["city"],
                "latitude": Decimal(city["lat"]).quantize(Decimal("0.00001")) if city else None,
                "longitude": Decimal(city["lon"]).quantize(Decimal("0.00001")) if city else None,
                "website": row["website"],
                "short_name": next((a for a in aliases if a.isupper() and len(a) <= 12), ""),
                # Universities of an EHEA country follow its Bologna cycles and ECTS.
                **({"bologna_member": True} if row["country_code"] in EHEA_MEMBERS else {}),
            }
        )
    return rows


@transaction.atomic
def load_universities() -> int:
    """Create or update every seed university; returns how many rows were read.

    Side effect: ``signals.university_renamed`` for every university whose names
    changed (curricula rebuilds its programmes' search documents)."""
    rows = university_rows()
    used_slugs: set[str] = set()
    for values in rows:
        slug = slugify(values["name_en"])[:100] or "university"
        if slug in used_slugs:
            slug = f"{slug}-{values['country'].lower()}"
        used_slugs.add(slug)
        before = University.objects.filter(slug=slug).values_list("search_key", flat=True)
        stored_key = before.first()
        university, _ = University.objects.update_or_create(slug=slug, defaults=values)
        if stored_key is not None and stored_key != university.search_key:
            signals.university_renamed.send(sender=University, university=university, by=None)
    return len(rows)


# --- Demo content -------------------------------------------------------------

# A text in several languages: {"en": …, "ru": …, "kk": …}.
Texts = Mapping[str, str]

# The state language a party of the country writes in, besides English and Russian.
STATE_LANGUAGES = {"KZ": "kk", "UZ": "uz"}


def demo_languages(country: str) -> tuple[str, ...]:
    """The languages in which a university or organisation of ``country`` writes its
    demo content: English and Russian, and Kazakh or Uzbek in Kazakhstan or Uzbekistan."""
    state = STATE_LANGUAGES.get(country)
    return ("en", "ru", state) if state else ("en", "ru")


def demo_columns(fields: Mapping[str, Texts], *, country: str = "") -> dict[str, str]:
    """The columns of translated fields written by a party of ``country``:
    ``{"title": {"en": …, "ru": …, "kk": …}}`` gives ``title_en``, ``title_ru`` and,
    in Kazakhstan, ``title_kk``; every other language's column is emptied, so that
    seeding again writes exactly the same values. An empty text empties every column.
    A text missing in one of the party's languages raises ``KeyError``."""
    written = demo_languages(country)
    found = {}
    for name, texts in fields.items():
        for code in language_codes():
            wanted = bool(texts) and code in written
            found[to_attribute(name, code)] = texts[code] if wanted else ""
    return found


# Demo strengths: what each university with a known profile is strong in (its
# research areas, strongest first), the same areas its demo programmes teach in.
# Marked as demo content; Satbayev University, the demo staff member's, has its own.
DEMO_PROFILES: dict[str, tuple[str, ...]] = {
    "almaty-university-of-power-engineering-and-telecommunications-named-after-gumarbek-daukeyev": ("power-systems-smart-grids", "renewable-energy", "digitalisation-ai-energy"),
    "abylkas-saginov-karaganda-technical-university": ("critical-minerals", "coal-chemistry-carbon-materials", "mine-closure-remediation"),
    "karaganda-buketov-university": ("coal-chemistry-carbon-materials", "mine-closure-remediation"),
    "karaganda-industrial-university": ("energy-efficiency", "just-transition"),
    "d-serikbayev-east-kazakhstan-technical-university": ("critical-minerals", "power-systems-smart-grids"),
    "ekibastuz-engineering-and-technical-institute-named-after-academician-k-satpayev": ("power-systems-smart-grids", "mine-closure-remediation"),
    "pavlodar-university": ("power-systems-smart-grids", "energy-efficiency"),
    "kazakh-british-technical-university": ("digitalisation-ai-energy", "energy-economics-policy"),
    "nazarbayev-university": ("hydrogen", "e-mobility-batteries", "energy-economics-policy"),
    "ln-gumilyov-eurasian-national-university": ("renewable-energy", "energy-economics-policy"),
    "al-farabi-kazakh-national-university": ("renewable-energy", "mine-closure-remediation", "energy-economics-policy"),
    "atyrau-university-of-oil-and-gas-named-after-safi-utebayev": ("hydrogen", "mine-closure-remediation"),
    "caspian-university-of-technology-and-engineering-named-after-sh-yessenov": ("renewable-energy", "hydrogen"),
    "zhezkazgan-baikonurov-university": ("critical-minerals", "mine-closure-remediation"),
    "rudny-industrial-institute": ("critical-minerals",),
    "manash-kozybayev-north-kazakhstan-university": ("energy-efficiency",),
    "shakarim-university": ("energy-efficiency",),
    "kimep-university": ("energy-economics-policy",),
    "turar-ryskulov-new-economic-university": ("energy-economics-policy",),
    "kazakh-national-agrarian-research-university": ("renewable-energy",),
    "tashkent-state-technical-university": ("power-systems-smart-grids", "renewable-energy", "critical-minerals"),
    "turin-polytechnic-university-in-tashkent": ("e-mobility-batteries", "renewable-energy"),
    "ferghana-politechnical-institute": ("renewable-energy", "power-systems-smart-grids"),
    "navoi-state-mining-and-technological-university": ("critical-minerals", "mine-closure-remediation"),
    "tashkent-institute-of-chemical-technology": ("hydrogen", "mine-closure-remediation"),
    "tashkent-university-of-information-technologies": ("digitalisation-ai-energy",),
    "tashkent-state-transport-university": ("e-mobility-batteries",),
    "tashkent-institute-of-irrigation-and-agricultural-mechanization-engineers-national-research-universi": ("water-energy-nexus", "energy-efficiency"),
    "tashkent-state-university-of-economics": ("energy-economics-policy",),
    "national-university-of-uzbekistan": ("renewable-energy", "mine-closure-remediation"),
    "samarkand-state-university": ("mine-closure-remediation",),
    "westminster-international-university-in-tashkent": ("energy-economics-policy",),
    "kyrgyz-state-technical-university": ("water-energy-nexus", "power-systems-smart-grids", "renewable-energy"),
    "kyrgyz-state-university-of-construction-transportation-and-architecture": ("energy-efficiency",),
    "american-university-of-central-asia": ("energy-economics-policy", "mine-closure-remediation"),
    "kyrgyz-russian-slavic-university": ("power-systems-smart-grids", "digitalisation-ai-energy"),
    "osh-technological-university-named-after-m-m-adyshev": ("water-energy-nexus",),
    "kyrgyz-national-agrarian-university": ("renewable-energy",),
    "kyrgyz-turkish-manas-university": ("mine-closure-remediation",),
    "tajik-technical-university-named-after-academician-m-s-osimi": ("water-energy-nexus", "power-systems-smart-grids", "energy-efficiency"),
    "energy-institute-of-tajikistan": ("water-energy-nexus", "renewable-energy"),
    "mining-metallurgical-institute-of-tajikistan": ("critical-minerals",),
    "tajik-national-university": ("mine-closure-remediation", "energy-economics-policy"),
    "state-energy-institute-of-turkmenistan": ("power-systems-smart-grids", "renewable-energy"),
    "international-university-of-oil-and-gas-named-after-yagshygeldi-kakayev": ("hydrogen", "mine-closure-remediation"),
    "oguz-han-engineering-and-technology-university-of-turkmenistan": ("digitalisation-ai-energy",),
    "magtymguly-turkmen-state-university": ("energy-economics-policy",),
}  # fmt: skip

# What a university strong in an area says of it (statement, evidence) and the
# laboratory or centre it runs there (title, description), by research area.
AREA_TEXTS: dict[str, dict[str, Texts]] = {
    "renewable-energy": {
        "statement": {
            "en": "Degree programmes and applied research on solar and wind power for the region's grids (demo).",
            "ru": "Образовательные программы и прикладные исследования в области солнечной и ветровой энергетики для энергосистем региона (демо).",
            "kk": "Өңір энергожүйелері үшін күн және жел энергетикасы саласындағы білім беру бағдарламалары мен қолданбалы зерттеулер (демо).",
            "uz": "Mintaqa energetika tizimlari uchun quyosh va shamol energetikasi boʻyicha taʼlim dasturlari va amaliy tadqiqotlar (demo).",
        },
        "evidence": {
            "en": "A test site with photovoltaic modules and a small wind turbine; final-year projects with regional energy companies (demo).",
            "ru": "Испытательный полигон с фотоэлектрическими модулями и малой ветроустановкой; дипломные проекты совместно с региональными энергокомпаниями (демо).",
            "kk": "Фотоэлектрлік модульдер мен шағын жел қондырғысы бар сынақ алаңы; өңірлік энергетикалық компаниялармен бірлескен дипломдық жобалар (демо).",
            "uz": "Fotoelektrik modullar va kichik shamol qurilmasi oʻrnatilgan sinov maydoni; mintaqaviy energetika kompaniyalari bilan birgalikdagi bitiruv loyihalari (demo).",
        },
        "title": {
            "en": "Renewable energy laboratory (demo)",
            "ru": "Лаборатория возобновляемой энергетики (демо)",
            "kk": "Жаңартылатын энергетика зертханасы (демо)",
            "uz": "Qayta tiklanuvchi energetika laboratoriyasi (demo)",
        },
        "description": {
            "en": "Measures the output of solar and wind installations and trains students to operate them (demo).",
            "ru": "Измеряет выработку солнечных и ветровых установок и обучает студентов их эксплуатации (демо).",
            "kk": "Күн және жел қондырғыларының өндіретін энергиясын өлшейді және студенттерді оларды пайдалануға үйретеді (демо).",
            "uz": "Quyosh va shamol qurilmalari ishlab chiqaradigan energiyani oʻlchaydi va talabalarni ulardan foydalanishga oʻrgatadi (demo).",
        },
    },
    "power-systems-smart-grids": {
        "statement": {
            "en": "Teaching and applied research on power systems, grid automation and the integration of renewables (demo).",
            "ru": "Подготовка специалистов и прикладные исследования в области энергосистем, автоматизации сетей и интеграции ВИЭ (демо).",
            "kk": "Энергожүйелер, желілерді автоматтандыру және жаңартылатын энергия көздерін біріктіру салаларында мамандар даярлау және қолданбалы зерттеулер (демо).",
            "uz": "Energetika tizimlari, tarmoqlarni avtomatlashtirish va qayta tiklanuvchi manbalarni integratsiya qilish sohasida kadrlar tayyorlash va amaliy tadqiqotlar (demo).",
        },
        "evidence": {
            "en": "Relay protection and SCADA training benches; final-year projects with the grid operator (demo).",
            "ru": "Учебные стенды релейной защиты и SCADA; дипломные проекты совместно с сетевым оператором (демо).",
            "kk": "Релелік қорғаныс және SCADA оқу стендтері; желі операторымен бірлескен дипломдық жобалар (демо).",
            "uz": "Rele himoyasi va SCADA oʻquv stendlari; tarmoq operatori bilan birgalikdagi bitiruv loyihalari (demo).",
        },
        "title": {
            "en": "Smart grids laboratory (demo)",
            "ru": "Лаборатория интеллектуальных сетей (демо)",
            "kk": "Зияткерлік желілер зертханасы (демо)",
            "uz": "Aqlli tarmoqlar laboratoriyasi (demo)",
        },
        "description": {
            "en": "Models distribution networks with rooftop solar and electric vehicles and tests control schemes on real equipment (demo).",
            "ru": "Моделирует распределительные сети с солнечными установками на крышах и электромобилями и испытывает алгоритмы управления на реальном оборудовании (демо).",
            "kk": "Шатырдағы күн қондырғылары мен электромобильдер қосылған тарату желілерін модельдейді және басқару алгоритмдерін нақты жабдықта сынайды (демо).",
            "uz": "Tomga oʻrnatilgan quyosh panellari va elektromobillar ulangan taqsimlash tarmoqlarini modellashtiradi hamda boshqaruv algoritmlarini haqiqiy uskunalarda sinovdan oʻtkazadi (demo).",
        },
    },
    "energy-efficiency": {
        "statement": {
            "en": "Energy audits of buildings and industry, and the engineers who carry them out (demo).",
            "ru": "Энергоаудит зданий и промышленных предприятий и подготовка инженеров, которые его проводят (демо).",
            "kk": "Ғимараттар мен өнеркәсіп кәсіпорындарына энергетикалық аудит жүргізу және оны жүргізетін инженерлерді даярлау (демо).",
            "uz": "Binolar va sanoat korxonalarida energetik audit oʻtkazish hamda uni bajaradigan muhandislarni tayyorlash (demo).",
        },
        "evidence": {
            "en": "Thermal imaging cameras and metering equipment; energy audits of the university's own campus (demo).",
            "ru": "Тепловизоры и приборы учёта энергии; энергоаудит собственного кампуса университета (демо).",
            "kk": "Жылу бейнелегіштер мен энергияны есепке алу құралдары; университеттің өз кампусына жүргізілген энергоаудит (демо).",
            "uz": "Teplovizorlar va energiya hisoblash asboblari; universitetning oʻz kampusida oʻtkazilgan energetik audit (demo).",
        },
        "title": {
            "en": "Energy efficiency centre (demo)",
            "ru": "Центр энергоэффективности (демо)",
            "kk": "Энергия тиімділігі орталығы (демо)",
            "uz": "Energiya samaradorligi markazi (demo)",
        },
        "description": {
            "en": "Carries out energy audits of local schools and hospitals with student teams (demo).",
            "ru": "Проводит энергоаудит местных школ и больниц силами студенческих команд (демо).",
            "kk": "Студенттік топтардың күшімен жергілікті мектептер мен ауруханаларға энергоаудит жүргізеді (демо).",
            "uz": "Talabalar jamoalari yordamida mahalliy maktablar va shifoxonalarda energetik audit oʻtkazadi (demo).",
        },
    },
    "e-mobility-batteries": {
        "statement": {
            "en": "Electric vehicles, charging infrastructure and battery technology (demo).",
            "ru": "Электромобили, зарядная инфраструктура и аккумуляторные технологии (демо).",
            "kk": "Электромобильдер, зарядтау инфрақұрылымы және аккумуляторлық технологиялар (демо).",
            "uz": "Elektromobillar, quvvatlash infratuzilmasi va akkumulyator texnologiyalari (demo).",
        },
        "evidence": {
            "en": "Battery test benches and a charging station on campus; projects with city bus operators (demo).",
            "ru": "Стенды для испытания аккумуляторов и зарядная станция на территории кампуса; проекты с городскими автобусными парками (демо).",
            "kk": "Аккумуляторларды сынауға арналған стендтер және кампустағы зарядтау станциясы; қалалық автобус парктерімен бірлескен жобалар (демо).",
            "uz": "Akkumulyatorlarni sinash stendlari va kampusdagi quvvatlash stansiyasi; shahar avtobus parklari bilan hamkorlikdagi loyihalar (demo).",
        },
        "title": {
            "en": "Battery and e-mobility laboratory (demo)",
            "ru": "Лаборатория аккумуляторов и электротранспорта (демо)",
            "kk": "Аккумуляторлар және электр көлігі зертханасы (демо)",
            "uz": "Akkumulyatorlar va elektr transporti laboratoriyasi (demo)",
        },
        "description": {
            "en": "Studies how battery cells age in the region's hot summers and cold winters (demo).",
            "ru": "Исследует старение аккумуляторных элементов в условиях жаркого лета и холодной зимы региона (демо).",
            "kk": "Өңірдің ыстық жазы мен суық қысы жағдайында аккумулятор элементтерінің тозуын зерттейді (демо).",
            "uz": "Mintaqaning issiq yozi va sovuq qishi sharoitida akkumulyator elementlarining eskirishini oʻrganadi (demo).",
        },
    },
    "hydrogen": {
        "statement": {
            "en": "Hydrogen production by electrolysis, its storage and safe use (demo).",
            "ru": "Производство водорода электролизом, его хранение и безопасное использование (демо).",
            "kk": "Электролиз арқылы сутегі өндіру, оны сақтау және қауіпсіз пайдалану (демо).",
            "uz": "Elektroliz yoʻli bilan vodorod ishlab chiqarish, uni saqlash va xavfsiz foydalanish (demo).",
        },
        "evidence": {
            "en": "A small electrolyser test rig; studies of hydrogen production sites with regional energy companies (demo).",
            "ru": "Малый испытательный стенд электролизёра; исследования площадок для производства водорода с региональными энергокомпаниями (демо).",
            "kk": "Шағын электролизер сынақ стенді; өңірлік энергетикалық компаниялармен бірге сутегі өндіруге арналған алаңдарды зерттеу (демо).",
            "uz": "Kichik elektrolizyor sinov stendi; mintaqaviy energetika kompaniyalari bilan vodorod ishlab chiqarish maydonlarini oʻrganish (demo).",
        },
        "title": {
            "en": "Hydrogen technologies laboratory (demo)",
            "ru": "Лаборатория водородных технологий (демо)",
            "kk": "Сутегі технологиялары зертханасы (демо)",
            "uz": "Vodorod texnologiyalari laboratoriyasi (demo)",
        },
        "description": {
            "en": "Measures the efficiency of electrolysers fed by variable solar and wind power (demo).",
            "ru": "Измеряет КПД электролизёров, работающих от переменной солнечной и ветровой генерации (демо).",
            "kk": "Өзгермелі күн және жел генерациясынан жұмыс істейтін электролизерлердің ПӘК-ін өлшейді (демо).",
            "uz": "Oʻzgaruvchan quyosh va shamol energiyasida ishlaydigan elektrolizyorlarning foydali ish koeffitsiyentini oʻlchaydi (demo).",
        },
    },
    "critical-minerals": {
        "statement": {
            "en": "Geology, mining and processing of critical minerals such as lithium and rare earths (demo).",
            "ru": "Геология, добыча и переработка критически важных минералов, таких как литий и редкоземельные элементы (демо).",
            "kk": "Литий және сирек жер элементтері сияқты сыни маңызды минералдардың геологиясы, оларды өндіру және өңдеу (демо).",
            "uz": "Litiy va noyob yer elementlari kabi kritik minerallar geologiyasi, ularni qazib olish va qayta ishlash (demo).",
        },
        "evidence": {
            "en": "Mineralogy and ore-dressing laboratories; field practice at working mines (demo).",
            "ru": "Лаборатории минералогии и обогащения руд; полевая практика на действующих рудниках (демо).",
            "kk": "Минералогия және кен байыту зертханалары; жұмыс істеп тұрған кеніштердегі далалық практика (демо).",
            "uz": "Mineralogiya va rudalarni boyitish laboratoriyalari; faol konlarda dala amaliyoti (demo).",
        },
        "title": {
            "en": "Critical minerals laboratory (demo)",
            "ru": "Лаборатория критически важных минералов (демо)",
            "kk": "Сыни маңызды минералдар зертханасы (демо)",
            "uz": "Kritik minerallar laboratoriyasi (demo)",
        },
        "description": {
            "en": "Analyses ore samples for lithium and rare earths and tests ways to concentrate them (demo).",
            "ru": "Анализирует пробы руды на литий и редкоземельные элементы и испытывает способы их обогащения (демо).",
            "kk": "Кен сынамаларындағы литий мен сирек жер элементтерін талдайды және оларды байыту тәсілдерін сынайды (демо).",
            "uz": "Ruda namunalaridagi litiy va noyob yer elementlarini tahlil qiladi hamda ularni boyitish usullarini sinaydi (demo).",
        },
    },
    "coal-chemistry-carbon-materials": {
        "statement": {
            "en": "Coal chemistry and advanced carbon materials: coal as a raw material, not a fuel (demo).",
            "ru": "Углехимия и передовые углеродные материалы: уголь как сырьё, а не топливо (демо).",
            "kk": "Көмірхимиясы және озық көміртекті материалдар: көмір отын ретінде емес, шикізат ретінде (демо).",
            "uz": "Koʻmir kimyosi va ilgʻor uglerod materiallari: koʻmir yoqilgʻi sifatida emas, xomashyo sifatida (demo).",
        },
        "evidence": {
            "en": "Synthesis of graphene and nanotubes from coal tar pitch at laboratory scale (demo).",
            "ru": "Синтез графена и нанотрубок из каменноугольного пека в лабораторном масштабе (демо).",
            "kk": "Тас көмір пегінен графен мен нанотүтікшелерді зертханалық ауқымда синтездеу (демо).",
            "uz": "Toshkoʻmir pekidan grafen va nanotrubkalarni laboratoriya miqyosida sintez qilish (demo).",
        },
        "title": {
            "en": "Carbon materials laboratory (demo)",
            "ru": "Лаборатория углеродных материалов (демо)",
            "kk": "Көміртекті материалдар зертханасы (демо)",
            "uz": "Uglerod materiallari laboratoriyasi (demo)",
        },
        "description": {
            "en": "Turns coal by-products into graphene, activated carbon and electrode materials (demo).",
            "ru": "Перерабатывает побочные продукты угля в графен, активированный уголь и электродные материалы (демо).",
            "kk": "Көмірдің жанама өнімдерін графенге, белсендірілген көмірге және электрод материалдарына өңдейді (демо).",
            "uz": "Koʻmirning qoʻshimcha mahsulotlarini grafen, faollashtirilgan koʻmir va elektrod materiallariga aylantiradi (demo).",
        },
    },
    "mine-closure-remediation": {
        "statement": {
            "en": "Mine closure planning and the remediation of land and water (demo).",
            "ru": "Планирование закрытия горных предприятий и рекультивация земель и водных объектов (демо).",
            "kk": "Тау-кен кәсіпорындарын жабуды жоспарлау және жерлер мен су объектілерін рекультивациялау (демо).",
            "uz": "Togʻ-kon korxonalarini yopishni rejalashtirish hamda yer va suv obyektlarini rekultivatsiya qilish (demo).",
        },
        "evidence": {
            "en": "Drone monitoring of tailings and spoil heaps; remediation trials with mining companies (demo).",
            "ru": "Мониторинг хвостохранилищ и отвалов с помощью беспилотников; опытная рекультивация совместно с горнодобывающими компаниями (демо).",
            "kk": "Қалдық қоймалары мен үйінділерді ұшқышсыз аппараттармен бақылау; тау-кен компанияларымен бірлескен тәжірибелік рекультивация (демо).",
            "uz": "Chiqindi omborlari va togʻ jinsi uyumlarini uchuvchisiz apparatlar yordamida kuzatish; togʻ-kon kompaniyalari bilan tajribaviy rekultivatsiya (demo).",
        },
        "title": {
            "en": "Land remediation laboratory (demo)",
            "ru": "Лаборатория рекультивации земель (демо)",
            "kk": "Жерлерді рекультивациялау зертханасы (демо)",
            "uz": "Yerlarni rekultivatsiya qilish laboratoriyasi (demo)",
        },
        "description": {
            "en": "Selects soils and plants that can restore the land around closed mines (demo).",
            "ru": "Подбирает грунты и растения для восстановления земель вокруг закрытых шахт (демо).",
            "kk": "Жабылған шахталардың айналасындағы жерлерді қалпына келтіруге арналған топырақ пен өсімдіктерді іріктейді (демо).",
            "uz": "Yopilgan shaxtalar atrofidagi yerlarni tiklash uchun tuproq va oʻsimliklarni tanlaydi (demo).",
        },
    },
    "water-energy-nexus": {
        "statement": {
            "en": "Water and energy together: hydropower, irrigation and cooling water in shared river basins (demo).",
            "ru": "Вода и энергия вместе: гидроэнергетика, орошение и охлаждающая вода в общих речных бассейнах (демо).",
            "kk": "Су мен энергия бірге: ортақ өзен алаптарындағы гидроэнергетика, суару және салқындатқыш су (демо).",
            "uz": "Suv va energiya birgalikda: umumiy daryo havzalarida gidroenergetika, sugʻorish va sovutish suvi (demo).",
        },
        "evidence": {
            "en": "Hydrological models of the basin; joint studies with water management agencies (demo).",
            "ru": "Гидрологические модели бассейна; совместные исследования с органами водного хозяйства (демо).",
            "kk": "Алаптың гидрологиялық модельдері; су шаруашылығы органдарымен бірлескен зерттеулер (демо).",
            "uz": "Havzaning gidrologik modellari; suv xoʻjaligi organlari bilan hamkorlikdagi tadqiqotlar (demo).",
        },
        "title": {
            "en": "Water and energy modelling laboratory (demo)",
            "ru": "Лаборатория моделирования водно-энергетических систем (демо)",
            "kk": "Су-энергетикалық жүйелерді модельдеу зертханасы (демо)",
            "uz": "Suv-energetika tizimlarini modellashtirish laboratoriyasi (demo)",
        },
        "description": {
            "en": "Models how reservoirs can serve both winter power and summer irrigation (demo).",
            "ru": "Моделирует, как водохранилища могут обеспечивать и зимнюю выработку электроэнергии, и летнее орошение (демо).",
            "kk": "Су қоймаларының қыста электр энергиясын өндіруді де, жазда суаруды да қалай қамтамасыз ете алатынын модельдейді (демо).",
            "uz": "Suv omborlari qishda elektr energiyasi ishlab chiqarishni ham, yozda sugʻorishni ham qanday taʼminlashi mumkinligini modellashtiradi (demo).",
        },
    },
    "climate-adaptation": {
        "statement": {
            "en": "Climate risks to energy and water infrastructure, and how to adapt to them (demo).",
            "ru": "Климатические риски для энергетической и водной инфраструктуры и способы адаптации к ним (демо).",
            "kk": "Энергетикалық және су инфрақұрылымына төнетін климаттық тәуекелдер және оларға бейімделу жолдары (демо).",
            "uz": "Energetika va suv infratuzilmasi uchun iqlim xavflari hamda ularga moslashish yoʻllari (demo).",
        },
        "evidence": {
            "en": "Regional climate scenarios; risk assessments for power lines and plants (demo).",
            "ru": "Региональные климатические сценарии; оценка рисков для линий электропередачи и электростанций (демо).",
            "kk": "Өңірлік климаттық сценарийлер; электр беру желілері мен электр станцияларына төнетін тәуекелдерді бағалау (демо).",
            "uz": "Mintaqaviy iqlim ssenariylari; elektr uzatish liniyalari va elektr stansiyalari uchun xavflarni baholash (demo).",
        },
        "title": {
            "en": "Climate resilience centre (demo)",
            "ru": "Центр климатической устойчивости (демо)",
            "kk": "Климаттық орнықтылық орталығы (демо)",
            "uz": "Iqlimga chidamlilik markazi (demo)",
        },
        "description": {
            "en": "Maps the risks of heatwaves, floods and mudflows for the region's energy infrastructure (demo).",
            "ru": "Составляет карты рисков аномальной жары, паводков и селей для энергетической инфраструктуры региона (демо).",
            "kk": "Өңірдің энергетикалық инфрақұрылымы үшін аптап ыстық, су тасқыны және сел тәуекелдерінің карталарын жасайды (демо).",
            "uz": "Mintaqa energetika infratuzilmasi uchun jazirama issiq, toshqin va sel xavflari xaritalarini tuzadi (demo).",
        },
    },
    "energy-economics-policy": {
        "statement": {
            "en": "Energy markets, tariffs and the policies that steer the energy transition (demo).",
            "ru": "Энергетические рынки, тарифы и политика, направляющая энергетический переход (демо).",
            "kk": "Энергетикалық нарықтар, тарифтер және энергетикалық көшуді бағыттайтын саясат (демо).",
            "uz": "Energetika bozorlari, tariflar va energetik oʻtishni yoʻnaltiruvchi siyosat (demo).",
        },
        "evidence": {
            "en": "Studies of renewable energy auctions and tariff reform for ministries (demo).",
            "ru": "Исследования аукционов ВИЭ и тарифной реформы по заказу министерств (демо).",
            "kk": "Министрліктердің тапсырысы бойынша жаңартылатын энергия аукциондары мен тарифтік реформаны зерттеу (демо).",
            "uz": "Vazirliklar buyurtmasi asosida qayta tiklanuvchi energiya auksionlari va tarif islohoti boʻyicha tadqiqotlar (demo).",
        },
        "title": {
            "en": "Energy policy research centre (demo)",
            "ru": "Исследовательский центр энергетической политики (демо)",
            "kk": "Энергетикалық саясатты зерттеу орталығы (демо)",
            "uz": "Energetika siyosati tadqiqot markazi (demo)",
        },
        "description": {
            "en": "Models what the energy transition costs households and industry (demo).",
            "ru": "Моделирует, во что энергетический переход обходится домохозяйствам и промышленности (демо).",
            "kk": "Энергетикалық көшудің үй шаруашылықтары мен өнеркәсіпке қандай шығын әкелетінін модельдейді (демо).",
            "uz": "Energetik oʻtish uy xoʻjaliklari va sanoatga qanchaga tushishini modellashtiradi (demo).",
        },
    },
    "just-transition": {
        "statement": {
            "en": "A just transition for coal and mining regions: jobs, retraining and social dialogue (demo).",
            "ru": "Справедливый переход для угольных и горнодобывающих регионов: занятость, переподготовка и социальный диалог (демо).",
            "kk": "Көмір және тау-кен өңірлері үшін әділетті көшу: жұмыспен қамту, қайта даярлау және әлеуметтік диалог (демо).",
            "uz": "Koʻmir va togʻ-kon hududlari uchun adolatli oʻtish: bandlik, qayta tayyorlash va ijtimoiy muloqot (demo).",
        },
        "evidence": {
            "en": "Surveys in mining towns; retraining courses designed with trade unions (demo).",
            "ru": "Социологические обследования в шахтёрских городах; программы переподготовки, разработанные вместе с профсоюзами (демо).",
            "kk": "Шахтер қалаларындағы әлеуметтанулық зерттеулер; кәсіподақтармен бірге әзірленген қайта даярлау бағдарламалары (демо).",
            "uz": "Konchilar shaharlarida sotsiologik soʻrovlar; kasaba uyushmalari bilan birga ishlab chiqilgan qayta tayyorlash dasturlari (demo).",
        },
        "title": {
            "en": "Just transition research centre (demo)",
            "ru": "Исследовательский центр справедливого перехода (демо)",
            "kk": "Әділетті көшуді зерттеу орталығы (демо)",
            "uz": "Adolatli oʻtish tadqiqot markazi (demo)",
        },
        "description": {
            "en": "Follows workers who leave the coal mines and what helps them find new work (demo).",
            "ru": "Изучает, как складывается судьба работников, уходящих с угольных шахт, и что помогает им найти новую работу (демо).",
            "kk": "Көмір шахталарынан кеткен жұмысшылардың тағдырын және оларға жаңа жұмыс табуға не көмектесетінін зерттейді (демо).",
            "uz": "Koʻmir shaxtalaridan ketayotgan ishchilar taqdirini va ularga yangi ish topishda nima yordam berishini oʻrganadi (demo).",
        },
    },
    "digitalisation-ai-energy": {
        "statement": {
            "en": "Data, digital twins and artificial intelligence for energy systems (demo).",
            "ru": "Данные, цифровые двойники и искусственный интеллект для энергосистем (демо).",
            "kk": "Энергожүйелерге арналған деректер, цифрлық егіздер және жасанды интеллект (демо).",
            "uz": "Energetika tizimlari uchun maʼlumotlar, raqamli egizaklar va sunʼiy intellekt (demo).",
        },
        "evidence": {
            "en": "Models forecasting load and renewable output, built with regional energy companies (demo).",
            "ru": "Модели прогнозирования нагрузки и выработки ВИЭ, разработанные вместе с региональными энергокомпаниями (демо).",
            "kk": "Өңірлік энергетикалық компаниялармен бірге әзірленген жүктеме мен жаңартылатын энергия өндірісін болжау модельдері (демо).",
            "uz": "Mintaqaviy energetika kompaniyalari bilan birga ishlab chiqilgan yuklama va qayta tiklanuvchi energiya ishlab chiqarishini prognozlash modellari (demo).",
        },
        "title": {
            "en": "Digital energy laboratory (demo)",
            "ru": "Лаборатория цифровой энергетики (демо)",
            "kk": "Цифрлық энергетика зертханасы (демо)",
            "uz": "Raqamli energetika laboratoriyasi (demo)",
        },
        "description": {
            "en": "Builds a digital twin of the campus grid and teaches students to analyse energy data (demo).",
            "ru": "Создаёт цифровой двойник сети кампуса и обучает студентов анализу энергетических данных (демо).",
            "kk": "Кампус желісінің цифрлық егізін жасайды және студенттерді энергетикалық деректерді талдауға үйретеді (демо).",
            "uz": "Kampus tarmogʻining raqamli egizagini yaratadi va talabalarni energetika maʼlumotlarini tahlil qilishga oʻrgatadi (demo).",
        },
    },
}  # fmt: skip

# The demo staff member's university: a profile of its own. Strengths are
# (area, level, statement, evidence); activities (kind, area, start year, title,
# description).
SATBAYEV = "satbayev-university"
SATBAYEV_DESCRIPTION: Texts = {
    "en": "Kazakhstan's oldest technical university, founded in Almaty in 1934, trains engineers for energy, mining, metallurgy and geology. Its institutes work with the grid operator and mining companies on smart grids, critical minerals and carbon materials (demo).",
    "ru": "Старейший технический университет Казахстана, основанный в Алматы в 1934 году, готовит инженеров для энергетики, горного дела, металлургии и геологии. Его институты работают с системным оператором и горнодобывающими компаниями над интеллектуальными сетями, критически важными минералами и углеродными материалами (демо).",
    "kk": "1934 жылы Алматыда құрылған Қазақстандағы ең көне техникалық университет энергетика, тау-кен ісі, металлургия және геология салаларына инженерлер даярлайды. Оның институттары жүйелік оператормен және тау-кен компанияларымен бірге зияткерлік желілер, сыни маңызды минералдар және көміртекті материалдар бойынша жұмыс істейді (демо).",
}  # fmt: skip
SATBAYEV_STRENGTHS: list[tuple[str, int, Texts, Texts]] = [
    ("critical-minerals", 3, {
        "en": "Exploration and processing of lithium, rare earths and other critical minerals, from geology to metallurgy (demo).",
        "ru": "Разведка и переработка лития, редкоземельных и других критически важных минералов — от геологии до металлургии (демо).",
        "kk": "Литийді, сирек жер элементтерін және басқа да сыни маңызды минералдарды барлау мен өңдеу — геологиядан металлургияға дейін (демо).",
    }, {
        "en": "Institute of geology and oil and gas business; metallurgy laboratories; joint projects with mining companies (demo).",
        "ru": "Институт геологии и нефтегазового дела; лаборатории металлургии; совместные проекты с горнодобывающими компаниями (демо).",
        "kk": "Геология және мұнай-газ ісі институты; металлургия зертханалары; тау-кен компанияларымен бірлескен жобалар (демо).",
    }),
    ("power-systems-smart-grids", 3, {
        "en": "Power engineering: relay protection, digital substations and grid automation (demo).",
        "ru": "Электроэнергетика: релейная защита, цифровые подстанции и автоматизация сетей (демо).",
        "kk": "Электр энергетикасы: релелік қорғаныс, цифрлық қосалқы станциялар және желілерді автоматтандыру (демо).",
    }, {
        "en": "Power systems laboratory with a real-time grid simulator; internships with the national grid operator (demo).",
        "ru": "Лаборатория энергосистем с симулятором сети в реальном времени; стажировки у национального системного оператора (демо).",
        "kk": "Нақты уақыт режимінде жұмыс істейтін желі симуляторы бар энергожүйелер зертханасы; ұлттық жүйелік операторда тағылымдамалар (демо).",
    }),
    ("coal-chemistry-carbon-materials", 2, {
        "en": "Coal chemistry and carbon nanomaterials for the economy of coal-mining regions (demo).",
        "ru": "Углехимия и углеродные наноматериалы для экономики угледобывающих регионов (демо).",
        "kk": "Көмір өндіретін өңірлер экономикасына арналған көмірхимиясы және көміртекті наноматериалдар (демо).",
    }, {
        "en": "Doctoral research on graphene from coal tar pitch with an industrial partner in Karaganda (demo).",
        "ru": "Докторские исследования по получению графена из каменноугольного пека совместно с промышленным партнёром из Караганды (демо).",
        "kk": "Қарағандылық өнеркәсіптік серіктеспен бірлесіп тас көмір пегінен графен алу бойынша докторлық зерттеулер (демо).",
    }),
    ("mine-closure-remediation", 2, {
        "en": "Mine closure plans, land remediation and mine-water treatment (demo).",
        "ru": "Планы закрытия рудников, рекультивация земель и очистка шахтных вод (демо).",
        "kk": "Кеніштерді жабу жоспарлары, жерлерді рекультивациялау және шахта суларын тазарту (демо).",
    }, {
        "en": "Field studies at closed mines in East Kazakhstan; master's theses co-supervised by mining companies (demo).",
        "ru": "Полевые исследования на закрытых рудниках Восточного Казахстана; магистерские диссертации с соруководителями из горнодобывающих компаний (демо).",
        "kk": "Шығыс Қазақстандағы жабылған кеніштердегі далалық зерттеулер; тау-кен компанияларының қосалқы жетекшілігімен орындалатын магистрлік диссертациялар (демо).",
    }),
]  # fmt: skip
SATBAYEV_ACTIVITIES: list[tuple[str, str, int, Texts, Texts]] = [
    (Activity.Kind.LABORATORY, "power-systems-smart-grids", 2019, {
        "en": "Power systems laboratory (demo)",
        "ru": "Лаборатория энергосистем (демо)",
        "kk": "Энергожүйелер зертханасы (демо)",
    }, {
        "en": "A real-time grid simulator and protection relays on which students test the connection of wind and solar plants (demo).",
        "ru": "Симулятор сети в реальном времени и устройства релейной защиты, на которых студенты испытывают подключение ветровых и солнечных станций (демо).",
        "kk": "Нақты уақыт режиміндегі желі симуляторы мен релелік қорғаныс құрылғылары: оларда студенттер жел және күн станцияларын желіге қосуды сынайды (демо).",
    }),
    (Activity.Kind.RESEARCH_PROJECT, "critical-minerals", 2023, {
        "en": "Lithium of Kazakhstan: from deposit to battery materials (demo)",
        "ru": "Литий Казахстана: от месторождения до материалов для аккумуляторов (демо)",
        "kk": "Қазақстан литийі: кен орнынан аккумулятор материалдарына дейін (демо)",
    }, {
        "en": "Assesses lithium-bearing deposits and tests extraction methods that use little water (demo).",
        "ru": "Оценка литиеносных месторождений и испытание методов извлечения лития с низким водопотреблением (демо).",
        "kk": "Литийлі кен орындарын бағалау және су аз жұмсалатын литий өндіру әдістерін сынау (демо).",
    }),
    (Activity.Kind.INDUSTRY_PARTNERSHIP, "power-systems-smart-grids", 2021, {
        "en": "Digital substations with the grid operator (demo)",
        "ru": "Цифровые подстанции вместе с сетевым оператором (демо)",
        "kk": "Желі операторымен бірлескен цифрлық қосалқы станциялар (демо)",
    }, {
        "en": "Students spend their final semester commissioning digital substations with the grid operator's engineers (demo).",
        "ru": "Студенты проводят последний семестр на пусконаладке цифровых подстанций вместе с инженерами сетевого оператора (демо).",
        "kk": "Студенттер соңғы семестрде желі операторының инженерлерімен бірге цифрлық қосалқы станцияларды іске қосу-баптау жұмыстарына қатысады (демо).",
    }),
]  # fmt: skip

# Descriptions of the universities that host the regional conference in turn.
DEMO_DESCRIPTIONS: dict[str, Texts] = {
    SATBAYEV: SATBAYEV_DESCRIPTION,
    "al-farabi-kazakh-national-university": {
        "en": "Kazakhstan's largest classical university, in Almaty, brings physics, chemistry, geography and economics to the energy transition, from solar cells to climate policy (demo).",
        "ru": "Крупнейший классический университет Казахстана, расположенный в Алматы, вносит в энергетический переход вклад физики, химии, географии и экономики — от солнечных элементов до климатической политики (демо).",
        "kk": "Алматыдағы Қазақстанның ең ірі классикалық университеті энергетикалық көшуге физика, химия, география және экономика салаларымен үлес қосады — күн элементтерінен климаттық саясатқа дейін (демо).",
    },
    "tashkent-state-technical-university": {
        "en": "Uzbekistan's leading technical university, in Tashkent, trains engineers for energy, mining, oil and gas and mechanical engineering; its energy faculty works with the national power system on the integration of renewables (demo).",
        "ru": "Ведущий технический университет Узбекистана, расположенный в Ташкенте, готовит инженеров для энергетики, горного дела, нефтегазовой отрасли и машиностроения; его энергетический факультет работает с национальной энергосистемой над интеграцией ВИЭ (демо).",
        "uz": "Toshkentdagi Oʻzbekistonning yetakchi texnika universiteti energetika, togʻ-kon ishi, neft-gaz sohasi va mashinasozlik uchun muhandislar tayyorlaydi; uning energetika fakulteti milliy energetika tizimi bilan qayta tiklanuvchi manbalarni integratsiya qilish ustida ishlaydi (demo).",
    },
    "national-university-of-uzbekistan": {
        "en": "Uzbekistan's oldest university, in Tashkent, contributes physics, geology, ecology and economics to the energy transition (demo).",
        "ru": "Старейший университет Узбекистана, расположенный в Ташкенте, вносит в энергетический переход вклад физики, геологии, экологии и экономики (демо).",
        "uz": "Toshkentdagi Oʻzbekistonning eng qadimiy universiteti energetik oʻtishga fizika, geologiya, ekologiya va iqtisodiyot sohalarida hissa qoʻshadi (demo).",
    },
    "kyrgyz-state-technical-university": {
        "en": "Kyrgyzstan's main technical university, in Bishkek, trains power and hydropower engineers and works on small hydropower and energy efficiency (demo).",
        "ru": "Главный технический университет Кыргызстана, расположенный в Бишкеке, готовит специалистов по электроэнергетике и гидроэнергетике и занимается малой гидроэнергетикой и энергоэффективностью (демо).",
    },
    "tajik-technical-university-named-after-academician-m-s-osimi": {
        "en": "Tajikistan's technical university, in Dushanbe, trains engineers for hydropower, the country's main source of electricity, and for transport and construction (demo).",
        "ru": "Технический университет Таджикистана, расположенный в Душанбе, готовит инженеров для гидроэнергетики — главного источника электроэнергии страны, — а также для транспорта и строительства (демо).",
    },
}  # fmt: skip


@transaction.atomic
def load_demo_strengths() -> int:
    """Demo strengths and a laboratory for the universities of ``DEMO_PROFILES``, and
    the demo university's own profile; returns how many strengths were written.
    Demo strengths and activities no longer in the profiles are deleted.
    Strengths are matched on (university, area), activities on (university, kind,
    area), so seeding again updates their texts."""
    areas = {area.slug: area for area in ResearchArea.objects.all()}
    strengths: list[int] = []
    activities: list[int] = []
    for university in University.objects.filter(slug__in=DEMO_PROFILES).order_by("slug"):
        rng = random.Random(university.slug)
        slugs = DEMO_PROFILES[university.slug]
        for rank, slug in enumerate(slugs):
            level = 3 if rank == 0 and rng.random() < 0.5 else rng.choice([1, 2, 2])
            strengths.append(_strength(university, areas[slug], level, AREA_TEXTS[slug]))
        activity = _activity(
            university,
            Activity.Kind.LABORATORY,
            areas[slugs[0]],
            2015 + rng.randrange(9),
            AREA_TEXTS[slugs[0]],
        )
        activities.append(activity)
    satbayev = University.objects.filter(slug=SATBAYEV).first()
    if satbayev is not None:
        for slug, level, statement, evidence in SATBAYEV_STRENGTHS:
            texts = {"statement": statement, "evidence": evidence}
            strengths.append(_strength(satbayev, areas[slug], level, texts))
        for kind, slug, year, title, description in SATBAYEV_ACTIVITIES:
            texts = {"title": title, "description": description}
            activities.append(_activity(satbayev, kind, areas[slug], year, texts))
    # Demo rows of an earlier demo profile go; what people wrote stays.
    Strength.objects.filter(is_demo=True).exclude(pk__in=strengths).delete()
    Activity.objects.filter(is_demo=True).exclude(pk__in=activities).delete()
    _demo_descriptions()
    return len(strengths)


def _strength(
    university: University, area: ResearchArea, level: int, texts: Mapping[str, Texts]
) -> int:
    fields = {name: texts[name] for name in ("statement", "evidence")}
    strength, _created = Strength.objects.update_or_create(
        university=university,
        area=area,
        defaults={
            "level": level,
            "is_demo": True,
            **demo_columns(fields, country=university.country),
        },
    )
    return strength.pk


def _activity(
    university: University, kind: str, area: ResearchArea, year: int, texts: Mapping[str, Texts]
) -> int:
    fields = {name: texts[name] for name in ("title", "description")}
    activity, _created = Activity.objects.update_or_create(
        university=university,
        kind=kind,
        area=area,
        is_demo=True,
        defaults={"start_year": year, **demo_columns(fields, country=university.country)},
    )
    return activity.pk


def _demo_descriptions() -> None:
    """The demo descriptions of the rotation's universities, unless someone wrote one
    (a description without the demo marker stays)."""
    for university in University.objects.filter(slug__in=DEMO_DESCRIPTIONS):
        written = [text_in(university, "description", code) for code in language_codes()]
        if any(written) and "(demo)" not in text_in(university, "description", "en"):
            continue
        texts = DEMO_DESCRIPTIONS[university.slug]
        values = demo_columns({"description": texts}, country=university.country)
        if any(getattr(university, column) != value for column, value in values.items()):
            for column, value in values.items():
                setattr(university, column, value)
            university.save(update_fields=list(values))
