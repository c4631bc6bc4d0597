"""Sentence splitting with character offsets into ``Article.text``.

A rule of our own finds the clear sentence ends; pySBD decides only the pieces between them
that hold a doubtful one:

* A **clear** end is ``.``, ``!`` or ``?`` (then any closing quotes or brackets) after an
  ordinary word and before whitespace and a visible sentence start (a capital, a digit, an
  opening quote, a currency sign, a word like ``iPod``). An ordinary word is not a single letter
  (initials), has no dot beside a letter (``U.S``, ``p.m``, ``e.g``, ``bbc.co.uk``), is not in
  pySBD's own abbreviation list (``Mr``, ``Inc``, ``Jan``, ``May``...) and is not a number of one
  or two digits (list markers); an ellipsis is never a clear end. A full stop with no space
  before a common sentence opener and a lower-case word (``Monday.The firm``) is a clear end
  too, as are CJK full stops (``。！？``) and line breaks (pySBD's own rule). Clear ends split
  quotations as well, which pySBD does not: ``"We built the models. Unlike the old ones, ...``
  is two sentences, and so is ``"It rose." "It fell."``.
* A piece between clear ends that still holds a doubtful end (a terminator, a space and no
  lower-case letter: ``Mr. Smith``, ``the U.S. The``) goes to pySBD, cut into pieces of at most
  ``PYSBD_CHUNK`` characters; any other piece is one sentence. Most of a news article needs no
  pySBD call, which was most of the analysis time.

pySBD's segments are located in their piece with ``str.find`` (its own ``char_span`` can
mis-locate repeated sentences); a quotation left open at the start of a piece is hidden from it
(it would cut ``"Mr.`` | ``Smith agreed.``), and a closing quote it leaves at the start of the
next sentence is given back. No sentence is longer than ``MAX_CHUNK`` characters. Everything else is regular
expressions over the text and a bounded look around each candidate: linear in the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

import pysbd
from pysbd.exclamation_words import ExclamationWords
from pysbd.lang.english import English

from ..model import Article, Paragraph, Sentence

MAX_CHUNK = 20_000
"""Longest sentence (characters): a longer run without a sentence end is cut at whitespace."""
WRAP_MIN_WIDTH = 40
"""Shortest longest-line (characters) of a paragraph taken as hard-wrapped prose (see ``unwrap``)."""
PYSBD_CHUNK = 2_000
"""Longest piece handed to pySBD at once (characters): pySBD's time per character grows with
the length of its input (about 8 us at 2,000 characters of abbreviations, 65 us at 20,000)."""

_CLOSERS = "\"'\u2019\u201d)]"
"""Closing quotes and brackets that may follow a sentence's final punctuation."""
_OPENERS = "\"'\u2018\u201c(["
"""Opening quotes and brackets that may precede a sentence's first letter."""
_CLOSER_CLASS = re.escape(_CLOSERS)
_GLUED_OPENERS = ("The", "This", "That", "These", "Those", "There", "Their", "They", "It", "Its",
                  "He", "His", "She", "Her", "We", "Our", "You", "But", "And", "In", "On", "At",
                  "For", "If", "When", "While", "As", "After", "However")
"""Common sentence openers: a full stop glued to one of them and a lower-case word after it
(``said.The firm``) is a missing space; any capitalised word would split ``One.Tel went``."""
_SENTENCE_END = re.compile(rf"[.!?][{_CLOSER_CLASS}]*\s+")
_WHITESPACE = re.compile(r"\s+")

#: A possible sentence end for the clear-end rule: a run of terminators (group ``term``) and closing
#: quotes or brackets, then whitespace (group ``space``) and more text, or no space and one of
#: ``_GLUED_OPENERS`` before a lower-case word; else CJK terminators, or a line break.
#: Each alternative starts where its run starts, so no run is rescanned: linear time.
_CANDIDATE = re.compile(
    rf"(?<![.!?\u2026])(?P<term>[.!?\u2026]+)[{_CLOSER_CLASS}]*"
    rf"(?:(?P<space>\s+)(?=\S)|(?=(?:{'|'.join(_GLUED_OPENERS)})\s+[a-z]))"
    rf"|(?<![\u3002\uff01\uff1f\uff61])[\u3002\uff01\uff1f\uff61]+[{_CLOSER_CLASS}\u300d\u300f\uff09]*"
    r"|[\r\n]"
)
#: What pySBD may still split at inside a piece between clear ends: a terminator followed by a
#: space and something other than a lower-case letter.
_AMBIGUOUS = re.compile(rf"[.!?\u2026\u203c\u2047-\u2049\uff0e][{_CLOSER_CLASS}]*\s+[^\sa-z]")
_DOUBLE_QUOTES = "\"\u201c\u201d\u201e\u00ab\u00bb"
_ALNUM = re.compile(r"[^\W_]")
_DOT_BY_LETTER = re.compile(r"\.[^\W\d_]|[^\W\d_]\.")
_ABBREVIATIONS = frozenset(English.Abbreviation.ABBREVIATIONS)
_EXCLAMATION_WORDS = frozenset(ExclamationWords.EXCLAMATION_WORDS)
_TOKEN_WINDOW = 64
"""How far back (characters) the word before a possible end is looked for."""


@lru_cache(maxsize=1)
def _segmenter() -> pysbd.Segmenter:
    """Return the shared English pySBD segmenter (it keeps the text unchanged)."""
    return pysbd.Segmenter(language="en", clean=False)


def split_sentences(article: Article) -> tuple[Sentence, ...]:
    """Return every sentence of the article's paragraphs in reading order, with offsets."""
    sentences: list[Sentence] = []
    for section_index, section in enumerate(article.sections):
        for paragraph_index, paragraph in enumerate(section.paragraphs):
            for start, end in paragraph_spans(paragraph):
                sentences.append(Sentence(article.text[start:end], start, end,
                                          section_index, paragraph_index))
    return tuple(sentences)


def paragraph_spans(paragraph: Paragraph) -> list[tuple[int, int]]:
    """Return absolute ``(start, end)`` spans of the sentences of one paragraph."""
    return [(paragraph.start + start, paragraph.start + end) for start, end in segment_spans(paragraph.text)]


def segment_spans(text: str) -> list[tuple[int, int]]:
    """Return ``(start, end)`` spans of the sentences of ``text``, stripped of whitespace.

    Soft line breaks (see ``unwrap``) are read as spaces; the spans index ``text`` itself.
    """
    text = unwrap(text)
    spans: list[tuple[int, int]] = []
    for piece_start, piece_end in _clear_pieces(text):
        ambiguous = _AMBIGUOUS.search(text, piece_start, piece_end) is not None
        for start, end in _chunks(text, piece_start, piece_end, PYSBD_CHUNK if ambiguous else MAX_CHUNK):
            if ambiguous and _AMBIGUOUS.search(text, start, end):
                spans.extend((start + a, start + b) for a, b in _pysbd_spans(text[start:end]))
            else:
                _append_stripped(text, start, end, spans)
    return _attach_bare_punctuation(text, spans)


def unwrap(text: str) -> str:
    """Return ``text`` with the line breaks of hard-wrapped lines turned into spaces (same length).

    A paragraph wrapped at a fixed width (plain-text mail and wire copy) breaks a line where the
    next word would not fit. So a line break is soft when the paragraph's longest line is at least
    ``WRAP_MIN_WIDTH`` characters and the line before it, a space and the next line's first word
    would be longer than that longest line. Short lines (a list without markers, an address) and
    a line that ends well before the width keep their break, which ends a sentence.
    """
    if "\n" not in text:
        return text
    lines = text.split("\n")
    width = max(len(line.rstrip()) for line in lines)
    if width < WRAP_MIN_WIDTH:
        return text
    out = list(text)
    offset = 0
    for line, following in zip(lines, lines[1:]):
        offset += len(line)
        next_word = following.split(maxsplit=1)[0] if following.strip() else ""
        if next_word and len(line.rstrip()) + 1 + len(next_word) > width:
            out[offset] = " "
        offset += 1
    return "".join(out)


def _chunks(text: str, start: int, end: int, limit: int) -> list[tuple[int, int]]:
    """Return ``[start, end)`` of ``text`` cut by ``chunk_spans`` into pieces of at most ``limit``."""
    if end - start <= limit:
        return [(start, end)]
    return [(start + a, start + b) for a, b in chunk_spans(text[start:end], limit)]


def _clear_pieces(text: str) -> Iterator[tuple[int, int]]:
    """Yield the spans of ``text`` between its clear sentence ends (unstripped, covering it)."""
    start = 0
    for match in _CANDIDATE.finditer(text):
        space = match.group("space")
        if match.group("term") is None:       # CJK terminators or a line break: always an end
            cut = match.end()
        elif _is_clear_end(text, match):
            cut = match.start("space") if space is not None else match.end()
        elif space is not None and ("\n" in space or "\r" in space):
            cut = match.start("space")        # a line break ends a sentence, as in pySBD
        else:
            continue
        if cut > start:
            yield start, cut
            start = cut
    yield start, len(text)


def _is_clear_end(text: str, match: re.Match[str]) -> bool:
    """Return whether the Latin terminators of ``match`` clearly end a sentence."""
    if match.group("space") is not None:
        following = text[match.end():match.end() + _TOKEN_WINDOW].lstrip(_OPENERS)
        if not following or not (following[0].isupper() or following[0].isdigit()
                                 or following[0] in "\u00a3$\u20ac" or following[1:2].isupper()):
            return False                      # "e.g. in Asia", "etc. and so on"; "iPod" starts
    term = match.group("term")
    if term != "." and term.strip("!?"):
        return False                          # ellipses and runs of dots are pySBD's call
    window = text[max(0, match.start() - _TOKEN_WINDOW):match.start()]
    token = "" if not window or window[-1].isspace() else window.rsplit(maxsplit=1)[-1]
    token = token.lstrip(_OPENERS).rstrip(_CLOSERS).lstrip(_OPENERS)
    if term[0] == "!" and token + "!" in _EXCLAMATION_WORDS:
        return False                          # Yahoo!
    if term != ".":
        return True
    if len(token) < 2 or _DOT_BY_LETTER.search(token):
        return False                          # an initial, or U.S. / p.m. / e.g. / a URL
    if token.isdigit():
        return len(token) > 2                 # "1. The first item" is a list marker
    return token.lower() not in _ABBREVIATIONS


def locate_in_order(text: str, pieces: Iterable[str]) -> tuple[list[tuple[int, int]], int]:
    """Return the spans of ``pieces`` (stripped) found one after another in ``text``, and where the
    search stopped; a piece not found ends it."""
    spans: list[tuple[int, int]] = []
    cursor = 0
    for piece in pieces:
        piece = piece.strip()
        if not piece:
            continue
        found = text.find(piece, cursor)
        if found < 0:
            break
        spans.append((found, found + len(piece)))
        cursor = found + len(piece)
    return spans, cursor


def _pysbd_spans(text: str) -> list[tuple[int, int]]:
    """Return pySBD's sentence spans of ``text`` (stripped), located with ``str.find``.

    A quotation left open at the start of ``text`` (news style: each quoted sentence opens a
    quote) is hidden from pySBD, which would cut after the next abbreviation (``"Mr.`` |
    ``Smith agreed.``); the quote is given back to the first sentence.
    """
    lead = len(text) - len(text.lstrip())
    masked = text
    if text[lead:lead + 1] in _DOUBLE_QUOTES and sum(map(text.count, _DOUBLE_QUOTES)) % 2:
        masked = f"{text[:lead]} {text[lead + 1:]}"
    # pySBD's processor gives the sentences; its segment() would then locate each one with a
    # fresh regex over the whole text, which ``locate_in_order`` does with str.find instead.
    spans, cursor = locate_in_order(masked, _segmenter().processor(masked).process())
    _append_stripped(masked, cursor, len(masked), spans)
    if masked is not text and spans:
        spans[0] = (lead, spans[0][1])
    return spans


def _append_stripped(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    """Append ``text[start:end]`` without its surrounding whitespace to ``spans`` unless blank."""
    piece = text[start:end]
    stripped = piece.strip()
    if stripped:
        start += len(piece) - len(piece.lstrip())
        spans.append((start, start + len(stripped)))


def _attach_bare_punctuation(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Return ``spans`` with stray punctuation given back to the sentence it belongs to.

    pySBD sometimes cuts before a closing quote (``...it is.`` then ``" So checking...``) or
    leaves a quote alone: closing quotes or brackets followed by a space at the start of a
    sentence join the previous sentence, and a piece without letters or digits joins a neighbour,
    as long as the sentence stays within ``MAX_CHUNK`` characters.
    """
    out: list[tuple[int, int]] = []
    pending: int | None = None                # start of leading bare pieces, for the next span
    for start, end in spans:
        if out:
            lead = start
            while lead < end and text[lead] in _CLOSERS:
                lead += 1
            if lead > start and (lead == end or text[lead].isspace()) and lead - out[-1][0] <= MAX_CHUNK:
                out[-1] = (out[-1][0], lead)
                start = lead + len(text[lead:end]) - len(text[lead:end].lstrip())
                if start >= end:
                    continue
        bare = not _ALNUM.search(text, start, end)
        if bare and out and end - out[-1][0] <= MAX_CHUNK:
            out[-1] = (out[-1][0], end)
        elif bare and pending is None and not out:
            pending = start
        elif pending is not None and end - pending <= MAX_CHUNK:
            out.append((pending, end))
            pending = None
        else:
            if pending is not None:
                out.append((pending, start))
                pending = None
            out.append((start, end))
    if pending is not None:
        out.append((pending, spans[-1][1]))
    return out


def chunk_spans(text: str, limit: int) -> Iterator[tuple[int, int]]:
    """Yield spans covering ``text`` in pieces of at most ``limit`` characters.

    A piece ends at the last sentence end before the limit, else at the last whitespace, else
    exactly at the limit (text without spaces, such as CJK).
    """
    start = 0
    while len(text) - start > limit:
        window = text[start:start + limit]
        cut = _last_match_end(_SENTENCE_END, window, limit // 2)
        if cut is None:
            cut = _last_match_end(_WHITESPACE, window, 1)
        if cut is None:
            cut = limit
        yield start, start + cut
        start += cut
    yield start, len(text)


def _last_match_end(pattern: re.Pattern[str], window: str, minimum: int) -> int | None:
    """Return the end of the last match of ``pattern`` in ``window`` past ``minimum``, or None."""
    last = None
    for match in pattern.finditer(window, minimum):
        last = match.end()
    return last
