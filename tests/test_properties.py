"""Property-based tests: any generated article (paragraphs, headings, any unicode including control
characters, money and percentages) either gives a valid deck and document that reopen, or a clear
``InputError``; and every offset the analysis reports is honest.

Example counts are bounded for CI (about 25 examples per property).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from conftest import need_tools, validate_ooxml
from docx import Document
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from pptx import Presentation

from briefgen.errors import InputError
from briefgen.pipeline import OutputFormat, brief_file, make_briefing
from briefgen.plan.pack import BUILTIN_PACK, load_pack

PROPERTY_SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])

WORDS = ("harbour", "ferry", "terminal", "council", "approved", "sales", "rose", "profit", "fell", "the",
         "company", "said", "growth", "market", "shares", "Mr", "Dr", "U.S.", "e.g.", "No.", "vs.")
CURRENCIES = ("$", "£", "€", "¥", "US$")
SCALES = ("", "m", "bn", " million", " billion", "k")


@st.composite
def figures(draw) -> str:
    """A number the way articles write it: money, percentages, counts, years, ranges."""
    number = draw(st.one_of(st.integers(0, 10**7).map(lambda n: f"{n:,}"),
                            st.decimals(0, 1000, places=2, allow_nan=False).map(str)))
    form = draw(st.sampled_from(("money", "percent", "plain", "year", "range")))
    if form == "money":
        return f"{draw(st.sampled_from(CURRENCIES))}{number}{draw(st.sampled_from(SCALES))}"
    if form == "percent":
        return f"{number}{draw(st.sampled_from(('%', ' per cent', ' percentage points')))}"
    if form == "year":
        return str(draw(st.integers(1900, 2100)))
    if form == "range":
        return f"{number}-{draw(st.integers(0, 10**4))}%"
    return number


#: Any unicode text, including control characters, surrogates and U+FFFE/U+FFFF.
odd_text = st.text(st.characters(codec=None, exclude_categories=()), max_size=40)


@st.composite
def sentences(draw) -> str:
    parts = draw(st.lists(st.one_of(st.sampled_from(WORDS), figures(), odd_text), min_size=1, max_size=25))
    end = draw(st.sampled_from((".", "!", "?", "", '."', "…")))
    text = " ".join(parts)
    return text[:1].upper() + text[1:] + end


@st.composite
def articles(draw) -> tuple[str, str]:
    """Return (suffix, text) of a .txt or .md article made of headings and paragraphs."""
    suffix = draw(st.sampled_from((".txt", ".md")))
    blocks = []
    if draw(st.booleans()):
        blocks.append(f"date {draw(st.dates()).isoformat()}")
    for _ in range(draw(st.integers(1, 8))):
        if draw(st.integers(0, 3)) == 0:
            heading = " ".join(draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=5))).capitalize()
            blocks.append(f"## {heading}" if suffix == ".md" else heading)
        else:
            blocks.append(" ".join(draw(st.lists(sentences(), min_size=1, max_size=5))))
    newline = draw(st.sampled_from(("\n", "\r\n")))
    return suffix, (newline * 2).join(blocks) + newline


def _write(folder: Path, suffix: str, text: str) -> Path:
    path = folder / f"article{suffix}"
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    return path


@pytest.fixture(scope="module")
def pack():
    need_tools()
    return load_pack(BUILTIN_PACK)


@PROPERTY_SETTINGS
@given(article=articles())
@example(article=(".txt", "0.\n\n9999999999999999.\n"))  # a chart value of 1e16 once came back from YAML as text
def test_any_article_gives_valid_files_or_a_clear_error(pack, article):
    suffix, text = article
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = _write(folder, suffix, text)
        out = folder / "out"
        out.mkdir()
        try:
            result = make_briefing(path, pack, out, "brief", (OutputFormat.PPTX, OutputFormat.DOCX))
        except InputError as exc:
            assert str(path) in str(exc) and exc.message
            assert not list(out.iterdir())
            return
        assert validate_ooxml(*result.files) == []
        deck, doc = (out / "brief.pptx"), (out / "brief.docx")
        assert len(Presentation(str(deck)).slides) >= 2
        assert Document(str(doc)).paragraphs


@PROPERTY_SETTINGS
@given(article=articles())
def test_offsets_are_honest(article):
    suffix, text = article
    with tempfile.TemporaryDirectory() as tmp:
        path = _write(Path(tmp), suffix, text)
        try:
            brief = brief_file(path)
        except InputError:
            return
    source = brief.article.text
    for paragraph in brief.article.paragraphs:
        assert source[paragraph.start:paragraph.end] == paragraph.text
    for sentence in brief.sentences:
        assert source[sentence.start:sentence.end] == sentence.text
        assert sentence.text.strip() == sentence.text and sentence.text
    for takeaway in brief.takeaways:
        assert source[takeaway.start:takeaway.end] == takeaway.sentence.text
    for section in brief.sections:
        for point in section.points:
            assert source[point.start:point.end] == point.sentence.text
    for figure in brief.figures:
        assert source[figure.start:figure.end] == figure.text
        assert source[figure.sentence.start:figure.sentence.end] == figure.sentence.text
        assert figure.sentence.start <= figure.start < figure.end <= figure.sentence.end
    assert len(brief.key_figures) <= 6
