"""Tests for briefgen.analysis.sentences: offsets, abbreviations, quotes, glued sentences, speed."""

from __future__ import annotations

import textwrap
import time
from itertools import pairwise

import pytest
from samples import build_article

from briefgen.analysis import sentences as sentences_module
from briefgen.analysis.sentences import (
    MAX_CHUNK,
    PYSBD_CHUNK,
    chunk_spans,
    split_sentences,
    unwrap,
)
from briefgen.model import Article


def make_article(blocks: list[tuple[str | None, list[str]]], title: str | None = "T") -> Article:
    """Return an Article of headings and paragraphs joined by blank lines, with honest offsets."""
    return build_article(blocks, title=title, date=None, path="test.txt")


def sentence_texts(paragraph: str) -> list[str]:
    """Return the sentence texts of a one-paragraph article."""
    return [s.text for s in split_sentences(make_article([(None, [paragraph])]))]


SPLITS = [
    ("The U.S. economy grew 2%. Mr. Smith of Acme Inc. said so.",
     ["The U.S. economy grew 2%.", "Mr. Smith of Acme Inc. said so."]),
    ("Sales hit $1.5bn. That was, e.g. in Asia, a record.",
     ["Sales hit $1.5bn.", "That was, e.g. in Asia, a record."]),
    ('"We are pleased," said Mr. Jones. "It is great." Profits rose 3.5% in the U.K. on Monday.',
     ['"We are pleased," said Mr. Jones.', '"It is great."', "Profits rose 3.5% in the U.K. on Monday."]),
    ("Dr. Lee joined in Jan. 2020. She left later!", ["Dr. Lee joined in Jan. 2020.", "She left later!"]),
    ("No final punctuation here", ["No final punctuation here"]),
    ("The book by J. K. Rowling sold well at 3 p.m. on Friday. It rose 3.5% to $1.5bn.",
     ["The book by J. K. Rowling sold well at 3 p.m. on Friday.", "It rose 3.5% to $1.5bn."]),
    ("See www.bbc.co.uk/news for more. Growth was... slow. It was flat\u2026 and then it rose.",
     ["See www.bbc.co.uk/news for more.", "Growth was... slow.", "It was flat\u2026 and then it rose."]),
    ("He moved to the U.S. The firm followed. He lives at No. 10 Downing Street.",
     ["He moved to the U.S.", "The firm followed.", "He lives at No. 10 Downing Street."]),
    ("It rose in May. SSL was formed. Yahoo! Inc. rose. Buy Yahoo! Now.",
     ["It rose in May.", "SSL was formed.", "Yahoo! Inc. rose.", "Buy Yahoo! Now."]),
    ("Sales of \u00a31.2m. Profit of \u20ac3m. Version 2.0. The new one.",
     ["Sales of \u00a31.2m.", "Profit of \u20ac3m.", "Version 2.0.", "The new one."]),
    ("1. The first item.", ["1. The first item."]),
    ("\u4e2d\u6587\u53e5\u5b50\u3002\u7b2c\u4e8c\u53e5\uff01\u7b2c\u4e09\u53e5\uff1f",
     ["\u4e2d\u6587\u53e5\u5b50\u3002", "\u7b2c\u4e8c\u53e5\uff01", "\u7b2c\u4e09\u53e5\uff1f"]),
    ("A report by Which? magazine found it. The .mobi domain is new. iPod sales rose. iTunes grew.",
     ["A report by Which? magazine found it.", "The .mobi domain is new.", "iPod sales rose.", "iTunes grew."]),
]


@pytest.mark.parametrize(("paragraph", "expected"), SPLITS)
def test_split_table(paragraph: str, expected: list[str]) -> None:
    """Abbreviations, initials, amounts, URLs, ellipses and quotes split where a reader expects."""
    assert sentence_texts(paragraph) == expected


QUOTES = [
    # a quotation of several sentences is split inside, as the quote is read
    ('"We built the models. Unlike the old ones, they work," he said.',
     ['"We built the models.', 'Unlike the old ones, they work," he said.']),
    # quoted sentences in a row
    ('"Sales rose." "Costs fell." Profits doubled.', ['"Sales rose."', '"Costs fell."', "Profits doubled."]),
    # news style: each quoted sentence opens a quote, only the last one closes it
    ('She said: "We have nothing to fear. "It is our right to use our colour." The founder will fight.',
     ['She said: "We have nothing to fear.', '"It is our right to use our colour."', "The founder will fight."]),
    # the closing quote stays with its sentence, also where pySBD decides ("is" is in its list)
    ('"It could take off. You never know who the person behind it is." So a video date is safer.',
     ['"It could take off.', 'You never know who the person behind it is."', "So a video date is safer."]),
    ("He said (quietly.) It fell. 'Quoted.' \u201cCurly.\u201d Next one.",
     ["He said (quietly.)", "It fell.", "'Quoted.'", "\u201cCurly.\u201d", "Next one."]),
    # an abbreviation inside a quotation is still pySBD's call, and an open quote does not fool it
    ('"Mr. Smith agreed. Dr. Jones did not," it said.', ['"Mr. Smith agreed.', 'Dr. Jones did not," it said.']),
    ('We met Mr. Smith. "Dr. Jones did not. "Nor did Mr. Brown." Fine.',
     ["We met Mr. Smith.", '"Dr. Jones did not.', '"Nor did Mr. Brown."', "Fine."]),
    ('Dr. Lee came, and Mr. Smith left." Then Dr. Jones did not.',
     ['Dr. Lee came, and Mr. Smith left."', "Then Dr. Jones did not."]),
]


@pytest.mark.parametrize(("paragraph", "expected"), QUOTES)
def test_quotations_split_inside(paragraph: str, expected: list[str]) -> None:
    """Sentences inside quotations are sentences; closing quotes stay with the sentence they close."""
    assert sentence_texts(paragraph) == expected


def test_glued_sentences_split() -> None:
    """Sentences glued without a space are split."""
    assert sentence_texts("Shares fell 5% on Monday.The firm said it would appeal.") == [
        "Shares fell 5% on Monday.", "The firm said it would appeal."]


@pytest.mark.parametrize("paragraph", [
    "Firms such as One.Tel went bust.",
    "The Bagle.AT worm hit the Halo.Bungie.Org site.",
    "The Zafi.D virus spread.",
    "It runs on ASP.Net and the .post domain.",
])
def test_names_with_dots_are_not_glued_sentences(paragraph: str) -> None:
    """A dot inside a name (One.Tel, Bagle.AT, .post) is no missing space between sentences."""
    assert sentence_texts(paragraph) == [paragraph]


def test_pysbd_only_for_doubtful_ends(monkeypatch: pytest.MonkeyPatch) -> None:
    """Clear sentence ends need no pySBD; a doubtful one (an abbreviation) goes to pySBD."""
    calls: list[str] = []
    real = sentences_module._segmenter()

    class Spy:
        def processor(self, text: str):
            calls.append(text)
            return real.processor(text)

    monkeypatch.setattr(sentences_module, "_segmenter", lambda: Spy())
    assert sentence_texts('Profits rose 5% to $1.5bn. "It is great," he said. Sales fell.') == [
        "Profits rose 5% to $1.5bn.", '"It is great," he said.', "Sales fell."]
    assert calls == []
    assert sentence_texts("Sales fell. Mr. Smith left. Costs rose.") == [
        "Sales fell.", "Mr. Smith left.", "Costs rose."]
    assert [text.strip() for text in calls] == ["Mr. Smith left."]


def test_pysbd_input_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    """pySBD (slower than linear in its input) never sees more than PYSBD_CHUNK characters."""
    lengths: list[int] = []
    real = sentences_module._segmenter()

    class Spy:
        def processor(self, text: str):
            lengths.append(len(text))
            return real.processor(text)

    monkeypatch.setattr(sentences_module, "_segmenter", lambda: Spy())
    paragraph = "Mr. Smith met Dr. Jones at 3 p.m. in the U.K. on Jan. 5 " * 300
    article = make_article([(None, [paragraph.strip()])])
    found = split_sentences(article)
    assert lengths and max(lengths) <= PYSBD_CHUNK
    assert all(article.text[s.start:s.end] == s.text for s in found)


@pytest.mark.parametrize("paragraph", [
    "." * 300_000 + " " * 300_000 + "a",
    '"' * 600_000,
    "a" + " " * 600_000 + "b",
    "Word. " * 100_000,
    "\u3002" * 600_000,
    "a\n" * 300_000,
], ids=["dots-then-spaces", "quotes", "spaces", "short-sentences", "cjk-stops", "line-breaks"])
def test_long_hostile_paragraphs_stay_fast(paragraph: str) -> None:
    """Runs of dots, quotes, spaces or line breaks do not make the splitter quadratic."""
    started = time.perf_counter()
    article = make_article([(None, [paragraph.strip()])])
    found = split_sentences(article)
    assert time.perf_counter() - started < 10
    assert all(article.text[s.start:s.end] == s.text for s in found)
    assert max(len(s.text) for s in found) <= MAX_CHUNK


def test_offsets_are_honest_and_indexed() -> None:
    """Every sentence's text is the article text at its offsets; section/paragraph indices hold."""
    article = make_article([
        (None, ["  First one here.   Second one, with Mr. Brown.  ", "Third paragraph. Really."]),
        ("A heading", ["Fourth in a new section. Fifth and last?"]),
    ])
    sentences = split_sentences(article)
    assert [s.text for s in sentences] == [
        "First one here.", "Second one, with Mr. Brown.", "Third paragraph.", "Really.",
        "Fourth in a new section.", "Fifth and last?"]
    for s in sentences:
        assert article.text[s.start:s.end] == s.text
        paragraph = article.sections[s.section].paragraphs[s.paragraph]
        assert paragraph.start <= s.start < s.end <= paragraph.end
    assert [(s.section, s.paragraph) for s in sentences] == [(0, 0), (0, 0), (0, 1), (0, 1), (1, 0), (1, 0)]


def test_repeated_sentences_get_distinct_offsets() -> None:
    """A sentence repeated in a paragraph is located at each occurrence, in order."""
    article = make_article([(None, ["It rose. It rose. It rose."])])
    starts = [s.start for s in split_sentences(article)]
    assert starts == sorted(set(starts)) and len(starts) == 3


def test_empty_and_blank_paragraphs() -> None:
    """Blank paragraphs yield no sentences."""
    assert split_sentences(make_article([(None, ["   "]), ("H", [])])) == ()


def test_huge_paragraph_without_punctuation_completes() -> None:
    """A 1 MB paragraph with no punctuation is chunked and keeps honest offsets."""
    paragraph = " ".join(f"word{i % 97}" for i in range(170_000))[:1_000_000].strip()
    article = make_article([(None, [paragraph])])
    sentences = split_sentences(article)
    assert len(sentences) >= 1_000_000 // MAX_CHUNK
    assert all(article.text[s.start:s.end] == s.text for s in sentences)
    assert max(len(s.text) for s in sentences) <= MAX_CHUNK
    assert "".join(s.text for s in sentences).replace(" ", "") == paragraph.replace(" ", "")


def test_chunks_prefer_sentence_ends_and_cover_text() -> None:
    """Chunks end after a sentence end when one exists, and cover the whole text."""
    text = ("Alpha beta gamma. " * 50) + ("x" * 3000)
    spans = list(chunk_spans(text, 1000))
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in pairwise(spans))
    assert text[:spans[0][1]].rstrip().endswith("gamma.")
    assert all(end - start <= 1000 for start, end in spans)


def test_deterministic() -> None:
    """Splitting the same article twice gives equal results."""
    article = make_article([(None, ["One sentence here. Another one there."])])
    assert split_sentences(article) == split_sentences(article)


FLAT = (
    "Reporting its results for the three months to 31 December 2004, the airline made a pre-tax "
    "profit of \u00a375m ($141m) compared with \u00a3125m a year earlier. Rod Eddington, BA's chief "
    "executive, said the results were \"respectable\" in a third quarter when fuel costs rose by "
    "\u00a3106m or 47.3%. BA has cut 13,000 jobs in the United States as part of a cost-cutting drive."
)
WRAPPED = textwrap.fill(FLAT, 72)


def test_hard_wrapped_paragraph_splits_as_if_on_one_line() -> None:
    assert WRAPPED.count("\n") >= 4
    wrapped = [" ".join(s.split()) for s in sentence_texts(WRAPPED)]
    assert wrapped == sentence_texts(FLAT)
    assert len(wrapped) == 3
    assert wrapped[0].startswith("Reporting its results") and wrapped[0].endswith("a year earlier.")
    assert wrapped[2] == "BA has cut 13,000 jobs in the United States as part of a cost-cutting drive."


@pytest.mark.parametrize("paragraph, expected", [
    # short lines (a list without markers, an address): each line stays its own sentence
    ("Apples\nPears\nOranges", ["Apples", "Pears", "Oranges"]),
    ("Acme Ltd\n1 High Street\nLondon", ["Acme Ltd", "1 High Street", "London"]),
    # a line ending well before the paragraph's width keeps its break
    ("Results\nThe board met on Monday to discuss the offer from its rival, Acme Industries.",
     ["Results", "The board met on Monday to discuss the offer from its rival, Acme Industries."]),
])
def test_line_breaks_that_are_not_wrapping_still_end_sentences(paragraph: str, expected: list[str]) -> None:
    assert sentence_texts(paragraph) == expected


def test_unwrap_keeps_length_and_offsets() -> None:
    assert len(unwrap(WRAPPED)) == len(WRAPPED)
    assert unwrap(WRAPPED).count("\n") == 0
    assert unwrap("short\nlines") == "short\nlines"
