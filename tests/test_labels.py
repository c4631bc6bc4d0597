"""Golden labels: what a figure measures, as a short noun phrase from its own sentence.

Every sentence here is invented for this test suite.
"""

from __future__ import annotations

import pytest

from briefgen.analysis.figure_rules import MAX_LABEL_WORDS
from briefgen.analysis.figures import extract_figures
from briefgen.model import Figure, Sentence


def label_of(text: str, figure: str) -> str:
    """Return the label of the figure written ``figure`` in the one-sentence article ``text``."""
    figures: tuple[Figure, ...] = extract_figures([Sentence(text, 0, len(text), 0, 0)])
    return next(f.label for f in figures if f.text == figure)


# (sentence, figure as written, expected label)
GOLDEN: list[tuple[str, str, str]] = [
    # "X worth / valued at $N": the value of X.
    ("Two airlines signed fuel supply contracts worth a combined $4.2bn on Monday.", "$4.2bn",
     "combined value of the fuel supply contracts"),
    ("The biggest order, worth £900m over ten years, went to a Scottish yard.", "£900m",
     "value of the biggest order"),
    ("Bankers have valued the payments arm at $12bn, people close to the talks said.", "$12bn",
     "value of the payments arm"),
    # "$N of X", "N% of X", "$N in X": the thing after "of" / "in".
    ("A Dutch utility agreed to buy €1.1bn of wind turbines from the group.", "€1.1bn", "wind turbines"),
    ("The union said 12% of the workforce would lose their jobs.", "12%", "workforce"),
    ("The regulator ordered it to repay $300m in overcharged fees.", "$300m", "overcharged fees"),
    ("Farmers harvested 2.4 million tonnes of barley this summer.", "2.4 million tonnes", "barley"),
    ("Washington put tariffs on $34 billion worth of imported steel.", "$34 billion", "imported steel"),
    # "<spent> $N to <buy> X": the money is for X.
    ("A Korean shipping line committed $900m to secure new container ships.", "$900m", "new container ships"),
    ("The council spent £3m to repair its bridges.", "£3m", "bridges"),
    ("A US consortium will pay $339m (£182.5m) for the cable unit, subject to approval.", "$339m",
     "price of the cable unit"),
    ("The broker agreed to pay $850m (£415m) to settle a lawsuit.", "$850m", "lawsuit"),
    ("The firm saw its full-year sales rise 2.2% to 47.2bn euros in 2004.", "47.2bn euros", "full-year sales"),
    ("The firm saw its full-year sales rise 2.2% to 47.2bn euros in 2004.", "2.2%", "rise in full-year sales"),
    ("The insurer will spend $2bn to buy one of Brazil's largest brokers.", "$2bn", "Brazil's largest brokers"),
    # "N of its M X": the part counts what the whole counts.
    ("The chain said 14 of its 80 stores now open on Sundays, compared with 6 two years ago.", "14",
     "stores now open on Sundays"),
    ("The chain said 14 of its 80 stores now open on Sundays, compared with 6 two years ago.", "80",
     "stores"),
    ("The chain said 14 of its 80 stores now open on Sundays, compared with 6 two years ago.", "6",
     "stores two years ago"),
    # "X rose N% to $M from $P": "rise in X", then X, then the previous X.
    ("Annual turnover rose 7% to £2.2bn from £2.05bn.", "7%", "rise in annual turnover"),
    ("Meanwhile, the claimant total fell 11,000 to 813,200 last month.", "813,200", "claimant total"),
    ("Meanwhile, the claimant total fell 11,000 to 813,200 last month.", "11,000", "fall in claimant total"),
    ("Annual turnover rose 7% to £2.2bn from £2.05bn.", "£2.2bn", "annual turnover"),
    ("Annual turnover rose 7% to £2.2bn from £2.05bn.", "£2.05bn", "previous annual turnover"),
    ("Operating profit at the brewer fell 15% in the half.", "15%", "fall in operating profit"),
    ("Average selling prices rose 23% in the first quarter.", "23%", "rise in average selling prices"),
    ("Exports to Asia had climbed sharply by 11% by December.", "11%", "rise in exports to Asia"),
    ("The council plans to cut its payroll by 400 over three years.", "400", "fall in payroll"),
    # "X widened by N points to M%": the change is in X, and M is X itself.
    ("Gross margin at the retailer narrowed by 1.5 percentage points to 31%.", "1.5 percentage points",
     "fall in gross margin"),
    ("Gross margin at the retailer narrowed by 1.5 percentage points to 31%.", "31%", "gross margin"),
    # "X grew to N things" / "X fell to N% of Y from M%": X is what is measured.
    ("Passenger numbers grew to 4.6 million travellers last year.", "4.6 million", "passenger numbers"),
    ("Complaints fell to 3.2% of orders from 4.1% in the spring.", "3.2%", "complaints"),
    ("Complaints fell to 3.2% of orders from 4.1% in the spring.", "4.1%", "previous complaints"),
    # "X will reach $A this year, up from $B in 2023, and could exceed $C by 2028": all three are X.
    ("Researchers estimate the market for heat pumps will reach $12bn this year, up from $9bn in 2023, "
     "and could exceed $20bn by 2028.", "$12bn", "market for heat pumps"),
    ("Researchers estimate the market for heat pumps will reach $12bn this year, up from $9bn in 2023, "
     "and could exceed $20bn by 2028.", "$9bn", "market for heat pumps in 2023"),
    ("Researchers estimate the market for heat pumps will reach $12bn this year, up from $9bn in 2023, "
     "and could exceed $20bn by 2028.", "$20bn", "market for heat pumps by 2028"),
    # "a $N thing in A and B": both names stay.
    ("Growth was helped by a €120m building programme in Belgium and Austria.", "€120m",
     "building programme in Belgium and Austria"),
    # "X of $N, up N% on the year": the growth is in X.
    ("Kestrel Foods reported net sales of €3.1bn, up 4% on the year before.", "4%", "rise in net sales"),
    ("Kestrel Foods reported net sales of €3.1bn, up 4% on the year before.", "€3.1bn", "net sales"),
    ("Ridgeway posted a loss of £45m, down 30% on a year earlier.", "£45m", "Ridgeway loss"),
    # "X of $N": the noun before "of".
    ("The insurer set aside reserves of $800m for storm claims.", "$800m", "reserves for storm claims"),
    ("The miner expects a pre-tax loss of A$90m in the current year.", "A$90m",
     "pre-tax loss in the current year"),
    # "a $N deal / investment / contract": the noun after the figure.
    ("The port secured a £60m investment in new cranes last spring.", "£60m",
     "investment in new cranes last spring"),
    ("Its $5m grant for the project was approved on Friday.", "$5m", "grant for the project"),
    ("The firm unveiled a €120m expansion plan for its Dutch plants.", "€120m", "expansion plan for its Dutch plants"),
    ("A $5m loan plan was approved.", "$5m", "loan plan"),
    ("Analysts expect a 6% rise in home prices next year.", "6%", "rise in home prices next year"),
    # Counted nouns.
    ("The bakery employs 350 staff across the region.", "350", "staff across the region"),
    # With nothing after the noun: what was done to it, and by whom when a name did it.
    ("The novel sold more than 4 million copies.", "4 million", "copies sold"),
    ("Searchlight, a web index, indexed about 6 million blogs and says more appear daily.", "6 million",
     "blogs indexed"),
    ("Marlow Foods employed 2,700 people.", "2,700", "people employed by Marlow Foods"),
    ("The mill cut 900 jobs.", "900", "jobs cut"),
    ("The firm's membership topped the 100,000 mark.", "100,000", "firm's membership"),
    ("The port topped the 100,000 mark for weekly crane moves for the first time.", "100,000",
     "weekly crane moves"),
    ("Analysts said margins could widen by 1 percentage point next year.", "1 percentage point", "rise in margins"),
    # A passive "X was done by N people": the people who did it to X.
    ("The free scanner has been downloaded by six million people.", "six million",
     "people who downloaded the free scanner"),
    # A relative clause that says who they are, kept only whole.
    ("The levy will hit the 2 million tourists who visit Malta every year.", "2 million",
     "tourists who visit Malta every year"),
    ("Of the 22 million Norwegians who own MP3 players, 60% are men.", "22 million",
     "Norwegians who own MP3 players"),
    # "X reached / stood at / totalled N".
    ("Inflation in Norway stood at 3.4% in March.", "3.4%", "inflation in Norway"),
    ("Household debt totalled £1.9 trillion at the end of the year.", "£1.9 trillion", "Household debt"),
    ("The number of electric buses is expected to reach 40,000 by 2030, analysts said.", "40,000",
     "number of electric buses"),
    ("Net profit in the third quarter was 3.1bn kronor, against 2.2bn a year earlier.", "3.1bn kronor", "net profit"),
    ("Total vehicle sales in 2024 were 2,310,000, the group said.", "2,310,000", "Total vehicle sales in 2024"),
    ("The city's budget gap is set to hit a worse-than-expected £90m next year.", "£90m", "city's budget gap"),
    # An -ing word after "from", a determiner or with a hyphen describes the noun; after "after" it is a verb.
    ("The brewer's profit from continuing operations totalled €410m in the half.", "€410m", "brewer's profit"),
    ("The share of non-performing loans dropped to 6.2% in March.", "6.2%", "share of non-performing loans"),
    ("The mill closed in 2009 after reporting losses of £40m.", "£40m", "losses"),
    ("The peso reached 18.2 against the dollar in early trading.", "18.2", "peso"),
    # "X, at $N, ..." / "X - $N -".
    ("Brightwater, at $2.6bn, is the smaller of the two rivals.", "$2.6bn", "Brightwater"),
    ("The firm's projected cleanup costs - £70m - dwarf its profits.", "£70m", "cleanup costs"),
    # "Name's N thing": the name's thing.
    ("Analysts praised Nordic Rail's £2bn order for new trains.", "£2bn",
     "Nordic Rail's order for new trains"),
    ("Visitors queued to see Acme's 110-inch screen.", "110-inch", "Acme's screen"),
    # a period names when, not what: a year stays with the thing, a span "to <month>" goes
    ("The brewer made a record profit in 2023 of 41.2bn yen.", "41.2bn yen", "record profit in 2023"),
    ("The chain said sales were down 6% in 2023 to 512m euros ($560m; £440m).", "£440m", "sales in 2023"),
    ("Group revenue for the year was 7bn euros, up 4.2% from 6.7bn euros in 2022.", "6.7bn euros",
     "Group revenue in 2022"),
    ("Operating profit in the nine months to September rose 7% to 12.4bn kronor.", "12.4bn kronor",
     "operating profit"),
    ("Average weekly earnings rose 2.1% in May to 640 zloty ($160; £127) from April.", "£127",
     "average weekly earnings"),
    # an aside between dashes is skipped; a figure inside one keeps the words before it
    ("Growth in farm output - the focus of the new subsidies - was 6.1% in 2023.", "6.1%", "farm output"),
    # "<cut> X to N": the level X is brought to; "put X at N": X; "the cost of the Y": the whole phrase
    ("The minister promised to cut net migration to 90,000 a year.", "90,000", "net migration"),
    ("The coalition's majority was cut to 12 after the by-election.", "12", "coalition's majority"),
    ("The central bank raised its key rate to 5.25% on Thursday.", "5.25%", "key rate"),
    ("Insurers put their storm losses at $2.1bn.", "$2.1bn", "storm losses"),
    ("Officials put the amount of aid needed at $900m.", "$900m", "amount of aid needed"),
    ("The cost of the new rail link has been put at £3.4bn.", "£3.4bn", "cost of the new rail link"),
    ("The survey put Labour on 38% and the Greens on 7%.", "38%", "Labour"),
    ("The central bank raised rates by 0.5 percentage points to 4.25% on Tuesday.", "4.25%", "rates"),
    # what is bought or sold for an amount: its price
    ("The brewer agreed to buy Kestrel's stake in Nordbrau, Finland's third-largest brewer, for 310m euros.",
     "310m euros", "price of Kestrel's stake"),
    ("It sold off its frozen foods business for £95m to a private equity group.", "£95m",
     "price of the frozen foods business"),
    # "from A in <month> to B in <month>": B measures what A does, at its own time
    ("The average rent of a flat fell by £40 from £1,250 in March to £1,210 in April.", "£1,210",
     "average rent in April"),
    ("In Europe growth is something like 2%.", "2%", "Europe growth"),
    ("The chain plans to invest £2bn in the next four years to refit its stores.", "£2bn", "stores"),
    # "passed by N votes to M" counts the votes for it; without "to M" the number is a majority
    ("The finance bill was passed by 301 votes to 250.", "301", "votes for the finance bill"),
    ("The amendment was defeated by 310 votes to 205.", "310", "votes against the amendment"),
    ("The proposal was rejected by 38 votes.", "38", "majority against the proposal"),
    # a counted noun phrase stands on its own; a bare noun gets its lead-in
    ("On average each laptop was carrying 17 separate tracking programs.", "17", "separate tracking programs"),
    # an amount restated in other units or terms has the label of the amount it restates
    ("Miners will clear 9,000 acres (3,640 hectares) of the 20,000 acre (8,100 hectare) estate.",
     "8,100 hectare", "estate"),
    ("The fund owns 2,100 tonnes of gold, or about 74m ounces.", "74m ounces", "gold"),
    ("Last year the country raised its power capacity by 9%, or 80,000 megawatts.", "80,000 megawatts",
     "rise in power capacity"),
]


@pytest.mark.parametrize("text,figure,label", GOLDEN)
def test_golden_label(text: str, figure: str, label: str) -> None:
    """The label names what the figure measures."""
    assert label_of(text, figure) == label


@pytest.mark.parametrize("text,figure,label", GOLDEN)
def test_label_shape(text: str, figure: str, label: str) -> None:
    """Labels are short, start on a content word and never on a dangling verb fragment."""
    got = label_of(text, figure)
    words = got.split()
    assert 0 < len(words) <= MAX_LABEL_WORDS
    assert words[0].lower() not in {"said", "says", "compared", "buy", "help", "pay", "of", "to", "up", "down"}
    assert all(w.lower().strip(",") in text.lower() or w in ("rise", "fall", "in", "value", "of", "the",
                                                             "previous", "potential", "by", "who", "price", "for", "against",
                                                             "majority") for w in words), got


def test_a_relative_clause_is_kept_only_whole() -> None:
    """"who were not allowed to own [them]" cut short would misstate who the 23 people are."""
    assert "who" not in label_of("The shop sold guns to 23 people who were not allowed to own them.", "23")
