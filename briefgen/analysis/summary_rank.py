"""Sentence centrality (TextRank over a word-overlap graph) and sentence-quality checks."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence

from .text_words import content_stems, count_words, word_index

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
_STRAY_QUOTE = re.compile(r"^[\"\u201d]\s")
"""A quote mark then a space: it closes the previous sentence's quotation, so this one is a continuation."""
_SPEAKER = re.compile(r"\b(said|says|say|told|tells|added|adds|according to|argued|argues|explained|"
                      r"warned|warns|insisted|insists|believes|claimed|claims|noted|notes|asked|asks|stated|"
                      r"commented|described|describes|called|calls|urged|admitted|announced|predicted|"
                      r"suggested|suggests|wrote|writes|stressed|concluded|acknowledged|confirmed|reported|"
                      r"maintained|conceded|vowed|pledged|quoted|quoting)\b", re.IGNORECASE)
_PRONOUN_SPEAKER = re.compile(
    r"[\"\u201d]\s*(?:(?:he|she|they|it)\s+(?:\w+\s+)?(?:said|says|told|tells|added|adds|explained|"
    r"warned|insisted|argued|noted|asked|asks|stated|commented|admitted|stressed|concluded)|"
    r"(?:said|says|added|adds|explained|warned|insisted|argued|noted|asked|asks)\s+(?:he|she|they))\b",
    re.IGNORECASE)
"""Attribution to a pronoun right after a closing quote ('...," she said'): the speaker is elsewhere."""
_FIRST_WORD = re.compile(r"[\"'\u201c\u2018(]*([A-Za-z]+(?:-[A-Za-z]+)*)")
_EXISTENTIAL = re.compile(r"^[\"'\u201c\u2018(]*there(?:'s|\u2019s|\s+(?:is|are|was|were|has|have|had|will|"
                          r"would|could|may|might|must|should|seems?|seemed|appears?|appeared|remains?|"
                          r"remained|used)\b)", re.IGNORECASE)
_SELF_CONTAINED_OPENING = re.compile(
    r"^[\"'\u201c\u2018(]*(?:"
    r"instead\s+of|"                                                   # "Instead of fearing games, ..."
    r"(?:this|that|these|next)\s+(?:year|week|month|quarter|season|summer|winter|spring|autumn|"
    r"weekend|morning|afternoon|evening|time\s+of\s+year|century|decade|days)\b|"   # time: "This year ..."
    r"(?:this|next)\s+time\b|"                                          # "This time around, ..."
    r"those\s+(?:who|whose|with|without|on|in|at|from|under|over|aged|living|working|using|\w+ing)\b|"
    r"it\s+(?:is|was|will\s+be|would\s+be|(?:has|had)(?:\s+(?:not|also|yet|now|still)){0,2}\s+been|could\s+be|"
    r"may\s+be|might\s+be|seems|seemed|appears|appeared|remains|remained)\s+"
    r"(?:(?:not|also|now|still|yet|widely|generally|immediately)\s+){0,2}"
    r"\w+\s+(?:that|whether|if|how|what|when|why|who)\b|"            # expletive: "It is thought that"
    r"it\s+(?:is|was|will\s+be|would\s+be)\s+(?:not\s+)?the\s+\w+\s+time\b"  # cleft: "It is the first time X ..."
    r")", re.IGNORECASE)
_TERMINAL = re.compile(r"[.!?][\"'\u2019\u201d)\]]*$")


def textrank(texts: Sequence[str]) -> list[float]:
    """Return TextRank centrality of each text, scaled so that the mean is 1.0.

    The graph is sparse: only texts sharing a content word are linked (found through an index
    of words), so the cost follows the links, not the square of the number of texts.
    """
    n = min(len(texts), MAX_GRAPH)
    if n == 0:
        return [0.0] * len(texts)
    bags = [Counter(content_stems(t)) for t in texts[:n]]
    ranks = _power_iteration(_edge_rows(bags))
    scaled = [r * n for r in ranks]
    floor = min(scaled) if scaled else 0.0
    return scaled + [floor] * (len(texts) - n)


def _edge_rows(bags: Sequence[Counter[str]]) -> list[list[tuple[int, float]]]:
    """Return per text its (other text, edge weight) pairs in index order, zero weights left out.

    The weight is the cosine of the two texts' word counts: shared words (counted with
    multiplicity) over the product of the count vectors' norms. TextRank's original weight
    divides the shared words by the sum of the log lengths instead: shared words grow with
    length, the log lengths hardly, so a long sentence was central for being long. The cosine
    is length-neutral; length is weighed on its own (``summary.LENGTH_EXPONENT``). A text is
    linked to itself too (weight 1) when it has words, as in the dense form.
    """
    norms = [math.sqrt(sum(c * c for c in bag.values())) for bag in bags]
    by_word = word_index(bags)
    rows: list[list[tuple[int, float]]] = []
    for i, bag in enumerate(bags):
        shared: dict[int, int] = {}
        for word, count in bag.items():
            for j in by_word[word]:
                shared[j] = shared.get(j, 0) + count * bags[j][word]
        rows.append([(j, shared[j] / (norms[i] * norms[j])) for j in sorted(shared)])
    return rows


def _power_iteration(links: list[list[tuple[int, float]]]) -> list[float]:
    """Return the stationary distribution of the damped, row-normalised sparse weight matrix."""
    n = len(links)
    rows = []
    for row in links:
        total = sum(w for _, w in row)
        rows.append([(j, w / total) for j, w in row] if total > 0 else [])
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
    """Return True when the sentence leans on the previous one for a referent.

    That is: it opens with a pronoun or connective ("It", "This", "But"; not the existential
    "There is", the expletive "It is thought that", "Instead of", "This year", "Those who"), or
    it is a quotation whose only speaker is a pronoun ('"...," she said'), or it starts with the
    previous sentence's closing quote mark. An opener inside a quotation with a named speaker is
    the speaker's word and does not count.
    """
    if _STRAY_QUOTE.match(text):
        return True
    if _OPEN_QUOTE.match(text):
        if _PRONOUN_SPEAKER.search(text):
            return True
        if _SPEAKER.search(text):
            return False
    if _EXISTENTIAL.match(text) or _SELF_CONTAINED_OPENING.match(text):
        return False
    return first_word(text) in DANGLING_OPENERS


def is_unattributed_quote(text: str) -> bool:
    """Return True for a quotation with no speaker ("said", "told", "according to") in it.

    A quotation is a sentence that opens with a quote mark or leaves one open (a piece of a longer
    quotation); quoted words inside a sentence's own grammar ('a so-called "flash estimate"') are not.
    """
    straight = text.count('"')
    unbalanced = straight % 2 == 1 or text.count("\u201c") != text.count("\u201d")
    is_quotation = bool(_OPEN_QUOTE.match(text)) or unbalanced
    return is_quotation and not _SPEAKER.search(text)


def is_fragment(text: str, min_words: int = 6) -> bool:
    """Return True for too-short sentences and heading-like lines without final punctuation."""
    n = count_words(text)
    return n < min_words or (n < 15 and not _TERMINAL.search(text.strip()))
