"""Markdown articles: YAML front matter plus a CommonMark body parsed with markdown-it-py.

Headings of any level start sections; the first H1 is the title when the front matter has none.
Paragraphs, list items (``is_list_item=True``) and block quotes become paragraphs, with inline
markup reduced to its text (emphasis dropped, links and images to their text, code to its
content). Code blocks, raw HTML blocks and tables are left out.

``Article.text`` is the plain text built here: title, headings and paragraphs joined by blank
lines, with every paragraph's offsets pointing into it.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token

from ..errors import InputError
from ..model import Article
from .blocks import TextBlock, assemble
from .text import parse_iso_date

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)


@dataclass(frozen=True)
class FrontMatter:
    """The fields briefgen uses from YAML front matter."""

    title: str | None = None
    date: _dt.date | None = None
    source: str | None = None
    author: str | None = None


def split_front_matter(text: str, path: str) -> tuple[FrontMatter, str]:
    """Return the parsed front matter and the Markdown body; raises ``InputError`` on invalid YAML."""
    match = _FRONT_MATTER.match(text)
    if match is None:
        return FrontMatter(), text
    try:
        data = yaml.safe_load(match.group(1) or "")
    except yaml.YAMLError as exc:
        raise InputError(f"has invalid YAML front matter: {_first_line(str(exc))}", path=path) from exc
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise InputError("has front matter that is not a YAML mapping of fields", path=path)
    return _front_matter_fields(data), text[match.end():]


def _first_line(message: str) -> str:
    """Return the first line of a multi-line message."""
    return message.strip().splitlines()[0] if message.strip() else message


def _front_matter_fields(data: dict[object, object]) -> FrontMatter:
    """Return the title/date/source/author fields of a front-matter mapping (lower-case keys)."""
    fields = {str(k).lower(): v for k, v in data.items()}
    return FrontMatter(
        title=_text_field(fields.get("title")),
        date=_date_field(fields.get("date")),
        source=_text_field(fields.get("source")),
        author=_author_field(fields.get("author", fields.get("authors"))),
    )


def _text_field(value: object) -> str | None:
    """Return a scalar front-matter value as stripped text, None when absent or empty."""
    if value is None or isinstance(value, (dict, list)):
        return None
    text = " ".join(str(value).split())
    return text or None


def _author_field(value: object) -> str | None:
    """Return an author field (a name or a list of names) as text."""
    if isinstance(value, list):
        names = [name for name in (_text_field(v) for v in value) if name]
        return ", ".join(names) or None
    return _text_field(value)


def _date_field(value: object) -> _dt.date | None:
    """Return a YAML date, datetime or ISO date string as a date, else None."""
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    if isinstance(value, str):
        return parse_iso_date(value)
    return None


def inline_text(token: Token) -> str:
    """Return the plain text of an inline token: markup dropped, soft breaks as spaces."""
    parts: list[str] = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "image":
            parts.append(inline_text(child))
    return " ".join("".join(parts).split())


def markdown_blocks(tokens: Sequence[Token]) -> list[TextBlock]:
    """Return the headings and paragraphs of a markdown-it token stream, in order."""
    blocks: list[TextBlock] = []
    list_depth = 0
    heading_level = 0
    for token in tokens:
        if token.type in ("bullet_list_open", "ordered_list_open"):
            list_depth += 1
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            list_depth -= 1
        elif token.type == "heading_open":
            heading_level = int(token.tag[1:])
        elif token.type == "heading_close":
            heading_level = 0
        elif token.type == "inline":
            text = inline_text(token)
            if text:
                blocks.append(TextBlock(text, heading_level, list_depth > 0 and not heading_level))
    return blocks


def _title_and_body(blocks: list[TextBlock], front: FrontMatter) -> tuple[str | None, list[TextBlock]]:
    """Return the title (front matter, else the first H1) and the blocks left for the body."""
    first_h1 = next((i for i, b in enumerate(blocks) if b.heading_level == 1), None)
    if first_h1 is None:
        return front.title, blocks
    h1 = blocks[first_h1].text
    if front.title is None or " ".join(front.title.split()) == h1:
        return front.title or h1, blocks[:first_h1] + blocks[first_h1 + 1:]
    return front.title, blocks


def parse_markdown(text: str, path: str) -> Article:
    """Return the ``Article`` for decoded Markdown ``text`` read from ``path``.

    Raises ``InputError`` when the front matter is invalid or the file holds no text.
    """
    front, body = split_front_matter(text, path)
    tokens = MarkdownIt("commonmark").parse(body)
    title, blocks = _title_and_body(markdown_blocks(tokens), front)
    plain, sections = assemble(title, blocks)
    if not any(section.paragraphs for section in sections):
        raise InputError("has no article text (only front matter, headings or code)", path=path)
    return Article(
        path=path,
        text=plain,
        title=title,
        date=front.date,
        source=front.source,
        author=front.author,
        sections=sections,
    )
