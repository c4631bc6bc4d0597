"""HTML articles: the main content found by trafilatura, kept with its headings, lists and metadata.

trafilatura (XML output) finds the article body and its title, date, site name and author. Its
headings are then cleaned of site furniture: the title repeated as a heading, boilerplate such as
"Related articles" or "Share this", teaser labels in lower case, and headings left at the end
with no text under them.

``Article.text`` is the plain text built here: title, headings and paragraphs joined by blank
lines, with paragraph offsets pointing into it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import replace

import trafilatura
from lxml import etree

from ..errors import InputError
from ..model import Article, one_line
from .blocks import TextBlock, assemble
from .encoding import declared_charset, decode_text
from .text import parse_iso_date

#: Headings that label page furniture rather than a part of the article (matched on the whole heading).
FURNITURE_HEADING = re.compile(
    r"(?:(?:read|see|find out|learn) more.*|more (?:from|on|about|in|stories|news|articles|videos?)\b.*"
    r"|related(?: \w+){0,3}|(?:you|we think you) (?:might|may|will|could) (?:also )?(?:like|enjoy|be interested).*"
    r"|recommended(?: for you| reading| stories| articles)?|(?:most )?(?:popular|read|viewed|shared)(?: now| today| stories| articles)?"
    r"|trending(?: now| stories)?|top stories|(?:latest|recent)(?: news| stories| articles| posts)?|editor'?s? picks?"
    r"|share(?: this)?(?: \w+)?|follow us.*|sign up.*|subscribe.*|newsletters?.*|advertisement|sponsored.*"
    r"|comments?|leave a (?:comment|reply)|\d+ comments?|join the (?:conversation|discussion)"
    r"|tags?|topics?|categories|about the authors?|more|navigation|menu|search|footer"
    r"|(?:featured |related |recent |latest )?(?:videos?|photos?|galleries|slide ?shows?)|.* in pictures|don'?t miss.*)",
    re.IGNORECASE,
)

_XML_PARSER = etree.XMLParser(recover=True, resolve_entities=False, no_network=True)
_HTML_HEADING_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_HTML_TEXT_TAGS = {"p", "li", "blockquote", "pre", "dd", "dt", "td", "th", "figcaption", "address"}
#: How many leading characters of a normalised paragraph identify it in the page.
MATCH_PREFIX = 60
#: Below this many characters of paragraph text the precise extraction is suspect (about 150 words) ...
SHORT_EXTRACTION = 1000
#: ... and is replaced by the broad extraction when that finds at least this many times more text.
BROAD_EXTRACTION_RATIO = 4


def decode_html(data: bytes, path: str) -> str:
    """Return the page's text, decoded by BOM, UTF-8, then its declared charset (else cp1252)."""
    return decode_text(data, path, fallback=declared_charset(data) or "cp1252")


_CHARACTER_REFERENCE = re.compile(r"&#(?:[xX]([0-9a-fA-F]+)|([0-9]+));?")


def _is_illegal_code_point(code: int) -> bool:
    """True for a code point that XML cannot carry (C0 controls but tab/LF/CR, DEL, U+FFFE/U+FFFF, beyond U+10FFFF)."""
    return (code < 0x20 and code not in (0x09, 0x0A, 0x0D)) or code == 0x7F or code in (0xFFFE, 0xFFFF) or code > 0x10FFFF


def drop_illegal_references(page: str) -> str:
    """Return ``page`` without numeric character references to characters XML cannot carry (``&#1;``).

    One such reference makes the extractor give up on the whole page; references to C1 code points
    (``&#x9f;``) are left alone, since HTML maps them to cp1252 characters.
    """

    def replace(match: re.Match[str]) -> str:
        code = int(match.group(1), 16) if match.group(1) else int(match.group(2))
        return "" if _is_illegal_code_point(code) else match.group(0)

    return _CHARACTER_REFERENCE.sub(replace, page) if "&#" in page else page


#: A digit, a no-break, narrow no-break or thin space (as a character or an entity), then three
#: digits: a thousands group ("12&nbsp;500"), which the extractor would turn into a plain space.
_GROUPED_DIGITS = re.compile(
    r"(?<=\d)(?:[\u00a0\u202f\u2009]|&(?:nbsp|thinsp|nnbsp|NonBreakingSpace|ThinSpace);"
    r"|&#(?:160|8239|8201|[xX](?:0*[aA]0|202[fF]|2009));)(?=\d{3}(?!\d))"
)
#: What stands for a grouping space while the extractor works: printable (the extractor drops other
#: characters), not a space (it would be normalised) and all but unknown in articles.
_GROUP_MARK = "\u2e31"


def protect_grouped_digits(page: str) -> tuple[str, bool]:
    """Return ``page`` with the spaces that group digits marked (see ``_GROUPED_DIGITS``), and
    whether any were; ``restore_grouped_digits`` turns the marks into no-break spaces."""
    if _GROUP_MARK in page:
        return page, False
    marked = _GROUPED_DIGITS.sub(_GROUP_MARK, page)
    return marked, marked != page


def restore_grouped_digits(text: str) -> str:
    """Return ``text`` with each digit-grouping mark a no-break space again."""
    return text.replace(_GROUP_MARK, "\u00a0")


def extract_main_xml(page: str, *, favor_precision: bool = True) -> etree._Element | None:
    """Return trafilatura's XML document (``<doc>`` with metadata attributes and ``<main>``), or None.

    ``favor_precision`` picks trafilatura's precise mode (less boilerplate, sometimes less text)
    over its balanced one.
    """
    xml = trafilatura.extract(
        page,
        output_format="xml",
        include_comments=False,
        include_tables=True,
        favor_precision=favor_precision,
        with_metadata=True,
    )
    if not xml:
        return None
    root = etree.fromstring(xml.encode("utf-8"), parser=_XML_PARSER)
    return root


def clean_text(element: etree._Element) -> str:
    """Return the text of ``element`` and its descendants with whitespace collapsed."""
    return one_line("".join(element.itertext()))


def _own_item_text(item: etree._Element) -> str:
    """Return a list item's text without the text of lists nested inside it."""
    parts = [item.text or ""]
    for child in item:
        if child.tag != "list":
            parts.append("".join(child.itertext()))
        parts.append(child.tail or "")
    return one_line("".join(parts))


def list_blocks(element: etree._Element) -> Iterator[TextBlock]:
    """Yield one list-item paragraph per ``<item>``, nested lists flattened in reading order."""
    for item in element.iterchildren("item"):
        text = _own_item_text(item)
        if text:
            yield TextBlock(text, is_list_item=True)
        for nested in item.iterchildren("list"):
            yield from list_blocks(nested)


def table_blocks(element: etree._Element) -> Iterator[TextBlock]:
    """Yield one paragraph per table row, its cells joined by " | "."""
    for row in element.iter("row"):
        cells = [clean_text(cell) for cell in row.iterchildren("cell")]
        text = " | ".join(cell for cell in cells if cell)
        if text:
            yield TextBlock(text)


def heading_level(element: etree._Element) -> int:
    """Return the level of a ``<head>`` (from ``rend="h3"``; 2 when unknown)."""
    match = re.fullmatch(r"h([1-6])", element.get("rend", ""))
    return int(match.group(1)) if match else 2


def main_blocks(main: etree._Element) -> Iterator[TextBlock]:
    """Yield the headings and paragraphs of trafilatura's ``<main>`` element in reading order."""
    for child in main:
        if child.tag == "head":
            text = clean_text(child)
            if text:
                yield TextBlock(text, heading_level=heading_level(child))
        elif child.tag == "list":
            yield from list_blocks(child)
        elif child.tag == "table":
            yield from table_blocks(child)
        elif child.tag == "quote" and len(child) and all(c.tag in ("p", "list") for c in child):
            yield from main_blocks(child)
        elif child.tag != "graphic":
            text = clean_text(child)
            if text:
                yield TextBlock(text)


def _text_length(blocks: list[TextBlock]) -> int:
    """Return the number of characters of paragraph text in ``blocks``."""
    return sum(len(b.text) for b in blocks if not b.is_heading)


def reads_as_prose(block: TextBlock) -> bool:
    """Return True for a paragraph of running text: 8+ words, ends a sentence, not mostly capitals.

    Teasers, link lines and "CLICK HERE" banners that sit between an article's paragraphs fail it.
    """
    text = block.text
    letters = [c for c in text if c.isalpha()]
    return (
        not block.is_heading
        and len(text.split()) >= 8
        and re.search(r"[.!?][\"'”’)]?$", text) is not None
        and sum(c.isupper() for c in letters) <= 0.3 * len(letters)
    )


def merge_extractions(precise: list[TextBlock], broad: list[TextBlock]) -> list[TextBlock]:
    """Return the article's blocks from trafilatura's precise extraction, repaired by its broad one.

    When the precise extraction kept almost nothing and the broad one much more, the precise one
    picked the wrong block (a reprint notice, a caption): the broad blocks are returned. Otherwise
    prose paragraphs that the broad extraction has between two adjacent precise blocks are put back:
    they lie inside the article, where precise mode sometimes drops a sentence-long paragraph.
    """
    if _text_length(precise) < SHORT_EXTRACTION and _text_length(broad) >= BROAD_EXTRACTION_RATIO * _text_length(precise):
        return broad
    keys = [normalise_heading(b.text) for b in broad]
    known = set(keys) & {normalise_heading(b.text) for b in precise}
    positions: list[int | None] = []
    cursor = 0
    for block in precise:
        key = normalise_heading(block.text)
        found = next((i for i in range(cursor, len(keys)) if keys[i] == key), None)
        positions.append(found)
        if found is not None:
            cursor = found + 1
    merged: list[TextBlock] = []
    for index, block in enumerate(precise):
        start, end = (positions[index - 1], positions[index]) if index else (None, None)
        if start is not None and end is not None:
            merged.extend(broad[i] for i in range(start + 1, end) if keys[i] not in known and reads_as_prose(broad[i]))
        merged.append(block)
    return merged


def normalise_heading(text: str) -> str:
    """Return ``text`` folded for comparison: NFKC, case-folded, letters and digits only."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(re.sub(r"[\W_]+", " ", folded).split())


def is_furniture_heading(text: str, title: str | None) -> bool:
    """Return True when a heading repeats the title, labels site furniture or starts in lower case."""
    if title and normalise_heading(text) == normalise_heading(title):
        return True
    if text[:1].islower():
        return True
    return FURNITURE_HEADING.fullmatch(text.strip(" :.!?»›>|-–—")) is not None


def clean_headings(blocks: list[TextBlock], title: str | None) -> list[TextBlock]:
    """Return ``blocks`` without furniture headings and without headings that have no text after them."""
    kept = [b for b in blocks if not (b.is_heading and is_furniture_heading(b.text, title))]
    while kept and kept[-1].is_heading:
        kept.pop()
    return kept


def page_outline(page: str) -> list[tuple[int, str]]:
    """Return the page's headings (level 1-6) and text blocks (level 0) in document order."""
    try:
        root = etree.fromstring(page, etree.HTMLParser(recover=True, no_network=True, remove_comments=True))
    except (etree.ParserError, ValueError):
        return []
    if root is None:
        return []
    etree.strip_elements(root, "script", "style", "noscript", "template", with_tail=False)
    outline: list[tuple[int, str]] = []
    for element in root.iter(*_HTML_HEADING_TAGS, *_HTML_TEXT_TAGS):
        text = " ".join("".join(element.itertext()).split())
        if text:
            outline.append((int(element.tag[1]) if element.tag in _HTML_HEADING_TAGS else 0, text))
    return outline


def _match_key(text: str) -> str:
    """Return the key that identifies a text block in the page outline."""
    return normalise_heading(text)[:MATCH_PREFIX]


def locate_paragraphs(blocks: list[TextBlock], outline: list[tuple[int, str]]) -> dict[int, int]:
    """Return {block index: outline index} for paragraphs found in the page, in increasing page order."""
    located: dict[int, int] = {}
    cursor = 0
    keys = [_match_key(text) if level == 0 else "" for level, text in outline]
    for index, block in enumerate(blocks):
        key = _match_key(block.text)
        if block.is_heading or len(key) < 20:
            continue
        found = next((i for i in range(cursor, len(keys)) if keys[i] and keys[i].startswith(key)), None)
        if found is not None:
            located[index] = found
            cursor = found + 1
    return located


def restore_page_headings(blocks: list[TextBlock], page: str) -> list[TextBlock]:
    """Return ``blocks`` with the page's own h2-h6 headings put back right above the located paragraphs they head."""
    outline = page_outline(page)
    located = locate_paragraphs(blocks, outline)
    known = {normalise_heading(b.text) for b in blocks if b.is_heading}
    restored: list[TextBlock] = []
    previous: int | None = None
    for index, block in enumerate(blocks):
        position = located.get(index)
        if position is not None and previous is not None and not any(b.is_heading for b in restored[-1:]):
            restored.extend(b for b in _headings_above(outline, previous, position) if normalise_heading(b.text) not in known)
        if position is not None:
            previous = position
        restored.append(block)
    return restored


def _headings_above(outline: list[tuple[int, str]], start: int, end: int) -> list[TextBlock]:
    """Return the h2-h6 headings directly above outline position ``end`` (after ``start``), no text between.

    Text further up (a teaser, a caption) does not matter: a heading right above a paragraph of
    the article heads that paragraph.
    """
    run: list[TextBlock] = []
    for level, text in reversed(outline[start + 1 : end]):
        if level == 0:
            break
        if level >= 2:
            run.append(TextBlock(text, heading_level=level))
    return run[::-1]


def parse_html(data: bytes, path: str) -> Article:
    """Return the ``Article`` for the HTML page ``data`` read from ``path``.

    Raises ``InputError`` when the bytes are binary or empty, or no article text is found.
    """
    page, marked = protect_grouped_digits(drop_illegal_references(decode_html(data, path)))
    root = extract_main_xml(page)
    main = root.find("main") if root is not None else None
    if main is None:
        raise InputError("no article text found in this HTML page", path=path)
    title = _attribute(root, "title")
    blocks = list(main_blocks(main))
    broad_root = extract_main_xml(page, favor_precision=False)
    broad_main = broad_root.find("main") if broad_root is not None else None
    if broad_main is not None:
        blocks = merge_extractions(blocks, list(main_blocks(broad_main)))
    blocks = clean_headings(restore_page_headings(blocks, page), title)
    if marked:
        blocks = [replace(b, text=restore_grouped_digits(b.text)) for b in blocks]
        title = restore_grouped_digits(title) if title else title
    if not any(not b.is_heading for b in blocks):
        raise InputError("no article text found in this HTML page", path=path)
    text, sections = assemble(title, blocks)
    return Article(
        path=path,
        text=text,
        title=title,
        date=parse_iso_date(root.get("date", "")),
        source=_attribute(root, "sitename"),
        author=_attribute(root, "author"),
        sections=sections,
    )


def _attribute(root: etree._Element, name: str) -> str | None:
    """Return a metadata attribute of trafilatura's ``<doc>`` with whitespace collapsed, or None."""
    value = " ".join((root.get(name) or "").split())
    return value or None
