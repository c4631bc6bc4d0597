"""Plain-text articles: optional header lines, a ``date YYYY-MM-DD`` token, a headline, short-line headings.

Layout rules (blocks are runs of lines separated by blank lines):

* Header lines ``source: X``, ``author: Y``, ``title: Z``, ``date: 2024-01-30`` at the very top.
* A ``date YYYY-MM-DD`` token before the first words (possibly on the first paragraph's line).
* The first block is the title when it is one short line (<= 20 words) without a final period
  (an ellipsis is allowed) and more text follows (BBC style).
* A heading is a one-line block of <= 12 words with no final punctuation, starting with a capital
  or digit, after at least one body paragraph, followed by a block that starts like a sentence.
  A lone candidate is not trusted: headings are kept only when a text has at least two.

``Article.text`` is the whole decoded file; each paragraph is an honest slice of it (a paragraph
wrapped over several lines keeps its newlines).
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

from ..model import Article, Paragraph, Section

TITLE_MAX_WORDS = 20
HEADING_MAX_WORDS = 12
#: Headings must be confirmed by at least this many candidates in one text.
MIN_HEADINGS = 2

_HEADER_LINE = re.compile(r"[ \t]*(source|author|title|date)[ \t]*:[ \t]*(\S[^\n]*?)[ \t]*(?:\n|$)", re.I)
_DATE_TOKEN = re.compile(r"\s*date[ \t]+(\d{4}-\d{2}-\d{2})\b[ \t]*", re.I)
_FINAL_PUNCTUATION = ".!?:;,\"'”’»)]…-–—"
_LIST_MARKER = re.compile(r"[-*•–]\s|\d+[.)]\s")


@dataclass(frozen=True)
class Block:
    """A run of non-blank lines: its stripped text and its span in the article text."""

    text: str
    start: int
    end: int

    @property
    def is_single_line(self) -> bool:
        """Return True when the block has no line break."""
        return "\n" not in self.text


@dataclass(frozen=True)
class Header:
    """What the top of a text file declares, and where its body starts."""

    title: str | None
    date: _dt.date | None
    source: str | None
    author: str | None
    body_start: int


def parse_iso_date(value: str) -> _dt.date | None:
    """Return the date at the start of ``value`` (``YYYY-MM-DD``), or None when it is not one."""
    try:
        return _dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def read_header(text: str) -> Header:
    """Return the header fields at the top of ``text`` and the offset where the body starts."""
    fields: dict[str, str] = {}
    pos = len(text) - len(text.lstrip("\n"))
    while match := _HEADER_LINE.match(text, pos):
        fields.setdefault(match.group(1).lower(), match.group(2))
        pos = match.end()
    date = parse_iso_date(fields["date"]) if "date" in fields else None
    if token := _DATE_TOKEN.match(text, pos):
        date = date or parse_iso_date(token.group(1))
        pos = token.end()
    return Header(fields.get("title"), date, fields.get("source"), fields.get("author"), pos)


def split_blocks(text: str, start: int) -> list[Block]:
    """Return the blank-line separated blocks of ``text`` from ``start`` on, stripped, with spans."""
    blocks: list[Block] = []
    block_start: int | None = None
    block_end = start
    pos = start
    for line in text[start:].split("\n"):
        if line.strip():
            if block_start is None:
                block_start = pos + len(line) - len(line.lstrip())
            block_end = pos + len(line.rstrip())
        elif block_start is not None:
            blocks.append(Block(text[block_start:block_end], block_start, block_end))
            block_start = None
        pos += len(line) + 1
    if block_start is not None:
        blocks.append(Block(text[block_start:block_end], block_start, block_end))
    return blocks


def ends_with_punctuation(line: str) -> bool:
    """Return True when ``line`` ends with sentence punctuation or a closing quote or bracket."""
    return line.rstrip()[-1:] in _FINAL_PUNCTUATION


def is_title_block(block: Block, has_more: bool) -> bool:
    """Return True when the first block reads as a headline (short line, no final period)."""
    words = block.text.split()
    return (
        has_more
        and block.is_single_line
        and 0 < len(words) <= TITLE_MAX_WORDS
        and (not block.text.endswith(".") or block.text.endswith("..."))
        and _LIST_MARKER.match(block.text) is None
    )


def starts_like_sentence(text: str) -> bool:
    """Return True when ``text`` starts with a capital, a digit or an opening quote (not a list or lowercase)."""
    first = text[:1]
    return bool(first) and (first.isupper() or first.isdigit() or first in "\"'“‘(") and not _LIST_MARKER.match(text)


def is_heading_candidate(block: Block, following: Block | None) -> bool:
    """Return True when ``block`` looks like a section heading followed by body text."""
    words = block.text.split()
    return (
        following is not None
        and block.is_single_line
        and 0 < len(words) <= HEADING_MAX_WORDS
        and not ends_with_punctuation(block.text)
        and starts_like_sentence(block.text)
        and any(ch.isalpha() for ch in block.text)
        and starts_like_sentence(following.text)
    )


def find_headings(blocks: list[Block]) -> set[int]:
    """Return the indexes of heading blocks (none unless at least ``MIN_HEADINGS`` candidates)."""
    found = {
        i
        for i in range(1, len(blocks))
        if is_heading_candidate(blocks[i], blocks[i + 1] if i + 1 < len(blocks) else None)
    }
    return found if len(found) >= MIN_HEADINGS else set()


def build_sections(blocks: list[Block], headings: set[int]) -> tuple[Section, ...]:
    """Return sections: body blocks grouped under the heading block that precedes them."""
    sections: list[Section] = []
    heading: str | None = None
    paragraphs: list[Paragraph] = []
    for i, block in enumerate(blocks):
        if i in headings:
            if paragraphs or heading is not None:
                sections.append(Section(heading, tuple(paragraphs)))
            heading, paragraphs = block.text, []
        else:
            paragraphs.append(Paragraph(block.text, block.start, block.end, _is_list_item(block.text)))
    if paragraphs or heading is not None:
        sections.append(Section(heading, tuple(paragraphs)))
    return tuple(sections)


def _is_list_item(text: str) -> bool:
    """Return True when a block starts with a bullet or number marker."""
    return _LIST_MARKER.match(text) is not None


def parse_text(text: str, path: str) -> Article:
    """Return the ``Article`` for decoded plain ``text`` read from ``path``."""
    header = read_header(text)
    blocks = split_blocks(text, header.body_start)
    title = header.title
    if title is None and blocks and is_title_block(blocks[0], len(blocks) > 1):
        title = blocks.pop(0).text
    return Article(
        path=path,
        text=text,
        title=title,
        date=header.date,
        source=header.source,
        author=header.author,
        sections=build_sections(blocks, find_headings(blocks)),
    )
