"""Word-level helpers shared by the summariser: tokens, stop words and a light stemmer."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

WORD = re.compile(r"\w+(?:['\u2019]\w+)?")
"""A word: letters/digits, optionally with one inner apostrophe ("Huawei's")."""

STOP_WORDS = frozenset("""
a about above after again against all also am an and any are aren't as at be because been before
being below between both but by can could did do does doing down during each few for from further
had has have having he her here hers herself him himself his how i if in into is it its itself
just me more most my myself no nor not now of off on once only or other our ours ourselves out over
own same she should so some such than that the their theirs them themselves then there these they
this those through to too under until up very was we were what when where which while who whom why
will with would you your yours yourself yourselves said says say told mr mrs ms one new would
""".split())
"""Function words ignored when comparing sentences."""

_SUFFIXES = ("ingly", "edly", "ations", "ation", "ings", "ing", "ies", "ied", "es", "ed", "ly", "s")


def words(text: str) -> list[str]:
    """Return the words of ``text`` in order, as written."""
    return WORD.findall(text)


def count_words(text: str) -> int:
    """Return the number of words in ``text``."""
    return len(WORD.findall(text))


#: Small, so that a batch's ever-growing vocabulary does not grow memory (the former 65,536
#: entries kept every distinct word of a batch: about 1 MB more per 200 articles, up to ~15 MB);
#: the reuse that matters is of an article's own words, within the article.
STEM_CACHE_SIZE = 4096


@lru_cache(maxsize=STEM_CACHE_SIZE)
def stem(word: str) -> str:
    """Return a crude stem of a lower-case word (enough to match "sales"/"sale", "rising"/"rise")."""
    if not word.isalpha():
        return word
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            if suffix == "s" and word.endswith("ss"):
                break
            word = word[: -len(suffix)] + ("y" if suffix in ("ies", "ied") else "")
            break
    if len(word) > 3 and word.endswith("e"):
        word = word[:-1]
    return word


def word_index(bags: Sequence[Iterable[str]]) -> dict[str, list[int]]:
    """Return, per word, the indices of the bags holding it, in order: the links of a sparse
    word-overlap graph (TextRank in ``summary_rank`` and ``figures``) are the pairs sharing a word."""
    index: dict[str, list[int]] = {}
    for i, bag in enumerate(bags):
        for word in bag:
            index.setdefault(word, []).append(i)
    return index


def content_stems(text: str) -> list[str]:
    """Return the stems of the content words of ``text`` (stop words dropped), in order."""
    out = []
    for word in WORD.findall(text.lower()):
        word = word.replace("\u2019", "'")
        if word.endswith("'s"):
            word = word[:-2]
        if word and word not in STOP_WORDS:
            out.append(stem(word))
    return out
