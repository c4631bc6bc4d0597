"""Faithful trimming of sentences for bullets: drop connectives and figure-free side clauses."""

from __future__ import annotations

import re

from .text_words import count_words

BULLET_WORDS = 30
"""Sentences longer than this are trimmed for slide bullets when it can be done faithfully."""
MIN_MAIN_WORDS = 8
"""A trimmed sentence keeps at least this many words."""

_CONNECTIVE = re.compile(
    r"^(?:(?:yet|but|and)\b,?|(?:however|meanwhile|moreover|furthermore|in addition|additionally|"
    r"still|also|nevertheless|nonetheless|indeed|besides),)\s+", re.IGNORECASE)
_LEADING_CLAUSE = re.compile(
    r"^(?:despite|although|though|while|whilst|amid|after|before|since|as|with|following|"
    r"because|given)\b[^,]{3,}?,\s+", re.IGNORECASE)
_TRAILING_CLAUSE = re.compile(
    r",\s+(?:which|who|while|whilst|as|amid|although|though|despite|following|having|"
    r"including|with|where)\b[^,]*?(?=[.!?][\"'\u2019\u201d)]*$)", re.IGNORECASE)
_DIGIT = re.compile(r"\d")
_ENDS_WITH_TERMINAL = re.compile(r"[.!?][\"'\u2019\u201d)\]]*$")
_PRONOUN_START = re.compile(r"^(?:he|she|it|they|this|these|those|its|their|his|her|that)\b",
                            re.IGNORECASE)


def trim_connective(text: str) -> str:
    """Return ``text`` without a leading connective ("However,", "But", "Yet,"), capitalised."""
    match = _CONNECTIVE.match(text)
    if not match:
        return text
    rest = text[match.end():]
    if count_words(rest) < 5:
        return text
    return capitalise(rest)


def trim_for_bullet(text: str) -> str:
    """Return a concise form of ``text`` for a bullet, keeping its subject and every figure."""
    text = trim_connective(text)
    if count_words(text) <= BULLET_WORDS:
        return text
    text = _drop_leading_clause(text)
    if count_words(text) <= BULLET_WORDS:
        return text
    return _drop_trailing_clause(text)


def _drop_leading_clause(text: str) -> str:
    """Return ``text`` without a figure-free leading subordinate clause ("Despite X, ...")."""
    match = _LEADING_CLAUSE.match(text)
    if not match or _DIGIT.search(match.group(0)):
        return text
    rest = text[match.end():]
    if count_words(rest) < MIN_MAIN_WORDS or _PRONOUN_START.match(rest) or '"' in match.group(0):
        return text
    return capitalise(rest)


def _drop_trailing_clause(text: str) -> str:
    """Return ``text`` without a figure-free trailing clause (", which ...", ", while ...")."""
    match = _TRAILING_CLAUSE.search(text)
    if not match or _DIGIT.search(match.group(0)):
        return text
    head = text[:match.start()]
    if count_words(head) < MIN_MAIN_WORDS or head.count('"') % 2 or head.count("\u201c") != head.count("\u201d"):
        return text
    terminal = _ENDS_WITH_TERMINAL.search(text)
    return head + (terminal.group(0) if terminal else ".")


def capitalise(text: str) -> str:
    """Return ``text`` with its first letter in upper case (the rest unchanged)."""
    for i, char in enumerate(text):
        if char.isalpha():
            return text[:i] + char.upper() + text[i + 1:]
    return text
