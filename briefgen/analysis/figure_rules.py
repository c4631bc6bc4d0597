"""Tables that drive figure extraction: scales, currencies, units, months, change words, label words."""

from __future__ import annotations

import re

from ..model import FigureKind

# Scale words and suffixes -> multiplier (lower case).
SCALES: dict[str, float] = {
    "k": 1e3,
    "thousand": 1e3,
    "m": 1e6,
    "mn": 1e6,
    "mln": 1e6,
    "million": 1e6,
    "millions": 1e6,
    "bn": 1e9,
    "billion": 1e9,
    "billions": 1e9,
    "tn": 1e12,
    "trillion": 1e12,
    "lakh": 1e5,
    "lakhs": 1e5,
    "crore": 1e7,
    "crores": 1e7,
}

# Currency written before the number (lower case, spaces removed) -> ISO 4217 code.
CURRENCY_PREFIXES: dict[str, str] = {
    "$": "USD",
    "us$": "USD",
    "a$": "AUD",
    "au$": "AUD",
    "c$": "CAD",
    "ca$": "CAD",
    "hk$": "HKD",
    "nz$": "NZD",
    "s$": "SGD",
    "£": "GBP",
    "€": "EUR",
    "¥": "JPY",
    "₹": "INR",
    "rs": "INR",
    "rs.": "INR",
    "usd": "USD",
    "eur": "EUR",
    "gbp": "GBP",
    "jpy": "JPY",
    "cny": "CNY",
    "rmb": "CNY",
    "chf": "CHF",
    "inr": "INR",
    "aud": "AUD",
    "cad": "CAD",
}

# Currency named after the number (lower case) -> ISO 4217 code.
CURRENCY_SUFFIXES: dict[str, str] = {
    "dollar": "USD",
    "dollars": "USD",
    "euro": "EUR",
    "euros": "EUR",
    "pound": "GBP",
    "pounds": "GBP",
    "sterling": "GBP",
    "yen": "JPY",
    "yuan": "CNY",
    "renminbi": "CNY",
    "rupee": "INR",
    "rupees": "INR",
    "rupiah": "IDR",
    "lira": "TRY",
    "rouble": "RUB",
    "roubles": "RUB",
    "ruble": "RUB",
    "rubles": "RUB",
    "franc": "CHF",
    "francs": "CHF",
    "won": "KRW",
    "peso": "MXN",
    "pesos": "MXN",
    "rand": "ZAR",
    "krona": "SEK",
    "kronor": "SEK",
    "krone": "NOK",
    "kroner": "NOK",
    "real": "BRL",
    "reais": "BRL",
    "ringgit": "MYR",
    "baht": "THB",
    "shekels": "ILS",
    "naira": "NGN",
    "zloty": "PLN",
    # A country's dollars, francs ... named in full ("4.17 Australian dollars", "a billion US dollars").
    **{f"{country} {name}{plural}": code
       for country, name, code in (("us", "dollar", "USD"), ("u.s.", "dollar", "USD"), ("american", "dollar", "USD"),
                                   ("australian", "dollar", "AUD"), ("canadian", "dollar", "CAD"),
                                   ("hong kong", "dollar", "HKD"), ("new zealand", "dollar", "NZD"),
                                   ("singapore", "dollar", "SGD"), ("taiwan", "dollar", "TWD"),
                                   ("swiss", "franc", "CHF"), ("indian", "rupee", "INR"), ("mexican", "peso", "MXN"),
                                   ("swedish", "krona", "SEK"), ("danish", "krone", "DKK"),
                                   ("norwegian", "krone", "NOK"), ("south african", "rand", "ZAR"))
       for plural in ("", "s" if name not in ("krona", "krone", "rand") else "")},
    "swedish kronor": "SEK",
    "danish kroner": "DKK",
    "norwegian kroner": "NOK",
}

# Currency sub-units (after the number) -> (factor, code used when no prefix names the currency).
SUBUNITS: dict[str, tuple[float, str]] = {
    "p": (0.01, "GBP"),
    "pence": (0.01, "GBP"),
    "penny": (0.01, "GBP"),
    "cent": (0.01, "USD"),
    "cents": (0.01, "USD"),
    # a country's cents named in full ("65 Canadian cents", "20 euro cents")
    **{f"{country} cent{plural}": (0.01, code)
       for country, code in (("us", "USD"), ("american", "USD"), ("canadian", "CAD"), ("australian", "AUD"),
                             ("new zealand", "NZD"), ("hong kong", "HKD"), ("singapore", "SGD"), ("euro", "EUR"))
       for plural in ("", "s")},
}

#: Words that name money, never the thing a number counts ("1bn CFA francs").
CURRENCY_WORDS: frozenset[str] = frozenset(w.split()[-1] for w in [*CURRENCY_SUFFIXES, *SUBUNITS])
#: Currencies divided into cents: bare "85 cents" in an article about one of them is that currency.
CENT_CURRENCIES = frozenset("USD EUR AUD CAD NZD HKD SGD ZAR".split())

# Percent markers (lower case, single spaces) -> unit.
PERCENT_MARKERS: dict[str, str] = {
    "%": "%",
    "per cent": "%",
    "percent": "%",
    "pc": "%",
    "percentage point": "percentage points",
    "percentage points": "percentage points",
    "pp": "percentage points",
}

# Units of measurement (as written, lower case) -> unit name; may be glued ("40GB") or spaced.
QUANTITY_UNITS: dict[str, str] = {
    "km": "km",
    "kilometres": "km",
    "kilometers": "km",
    "miles": "miles",
    "mile": "miles",
    "metres": "m",
    "meters": "m",
    "cm": "cm",
    "mm": "mm",
    "kg": "kg",
    "kilograms": "kg",
    "tonnes": "tonnes",
    "tons": "tonnes",
    "lb": "lb",
    "barrels": "barrels",
    "kb": "KB",
    "mb": "MB",
    "gb": "GB",
    "tb": "TB",
    "megabytes": "MB",
    "gigabytes": "GB",
    "gigabyte": "GB",
    "megabyte": "MB",
    "terabyte": "TB",
    "megabits": "Mbit",
    "megabit": "Mbit",
    "kilobits": "kbit",
    "kilobit": "kbit",
    "bpd": "barrels/day",
    "terabytes": "TB",
    "kbps": "kbps",
    "mbps": "Mbps",
    "mbit": "Mbit",
    "gbps": "Gbps",
    "mhz": "MHz",
    "ghz": "GHz",
    "mph": "mph",
    "kmh": "km/h",
    "km/h": "km/h",
    "m/s": "m/s",
    "kw": "kW",
    "mw": "MW",
    "gw": "GW",
    "kwh": "kWh",
    "mp": "megapixels",
    "megapixels": "megapixels",
    "megapixel": "megapixels",
    "inch": "inches",
    "inches": "inches",
    "ft": "feet",
    "feet": "feet",
    "sq": "square",
    "litres": "litres",
    "liters": "litres",
    "gallons": "gallons",
    "hectares": "hectares",
    "acres": "acres",
    "degrees": "degrees",
    "years": "years",
    "year": "years",
    "months": "months",
    "month": "months",
    "weeks": "weeks",
    "week": "weeks",
    "days": "days",
    "day": "days",
    "hours": "hours",
    "hour": "hours",
    "minutes": "minutes",
    "minute": "minutes",
    "seconds": "seconds",
    "second": "seconds",
    "decades": "decades",
    "decade": "decades",
    # the same units singular or spelled the other way, and the ones trade, tech and motoring pages use
    "kilometre": "km",
    "kilometer": "km",
    "metre": "m",
    "meter": "m",
    "centimetres": "cm",
    "centimeters": "cm",
    "millimetres": "mm",
    "millimeters": "mm",
    "nm": "nm",
    "nanometres": "nm",
    "nanometers": "nm",
    "yards": "yards",
    "yard": "yards",
    "foot": "feet",
    "kilogram": "kg",
    "kilogrammes": "kg",
    "grams": "g",
    "gram": "g",
    "mg": "mg",
    "milligrams": "mg",
    "lbs": "lb",
    "ounces": "oz",
    "ounce": "oz",
    "oz": "oz",
    "tonne": "tonnes",
    "ton": "tonnes",
    "barrel": "barrels",
    "litre": "litres",
    "liter": "litres",
    "ml": "ml",
    "millilitres": "ml",
    "milliliters": "ml",
    "gallon": "gallons",
    "hectare": "hectares",
    "acre": "acres",
    "degree": "degrees",
    "kph": "km/h",
    "knots": "knots",
    "hp": "hp",
    "bhp": "bhp",
    "horsepower": "hp",
    "watts": "W",
    "kilowatts": "kW",
    "megawatts": "MW",
    "gigawatts": "GW",
    "mwh": "MWh",
    "gwh": "GWh",
    "twh": "TWh",
    "mah": "mAh",
    "khz": "kHz",
    "hz": "Hz",
    "fps": "fps",
    "ms": "ms",
    "milliseconds": "ms",
    "min": "minutes",
    "mins": "minutes",
    "hrs": "hours",
    "calories": "calories",
    "kcal": "kcal",
    "tsp": "tsp",
    "tbsp": "tbsp",
    "teaspoons": "tsp",
    "tablespoons": "tbsp",
}

#: Units read only as written in lower case: in capitals they are names ("5 HP printers", "Ms Lee",
#: "ML models").
LOWER_CASE_UNITS: frozenset[str] = frozenset("hp ms nm min mins ml".split())

# Months (lower case, full and abbreviated) -> month number.
MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}

WEEKDAYS: frozenset[str] = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())

# Spelled-out numbers, read before a scale or percent ("two billion", "fifty-nine per cent",
# "one hundred and fifty thousand", "two and a half million"); see figures.spelled_value.
SPELLED_UNITS: dict[str, int] = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
SPELLED_TENS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}

YEAR_RANGE = (1900, 2100)

# Words before or after a figure that state a direction of change (lower case).
CHANGE_UP: frozenset[str] = frozenset(
    "up rise rises rose risen rising increase increased increases increasing grew grow grows grown "
    "growth gain gains gained jump jumped jumps climb climbed climbs soar soared soaring surge surged "
    "surging boost boosted higher rally rallied raised raise raising leapt leaped advanced expand "
    "expanded doubled tripled widen widened widens widening".split()
)
CHANGE_DOWN: frozenset[str] = frozenset(
    "down fall falls fell fallen falling drop dropped drops dropping decline declined declines "
    "declining cut cuts cutting slid slide slump slumped slumps lower lowered decrease decreased "
    "decreases reduce reduced reduction lost lose loss shed plunge plunged plunges tumble tumbled "
    "sank sink dip dipped shrank shrink shrunk contracted slashed halved eased narrow narrowed narrows narrowing".split()
)

# Function words: never start or end a label ("in the", "of", "to" ...), lower case.
FUNCTION_WORDS: frozenset[str] = frozenset(
    "a an the of in on at to for from by with as and or but than that which who whom whose this "
    "these those its their his her our your my it is are was were be been being has have had will "
    "would could should may might can do does did not no so such up over about around nearly almost "
    "some more less just only also even still already some roughly approximately under above below "
    "into onto per while when where after before since until if then there here very about "
    "between among each every other another own same".split()
)

# Words that make a weak label start: auxiliaries and adverbs dropped from the left edge.
LEADING_NOISE: frozenset[str] = frozenset(
    "having has have had is are was were be been being will would could should may might can "
    "already also just now still even only then thus so potentially reportedly some".split()
)

# Words that follow a number but are not the counted noun (lower case).
NOT_COUNT_NOUNS: frozenset[str] = frozenset(
    FUNCTION_WORDS
    | set(MONTHS)
    | set(
        "said says say added percent cent points point times time million billion thousand "
        "am pm gmt bst est am. pm. said. compared against versus vs between following earlier "
        "later ago again too each apiece alone overall respectively instead ahead altogether "
        "before after yet last next previous this".split()
    )
    # Verbs that follow a number used as a name ("Section 404 obliges", "Media Player 10 took").
    | set(
        "took take takes gave give gives got get gets saw see sees kept keep keeps came come comes went "
        "go goes rose fell grew became become becomes began begin begins held hold holds include includes "
        "included obliges allows allow requires require".split()
    )
)

# Nouns after a number that name a threshold it is, not things it counts ("topped the 100,000 mark").
THRESHOLD_NOUNS: frozenset[str] = frozenset("mark level barrier milestone threshold".split())

# Words that open a subordinate clause at the start of a sentence (skipped when finding the subject).
CLAUSE_OPENERS: frozenset[str] = frozenset(
    "despite although though while whilst after before as because since if when unless "
    "following amid with without once".split()
)

# Sentence-initial words that are capitalised but are not the subject.
SENTENCE_STARTERS: frozenset[str] = frozenset(
    "the a an but and however meanwhile so yet also in on at for by it its this that these those "
    "there their his her our we they he she i last next this".split()
)

# Words preceding a scaled bare amount that make it money ("invested 1 billion").
MONEY_CONTEXT: frozenset[str] = frozenset(
    "invest invested investing investment spend spent spending cost costs costing worth valued "
    "value raise raised raising revenue revenues sales sale profit profits loss losses debt debts "
    "pay paid paying fund funds funding budget price priced fine fined bid deal turnover earnings "
    "income sold buy bought".split()
)

# Kinds that may be key figures, with a small salience bonus each (years, dates, 'other' never are).
KIND_BONUS: dict[FigureKind, float] = {
    FigureKind.MONEY: 0.15,
    FigureKind.PERCENT: 0.08,
    FigureKind.COUNT: 0.0,
    FigureKind.QUANTITY: -0.15,
    FigureKind.RATIO: 0.0,
}

MIN_KEY_FIGURES = 3
MAX_KEY_FIGURES = 6
MAX_LABEL_WORDS = 8

# Key-figure salience (see figures.figure_salience) adds up evidence that a figure is what the
# article is about:
#   standing + KEY_STANDING_SQUARED * standing**2     standing = 1 - TextRank rank / sentence count
#   + KEY_CENTRALITY * TextRank score / best score     how close to the most central sentence
#   - KEY_LENGTH_PENALTY * ln(words / KEY_LENGTH_PIVOT) a figure in a short, focused sentence stands out
#   + KEY_REPEAT_BONUS when the same quantity is stated again, + KEY_TITLE_BONUS when it is in the title
#   + KEY_TOPIC_BONUS when its label names something the headline names ("operating profit" under
#     "... lifts profit ...") + KIND_BONUS[kind].
# Figures are chosen one at a time, most salient first; each figure already chosen from a sentence
# lowers the others from that sentence by KEY_SAME_SENTENCE_PENALTY, so three counts from one
# sentence do not crowd out the headline's profit figure.
# The MIN_KEY_FIGURES most salient distinct quantities are always key (when there are that many);
# more, up to MAX_KEY_FIGURES, only when they score at least KEY_MIN_SCORE. Weights follow a logistic
# fit of "figure appears in the reference summary" on BBC business+tech, rounded; the topic bonus and
# the same-sentence penalty are set for the briefing and leave that measure unchanged (.702 vs .703);
# measured with `python bench/quality.py` (docs/quality.md).
KEY_STANDING_SQUARED = 0.7
KEY_CENTRALITY = 0.8
KEY_LENGTH_PENALTY = 0.45
KEY_LENGTH_PIVOT = 20
KEY_REPEAT_BONUS = 0.5
KEY_TITLE_BONUS = 0.25
KEY_TOPIC_BONUS = 0.15
KEY_SAME_SENTENCE_PENALTY = 0.15
KEY_MIN_SCORE = 1.6
# A figure stated in a sentence of the executive summary gains this much when the key figures are
# chosen again after the summary (analysis.analyse), so the key-figures slide echoes the takeaways.
KEY_SUMMARY_BONUS = 0.2
# An incidental figure is a key figure only to make up MIN_KEY_FIGURES when nothing else is left:
# a time frame ("over the past 12 months") frames a sentence and a hyphenated modifier ("a 16-year
# high", "a 30-person team") describes a noun; neither is what the sentence reports.
KEY_INCIDENTAL_PENALTY = 10.0

# Verbs and conjunctions that end the clause a label is taken from (lower case).
CLAUSE_BREAKS: frozenset[str] = frozenset(
    "said says say added told according reported announced expects expected predicted warned "
    "and but while whereas which that who when after because although though if since".split()
)

CENTRALITY_ITERATIONS = 30
#: Sentences beyond this many are left out of the centrality graph (keeps long articles linear).
CENTRALITY_MAX_SENTENCES = 400
CENTRALITY_DAMPING = 0.85


# Qualifiers written just before a number, dropped from the end of a label's lead-in.
NUMBER_QUALIFIERS = re.compile(
    r"\b(?:up to|more than|less than|fewer than|at least|at most|as (?:much|many|high|low|little) as|"
    r"over|under|nearly|almost|about|around|roughly|some|just|approximately|an estimated|only|a mere|mere|"
    r"a whopping|something like|well over|in excess of)\s*$",
    re.I,
)

# Change words that are usually nouns ("earnings growth of 5%"): not the verb of a label.
CHANGE_NOUNS: frozenset[str] = frozenset(
    "growth increase increases rise rises fall falls drop drops decline declines loss gain gains cut cuts "
    "reduction dip surge rally slump boost".split()
)

# Capitalised words that open a sentence but are ordinary words inside a label ("Quarterly profits
# rose 5%" -> "rise in quarterly profits"); words ending in -ly are treated the same way.
ORDINARY_OPENERS: frozenset[str] = frozenset(
    "profit profits sales sale shares share revenue revenues earnings income prices price costs cost "
    "exports imports output spending unemployment inflation growth orders demand turnover losses loss "
    "fourth third second first full-year half-year annual net pre-tax operating retail consumer house "
    "oil gas fuel stock stocks bond bonds tax taxes wages pay jobs production investment gross margin average "
    "margins volume volumes passenger passengers deliveries late complaints".split()
)

#: What "by N <noun>" measures as a margin rather than names as agents ("passed by 272 votes", "won by
#: three goals").
MARGIN_NOUNS: frozenset[str] = frozenset("votes ballots seats points goals runs wickets strokes lengths shots".split())
#: Verbs after which "by N votes" counts the votes for the thing, or against it.
PASSING_VERBS: frozenset[str] = frozenset("passed approved backed carried endorsed adopted supported".split())
REJECTING_VERBS: frozenset[str] = frozenset("defeated rejected blocked".split())
#: Change verbs that take an object ("cut immigration to 130,000", "raised interest rates to 4.75%").
TRANSITIVE_CHANGES: frozenset[str] = frozenset(
    f"{stem}{end}" for stem, ends in (("cut", ("", "s", "ting")), ("rais", ("e", "ed", "es", "ing")),
                                      ("reduc", ("e", "ed", "es", "ing")), ("lower", ("", "ed", "s", "ing")),
                                      ("increas", ("e", "ed", "es", "ing")), ("boost", ("", "ed", "s", "ing")),
                                      ("lift", ("", "ed", "s", "ing")), ("slash", ("", "ed", "es", "ing")),
                                      ("trim", ("", "med", "s", "ming")), ("expand", ("", "ed", "s", "ing")),
                                      ("doubl", ("e", "ed", "es", "ing")), ("halv", ("e", "ed", "es", "ing")))
    for end in ends
)

#: Words that count as plurals without an -s ("2,000 people", "300 staff"); "-men" words are plural too.
PLURAL_WORDS: frozenset[str] = frozenset("people staff children men women personnel workforce cattle".split())
#: Nouns that count in the singular form ("60 aircraft", "40 crew"), beside PLURAL_WORDS; any other singular
#: word after a number other than one describes rather than counts ("the 900,000 forecast", "a 5,000 target").
SINGULAR_COUNT_NOUNS: frozenset[str] = PLURAL_WORDS | frozenset(
    "aircraft sheep fish deer crew police livestock".split())

#: Lengths that "square" or "cubic" turn into an area or a volume, and how they are abbreviated there.
AREA_LENGTHS: dict[str, str] = {
    "feet": "ft", "foot": "ft", "ft": "ft", "metres": "m", "meters": "m", "metre": "m", "meter": "m", "m": "m",
    "miles": "miles", "mile": "miles", "kilometres": "km", "kilometers": "km", "km": "km", "yards": "yd",
    "yard": "yd", "inches": "in", "cm": "cm", "centimetres": "cm",
}
