"""Short readable labels for figures and the subject of a sentence, built from its own words."""

from __future__ import annotations

import re

from ..model import FigureKind
from . import figure_rules as R

_TOKEN_RE = re.compile(r"[A-Za-z][A-Za-z'’&.-]*[A-Za-z]|[A-Za-z]|\S*\d\S*")
_HARD_BREAK = re.compile(r"[,;:()\[\]\"“”—]|\s[-–]\s|\.\s")
_PRONOUNS = frozenset("i we you he she they me us him them".split())
_RIGHT_BREAKS = frozenset("and but while whereas which that who said says according".split())


def _tokens(text: str) -> list[str]:
    """Return the word and number tokens of ``text``."""
    return [t.strip(".") or t for t in _TOKEN_RE.findall(text)]


def _is_number(token: str) -> bool:
    """True for a token holding a digit."""
    return any(c.isdigit() for c in token)


def _is_function(word: str) -> bool:
    """True for a function word that must not start or end a label."""
    return word.lower() in R.FUNCTION_WORDS and word.lower() not in ("up", "down")


def _is_year(token: str) -> bool:
    """True for a four-digit year token ("2021"), which may stay inside a label."""
    return re.fullmatch(r"(?:19|20)\d\d", token) is not None


def _strip_edges(words: list[str], *, lead: frozenset[str] = frozenset(), leading: bool = True) -> list[str]:
    """Drop function words (and ``lead`` words) from the start and function words from the end."""
    while leading and words and (_is_function(words[0]) or words[0].lower() in lead):
        words = words[1:]
    while words and (_is_function(words[-1]) or words[-1].lower() in R.LEADING_NOISE | _PRONOUNS):
        words = words[:-1]
    return words


def _left_words(text: str, start: int, *, skip_numbers: bool = False) -> list[str]:
    """Return the words of the clause before ``start`` that lead up to the figure.

    Only the last LABEL_LOOKBACK characters are read (from a word boundary), so labelling many
    figures in one very long sentence stays linear.
    """
    clause = R.NUMBER_QUALIFIERS.sub("", _HARD_BREAK.split(lookback(text, start))[-1])
    words = _tokens(clause)
    if skip_numbers:
        words = [w for w in words if not _is_number(w)]
    for i in range(len(words) - 1, -1, -1):
        if (_is_number(words[i]) and not _is_year(words[i])) or words[i].lower() in R.CLAUSE_BREAKS:
            words = words[i + 1:]
            break
    return _strip_edges(words, lead=R.LEADING_NOISE)


def _compress_left(words: list[str]) -> list[str]:
    """Shorten a long lead-in to its head noun phrase plus the verb before the figure."""
    if len(words) <= 4:
        return words
    if not _verb_like(words[-1]):
        tail = words[-4:]
        return _strip_edges(tail[max(i for i, w in enumerate(tail) if i == 0 or _is_function(w)):])
    head: list[str] = []
    for word in words[:-1]:
        if _is_function(word) or len(head) == 3:
            break
        head.append(word)
    return head + [words[-1]] if head else words[-3:]


def _verb_like(word: str) -> bool:
    """True for a word that reads as the verb of a change ("rose", "jumped", "cut")."""
    low = word.lower()
    return (low in R.CHANGE_UP or low in R.CHANGE_DOWN or low.endswith("ed")) and low not in R.CHANGE_NOUNS


def _previous_phrase(text: str, start: int) -> list[str]:
    """Return the noun phrase that ends the clause before the figure's clause ("new business")."""
    clauses = _HARD_BREAK.split(lookback(text, start))
    if len(clauses) < 2:
        return []
    words = [w for w in _tokens(clauses[-2]) if not _is_number(w)][-3:]
    cut = [i for i, w in enumerate(words) if _is_function(w)]
    return _strip_edges(words[cut[-1] + 1:] if cut else words)


def _right_words(text: str, end: int, budget: int) -> list[str]:
    """Return up to ``budget`` words after the figure, cut before a dangling preposition."""
    words = _tokens(_HARD_BREAK.split(lookahead(text, end))[0])
    for i, word in enumerate(words):
        if (_is_number(word) and not _is_year(word)) or word.lower() in _RIGHT_BREAKS:
            words = words[:i]
            break
    if len(words) > budget:
        window = words[:budget]
        cuts = [i for i, w in enumerate(window) if i > 0 and _is_function(w)]
        words = window[:cuts[-1]] if cuts else window
        if all(_is_function(w) for w in words):
            return []
    return _strip_edges(words, leading=False)


def _fallback(text: str, start: int) -> list[str]:
    """Return a lead-in that skips other numbers, or the sentence's first content words."""
    words = _compress_left(_left_words(text, start, skip_numbers=True))
    if words:
        return words
    return _strip_edges([w for w in _tokens(text[:LABEL_LOOKBACK]) if not _is_number(w)][:5])


#: How far before a figure its label may start, in characters (a label is at most 8 words).
LABEL_LOOKBACK = 400


def lookback(text: str, start: int) -> str:
    """Return the text before ``start``, at most LABEL_LOOKBACK characters, cut at a word boundary."""
    if start <= LABEL_LOOKBACK:
        return text[:start]
    window = text[start - LABEL_LOOKBACK:start]
    space = window.find(" ")
    return window[space + 1:] if space >= 0 else window


def lookahead(text: str, end: int) -> str:
    """Return the text after ``end``, at most LABEL_LOOKBACK characters, cut at a word boundary."""
    if len(text) - end <= LABEL_LOOKBACK:
        return text[end:]
    window = text[end:end + LABEL_LOOKBACK]
    space = window.rfind(" ")
    return window[:space] if space >= 0 else window


_MODAL_RE = re.compile(r"\b(?:potentially|could|might|may|would)\b", re.I)


def _sentence_case(words: list[str], text: str) -> list[str]:
    """Lower-case a label's first word when it only has a capital because it opens the sentence."""
    if not words:
        return words
    first = words[0]
    low = first.lower()
    opens = text.lstrip(" \"'“‘(").startswith(first)
    if opens and first[1:].islower() and (low in R.ORDINARY_OPENERS or low.endswith("ly")):
        return [low] + words[1:]
    return words


def _change_phrase(left: list[str], text: str, start: int) -> list[str] | None:
    """Return "rise in <thing>" / "fall in <thing>" for "<thing> rose 5%", or "<thing>" for "<thing> rose to $5m"."""
    if len(left) < 2 or not _verb_like(left[-1]) or left[-1].lower().endswith("ed") and \
            left[-1].lower() not in R.CHANGE_UP | R.CHANGE_DOWN:
        return None
    thing = [w for w in left[:-1] if w.lower() not in R.LEADING_NOISE]
    if not thing or any(_is_function(w) for w in thing) or len(thing) > 4:
        return None
    lead_in = R.NUMBER_QUALIFIERS.sub("", lookback(text, start)).rstrip().lower()
    thing = _sentence_case(thing, text)
    if lead_in.endswith(" to"):
        return thing
    direction = "rise" if left[-1].lower() in R.CHANGE_UP else "fall"
    return [direction, "in"] + thing


def _value_phrase(left: list[str], text: str, start: int) -> list[str] | None:
    """Return "value of the <thing>" (or "potential value ...") for "<thing> valued at / worth <figure>"."""
    if not left or left[-1].lower() not in ("valued", "worth"):
        return None
    thing = [w for w in left[:-1] if not _is_function(w)] or _previous_phrase(text, start)
    if not thing:
        return None
    clause = _HARD_BREAK.split(lookback(text, start))[-1]
    head = ["potential", "value"] if _MODAL_RE.search(clause) else ["value"]
    return head + ["of", "the"] + _sentence_case(thing, text)


def build_label(text: str, start: int, end: int, noun_end: int | None, kind: FigureKind) -> str:
    """Return a short label (at most MAX_LABEL_WORDS words) for the figure at ``start:end`` in ``text``."""
    if noun_end is None and kind is not FigureKind.DATE:
        left = _compress_left(_left_words(text, start))
        phrase = _value_phrase(left, text, start) or _change_phrase(left, text, start)
        if phrase:
            return " ".join(_strip_edges(phrase[: R.MAX_LABEL_WORDS]))
    if noun_end is not None:
        noun = text[end:noun_end].split()
        right = _right_words(text, noun_end, R.MAX_LABEL_WORDS - len(noun))
        words = noun + right if right else _compress_left(_left_words(text, start))[-3:] + noun
    else:
        left = _compress_left(_left_words(text, start))
        right = _right_words(text, end, R.MAX_LABEL_WORDS - len(left))
        if len(left) == 1 and not right:
            left = _previous_phrase(text, start) + left
        words = left + right
        if not words and kind is not FigureKind.DATE:
            words = _fallback(text, start)
    return " ".join(_strip_edges(words[: R.MAX_LABEL_WORDS]))


def _names_first(first: str, second: str) -> bool:
    """True when a lone capitalised first word reads as a name: a verb or function word follows it."""
    if first.lower().endswith("ing") or _is_number(first):
        return False
    low = second.lower()
    return low in R.FUNCTION_WORDS or low in R.CLAUSE_BREAKS or low.endswith("ed")


def find_subject(text: str) -> str | None:
    """Return the sentence's leading proper-noun subject ("Huawei", "Time Warner"), or None."""
    body = text
    first = re.match(r"\W*([A-Za-z]+)", body)
    if first and first.group(1).lower() in R.CLAUSE_OPENERS and "," in body:
        body = body.split(",", 1)[1]
    words = _tokens(body)
    i = 0
    while i < len(words) and words[i].lower() in R.SENTENCE_STARTERS:
        i += 1
    initial = body is text and i == 0
    if initial and i < len(words) - 1 and not words[i + 1][:1].isupper() and not _names_first(words[i], words[i + 1]):
        i += 1  # a lone capitalised first word is an ordinary word ("Quarterly profits ...")
        while i < len(words) and not words[i][:1].isupper():
            i += 1
    run: list[str] = []
    for word in words[i:]:
        if word[:1].isupper() and not _is_number(word) and word.lower() not in R.MONTHS:
            run.append(word)
        elif run or word.lower() in R.CLAUSE_BREAKS:
            break
        if word.endswith(("'s", "’s")):
            break
    subject = " ".join(run)
    subject = re.sub(r"['’]s$", "", subject)
    return subject or None
