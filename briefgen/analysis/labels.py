"""Short readable labels for figures and the subject of a sentence, built from its own words."""

from __future__ import annotations

import re

from ..model import FigureKind
from . import figure_rules as R

# "MP3" and "A380" are one word each
_TOKEN_RE = re.compile(r"[A-Za-z]+\d[A-Za-z\d]*\b|[A-Za-z][A-Za-z'’&.-]*[A-Za-z]|[A-Za-z]|\S*\d\S*")
_HARD_BREAK = re.compile(r"(?<!\d),|,(?!\d)|[;:()\[\]\"“”—]|\s[-–]\s|\.\s")  # never the comma in "11,000"
_PRONOUNS = frozenset("i we you he she they me us him them".split())
_RIGHT_BREAKS = frozenset("and but while whereas which that who said says according".split())


def _tokens(text: str) -> list[str]:
    """Return the word and number tokens of ``text``."""
    return [t.strip(".") or t for t in _TOKEN_RE.findall(text)]


def _is_number(token: str) -> bool:
    """True for a token holding a digit."""
    return any(c.isdigit() for c in token)


def _is_amount(token: str) -> bool:
    """True for a token that is a number ("12,000", "$5m", "3.5%"), not a name with a digit ("MP3", "G8")."""
    return re.match(r"[-–+]?[$£€¥₹]?\d", token) is not None


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
        # "and" between two names stays: "a programme in Poland and Spain" is not one in Poland
        joins_names = word == "and" and 0 < i < len(words) - 1 and words[i - 1][:1].isupper() \
            and words[i + 1][:1].isupper()
        if (_is_amount(word) and not _is_year(word)) or (word.lower() in _RIGHT_BREAKS and not joins_names):
            words = words[:i]
            break
    if len(words) > budget:
        window = words[:budget]
        cuts = [i for i, w in enumerate(window) if i > 0 and _is_function(w)]
        words = window[:cuts[-1]] if cuts else window
        if all(_is_function(w) for w in words):
            return []
    return _strip_edges(words, leading=False)


def _counted(text: str, end: int, noun_end: int) -> list[str]:
    """Return the words of the counted noun after a figure, without a glued "-odd" / "-strong"."""
    return re.sub(r"^-\w+", "", text[end:noun_end]).split()


def _relative(text: str, noun_end: int, used: int) -> list[str]:
    """Return a relative clause right after a counted noun ("tourists who visit Cuba every year"), or []."""
    m = re.match(r"\s+(who|that)\s", text[noun_end:noun_end + 8])
    if not m:
        return []
    budget = R.MAX_LABEL_WORDS - used - 1
    raw = _tokens(_HARD_BREAK.split(lookahead(text, noun_end + m.end(1)))[0])
    whole = _right_words(text, noun_end + m.end(1), 2 * R.MAX_LABEL_WORDS)
    # only a whole clause: one cut short ("who were not allowed to possess [them]") says too little
    return [m.group(1)] + whole if 1 < len(whole) == len(raw) <= budget else []


#: Past forms not ending in -ed that a counted noun may follow ("sold 4 million copies").
_IRREGULAR_DONE = frozenset("sold bought spent made won lost paid cut built shed sent held kept hit".split())
#: Verbs after which a counted noun is a level reached, not something acted on ("topped the 100,000 mark").
_LEVEL_VERBS = frozenset("reached topped exceeded passed surpassed hit crossed neared approached totalled "
                         "numbered broke".split())
_AUXILIARIES = frozenset("has have had is are was were be been will would could should may might "
                         "already now also so far".split())


def _done_to(text: str, start: int, noun: list[str]) -> list[str]:
    """Return "<noun> <verb> [by <name>]" when a verb in the past acts on the counted noun ("sold 4 million
    copies" -> "copies sold", "Marlow Foods employed 2,700 people" -> "people employed by Marlow Foods"), or []."""
    words = _tokens(R.NUMBER_QUALIFIERS.sub("", _HARD_BREAK.split(lookback(text, start))[-1]))
    while words and words[-1].lower() in _DETERMINERS | {"a", "further", "another", "some", "more", "than"}:
        words = words[:-1]
    if len(words) > 2 and words[-1].lower() == "by":
        if noun and noun[-1].lower() in R.MARGIN_NOUNS:  # "passed by 272 votes": a margin, not who passed it
            tally = re.match(r"\S+\s+(?:[A-Za-z]+\s+)?to\s+\d", text[start:]) is not None  # "by 272 votes to 219"
            return _margin(words[:-1], noun, tally)
        return _agents(words[:-1], noun)
    if not words:
        return []
    verb = words[-1].lower()
    done = verb if verb in _IRREGULAR_DONE or (verb.endswith("ed") and len(verb) > 4) else None
    if done is None or verb in R.CHANGE_UP | R.CHANGE_DOWN - {"cut", "shed", "lost"} or verb in _LEVEL_VERBS:
        return []
    before = words[:-1]
    while before and before[-1].lower() in _AUXILIARIES:
        before = before[:-1]
    name: list[str] = []
    for word in reversed(before):
        if not word[:1].isupper() or word.lower() in R.SENTENCE_STARTERS or len(name) == 3:
            break
        name.insert(0, word)
    if name and len(before) > len(name) and not _is_function(before[-len(name) - 1]) \
            and before[-len(name) - 1][:1].isupper():
        name = []
    by = ["by"] + name if name and len(noun) + 2 + len(name) <= R.MAX_LABEL_WORDS else []
    return noun + [done] + by


def _margin(words: list[str], noun: list[str], tally: bool) -> list[str]:
    """Return "votes for / against <the thing>" for "<thing> was passed / rejected by N votes to M" and
    "majority for / against <the thing>" without the "to M", or []."""
    verb = words[-1].lower()
    side = "for" if verb in R.PASSING_VERBS else "against" if verb in R.REJECTING_VERBS else None
    before = words[:-1]
    while before and before[-1].lower() in _AUXILIARIES:
        before = before[:-1]
    thing = _np_before(before, R.MAX_LABEL_WORDS - len(noun) - 2)
    if side is None or not thing:
        return []
    head = noun if tally else ["majority"]
    return head + [side] + _the_before(before, thing) + _sentence_case(thing, " ".join(words))


def _the_before(words: list[str], thing: list[str]) -> list[str]:
    """Return ["the"] when "the" stands right before ``thing``, the phrase that ends ``words``, else []."""
    return ["the"] if len(words) > len(thing) and words[-len(thing) - 1].lower() == "the" else []


def _agents(words: list[str], noun: list[str]) -> list[str]:
    """Return "<noun> who <verb> <the thing>" for a passive "<thing> has been <verb> by N <noun>"
    ("The spyware tool has been downloaded by six million people" -> "people who downloaded the spyware
    tool"), or []."""
    verb = words[-1].lower()
    if not (verb in _IRREGULAR_DONE or (verb.endswith("ed") and len(verb) > 4)):
        return []
    before = words[:-1]
    if not before or before[-1].lower() not in ("been", "was", "were", "is", "are", "be"):
        return []
    while before and before[-1].lower() in _AUXILIARIES:
        before = before[:-1]
    thing = _np_before(before, R.MAX_LABEL_WORDS - len(noun) - 3)
    if not thing:
        return []
    return noun + ["who", verb] + _the_before(before, thing) + _sentence_case(thing, " ".join(words))


def _fallback(text: str, start: int, end: int) -> list[str]:
    """Return a lead-in that skips other numbers, or the sentence's first content words other than
    the figure's own (a spelled-out "Forty-four percent" holds no digit to skip)."""
    words = _compress_left(_left_words(text, start, skip_numbers=True))
    if words:
        return words
    rest = text[:start] + " " + text[end:]
    return _strip_edges([w for w in _tokens(rest[:LABEL_LOOKBACK]) if not _is_number(w)][:5])


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


# --------------------------------------------------------------------------------------------
# Pattern-directed extraction of what a figure measures
# --------------------------------------------------------------------------------------------
# News sentences state a number in a handful of shapes; each names the measured thing in a known
# place. ``_measured`` tries them in order and returns that noun phrase (or None, and the older
# left/right-window method above is used). Every word comes from the sentence; the only words added
# are the connectors "rise in" / "fall in" / "value of the" / "previous".

_DETERMINERS = frozenset("a an the its their his her our this that these those".split())
_POSSESSIVE_DETS = frozenset("its their his her our the".split())
#: Verbs that are not recognisable by an -ed ending; a noun phrase never runs across them.
_VERBS = frozenset(
    "is are was were be been being has have had do does did will would could should may might can "
    "said says say set sets put puts cut cuts hit hits made make makes won win wins lost lose paid pay "
    "sold sell sells bought buy buys spent spend spends took take takes gave give gives got get gets "
    "saw see sees leaves leave left kept keep keeps expects expect plans plan remains remain stands "
    "stand reach reaches employs employ operates operate owns own needs need want wants told tells "
    "agreed agree came comes come went goes go ran runs run rose fell grew suggests suggest shows show "
    "showed indicates indicate reveals means".split()
)
#: -ing words that are nouns ("spending of $5bn"), not verbs.
_ING_NOUNS = frozenset(
    "spending funding borrowing lending trading earnings building financing housing advertising "
    "marketing manufacturing shipping banking pricing offering listing holding holdings saving "
    "savings training processing mining underlying operating outstanding existing remaining leading "
    "ongoing booming selling closing opening".split()
)
#: Heads that say little without what they are "of the": "the cost of the scheme", "the size of the fund".
_OF_HEADS = frozenset("cost costs value price size number share level total amount budget".split())
#: Heads too vague to stand alone as a label ("a total of 5,000"), left to the other rules.
_WEAK_HEADS = frozenset(
    "total sum figure amount number level rate record value average range tune part some all one "
    "year years quarter month week day period time".split()
)
_TIME_WORDS = frozenset(
    "year years quarter quarters month months week weeks day days period half time last this next "
    "previous same earlier ago".split()
)
#: Verbs that put money towards a purpose: "committed $900m to secure ...".
_PAYING = frozenset("pay pays paid paying".split())
_SPENDING = frozenset(
    "committed commits commit invested invests invest spent spends spend pledged pledges pledge earmarked "
    "allocated allocates raised raises borrowed borrows pay paid pays paying set".split()
)
#: Verbs that state a level: "<thing> reached / totalled / stood at <figure>" -> "<thing>".
_LEVEL_RE = re.compile(
    r"\b(?:reached|reach|reaches|hit|hits|totalled|totaled|totals|topped|tops|exceeded|exceeds|"
    r"remained|remains|remain|stood|stands|stand|was|is|were|are|be|been|came|comes|hovered|hovers|"
    r"settled|closed|ended|finished|opened|(?:put|estimated|pegged|costed|priced)(?=\s+at\b))"
    r"(?:\s+(?:at|to|close\s+to|near|by))?(?:\s+(?:a|an)\s+[a-z-]+|\s+the)?\s*$",
    re.I,
)
#: "X is expected to / set to / forecast to reach $N": the words between X and the verb.
_EXPECTED_TO_RE = re.compile(
    r"\s+(?:(?:is|are|was|were|be|been)\s+)?(?:expected|set|forecast|projected|predicted|likely|due|tipped|"
    r"poised|estimated)\s+to\s*$", re.I)
#: Words of a period's name ("the fourth quarter", "the current fiscal year"), not of what is measured.
_PERIOD_WORDS = _TIME_WORDS | frozenset("current financial fiscal calendar first second third fourth full".split())
#: "X in the current fiscal year / in 2005 reached $N": a time phrase after X.
_TIME_PHRASE_RE = re.compile(
    r"\s+(?:in|during|for|over)\s+(?:the\s+)?(?:(?:current|next|last|this|same|previous|financial|fiscal|"
    r"calendar|first|second|third|fourth|full)\s+)*(?:year|quarter|half|month|week|period|(?:19|20)\d\d)\s*$", re.I)
#: Month names as written in running text ("December", "Dec").
_MONTH_NAMES = "|".join(m.capitalize() for m in R.MONTHS)
_IN_MONTH_RE = re.compile(rf"\s+in\s+(?:{_MONTH_NAMES})\.?\s*$")
_EXTRA_ADJ_RE = re.compile(r"\b(?:a|an)\s+(combined|total|further|extra|additional|record|reported)\s*$", re.I)
_FILLERS = frozenset("by at even faster sharply slightly strongly steadily more than a further another".split())
_UP = R.CHANGE_UP | {"growing", "lifted", "lift", "boosting"}
_DOWN = R.CHANGE_DOWN | {"slip", "slips", "slipped", "slipping", "reducing", "cutting"}
_PARTICLES = frozenset("aside back off out away".split())
_WEEKDAYS = R.WEEKDAYS
_PREPOSITIONS = frozenset("at of for before after excluding including from across".split())
_ING_ADJECTIVE_AFTER = frozenset("from the its their his her our these those".split())
#: A number in a lead-in with its unit and what it is a share of: "1.5 percentage points", "3.2% of orders".
_NUM_UNIT_RE = re.compile(
    r"(?<![\w.])(?!(?:19|20)\d\d\b(?![,.]\d))[$£€¥₹]?\d[\d,.]*(?:\s?(?:%|per\s?cent|percentage\s+points?|points?|pts|bn|m|k|billion|"
    r"million|trillion|thousand)\b|%)?(?!\w)(?:\s+of\s+(?:its\s+|their\s+|the\s+)?[a-z][\w-]*)?"
)
_NUM_RE = re.compile(r"(?<![\w.])[$£€¥₹]?\d[\d,.]*(?:\s?(?:%|per\s?cent|percentage\s+points?|bn|m|k|billion|"
                     r"million|trillion|thousand)\b|%)?")


#: Words of _VERBS that are also nouns, read as nouns when they end a compound before a preposition or
#: the end: "a €120m expansion plan for its plants", "a 5% pay cut".
_NOUN_VERBS = frozenset("plan plans cut cuts pay deal run set sets hit hits win wins need needs show shows "
                        "stand stands leave".split())


def _compound_noun(words: list[str], i: int) -> bool:
    """True when ``words[i]`` is a noun ending a compound ("expansion plan for", "pay cut")."""
    following = words[i + 1].lower() if i + 1 < len(words) else None
    return words[i].lower() in _NOUN_VERBS and (
        following is None or following in _PREPOSITIONS | {"in", "to", "on", "was", "is", "were", "are", "has", "had"})


def _is_verb(word: str) -> bool:
    """True for a word that reads as a verb, which a noun phrase does not cross."""
    low = word.lower()
    if low in _VERBS or low in R.CLAUSE_BREAKS:
        return True
    if low.endswith("ing"):
        return low not in _ING_NOUNS
    return low.endswith("ed") and len(low) > 4 and low not in ("combined", "listed", "based", "unemployed")


#: A period that ends at a month: "in the six months to December", "for the year ending March 2005".
_PERIOD_TO_RE = re.compile(
    r"(?:^|\s)(?:in|for|during|over)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}(?:months?|weeks?|quarters?|years?|half|period)"
    rf"\s+(?:to|ending|ended)\s+(?:the\s+end\s+of\s+)?(?:{_MONTH_NAMES})\.?(?:\s+\d{{4}})?$"
)


def _np_before(words: list[str], limit: int = 5) -> list[str]:
    """Return the noun phrase that ends ``words`` ("signed long-term supply deals" -> "long-term supply deals").

    It runs back to a verb, a function word, a number or a clause break; "in", "to" and "with" stay
    inside before a capitalised place ("growth in China", "deficit with China"), and "for" / "of"
    without a determiner after it ("market for heat pumps").
    """
    period = _PERIOD_TO_RE.search(" ".join(words))
    if period:  # "net profit in the six months to December": the thing, not the period
        return _np_before(words[:len(" ".join(words)[:period.start()].split())], limit)
    phrase: list[str] = []
    for i in range(len(words) - 1, -1, -1):
        word, low = words[i], words[i].lower()
        if low in ("in", "to", "with") and phrase and phrase[0][:1].isupper() and i > 0 \
                and not (low == "with" and phrase[0].lower() in R.MONTHS) and not _is_function(words[i - 1]):
            phrase.insert(0, word)
            continue
        if low.endswith("ing") and phrase and i > 0 and _is_verb(word) and low not in R.FUNCTION_WORDS \
                and ("-" in low or words[i - 1].lower() in _ING_ADJECTIVE_AFTER):
            # an adjective here: "income from continuing operations", "the rising costs", "non-performing
            # loans" (after "after", "of" or "by" it is a verb: "after revealing debts", "of showing films")
            phrase.insert(0, word)
            continue
        if low in R.FUNCTION_WORDS or _is_verb(word) or low in R.LEADING_NOISE | _PARTICLES or word in _PRONOUNS:
            # "net income at the group" / "profit before exceptional items": keep the head before it;
            # "market for heat pumps" / "sales of tablets" (no determiner): keep the whole phrase.
            j = i - 1 if low in _DETERMINERS else i
            if phrase and 0 < j and words[j].lower() in ("in", "for", "during") and len(phrase) < limit - 1 \
                    and all(w.lower() in _PERIOD_WORDS or _is_year(w) for w in phrase):
                dated = _is_year(phrase[-1])  # "a record profit in 2004 of"; "net income for the year was"
                head = _np_before(words[:j], limit)
                if head:
                    return head + words[j:i + 1] + phrase if dated else head
            if phrase and 0 < j and words[j].lower() == "of" and j < i and 1 <= len(phrase) <= 3:
                head = _np_before(words[:j], limit)
                if len(head) == 1 and head[0].lower() in _OF_HEADS:  # "the cost of the ID cards scheme"
                    return head + words[j:i + 1] + phrase
            if phrase and 0 < j and words[j].lower() in _PREPOSITIONS:
                head = _np_before(words[:j], limit)
                if head and j == i and low in ("for", "of") and len(head) + 1 + len(phrase) <= limit \
                        and not all(w.lower() in _TIME_WORDS or _is_year(w) for w in phrase):
                    return head + [word] + phrase
                if head:
                    return head
            break
        if _is_number(word) and not _is_year(word):
            break
        phrase.insert(0, word)
    phrase = phrase[-limit:]
    while phrase and phrase[0].lower() in ("in", "to"):
        phrase = phrase[1:]
    if not phrase or all(w.lower() in _TIME_WORDS or _is_year(w) for w in phrase):
        return []
    return phrase


def _np_after(words: list[str], limit: int = 5) -> list[str]:
    """Return the noun phrase that opens ``words``, past a determiner ("the power chips bought" -> "power chips")."""
    while words and words[0].lower() in _DETERMINERS:
        words = words[1:]
    phrase: list[str] = []
    for i, word in enumerate(words):
        low = word.lower()
        nxt = words[i + 1] if i + 1 < len(words) else ""
        adjective = low.endswith("ed") and nxt and not _is_function(nxt) and not _is_number(nxt)  # "overcharged fees"
        noun_ing = phrase and low.endswith("ing") and low not in _VERBS  # "fresh financial backing"
        if _is_function(word) or (_is_verb(word) and not adjective and not noun_ing) or word in _PRONOUNS \
                or (_is_number(word) and not _is_year(word)):
            break
        phrase.append(word)
    phrase = phrase[:limit]
    if not phrase or all(w.lower() in _TIME_WORDS or _is_year(w) or w.lower() in R.MONTHS for w in phrase):
        return []
    return phrase


_DASH = re.compile(r"\s[-–—]\s")
#: "buy(s) / sold (off) X ... for": X is what the money is the price of.
_DEAL_RE = re.compile(
    r"\b(?:buy|buys|bought|buying|acquire|acquires|acquired|acquiring|purchase|purchased|sell|sells|sold|selling)"
    r"\s+(?:(?:off|out|up|back)\s+)?(.+?)\s*(?:for)?\s*$", re.I
)


def _without_asides(text: str, *, inside: bool = False) -> str:
    """Return ``text`` with its closed asides between dashes cut out ("Growth in output - the main target
    of policy - was"). ``inside``: the figure is in an aside itself ("The hard drive - at 80GB for the
    larger model - is"), so the last dash opens that one and stays."""
    dashes = list(_DASH.finditer(text))
    if inside and dashes:
        dashes = dashes[:-1]
    for opening, closing in reversed(list(zip(dashes[0::2], dashes[1::2]))):
        aside = text[opening.end():closing.start()]
        if len(aside) <= 120 and not re.search(r"\d", aside):
            text = text[:opening.start()] + " " + text[closing.end():]
    return text


def _clauses(text: str, start: int) -> list[str]:
    """Return the clauses before ``start`` (the last one leads up to the figure), qualifiers dropped."""
    # an aside between dashes is skipped: "Growth in output - the main target of policy - was 11.5%"
    parts = _HARD_BREAK.split(_without_asides(lookback(text, start), inside=_DASH.search(text, start) is not None))
    parts[-1] = R.NUMBER_QUALIFIERS.sub("", parts[-1])
    return parts


def _right_text(text: str, end: int) -> str:
    """Return the text after a figure, past a bracketed conversion ("$5m (£4m) loan" -> " loan")."""
    return re.sub(r"^\s*\([^()]*\)", "", lookahead(text, end))


def _previous_measure(text: str, clause_start: int, depth: int) -> list[str]:
    """Return what the last figure before ``clause_start`` measures ("revenue of $5bn, up 9%" -> "revenue")."""
    found = [m for m in _NUM_RE.finditer(text[:clause_start]) if not _is_year(m.group().rstrip(",."))]
    if not found or depth > 1:
        return []
    prev = found[-1]
    if text[prev.end():prev.end() + 1] == "-":
        return []
    after = _tokens(_HARD_BREAK.split(text[prev.end():clause_start])[0])
    if re.fullmatch(r"[\d,.]+", prev.group()) and after and after[0].islower() and not _is_verb(after[0]) \
            and after[0] not in R.NOT_COUNT_NOUNS:
        return after[:1]  # a counted noun: "52 warehouses"
    return _measured(text, prev.start(), prev.end(), None, depth + 1) or []


_COORDINATED_RE = re.compile(
    r"^\s*(?:and|but|or)\s+(?:(?:could|would|will|may|might|should|then|is|are|was|were|be|expected|"
    r"forecast|set|likely|to)\s+)*(?:(?:reach|reached|hit|top|topped|exceed|exceeded|surpass|surpassed|"
    r"total|totalled)|(?:rise|rose|fall|fell|grow|grew|climb|climbed|drop|dropped)\s+to)\s*$",
    re.I,
)
"""A clause that shares the previous clause's subject: "..., and could exceed $20bn"."""


def _time_tail(text: str, end: int) -> list[str]:
    """Return the time phrase right after a figure ("in 2023", "by 2028", "this year"), or []."""
    words = _right_words(text, end, 4)
    if not words or words[0].lower() not in ("in", "by", "for", "this", "next", "last", "a"):
        return []
    timed = [i for i, w in enumerate(words[:3])
             if w.lower() in _TIME_WORDS | _WEEKDAYS or w.lower() in R.MONTHS or _is_year(w)]
    return words[:timed[-1] + 1] if timed else []


def _shared_measure(text: str, end: int, clause_start: int, depth: int, *, previous: bool) -> list[str] | None:
    """Return what the previous figure measures, with this figure's time ("market ... in 2023"), or None.

    Without a time phrase, ``previous`` says the figure is the earlier level ("up from $9bn").
    """
    thing = _previous_measure(text, clause_start, depth)
    if not thing or depth:
        return thing or None
    when = _time_tail(text, end)
    if when:
        return thing[: R.MAX_LABEL_WORDS - len(when)] + when
    return ["previous"] + thing if previous else thing


def _name_owner(words: list[str]) -> list[str]:
    """Return the name in the possessive that ends ``words`` ("Deutsche Boerse's"), or []."""
    if not words or not re.fullmatch(r"[A-Z][\w&.-]*['’]s", words[-1]):
        return []
    start = len(words) - 1
    while start > 0 and len(words) - start < 4 and words[start - 1][:1].isupper() \
            and not _is_function(words[start - 1]):
        start -= 1
    return words[start:]


def _owner(words: list[str]) -> list[str]:
    """Return the name that owns a one-word measure: "Acme posted a" / "Acme showing" -> ["Acme"]."""
    while words and words[-1].lower() in _DETERMINERS:
        words = words[:-1]
    if not words or not _is_verb(words[-1]):
        return []
    name: list[str] = []
    for word in reversed(words[:-1]):
        if not word[:1].isupper() or _is_number(word) or word.lower() in R.SENTENCE_STARTERS:
            break
        name.insert(0, word)
    return name[-3:]


def _change_subject(words: list[str], *, bare_verb: bool = False) -> tuple[list[str], str] | None:
    """Return (thing, verb) for a lead-in ending "<thing> rose [by]" / "<thing> had fallen even faster by".

    ``bare_verb``: a change word that is usually a noun is a verb here ("saw its sales rise 2% to")."""
    for back in range(1, min(5, len(words)) + 1):
        verb = words[-back].lower()
        if back > 1 and not all(w.lower() in _FILLERS or w.lower().endswith("ly") for w in words[-back + 1:]):
            return None
        passive = back < len(words) and words[-back - 1].lower() in _AUXILIARIES  # "majority was cut to 27"
        if (verb in _UP or verb in _DOWN) and (bare_verb or passive or verb not in R.CHANGE_NOUNS):
            head = words[:-back]
            while head and head[-1].lower() in R.LEADING_NOISE:
                head = head[:-1]
            thing = _np_before(head, 4)
            return (thing, verb) if thing else None
    return None


def _measured(text: str, start: int, end: int, noun_end: int | None, depth: int = 0,
              kind: FigureKind | None = None) -> list[str] | None:
    """Return the noun phrase the figure at ``start:end`` measures, by the shape of its sentence, or None."""
    clauses = _clauses(text, start)
    lead = clauses[-1]
    clause_start = start - len(_HARD_BREAK.split(lookback(text, start))[-1])
    low_lead = lead.rstrip().lower()
    left = _tokens(lead)
    right = _right_text(text, noun_end if noun_end is not None else end)
    right_words = _tokens(_HARD_BREAK.split(right)[0])
    first = right_words[0].lower() if right_words else ""

    # "38 of its 52 warehouses": the part counts what the whole counts; the whole is the noun itself.
    part = re.match(r"\s*of\s+(?:its|their|the|his|her|our)\s+\d[\d,]*\s+", right)
    if noun_end is None and part:
        return _right_words(text, end + part.end(), R.MAX_LABEL_WORDS)
    if noun_end is not None and re.search(r"\d\s+of\s+(?:its|their|the|his|her|our)\s*$", lookback(text, start)):
        return _counted(text, end, noun_end)
    # "X grew to 4.6 million travellers", "X fell to 3.2% of orders": X is what is measured.
    if low_lead.endswith(" to"):
        numbered = _NUM_UNIT_RE.search(lead) is not None  # "rise 2.2% to": the change word is a verb
        stem = _NUM_UNIT_RE.sub(" ", lead).rstrip()[:-2]
        # "sales were down 4% in 2004 to": sales in 2004
        period = _TIME_PHRASE_RE.search(stem) or _IN_MONTH_RE.search(stem)
        year = _tokens(period.group()) if period and _is_year(period.group().split()[-1]) else []
        stem_words = _tokens(stem[:period.start()] if period else stem)
        change = _change_subject(stem_words, bare_verb=numbered)
        if change:
            return _sentence_case(change[0], text) + year
        # "fell by £600 from £190,329 in November to £189,733 in December": what the last figure measures
        last = list(_NUM_UNIT_RE.finditer(lead))
        between = _tokens(lead[last[-1].end():]) if last else []
        if last and all(_is_function(w) or w.lower() in _TIME_WORDS or w.lower() in R.MONTHS for w in between):
            prev = _previous_measure(text, start - len(lead) + last[-1].end(), depth)
            while prev and prev[0].lower() in ("previous", "rise", "fall", "in"):
                prev = prev[1:]
            if prev:
                when = _time_tail(text, end)
                return prev[: R.MAX_LABEL_WORDS - len(when)] + when
        # "pledged to cut immigration to 130,000", "raised rates by 0.27 points to 5.8%": what the verb changes
        while stem_words and stem_words[-1].lower() == "by":
            stem_words = stem_words[:-1]
        verb = next((i for i in range(len(stem_words) - 2, max(len(stem_words) - 5, -1), -1)
                     if stem_words[i].lower() in R.TRANSITIVE_CHANGES), None)
        thing = _np_after(stem_words[verb + 1:]) if verb is not None else []
        if thing and len(thing) == len(stem_words) - verb - 1 - (stem_words[verb + 1].lower() in _DETERMINERS) \
                and not any(w.lower() in R.CURRENCY_WORDS for w in thing):
            return thing + year
    # "$2bn of chips", "17% of its staff", "$3bn in unpaid taxes", "tonnes of grain", "$125bn worth of goods".
    if first == "worth" and len(right_words) > 2 and right_words[1].lower() == "of":
        right_words, first = right_words[1:], "of"
    if (first == "of" and (noun_end is None or kind is FigureKind.QUANTITY)) or (first == "in" and noun_end is None and len(right_words) > 1
                         and right_words[1].islower() and right_words[1] not in _DETERMINERS):
        thing = _np_after(right_words[1:])
        if thing and (first == "of" or thing[0].lower() not in _TIME_WORDS):
            return thing
    # "committed $900m to secure new ships", "spent £3m to repair its bridges": what the money is for.
    purpose = re.match(r"(?:\s+(?:in|over)\s+the\s+(?:next|coming)\s+\w+\s+(?:years|months))?"
                       r"\s*to\s+(?!(?:the|a|an|its|their|his|her)\s)[a-z]+\s+", right)
    if noun_end is None and kind is FigureKind.MONEY and purpose and left and left[-1].lower() in _SPENDING:
        words = _tokens(right[purpose.end():])
        thing = _np_after(words)
        if len(thing) == 1 and thing[0].lower() in _WEAK_HEADS and len(words) > 2 and words[1].lower() == "of":
            thing = _np_after(words[2:])  # "to buy one of South Korea's main retail banks"
        if thing:
            return thing
    # "agreed to buy Alfa-Eco's stake in Sun Interbrew, Russia's second-largest brewer, for 259.7m euros".
    if noun_end is None and kind is FigureKind.MONEY and (low_lead.strip() == "for" or low_lead.endswith(" for")):
        # a bare "for" follows an aside: look back over the clauses before it
        deal = _DEAL_RE.search(" ".join(clauses[-3:]) if low_lead.strip() == "for" else lead)
        thing = _np_after(_tokens(_HARD_BREAK.split(deal.group(1))[0])) if deal else []
        if thing and thing[-1].lower() not in _TIME_WORDS:
            the = deal.group(1).split()[0].lower() in _DETERMINERS  # "sold its Asian arm": of the Asian arm
            return ["price", "of"] + (["the"] if the else []) + thing
    # "BLB will pay $339m for the US unit": the price of what is bought.
    bought = re.match(r"\s*for\s+(?:(the)\s+|its\s+|a\s+)?", right)
    if noun_end is None and kind is FigureKind.MONEY and bought and left and left[-1].lower() in _PAYING:
        thing = _np_after(_tokens(_HARD_BREAK.split(right[bought.end():])[0]))
        if thing and thing[0].lower() not in _TIME_WORDS | _WEAK_HEADS:
            the = bought.group(1) or thing[0].islower()  # "of the US unit", "of the stake", "of Yugansk"
            return ["price", "of"] + (["the"] if the else []) + thing
    # "compared with 21 a year earlier": what the previous figure counts, then the time.
    if re.fullmatch(r"\s*(?:compared\s+(?:with|to)|against|versus|from)\s*", low_lead):
        when = _right_words(text, end, 4)
        if when and when[-1].lower() in _TIME_WORDS | _WEEKDAYS | set(R.MONTHS):
            prev = _previous_measure(text, clause_start, depth)
            return (prev[:3] + when) if prev else when
    if noun_end is not None:
        return None
    # "topped the 100,000 mark for weekly crane moves": what the threshold is a count of.
    if kind is FigureKind.COUNT and len(right_words) > 2 and right_words[0].lower() in R.THRESHOLD_NOUNS \
            and right_words[1].lower() in ("for", "of", "in"):
        thing = _np_after(right_words[2:])
        if thing and thing[0].lower() not in _TIME_WORDS | {"first", "last"}:
            return thing
    # "a $5m loan", "an 8% rise in sales", "Samsung's 102-inch plasma": the noun after the figure.
    owner = _name_owner(left)
    if left and (left[-1].lower() in _DETERMINERS or owner) and right_words and right_words[0].islower() \
            and not _is_function(right_words[0]) and not _is_verb(right_words[0]) \
            and right_words[0].lower() not in R.NOT_COUNT_NOUNS and not right.startswith("-") \
            and not (kind is FigureKind.COUNT and right_words[0].lower() in R.THRESHOLD_NOUNS):
        tail = _right_words(text, len(text) - len(right), R.MAX_LABEL_WORDS)
        verb = next((i for i, w in enumerate(tail) if i and w.lower() in _VERBS and not _compound_noun(tail, i)),
                    len(tail))
        thing = _strip_edges(tail[:verb], leading=False)
        return (owner + thing if owner and thing else thing) or None
    # "X worth / valued at (a combined) $N".
    extra = _EXTRA_ADJ_RE.search(lead)
    core = lead[:extra.start()] if extra else lead
    core_words = _tokens(core)
    if core_words and (core_words[-1].lower() == "worth" or core.rstrip().lower().endswith("valued at")):
        n = 1 if core_words[-1].lower() == "worth" else 2
        thing = _np_before(core_words[:-n]) or _previous_phrase(text, start)
        if thing:
            head = ["potential", "value"] if _MODAL_RE.search(lead) else ["value"]
            if extra:
                head = [extra.group(1).lower()] + head
            return head + ["of", "the"] + _sentence_case(thing, text)
    valued = re.search(r"\b(valued|put|estimated|pegged)\s+(.+?)\s+at\s*$", lead, re.I)
    if valued:  # "valued the unit at $N": value of the unit; "put its losses at $N": losses
        words = _tokens(valued.group(2))
        thing = _np_after(words)
        rest = words[words.index(thing[-1]) + 1:] if thing else []
        if len(thing) == 1 and thing[0].lower() in _OF_HEADS and rest[:1] == ["of"]:
            thing = thing + ["of"] + rest[1:R.MAX_LABEL_WORDS - 2]  # "put the amount of aid needed at"
        if thing and not (len(thing) == 1 and thing[0].lower() in _WEAK_HEADS):
            return (["value", "of", "the"] if valued.group(1).lower() == "valued" else []) + thing
    # "<verb> <thing> by N" ("raising fuel prices by 30%", "cut its workforce by 900").
    if len(left) > 2 and left[-1].lower() == "by":
        verb = next((i for i in range(len(left) - 3, max(len(left) - 7, -1), -1)
                     if left[i].lower() in _UP | _DOWN and left[i - 1].lower() not in _DETERMINERS), None)
        between = left[verb + 1:-1] if verb is not None else []
        filler = all(w.lower() in _FILLERS or w.lower().endswith("ly") for w in between)
        thing = [] if filler else _np_after(between)
        if verb is not None and len(thing) == len(left) - verb - 2 - (left[verb + 1].lower() in _DETERMINERS):
            return ["rise" if left[verb].lower() in _UP else "fall", "in"] + thing
    # "X rose 5%", "X rose 5% to $N" -> "rise in X" / "X"; "from $N" -> "previous X".
    # A number in the lead goes with its unit and what it is a share of ("by 2 points to", "to 3% of orders from").
    numberless = [w for w in _tokens(_NUM_UNIT_RE.sub(" ", lead)) if not (_is_number(w) and not _is_year(w))]
    to_from = left[-1].lower() if left and left[-1].lower() in ("to", "from") else None
    stem = numberless
    while to_from and stem and stem[-1].lower() in ("to", "from"):
        stem = stem[:-1]
    # "sales rise 2.2%": a change word right before the number, after a noun, is a verb
    bare = not to_from and len(left) > 1 and left[-1] in R.CHANGE_NOUNS and left[-2].lower() not in _DETERMINERS
    change = _change_subject(stem if to_from else left, bare_verb=bare)
    if not change and to_from == "from" and len(numberless) > 2 and numberless[-2].lower() == "to":
        thing = _np_before(stem, 4)  # "profits to $5m from $6m"
        if thing:
            return ["previous"] + _sentence_case(thing, text)
    if change:
        thing = _sentence_case(change[0], text)
        if to_from == "to":
            return thing
        if to_from == "from":
            return ["previous"] + thing
        return ["rise" if change[1] in _UP else "fall", "in"] + thing
    # "$12bn this year, up from $9bn in 2023, and could exceed $20bn by 2028": what $12bn measures.
    if re.fullmatch(r"(?:up|down)\s+from", _NUM_UNIT_RE.sub(" ", low_lead).strip()) and len(clauses) > 1:
        return _shared_measure(text, end, clause_start, depth, previous=True)
    if _COORDINATED_RE.match(lead) and len(clauses) > 1:
        return _shared_measure(text, end, clause_start, depth, previous=False)
    # "revenue of $5bn, up 9% on the year": what the previous figure measures.
    if low_lead.strip() in ("up", "down") and len(clauses) > 1:
        thing = _previous_measure(text, clause_start, depth)
        if thing:
            return ["rise" if low_lead.strip() == "up" else "fall", "in"] + thing
    # "X of $N": the noun before "of" ("annual revenue of", "a net loss of ... in the year").
    if left and left[-1].lower() in ("of", "for"):
        thing = _np_before(left[:-1], 4)
        if len(thing) == 1 and left[0].lower() in ("which", "who") and len(clauses) > 1:
            thing = _previous_phrase(text, start) + thing  # "Acme, which has a capitalisation of"
        elif len(thing) == 1:
            thing = _owner(left[:-2]) + thing  # "Acme posted a profit of" -> "Acme profit"
        if thing and thing[-1].lower() not in _WEAK_HEADS:
            tail = _right_words(text, end, R.MAX_LABEL_WORDS - len(thing)) if first in ("in", "for", "over") else []
            return _sentence_case(thing, text) + tail
    # "X reached / totalled / stood at $N", "X would reach N%".
    level = _LEVEL_RE.search(lead)
    if level and first not in ("above", "below", "higher", "lower", "more", "less", "up", "down", "short"):
        before = _EXPECTED_TO_RE.sub("", lead[:level.start()])
        candidates: list[tuple[str, list[str]]] = [(before, [])]
        period = _TIME_PHRASE_RE.search(before)
        if period:  # "net income in the last quarter was": the phrase before the period; a year stays ("sales in 2004")
            year = _tokens(period.group()) if _is_year(period.group().split()[-1]) else []
            candidates.append((before[:period.start()], year))
        for candidate, tail in candidates:
            words = _tokens(candidate)
            while words and words[-1].lower() in R.LEADING_NOISE | {"would", "will", "could", "may", "might"}:
                words = words[:-1]
            thing = _np_before(words, 4)
            if thing and not all(w.lower() in _PERIOD_WORDS or _is_year(w) for w in thing):
                return _sentence_case(thing, text) + tail
    # "The poll put Labour on 37%": a share for the name before "on".
    named_on = re.search(r"\b((?:[A-Z][\w'’.&-]*\s+){1,3})on\s*$", lead)
    if kind is FigureKind.PERCENT and named_on and not _is_function(named_on.group(1).split()[0]):
        return named_on.group(1).split()
    # "X, at $N" / "X - at $N -": the phrase before the break; "X - $N -": the phrase itself.
    if low_lead.strip() == "at":
        return _previous_phrase(text, start) or None
    if not low_lead.strip() and len(clauses) > 1 and re.match(r"\s+[-–]\s", right):
        return _np_before(_tokens(clauses[-2]), 4) or None
    return None


def build_label(text: str, start: int, end: int, noun_end: int | None, kind: FigureKind, *,
                restated: str | None = None) -> str:
    """Return a short label (at most MAX_LABEL_WORDS words) for the figure at ``start:end`` in ``text``.

    The noun phrase the sentence's shape names as measured comes first (``_measured``); then, for a
    figure that restates the one before it ("up 12.6%, or 440,700 MW"), that figure's label
    (``restated``); otherwise the words around the figure are compressed to a short lead-in and tail.
    """
    if kind is not FigureKind.DATE:
        measured = _measured(text, start, end, noun_end, kind=kind)
        if measured:
            return " ".join(_strip_edges(measured[: R.MAX_LABEL_WORDS]))
        if restated:
            return restated
    if noun_end is None and kind is not FigureKind.DATE:
        left = _compress_left(_left_words(text, start))
        phrase = _value_phrase(left, text, start) or _change_phrase(left, text, start)
        if phrase:
            return " ".join(_strip_edges(phrase[: R.MAX_LABEL_WORDS]))
    if noun_end is not None:
        noun = _counted(text, end, noun_end)
        right = _right_words(text, noun_end, R.MAX_LABEL_WORDS - len(noun)) or _relative(text, noun_end, len(noun))
        # a bare noun gets its lead-in ("staff at the plant"); a noun phrase says enough ("separate spyware programs")
        if right:
            words = noun + right
        else:
            words = _done_to(text, start, noun) or (
                noun if len(noun) > 1 else _compress_left(_left_words(text, start))[-3:] + noun)
    else:
        left = _compress_left(_left_words(text, start))
        right = _right_words(text, end, R.MAX_LABEL_WORDS - len(left))
        if len(left) == 1 and not right:
            left = _previous_phrase(text, start) + left
        words = left + right
        if not words and kind is not FigureKind.DATE:
            words = _fallback(text, start, end)
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
