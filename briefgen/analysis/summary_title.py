"""Headline-style titles derived from an article's lead sentence, deterministically.

The main clause of the lead is kept (a leading "But" or "Yet,", leading "Amid ...," clauses, parentheses, appositive
descriptors before a name and evaluative words are dropped) and cut at a clause boundary to at
most ``MAX_TITLE_WORDS`` words, never ending on a function word.
"""

from __future__ import annotations

import re

from .summary_trim import trim_connective

MAX_TITLE_WORDS = 12
FALLBACK_WORDS = 10
FALLBACK_CHARS = 40
"""Characters kept from a lead written without spaces (CJK)."""
DEFAULT_TITLE = "Briefing"
MAX_LEAD_WORDS = 80
"""A longer 'sentence' is a run-on without punctuation: fall back instead of parsing it."""

_PARENTHESES = re.compile(r"\s*[(\[][^()\[\]]*[)\]]")
_LEADING_CLAUSE = re.compile(
    r"^(?:amid|amidst|despite|although|though|while|whilst|as|after|before|since|following|with|"
    r"in|on|at|for|by|because|given|facing|having|against|under|during|when|once|unlike|like|"
    r"according to)\b[^,]{0,200},\s+", re.IGNORECASE)
_COMMA_APPOSITIVE = re.compile(r"^((?:[A-Z][\w&.'-]*\s?){1,4}),\s+(?:the|a|an|its|which|who)\s[^,]{3,80},\s+")
_BOUNDARY_WORDS = frozenset(
    "which who whom whose after as while whilst because amid amidst despite although though "
    "following since when where whereas unless until according".split())
_VERBS = frozenset("""
is are was were has have had will would can could may might should must shall does did do
be been being plans plan says said aims wants seeks expects hopes reported reports announced
rose fell grew hit made took won lost sold bought cut set became began saw got gave went came
told paid put found left held kept ran spent stood struck brought built chose drew drove fought
led meant met sent shut sank slid soared jumped dropped slumped surged climbed posted
""".split())
_FUNCTION_WORDS = frozenset("""
a an the and or but nor yet so of in on at to for from by with into onto over under about after
before as than that which who whom whose its their his her our your my this these those is are
was were be been being has have had will would can could may might should must do does did not
very such including amid despite while against between among through per via than
""".split())
_PREPOSITIONS = frozenset("of in on at to for from by with into onto over under about via per".split())
_EVALUATIVE = frozenset("""
promising competitive fierce significant major huge massive key steadfast strategic ambitious bold
robust remarkable notable impressive dramatic unprecedented unique innovative leading prominent
renowned crucial vital essential intense tremendous substantial considerable formidable lucrative
booming burgeoning thriving challenging daunting exciting ever-growing fast-growing rapidly-growing
""".split())
_KEEP_LY = frozenset("""
only early nearly roughly likely unlikely partly largely mostly fully daily weekly monthly quarterly
yearly family july italy supply apply reply rally ally assembly reportedly allegedly jointly
""".split())
_CONJUNCTIONS = frozenset("yet and but or".split())
_WORD_CHARS = re.compile(r"[^\w'-]")


def derive_title_from_lead(lead: str, heading: str | None = None) -> str:
    """Return a title of at most 12 words built from ``lead``, else from ``heading``."""
    lead = trim_connective(" ".join(lead.split()))  # "But a new report ..." -> "A new report ..."
    if not _is_usable_lead(lead):
        return fallback_title(lead, heading)
    clause = _strip_comma_appositive(_strip_leading_clause(_PARENTHESES.sub("", lead)))
    tokens = _drop_evaluative(_drop_appositive(clause.split()))
    title = _cut_at_clause(tokens)
    if len(title.split()) < 3:
        return fallback_title(lead, heading)
    return _finish(title)


def fallback_title(lead: str, heading: str | None) -> str:
    """Return the first heading, else the first words of the lead, else a generic title."""
    if heading and heading.strip() and len(heading.split()) <= MAX_TITLE_WORDS:
        return _finish(" ".join(heading.split()))
    words = lead.split()
    if len(words) <= 1 and len(lead) > FALLBACK_CHARS:
        return _finish(lead[:FALLBACK_CHARS])
    title = _trim_tail(words[:FALLBACK_WORDS])
    return _finish(" ".join(title)) if title else DEFAULT_TITLE


def _is_usable_lead(lead: str) -> bool:
    """Return True for a lead of 4-80 words made mostly of Latin letters."""
    words = [w for w in lead.split() if re.search(r"[A-Za-z]", w)]
    return 4 <= len(words) <= MAX_LEAD_WORDS and sum(1 for c in lead if c.isascii()) >= 0.8 * len(lead)


def _strip_leading_clause(text: str) -> str:
    """Return ``text`` without a leading subordinate clause, unless a pronoun would lead."""
    match = _LEADING_CLAUSE.match(text)
    if not match:
        return text
    rest = text[match.end():]
    if _bare(rest.split()[0]) in {"it", "they", "he", "she", "this", "we", "i"} if rest.split() else True:
        return text
    return rest


def _strip_comma_appositive(text: str) -> str:
    """Return ``text`` without an appositive after a leading name ("Acme, the maker of X, said")."""
    match = _COMMA_APPOSITIVE.match(text)
    return match.group(1) + " " + text[match.end():] if match else text


def _bare(token: str) -> str:
    """Return ``token`` in lower case without surrounding punctuation."""
    return _WORD_CHARS.sub("", token).lower()


def _verb_index(tokens: list[str]) -> int | None:
    """Return the index of the first likely verb after the first token, or None."""
    for i, token in enumerate(tokens[1:], start=1):
        bare = _bare(token)
        if bare in _VERBS or (len(bare) > 4 and bare.endswith("ed") and token[0].islower()):
            return i
        if token.endswith((",", ";", ":")):
            return None
    return None


def _drop_appositive(tokens: list[str]) -> list[str]:
    """Return tokens with descriptors before a subject name dropped ("tech giant Huawei" -> "Huawei")."""
    verb = _verb_index(tokens)
    if verb is None or verb < 2:
        return tokens
    subject = tokens[:verb]
    if any(_bare(t) in _PREPOSITIONS or not t[0].isalnum() for t in subject):
        return tokens
    run = 0
    while run < len(subject) and subject[-1 - run][0].isupper():
        run += 1
    if run == 0 or run == len(subject) or all(t[0].isupper() for t in subject):
        return tokens
    return subject[-run:] + tokens[verb:]


def _drop_evaluative(tokens: list[str]) -> list[str]:
    """Return tokens without evaluative adjectives and -ly adverbs (and conjunctions left bare)."""
    drop = [_is_evaluative(t) for t in tokens]
    for i, token in enumerate(tokens):
        if _bare(token) in _CONJUNCTIONS and 0 < i < len(tokens) - 1 and drop[i - 1] and drop[i + 1]:
            drop[i] = True
    kept = []
    for token, dropped in zip(tokens, drop):
        if dropped:
            if token[-1] in ",;:.!?" and kept:
                kept[-1] = kept[-1].rstrip(",;:") + token[-1]
            continue
        kept.append(token)
    return kept


def _is_evaluative(token: str) -> bool:
    """Return True for an evaluative adjective or a manner adverb in lower case."""
    bare = _bare(token)
    if not token[0].islower():
        return False
    return bare in _EVALUATIVE or (bare.endswith("ly") and len(bare) > 4 and bare not in _KEEP_LY)


def _cut_at_clause(tokens: list[str]) -> str:
    """Return the main clause, extended by a short participle clause, within the word limit."""
    clauses = _clauses(tokens)
    if not clauses:
        return ""
    title = list(clauses[0])
    if len(title) < 5 and len(clauses) > 1 and _bare(clauses[1][0]).endswith("ing"):
        title[-1] = title[-1].rstrip(",;:") + ","
        title += clauses[1]
    if len(title) > MAX_TITLE_WORDS:
        title = title[:MAX_TITLE_WORDS]
    return " ".join(_trim_tail(title))


def _clauses(tokens: list[str]) -> list[list[str]]:
    """Split tokens into clauses at punctuation and before subordinating words."""
    clauses: list[list[str]] = [[]]
    for token in tokens:
        if clauses[-1] and _bare(token) in _BOUNDARY_WORDS and len(clauses[-1]) >= 3:
            clauses.append([])
        clauses[-1].append(token)
        if token.endswith((",", ";", ":")) or token in {"-", "\u2013", "\u2014"}:
            clauses.append([])
    return [c for c in clauses if c]


def _trim_tail(words: list[str]) -> list[str]:
    """Return ``words`` without trailing function words and punctuation."""
    words = [w for w in words]
    while words:
        last = words[-1].rstrip(",;:.!?\u2013\u2014-")
        if not last or _bare(last) in _FUNCTION_WORDS:
            words.pop()
            continue
        words[-1] = last
        break
    return words


def _finish(title: str) -> str:
    """Return ``title`` with its first letter capitalised and no final period."""
    title = title.strip().rstrip(".").strip()
    for i, char in enumerate(title):
        if char.isalpha():
            return title[:i] + char.upper() + title[i + 1:]
    return title or DEFAULT_TITLE
