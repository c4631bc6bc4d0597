"""Fit text into boxes at the template's font sizes: resolve styles, measure, wrap, shrink, split.

Everything here works on lxml elements and plain values (no python-pptx), so it is easy to test:

* ``resolve_text_style`` reads a placeholder's inherited chain (slide -> layout -> master
  placeholder -> master txStyles) into a ``TextStyle``: per level the size, typeface, margins,
  paragraph spacing and line spacing, plus the body insets.
* ``wrap`` breaks a paragraph into lines the way a renderer does (at spaces; a word wider than
  the line is broken between characters, as LibreOffice does).
* ``text_width`` measures a line as LibreOffice draws it: in script runs (``script_runs``), Asian
  runs with the CJK fallback font, with a gap where Asian and non-Asian runs meet.
* ``fit_paragraphs`` finds the largest sizes (at most the template's) at which paragraphs fit.
* ``paginate``, ``split_to_fit`` and ``truncate_to_fit`` handle what does not fit even at the
  readable minimum.

Sizes are in points; lengths in EMU (12700 per point) unless a name says otherwise.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import groupby
from typing import Callable, Sequence

from lxml import etree
from PIL import ImageFont

from ..model import LINE_BREAKING_SPACE, Bullet
from . import sfnt
from .fonts import FontBook, FontFile, line_ratio

A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
P_NS = "http://schemas.openxmlformats.org/presentationml/2006/main"
NS = {"a": A_NS, "p": P_NS}

EMU_PER_PT = 12700
#: Readable minimum sizes (points).
BODY_MIN_PT = 14.0
TITLE_MIN_PT = 20.0
TILE_LABEL_MIN_PT = 11.0
TILE_VALUE_MIN_PT = 20.0
#: What OOXML assumes when a template says nothing.
DEFAULT_SIZE_PT = 18.0
DEFAULT_INSETS = (91440, 45720, 91440, 45720)  # left, top, right, bottom (EMU)
LEVELS = 9
#: Safety margins: renderers differ slightly in kerning and line breaking.
WIDTH_SAFETY = 0.97
HEIGHT_SAFETY = 0.96
SIZE_STEP_PT = 1.0
_MEASURE_SIZE = 200
ELLIPSIS = "…"
#: Where a line may break (never at a no-break space), and where a sentence ends.
_BREAK = re.compile(LINE_BREAKING_SPACE)
_SENTENCE_END = re.compile(r"(?<=[.!?;:])" + LINE_BREAKING_SPACE)


@dataclass(frozen=True)
class ThemeFonts:
    """The theme's major (headings) and minor (body) latin typefaces."""

    major: str
    minor: str

    def typeface(self, name: str | None) -> str:
        """Return the real typeface for a name that may be a theme reference (+mj-lt, +mn-lt)."""
        if not name or name.startswith("+mn"):
            return self.minor
        if name.startswith("+mj"):
            return self.major
        return name


@dataclass(frozen=True)
class Spacing:
    """Paragraph spacing as either points or a fraction of the line height."""

    points: float = 0.0
    lines: float = 0.0

    def to_points(self, line_height_pt: float) -> float:
        """Return the spacing in points for a line of ``line_height_pt``."""
        return self.points + self.lines * line_height_pt


@dataclass(frozen=True)
class LevelStyle:
    """How one list level is set: size (pt), typeface, margins (EMU), spacing."""

    size: float
    typeface: str
    bold: bool = False
    margin: int = 0
    indent: int = 0
    before: Spacing = Spacing()
    after: Spacing = Spacing()
    line_spacing: float = 1.0


@dataclass(frozen=True)
class TextStyle:
    """A text box's resolved style: nine levels and the insets (left, top, right, bottom; EMU)."""

    levels: tuple[LevelStyle, ...]
    insets: tuple[int, int, int, int] = DEFAULT_INSETS

    def level(self, index: int) -> LevelStyle:
        """Return the style of list level ``index`` (0-based, clamped)."""
        return self.levels[max(0, min(index, len(self.levels) - 1))]

    def with_sizes(self, sizes: Sequence[float]) -> TextStyle:
        """Return a copy with the given size per level (levels already at their size are kept as they are)."""
        levels = tuple(lv if lv.size == s else replace(lv, size=s) for lv, s in zip(self.levels, sizes))
        return replace(self, levels=levels)


# ---------------------------------------------------------------------------------------------
# Reading styles from the XML
# ---------------------------------------------------------------------------------------------


def theme_fonts(theme_xml: bytes) -> ThemeFonts:
    """Return the major/minor latin typefaces of a theme part."""
    root = etree.fromstring(theme_xml)
    major = root.find(".//a:fontScheme/a:majorFont/a:latin", NS)
    minor = root.find(".//a:fontScheme/a:minorFont/a:latin", NS)
    return ThemeFonts(
        major=major.get("typeface") if major is not None else "Calibri",
        minor=minor.get("typeface") if minor is not None else "Calibri",
    )


def _level_props(holder: etree._Element | None, level: int) -> etree._Element | None:
    """Return ``a:lvl{level}pPr`` of a list style (lstStyle or titleStyle/bodyStyle), if any."""
    if holder is None:
        return None
    return holder.find(f"a:lvl{level}pPr", NS)


def _list_style(sp: etree._Element | None) -> etree._Element | None:
    """Return a shape's a:lstStyle."""
    return None if sp is None else sp.find("p:txBody/a:lstStyle", NS)


def _first(values: Sequence[str | None]) -> str | None:
    """Return the first value that is not None."""
    return next((v for v in values if v is not None), None)


def _spacing(props: Sequence[etree._Element], tag: str) -> Spacing | None:
    """Return the first a:spcBef/a:spcAft found along the chain."""
    for pr in props:
        holder = pr.find(f"a:{tag}", NS)
        if holder is None:
            continue
        pts, pct = holder.find("a:spcPts", NS), holder.find("a:spcPct", NS)
        if pts is not None:
            return Spacing(points=int(pts.get("val")) / 100)
        if pct is not None:
            return Spacing(lines=int(pct.get("val")) / 100000)
    return None


def _line_spacing(props: Sequence[etree._Element]) -> float:
    """Return the first percentage line spacing found along the chain (1.0 when none)."""
    for pr in props:
        pct = pr.find("a:lnSpc/a:spcPct", NS)
        if pct is not None:
            return int(pct.get("val")) / 100000
    return 1.0


def _resolve_level(props: Sequence[etree._Element], fonts: ThemeFonts) -> LevelStyle:
    """Resolve one level from its lvlNpPr elements, nearest first."""
    rprs = [r for r in (p.find("a:defRPr", NS) for p in props) if r is not None]
    size = _first([r.get("sz") for r in rprs])
    latin = _first([lat.get("typeface") for lat in (r.find("a:latin", NS) for r in rprs) if lat is not None])
    bold = _first([r.get("b") for r in rprs])
    return LevelStyle(
        size=int(size) / 100 if size else DEFAULT_SIZE_PT,
        typeface=fonts.typeface(latin),
        bold=bold in ("1", "true"),
        margin=int(_first([p.get("marL") for p in props]) or 0),
        indent=int(_first([p.get("indent") for p in props]) or 0),
        before=_spacing(props, "spcBef") or Spacing(),
        after=_spacing(props, "spcAft") or Spacing(),
        line_spacing=_line_spacing(props),
    )


def _insets(chain: Sequence[etree._Element | None]) -> tuple[int, int, int, int]:
    """Return the body insets found along the chain of shapes (defaults per OOXML)."""
    body_prs = [sp.find("p:txBody/a:bodyPr", NS) for sp in chain if sp is not None]
    body_prs = [b for b in body_prs if b is not None]
    found = []
    for attr, default in zip(("lIns", "tIns", "rIns", "bIns"), DEFAULT_INSETS):
        value = _first([b.get(attr) for b in body_prs])
        found.append(int(value) if value is not None else default)
    return (found[0], found[1], found[2], found[3])


def resolve_text_style(
    chain: Sequence[etree._Element | None], master_style: etree._Element | None, fonts: ThemeFonts
) -> TextStyle:
    """Return the style of a placeholder from its chain (slide, layout, master p:sp; nearest first).

    ``master_style`` is the master's p:titleStyle, p:bodyStyle or p:otherStyle for this kind of
    placeholder; it is consulted after the placeholders' own list styles.
    """
    holders = [_list_style(sp) for sp in chain] + [master_style]
    levels = []
    for level in range(1, LEVELS + 1):
        props = [p for p in (_level_props(h, level) for h in holders) if p is not None]
        levels.append(_resolve_level(props, fonts))
    return TextStyle(levels=tuple(levels), insets=_insets(chain))


# ---------------------------------------------------------------------------------------------
# Measuring and wrapping
# ---------------------------------------------------------------------------------------------


@lru_cache(maxsize=64)
def _pil_font(path: str) -> ImageFont.FreeTypeFont:
    """Return a Pillow font at the reference measuring size."""
    return ImageFont.truetype(path, _MEASURE_SIZE)


@lru_cache(maxsize=64)
def _coverage(path: str) -> frozenset[int]:
    """Return the code points the font file has glyphs for (its best Unicode cmap; see ``sfnt``).

    A file whose cmap cannot be read covers nothing, rather than failing the whole render: its
    text is then measured as ``_fallback_advance`` says, much as a renderer that cannot read the
    cmap draws all of it with a fallback font. For a collection (.ttc), its first font is read.
    """
    try:
        return sfnt.coverage(path)
    except (OSError, sfnt.SfntError):
        return frozenset()


#: Code points LibreOffice draws with the Asian (CJK) font: the Unicode blocks its i18npool
#: classifies as ``ScriptType::ASIAN`` (Hangul, CJK radicals to Yi, CJK compatibility, full-width
#: forms, kana supplements, CJK extensions B and later).
_ASIAN_RANGES = (
    (0x1100, 0x11FF), (0x2E80, 0x2FDF), (0x2FF0, 0x31FF), (0x3200, 0x4DBF), (0x4E00, 0xA4CF),
    (0xA960, 0xA97F), (0xAC00, 0xD7FF), (0xF900, 0xFAFF), (0xFE30, 0xFE4F), (0xFF00, 0xFFEF),
    (0x1B000, 0x1B16F), (0x20000, 0x3FFFF),
)
#: Code points LibreOffice classes as weak (``ScriptType::WEAK``): they take the script of the
#: strong character before them. Spaces, combining marks, general punctuation (curly quotes,
#: dashes, ellipsis), currency, letterlike and number forms, arrows, maths and other symbols,
#: private use, emoji. Basic Latin and Latin-1 (ASCII punctuation and digits too) are strong Latin.
_WEAK_RANGES = (
    (0x0001, 0x0002), (0x0020, 0x0020), (0x00A0, 0x00A0), (0x0300, 0x036F), (0x2000, 0x2BFF),
    (0x2E00, 0x2E7F), (0xE000, 0xF8FF), (0xFE00, 0xFE2F), (0xFE50, 0xFE6F), (0xFFF0, 0xFFFF),
    (0x1F000, 0x1FBFF), (0xE0000, 0xE01EF),
)
_ASIAN, _OTHER, _WEAK = "asian", "other", "weak"
#: LibreOffice (editeng) puts a fifth of the text height between Asian and non-Asian runs
#: ("Apply spacing between Asian and non-Asian text", on by default). The height is the template
#: font's line height, or this many ems when larger (the CJK font's is not known; WenQuanYi
#: Micro Hei's is 1.17): measured 0.235-0.248 em with Carlito and WenQuanYi.
_SCRIPT_GAP_LINE_RATIO = 1.25
#: The width (em) a space in an Asian run is given: CJK fonts' proportional spaces are about a
#: quarter em (WenQuanYi Micro Hei 0.26, Noto Sans CJK 0.22).
_ASIAN_SPACE_EM = 0.3


def _class_table() -> tuple[list[int], list[str]]:
    """Return (edges, classes) for ``_script_class``: code point ``cp`` has class
    ``classes[bisect_right(edges, cp)]``.

    ``edges`` are the sorted first and one-past-last code points of the ranges; the class of
    each gap between edges is ``_ASIAN``, ``_WEAK`` or ``_OTHER``. (A regular expression
    character class over these ranges costs milliseconds to compile at import; this table
    costs microseconds and is as fast to look up.) The ranges must not overlap, so no order of
    precedence between the classes is needed.
    """
    ranges = sorted([(lo, hi, _WEAK) for lo, hi in _WEAK_RANGES] + [(lo, hi, _ASIAN) for lo, hi in _ASIAN_RANGES])
    edges: list[int] = []
    classes: list[str] = [_OTHER]
    for lo, hi, cls in ranges:
        if edges and lo < edges[-1]:
            raise ValueError(f"overlapping script ranges at U+{lo:04X}")
        if edges and lo == edges[-1]:  # adjacent to the previous range: no _OTHER gap between
            classes[-1] = cls
        else:
            edges.append(lo)
            classes.append(cls)
        edges.append(hi + 1)
        classes.append(_OTHER)
    return edges, classes


_CLASS_EDGES, _CLASSES = _class_table()
#: Characters that may be Asian: from the first Asian range (U+1100) up, less General
#: Punctuation (curly quotes, dashes, ellipsis: common in any text, and weak). Written as a
#: negated class of the few code points below, it compiles in a tenth of the time a class of
#: the Asian ranges does; ``has_asian`` classifies what it finds.
_MAYBE_ASIAN = re.compile(f"[^\\x00-\\u{min(lo for lo, _ in _ASIAN_RANGES) - 1:04x}\\u2000-\\u206f]")


@lru_cache(maxsize=4096)
def _script_class(ch: str) -> str:
    """Return LibreOffice's script class of ``ch``: asian, weak, or other (Latin, complex)."""
    return _CLASSES[bisect_right(_CLASS_EDGES, ord(ch))]


def script_runs(text: str, after_asian: bool = False) -> list[tuple[bool, str]]:
    """Split ``text`` into the runs LibreOffice draws each with one script's font: (asian, run).

    A weak character (space, curly quote, dash, ellipsis, symbol) belongs to the run of the
    strong character before it. Weak characters at the start take the script of what precedes
    ``text`` (Asian when ``after_asian``), else of the first strong character; text without any
    strong character is one non-Asian run.
    """
    classes = [_script_class(ch) for ch in text]
    if after_asian:
        current = _ASIAN
    else:
        current = next((c for c in classes if c != _WEAK), _OTHER)
    flags = []
    for cls in classes:
        current = current if cls == _WEAK else cls
        flags.append(current == _ASIAN)
    runs: list[tuple[bool, str]] = []
    start = 0
    for asian, group in groupby(flags):
        end = start + len(list(group))
        runs.append((asian, text[start:end]))
        start = end
    return runs


def has_asian(text: str) -> bool:
    """Return True when ``text`` has a character LibreOffice draws with the Asian font."""
    if text.isascii():  # most text; a flag of the string in CPython, no scan
        return False
    first = _MAYBE_ASIAN.search(text)
    if first is None:
        return False
    if _script_class(first.group()) == _ASIAN:  # text with Asian characters usually starts so
        return True
    return any(_script_class(ch) == _ASIAN for ch in set(_MAYBE_ASIAN.findall(text, first.end())))


@lru_cache(maxsize=2048)
def _advance(path: str, text: str, after_asian: bool = False) -> float:
    """Return the advance width of ``text`` at the measuring size (fitting re-measures the same
    lines at every size it tries; this measures each once).

    The text is measured in script runs, as LibreOffice draws it (see ``script_runs``): runs of
    Latin (or complex) script with the template font, Asian runs as the CJK fallback font draws
    them, every character in them (weak ones too: a curly quote after kana is a full-width
    quote), plus the gap LibreOffice leaves where an Asian run meets another. Text without Asian
    characters is one run, measured with the template font alone.
    """
    if not after_asian and not has_asian(text):
        return _template_advance(path, text)
    runs = script_runs(text, after_asian)
    width = sum(_asian_advance(run) if asian else _template_advance(path, run) for asian, run in runs)
    gap = max(line_ratio(path), _SCRIPT_GAP_LINE_RATIO) / 5 * _MEASURE_SIZE
    return width + (len(runs) - 1) * gap


def _template_advance(path: str, text: str) -> float:
    """Return the width of non-Asian ``text`` drawn with the template font.

    Characters the font lacks are drawn by the renderer with a fallback font: they are measured
    as ``_fallback_advance`` says, so text in a script the theme font does not cover is not
    measured with narrow placeholder boxes.
    """
    covered = _coverage(path)
    if covered.issuperset(map(ord, text)):
        return _pil_font(path).getlength(text)
    missing = [ch for ch in text if ord(ch) not in covered and not ch.isspace()]
    if not missing:
        return _pil_font(path).getlength(text)
    present = "".join(ch for ch in text if ord(ch) in covered or ch.isspace())
    width = _pil_font(path).getlength(present) if present else 0.0
    return width + sum(_fallback_advance(ch) for ch in missing)


def _asian_advance(text: str) -> float:
    """Return the width of an Asian run, every character drawn with the CJK fallback font.

    East Asian ambiguous characters (curly quotes, ellipsis, dashes, bullets, ...) are measured
    full-width, as CJK fonts draw them (a conservative upper bound: some are narrower).
    """
    return sum(_fallback_advance(ch, asian=True) for ch in text)


def _fallback_advance(ch: str, asian: bool = False) -> float:
    """Return the width a fallback font gives ``ch``, at the measuring size (``asian``: the CJK
    font of an Asian run, which draws East Asian ambiguous characters full-width)."""
    wide = ("W", "F", "A") if asian else ("W", "F")
    if unicodedata.east_asian_width(ch) in wide:
        return float(_MEASURE_SIZE)
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0.0
    if asian and ch.isspace():
        return _ASIAN_SPACE_EM * _MEASURE_SIZE
    return 0.6 * _MEASURE_SIZE


def text_width(text: str, font: FontFile, size: float, after_asian: bool = False) -> float:
    """Return the advance width of ``text`` in points at ``size`` points.

    ``after_asian``: ``text`` may follow Asian text (a line of a paragraph with Asian text), so
    weak characters at its start may be drawn with the CJK font (see ``script_runs``).
    """
    return _advance(font.path, text, after_asian) * size / _MEASURE_SIZE


def _break_word(word: str, fits: Callable[[str], bool]) -> list[str]:
    """Break a word too wide for a line between characters; return the pieces (last may grow)."""
    pieces, current = [], ""
    for char in word:
        if current and not fits(current + char):
            pieces.append(current)
            current = char
        else:
            current += char
    pieces.append(current)
    return pieces


def wrap(text: str, width_pt: float, measure: Callable[[str], float], max_lines: int | None = None) -> list[str]:
    """Return the lines ``text`` wraps into at ``width_pt``; words never split unless wider than a line.

    Lines are filled greedily, word by word, as a renderer does. A line only grows wider as words
    join it, so the words that join each line are found by ``_words_fitting`` (a few
    measurements) rather than by measuring the line after every word.

    With ``max_lines``, wrapping stops as soon as more than that many lines are known (the
    result then has more than ``max_lines`` lines but not necessarily all of them).
    """
    fits = lambda s: measure(s) <= width_pt  # noqa: E731
    words = _words(text)
    lines: list[str] = []
    current = ""
    start = 0
    while start < len(words):
        if max_lines is not None and len(lines) > max_lines:
            return lines
        taken = _words_fitting(current, words, start, fits)
        current = _joined(current, words[start:start + taken])
        start += taken
        if start == len(words):
            break
        # words[start] does not fit after ``current``: it starts the next line (broken if too wide)
        word = words[start]
        start += 1
        if current:
            lines.append(current)
        pieces = _break_word(word, fits) if not fits(word) else [word]
        lines.extend(pieces[:-1])
        current = pieces[-1]
    if current or not lines:
        lines.append(current)
    return lines


def _words_fitting(head: str, words: Sequence[str], start: int, fits: Callable[[str], bool]) -> int:
    """Return how many of ``words[start:]`` fit on a line after ``head`` ("" for none), in order.

    A line is measured with all the remaining words first (most paragraphs end on the line they
    start), then the count is found by binary search: adding a word never makes a line narrower.
    """
    lo, hi = 0, len(words) - start  # ``lo`` words fit (none, at first); more than ``hi`` do not
    if fits(_joined(head, words[start:])):
        return hi
    hi -= 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if fits(_joined(head, words[start:start + mid])):
            lo = mid
        else:
            hi = mid - 1
    return lo


def _joined(head: str, words: Sequence[str]) -> str:
    """Return the line ``head`` followed by ``words``, single spaces between ("" ``head``: the words alone)."""
    return " ".join([head, *words]) if head else " ".join(words)


def _line_width_pt(box_width: int, style: TextStyle, level: LevelStyle) -> float:
    """Return the usable line width in points for a paragraph of ``level`` in a box."""
    left, _, right, _ = style.insets
    usable = box_width - left - right - level.margin - max(0, level.indent)
    return max(usable, EMU_PER_PT) / EMU_PER_PT * WIDTH_SAFETY


def paragraph_height(text: str, level: LevelStyle, width_pt: float, book: FontBook,
                     limit: float | None = None) -> float:
    """Return the height in points of one paragraph, spacing before/after included.

    With ``limit`` (points), a paragraph taller than that may be measured only far enough to
    know it (the result is then above ``limit`` but not exact): long text is not wrapped in full.
    """
    font = book.resolve(level.typeface, level.bold)
    line_height = level.size * font.line_ratio * level.line_spacing
    max_lines = None if limit is None or line_height <= 0 else int(max(limit, 0.0) / line_height) + 1
    # a line of a paragraph with Asian text may start with weak characters the CJK font draws
    after_asian = has_asian(text)
    lines = wrap(text, width_pt, lambda s: text_width(s, font, level.size, after_asian), max_lines)
    spacing_line = level.size * 1.2
    return len(lines) * line_height + level.before.to_points(spacing_line) + level.after.to_points(spacing_line)


def text_height(paragraphs: Sequence[Bullet], style: TextStyle, box_width: int, book: FontBook,
                limit: float | None = None) -> float:
    """Return the height in points the paragraphs take in a box ``box_width`` EMU wide.

    With ``limit`` (points), measuring stops once the height is known to exceed it (the result is
    then above ``limit`` but not exact).
    """
    total = 0.0
    for para in paragraphs:
        level = style.level(para.level)
        remaining = None if limit is None else limit - total
        total += paragraph_height(para.text, level, _line_width_pt(box_width, style, level), book, remaining)
        if limit is not None and total > limit:
            return total
    return total


def fits(paragraphs: Sequence[Bullet], style: TextStyle, box: tuple[int, int], book: FontBook) -> bool:
    """Return True when the paragraphs fit a box of (width, height) EMU at the style's sizes."""
    width, height = box
    _, top, _, bottom = style.insets
    available = (height - top - bottom) / EMU_PER_PT * HEIGHT_SAFETY
    return text_height(paragraphs, style, width, book, limit=available) <= available


def sizes_at_step(style: TextStyle, step: float, minimum: float) -> tuple[float, ...]:
    """Return each level's size reduced by ``step`` points, never below ``minimum`` (or its own size)."""
    return tuple(max(min(lv.size, minimum), lv.size - step) for lv in style.levels)


@dataclass(frozen=True)
class Fit:
    """The outcome of fitting: the size per level, and whether the text fits at those sizes."""

    sizes: tuple[float, ...]
    fits: bool

    def size(self, level: int) -> float:
        """Return the size for list level ``level`` (0-based, clamped)."""
        return self.sizes[max(0, min(level, len(self.sizes) - 1))]


def fit_paragraphs(
    paragraphs: Sequence[Bullet], style: TextStyle, box: tuple[int, int], book: FontBook, minimum: float
) -> Fit:
    """Return the largest sizes (at most the template's, at least ``minimum``) at which the text fits."""
    step = 0.0
    while True:
        sizes = sizes_at_step(style, step, minimum)
        if fits(paragraphs, style.with_sizes(sizes), box, book):
            return Fit(sizes, True)
        step += SIZE_STEP_PT
        if sizes_at_step(style, step, minimum) == sizes:
            return Fit(sizes, False)


# ---------------------------------------------------------------------------------------------
# What to do when text does not fit at the minimum
# ---------------------------------------------------------------------------------------------


#: Prefixes shorter than this many characters are not galloped over (one page holds more).
_GALLOP_FROM = 200


def _boundaries(text: str, pattern: re.Pattern[str]) -> list[int]:
    """Return the end offsets of the prefixes ending before each match of ``pattern``."""
    return [m.start() for m in pattern.finditer(text)]


def _longest_fitting(text: str, cuts: list[int], accept: Callable[[str], bool]) -> int | None:
    """Return the largest cut whose prefix ``accept``s (binary search; cuts ascending).

    The search range is first narrowed by galloping (cuts 1, 2, 4, ...), so that cutting one page
    off a very long text measures about a page of text, not the whole text, at each step.
    """
    lo, hi, best = 0, len(cuts) - 1, None
    gallop = 0
    while gallop < hi and cuts[gallop] < _GALLOP_FROM:
        gallop += 1
    while gallop < hi:
        if not accept(text[: cuts[gallop]].rstrip()):
            hi = gallop - 1
            break
        lo = gallop
        gallop = min(hi, 2 * gallop + 1)
    while lo <= hi:
        mid = (lo + hi) // 2
        if accept(text[: cuts[mid]].rstrip()):
            best, lo = cuts[mid], mid + 1
        else:
            hi = mid - 1
    return best


def _words(text: str) -> list[str]:
    """Return the words of ``text`` a line may break between (no-break spaces join their words)."""
    return [word for word in _BREAK.split(text) if word]


def split_to_fit(text: str, accept: Callable[[str], bool]) -> tuple[str, str]:
    """Split ``text`` into the longest accepted head and the rest: at a sentence end, else a word, else a character."""
    for pattern in (_SENTENCE_END, _BREAK):
        cut = _longest_fitting(text, _boundaries(text, pattern), accept)
        if cut:
            return text[:cut].rstrip(), text[cut:].strip()
    cut = _longest_fitting(text, list(range(1, len(text))), accept)
    cut = cut or 1
    return text[:cut], text[cut:].strip()


def paginate(bullets: Sequence[Bullet], accept: Callable[[Sequence[Bullet]], bool]) -> list[tuple[Bullet, ...]]:
    """Group bullets into as few pages as fit, balanced by count (12 bullets on 2 pages: 6 + 6)."""
    greedy = _paginate_greedy(bullets, accept)
    for cap in range(-(-len(bullets) // len(greedy)), len(bullets)):
        balanced = _paginate_greedy(bullets, lambda ps, cap=cap: len(ps) <= cap and accept(ps))
        if len(balanced) <= len(greedy):
            return balanced
    return greedy


def _paginate_greedy(bullets: Sequence[Bullet], accept: Callable[[Sequence[Bullet]], bool]) -> list[tuple[Bullet, ...]]:
    """Group bullets into pages that each ``accept``, filling each page; a bullet too long for a page is split."""
    pages: list[tuple[Bullet, ...]] = []
    page: list[Bullet] = []
    queue = list(bullets)
    while queue:
        bullet = queue.pop(0)
        if accept([*page, bullet]):
            page.append(bullet)
            continue
        if page:
            pages.append(tuple(page))
            page = []
            queue.insert(0, bullet)
            continue
        head, tail = split_to_fit(bullet.text, lambda t: accept([Bullet(t, bullet.level)]))
        pages.append((Bullet(head, bullet.level),))
        if tail:
            queue.insert(0, Bullet(tail, bullet.level))
    if page:
        pages.append(tuple(page))
    return pages


def truncate_to_fit(text: str, accept: Callable[[str], bool]) -> str:
    """Return the longest word-boundary prefix of ``text`` + "…" that ``accept``s (at least one word)."""
    words = _words(text)
    lo, hi, best = 1, len(words) - 1, 1
    while lo <= hi:
        mid = (lo + hi) // 2
        if accept(" ".join(words[:mid]) + ELLIPSIS):
            best, lo = mid, mid + 1
        else:
            hi = mid - 1
    return " ".join(words[:best]).rstrip(",;:-–") + ELLIPSIS
