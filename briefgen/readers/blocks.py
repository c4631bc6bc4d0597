"""Building ``Article.text`` and sections from a flat list of headings and paragraphs (.md, .html)."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Paragraph, Section

#: What separates blocks in the plain text built for Markdown and HTML articles.
BLOCK_SEPARATOR = "\n\n"


@dataclass(frozen=True)
class TextBlock:
    """A heading (``heading_level`` 1-6) or a paragraph (level 0) of plain text."""

    text: str
    heading_level: int = 0
    is_list_item: bool = False

    @property
    def is_heading(self) -> bool:
        """Return True for a heading block."""
        return self.heading_level > 0


def assemble(title: str | None, blocks: list[TextBlock]) -> tuple[str, tuple[Section, ...]]:
    """Return the plain text (title and blocks joined by blank lines) and sections with offsets into it."""
    pieces: list[str] = [title] if title else []
    offset = len(title) + len(BLOCK_SEPARATOR) if title else 0
    sections: list[Section] = []
    heading: str | None = None
    paragraphs: list[Paragraph] = []
    for block in blocks:
        if block.is_heading:
            if paragraphs or heading is not None:
                sections.append(Section(heading, tuple(paragraphs)))
            heading, paragraphs = block.text, []
        else:
            paragraphs.append(Paragraph(block.text, offset, offset + len(block.text), block.is_list_item))
        pieces.append(block.text)
        offset += len(block.text) + len(BLOCK_SEPARATOR)
    if paragraphs or heading is not None:
        sections.append(Section(heading, tuple(paragraphs)))
    return BLOCK_SEPARATOR.join(pieces), tuple(sections)
