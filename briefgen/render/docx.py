"""Render a ``DocPlan`` into a .docx using the pack's reference document (styles by name).

The reference document supplies everything visual: styles, numbering, theme, page setup, header
and footer. Its body is emptied (only the final ``w:sectPr`` survives) and refilled from the plan,
each block in the paragraph or table style its manifest role names. Output bytes are reproducible:
core-property dates and zip timestamps come from ``SOURCE_DATE_EPOCH`` or a fixed date.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from copy import deepcopy
from dataclasses import dataclass
from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Inches
from docx.styles.style import BaseStyle
from docx.table import Table

from ..errors import RenderError, TemplateError
from ..model import GENERATOR, SPACE_RUN, XML_ILLEGAL, BlockKind, DocBlock, DocPlan, DocumentInfo, StyleInfo
from ..plan.pack import STYLE_ROLES, TemplatePack
from .reproducible import document_time, normalise_zip

AUTHOR = GENERATOR
_TABLE_ROLE = "table"
#: python-docx (like Word) keeps core-property text to 255 characters.
_PROPERTY_LIMIT = 255
_ILLEGAL_XML = re.compile(f"[{XML_ILLEGAL}]")
_SPACES = re.compile(SPACE_RUN)
_LINE_BREAK = re.compile(r"[^\S\r\n]*[\r\n\v\f\x1c-\x1e\x85\u2028\u2029]\s*")
_TRAILING_NUMBER = re.compile(r"\d+$")
#: Column width weights are the longest cell text, clamped to this range (characters).
_MIN_WEIGHT, _MAX_WEIGHT = 8, 100
#: Columns with at most this many characters are sized to fit on one line, up to a share of the width.
_SHORT_COLUMN, _SHORT_SHARE = 24, 0.4
#: An average character width (5.5 pt, bold 10-11 pt) and a cell's left+right margins, in EMU.
_CHAR_WIDTH, _CELL_PADDING = 69850, 182880
#: Built-in styles (by their built-in name, as Word names them in every language) that stand in for
#: a role's missing style, best first: the built-in pack's choice, then plainer ones. Paragraph roles
#: then fall back to the body style, the table role to the document's default table style.
STYLE_FALLBACKS: dict[str, tuple[str, ...]] = {
    "title": ("Title", "Heading 1"),
    "subtitle": ("Subtitle",),
    "heading": ("Heading 1",),
    "body": ("Normal", "Body Text"),
    "bullet": ("List Bullet", "List Paragraph"),
    "table": ("Light Grid Accent 1", "Table Grid"),
}
_EMU_PER_INCH = 914400
#: Theme font references in w:rFonts (w:asciiTheme) and the theme font they name.
_THEME_FONT_REFS = {"majorHAnsi": "major", "majorAscii": "major", "minorHAnsi": "minor", "minorAscii": "minor"}


@dataclass(frozen=True)
class _Styles:
    """The pack's styles resolved in the reference document, by role."""

    paragraph: dict[str, BaseStyle]
    table: BaseStyle


# ------------------------------------------------------------------------------------------------
# public entry point
# ------------------------------------------------------------------------------------------------


def render_docx(plan: DocPlan, pack: TemplatePack) -> tuple[bytes, tuple[str, ...]]:
    """Return the briefing as .docx bytes and any warnings. Raises ``TemplateError``/``RenderError``."""
    warnings: list[str] = []
    document = open_reference(pack.docx)
    index = styles_by_name(document)
    styles = resolve_styles(document, pack, warnings, index)
    clear_body(document)
    style_ids = ParagraphStyleIds(document)
    for block in plan.blocks:
        add_block(document, block, styles, pack, warnings, style_ids, index)
    when = document_time(warnings)
    set_core_properties(document, plan, when, warnings)
    return save_reproducibly(document, when, pack.docx), tuple(warnings)


# ------------------------------------------------------------------------------------------------
# reference document and styles
# ------------------------------------------------------------------------------------------------


def open_reference(path: Path) -> DocxDocument:
    """Open the pack's reference .docx. Raises ``TemplateError`` when it is missing or not a .docx."""
    try:
        return Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise TemplateError(f"cannot open the reference document: {exc}", str(path)) from exc


def styles_by_name(document: DocxDocument) -> dict[str, BaseStyle]:
    """Return the document's styles by UI name (the first of duplicate names wins, as in ``find_style``).

    Reading a style's name translates it; a render looks many names up, so it reads them once.
    """
    index: dict[str, BaseStyle] = {}
    for style in document.styles:
        if style.name is not None:
            index.setdefault(style.name, style)
    return index


def find_style(document: DocxDocument, name: str, index: dict[str, BaseStyle] | None = None) -> BaseStyle | None:
    """Return the style whose UI name is ``name`` (e.g. "Heading 1"), or None.

    ``index`` is ``styles_by_name(document)`` when the caller has it.
    """
    if index is not None:
        return index.get(name)
    for style in document.styles:
        if style.name == name:
            return style
    return None


def style_names(document: DocxDocument, kind: WD_STYLE_TYPE) -> list[str]:
    """Return the sorted names of the document's styles of one kind."""
    return sorted(s.name for s in document.styles if s.type == kind and s.name)


def role_kind(role: str) -> tuple[WD_STYLE_TYPE, str]:
    """Return the style type a role needs and its label ("paragraph" or "table")."""
    return (WD_STYLE_TYPE.TABLE, "table") if role == _TABLE_ROLE else (WD_STYLE_TYPE.PARAGRAPH, "paragraph")


def find_style_of_kind(
    document: DocxDocument, name: str, kind: WD_STYLE_TYPE, index: dict[str, BaseStyle] | None = None
) -> BaseStyle | None:
    """Return the style called ``name`` when it is of type ``kind``, else None."""
    style = find_style(document, name, index)
    return style if style is not None and style.type == kind else None


def require_style(
    document: DocxDocument, name: str, role: str, path: Path, warnings: list[str], body: BaseStyle | None = None,
    index: dict[str, BaseStyle] | None = None,
) -> BaseStyle:
    """Return the style ``name`` for ``role``, else a built-in stand-in of the same kind (with a warning).

    Stand-ins, in order: ``STYLE_FALLBACKS[role]``, then ``body`` (paragraph roles) or the document's
    default style of that kind. Raises ``TemplateError`` listing the available styles when none serves.
    """
    kind, label = role_kind(role)
    style = find_style(document, name, index)
    if style is not None and style.type == kind:
        return style
    problem = f"not found in {path.name}" if style is None else f"in {path.name} is not a {label} style"
    candidates = [find_style_of_kind(document, n, kind, index) for n in STYLE_FALLBACKS.get(role, ()) if n != name]
    candidates.append(body if kind == WD_STYLE_TYPE.PARAGRAPH else None)
    candidates.append(document.styles.default(kind))
    stand_in = next((c for c in candidates if c is not None and c.type == kind), None)
    if stand_in is None:
        raise TemplateError(
            f"{label} style {name!r} (role {role!r}) {problem}, and no built-in {label} style can stand in; "
            f"available {label} styles: " + ", ".join(style_names(document, kind)),
            str(path),
        )
    warnings.append(f"{label} style {name!r} (role {role}) {problem}; used {stand_in.name!r}")
    return stand_in


def resolve_styles(
    document: DocxDocument, pack: TemplatePack, warnings: list[str], index: dict[str, BaseStyle] | None = None
) -> _Styles:
    """Look up every role's style by name in the reference document (stand-ins warned)."""
    body = require_style(document, pack.styles["body"], "body", pack.docx, warnings, index=index)
    paragraph = {
        role: body if role == "body"
        else require_style(document, pack.styles[role], role, pack.docx, warnings, body, index)
        for role in STYLE_ROLES
        if role != _TABLE_ROLE
    }
    table = require_style(document, pack.styles[_TABLE_ROLE], _TABLE_ROLE, pack.docx, warnings, index=index)
    return _Styles(paragraph=paragraph, table=table)


# ------------------------------------------------------------------------------------------------
# describing a reference document (for `templates inspect`/`check`)
# ------------------------------------------------------------------------------------------------


def _inches(emu: int | None) -> float:
    """Return a length in EMU as inches rounded to 1/10000 in (0.0 when unset)."""
    return round((emu or 0) / _EMU_PER_INCH, 4)


def _style_font(element, theme: dict[str, str]) -> str | None:
    """Return the latin font a ``w:rPr`` holder sets itself (a theme reference resolved), or None."""
    fonts = element.find(f"{qn('w:rPr')}/{qn('w:rFonts')}") if element is not None else None
    if fonts is None:
        return None
    # Word gives a theme reference precedence over a named font.
    return theme.get(_THEME_FONT_REFS.get(fonts.get(qn("w:asciiTheme"), ""), "")) or fonts.get(qn("w:ascii"))


def _resolved_font(document: DocxDocument, style_name: str, theme: dict[str, str], default: str) -> str:
    """Return the font of a paragraph style: its own or a base style's, then the defaults, then the theme."""
    style = find_style(document, style_name)
    seen: set[int] = set()
    while style is not None and id(style.element) not in seen:
        seen.add(id(style.element))
        font = _style_font(style.element, theme)
        if font:
            return font
        style = style.base_style
    defaults = document.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}")
    return _style_font(defaults, theme) or theme.get(default, "")


def _theme_fonts(document: DocxDocument) -> dict[str, str]:
    """Return the theme's {"major": typeface, "minor": typeface} (empty when there is no theme)."""
    from .fit import theme_fonts  # noqa: PLC0415  (fit loads Pillow, which a document never needs)

    try:
        fonts = theme_fonts(document.part.part_related_by(RT.THEME).blob)
    except KeyError:
        return {}
    return {"major": fonts.major, "minor": fonts.minor}


def describe_document(path) -> DocumentInfo:
    """Return what a .docx offers: page size (inches), styles (kind, built-in), body and heading fonts.

    The body font is the Normal style's (else the document defaults', else the theme minor font); the
    heading font Heading 1's (else the defaults', else the theme major font). Raises ``TemplateError``.
    """
    document = open_reference(Path(path))
    styles = tuple(
        StyleInfo(style.name, style.type.name.lower(), bool(style.builtin))
        for style in document.styles
        if style.name
    )
    section = document.sections[-1] if document.sections else None
    theme = _theme_fonts(document)
    return DocumentInfo(
        path=str(path),
        page_width=_inches(section.page_width if section is not None else None),
        page_height=_inches(section.page_height if section is not None else None),
        styles=styles,
        body_font=_resolved_font(document, "Normal", theme, "minor"),
        heading_font=_resolved_font(document, "Heading 1", theme, "major"),
    )


def heading_style(
    document: DocxDocument, styles: _Styles, level: int, warnings: list[str], index: dict[str, BaseStyle] | None = None
) -> BaseStyle:
    """Return the heading style for ``level``: "Heading 1" becomes "Heading 2" etc. when it exists."""
    base = styles.paragraph["heading"]
    if level <= 1 or not _TRAILING_NUMBER.search(base.name):
        return base
    name = _TRAILING_NUMBER.sub(str(level), base.name)
    style = find_style(document, name, index)
    if style is not None and style.type == WD_STYLE_TYPE.PARAGRAPH:
        return style
    message = f"no paragraph style {name!r} for level-{level} headings; used {base.name!r}"
    if message not in warnings:
        warnings.append(message)
    return base


def clear_body(document: DocxDocument) -> None:
    """Remove every block from the body, keeping the final ``w:sectPr`` (page setup, header, footer)."""
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)


# ------------------------------------------------------------------------------------------------
# blocks
# ------------------------------------------------------------------------------------------------


def clean_text(text: str) -> str:
    """Return ``text`` on one line without characters XML cannot hold (controls, lone surrogates).

    A line break and the whitespace around it become one space, as in the decks: a paragraph's
    line breaks come from the source's wrapping, and python-docx would write them as Word breaks.
    Runs of spaces and tabs become one space (a tab would jump to the next tab stop).
    """
    return _SPACES.sub(" ", _LINE_BREAK.sub(" ", _ILLEGAL_XML.sub("", text)))


class ParagraphStyleIds:
    """The ``w:pStyle`` id of each paragraph style, found once per document.

    ``Paragraph.style = style`` makes python-docx scan every style for the default paragraph style
    on each assignment (about 40 % of a render); this gives the same ids (None for the default
    style, which python-docx writes as an empty ``w:pPr``) from one scan.
    """

    def __init__(self, document: DocxDocument) -> None:
        self._default = document.styles.default(WD_STYLE_TYPE.PARAGRAPH)
        self._ids: dict[int, str | None] = {}

    def of(self, style: BaseStyle) -> str | None:
        """Return the id to write for ``style`` (None for the default paragraph style).

        Raises ``ValueError`` when ``style`` is not a paragraph style (as python-docx does).
        """
        key = id(style.element)
        if key not in self._ids:
            if style.type != WD_STYLE_TYPE.PARAGRAPH:
                raise ValueError(f"assigned style is type {style.type}, need type {WD_STYLE_TYPE.PARAGRAPH}")
            is_default = self._default is not None and style.element is self._default.element
            self._ids[key] = None if is_default else style.style_id
        return self._ids[key]


def add_paragraph(document: DocxDocument, text: str, style: BaseStyle, style_ids: ParagraphStyleIds) -> None:
    """Append one paragraph of ``text`` in ``style``."""
    paragraph = document.add_paragraph(clean_text(text))
    paragraph._p.style = style_ids.of(style)  # what ``paragraph.style = style`` writes


def add_block(
    document: DocxDocument, block: DocBlock, styles: _Styles, pack: TemplatePack, warnings: list[str],
    style_ids: ParagraphStyleIds, index: dict[str, BaseStyle] | None = None,
) -> None:
    """Append one plan block to the body."""
    kind = block.kind
    if kind == BlockKind.HEADING:
        style = heading_style(document, styles, block.level, warnings, index)
        add_paragraph(document, block.text, style, style_ids)
    elif kind in (BlockKind.TITLE, BlockKind.SUBTITLE, BlockKind.PARAGRAPH):
        role = {BlockKind.TITLE: "title", BlockKind.SUBTITLE: "subtitle", BlockKind.PARAGRAPH: "body"}[kind]
        add_paragraph(document, block.text, styles.paragraph[role], style_ids)
    elif kind == BlockKind.BULLETS:
        for item in block.items:
            add_paragraph(document, item, styles.paragraph["bullet"], style_ids)
    elif kind == BlockKind.TABLE:
        add_table(document, block.rows, styles.table, warnings)
    else:
        raise RenderError(f"unknown block kind {kind!r}", str(pack.docx))


def square_rows(rows: tuple[tuple[str, ...], ...], warnings: list[str]) -> list[list[str]]:
    """Return the rows padded with empty cells to the widest row (a warning says so)."""
    width = max(len(row) for row in rows)
    if any(len(row) != width for row in rows):
        warnings.append(f"table rows had different lengths; padded to {width} cells")
    return [[clean_text(cell) for cell in row] + [""] * (width - len(row)) for row in rows]


def text_width(document: DocxDocument) -> int:
    """Return the page's text width (page width minus margins) in EMU of the last section."""
    section = document.sections[-1]
    if section.page_width is None or section.left_margin is None or section.right_margin is None:
        return Inches(6.5)
    return section.page_width - section.left_margin - section.right_margin


def column_widths(rows: list[list[str]], total: int) -> list[int]:
    """Share ``total`` EMU among the columns: short columns fit their text, long ones share the rest.

    A column whose longest cell has at most ``_SHORT_COLUMN`` characters gets room for that text
    on one line (while all such columns stay under ``_SHORT_SHARE`` of the total); the other
    columns share what is left in proportion to their longest text, clamped to 8-100 characters.
    """
    lengths = [max(len(row[c]) for row in rows) for c in range(len(rows[0]))]
    fitted = {c: n * _CHAR_WIDTH + _CELL_PADDING for c, n in enumerate(lengths) if n <= _SHORT_COLUMN}
    if len(fitted) == len(lengths) or sum(fitted.values()) > total * _SHORT_SHARE:
        fitted = {}
    weights = {c: min(_MAX_WEIGHT, max(_MIN_WEIGHT, n)) for c, n in enumerate(lengths) if c not in fitted}
    rest = total - sum(fitted.values())
    widths = [fitted[c] if c in fitted else rest * weights[c] // sum(weights.values()) for c in range(len(lengths))]
    widths[-1] += total - sum(widths)
    return widths


def add_table(
    document: DocxDocument, rows: tuple[tuple[str, ...], ...], style: BaseStyle, warnings: list[str]
) -> None:
    """Append a table in ``style``: first row a repeating bold header, columns fitted to the page."""
    if not rows or not any(rows):
        warnings.append("empty table skipped")
        return
    cells = square_rows(rows, warnings)
    table = document.add_table(rows=len(cells), cols=len(cells[0]))
    table.style = style
    copy_cell_margins(table, style)
    # One pass over the new (unmerged) table's cells: ``table.cell(r, c)`` and ``column.cells``
    # rebuild the whole cell grid on every call.
    grid = [row.cells for row in table.rows]
    set_table_width(table, column_widths(cells, text_width(document)), grid)
    for r, row in enumerate(cells):
        for c, text in enumerate(row):
            grid[r][c].text = text
        keep_row_together(table, r)
    mark_header_row(table)


def set_table_width(table: Table, widths: list[int], grid: list | None = None) -> None:
    """Give the table a fixed layout, a total width and per-column widths (grid and cells).

    ``grid`` is the table's cells row by row when the caller has them.
    """
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    tbl_w = tbl_pr.find(qn("w:tblW"))
    tbl_w.set(qn("w:type"), "dxa")
    tbl_w.set(qn("w:w"), str(Emu(sum(widths)).twips))
    for index, (column, width) in enumerate(zip(table.columns, widths)):
        column.width = Emu(width)
        for cell in (column.cells if grid is None else [row[index] for row in grid]):
            cell.width = Emu(width)


def copy_cell_margins(table: Table, style: BaseStyle) -> None:
    """Repeat the table style's cell margins on the table (LibreOffice ignores them in styles)."""
    style_pr = style.element.find(qn("w:tblPr"))
    margins = style_pr.find(qn("w:tblCellMar")) if style_pr is not None else None
    if margins is None:
        return
    tbl_pr = table._tbl.tblPr
    look = tbl_pr.find(qn("w:tblLook"))
    copy = deepcopy(margins)
    if look is not None:
        look.addprevious(copy)
    else:
        tbl_pr.append(copy)


def keep_row_together(table: Table, index: int) -> None:
    """Stop a row from breaking across pages."""
    tr_pr = table.rows[index]._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:cantSplit"))


def mark_header_row(table: Table) -> None:
    """Mark the first row as a header (repeats on each page) and make its text bold."""
    header = table.rows[0]
    header._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    for cell in header.cells:
        for paragraph in cell.paragraphs:
            for run in paragraph.runs:
                run.bold = True


# ------------------------------------------------------------------------------------------------
# properties and saving
# ------------------------------------------------------------------------------------------------


def property_text(text: str, name: str, warnings: list[str]) -> str:
    """Return ``text`` cleaned and cut to the 255 characters a core property may hold."""
    text = clean_text(text)
    if len(text) <= _PROPERTY_LIMIT:
        return text
    warnings.append(f"document {name} cut to {_PROPERTY_LIMIT} characters")
    return text[: _PROPERTY_LIMIT - 1].rstrip() + "\u2026"


def set_core_properties(document: DocxDocument, plan: DocPlan, when: dt.datetime, warnings: list[str]) -> None:
    """Set title, subject, keywords, author and reproducible dates; clear the reference's leftovers."""
    props = document.core_properties
    props.title = property_text(plan.title, "title", warnings)
    props.subject = property_text(plan.subject, "subject", warnings)
    props.keywords = property_text(", ".join(plan.keywords), "keywords", warnings)
    props.author = AUTHOR
    props.last_modified_by = AUTHOR
    props.comments = ""
    props.category = ""
    props.revision = 1
    props.created = when
    props.modified = when


def save_reproducibly(document: DocxDocument, when: dt.datetime, path: Path) -> bytes:
    """Return the saved document with every zip member stamped ``when`` (not the wall clock)."""
    buffer = io.BytesIO()
    try:
        document.save(buffer)
    except (ValueError, KeyError) as exc:
        raise RenderError(f"cannot save the document: {exc}", str(path)) from exc
    return normalise_zip(buffer.getvalue(), when)
