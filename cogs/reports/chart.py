"""The weekly report's chart, drawn with Pillow (no plotting library).

One panel per stats source that declares one (`bot/stats.py`), over the last
weeks: a rate (bars on a 0–100 % axis, the routine's team completion rate) or
counts (grouped bars on a shared, rounded scale: moderation's findings, items
opened and resolved). A week without figures has no bar; a panel without any
figure says so. Pure: data and labels in, PNG bytes out, always `SIZE`, so chat
clients lay it out the same every week.
"""

from __future__ import annotations

import io
import math
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from PIL import Image, ImageDraw, ImageFont

from cogs.reports.figures import Panel

SIZE = (800, 500)
BACKGROUND = (255, 255, 255)
INK = (33, 37, 41)
GRID = (222, 226, 230)
RATE = (46, 139, 87)
GOAL = (200, 60, 60)
SERIES = ((214, 96, 77), (244, 165, 130), (67, 147, 195), (116, 173, 209), (253, 174, 97))

_LEFT, _RIGHT = 60, 20


@dataclass(frozen=True, slots=True)
class ChartTexts:
    """The chart's own words, already translated (panels bring theirs)."""

    title: str
    language: str = "fr"


def chart_texts(t: Callable[..., str], language: str, first: date, last: date) -> ChartTexts:
    """The chart's title names the week it ends with (the week a report is about)."""
    shown = "%d/%m/%Y" if language == "fr" else "%Y-%m-%d"
    return ChartTexts(t("reports.chart.title", first=first.strftime(shown),
                        last=last.strftime(shown)), language)


#: Fonts with the accents French needs, looked up in the system's font folders;
#: the Docker image's slim base has none unless `fonts-dejavu-core` is installed.
FONT_FILES = ("DejaVuSans.ttf", "LiberationSans-Regular.ttf", "FreeSans.ttf", "Arial.ttf")

Face = ImageFont.FreeTypeFont | ImageFont.ImageFont


@dataclass(frozen=True, slots=True)
class Font:
    face: Face
    ascii_only: bool  # Pillow's bundled font has no accents: text is folded to ASCII


@lru_cache(maxsize=8)
def _font(size: int) -> Font:
    """A system font with accents, else Pillow's bundled one (accents folded)."""
    for name in FONT_FILES:
        try:
            return Font(ImageFont.truetype(name, size), False)
        except OSError:
            continue
    try:
        return Font(ImageFont.load_default(size=size), True)
    except (TypeError, OSError):  # Pillow < 10.1 or no FreeType: the bitmap font
        return Font(ImageFont.load_default(), True)


_ASCII = str.maketrans({"\u00a0": " ", "\u2014": "-", "\u2013": "-", "\u2019": "'",
                        "\u0153": "oe", "\u0152": "OE", "\u00e6": "ae"})


def fold(text: str) -> str:
    """"Réalisation de l'équipe" -> "Realisation de l'equipe", for a font without accents."""
    text = unicodedata.normalize("NFKD", text.translate(_ASCII))
    return "".join(c for c in text if not unicodedata.combining(c)).encode(
        "ascii", "replace").decode("ascii")


def _shown(text: str, font: Font) -> str:
    return fold(text) if font.ascii_only else text


def _text(draw: ImageDraw.ImageDraw, xy: tuple[float, float], text: str, font: Font,
          anchor: str = "la") -> None:
    """Text placed by an anchor ("l"eft/"m"iddle/"r"ight, then "t"op/"m"iddle/"b"ottom
    or "a"scender), computed from the text's box so the bitmap fallback font, which
    does not take Pillow's `anchor`, is placed the same way."""
    text = _shown(text, font)
    left, top, right, bottom = draw.textbbox((0, 0), text, font=font.face)
    x, y = xy
    x -= {"l": left, "m": (left + right) / 2, "r": right}[anchor[0]]
    y -= {"a": 0, "t": top, "m": (top + bottom) / 2, "b": bottom}[anchor[1]]
    draw.text((x, y), text, fill=INK, font=font.face)


def _nice_max(value: int) -> int:
    """A round top for the axis: 1, 2, 5, 10, 20, 50..."""
    if value <= 0:
        return 1
    power = int(10 ** math.floor(math.log10(value)))
    for step in (1, 2, 5, 10):
        if value <= step * power:
            return step * power
    return 10 * power  # pragma: no cover - the loop always returns


def _week_label(monday: date, language: str) -> str:
    return f"{monday:%d/%m}" if language == "fr" else f"{monday:%m/%d}"


def _axes(draw: ImageDraw.ImageDraw, top: int, bottom: int, ticks: Sequence[tuple[float, str]],
          font: Font) -> None:
    width = SIZE[0]
    for fraction, label in ticks:
        y = bottom - fraction * (bottom - top)
        draw.line((_LEFT, y, width - _RIGHT, y), fill=GRID)
        _text(draw, (_LEFT - 6, y), label, font, "rm")
    draw.line((_LEFT, bottom, width - _RIGHT, bottom), fill=INK)


def _slots(count: int) -> list[tuple[float, float]]:
    """(left, right) x of each week's slot."""
    span = (SIZE[0] - _LEFT - _RIGHT) / max(count, 1)
    return [(_LEFT + i * span, _LEFT + (i + 1) * span) for i in range(count)]


def _week_labels(draw: ImageDraw.ImageDraw, panel: Panel, bottom: int, language: str) -> None:
    small = _font(11)
    for (left, right), (monday, _) in zip(_slots(len(panel.weeks)), panel.weeks, strict=True):
        _text(draw, ((left + right) / 2, bottom + 6), _week_label(monday, language), small, "mt")


def _dashes(draw: ImageDraw.ImageDraw, start: float, end: float, y: float) -> None:
    x = start
    while x < end:
        draw.line((x, y, min(x + 7, end), y), fill=GOAL, width=2)
        x += 12


def _rate_panel(draw: ImageDraw.ImageDraw, panel: Panel, language: str, top: int,
                bottom: int) -> None:
    small, label = _font(11), _font(14)
    _text(draw, (_LEFT, top - 22), panel.title, label)
    unit = "\u00a0%" if language == "fr" else "%"
    _axes(draw, top, bottom, [(f / 4, f"{f * 25}{unit}") for f in range(5)], small)
    _week_labels(draw, panel, bottom, language)
    if panel.goal is not None:  # a dashed line behind the bars, named on the title line
        y = bottom - max(0.0, min(1.0, panel.goal)) * (bottom - top)
        _dashes(draw, _LEFT, SIZE[0] - _RIGHT, y)
        x = SIZE[0] - _RIGHT - draw.textlength(_shown(panel.goal_label, small), font=small.face)
        _text(draw, (x, top - 13), panel.goal_label, small, "lm")
        _dashes(draw, x - 26, x - 4, top - 13)
    for (left, right), (_, values) in zip(_slots(len(panel.weeks)), panel.weeks, strict=True):
        value = values[0] if values else None
        if value is None:
            continue
        rate = max(0.0, min(1.0, float(value)))
        y = bottom - rate * (bottom - top)
        margin = (right - left) * 0.2
        draw.rectangle((left + margin, y, right - margin, bottom), fill=RATE)
        _text(draw, ((left + right) / 2, y - 3), f"{round(rate * 100)}{unit}", small, "mb")


def _counts_panel(draw: ImageDraw.ImageDraw, panel: Panel, language: str, top: int,
                  bottom: int) -> None:
    small, label = _font(11), _font(14)
    _text(draw, (_LEFT, top - 22), panel.title, label)
    width_of = max(len(panel.legend), 1)
    series = [list(values) if values else [None] * width_of for _, values in panel.weeks]
    known = [v for values in series for v in values if v is not None]
    if not known:
        draw.line((_LEFT, bottom, SIZE[0] - _RIGHT, bottom), fill=INK)
        _text(draw, ((SIZE[0] + _LEFT) / 2, (top + bottom) / 2), panel.unavailable, label,
              "mm")
    else:
        top_value = 4 * _nice_max(math.ceil(max(known) / 4))  # four whole-number steps
        _axes(draw, top, bottom, [(f / 4, str(top_value * f // 4)) for f in range(5)], small)
        for (left, right), values in zip(_slots(len(series)), series, strict=True):
            width = (right - left) * 0.7 / width_of
            start = left + (right - left) * 0.15
            for index, value in enumerate(values):
                if value is None:
                    continue
                y = bottom - float(value) / top_value * (bottom - top)
                x = start + index * width
                draw.rectangle((x, y, x + width - 2, bottom), fill=SERIES[index % len(SERIES)])
    _week_labels(draw, panel, bottom, language)
    x = SIZE[0] - _RIGHT
    for index in range(len(panel.legend) - 1, -1, -1):  # right-aligned on the title line
        text = panel.legend[index]
        x -= draw.textlength(_shown(text, small), font=small.face) + 22
        draw.rectangle((x, top - 18, x + 10, top - 8), fill=SERIES[index % len(SERIES)])
        _text(draw, (x + 14, top - 13), text, small, "lm")


#: Where the panels go, by how many there are: (top, bottom) of each.
_LAYOUTS = {1: ((80, 470),), 2: ((80, 250), (320, 470)),
            3: ((70, 170), (220, 320), (370, 470))}


def draw_chart(panels: Sequence[Panel], texts: ChartTexts) -> bytes:
    """The chart as PNG bytes, `SIZE` pixels."""
    image = Image.new("RGB", SIZE, BACKGROUND)
    draw = ImageDraw.Draw(image)
    _text(draw, (SIZE[0] / 2, 14), texts.title, _font(18), "mt")
    shown = list(panels)[:max(_LAYOUTS)]
    for panel, (top, bottom) in zip(shown, _LAYOUTS.get(len(shown), ()), strict=False):
        kind = _rate_panel if panel.kind == "rate" else _counts_panel
        kind(draw, panel, texts.language, top, bottom)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()
