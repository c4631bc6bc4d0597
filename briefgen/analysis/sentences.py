"""Sentence splitting with character offsets into ``Article.text``.

pySBD segments each paragraph; offsets are recomputed here by locating every segment in the
paragraph (pySBD's own ``char_span`` can mis-locate repeated sentences). Paragraphs longer than
``MAX_CHUNK`` characters are cut at a sentence end or whitespace first, because pySBD slows
down badly on very long inputs.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

import pysbd

from ..model import Article, Paragraph, Sentence

MAX_CHUNK = 20_000
"""Longest piece of a paragraph handed to pySBD at once (characters)."""

_SENTENCE_END = re.compile(r"[.!?][\"'\u2019\u201d)\]]*\s+")
_WHITESPACE = re.compile(r"\s+")
#: Characters at which pySBD may end a sentence; a chunk with none of them is one sentence, and
#: skipping pySBD for it avoids its slow abbreviation scan over long unpunctuated text.
_MAY_END_SENTENCE = re.compile("[.!?\n\r\u2026\u203c\u2047-\u2049\u3002\uff01\uff0e\uff1f\uff61]")


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
    spans: list[tuple[int, int]] = []
    for chunk_start, chunk_end in chunk_spans(paragraph.text, MAX_CHUNK):
        chunk = paragraph.text[chunk_start:chunk_end]
        for start, end in segment_spans(chunk):
            spans.append((paragraph.start + chunk_start + start, paragraph.start + chunk_start + end))
    return spans


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


def segment_spans(text: str) -> list[tuple[int, int]]:
    """Return ``(start, end)`` spans of the sentences of ``text``, stripped of whitespace."""
    if not text.strip():
        return []
    spans: list[tuple[int, int]] = []
    if not _MAY_END_SENTENCE.search(text):
        return _fallback_spans(text, spans, 0)
    cursor = 0
    # pySBD's processor gives the sentences; its segment() would then locate each one with a
    # fresh regex over the whole text, which we do with str.find below instead.
    for segment in _segmenter().processor(text).process():
        piece = segment.strip()
        if not piece:
            continue
        found = text.find(piece, cursor)
        if found < 0:
            return _fallback_spans(text, spans, cursor)
        spans.append((found, found + len(piece)))
        cursor = found + len(piece)
    return _fallback_spans(text, spans, cursor)


def _fallback_spans(text: str, spans: list[tuple[int, int]], cursor: int) -> list[tuple[int, int]]:
    """Return ``spans`` plus the stripped remainder of ``text`` after ``cursor`` as one sentence."""
    rest = text[cursor:]
    if rest.strip():
        lead = len(rest) - len(rest.lstrip())
        tail = len(rest.rstrip())
        spans.append((cursor + lead, cursor + tail))
    return spans
