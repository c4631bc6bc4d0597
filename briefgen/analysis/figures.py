"""Figure extraction: money, percentages, counts, quantities, ranges, dates and years."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from ..model import Change, Figure, FigureKind, Sentence, one_line
from . import figure_rules as R
from .labels import build_label, find_subject, lookahead, lookback
from .text_words import content_stems, word_index

Value = float | str | tuple[float, float]


@dataclass(frozen=True)
class Mention:
    """A number found in one sentence, with offsets relative to the sentence."""

    start: int
    end: int
    value: Value
    unit: str | None
    kind: FigureKind
    noun_end: int | None = None


# --------------------------------------------------------------------------------------------
# Regular expressions built from the tables
# --------------------------------------------------------------------------------------------


def _alternation(words: Sequence[str]) -> str:
    """Return a regex alternation of ``words``, longest first so prefixes never win."""
    return "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))


_MONTH = r"(?:" + "|".join(sorted((m.capitalize() for m in R.MONTHS), key=lambda w: -len(w))) + r")"
_ORD = r"(?:st|nd|rd|th)?"
_DATE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("ymd", re.compile(r"(?<![\w.-])(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?![\w-])")),
    ("dmy", re.compile(rf"(?<![\w.])(?P<d>\d{{1,2}}){_ORD}\s+(?:of\s+)?(?P<mon>{_MONTH})\.?,?\s+(?P<y>\d{{4}})(?![\w])")),
    ("mdy", re.compile(rf"\b(?P<mon>{_MONTH})\.?\s+(?P<d>\d{{1,2}}){_ORD},?\s+(?P<y>\d{{4}})(?![\w])")),
    ("dm", re.compile(rf"(?<![\w.])(?P<d>\d{{1,2}}){_ORD}\s+(?:of\s+)?(?P<mon>{_MONTH})\b\.?")),
    ("md", re.compile(rf"\b(?P<mon>{_MONTH})\.?\s+(?P<d>\d{{1,2}}){_ORD}(?![\w%])(?![.,]\d)")),
    ("my", re.compile(rf"\b(?P<mon>{_MONTH})\.?\s+(?P<y>\d{{4}})(?![\w])")),
)

_MASKS: tuple[re.Pattern[str], ...] = (
    re.compile(r"(?<![\w.])\d{1,2}(?:[:.]\d{2})?\s?(?:[ap]\.m\.|[ap]m\b)", re.I),  # 2.15pm, 10 am
    re.compile(r"(?<![\w.])\d{1,2}:\d{2}(?::\d{2})?(?![\w])"),  # 10:30
    re.compile(r"(?<![\w.])\d+(?:\.\d+){2,}(?![\w])"),  # version numbers 2.0.1
    re.compile(r"(?<![\w+])(?:\+\d{1,3}[\s-]?)?(?:\(0\d{1,4}\)|0\d{2,4})[\s-]\d{3,4}[\s-]?\d{3,4}(?![\w])"),  # phones
    re.compile(r"(?<![\w+-])(?:1-)?(?:\(\d{3}\)\s?|\d{3}-)\d{3}-\d{4}(?![\w-])"),  # 1-800-843-0008, (212) 555-0100
    re.compile(r"(?<![\w.])(?!(?:19|20)\d\d/\d\d(?![\d/]))\d+/\d+(?:/\d+)?(?![\w])"),  # 30/01/2024, 3/4
    # video resolutions: 1080p is not 1,080 pence, 4K not 4,000
    re.compile(r"(?<![\w$£€¥₹.,])(?:(?:240|360|480|576|720|1080|1440|2160|4320)[pi]|[48]K)(?![\w])"),
)

_CUR_PREFIX = r"(?:(?:US|AU|A|CA|C|HK|NZ|S)?\$|£|€|¥|₹|(?:Rs\.?|USD|EUR|GBP|JPY|CNY|RMB|CHF|INR|AUD|CAD)\s?)"
#: Digits grouped in thousands by a no-break, narrow no-break or thin space ("12\u00a0500", as French
#: and other European styles write numbers); a plain space is not trusted ("in 2024 500 people").
_GROUP_SPACES = "\u00a0\u202f\u2009"
_GROUP_SEPARATOR = re.compile(f"[,{_GROUP_SPACES}]")
_NUM = rf"(?:\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d{{1,3}}(?:[{_GROUP_SPACES}]\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)"
_SPACED_SCALES = [w for w in R.SCALES if len(w) > 2 or w in ("bn", "mn", "tn")]
_GLUED_SCALES = [w for w in R.SCALES if len(w) <= 3]
_PCT = r"(?:\s?%|\s?(?:per\s?cent|percent|percentage\s+points?|pc|pp)\b)"
_CUR_SUFFIX = rf"(?:\s(?:{_alternation(list(R.CURRENCY_SUFFIXES))})\b)"
_SUBUNIT = rf"(?:\s?(?:{_alternation([w for w in R.SUBUNITS if w != 'p'])})\b|p\b)"

_NUMBER_RE = re.compile(
    rf"""
    (?<![\w$£€¥₹.,/:])
    (?P<cur>{_CUR_PREFIX})?
    (?P<num>{_NUM})(?!\d)(?![.,]\d)
    (?P<scale>\s?(?:{_alternation(_SPACED_SCALES)})\b|(?:{_alternation(_GLUED_SCALES)})\b)?
    (?P<pct>{_PCT})?
    (?P<suf>{_SUBUNIT}|{_CUR_SUFFIX})?
    (?![\w])(?!:\d)
    """,
    re.X | re.I,
)
_GLUED_UNIT_RE = re.compile(
    rf"(?<![\w.,])(?P<num>{_NUM})(?P<unit>{_alternation(list(R.QUANTITY_UNITS))})(?![\w])", re.I
)
_YEAR_RANGE_RE = re.compile(
    r"(?<![\w.,$£€¥₹/:-])(?P<a>(?:19|20)\d\d)[/–-](?P<b>\d{1,2}|(?:19|20)\d\d)(?![\w%/-])(?![.,]\d)"
)
_UNITS_WORD = _alternation(list(R.SPELLED_UNITS))
_TENS_WORD = _alternation(list(R.SPELLED_TENS))
_UNDER_HUNDRED = rf"(?:(?:{_TENS_WORD})(?:[-\s](?:{_UNITS_WORD}))?|(?:{_UNITS_WORD}))"
#: A spelled-out number below a thousand, or "a" / "half a" before a scale: "fifty-nine", "twenty five",
#: "one hundred and fifty", "two and a half".
_SPELLED = (
    rf"(?:(?:{_UNITS_WORD}|a)\s+hundred(?:\s+(?:and\s+)?{_UNDER_HUNDRED})?|{_UNDER_HUNDRED})"
    rf"(?:\s+and\s+a\s+half|-and-a-half)?|(?:a|one|three)\s+quarters?\s+of\s+a|half\s+a|(?<!\bin\s)(?<!\bof\s)a"
)
_WORD_NUMBER_RE = re.compile(
    rf"(?<![\w-])(?P<spelled>{_SPELLED})"
    rf"(?:(?P<scale>\s(?:thousand|million|billion|trillion))(?P<suf>{_CUR_SUFFIX})?"
    rf"|(?P<pct>\s(?:per\s?cent|percent))(?![\w-]))"
    rf"(?![\w-])",
    re.I,
)
_WORD_RE = re.compile(r"[A-Za-z][A-Za-z'-]*")


# --------------------------------------------------------------------------------------------
# Parsing one sentence
# --------------------------------------------------------------------------------------------


def _masked_spans(text: str) -> list[tuple[int, int]]:
    """Return spans (times, versions, phone numbers, slashed dates) that hold no figure."""
    return [m.span() for rx in _MASKS for m in rx.finditer(text)]


def _overlaps(span: tuple[int, int], spans: Sequence[tuple[int, int]]) -> bool:
    """True when ``span`` overlaps any of ``spans``."""
    return any(span[0] < e and s < span[1] for s, e in spans)


def _iso_date(groups: dict[str, str | None]) -> str | None:
    """Return the ISO form of a parsed date ("2024-01-30", "2024-01", "--01-30"), None if invalid."""
    month = int(groups["m"]) if groups.get("m") else R.MONTHS[groups["mon"].lower().rstrip(".")]  # type: ignore[union-attr]
    day = int(groups["d"]) if groups.get("d") else None
    year = groups.get("y")
    if not 1 <= month <= 12 or (day is not None and not 1 <= day <= 31):
        return None
    if year and not R.YEAR_RANGE[0] <= int(year) <= R.YEAR_RANGE[1]:
        return None
    if day is None:
        return f"{year}-{month:02d}"
    return f"{year}-{month:02d}-{day:02d}" if year else f"--{month:02d}-{day:02d}"


def _find_dates(text: str, taken: list[tuple[int, int]]) -> list[Mention]:
    """Return date mentions, most specific pattern first; records their spans in ``taken``."""
    found = []
    for _, rx in _DATE_PATTERNS:
        for m in rx.finditer(text):
            if _overlaps(m.span(), taken):
                continue
            iso = _iso_date(m.groupdict())
            if iso is None:
                continue
            end = _trim_date_end(text, m.start(), m.end())
            taken.append((m.start(), end))
            found.append(Mention(m.start(), end, iso, None, FigureKind.DATE))
    return found


def _trim_date_end(text: str, start: int, end: int) -> int:
    """Drop trailing dots and commas from a date span."""
    while end > start and text[end - 1] in ".,":
        end -= 1
    return end


def _scale_of(raw: str | None) -> float:
    """Return the multiplier of a scale word or suffix (1 when absent)."""
    return R.SCALES[raw.strip().lower()] if raw else 1.0


def _number_of(raw: str) -> float:
    """Return the float value of a digit string with thousands commas or spaces."""
    return float(_GROUP_SEPARATOR.sub("", raw))


def _money_unit(cur: str | None, suf: str | None) -> tuple[str | None, float]:
    """Return (ISO code, factor) for a currency prefix and/or suffix; factor 0.01 for pence/cents."""
    code = R.CURRENCY_PREFIXES.get(cur.strip().lower().replace(" ", "")) if cur else None
    word = suf.strip().lower() if suf else None
    if word in R.SUBUNITS:
        factor, default = R.SUBUNITS[word]
        return code or default, factor
    return code or (R.CURRENCY_SUFFIXES.get(word) if word else None), 1.0


def _is_year(num: str, m: re.Match[str]) -> bool:
    """True for a bare four-digit number in the year range."""
    return (
        re.fullmatch(r"\d{4}", num) is not None
        and R.YEAR_RANGE[0] <= int(num) <= R.YEAR_RANGE[1]
        and not (m.group("cur") or m.group("scale") or m.group("pct") or m.group("suf"))
    )


#: "pounds of <something that is not money>": a weight ("5,200 pounds of water vapour", but "5bn pounds of
#: investment" is money).
_MONEY_AFTER_OF = _alternation(sorted(R.MONEY_CONTEXT | {"taxpayers", "public", "new", "extra"}))
_WEIGHT_POUNDS = re.compile(rf"\s+of\s+(?!(?:{_MONEY_AFTER_OF})\b)[a-z]", re.I)
#: "weighs 40 pounds", "weighing about 2,000 pounds": a weight too.
_WEIGHT_BEFORE = re.compile(
    r"\bweigh(?:s|ed|ing)?\s+(?:(?:about|around|nearly|almost|roughly|just|over|under|up\s+to|more\s+than|"
    r"less\s+than)\s+)*$", re.I
)


def _is_weight_in_pounds(m: re.Match[str]) -> bool:
    """True when a number with "pounds" after it and no currency sign before it is a weight."""
    if m.group("cur") or not m.group("suf") or m.group("suf").strip().lower() not in ("pound", "pounds"):
        return False
    return (_WEIGHT_POUNDS.match(m.string, m.end()) is not None
            or _WEIGHT_BEFORE.search(m.string, max(0, m.start() - 40), m.start()) is not None)


def _classify(m: re.Match[str]) -> Mention:
    """Turn one non-percent number match into a mention (value at full scale, unit, kind)."""
    num = m.group("num")
    value = _number_of(num) * _scale_of(m.group("scale"))
    if _is_weight_in_pounds(m):
        return Mention(m.start(), m.end(), value, "lb", FigureKind.QUANTITY)  # "5,200 pounds of water vapour"
    if m.group("cur") or m.group("suf"):
        code, factor = _money_unit(m.group("cur"), m.group("suf"))
        return Mention(m.start(), m.end(), value * factor, code, FigureKind.MONEY)
    if _is_year(num, m):
        return Mention(m.start(), m.end(), float(num), None, FigureKind.YEAR)
    return Mention(m.start(), m.end(), value, None, FigureKind.COUNT)


def _percent_unit(raw: str) -> str:
    """Return the unit for a percent marker as written ("%", "per cent", "percentage points")."""
    key = re.sub(r"\s+", " ", raw.strip().lower())
    if key.startswith("percentage point"):
        return "percentage points"
    return R.PERCENT_MARKERS.get(key, "%")


def _find_year_ranges(text: str, taken: list[tuple[int, int]]) -> list[Mention]:
    """Return year ranges ("2012-13", "2004/05", "1999-2001", "2005-6"); records their spans in ``taken``."""
    found = []
    for m in _YEAR_RANGE_RE.finditer(text):
        low = float(m.group("a"))
        tail = m.group("b")
        span = 10 ** len(tail) if len(tail) < 4 else 0  # the decade or century a short tail counts in
        high = float(tail) if not span else float(int(low) // span * span + int(tail))
        if high <= low and span:
            high += span
        if _overlaps(m.span(), taken) or not low < high <= R.YEAR_RANGE[1]:
            continue
        found.append(Mention(m.start(), m.end(), (low, high), None, FigureKind.YEAR))
        taken.append(m.span())
    return found


def _unit_named(word: str) -> str | None:
    """Return the unit a word after a number names ("kW", "Gb" and "gb" alike), or None."""
    if word.lower() in R.LOWER_CASE_UNITS and not word.islower():
        return None
    return R.QUANTITY_UNITS.get(word.lower())


def _find_numbers(text: str, taken: list[tuple[int, int]]) -> list[Mention]:
    """Return digit-based mentions outside ``taken`` spans, in order."""
    found = _find_year_ranges(text, taken)
    for m in _GLUED_UNIT_RE.finditer(text):
        unit = _unit_named(m.group("unit"))
        if not _overlaps(m.span(), taken) and m.group("unit").lower() not in R.SCALES and unit is not None:
            found.append(Mention(m.start(), m.end(), _number_of(m.group("num")), unit, FigureKind.QUANTITY))
            taken.append(m.span())
    for m in _NUMBER_RE.finditer(text):
        if _overlaps(m.span(), taken):
            continue
        mention = _classify_match(m)
        found.append(mention)
        taken.append((mention.start, mention.end))
    return sorted(found, key=lambda x: x.start)


def _classify_match(m: re.Match[str]) -> Mention:
    """Classify a number match, with percent units normalised."""
    if m.group("pct"):
        value = _number_of(m.group("num")) * _scale_of(m.group("scale"))
        return Mention(m.start(), m.end(), value, _percent_unit(m.group("pct")), FigureKind.PERCENT)
    return _classify(m)


def spelled_value(text: str) -> float:
    """Return the value of a spelled-out number matched by ``_SPELLED`` ("fifty-nine" -> 59,
    "one hundred and fifty" -> 150, "two and a half" -> 2.5, "half a" -> 0.5, "a quarter of a" -> 0.25,
    "a" -> 1)."""
    words = re.findall(r"[a-z]+", text.lower())
    if words[:2] == ["half", "a"]:
        return 0.5
    if "quarter" in words or "quarters" in words:
        return 0.75 if words[0] == "three" else 0.25
    value = 0.0
    for word in words:
        if word == "hundred":
            value = (value or 1) * 100
        elif word == "half":
            value += 0.5
        else:
            value += R.SPELLED_UNITS.get(word, 0) + R.SPELLED_TENS.get(word, 0) + (word == "a" and not value)
    return value


def _find_word_numbers(text: str, taken: list[tuple[int, int]]) -> list[Mention]:
    """Return spelled-out amounts with a scale or percent ("two billion", "fifty-nine per cent",
    "four billion dollars")."""
    found = []
    for m in _WORD_NUMBER_RE.finditer(text):
        if _overlaps(m.span(), taken):
            continue
        value = spelled_value(m.group("spelled")) * _scale_of(m.group("scale"))
        if m.group("pct"):
            kind, unit = FigureKind.PERCENT, "%"
        elif m.group("suf"):
            unit, factor = _money_unit(None, m.group("suf"))
            kind, value = FigureKind.MONEY, value * factor
        else:
            kind, unit = FigureKind.COUNT, None
        found.append(Mention(m.start(), m.end(), value, unit, kind))
        taken.append(m.span())
    return found


# --------------------------------------------------------------------------------------------
# Ranges, nouns and context
# --------------------------------------------------------------------------------------------

_RANGE_GAP = re.compile(r"\s?[-–]\s?|\s+to\s+|\s+and\s+")


def _bare(text: str, mention: Mention) -> bool:
    """True when a mention carries no scale, percent or unit word of its own ("$1.3", "10")."""
    return re.search(r"\d\s*[A-Za-z%]", text[mention.start:mention.end]) is None


def _is_range_gap(text: str, a: Mention, b: Mention) -> bool:
    """True when the text between ``a`` and ``b`` joins them into one range."""
    gap = text[a.end:b.start]
    if not _RANGE_GAP.fullmatch(gap):
        return False
    before = text[:a.start].rstrip().lower()
    if gap.strip() == "and":
        return before.endswith("between")
    if gap.strip() == "to":
        same_money = a.kind is FigureKind.MONEY and (
            b.kind is FigureKind.MONEY and a.unit == b.unit and _bare(text, a)
            or b.kind is FigureKind.COUNT and re.fullmatch(r"[\d.,]+\s?[a-z]+", text[b.start:b.end]) is not None)
        if a.kind is b.kind is FigureKind.PERCENT and re.search(r"\b(?:a|an)$", before):
            return True  # "a 2% to 3% rise": one range, where "from 2% to 3%" is a change
        return (a.kind is FigureKind.COUNT or same_money) and b.kind is not FigureKind.YEAR \
            and not before.endswith("from") and not (b.kind is not FigureKind.PERCENT and _after_change(before))
    return True


#: A result: "won 3-1", "lost 3-6 6-4 6-2", "a 2-2 draw"; its numbers are no range (see ``_is_score``).
_SCORE_BEFORE = re.compile(
    r"\b(?:beat|beats|beaten|won|win|wins|winning|lost|lose|loses|losing|drew|draw|draws|led|leads|leading|trailed|"
    r"trailing|defeated|defeat|thrashed|edged|victory|scoreline|score|scored|tie|tied|a|an)\s+(?:\w+\s+){0,3}$", re.I
)
_SCORE_AROUND = re.compile(r"\d\s?[-–]\s?\d")


def _is_score(text: str, a: Mention, b: Mention) -> bool:
    """True for a bare "N-M" that is a result, not a range: after a verb of winning or losing, or beside
    another "N-M" (set scores), or as a modifier ("a 2-2 draw")."""
    if text[a.end:b.start].strip() not in ("-", "–") or not a.kind is b.kind is FigureKind.COUNT \
            or not (_bare(text, a) and _bare(text, b)):
        return False
    if _count_noun(text, b.end) is not None \
            and not re.match(r"\s?(?:draw|win|victory|defeat|lead|loss)\b", text[b.end:]):
        return False  # "3-6 people", but "a 2-2 draw"
    around = text[max(0, a.start - 8):a.start] + " " + text[b.end:b.end + 8]
    return _SCORE_BEFORE.search(text, max(0, a.start - 60), a.start) is not None \
        or _SCORE_AROUND.search(around) is not None \
        or _GLUED_BEFORE.search(text, 0, a.start) is not None or _GLUED_AFTER.match(text, b.end) is not None  # "3-0-2"


def _after_change(before: str) -> bool:
    """True when a change verb ends ``before`` ("fell", "rose by a further"): "fell 11,000 to 813,200"
    is a change and the level it reached, not a range."""
    words = _WORD_RE.findall(R.NUMBER_QUALIFIERS.sub("", before))[-5:]
    while words and (words[-1].lower() in ("by", "a", "further", "another") or words[-1].lower().endswith("ly")):
        words.pop()
    return bool(words) and words[-1].lower() in R.CHANGE_UP | R.CHANGE_DOWN


def _year_tail(a: Mention, tail: str) -> float | None:
    """Return the full year for a 2-digit tail after year ``a`` ("2012-13" -> 2013)."""
    if a.kind is not FigureKind.YEAR or not re.fullmatch(r"\d{2}", tail):
        return None
    century = int(a.value) // 100 * 100  # type: ignore[arg-type]
    year = century + int(tail)
    return float(year if year > a.value else year + 100)  # type: ignore[operator]


def _merge_pair(text: str, a: Mention, b: Mention) -> Mention | None:
    """Return the range mention for ``a``-``b``, or None when they are not one range."""
    tail = _year_tail(a, text[b.start:b.end])
    if tail is not None and text[a.end:b.start] in ("-", "–", "/"):
        return Mention(a.start, b.end, (a.value, tail), None, FigureKind.YEAR)  # type: ignore[arg-type]
    if not _is_range_gap(text, a, b) or not all(isinstance(m.value, (int, float)) for m in (a, b)) \
            or _is_score(text, a, b):
        return None  # dates, ranges already merged ("10-20-30" is not a range of a range), scores
    if a.kind is FigureKind.MONEY and b.kind is FigureKind.COUNT:  # "$10-12bn", "$5m to 6m", "between $5 and 6 million"
        b = replace(b, kind=FigureKind.MONEY, unit=a.unit)
        a = replace(a, kind=FigureKind.COUNT)
    if a.kind is FigureKind.YEAR and b.kind is FigureKind.YEAR:
        return Mention(a.start, b.end, (a.value, b.value), None, FigureKind.YEAR)  # type: ignore[arg-type]
    if a.kind not in (FigureKind.COUNT, b.kind) or b.kind is FigureKind.YEAR:
        return None
    low, high = _low_value(text, a, b), b.value
    if low >= high:  # type: ignore[operator]
        return None
    return Mention(a.start, b.end, (low, high), b.unit, b.kind)  # type: ignore[arg-type]


def _low_value(text: str, a: Mention, b: Mention) -> float:
    """Return the low end of a range scaled like the high end ("10-12bn" -> 1e10)."""
    low = float(a.value)  # type: ignore[arg-type]
    if _bare(text, a) and b.kind is not FigureKind.PERCENT:
        high_surface = text[b.start:b.end]
        scale = re.search(r"(?:bn|billion|mn|million|tn|trillion|thousand|crore|lakh|m|k)\b", high_surface, re.I)
        if scale:
            low *= R.SCALES[scale.group(0).lower()]
        pence = re.search(r"(?:pence|cents?|p)$", high_surface)
        if pence:
            low *= 0.01
    return low


def _merge_ranges(text: str, mentions: list[Mention]) -> list[Mention]:
    """Join adjacent mentions that form ranges ("3-4%", "$10-12bn", "2012-13", "between 5 and 6")."""
    out: list[Mention] = []
    for mention in mentions:
        merged = _merge_pair(text, out[-1], mention) if out else None
        if merged is not None and not isinstance(out[-1].value, tuple):
            out[-1] = merged
        else:
            out.append(mention)
    return out


def _count_noun(text: str, end: int) -> tuple[str, int] | None:
    """Return (noun, end offset) of the counted noun after a number ("300 jobs", "300 new jobs",
    "80-odd resorts")."""
    rough = _MODIFIER_AFTER.match(text, end)
    if rough and rough.group(1) in _ROUGH_SIZE:
        end = rough.end()
    words = []
    for word in _WORD_RE.finditer(text, end):  # the words right after the number, up to any punctuation
        if len(words) == 3 or text[(words[-1].end() if words else end):word.start()].strip():
            break
        words.append(word)
    if not words:
        return None
    first = words[0]
    plural = next((i for i, w in enumerate(words) if _plural_like(w.group(0)) and _noun_like(w.group(0))), None)
    if plural and words[plural].group(0).lower() in R.CURRENCY_WORDS:
        return None  # "1bn CFA francs": money in a currency without a code here
    if plural and all(_modifies(w.group(0)) for w in words[:plural]):
        return words[plural].group(0), words[plural].end()  # "300 new jobs", "62 Labour MPs", "extra police officers"
    if not _noun_like(first.group(0)) or first.group(0).lower() in R.THRESHOLD_NOUNS:
        return None
    if first.group(0).lower().endswith("ing") and (len(words) < 2 or not _noun_like(words[1].group(0))):
        return None  # "Half Life 2 triumphing in": a verb; "92 outgoing flights" counts flights
    if not _plural_like(first.group(0)) and first.group(0).lower() not in R.SINGULAR_COUNT_NOUNS \
            and not re.search(r"(?<![\d.,])(?:1|one|a|an)\s*$", text[max(0, end - 12):end], re.I):
        return None  # "the 900,000 forecast": a singular noun after a number other than one describes it
    return first.group(0), first.end()


#: Capitalised plurals that are counted too: acronyms ("300 PCs"), product names ("6 million iPods") and
#: peoples ("7 million Ethiopians", "2 million Britons").
_NAMED_PLURAL_RE = re.compile(r"[A-Z]{2,}s|[a-z][A-Z][a-z]+s|[A-Z][a-z]+(?:ans|ons)")


def _modifies(word: str) -> bool:
    """True for a word that may stand between a number and its plural noun: a singular noun or adjective
    ("new", "police") or a name ("Labour", "EU")."""
    low = word.lower()
    if word[:1].isupper():
        return low not in R.FUNCTION_WORDS | R.WEEKDAYS | R.SENTENCE_STARTERS and low not in R.MONTHS
    return _noun_like(word) and not _plural_like(word) and low not in R.THRESHOLD_NOUNS


def _noun_like(word: str) -> bool:
    """True for a lower-case word (or a capitalised plural, see above) that may name what is counted."""
    low = word.lower()
    return (
        (word.islower() or _NAMED_PLURAL_RE.fullmatch(word) is not None)
        and low not in R.NOT_COUNT_NOUNS
        and not low.endswith(("ly", "ed"))
        and "'" not in word
        and len(word) > 1
    )


def _plural_like(word: str) -> bool:
    """True for a word that looks plural ("jobs", "people")."""
    low = word.lower()
    return low.endswith("s") and not low.endswith("ss") or low.endswith("men") or low in R.PLURAL_WORDS


def _money_context(text: str, start: int) -> bool:
    """True when a word shortly before ``start`` signals money ("invested 1 billion")."""
    words = [w.lower() for w in _WORD_RE.findall(text[max(0, start - 40):start])][-4:]
    return any(w in R.MONEY_CONTEXT for w in words)


def _after_capitalised_name(text: str, start: int) -> bool:
    """True when a number directly follows a capitalised non-initial word ("Windows 7", "Xbox 360")."""
    offset = max(0, start - 80)  # the word before a number is near it: keep the search local
    m = re.search(r"(\S+)\s+$", text[offset:start])
    if not m or not re.fullmatch(r"[A-Z][A-Za-z&]*\d*", m.group(1)):  # "Windows 7", "S&P 500"
        return False
    if m.group(1).lower() in R.MONTHS or m.group(1).lower() in R.FUNCTION_WORDS | R.WEEKDAYS:
        return False
    return bool(text[:offset + m.start(1)].strip())


def _hyphen_name(text: str, start: int) -> bool:
    """True for a number glued by a hyphen to a name ("F-16", "COX-2"), not to a scale word."""
    m = re.search(r"([A-Za-z]+)-$", text[max(0, start - 80):start])
    return m is not None and m.group(1).lower() not in R.SCALES


#: A number glued by hyphens to another number or a code: a model ("777-200LR") or a score ("passed 8-1").
_GLUED_AFTER = re.compile(r"-\w*\d")
_GLUED_BEFORE = re.compile(r"\d-$")
#: "Dr Greenspan, 79, said": an age between commas after a name.
_AGE_BEFORE = re.compile(r"[A-Z][\w'’.-]*,\s$")
#: "a 16-year high", "a 30-person team": a number that modifies the noun after it, glued by a hyphen.
_MODIFIER_AFTER = re.compile(r"-([a-z]+)(?:-old)?\b(?!-?\d)")  # "-year-old": an age
#: Hyphenated words that round or size a count of the noun after it ("80-odd resorts", "a 130,000-strong
#: workforce"), not a modifier with a unit of its own.
_ROUGH_SIZE = frozenset("odd plus strong".split())
#: Digits beyond this many without grouping are an identifier (an account or phone number), not an amount.
_MAX_UNGROUPED_DIGITS = 7


def _is_identifier(text: str, mention: Mention, bare: bool) -> bool:
    """True for a bare number that names or identifies rather than counts (see the patterns above)."""
    surface = text[mention.start:mention.end]
    if bare and (_hyphen_name(text, mention.start) or _GLUED_AFTER.match(text, mention.end)
                 or _GLUED_BEFORE.search(text, 0, mention.start) or len(surface) > _MAX_UNGROUPED_DIGITS):
        return True
    if bare and _AGE_BEFORE.search(text, 0, mention.start) and text[mention.end:mention.end + 1] == ",":
        return True
    # "the top 10" with nothing counted, "Boeing 737-800 planes" (a model, not a range of planes)
    return (bare and re.search(r"\btop\s$", text[max(0, mention.start - 5):mention.start]) is not None
            and _count_noun(text, mention.end) is None) or (
        re.fullmatch(r"\d+-\d+", surface) is not None and _after_capitalised_name(text, mention.start))


def _modifier(text: str, mention: Mention) -> Mention | None:
    """Return the mention of a hyphenated modifier ("16-year high" -> 16 years, "30-person team" -> 30
    person), or None."""
    m = _MODIFIER_AFTER.match(text, mention.end)
    if not m or m.group(1) in R.SCALES or m.group(1) in _ROUGH_SIZE:
        return None
    word = m.group(1)
    if word in R.CURRENCY_SUFFIXES:  # "a 4bn-euro hole", "the 418bn-rand budget": money
        return replace(mention, end=m.end(), unit=R.CURRENCY_SUFFIXES[word], kind=FigureKind.MONEY)
    if word in R.QUANTITY_UNITS:
        return replace(mention, end=m.end(), unit=R.QUANTITY_UNITS[word], kind=FigureKind.QUANTITY)
    return replace(mention, end=m.end(), unit=word)


_AREA_OR_VOLUME = re.compile(
    rf"\s?(sq\.?|square|cubic|cu\.?)\s?({_alternation(list(R.AREA_LENGTHS))})\b", re.I
)
#: The word right after a number, which may be a unit in any case ("150 kW", "2 GB", "100 km/h").
_UNIT_AFTER = re.compile(r"\s?([A-Za-z]+(?:/[hs])?)(?![\w-])")


_CLOCK_ZONE = re.compile(r"\s?(?:GMT|BST|UTC|CET|EST|EDT|PST|PDT)\b")


def _refine(text: str, mention: Mention) -> Mention:
    """Attach counted nouns and fix kinds that need context (money words, product names, identifiers)."""
    if mention.kind in (FigureKind.COUNT, FigureKind.YEAR) and _CLOCK_ZONE.match(text, mention.end) \
            and re.fullmatch(r"\d{1,2}(?:[.:]?\d\d)?", text[mention.start:mention.end]):
        return replace(mention, kind=FigureKind.OTHER)  # a clock time: "1300 GMT", "9.30 BST"
    if mention.kind is not FigureKind.COUNT or isinstance(mention.value, str):
        return mention
    bare = re.fullmatch(r"\d+", text[mention.start:mention.end]) is not None
    if _is_identifier(text, mention, bare):
        return replace(mention, kind=FigureKind.OTHER)
    modifier = _modifier(text, mention)
    if modifier is not None:
        return modifier
    area = _AREA_OR_VOLUME.match(text, mention.end)  # "2,000 sq ft", "20.7 cubic feet"
    if area:
        return replace(mention, end=area.end(), kind=FigureKind.QUANTITY,
                       unit=f"{area.group(1)[:2].lower()} {R.AREA_LENGTHS[area.group(2).lower()]}")
    after = _UNIT_AFTER.match(text, mention.end)
    unit = _unit_named(after.group(1)) if after else None
    if after and unit is not None:  # "150 kW", "2 GB", "471 horsepower"
        return replace(mention, end=after.end(), unit=unit, kind=FigureKind.QUANTITY)
    noun = _count_noun(text, mention.end)
    version = re.fullmatch(r"\d+\.\d+", text[mention.start:mention.end]) is not None
    if version and re.search(r"\b(?:version|v|release)\s$", text[max(0, mention.start - 9):mention.start], re.I):
        return replace(mention, kind=FigureKind.OTHER)  # "version 1.0 of the browser"
    if (bare or version) and _after_capitalised_name(text, mention.start):
        return replace(mention, kind=FigureKind.OTHER)  # "Chapter 11 bankruptcy", "Formula 3 champion", "iOS 10.3"
    if noun is not None:
        return replace(mention, unit=noun[0], noun_end=noun[1])
    surface = text[mention.start:mention.end]
    if re.search(r"[a-z]", surface, re.I) and _money_context(text, mention.start):
        return replace(mention, kind=FigureKind.MONEY)
    return mention


def find_mentions(text: str) -> list[Mention]:
    """Return every figure mention in one sentence, in order, with offsets into ``text``."""
    taken = _masked_spans(text)
    mentions = _find_dates(text, taken) + _find_numbers(text, taken) + _find_word_numbers(text, taken)
    mentions.sort(key=lambda x: x.start)
    return [_refine(text, m) for m in _merge_ranges(text, mentions)]


# --------------------------------------------------------------------------------------------
# Display, change, key selection
# --------------------------------------------------------------------------------------------


def display_text(surface: str, kind: FigureKind) -> str:
    """Return the short tile form of a figure ("27 per cent" -> "27%", "fifty-nine per cent" -> "59%",
    "$1,130,000,000" -> "$1.13bn"); no-break spaces stay, so "412\u00a0345\u00a0678 euros" never breaks
    inside the number on a tile."""
    text = _spelled_as_digits(one_line(surface))
    if kind in (FigureKind.MONEY, FigureKind.COUNT):
        text = _compact(text)
    if kind is FigureKind.PERCENT:
        text = re.sub(r"\s?(?:per\s?cent|percent|pc)$", "%", text, flags=re.I)
        text = re.sub(r"\s?percentage point(s?)$", lambda m: f" pt{m.group(1)}", text, flags=re.I)
    return text


_LONG_NUMBER_RE = re.compile(
    rf"(?P<cur>{_CUR_PREFIX})?(?P<num>\d{{1,3}}(?:[,{_GROUP_SPACES}]\d{{3}}){{2,}})(?P<rest>\D*)"
)
#: Scales a long number is written in on a tile: (size, after a currency sign, as a word).
_TILE_SCALES = ((1e12, "tn", "trillion"), (1e9, "bn", "billion"), (1e6, "m", "million"))


def _compact(text: str) -> str:
    """Return a number written out in full in its scale when that is exact to two decimals, never
    rounded ("$1,130,000,000" -> "$1.13bn", "410 000 000 euros" -> "410 million euros",
    "12,500,000" -> "12.5 million"; "1,234,567" stays)."""
    m = _LONG_NUMBER_RE.fullmatch(text)
    if not m:
        return text
    value = int(_GROUP_SEPARATOR.sub("", m.group("num")))
    for size, short, word in _TILE_SCALES:
        if value >= size and (value * 100) % int(size) == 0:
            digits = f"{value / size:.2f}".rstrip("0").rstrip(".")
            cur = m.group("cur") or ""
            return f"{cur}{digits}{short}{m.group('rest')}" if cur else f"{digits} {word}{m.group('rest')}"
    return text


_LEADING_SPELLED_RE = re.compile(
    rf"(?P<spelled>{_SPELLED})(?:\s(?P<scale>thousand|million|billion|trillion))?(?![\w-])", re.I
)
_SMALLER_SCALE = {"million": "thousand", "billion": "million", "trillion": "billion"}


def _spelled_as_digits(text: str) -> str:
    """Return ``text`` with a leading spelled-out number in digits, exactly ("fifty-nine per cent" ->
    "59 per cent", "twenty five thousand" -> "25,000", "two and a half million" -> "2.5 million",
    "half a billion" -> "500 million")."""
    m = _LEADING_SPELLED_RE.match(text)
    if not m or not (m.group("scale") or text[m.end():m.end() + 1].isspace()):
        return text
    value, scale = spelled_value(m.group("spelled")), (m.group("scale") or "").lower()
    if value < 1 and scale in _SMALLER_SCALE:
        value, scale = value * 1000, _SMALLER_SCALE[scale]
    if scale == "thousand":
        value, scale = value * 1000, ""
    digits = f"{value:,.0f}" if value == int(value) else f"{value:,g}"
    return digits + (f" {scale}" if scale else "") + text[m.end():]


def find_change(text: str, start: int, end: int) -> Change | None:
    """Return the direction of change stated next to the figure at ``start:end``, if any."""
    lead_in = R.NUMBER_QUALIFIERS.sub("", re.split(r"[,;:()]", lookback(text, start))[-1])
    before = [w.lower() for w in _WORD_RE.findall(lead_in)][-3:]
    after = [w.lower() for w in _WORD_RE.findall(re.split(r"[,;:()]", lookahead(text, end))[0])][:2]
    for word in list(reversed(before)) + after:
        if word in R.CHANGE_UP:
            return Change.UP
        if word in R.CHANGE_DOWN:
            return Change.DOWN
    return None


def _digits(value: Value) -> tuple[float, ...]:
    """Return the numeric values of a figure (both ends of a range; none for a date)."""
    if isinstance(value, tuple):
        return value
    return () if isinstance(value, str) else (value,)


def _in_title(fig: Figure, title: str | None) -> bool:
    """True when the figure's number appears in the title."""
    if not title:
        return False
    core = re.search(r"\d[\d,.]*", fig.text)
    return bool(core) and re.search(rf"(?<![\d.]){re.escape(core.group(0))}(?![\d])", title) is not None  # type: ignore[union-attr]


def sentence_salience(sentences: Sequence[Sentence]) -> tuple[float, ...]:
    """Return per sentence how strongly a figure stated in it stands out, from its TextRank standing,
    its score relative to the most central sentence and its length (see figure_rules' KEY_ weights)."""
    scores = sentence_centrality(sentences)
    if not scores:
        return ()
    order = sorted(range(len(sentences)), key=lambda i: (-scores[i], i))
    best = max(scores) or 1.0
    salience = [0.0] * len(sentences)
    for rank, i in enumerate(order):
        standing = 1.0 - rank / len(sentences)
        words = max(1, len(sentences[i].text.split()))
        salience[i] = (
            standing
            + R.KEY_STANDING_SQUARED * standing**2
            + R.KEY_CENTRALITY * scores[i] / best
            - R.KEY_LENGTH_PENALTY * math.log(words / R.KEY_LENGTH_PIVOT)
        )
    return tuple(salience)


def figure_salience(fig: Figure, sentence_score: float, repeated: bool, title: str | None,
                    title_stems: frozenset[str]) -> float:
    """Return a figure's key-figure salience: its sentence's salience plus title, topic, repetition
    and kind bonuses (``title_stems``: the content stems of ``title``)."""
    bonus = R.KEY_TITLE_BONUS if _in_title(fig, title) else 0.0
    bonus += R.KEY_TOPIC_BONUS if _on_topic(fig, title_stems) else 0.0
    bonus += R.KEY_REPEAT_BONUS if repeated else 0.0
    return sentence_score + bonus + R.KIND_BONUS.get(fig.kind, 0.0)


def _on_topic(fig: Figure, title_stems: frozenset[str]) -> bool:
    """True when the figure's label names something the title names ("operating profit", "lifts profit")."""
    return bool(title_stems and fig.label) and not title_stems.isdisjoint(content_stems(fig.label))


_STEM_RE = re.compile(r"[a-z0-9]+")


def _content_words(text: str) -> frozenset[str]:
    """Return the lower-case content words of a sentence, crudely stemmed."""
    words = (w[:-1] if w.endswith("s") and len(w) > 3 else w for w in _STEM_RE.findall(text.lower()))
    return frozenset(w for w in words if w not in R.FUNCTION_WORDS and len(w) > 1)


def sentence_centrality(sentences: Sequence[Sentence]) -> tuple[float, ...]:
    """Return a TextRank score per sentence (word-overlap graph, damped power iteration).

    Only the first CENTRALITY_MAX_SENTENCES sentences form the graph (later ones get the
    graph's floor score), and only pairs sharing a word are linked, so long articles stay fast.
    """
    ranked = sentences[: R.CENTRALITY_MAX_SENTENCES]
    bags = [_content_words(s.text) for s in ranked]
    links = _overlap_links(bags)
    totals = [sum(w for _, w in row) for row in links]
    # Each link's share of its source's total weight, computed once for all iterations.
    shares = [[(j, w / totals[j]) for j, w in row if totals[j]] for row in links]
    damping = R.CENTRALITY_DAMPING
    scores = [1.0] * len(bags)
    for _ in range(R.CENTRALITY_ITERATIONS):
        scores = [(1 - damping) + damping * sum(share * scores[j] for j, share in row) for row in shares]
    floor = 1 - damping
    return tuple(scores) + (floor,) * (len(sentences) - len(ranked))


def _overlap_links(bags: Sequence[frozenset[str]]) -> list[list[tuple[int, float]]]:
    """Return, per sentence, its (other sentence, similarity) links in index order, zero weights left out."""
    by_word = word_index(bags)
    links: list[list[tuple[int, float]]] = []
    for i, bag in enumerate(bags):
        others = sorted({j for word in bag for j in by_word[word] if j != i})
        row = [(j, w) for j in others if (w := _similarity(bags[j], bag))]
        links.append(row)
    return links


def _similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """Return TextRank's overlap similarity of two word sets."""
    if len(a) < 2 or len(b) < 2:
        return 0.0
    return len(a & b) / (math.log(len(a)) + math.log(len(b)))


def _value_key(fig: Figure) -> tuple[object, ...]:
    """Return a key that identifies the same quantity mentioned twice."""
    return (_digits(fig.value), fig.kind, fig.unit)


#: Units of a length of time ("12 months"), and the words that make one the time frame of a
#: sentence rather than a quantity it reports: "over the last 40 years", "in the next 18 months".
_TIME_UNITS = frozenset("seconds minutes hours days weeks months quarters years decades centuries".split())
_TIME_FRAME_BEFORE = re.compile(r"(?:\b(?:last|past|next|coming|previous)|\bthe\s+following)\s+$", re.I)


def is_time_frame(fig: Figure) -> bool:
    """True for a length of time that only frames its sentence ("sales doubled over the past 12 months")."""
    if fig.kind is not FigureKind.QUANTITY or (fig.unit or "").lower() not in _TIME_UNITS:
        return False
    return _TIME_FRAME_BEFORE.search(fig.sentence.text, 0, fig.start - fig.sentence.start) is not None


def is_incidental(fig: Figure) -> bool:
    """True for a figure that only frames or describes: a time frame or a hyphenated modifier ("16-year")."""
    modifier = fig.kind is not FigureKind.MONEY and re.search(r"\d-[a-z]+(?:-old)?$", fig.text) is not None
    return modifier or is_time_frame(fig)


def may_be_key(fig: Figure) -> bool:
    """True for a figure of a kind that can be key (never a year, date or unclassified number)."""
    return fig.kind in R.KIND_BONUS


def choose_key(figures: Sequence[Figure], sentence_scores: Sequence[float], title: str | None) -> tuple[bool, ...]:
    """Return, per figure, whether it is key: the 3-6 most salient distinct quantities.

    ``sentence_scores`` gives each figure's sentence salience (see ``sentence_salience``). Figures
    are chosen one at a time, each chosen figure lowering the rest of its sentence by
    KEY_SAME_SENTENCE_PENALTY; the first MIN_KEY_FIGURES distinct quantities are always key,
    further ones need KEY_MIN_SCORE. An incidental figure comes last (KEY_INCIDENTAL_PENALTY)."""
    stated: dict[tuple[float, ...], int] = {}
    for fig in figures:
        stated[_digits(fig.value)] = stated.get(_digits(fig.value), 0) + 1
    title_stems = frozenset(content_stems(title or ""))
    salience = {
        n: figure_salience(f, s, stated[_digits(f.value)] > 1, title, title_stems)
        - (R.KEY_INCIDENTAL_PENALTY if is_incidental(f) else 0.0)
        for n, (f, s) in enumerate(zip(figures, sentence_scores))
        if may_be_key(f)
    }
    chosen: list[int] = []
    seen: set[tuple[object, ...]] = set()
    from_sentence: dict[int, int] = {}
    while len(chosen) < R.MAX_KEY_FIGURES:
        best = max(
            ((score - R.KEY_SAME_SENTENCE_PENALTY * from_sentence.get(figures[n].sentence.start, 0), -n)
             for n, score in salience.items() if _value_key(figures[n]) not in seen),
            default=None,
        )
        if best is None or (len(chosen) >= R.MIN_KEY_FIGURES and best[0] < R.KEY_MIN_SCORE):
            break
        n = -best[1]
        seen.add(_value_key(figures[n]))
        chosen.append(n)
        start = figures[n].sentence.start
        from_sentence[start] = from_sentence.get(start, 0) + 1
    return tuple(n in chosen for n in range(len(figures)))


# --------------------------------------------------------------------------------------------
# Public entry point
# --------------------------------------------------------------------------------------------


def _to_figure(sentence: Sentence, mention: Mention, subject: str | None, *, label: str | None = None,
               restated: str | None = None) -> Figure:
    """Build the Figure for one mention with absolute offsets, display, label and change.

    ``label``: the label to use as it is (a conversion's); ``restated``: the label of the figure this
    one restates, when the sentence names nothing else."""
    text = sentence.text
    surface = text[mention.start:mention.end]
    return Figure(
        text=surface,
        value=mention.value,
        unit=mention.unit,
        kind=mention.kind,
        display=display_text(surface, mention.kind),
        label=label if label is not None else build_label(text, mention.start, mention.end, mention.noun_end,
                                                          mention.kind, restated=restated),
        sentence=sentence,
        start=sentence.start + mention.start,
        end=sentence.start + mention.end,
        change=find_change(text, mention.start, mention.end),
        subject=subject,
    )


#: What stands between an amount and the same amount restated: in brackets or after a slash it is
#: in other units ("£600m ($1.1bn)", "32,000 acre (13,000 hectare)", "102in/2.6m"); after ", or" it
#: may be in other terms ("up 12.6%, or 440,700 megawatts", "3,217 tonnes of gold, or about 113.5m ounces").
_CONVERSION_GAP = re.compile(r"\s*[(/]\s*")
_RESTATED_GAP = re.compile(
    r"(?:\s+(?:of|per|a|an)\s+\w+)?\s*,\s*or\s+(?:about\s+|around\s+|roughly\s+|some\s+|nearly\s+)?")


def _is_conversion(text: str, previous: Mention, mention: Mention) -> bool:
    """True for an amount restated in other units in brackets right after another: same label."""
    gap = text[previous.end:mention.start]
    if gap.strip() == ";" and text.rfind("(", 0, previous.start) > text.rfind(")", 0, previous.start):
        gap = "("  # the second of two in brackets: "789m euros ($1.03bn; £548m)"
    if previous.kind is FigureKind.MONEY and mention.kind is FigureKind.MONEY:
        return gap.strip() == "("
    return (previous.kind is FigureKind.QUANTITY and mention.kind is FigureKind.QUANTITY
            and previous.unit != mention.unit and _CONVERSION_GAP.fullmatch(gap) is not None)


def _restates(text: str, previous: Mention, mention: Mention) -> bool:
    """True for an amount after ", or" that restates the one before it (not a date, not an alternative)."""
    return (previous.kind not in (FigureKind.DATE, FigureKind.YEAR) and previous.unit != mention.unit
            and _RESTATED_GAP.fullmatch(text[previous.end:mention.start]) is not None)


_BARE_CENTS_RE = re.compile(r"[\d,.]+\s?cents?", re.I)


def _cents_in_article_currency(figures: list[Figure]) -> list[Figure]:
    """Return ``figures`` with bare cents ("85 cents") in the article's one cent currency, when it has one.

    Without a currency sign, cents are read as US cents; a European company's "dividend of 85 cents"
    is euro cents when every other amount in the article is in euros.
    """
    stated = {f.unit for f in figures if f.kind is FigureKind.MONEY and f.unit and not _BARE_CENTS_RE.fullmatch(f.text)}
    if len(stated) != 1 or not stated <= R.CENT_CURRENCIES:
        return figures
    currency = next(iter(stated))
    return [replace(f, unit=currency) if f.kind is FigureKind.MONEY and _BARE_CENTS_RE.fullmatch(f.text) else f
            for f in figures]


def extract_figures(sentences: Sequence[Sentence], *, title: str | None = None,
                    salience: Sequence[float] | None = None) -> tuple[Figure, ...]:
    """Return every figure found in ``sentences`` in reading order, the salient few marked key.

    ``salience``: the sentences' ``sentence_salience``, when the caller has it already."""
    figures: list[Figure] = []
    for sentence in sentences:
        mentions = find_mentions(sentence.text)
        subject = find_subject(sentence.text) if mentions else None
        previous: Mention | None = None
        for mention in mentions:
            before = figures[-1].label if previous is not None else None
            converted = previous is not None and _is_conversion(sentence.text, previous, mention)
            restated = previous is not None and _restates(sentence.text, previous, mention)
            figures.append(_to_figure(sentence, mention, subject, label=before if converted else None,
                                      restated=before if restated else None))
            previous = mention
    figures = _cents_in_article_currency(figures)
    return mark_key(figures, sentences, sentence_salience(sentences) if salience is None else salience, title)


def mark_key(figures: Sequence[Figure], sentences: Sequence[Sentence], salience: Sequence[float],
             title: str | None, summary: frozenset[int] = frozenset()) -> tuple[Figure, ...]:
    """Return ``figures`` with the key ones marked (``choose_key``), given the sentences' salience.

    ``summary``: start offsets of the executive summary's sentences; a figure stated in one gains
    KEY_SUMMARY_BONUS, so the key figures echo the takeaways where they can."""
    by_start = {s.start: score for s, score in zip(sentences, salience)}
    scores = [by_start[f.sentence.start] + (R.KEY_SUMMARY_BONUS if f.sentence.start in summary else 0.0)
              for f in figures]
    keys = choose_key(figures, scores, title)
    return tuple(replace(f, key=k) for f, k in zip(figures, keys))
