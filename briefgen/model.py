"""The document model shared by every stage: values only (frozen dataclasses, tuples, enums).

readers  -> ``Article``                     (text, title, date, source, sections of paragraphs)
analysis -> ``Brief``                       (Article + sentences, takeaways, figures, section points)
plan     -> ``DeckPlan`` / ``DocPlan``      (what goes on which slide / into which block, as text)
render   -> .pptx / .docx files

Every character offset (``start``/``end``) points into ``Article.text``, so that
``article.text[x.start:x.end] == x.text`` for paragraphs, sentences, takeaways and figures.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field
from enum import Enum

SCHEMA_VERSION = 1

SPACE_RUN = r"[ \t]{2,}|\t"
"""A run of spaces or a tab: the renderers write it as one space (a tab would jump to a tab stop)."""

LINE_BREAKING_SPACE = r"[^\S\u00a0\u2007\u202f]+"
"""A run of whitespace a line may break at: any but the no-break spaces (U+00A0, figure space U+2007,
narrow no-break space U+202F), which keep "10\u00a0000" or "5\u00a0%" together on slides as in Word."""
_LINE_BREAKING_SPACE = re.compile(LINE_BREAKING_SPACE)


def one_line(text: str) -> str:
    """Return ``text`` on one line: each run of whitespace a line may break at one space, no-break
    spaces kept, the ends stripped. The readers, figure display and slides all write text so."""
    return _LINE_BREAKING_SPACE.sub(" ", text).strip()


GENERATOR = "briefgen"
"""The author written into every deck and Word briefing; a Word file with this author is refused as an article."""

XML_ILLEGAL = "\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff"
"""Characters XML 1.0, and so every OOXML part, cannot hold (C0 controls but tab, newline and CR;
surrogates; U+FFFE, U+FFFF), as the body of a regex character class: the readers drop them from
articles and the renderers never write them, whatever else they clean."""


# --------------------------------------------------------------------------------------------
# Article: what a reader produces
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Paragraph:
    """One paragraph (or list item) of body text; ``text == article.text[start:end]``."""

    text: str
    start: int
    end: int
    is_list_item: bool = False


@dataclass(frozen=True)
class Section:
    """A heading (None for the part before the first heading) and its paragraphs."""

    heading: str | None
    paragraphs: tuple[Paragraph, ...]


@dataclass(frozen=True)
class Article:
    """An article as read from one file, before any analysis.

    ``path`` is the input file as given; ``text`` the decoded plain text that all offsets point
    into (for .txt the file itself with newlines normalised; for .md/.html the extracted text).
    ``title`` is None when the article has no headline of its own (analysis derives one).
    ``source`` is the publication or site name when known, else None.
    """

    path: str
    text: str
    title: str | None
    date: _dt.date | None
    source: str | None
    author: str | None
    sections: tuple[Section, ...]

    @property
    def paragraphs(self) -> tuple[Paragraph, ...]:
        """All paragraphs in reading order."""
        return tuple(p for s in self.sections for p in s.paragraphs)


# --------------------------------------------------------------------------------------------
# Brief: what analysis produces
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Sentence:
    """One sentence; ``section``/``paragraph`` index into ``Article.sections`` and its paragraphs."""

    text: str
    start: int
    end: int
    section: int
    paragraph: int


class FigureKind(str, Enum):
    """What a figure measures; the values are the names used in ``parse --json``."""

    MONEY = "money"
    PERCENT = "percent"
    COUNT = "count"
    QUANTITY = "quantity"
    DATE = "date"
    YEAR = "year"
    RATIO = "ratio"
    OTHER = "other"


class Change(str, Enum):
    """Direction of change stated next to a figure ("up 27%", "fell to ...")."""

    UP = "up"
    DOWN = "down"


@dataclass(frozen=True)
class Figure:
    """A quantity found in the article.

    ``value`` is at full scale (1.13e9 for "$1.13bn", 76 for "76%", 2024 for a year; an ISO
    date string "2024-01-30" for a full date) or a ``(low, high)`` pair for ranges.
    ``unit`` is an ISO 4217 code for money, "%" or "percentage points" for percentages, the
    counted noun for counts ("researchers"), a unit name for quantities, None otherwise.
    ``display`` is the short form for a large-number tile ("250 billion yuan", "7,000", "27%").
    ``label`` is a short readable description built from the sentence.
    ``start``/``end`` locate ``text`` in ``Article.text``; ``sentence`` is the source sentence.
    """

    text: str
    value: float | str | tuple[float, float]
    unit: str | None
    kind: FigureKind
    display: str
    label: str
    sentence: Sentence
    start: int
    end: int
    key: bool = False
    change: Change | None = None
    subject: str | None = None


@dataclass(frozen=True)
class Takeaway:
    """A point of the executive summary: a (possibly trimmed) sentence and its source span.

    ``start``/``end`` is the span of the source sentence in ``Article.text``; ``text`` is the
    takeaway as shown (equal to the sentence, or a faithful trimmed form of it).
    """

    text: str
    start: int
    end: int
    sentence: Sentence


@dataclass(frozen=True)
class SectionBrief:
    """A section with the 3-5 concise points drawn from it (its full text goes to the notes)."""

    heading: str | None
    points: tuple[Takeaway, ...]
    text: str


@dataclass(frozen=True)
class Brief:
    """An analysed article: everything the plan stage needs, with pointers back to the source.

    ``title`` is the article's own title or one derived from its lead (``title_derived``).
    """

    article: Article
    title: str
    title_derived: bool
    sentences: tuple[Sentence, ...]
    takeaways: tuple[Takeaway, ...]
    figures: tuple[Figure, ...]
    sections: tuple[SectionBrief, ...]

    @property
    def key_figures(self) -> tuple[Figure, ...]:
        """The figures marked key, in reading order."""
        return tuple(f for f in self.figures if f.key)


# --------------------------------------------------------------------------------------------
# Plans: what the plan stage produces (text only; no python-pptx / python-docx objects)
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Tile:
    """A large-number tile: the number as shown and its label."""

    value: str
    label: str


@dataclass(frozen=True)
class Chart:
    """A bar chart of comparable figures (same kind and unit)."""

    title: str
    unit: str
    categories: tuple[str, ...]
    values: tuple[float, ...]
    number_format: str = "General"


@dataclass(frozen=True)
class Bullet:
    """A bullet point; ``level`` 0 is top level."""

    text: str
    level: int = 0


@dataclass(frozen=True)
class SlidePlan:
    """One slide: its manifest role (which names the layout) and its text content.

    Roles: "title", "summary", "figures", "section", "sources" (and any role the manifest
    maps). ``subtitle`` goes to the subtitle placeholder (title slide), ``bullets`` to the body,
    ``tiles``/``chart`` into the body area, ``notes`` to the speaker notes.
    """

    role: str
    title: str
    subtitle: str | None = None
    bullets: tuple[Bullet, ...] = ()
    tiles: tuple[Tile, ...] = ()
    chart: Chart | None = None
    notes: str = ""


@dataclass(frozen=True)
class DeckPlan:
    """The slides of one deck in order, plus the document properties."""

    title: str
    slides: tuple[SlidePlan, ...]
    subject: str = ""
    keywords: tuple[str, ...] = ()


class BlockKind(str, Enum):
    """The kinds of block in a Word briefing."""

    TITLE = "title"
    SUBTITLE = "subtitle"
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    BULLETS = "bullets"
    TABLE = "table"


@dataclass(frozen=True)
class DocBlock:
    """One block of a Word briefing.

    ``text`` for title/subtitle/heading/paragraph; ``items`` for bullets; ``rows`` (first row is
    the header) for tables; ``level`` for headings (1 = Heading 1).
    """

    kind: BlockKind
    text: str = ""
    level: int = 1
    items: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()


@dataclass(frozen=True)
class DocPlan:
    """The blocks of one Word briefing in order, plus the document properties."""

    title: str
    blocks: tuple[DocBlock, ...]
    subject: str = ""
    keywords: tuple[str, ...] = field(default_factory=tuple)


# --------------------------------------------------------------------------------------------
# Template descriptions: what a reference .pptx/.docx offers (``templates inspect``/``check``)
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PlaceholderInfo:
    """One placeholder of a layout: ``kind`` is the placeholder type's name ("title", "body", ...).

    Positions and sizes are in inches.
    """

    idx: int
    kind: str
    name: str
    left: float
    top: float
    width: float
    height: float


@dataclass(frozen=True)
class LayoutInfo:
    """A slide layout by name, with its placeholders."""

    name: str
    placeholders: tuple[PlaceholderInfo, ...]

    @property
    def kinds(self) -> frozenset[str]:
        """The placeholder kinds this layout has."""
        return frozenset(p.kind for p in self.placeholders)


@dataclass(frozen=True)
class DeckInfo:
    """What a reference deck offers: size (inches), layouts, theme fonts and colours, existing slides.

    ``slides`` holds (layout name, title text) per existing slide; ``colours`` (name, hex RGB).
    """

    path: str
    width: float
    height: float
    layouts: tuple[LayoutInfo, ...]
    major_font: str
    minor_font: str
    colours: tuple[tuple[str, str], ...]
    slides: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class StyleInfo:
    """A style of a reference document: its name and kind ("paragraph", "table", ...)."""

    name: str
    kind: str
    builtin: bool


@dataclass(frozen=True)
class DocumentInfo:
    """What a reference document offers: page size (inches), styles, fonts."""

    path: str
    page_width: float
    page_height: float
    styles: tuple[StyleInfo, ...]
    body_font: str
    heading_font: str
