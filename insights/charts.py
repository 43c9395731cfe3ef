"""Server-drawn charts of the gap page: the bar chart of the largest gaps and the
sparklines of each skill's trend, as geometry for SVG templates.

Every coordinate is a string with a dot for decimals, so that templates print it
as it is whatever the page's language (a number would be localised: "12,5").
The bar chart comes in two layouts: "wide" (names beside the bars) for screens
and print, "narrow" (names above the bars) for phones; the stylesheet shows one.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass

from .gaps import Row, whole


def _n(number: float) -> str:
    text = f"{number:.1f}"
    return text[:-2] if text.endswith(".0") else text


def shorten(text: str, limit: int) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters, with "…"."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:–-") + "…"


def nice_ticks(top: float, most: int = 5) -> list[int]:
    """Whole, evenly spaced ticks from 0 to at least ``top``: steps of 1, 2 or 5
    times a power of ten, at most ``most`` steps."""
    if top <= 0:
        return [0, 1]
    raw = top / most
    magnitude = 10 ** math.floor(math.log10(raw)) if raw >= 1 else 1
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    return [step * i for i in range(math.ceil(top / step) + 1)]


@dataclass(frozen=True)
class Layout:
    width: int
    plot_x: int  # where the bars start
    plot_width: int
    row: int  # the height given to each bar
    bar: int  # the bar's thickness
    bar_dy: int  # the bar's top below the top of its row
    label_x: int
    label_dy: int  # the label's baseline below the top of its row
    label_chars: int


LAYOUTS = {
    # Names right-aligned beside the bars.
    "wide": Layout(
        width=760, plot_x=280, plot_width=410, row=26, bar=16, bar_dy=5, label_x=272,
        label_dy=17, label_chars=42,
    ),
    # Names above the bars, the whole width of a phone.
    "narrow": Layout(
        width=360, plot_x=10, plot_width=290, row=40, bar=14, bar_dy=20, label_x=10,
        label_dy=15, label_chars=48,
    ),
}  # fmt: skip
TOP = 6


@dataclass(frozen=True)
class ChartBar:
    name: str  # the skill's name in full (the bar's tooltip)
    label: str  # the name as printed, shortened if need be
    value: int
    y: str
    width: str
    label_y: str
    value_x: str
    value_y: str


@dataclass(frozen=True)
class Tick:
    x: str
    value: int


@dataclass(frozen=True)
class BarChart:
    layout: str
    width: int
    height: int
    plot_x: int
    plot_end: int
    bar: int
    label_x: int
    bars: list[ChartBar]
    ticks: list[Tick]
    axis_y: int  # the axis line
    tick_end: int
    tick_label_y: int
    axis_title_x: int
    axis_title_y: int

    @property
    def label_anchor(self) -> str:
        return "end" if self.layout == "wide" else "start"


def bar_chart(rows: Sequence[Row], *, place: str, layout: str) -> BarChart:
    """The bars of ``rows`` (largest gap in ``place`` first, every gap positive), with
    an axis in whole people from 0."""
    shape = LAYOUTS[layout]
    values = [whole(row.cells[place].gap) for row in rows]
    ticks = nice_ticks(max(values, default=0))
    scale = shape.plot_width / ticks[-1]
    bars = []
    for index, (row, value) in enumerate(zip(rows, values, strict=True)):
        top = TOP + index * shape.row
        width = max(1.0, value * scale)
        name = row.skill.name
        bars.append(
            ChartBar(
                name=name,
                label=shorten(name, shape.label_chars),
                value=value,
                y=_n(top + shape.bar_dy),
                width=_n(width),
                label_y=_n(top + shape.label_dy),
                value_x=_n(shape.plot_x + width + 5),
                value_y=_n(top + shape.bar_dy + shape.bar - 3),
            )
        )
    axis_y = TOP + len(rows) * shape.row + 4
    return BarChart(
        layout=layout,
        width=shape.width,
        height=axis_y + 46,
        plot_x=shape.plot_x,
        plot_end=shape.plot_x + shape.plot_width,
        bar=shape.bar,
        label_x=shape.label_x,
        bars=bars,
        ticks=[Tick(x=_n(shape.plot_x + tick * scale), value=tick) for tick in ticks],
        axis_y=axis_y,
        tick_end=axis_y + 5,
        tick_label_y=axis_y + 18,
        axis_title_x=shape.plot_x + shape.plot_width // 2,
        axis_title_y=axis_y + 38,
    )


@dataclass(frozen=True)
class Sparkline:
    points: str  # the polyline's "x,y x,y …"
    last_x: str
    last_y: str


SPARK_WIDTH, SPARK_HEIGHT, SPARK_PAD = 64, 18, 2.5


def sparkline(values: Sequence[float]) -> Sparkline:
    """A line through ``values`` (oldest first) over a 64 × 18 box, the largest at
    the top; a flat line in the middle when they are all equal."""
    low, high = min(values), max(values)
    span = high - low
    step = (SPARK_WIDTH - 2 * SPARK_PAD) / max(1, len(values) - 1)
    inner = SPARK_HEIGHT - 2 * SPARK_PAD
    points = [
        (
            SPARK_PAD + index * step,
            SPARK_HEIGHT / 2 if not span else SPARK_PAD + (high - value) / span * inner,
        )
        for index, value in enumerate(values)
    ]
    return Sparkline(
        points=" ".join(f"{_n(x)},{_n(y)}" for x, y in points),
        last_x=_n(points[-1][0]),
        last_y=_n(points[-1][1]),
    )
