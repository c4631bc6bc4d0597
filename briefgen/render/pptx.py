"""Render a ``DeckPlan`` into a .pptx using the pack's reference deck (layouts found by name).

The reference deck's own slides are removed (except those named in ``pack.keep_slides``, which
move to the end); each ``SlidePlan`` becomes one slide, or several when its bullets do not fit at
the readable minimum size ("(continued)"). Placeholders are filled by type, never by position;
text is fitted at the template's sizes (see ``fit.py``) and sizes are written on every run.
Tiles and charts are drawn inside the body area the layout (or its master) reserves.
"""

from __future__ import annotations

import copy
import datetime as _dt
import hashlib
import io
import re
import zipfile
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Sequence, TypeVar

from lxml import etree
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_TICK_MARK
from pptx.enum.dml import MSO_THEME_COLOR
from pptx.enum.shapes import MSO_SHAPE, PP_PLACEHOLDER
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.exc import PackageNotFoundError
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.util import Emu, Inches, Pt

from ..errors import RenderError, TemplateError
from ..model import (GENERATOR, SPACE_RUN, XML_ILLEGAL, Bullet, Chart, DeckInfo, DeckPlan, LayoutInfo, PlaceholderInfo,
                     SlidePlan, Tile, one_line)
from ..plan.pack import MANIFEST_NAME, ROLE_SIGNATURES, TemplatePack, layout_signature, suggest_layout
from . import fit
from .fonts import FontBook, NoFontError
from .reproducible import document_time, normalise_zip, stamp_package

AUTHOR = GENERATOR
CONTINUED = " (continued)"
MAX_TILES = 6

TITLE_TYPES = (PP_PLACEHOLDER.CENTER_TITLE, PP_PLACEHOLDER.TITLE)
SUBTITLE_TYPES = (PP_PLACEHOLDER.SUBTITLE,)
BODY_TYPES = (PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT)
#: The master placeholder (and master text style) each kind of placeholder inherits from.
MASTER_TYPE = {
    PP_PLACEHOLDER.CENTER_TITLE: PP_PLACEHOLDER.TITLE,
    PP_PLACEHOLDER.TITLE: PP_PLACEHOLDER.TITLE,
    PP_PLACEHOLDER.SUBTITLE: PP_PLACEHOLDER.BODY,
    PP_PLACEHOLDER.BODY: PP_PLACEHOLDER.BODY,
    PP_PLACEHOLDER.OBJECT: PP_PLACEHOLDER.BODY,
}
MASTER_STYLE = {PP_PLACEHOLDER.TITLE: "p:titleStyle", PP_PLACEHOLDER.BODY: "p:bodyStyle"}
#: Where a layout placeholder without a position of its own sits: the master placeholder of this
#: type (every other kind inherits from the master's body, as in PowerPoint).
POSITION_FROM = {
    PP_PLACEHOLDER.CENTER_TITLE: PP_PLACEHOLDER.TITLE,
    PP_PLACEHOLDER.TITLE: PP_PLACEHOLDER.TITLE,
    PP_PLACEHOLDER.DATE: PP_PLACEHOLDER.DATE,
    PP_PLACEHOLDER.FOOTER: PP_PLACEHOLDER.FOOTER,
    PP_PLACEHOLDER.SLIDE_NUMBER: PP_PLACEHOLDER.SLIDE_NUMBER,
}
#: The theme colour slots, in the order the schema gives them.
THEME_COLOUR_SLOTS = ("dk1", "lt1", "dk2", "lt2", "accent1", "accent2", "accent3", "accent4", "accent5",
                      "accent6", "hlink", "folHlink")
EMU_PER_INCH = 914400

# Tiles: sizes in points, lengths in EMU.
TILE_VALUE_PT = 44.0
TILE_LABEL_PT = 16.0
TILE_GAP = Inches(0.3)
TILE_MAX_WIDTH = Inches(4.0)
TILE_MAX_HEIGHT = Inches(2.6)
TILE_INSET = Inches(0.15)
TILE_CORNER = 0.08
TILE_TOP_SHARE = 0.2  # the value starts this far down the tile
TILE_LABEL_SPACE_PT = 6.0
# Charts.
CHART_FONT_PT = 14
CHART_TITLE_PT = 18
CHART_GAP_WIDTH = 60
CHART_COLUMN_MAX_CATEGORIES = 6
CHART_COLUMN_MAX_LABEL = 16

_SPACES = re.compile(SPACE_RUN)
_CONTROL = re.compile(f"[{XML_ILLEGAL}\x7f]")
_P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
_XML_NS = {"p": _P[1:-1], "a": "http://schemas.openxmlformats.org/drawingml/2006/main"}
_SAFE_XML = etree.XMLParser(resolve_entities=False, no_network=True)
_T = TypeVar("_T")
#: What was read from the layouts of recently used reference decks (by content digest, then by
#: layout part and what): frames, styles and placeholder choices are values of the file's content.
_LAYOUT_FACTS: OrderedDict[bytes, dict[tuple[str, str], object]] = OrderedDict()
_LAYOUT_FACTS_DECKS = 8


def layout_facts(path) -> dict[tuple[str, str], object]:
    """Return the shared store of layout facts for the reference deck at ``path`` (by content).

    A deck that cannot be read gets a fresh, unshared store (opening it reports the error).
    """
    try:
        digest = hashlib.blake2b(Path(path).read_bytes(), digest_size=16).digest()
    except OSError:
        return {}
    facts = _LAYOUT_FACTS.pop(digest, None)
    if facts is None:
        facts = {}
        while len(_LAYOUT_FACTS) >= _LAYOUT_FACTS_DECKS:
            _LAYOUT_FACTS.popitem(last=False)
    _LAYOUT_FACTS[digest] = facts
    return facts


@dataclass(frozen=True)
class Frame:
    """A rectangle on the slide, in EMU."""

    left: int
    top: int
    width: int
    height: int

    @property
    def size(self) -> tuple[int, int]:
        """Return (width, height)."""
        return (self.width, self.height)

    def split_rows(self, shares: Sequence[float], gap: int) -> list[Frame]:
        """Split the frame top to bottom into rows with the given height shares and gaps between."""
        usable = self.height - gap * (len(shares) - 1)
        total = sum(shares)
        rows, top = [], self.top
        for share in shares:
            height = round(usable * share / total)
            rows.append(Frame(self.left, top, self.width, height))
            top += height + gap
        return rows


def clean_text(text: str) -> str:
    """Return ``text`` on one line without control characters (XML cannot hold them), each run of
    whitespace one space; no-break spaces are kept (see ``model.LINE_BREAKING_SPACE``)."""
    return one_line(_CONTROL.sub(" ", text))


def frame_of(shape) -> Frame:
    """Return a shape's (possibly inherited) frame."""
    return Frame(int(shape.left), int(shape.top), int(shape.width), int(shape.height))


# ---------------------------------------------------------------------------------------------
# The reference deck: opening, removing its slides, finding layouts
# ---------------------------------------------------------------------------------------------


def open_deck(path):
    """Open a .pptx file. Raises ``TemplateError`` when it cannot be read."""
    try:
        return Presentation(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError, OSError) as exc:
        raise TemplateError(f"cannot open the reference deck: {exc}", str(path)) from exc


def open_reference(pack: TemplatePack):
    """Open the pack's reference .pptx. Raises ``TemplateError`` when it cannot be read."""
    return open_deck(pack.pptx)


def slide_title_text(slide) -> str:
    """Return the text of a slide's title placeholder ("" when it has none)."""
    title = placeholder_of(slide, TITLE_TYPES)
    return title.text_frame.text.strip() if title is not None and title.has_text_frame else ""


def remove_source_slides(prs, keep: Sequence[str]) -> list:
    """Remove the reference deck's slides, except those whose title or layout name is in ``keep``.

    Returns the kept p:sldId elements (detached; ``append_kept_slides`` puts them back at the end).
    Dropping the relationship leaves the removed slide parts (and their notes) unreachable, so
    they are not written.
    """
    id_list = prs.slides._sldIdLst  # noqa: SLF001  (python-pptx has no public delete)
    wanted = set(keep)
    kept = []
    for sld_id, slide in list(zip(id_list, prs.slides)):
        id_list.remove(sld_id)
        if wanted and (slide_title_text(slide) in wanted or slide.slide_layout.name in wanted):
            kept.append(sld_id)
        else:
            prs.part.drop_rel(sld_id.rId)
    for position, sld_id in enumerate(kept):
        id_list.insert(position, sld_id)
    prs.part.rename_slide_parts([s.rId for s in id_list])
    return kept


def append_kept_slides(prs, kept: list) -> None:
    """Move the kept reference slides after the generated ones and renumber the slide parts."""
    id_list = prs.slides._sldIdLst  # noqa: SLF001
    for sld_id in kept:
        id_list.remove(sld_id)
        id_list.append(sld_id)
    prs.part.rename_slide_parts([s.rId for s in id_list])


def layouts_by_name(prs) -> dict[str, object]:
    """Return every layout of every master by name (the first of duplicate names wins)."""
    found: dict[str, object] = {}
    for master in prs.slide_masters:
        for layout in master.slide_layouts:
            found.setdefault(layout.name, layout)
    return found


def find_layout(layouts: dict[str, object], pack: TemplatePack, role: str, warnings: list[str]):
    """Return the layout mapped to ``role``, else the one whose placeholders best serve it (with a warning).

    Raises ``TemplateError`` when no layout is mapped to ``role`` or no layout of the deck can serve it.
    """
    name = pack.layouts.get(role)
    if name is None:
        raise TemplateError(
            f"no layout mapped for slide role {role!r}; mapped roles: {', '.join(sorted(pack.layouts))}",
            str(pack.root / MANIFEST_NAME),
        )
    if name in layouts:
        return layouts[name]
    chosen = suggest_layout(role, tuple(layout_info(layout) for layout in layouts.values()))
    if chosen is None:
        raise TemplateError(
            f"layout {name!r} (role {role!r}) not found, and no layout has the placeholders the role needs; "
            f"available layouts: {', '.join(layouts)}",
            str(pack.pptx),
        )
    ideal = ROLE_SIGNATURES.get(role, (frozenset(),))[0]
    signature = layout_signature(chosen)
    how = "same placeholders" if signature == ideal else f"closest placeholders: {', '.join(sorted(signature))}"
    warnings.append(f"layout {name!r} (role {role}) not found in {pack.pptx.name}; used {chosen.name!r} ({how})")
    return layouts[chosen.name]


def placeholder_of(holder, types: Iterable) -> object | None:
    """Return the placeholder of the first matching type (lowest idx among equals), or None."""
    return first_placeholder(list(holder.placeholders), types)


def first_placeholder(placeholders: Sequence, types: Iterable) -> object | None:
    """Return the placeholder of the first matching type (lowest idx among equals), or None."""
    for ph_type in types:
        matches = [ph for ph in placeholders if ph.placeholder_format.type == ph_type]
        if matches:
            return min(matches, key=lambda ph: ph.placeholder_format.idx)
    return None


def body_placeholder(holder) -> object | None:
    """Return the largest BODY/OBJECT placeholder (the content area, not a caption), lowest idx on ties."""
    return body_placeholder_among(list(holder.placeholders))


def body_placeholder_among(placeholders: Sequence) -> object | None:
    """Return the largest BODY/OBJECT placeholder of ``placeholders``, lowest idx on ties."""
    bodies = [ph for ph in placeholders if ph.placeholder_format.type in BODY_TYPES]
    if not bodies:
        return None
    return min(bodies, key=lambda ph: (-int(ph.width or 0) * int(ph.height or 0), ph.placeholder_format.idx))


def master_placeholder(master, ph_type) -> object | None:
    """Return the master placeholder a placeholder of ``ph_type`` inherits from."""
    wanted = MASTER_TYPE.get(ph_type)
    return placeholder_of(master, (wanted,)) if wanted is not None else None


# ---------------------------------------------------------------------------------------------
# Describing a deck: layouts, placeholders, theme (for fallbacks and `templates inspect`)
# ---------------------------------------------------------------------------------------------


def inches(emu: int) -> float:
    """Return a length in EMU as inches, rounded to 1/10000 in."""
    return round(emu / EMU_PER_INCH, 4)


def placeholder_kind(ph) -> str:
    """Return the placeholder type's name lower-cased ("title", "center_title", "body", ...).

    Vertical text placeholders (``orient="vert"``) are "vertical_title" / "vertical_body", so a
    vertical-text layout is never taken for bullets.
    """
    ph_type = ph.placeholder_format.type
    kind = ph_type.name.lower() if ph_type is not None else "object"
    if ph.element.ph.get("orient") == "vert" and kind in ("title", "body", "object"):
        return "vertical_title" if kind == "title" else "vertical_body"
    return kind


def own_frame(element) -> Frame | None:
    """Return the frame a shape element sets itself, or None when it inherits its position."""
    values = (element.x, element.y, element.cx, element.cy)
    return None if any(v is None for v in values) else Frame(*(int(v) for v in values))


def layout_placeholder_frame(ph, master) -> Frame:
    """Return a layout placeholder's frame: its own, else its master placeholder's (zero when neither)."""
    frame = own_frame(ph.element)
    if frame is not None:
        return frame
    base = placeholder_of(master, (POSITION_FROM.get(ph.placeholder_format.type, PP_PLACEHOLDER.BODY),))
    frame = own_frame(base.element) if base is not None else None
    return frame if frame is not None else Frame(0, 0, 0, 0)


def layout_info(layout) -> LayoutInfo:
    """Return a layout's name and placeholders (by idx; positions in inches, inherited when not set)."""
    master = layout.slide_master
    placeholders = []
    for ph in sorted(layout.placeholders, key=lambda p: p.placeholder_format.idx):
        frame = layout_placeholder_frame(ph, master)
        placeholders.append(PlaceholderInfo(
            idx=ph.placeholder_format.idx, kind=placeholder_kind(ph), name=ph.name,
            left=inches(frame.left), top=inches(frame.top), width=inches(frame.width), height=inches(frame.height),
        ))
    return LayoutInfo(layout.name, tuple(placeholders))


def theme_colours(theme_xml: bytes) -> tuple[tuple[str, str], ...]:
    """Return (slot, hex RGB) for the theme's colour scheme; a system colour gives its ``lastClr``."""
    scheme = etree.fromstring(theme_xml, _SAFE_XML).find(".//a:clrScheme", _XML_NS)
    colours = []
    for slot in THEME_COLOUR_SLOTS:
        holder = scheme.find(f"a:{slot}", _XML_NS) if scheme is not None else None
        if holder is None:
            continue
        srgb, system = holder.find("a:srgbClr", _XML_NS), holder.find("a:sysClr", _XML_NS)
        value = srgb.get("val") if srgb is not None else system.get("lastClr") if system is not None else None
        if value:
            colours.append((slot, value.upper()))
    return tuple(colours)


def describe_deck(path) -> DeckInfo:
    """Return what a .pptx offers: size, layouts of every master in order, theme fonts and colours, slides.

    Sizes and positions are in inches. Raises ``TemplateError`` when the file cannot be read.
    """
    prs = open_deck(path)
    if not len(prs.slide_masters):
        raise TemplateError("the deck has no slide master", str(path))
    layouts = tuple(layout_info(layout) for master in prs.slide_masters for layout in master.slide_layouts)
    try:
        theme = prs.slide_masters[0].part.part_related_by(RT.THEME).blob
        fonts, colours = fit.theme_fonts(theme), theme_colours(theme)
    except (KeyError, etree.XMLSyntaxError) as exc:
        raise TemplateError(f"cannot read the deck's theme: {exc}", str(path)) from exc
    return DeckInfo(
        path=str(path),
        width=inches(prs.slide_width),
        height=inches(prs.slide_height),
        layouts=layouts,
        major_font=fonts.major,
        minor_font=fonts.minor,
        colours=colours,
        slides=tuple((slide.slide_layout.name, slide_title_text(slide)) for slide in prs.slides),
    )


# ---------------------------------------------------------------------------------------------
# Styles
# ---------------------------------------------------------------------------------------------


@dataclass
class StyleReader:
    """Resolves the text style of layout placeholders against their master and theme."""

    master: object
    fonts: fit.ThemeFonts

    @classmethod
    def for_master(cls, master) -> StyleReader:
        """Return a reader for ``master`` (theme fonts read from its theme part)."""
        theme = master.part.part_related_by(RT.THEME)
        return cls(master, fit.theme_fonts(theme.blob))

    def style(self, layout_ph) -> fit.TextStyle:
        """Return the style of a layout placeholder (layout -> master placeholder -> txStyles)."""
        ph_type = layout_ph.placeholder_format.type
        master_ph = master_placeholder(self.master, ph_type)
        style_tag = MASTER_STYLE.get(MASTER_TYPE.get(ph_type), "p:otherStyle")
        txstyle = self.master.element.find(f"p:txStyles/{style_tag}", _XML_NS)
        chain = [layout_ph.element, master_ph.element if master_ph is not None else None]
        return fit.resolve_text_style(chain, txstyle, self.fonts)

    def master_body_style(self) -> fit.TextStyle:
        """Return the master body placeholder's style."""
        body = placeholder_of(self.master, (PP_PLACEHOLDER.BODY,))
        txstyle = self.master.element.find("p:txStyles/p:bodyStyle", _XML_NS)
        return fit.resolve_text_style([body.element if body is not None else None], txstyle, self.fonts)


def fixed_level(size: float, typeface: str, before: float = 0.0, bold: bool = False) -> fit.LevelStyle:
    """Return a level style with no margins (for text we draw ourselves)."""
    return fit.LevelStyle(size=size, typeface=typeface, bold=bold, before=fit.Spacing(points=before))


# ---------------------------------------------------------------------------------------------
# Filling text
# ---------------------------------------------------------------------------------------------


def keep_punctuation_inside(para) -> None:
    """Turn off East Asian hanging punctuation for a paragraph we fitted.

    Templates commonly inherit ``hangingPunct="1"``: after CJK text, PowerPoint and LibreOffice
    then let a closing "、", "。" or "," hang past the right edge of the box, which the fitter
    (measuring every character inside the line) cannot allow for.
    """
    para._p.get_or_add_pPr().set("hangingPunct", "0")  # noqa: SLF001  (no python-pptx API for it)


def write_paragraphs(text_frame, bullets: Sequence[Bullet], sizes: fit.Fit, levels: bool = True) -> None:
    """Replace a text frame's text by one paragraph per bullet, each run sized explicitly."""
    text_frame.word_wrap = True
    text_frame.auto_size = MSO_AUTO_SIZE.NONE
    for index, bullet in enumerate(bullets):
        para = text_frame.paragraphs[0] if index == 0 else text_frame.add_paragraph()
        if levels:
            para.level = min(max(bullet.level, 0), fit.LEVELS - 1)
        keep_punctuation_inside(para)
        run = para.add_run()
        run.text = bullet.text
        run.font.size = Pt(sizes.size(bullet.level))


@dataclass
class TitleWriter:
    """Fits titles into their placeholder: shrink to the minimum, then cut with an ellipsis."""

    book: FontBook
    warnings: list[str]

    def fitted(self, text: str, style: fit.TextStyle, frame: Frame) -> tuple[str, fit.Fit]:
        """Return the text to show and its sizes."""
        result = fit.fit_paragraphs([Bullet(text)], style, frame.size, self.book, fit.TITLE_MIN_PT)
        if result.fits:
            return text, result
        at_minimum = style.with_sizes(result.sizes)
        short = fit.truncate_to_fit(text, lambda t: fit.fits([Bullet(t)], at_minimum, frame.size, self.book))
        self.warnings.append(f"title too long for its box even at {fit.TITLE_MIN_PT:g} pt; cut to {short!r}")
        return short, result


# ---------------------------------------------------------------------------------------------
# Tiles and charts
# ---------------------------------------------------------------------------------------------


def tile_grid(count: int) -> tuple[int, int]:
    """Return (columns, rows) for 1-6 tiles: one row up to 3, 2x2 for 4, 3x2 for 5-6."""
    if count <= 3:
        return count, 1
    if count == 4:
        return 2, 2
    return 3, 2


def tile_frames(area: Frame, count: int) -> list[Frame]:
    """Return the frames of ``count`` tiles laid out as a grid centred in ``area``."""
    columns, rows = tile_grid(count)
    width = min((area.width - TILE_GAP * (columns - 1)) // columns, TILE_MAX_WIDTH)
    height = min((area.height - TILE_GAP * (rows - 1)) // rows, TILE_MAX_HEIGHT)
    grid_width = columns * width + (columns - 1) * TILE_GAP
    grid_height = rows * height + (rows - 1) * TILE_GAP
    left0 = area.left + (area.width - grid_width) // 2
    top0 = area.top + (area.height - grid_height) // 2
    frames = []
    for index in range(count):
        row, column = divmod(index, columns)
        left = left0 + column * (width + TILE_GAP)
        if row == rows - 1 and count % columns:
            left += (columns - count % columns) * (width + TILE_GAP) // 2
        frames.append(Frame(left, top0 + row * (height + TILE_GAP), width, height))
    return frames


def tile_top_inset(frame: Frame) -> int:
    """Return the top inset that puts every tile's value on the same line, whatever its label."""
    return max(int(TILE_INSET), round(frame.height * TILE_TOP_SHARE))


def tile_style(fonts: fit.ThemeFonts, value_size: float, label_size: float, top: int) -> fit.TextStyle:
    """Return the style of a tile: level 0 is the value (major font), level 1 the label (minor)."""
    inset = int(TILE_INSET)
    levels = (fixed_level(value_size, fonts.major, bold=True), fixed_level(label_size, fonts.minor, TILE_LABEL_SPACE_PT))
    return fit.TextStyle(levels=levels, insets=(inset, top, inset, inset))


def fit_tile(tile: Tile, frame: Frame, fonts: fit.ThemeFonts, book: FontBook) -> tuple[float, float, bool]:
    """Return (value size, label size, fits): the value on one line if possible, then the label."""
    paragraphs = [Bullet(tile.value, 0), Bullet(tile.label, 1)]
    value_size = TILE_VALUE_PT
    top = tile_top_inset(frame)
    style = tile_style(fonts, value_size, TILE_LABEL_PT, top)
    width_pt = fit._line_width_pt(frame.width, style, style.level(0))  # noqa: SLF001
    font = book.resolve(fonts.major, bold=True)
    while value_size > fit.TILE_VALUE_MIN_PT and fit.text_width(tile.value, font, value_size) > width_pt:
        value_size -= 2
    while True:
        label_size = TILE_LABEL_PT
        while label_size >= fit.TILE_LABEL_MIN_PT:
            if fit.fits(paragraphs, tile_style(fonts, value_size, label_size, top), frame.size, book):
                return value_size, label_size, True
            label_size -= 1
        if value_size <= fit.TILE_VALUE_MIN_PT:
            return value_size, fit.TILE_LABEL_MIN_PT, False
        value_size -= 2


def add_tiles(slide, tiles: Sequence[Tile], area: Frame, fonts: fit.ThemeFonts, book: FontBook,
              warnings: list[str]) -> None:
    """Draw the tiles as a grid in ``area``, all values (and all labels) at one common size."""
    tiles = [Tile(clean_text(t.value), clean_text(t.label)) for t in tiles]
    frames = tile_frames(area, len(tiles))
    fitted = [fit_tile(tile, frame, fonts, book) for tile, frame in zip(tiles, frames)]
    for tile, (_, _, fits) in zip(tiles, fitted):
        if not fits:
            warnings.append(f"tile {tile.value!r}: label too long to fit at {fit.TILE_LABEL_MIN_PT:g} pt")
    sizes = (min(f[0] for f in fitted), min(f[1] for f in fitted))
    first = add_tile(slide, tiles[0], frames[0], sizes)
    for tile, frame in zip(tiles[1:], frames[1:]):
        add_tile_like(slide, first, tile, frame)


def add_tile(slide, tile: Tile, frame: Frame, sizes: tuple[float, float]):
    """Draw one tile: a rounded rectangle in accent 1 with the value big and the label under it; return it."""
    shape = slide.shapes.add_shape(MSO_SHAPE.ROUNDED_RECTANGLE, frame.left, frame.top, frame.width, frame.height)
    shape.name = f"Tile {tile.value}"
    shape.adjustments[0] = TILE_CORNER
    shape.fill.solid()
    shape.fill.fore_color.theme_color = MSO_THEME_COLOR.ACCENT_1
    shape.line.fill.background()
    shape.shadow.inherit = False
    text_frame = shape.text_frame
    text_frame.word_wrap = True
    text_frame.auto_size = MSO_AUTO_SIZE.NONE
    text_frame.vertical_anchor = MSO_ANCHOR.TOP
    for attr in ("margin_left", "margin_right", "margin_bottom"):
        setattr(text_frame, attr, TILE_INSET)
    text_frame.margin_top = Emu(tile_top_inset(frame))
    style_tile_paragraph(text_frame.paragraphs[0], tile.value, sizes[0], "+mj-lt", True)
    label_para = text_frame.add_paragraph()
    label_para.space_before = Pt(TILE_LABEL_SPACE_PT)
    style_tile_paragraph(label_para, tile.label, sizes[1], "+mn-lt", False)
    return shape


def add_tile_like(slide, model, tile: Tile, frame: Frame) -> None:
    """Draw one more tile as a copy of ``model`` (a tile ``add_tile`` drew on this slide) with its own
    shape id, name, frame, value and label.

    The tiles of a slide share their style (fill, line, margins, fonts and their two sizes), so
    the copy is the very shape ``add_tile`` would draw (``test_copied_tiles_are_the_tiles_add_tile_draws``),
    in half the time: python-pptx looks up and creates elements one by one for every property set.
    """
    element = copy.deepcopy(model.element)
    element.nvSpPr.cNvPr.id = slide.shapes._next_shape_id  # noqa: SLF001  (the id add_shape would give)
    slide.shapes.element.insert_element_before(element, "p:extLst")  # where add_shape puts a shape
    shape = slide.shapes[-1]
    shape.name = f"Tile {tile.value}"
    shape.left, shape.top = Emu(frame.left), Emu(frame.top)
    shape.width, shape.height = Emu(frame.width), Emu(frame.height)
    text_frame = shape.text_frame
    text_frame.margin_top = Emu(tile_top_inset(frame))
    value, label = text_frame.paragraphs
    value.runs[0].text = tile.value
    label.runs[0].text = tile.label


def style_tile_paragraph(para, text: str, size: float, typeface: str, bold: bool) -> None:
    """Write one centred paragraph of a tile in the background colour (white on accent)."""
    para.alignment = PP_ALIGN.CENTER
    keep_punctuation_inside(para)
    run = para.add_run()
    run.text = text
    run.font.size = Pt(size)
    run.font.name = typeface
    run.font.bold = bold
    run.font.color.theme_color = MSO_THEME_COLOR.BACKGROUND_1


def chart_type(chart: Chart):
    """Return a column chart for a few short categories, else a horizontal bar chart."""
    short = max((len(c) for c in chart.categories), default=0) <= CHART_COLUMN_MAX_LABEL
    if len(chart.categories) <= CHART_COLUMN_MAX_CATEGORIES and short:
        return XL_CHART_TYPE.COLUMN_CLUSTERED
    return XL_CHART_TYPE.BAR_CLUSTERED


def add_chart(slide, chart: Chart, frame: Frame, when: _dt.datetime) -> None:
    """Draw a native, editable clustered bar/column chart of ``chart`` in ``frame``.

    The chart's embedded workbook (its data, for editing in PowerPoint) is stamped with ``when``
    as it is made, so the deck itself only needs its dates set (see ``normalise_zip``).
    """
    if len(chart.categories) != len(chart.values) or not chart.values:
        raise RenderError(f"chart {chart.title!r}: {len(chart.categories)} categories for {len(chart.values)} values")
    from pptx.chart.data import CategoryChartData  # noqa: PLC0415  (pulls in xlsxwriter: only for charts)

    data = CategoryChartData(number_format=chart.number_format)
    data.categories = [clean_text(c) for c in chart.categories]
    data.add_series(clean_text(chart.unit) or "Value", chart.values)
    kind = chart_type(chart)
    graphic = slide.shapes.add_chart(kind, frame.left, frame.top, frame.width, frame.height, data)
    graphic.name = "Chart"
    workbook = graphic.chart.part.chart_workbook
    workbook.update_from_xlsx_blob(stamp_package(workbook.xlsx_part.blob, when))
    style_chart(graphic.chart, chart, kind)


def set_chart_title(chart, title: str) -> None:
    """Show ``title`` above the chart (no title at all when it is empty)."""
    chart.has_title = bool(title)
    if not title:
        return
    text_frame = chart.chart_title.text_frame
    text_frame.text = title
    font = text_frame.paragraphs[0].runs[0].font
    font.size = Pt(CHART_TITLE_PT)
    font.bold = False


def style_chart(chart, spec: Chart, kind) -> None:
    """Apply the house chart style: theme accent bars, value labels, no legend or gridlines."""
    chart.font.size = Pt(CHART_FONT_PT)
    chart.font.name = "+mn-lt"
    chart.has_legend = False
    set_chart_title(chart, clean_text(spec.title))
    plot = chart.plots[0]
    plot.gap_width = CHART_GAP_WIDTH
    plot.vary_by_categories = False
    series = plot.series[0]
    series.format.fill.solid()
    series.format.fill.fore_color.theme_color = MSO_THEME_COLOR.ACCENT_1
    plot.has_data_labels = True
    labels = plot.data_labels
    labels.number_format = spec.number_format
    labels.number_format_is_linked = False
    labels.position = XL_LABEL_POSITION.OUTSIDE_END
    labels.font.size = Pt(CHART_FONT_PT)
    value_axis = chart.value_axis
    value_axis.has_major_gridlines = False
    value_axis.visible = False
    category_axis = chart.category_axis
    category_axis.tick_labels.font.size = Pt(CHART_FONT_PT)
    category_axis.format.line.color.theme_color = MSO_THEME_COLOR.TEXT_1
    category_axis.major_tick_mark = XL_TICK_MARK.NONE
    if kind == XL_CHART_TYPE.BAR_CLUSTERED:
        category_axis.reverse_order = True


# ---------------------------------------------------------------------------------------------
# Slides
# ---------------------------------------------------------------------------------------------


@dataclass
class DeckRenderer:
    """Builds the slides of one deck into an opened reference presentation."""

    prs: object
    pack: TemplatePack
    book: FontBook
    warnings: list[str]
    when: _dt.datetime
    """The document time (see ``reproducible.document_time``), for the charts' workbooks."""

    def __post_init__(self) -> None:
        """Index the layouts and prepare one style reader per master."""
        self.layouts = layouts_by_name(self.prs)
        self.chosen: dict[str, object] = {}
        self.readers: dict[int, StyleReader] = {}
        self.titles = TitleWriter(self.book, self.warnings)
        self.known = layout_facts(self.pack.pptx)
        self.part_names: dict[int, str] = {}

    def once(self, layout, what: str, compute: Callable[[], _T]) -> _T:
        """Return ``compute()`` for ``layout``, computed on first use only.

        Layouts, their masters and the placeholders python-pptx clones from them onto each new
        slide never change while a deck is rendered, so what is read from them (placeholders,
        inherited frames, text styles) is read once per layout of a reference deck's content,
        not once per slide: python-pptx re-resolves every inherited value through layout and
        master with xpath on each access. (Nothing computed here may warn: it would warn once.)
        """
        element_id = id(layout.element)
        if element_id not in self.part_names:
            self.part_names[element_id] = str(layout.part.partname)
        key = (self.part_names[element_id], what)
        if key not in self.known:
            self.known[key] = compute()
        return self.known[key]  # type: ignore[return-value]

    def slide_placeholder(self, slide_phs: list, layout, role: str):
        """Return the slide placeholder for ``role`` ("title", "subtitle", "body"), or None.

        ``slide_phs`` is ``list(slide.placeholders)`` of a slide just made from ``layout``: every
        such slide has the same placeholders in the same order, so the choice (by type, idx and,
        for the body, inherited size) is made on the first slide and reused by position.
        """
        def position() -> int | None:
            if role == "body":
                found = body_placeholder_among(slide_phs)
            else:
                found = first_placeholder(slide_phs, TITLE_TYPES if role == "title" else SUBTITLE_TYPES)
            return None if found is None else next(i for i, ph in enumerate(slide_phs) if ph is found)

        index = self.once(layout, f"slide {role}", position)
        return None if index is None else slide_phs[index]

    def slide_frame(self, layout, role: str, placeholder) -> Frame:
        """Return the (inherited) frame of a fresh slide's ``role`` placeholder (same for every slide of ``layout``)."""
        return self.once(layout, f"slide {role} frame", lambda: frame_of(placeholder))

    def layout_for(self, role: str):
        """Return the layout for ``role`` (chosen once per deck, so a fallback warns once)."""
        if role not in self.chosen:
            self.chosen[role] = find_layout(self.layouts, self.pack, role, self.warnings)
        return self.chosen[role]

    def reader(self, layout) -> StyleReader:
        """Return the style reader of a layout's master."""
        master = layout.slide_master
        key = id(master.element)
        if key not in self.readers:
            self.readers[key] = StyleReader.for_master(master)
        return self.readers[key]

    def body_area(self, layout) -> Frame:
        """Return the layout's body frame, else the frame the master reserves for its body."""
        return self.once(layout, "body area", lambda: self._body_area(layout))

    def _body_area(self, layout) -> Frame:
        body = body_placeholder(layout)
        if body is None:
            body = placeholder_of(layout.slide_master, (PP_PLACEHOLDER.BODY,))
        if body is None:
            raise TemplateError(f"layout {layout.name!r} and its master have no body placeholder", str(self.pack.pptx))
        return frame_of(body)

    def content_rows(self, layout, plan: SlidePlan) -> dict[str, Frame]:
        """Split the body area between bullets, tiles and chart (top to bottom) as present."""
        shares = {"bullets": 1.0 if plan.bullets or self.subtitle_in_body(layout, plan) else 0.0,
                  "tiles": 0.8 if plan.tiles else 0.0, "chart": 1.4 if plan.chart else 0.0}
        present = [k for k, v in shares.items() if v]
        if not present:
            return {}
        rows = self.body_area(layout).split_rows([shares[k] for k in present], int(TILE_GAP))
        return dict(zip(present, rows))

    def subtitle_in_body(self, layout, plan: SlidePlan) -> bool:
        """True when the slide has a subtitle but the layout no subtitle placeholder."""
        return bool(plan.subtitle) and not self.once(
            layout, "has subtitle", lambda: placeholder_of(layout, SUBTITLE_TYPES) is not None)

    def body_paragraphs(self, layout, plan: SlidePlan) -> list[Bullet]:
        """Return the paragraphs for the body: the bullets (after the subtitle when it has no box)."""
        paragraphs = [Bullet(clean_text(b.text), b.level) for b in plan.bullets]
        if self.subtitle_in_body(layout, plan):
            paragraphs.insert(0, Bullet(clean_text(plan.subtitle or ""), 0))
        return [p for p in paragraphs if p.text]

    def body_style(self, layout) -> fit.TextStyle:
        """Return the style of the layout's body placeholder (or the master's)."""
        def read() -> fit.TextStyle:
            body = body_placeholder(layout)
            reader = self.reader(layout)
            return reader.style(body) if body is not None else reader.master_body_style()

        return self.once(layout, "body style", read)

    def layout_style(self, layout, role: str, types: Sequence) -> fit.TextStyle:
        """Return the style of the layout's first placeholder of ``types`` (read once per layout)."""
        return self.once(layout, f"{role} style", lambda: self.reader(layout).style(placeholder_of(layout, types)))

    def body_pages(self, layout, plan: SlidePlan, frame: Frame | None) -> list[tuple[tuple[Bullet, ...], fit.Fit]]:
        """Return the body paragraphs per slide with their sizes (several slides when they overflow)."""
        paragraphs = self.body_paragraphs(layout, plan)
        if not paragraphs or frame is None:
            return [((), fit.Fit((), True))]
        style = self.body_style(layout)
        first = fit.fit_paragraphs(paragraphs, style, frame.size, self.book, fit.BODY_MIN_PT)
        if first.fits:
            return [(tuple(paragraphs), first)]
        at_minimum = style.with_sizes(first.sizes)
        pages = fit.paginate(paragraphs, lambda ps: fit.fits(ps, at_minimum, frame.size, self.book))
        fits = [fit.fit_paragraphs(page, style, frame.size, self.book, fit.BODY_MIN_PT) for page in pages]
        common = fit.Fit(tuple(min(s) for s in zip(*(f.sizes for f in fits))), True)
        return [(page, common) for page in pages]

    def render_slide(self, plan: SlidePlan) -> None:
        """Add the slide(s) for one plan entry."""
        layout = self.layout_for(plan.role)
        rows = self.content_rows(layout, plan)
        pages = self.body_pages(layout, plan, rows.get("bullets"))
        for number, (paragraphs, sizes) in enumerate(pages):
            slide = self.prs.slides.add_slide(layout)
            slide_phs = list(slide.placeholders)
            title = clean_text(plan.title) + (CONTINUED if number else "")
            filled = [self.fill_title(slide_phs, layout, title)]
            if number == 0:
                filled.append(self.fill_subtitle(slide_phs, layout, plan))
                self.add_figures(slide, layout, plan, rows)
                set_notes(slide, plan.notes)
            filled.append(self.fill_body(slide, slide_phs, layout, paragraphs, sizes, rows.get("bullets")))
            remove_unfilled_placeholders(slide_phs, [ph for ph in filled if ph is not None])

    def fill_title(self, slide_phs: list, layout, text: str):
        """Write the title into the title placeholder; return it (None when the layout has none)."""
        title = self.slide_placeholder(slide_phs, layout, "title")
        if title is None or not text:
            if text:
                self.warnings.append(f"layout {layout.name!r} has no title placeholder; title {text!r} not shown")
            return None
        style = self.layout_style(layout, "title", TITLE_TYPES)
        shown, sizes = self.titles.fitted(text, style, self.slide_frame(layout, "title", title))
        write_paragraphs(title.text_frame, [Bullet(shown)], sizes, levels=False)
        return title

    def fill_subtitle(self, slide_phs: list, layout, plan: SlidePlan):
        """Write the subtitle into the subtitle placeholder; return it (None when not used)."""
        subtitle = self.slide_placeholder(slide_phs, layout, "subtitle")
        text = clean_text(plan.subtitle or "")
        if subtitle is None or not text:
            return None
        style = self.layout_style(layout, "subtitle", SUBTITLE_TYPES)
        frame = self.slide_frame(layout, "subtitle", subtitle)
        result = fit.fit_paragraphs([Bullet(text)], style, frame.size, self.book, fit.BODY_MIN_PT)
        if not result.fits:
            self.warnings.append(f"subtitle {text!r} does not fit its box at {fit.BODY_MIN_PT:g} pt")
        write_paragraphs(subtitle.text_frame, [Bullet(text)], result, levels=False)
        return subtitle

    def fill_body(self, slide, slide_phs: list, layout, paragraphs: Sequence[Bullet], sizes: fit.Fit,
                  frame: Frame | None):
        """Write the body paragraphs into the body placeholder (or a text box); return the shape."""
        if not paragraphs or frame is None:
            return None
        body = self.slide_placeholder(slide_phs, layout, "body")
        if body is None:
            self.warnings.append(f"layout {layout.name!r} has no body placeholder; text placed in a text box")
            box = slide.shapes.add_textbox(frame.left, frame.top, frame.width, frame.height)
            write_paragraphs(box.text_frame, paragraphs, sizes)
            return None
        if frame != self.slide_frame(layout, "body", body):
            body.left, body.top, body.width, body.height = Emu(frame.left), Emu(frame.top), Emu(frame.width), Emu(frame.height)
        write_paragraphs(body.text_frame, paragraphs, sizes)
        return body

    def add_figures(self, slide, layout, plan: SlidePlan, rows: dict[str, Frame]) -> None:
        """Draw the plan's tiles and chart in their rows of the body area."""
        if plan.tiles:
            tiles = plan.tiles[:MAX_TILES]
            if len(plan.tiles) > MAX_TILES:
                self.warnings.append(f"slide {plan.title!r}: {len(plan.tiles)} tiles; only the first {MAX_TILES} shown")
            fonts = self.reader(layout).fonts
            add_tiles(slide, tiles, rows["tiles"], fonts, self.book, self.warnings)
        if plan.chart is not None:
            add_chart(slide, plan.chart, rows["chart"], self.when)


def set_notes(slide, notes: str) -> None:
    """Write the speaker notes (nothing when empty): their line breaks kept, runs of spaces and tabs as one space."""
    text = _SPACES.sub(" ", _CONTROL.sub(" ", notes)).strip()
    if text:
        slide.notes_slide.notes_text_frame.text = text


def remove_unfilled_placeholders(slide_phs: Sequence, filled: Sequence) -> None:
    """Remove every placeholder (of ``list(slide.placeholders)``) that received no content.

    No "Click to add text" boxes remain.
    """
    keep = {id(ph.element) for ph in filled}
    for ph in slide_phs:
        if id(ph.element) not in keep:
            ph.element.getparent().remove(ph.element)


# ---------------------------------------------------------------------------------------------
# Properties and reproducible packaging
# ---------------------------------------------------------------------------------------------


def set_core_properties(prs, plan: DeckPlan, when: _dt.datetime) -> None:
    """Write title, subject, keywords, author and fixed times into the core properties."""
    props = prs.core_properties
    props.title = clean_text(plan.title)
    props.subject = clean_text(plan.subject)
    props.keywords = ", ".join(clean_text(k) for k in plan.keywords)
    props.author = AUTHOR
    props.last_modified_by = AUTHOR
    props.comments = ""
    props.revision = 1
    props.created = when
    props.modified = when


def render_pptx(plan: DeckPlan, pack: TemplatePack) -> tuple[bytes, tuple[str, ...]]:
    """Return the deck as .pptx bytes and any warnings. Raises ``TemplateError``/``RenderError``."""
    warnings: list[str] = []
    book = FontBook()
    prs = open_reference(pack)
    kept = remove_source_slides(prs, pack.keep_slides)
    when = document_time(warnings)
    renderer = DeckRenderer(prs, pack, book, warnings, when)
    try:
        for slide_plan in plan.slides:
            renderer.render_slide(slide_plan)
    except NoFontError as exc:
        raise RenderError(str(exc)) from exc
    append_kept_slides(prs, kept)
    set_core_properties(prs, plan, when)
    buffer = io.BytesIO()
    prs.save(buffer)
    return normalise_zip(buffer.getvalue(), when), tuple(book.warnings + warnings)
