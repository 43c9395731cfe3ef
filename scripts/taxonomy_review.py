# ruff: noqa: E501 (the patterns read best whole)
"""Propose the scope and theme of every ESCO skill in curricula/data/esco_energy_skills.csv.

Writes curricula/data/taxonomy_review.csv (uri, label_en, decision, theme, reason).
The rule (README, "The skills taxonomy"): a skill is in scope when a university would
teach it for one of the platform's energy-transition themes; skills of other domains
(health, aviation, shipping, tourism, oil and gas upstream, nuclear, offshore and marine
energy, building trades) are out. The proposal is then reviewed by hand: rows in
REVIEWED below override it, and the committed CSV is the reviewed list the seed reads.
"""

import csv
import re
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "curricula" / "data"

OUT_OF_SCOPE = [
    (
        "health or biology",
        r"aeronaut|medical|health|clinic|biolog|genetic|cytometr|biomedic|biostat|therapy|meridian",
    ),
    (
        "another industry",
        r"client|trade\b|insurance|touris|ship|railway|sugar|sewer|ceramic|precious|drum|bridge|construction project|education needs|refrigerat|window and glazing|hair|food|animal|fish|textile|wine|tobacco",
    ),
    (
        "oil and gas upstream",
        r"\boil\b|petroleum|drill|well\b|wellhead|well head|oil rig|rig\b|pipeline|natural gas|crude|reservoir|flammable fluids|gas extraction|gas distribution|liquid goods",
    ),
    ("nuclear, offshore or marine energy", r"nuclear|offshore|tidal|wave energy|marine"),
    ("generic ICT project method", r"ICT project|Prince2|PM²|Agile|Lean project"),
    (
        "generic project administration",
        r"manage project|project schedule|project plans|several projects|project metrics|project information|project changes",
    ),
    (
        "agriculture or transport services",
        r"agronom|herbicide|pesticide|fertilis|organic farming|phytosanit|game species|plant mineral nutrition|tram|train routes|airport|patient|occupational medicine|package processing|cleanroom|MOEM|security panels|community arts|discharge of raw materials into the sea|hydrocarbon cracking|sand blasting|gas heaters|steam engines",
    ),
    (
        "metalworking trade",
        r"weld|reinforcing steel|steel piles|sheet shaker|burred|coil metal|moulds|cores\b|metal parts",
    ),
]

THEMES = [
    ("hydrogen", r"hydrogen|fuel cell"),
    (
        "e-mobility-batteries",
        r"batter|electric vehicle|hybrid vehicle|alternative vehicles|charging|e-mobility|accumulator",
    ),
    (
        "coal-chemistry-carbon-materials",
        r"graphene|graphite|coking|nanomaterial|chemical process|organic chemistry|polymer|carbon fibre|carbon fiber|coke|coal tar|pitch|nanotube|carbon material|coal chemi|gasification|carbon chemistry|fossil fuels",
    ),
    (
        "mine-closure-remediation",
        r"closure|reclamat|rehabilitat|tailing|spoil|remediat|contaminat|mine water",
    ),
    (
        "critical-minerals",
        r"lithium|rare earth|cobalt|manganese|\bore\b|ores\b|mineral|mining|\bmine|quarr|metallurg|smelt|furnace|metal|geolog|geophys|geochem|electrolysis|alloy|steel|copper|aluminium|coal|blast|excavat|borehole|seismic|survey|geodes|GIS|geographic information|geospatial|remote sensing|geotechn|petrolog|geochronolog|gravity|flotation|explosive|earthquake|earth sciences|geomatic",
    ),
    (
        "renewable-energy",
        r"solar|photovolta|wind|hydropower|hydroelectric|geothermal|biogas|biomass|renewable|bioenergy",
    ),
    (
        "energy-efficiency",
        r"heat pump|district heating|insulat|energy efficien|energy performance|energy audit|energy saving|heating|ventilation|passive energy|energy consumption|energy management|energy needs|energy profile|combined heat|cogeneration|building",
    ),
    (
        "power-systems-smart-grids",
        r"grid|electric|electr|power|transmission|distribution|substation|voltage|circuit|energy storage|commissioning|turbine|energy demands|switching devices",
    ),
    ("water-energy-nexus", r"water|irrigat|hydrolog|river|flood"),
    (
        "energy-economics-policy",
        r"policy|policies|market|price|econom|financ|regulat|legislat|tariff|fee|cost|budget|project|procure|contract|green bonds|social responsibility|logistics",
    ),
    (
        "digitalisation-ai-energy",
        r"data|machine learning|statistic|predictive|model|digital|software|automat|analytic|mathemat|forecast|intelligence|simulat|program",
    ),
    (
        "climate-adaptation",
        r"climate|emission|carbon|greenhouse|environment|pollut|waste|ecolog|sustainab|biodivers|air quality|soil|nature|conservation|recycl|hazard|risk|climatolog|ecosystem|landscape",
    ),
]

# Rows decided by hand after reading the proposal: uri suffix or label -> (decision, theme, reason).
REVIEWED: dict[str, tuple[str, str, str]] = {
    "perform electrolysis": ("keep", "critical-minerals", "metal electrowinning"),
    "energy": ("keep", "energy-economics-policy", "broad concept"),
    "energy transformation": ("keep", "energy-economics-policy", "broad concept"),
    "fossil-fuel power plant operations": (
        "keep",
        "power-systems-smart-grids",
        "thermal plants in the regional grid",
    ),
    "mathematics": ("keep", "digitalisation-ai-energy", "foundation of engineering programmes"),
    "present reports": ("drop", "", "not a subject of study"),
    "organise projects to fill education needs": ("drop", "", "another domain"),
    "environmental threats": ("keep", "climate-adaptation", "risk assessment"),
}


def propose(label: str) -> tuple[str, str, str]:
    if label in REVIEWED:
        return REVIEWED[label]
    for reason, pattern in OUT_OF_SCOPE:
        if re.search(pattern, label, re.IGNORECASE):
            return "drop", "", reason
    for theme, pattern in THEMES:
        if re.search(pattern, label, re.IGNORECASE):
            return "keep", theme, "theme by subject"
    return "drop", "", "no energy-transition theme"


def main() -> None:
    with (DATA / "esco_energy_skills.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    with (DATA / "taxonomy_review.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["uri", "label_en", "decision", "theme", "reason"])
        for row in rows:
            writer.writerow([row["uri"], row["label_en"], *propose(row["label_en"])])


if __name__ == "__main__":
    main()
