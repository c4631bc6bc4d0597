"""Sentence centrality (TextRank over a word-overlap graph) and sentence-quality checks."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence

from .text_words import content_stems, count_words

DAMPING = 0.85
EPSILON = 1e-6
MAX_ITERATIONS = 200
MAX_GRAPH = 400
"""Sentences beyond this many are scored by position only (keeps the graph quadratic but small)."""

DANGLING_OPENERS = frozenset("""
he she it its they them their this these those that such his her there
but and so also then yet however meanwhile instead nevertheless moreover furthermore besides
""".split())
"""First words that usually point back at the previous sentence."""

_OPEN_QUOTE = re.compile(r"^[\"'\u201c\u2018]")
_SPEAKER = re.compile(r"\b(said|says|say|told|tells|added|adds|according to|argued|argues|explained|"
                      r"warned|warns|insisted|believes|claimed|claims|noted|asked|stated|commented)\b",
                      re.IGNORECASE)
_QUOTE_CHARS = re.compile(r"[\"\u201c\u201d]")
_FIRST_WORD = re.compile(r"[\"'\u201c\u2018(]*([A-Za-z]+)")
_TERMINAL = re.compile(r"[.!?][\"'\u2019\u201d)\]]*$")


def textrank(texts: Sequence[str]) -> list[float]:
    """Return TextRank centrality of each text, scaled so that the mean is 1.0."""
    n = min(len(texts), MAX_GRAPH)
    if n == 0:
        return [0.0] * len(texts)
    bags = [Counter(content_stems(t)) for t in texts[:n]]
    weights = [[_edge(bags[i], bags[j]) for j in range(n)] for i in range(n)]
    ranks = _power_iteration(weights)
    scaled = [r * n for r in ranks]
    floor = min(scaled) if scaled else 0.0
    return scaled + [floor] * (len(texts) - n)


def _edge(a: Counter[str], b: Counter[str]) -> float:
    """Return the TextRank edge weight: shared words over the sum of log lengths."""
    if not a or not b:
        return 0.0
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    shared = sum(count * large[w] for w, count in small.items() if w in large)
    if shared == 0:
        return 0.0
    norm = math.log(sum(a.values())) + math.log(sum(b.values()))
    return float(shared) if norm <= 1e-9 else shared / norm


def _power_iteration(weights: list[list[float]]) -> list[float]:
    """Return the stationary distribution of the damped row-normalised weight matrix."""
    n = len(weights)
    rows = []
    for row in weights:
        total = sum(row)
        rows.append([(j, w / total) for j, w in enumerate(row) if w > 0] if total > 0 else [])
    ranks = [1.0 / n] * n
    for _ in range(MAX_ITERATIONS):
        nxt = [(1.0 - DAMPING) / n] * n
        for i, row in enumerate(rows):
            share = DAMPING * ranks[i]
            if not row:
                for j in range(n):
                    nxt[j] += share / n
                continue
            for j, w in row:
                nxt[j] += share * w
        delta = sum(abs(x - y) for x, y in zip(nxt, ranks))
        ranks = nxt
        if delta < EPSILON:
            break
    return ranks


def similarity(a: set[str], b: set[str]) -> float:
    """Return the overlap of two stem sets relative to the smaller one (0..1)."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def first_word(text: str) -> str:
    """Return the first word of ``text`` in lower case ('' when it has none)."""
    match = _FIRST_WORD.match(text)
    return match.group(1).lower() if match else ""


def is_dangling(text: str) -> bool:
    """Return True when the sentence opens with a word that refers back to the previous one."""
    return first_word(text) in DANGLING_OPENERS


def is_unattributed_quote(text: str) -> bool:
    """Return True for a quotation with no speaker ("said", "told", "according to") in it."""
    has_quote = bool(_OPEN_QUOTE.match(text)) or len(_QUOTE_CHARS.findall(text)) >= 2
    return has_quote and not _SPEAKER.search(text)


def is_fragment(text: str, min_words: int = 6) -> bool:
    """Return True for too-short sentences and heading-like lines without final punctuation."""
    n = count_words(text)
    return n < min_words or (n < 15 and not _TERMINAL.search(text.strip()))
