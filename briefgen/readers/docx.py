"""Word (.docx) articles: the body's paragraphs, headings, lists and tables, read with python-docx.

Headings are paragraphs with an outline level (Word's built-in "Heading 1-9" styles and any style
based on them, in any language); the headline is the first paragraph in the "Title" style, else
the document's title property. A short bold line, or a bold lead-in run into its paragraph, is a
heading too (see ``bold_heading``). Optional header lines at the top ("date: 2025-06-02", "source: ...")
work as in plain text. Text in content controls counts; headers, footers, footnotes, comments, text
boxes and tracked deletions are not article text.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator

from docx import Document
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph as DocxParagraph
from lxml import etree

from ..errors import InputError
from ..model import GENERATOR, Article
from ..safety import check_office_package
from .blocks import TextBlock, assemble
from .text import Header, read_header

#: A bold line or lead-in read as a heading (see ``bold_heading``): its level and longest length.
_BOLD_HEADING_LEVEL = 2
_BOLD_HEADING_WORDS = 10
_CLOSING = ".,:;!?)]\"'\u2019\u201d\u2026-\u2013\u2014"
#: Word's outline level 9 means "body text"; 0-8 are heading levels 1-9.
_BODY_LEVEL = 9
_HEADER_PARAGRAPHS = 4
_LIST_STYLE = re.compile(r"^list\b", re.I)
#: A paragraph's text, tabs and breaks, in order; not in text boxes, paragraph properties (tab
#: stops) or tracked deletions and moves away.
_TEXT_XPATH = ("./descendant::*[(self::w:t or self::w:tab or self::w:br or self::w:cr)"
               " and not(ancestor::w:txbxContent or ancestor::w:pPr or ancestor::w:del or ancestor::w:moveFrom)]")


def parse_docx(data: bytes, path: str) -> Article:
    """Return the ``Article`` for the Word document ``data`` read from ``path``.

    Raises ``InputError`` when the file is not a safe, readable Word document or holds no text.
    """
    check_office_package(io.BytesIO(data), path, InputError, text_only=True)
    try:
        document = Document(io.BytesIO(data))
    except (ValueError, KeyError, zipfile.BadZipFile, etree.LxmlError) as exc:
        raise InputError(f"is not a readable Word document ({exc})", path=path) from exc
    if document.core_properties.author == GENERATOR:
        raise InputError("is a briefing that briefgen wrote, not an article", path=path)
    blocks = list(document_blocks(document))
    header, blocks = _header(blocks)
    title_index = next((i for i, (block, is_title) in enumerate(blocks) if is_title), None)
    title = header.title or (blocks[title_index][0].text if title_index is not None else None)
    title = title or " ".join((document.core_properties.title or "").split()) or None
    body = [block for i, (block, _) in enumerate(blocks) if i != title_index]
    if not any(not block.is_heading for block in body):
        raise InputError("has no article text (no paragraphs in the document body)", path=path)
    text, sections = assemble(title, body)
    return Article(path=path, text=text, title=title, date=header.date, source=header.source,
                   author=header.author, sections=sections)


def document_blocks(document) -> Iterator[tuple[TextBlock, bool]]:
    """Yield each non-empty paragraph of the body as (block, is in the Title style), tables row by row."""
    body = document._body  # noqa: SLF001  (the container python-docx gives paragraphs for style lookup)
    for element in _block_elements(body._element):  # noqa: SLF001
        if element.tag == qn("w:tbl"):
            yield from ((row, False) for row in table_rows(Table(element, body)))
            continue
        text = paragraph_text(element)
        if text:
            paragraph = DocxParagraph(element, body)
            style = _style_name(paragraph)
            level = heading_level(paragraph)
            lead = None if level or style == "title" else bold_heading(element, text)
            if lead is not None:  # a bold line or lead-in standing for a heading
                yield TextBlock(lead, _BOLD_HEADING_LEVEL), False
                text = text[len(lead):].lstrip()
                if not text:
                    continue
            yield TextBlock(text, level, not level and _is_list_item(paragraph, style)), style == "title"


def bold_heading(element, text: str) -> str | None:
    """Return the bold words that open the paragraph ``element`` (its one-line ``text``) when they
    stand for a heading, else None.

    Articles typed in Word often mark headings with bold type instead of a heading style: a short
    bold line ("The outlook"), or a bold lead-in run into the paragraph ("The outlook We expect
    ..."). Either counts when it has at most ``_BOLD_HEADING_WORDS`` words and no closing
    punctuation, and a lead-in only before a capital letter: "Acme Corp said ..." or "Note: ..."
    stay one paragraph.
    """
    lead: list[str] = []
    for part in element.xpath(_TEXT_XPATH):
        chunk = (part.text or "") if part.tag == qn("w:t") else " "
        if chunk.strip() and not _is_bold(next(part.iterancestors(qn("w:r")), None)):
            break
        lead.append(chunk)
    words = "".join(lead).split()
    heading = " ".join(words)
    if not words or len(words) > _BOLD_HEADING_WORDS or heading[-1] in _CLOSING or not text.startswith(heading):
        return None
    rest = text[len(heading):].lstrip()
    return heading if not rest or rest[0].isupper() or rest[0] in "\"\u201c\u2018'" else None


def _is_bold(run) -> bool:
    """True for a run (w:r) set in bold type, directly or by the "Strong" character style."""
    if run is None:
        return False
    bold = run.find(f"{qn('w:rPr')}/{qn('w:b')}")
    if bold is not None:
        return bold.get(qn("w:val"), "true").lower() not in ("0", "false", "off")
    style = run.find(f"{qn('w:rPr')}/{qn('w:rStyle')}")
    return style is not None and (style.get(qn("w:val")) or "").lower() == "strong"


def _block_elements(container) -> Iterator:
    """Yield the paragraphs and tables of ``container`` in order, including those inside content controls."""
    for child in container.iterchildren(qn("w:p"), qn("w:tbl"), qn("w:sdt")):
        if child.tag == qn("w:sdt"):
            for content in child.iterchildren(qn("w:sdtContent")):
                yield from _block_elements(content)
        else:
            yield child


def paragraph_text(element) -> str:
    """Return a paragraph's visible text on one line: its runs, hyperlinks, fields and inline content
    controls, tabs and breaks as spaces; text boxes and deleted text left out."""
    parts = element.xpath(_TEXT_XPATH)
    return " ".join("".join(" " if part.tag != qn("w:t") else part.text or "" for part in parts).split())


def table_rows(table: Table) -> Iterator[TextBlock]:
    """Yield one paragraph per table row, its distinct cells joined by " | " (as for HTML tables)."""
    for row in table.rows:
        cells = dict.fromkeys(
            " ".join(paragraph_text(p) for p in cell._tc.xpath(".//w:p")) for cell in row.cells  # noqa: SLF001
        )
        text = " | ".join(cell for cell in cells if cell)
        if text:
            yield TextBlock(text)


def heading_level(paragraph: DocxParagraph) -> int:
    """Return the paragraph's heading level (1-9) from its own or its style's outline level, else 0."""
    levels = paragraph._p.xpath("./w:pPr/w:outlineLvl/@w:val")
    style = paragraph.style
    seen = 0
    while not levels and style is not None and seen < 20:  # basedOn chains are short; a loop is a broken file
        levels = style.element.xpath("./w:pPr/w:outlineLvl/@w:val")
        style, seen = style.base_style, seen + 1
    try:
        level = int(levels[0]) if levels else _BODY_LEVEL
    except ValueError:
        return 0
    return level + 1 if 0 <= level < _BODY_LEVEL else 0


def _style_name(paragraph: DocxParagraph) -> str:
    """Return the lower-case name of the paragraph's style ("" for none)."""
    style = paragraph.style
    return (style.name or "").lower() if style is not None else ""


def _is_list_item(paragraph: DocxParagraph, style: str) -> bool:
    """True for a numbered or bulleted paragraph (direct numbering or a "List ..." style)."""
    return bool(paragraph._p.xpath("./w:pPr/w:numPr")) or bool(_LIST_STYLE.match(style))


def _header(blocks: list[tuple[TextBlock, bool]]) -> tuple[Header, list[tuple[TextBlock, bool]]]:
    """Return the header of the leading paragraphs that are header lines ("date: ...") and the blocks after them."""
    lines: list[str] = []
    for block, is_title in blocks[:_HEADER_PARAGRAPHS]:
        line = block.text + "\n"
        if block.is_heading or is_title or read_header(line).body_start < len(block.text):
            break
        lines.append(line)
    return read_header("".join(lines)), blocks[len(lines):]
