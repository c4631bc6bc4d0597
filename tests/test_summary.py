"""Tests for briefgen.analysis.summary: takeaways, section points and derived titles."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
from samples import build_article

from briefgen.analysis.sentences import split_sentences
from briefgen.analysis.summary import (
    LEAD_BONUS,
    derive_title,
    pick_candidates,
    score_candidates,
    select_takeaways,
    summarise_sections,
)
from briefgen.analysis.summary_rank import is_dangling, is_unattributed_quote, textrank
from briefgen.analysis.summary_title import derive_title_from_lead
from briefgen.analysis.summary_trim import trim_connective, trim_for_bullet
from briefgen.model import Article, Paragraph, Section

HUAWEI = Path(__file__).resolve().parents[1] / "inputs" / "huawei-ev.txt"
HUAWEI_HEADINGS = ("Partnership with Dongfeng Motor Group",
                   "Investment in Intelligent Automotive Solution Unit",
                   "Challenges Ahead in the EV Market")
FUNCTION_WORDS = {"a", "an", "the", "and", "or", "but", "of", "in", "on", "at", "to", "for", "from",
                  "by", "with", "into", "as", "is", "its"}
PRONOUN_OPENERS = {"he", "she", "it", "they", "this", "these", "those", "its", "their", "his", "her"}


def make_article(blocks: list[tuple[str | None, list[str]]], title: str | None = None) -> Article:
    """Return an Article of headings and paragraphs joined by blank lines, with honest offsets."""
    return build_article(blocks, title=title, date=None, path="test.txt")


def huawei_article() -> Article:
    """Return the Huawei sample as a reader would: lead section plus three headed sections."""
    text = HUAWEI.read_text(encoding="utf-8")
    blocks = [b for b in re.split(r"\n\s*\n", text) if b.strip()]
    sections: list[Section] = []
    heading: str | None = None
    paragraphs: list[Paragraph] = []
    cursor = 0
    for block in blocks:
        body = block.strip()
        if body.startswith("date "):
            body = body[body.index("Amid"):]
        start = text.index(body, cursor)
        cursor = start + len(body)
        if body in HUAWEI_HEADINGS:
            sections.append(Section(heading, tuple(paragraphs)))
            heading, paragraphs = body, []
        else:
            paragraphs.append(Paragraph(body, start, start + len(body)))
    sections.append(Section(heading, tuple(paragraphs)))
    return Article(str(HUAWEI), text, None, None, None, None, tuple(sections))


COMPANY = make_article([
    (None, [
        "Northwind Foods reported a record annual profit of $2.4bn on Tuesday, up 18% on the year, "
        "as demand for its frozen meals rose across Europe.",
        "The company said sales in Germany grew 25% after it opened three new factories there. "
        "It also cut prices on its cheapest ranges.",
        "Chief executive Maria Olsen said the results showed the strategy was working. "
        '"We are delighted," she told reporters.',
    ]),
    ("Outlook", [
        "Northwind Foods expects profit growth to slow to about 5% next year because of higher energy costs. "
        "Analysts at Harbour Bank said the forecast was cautious but realistic. "
        "They expect Northwind Foods to beat its target.",
        "Shares in Northwind Foods rose 4% in early trading in London after the results were published. "
        "The shares have gained 30% since January. "
        "This makes Northwind Foods the best performer among European food makers this year.",
        "Northwind Foods will pay a special dividend of 50 cents a share in March. "
        "The board also approved a $500m share buyback programme for the coming year.",
    ]),
])


def test_takeaways_count_order_and_offsets() -> None:
    """An article of 13 sentences gets 3-5 takeaways in reading order with honest spans."""
    sentences = split_sentences(COMPANY)
    takeaways = select_takeaways(COMPANY, sentences, (), title="Northwind Foods profit hits record")
    assert 3 <= len(takeaways) <= 5
    starts = [t.start for t in takeaways]
    assert starts == sorted(starts)
    for t in takeaways:
        assert COMPANY.text[t.start:t.end] == t.sentence.text
        assert t.text == trim_connective(t.sentence.text)
        assert len(t.text.split()) >= 6


def test_takeaways_avoid_dangling_openers_and_bare_quotes() -> None:
    """No takeaway opens with a pronoun unless its previous sentence is also a takeaway."""
    sentences = split_sentences(COMPANY)
    takeaways = select_takeaways(COMPANY, sentences, (), title="Northwind Foods profit hits record")
    chosen = {t.start for t in takeaways}
    for t in takeaways:
        first = re.findall(r"[A-Za-z]+", t.text)[0].lower()
        if first in PRONOUN_OPENERS:
            index = sentences.index(t.sentence)
            assert index > 0 and sentences[index - 1].start in chosen
        assert not t.text.startswith('"') or re.search(r"\b(said|told|says)\b", t.text)
    assert all(t.text != '"We are delighted," she told reporters.' for t in takeaways)


def test_takeaways_have_no_duplicates() -> None:
    """A sentence repeated word for word in the article is taken at most once."""
    repeated = "Northwind Foods reported a record annual profit of $2.4bn on Tuesday."
    article = make_article([(None, [repeated, "Sales rose in every European market last year, the firm said.",
                                    repeated, "The chairman will retire in the summer after ten years in post.",
                                    "A new factory in Poland opens next month with 400 staff."])])
    takeaways = select_takeaways(article, split_sentences(article), (), title="Northwind profit")
    texts = [t.text for t in takeaways]
    assert len(texts) == len(set(texts)) == 3


def test_short_articles_get_all_their_sentences() -> None:
    """An article of two sentences gets two takeaways; an empty one gets none."""
    article = make_article([(None, ["Acme Corp opened a new plant in Ohio on Monday morning. "
                                    "The plant will employ 300 people by the end of next year."])])
    assert len(select_takeaways(article, split_sentences(article), (), title="Acme")) == 2
    empty = make_article([(None, [])])
    assert select_takeaways(empty, (), (), title="Empty") == ()


def test_takeaways_are_deterministic() -> None:
    """The same input gives the same takeaways."""
    sentences = split_sentences(COMPANY)
    first = select_takeaways(COMPANY, sentences, (), title="Northwind")
    assert first == select_takeaways(COMPANY, sentences, (), title="Northwind")


def test_section_briefs_cover_every_section() -> None:
    """One SectionBrief per section, with the section's text and points drawn from it."""
    sentences = split_sentences(COMPANY)
    briefs = summarise_sections(COMPANY, sentences, ())
    assert [b.heading for b in briefs] == [None, "Outlook"]
    for index, (brief, section) in enumerate(zip(briefs, COMPANY.sections)):
        assert brief.text == "\n\n".join(p.text for p in section.paragraphs)
        assert 3 <= len(brief.points) <= 5
        own = [s for s in sentences if s.section == index]
        assert all(p.sentence in own for p in brief.points)
        assert [p.start for p in brief.points] == sorted(p.start for p in brief.points)
        assert all(COMPANY.text[p.start:p.end] == p.sentence.text for p in brief.points)


def test_section_with_one_sentence_gets_one_point() -> None:
    """A section with a single sentence yields exactly that sentence as its point."""
    article = make_article([("Only", ["Acme Corp opened a new plant in Ohio on Monday morning."])])
    briefs = summarise_sections(article, split_sentences(article), ())
    assert [p.text for p in briefs[0].points] == ["Acme Corp opened a new plant in Ohio on Monday morning."]


TRIMS = [
    ("Yet, Huawei's venture into the electric vehicle market is not without significant obstacles.",
     "Huawei's venture into the electric vehicle market is not without significant obstacles."),
    ("However, the company said profit rose 8%.", "The company said profit rose 8%."),
    ("However, it fell.", "However, it fell."),
    ("But the firm, which has 7,000 staff, said its profits rose 8% to $1.2bn last year in Europe.",
     "The firm, which has 7,000 staff, said its profits rose 8% to $1.2bn last year in Europe."),
    ("Despite the recent slowdown in consumer spending across much of the region and rising costs of "
     "raw materials, Acme Corp said it would keep investing in new stores, its chief executive told investors.",
     "Acme Corp said it would keep investing in new stores, its chief executive told investors."),
    ("Despite sales of 2 million cars in a year when rivals struggled badly with the chip shortage and with "
     "high energy prices, Acme kept its forecast unchanged for the year ahead, analysts noted on Friday.",
     "Despite sales of 2 million cars in a year when rivals struggled badly with the chip shortage and with "
     "high energy prices, Acme kept its forecast unchanged for the year ahead, analysts noted on Friday."),
]


@pytest.mark.parametrize(("sentence", "expected"), TRIMS)
def test_trim_for_bullet(sentence: str, expected: str) -> None:
    """Connectives go, figure-free side clauses of long sentences go, figures never change."""
    assert trim_for_bullet(sentence) == expected


def test_huawei_sample() -> None:
    """The Huawei sample: derived title, takeaways and section points are faithful and sized."""
    article = huawei_article()
    sentences = split_sentences(article)
    assert all(article.text[s.start:s.end] == s.text for s in sentences)
    assert len(sentences) == 13
    title = derive_title(article, sentences)
    words = title.split()
    assert "Huawei" in title and len(words) <= 12
    assert words[-1].lower() not in FUNCTION_WORDS and not title.endswith(".")
    assert title == "Huawei is branching out, charting a course into the electric vehicle market"
    takeaways = select_takeaways(article, sentences, (), title=title)
    assert 3 <= len(takeaways) <= 5
    assert not any(t.text.startswith(("These", "This", "It ")) for t in takeaways)
    briefs = summarise_sections(article, sentences, ())
    assert [b.heading for b in briefs] == [None, *HUAWEI_HEADINGS]
    assert [len(b.points) for b in briefs] == [3, 3, 3, 3]
    challenges = [p.text for p in briefs[3].points]
    assert challenges[0] == "Huawei's venture into the electric vehicle market is not without significant obstacles."
    assert any("250 billion yuan" in p.text for p in briefs[2].points)


TITLES = [
    ("Amid challenges in its core telecommunication sector, Chinese tech behemoth Huawei is branching out, "
     "charting a course into the promising yet fiercely competitive electric vehicle (EV) market.",
     "Huawei is branching out, charting a course into the electric vehicle market"),
    ("Shares in UK drinks firm Diageo rose 5% on Monday after it reported strong profits.",
     "Shares in UK drinks firm Diageo rose 5% on Monday"),
    ("Despite a weak dollar, US carmaker Ford has raised its profit forecast for the year, citing strong sales.",
     "Ford has raised its profit forecast for the year"),
    ("Microsoft, the world's largest software maker, said on Tuesday that it would buy a security firm.",
     "Microsoft said on Tuesday that it would buy a security firm"),
    # A leading connective is not part of a headline (it once read "Yet beating forecasts").
    ("Yet, the brewer said profits rose 5% to $2bn in the year to March, beating forecasts.",
     "The brewer said profits rose 5% to $2bn in the year"),
    ("But a new survey by the central bank calls the recovery into question.",
     "A new survey by the central bank calls the recovery into question"),
]


@pytest.mark.parametrize(("lead", "expected"), TITLES)
def test_derive_title_from_lead(lead: str, expected: str) -> None:
    """Leading clauses, parentheses, descriptors and evaluative words are dropped."""
    assert derive_title_from_lead(lead) == expected


@pytest.mark.parametrize("lead", [
    "2024 2025 2026 1 2 3",
    "电动汽车市场竞争激烈华为正在进入这个市场并与东风汽车集团合作开发新能源汽车品牌",
    " ".join(["alpha"] * 5000),
    "",
], ids=["numbers", "cjk", "run-on", "empty"])
def test_derive_title_falls_back_gracefully(lead: str) -> None:
    """Odd leads give a short title: the first heading when there is one, else the lead's start."""
    assert derive_title_from_lead(lead, "Market outlook") == "Market outlook"
    title = derive_title_from_lead(lead, None)
    assert 0 < len(title) <= 60 and len(title.split()) <= 12 and not title.endswith(".")
    assert title.split()[-1].lower() not in FUNCTION_WORDS


def test_derive_title_without_sentences_uses_heading() -> None:
    """An article with no body text takes its first heading as the title."""
    article = make_article([("Quarterly results", [])])
    assert derive_title(article, ()) == "Quarterly results"


def test_section_points_do_not_repeat_takeaways_when_the_section_has_more_to_say() -> None:
    """The Outlook section (8 sentences) covers itself without repeating the summary's points."""
    sentences = split_sentences(COMPANY)
    takeaways = select_takeaways(COMPANY, sentences, (), title="Northwind Foods profit hits record")
    outlook_takeaways = {t.start for t in takeaways if t.sentence.section == 1}
    assert outlook_takeaways, "the test needs a takeaway from the Outlook section"
    briefs = summarise_sections(COMPANY, sentences, (), takeaways)
    outlook = {p.start for p in briefs[1].points}
    assert len(outlook) == 3
    assert not outlook & outlook_takeaways
    # without the takeaways the section would have used them
    plain = {p.start for p in summarise_sections(COMPANY, sentences, ())[1].points}
    assert plain & outlook_takeaways


def test_a_central_dangling_sentence_brings_its_predecessor_along() -> None:
    """A top-ranked "It ..." sentence is kept together with the sentence it points back to."""
    article = make_article([(None, [
        "Acme Corp will build a battery plant in Ohio, its chief executive announced on Monday.",
        "It will make batteries for electric cars and employ 2,000 people by the end of 2026.",
        "Shares in the company rose by 4% in early trading in New York on the news.",
        "Analysts said the investment was the largest in the state for more than a decade.",
        "The governor of Ohio welcomed the plan at a press conference in the capital.",
    ])])
    candidates = score_candidates(split_sentences(article), (), "Acme battery plant")
    scores = [0.85, 1.0, 0.95, 0.9, 0.3]
    candidates = [replace(c, score=s) for c, s in zip(candidates, scores)]
    assert candidates[1].dangling
    assert [c.position for c in pick_candidates(candidates, 3)] == [0, 1, 2]
    weak_lead = [replace(c, score=0.2) if c.position == 0 else c for c in candidates]
    assert [c.position for c in pick_candidates(weak_lead, 3)] == [2, 3, 4]
    without_lead = [candidates[2], candidates[1], candidates[3], candidates[4]]  # as section_points may pass
    assert [c.position for c in pick_candidates(without_lead, 3)] == [2, 3, 4]


@pytest.mark.parametrize(("sentence", "dangling"), [
    ("It launched its handheld in Japan last year.", True),
    ("This rose sharply on the news from the firm.", True),
    ('"It is a good result," she said after the meeting.', True),
    ('" The founder also said he planned to sell the brand.', True),
    ('"It is a good result," said Jane Smith, the finance chief.', False),
    ("There are fears that the slump will deepen next year.", False),
    ("It is thought that rates will rise again in March.", False),
    ("It is thought to be the largest deal of the year.", True),
    ("This year sales rose by a fifth across the group.", False),
    ("Those who prefer shooting games will get three new titles.", False),
    ("Instead of fearing games, teachers should use them in class.", False),
    ("Instead, teachers should use games in class.", True),
    ("So-called ASCII codes are used for European languages.", False),
    # cleft and expletive "it", and "this time", name their subject in the sentence itself
    ("It is the first time the regulator has fined a bank.", False),
    ("It is not the first time Acme has sued a former employee.", False),
    ("It was the sixth time in three years the insurer had cut its bonus rates.", False),
    ("It has not yet been decided how much the directors will pay.", False),
    ("This time around, the bank is thought to have beaten its rival to the deal.", False),
    ("It has said that it will appeal against the ruling.", True),
    ("It is similarly concerned that customers may be confused.", True),
    ("It is the company's best year since 1999.", True),
])
def test_dangling_openers(sentence: str, dangling: bool) -> None:
    """Openers that point back are dangling; existential, expletive and time openers are not."""
    assert is_dangling(sentence) is dangling


@pytest.mark.parametrize(("sentence", "unattributed"), [
    ('"We are delighted with the progress we have made this year."', True),
    ('"We are delighted with the progress," the chief executive said.', False),
    ('The European Commission wrote to challenge "the high rates" the operators charge.', False),
    ('Policy makers in Europe have called the slide "brutal" this week.', False),
    ('He added that "the market will recover.', False),
    ('The market will recover. "Prices are going up.', True),
    ('"Prices will keep rising," the newspaper quoted a senior official as saying.', False),
    ('"Prices will keep rising," said one trader quoted by the agency.', False),
])
def test_unattributed_quotes(sentence: str, unattributed: bool) -> None:
    """A quotation without a speaker is flagged; quoted words inside a sentence's own grammar are not."""
    assert is_unattributed_quote(sentence) is unattributed


def test_centrality_is_not_a_prize_for_length() -> None:
    """Edges are length-neutral (cosine): a long sentence that shares one word with the rest of the
    article ranks last, below short sentences on the article's subject.

    (TextRank's original weight, shared words over the sum of log lengths, ranked it third of five.)
    """
    texts = [
        "Northwind Foods raised its annual profit forecast after strong sales of frozen meals.",
        "Sales of frozen meals at Northwind Foods rose by a fifth in the first half.",
        "Northwind Foods said profit from frozen meals would beat its earlier forecast.",
        "The company, founded in 1952 by two brothers in a small bakery in Hamburg, also sells soups, "
        "sauces and desserts through supermarkets, corner shops, petrol stations, airports and railway "
        "kiosks in eleven countries, and employs nearly four thousand people at nine sites, sales said.",
        "Analysts expect the profit forecast to be raised again in the autumn.",
    ]
    ranks = textrank(texts)
    assert sum(ranks) == pytest.approx(len(texts))
    assert sorted(range(len(texts)), key=lambda i: -ranks[i]) == [0, 2, 1, 4, 3]


def test_the_opening_sentence_gets_the_lead_bonus() -> None:
    """The same sentence scores LEAD_BONUS more as the article's opening sentence than later on."""
    sentence = "Northwind Foods raised its annual profit forecast after strong sales of frozen meals."
    others = ["Sales of frozen meals at Northwind Foods rose by a fifth in the first half.",
              "Analysts expect the profit forecast to be raised again in the autumn."]
    first = split_sentences(build_article([(None, [" ".join([sentence, *others])])], title="T", date=None, path="a.txt"))
    later = split_sentences(build_article([(None, [" ".join([*others, sentence])])], title="T", date=None, path="b.txt"))
    lead_score = score_candidates(first, (), "T")[0].score
    late_score = score_candidates(later, (), "T")[2].score
    assert lead_score == pytest.approx(late_score * (1 + LEAD_BONUS))


def test_a_news_lead_is_a_takeaway() -> None:
    """A clean opening sentence stating the story is among the takeaways of the sample company article."""
    sentences = split_sentences(COMPANY)
    takeaways = select_takeaways(COMPANY, sentences, (), title="Northwind Foods profit hits record")
    assert takeaways[0].start == sentences[0].start


def test_a_takeaway_is_shown_without_its_leading_connective() -> None:
    """A takeaway opening with "Yet," is shown as the sentence it introduces; the source stays linked."""
    article = make_article([(None, [
        "Harbour Air carried a record 12 million passengers in 2024, helped by new routes to Asia. "
        "The airline opened eleven routes and added 14 aircraft to its fleet during the year. "
        "Yet, Harbour Air's plan to double its Asian network faces strong competition from Gulf carriers. "
        "Fuel made up 31% of its costs, up from 27% a year earlier."
    ])])
    sentences = split_sentences(article)
    takeaways = select_takeaways(article, sentences, (), title="Harbour Air carries record numbers")
    yet = next(t for t in takeaways if t.sentence.text.startswith("Yet,"))
    assert yet.text.startswith("Harbour Air's plan to double its Asian network")
    assert article.text[yet.start:yet.end] == yet.sentence.text
