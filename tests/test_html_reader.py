"""Golden tests for the HTML reader: metadata, headings, lists, furniture and hostile pages."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from briefgen.errors import InputError
from briefgen.readers import read_article
from briefgen.readers.blocks import TextBlock
from briefgen.readers.html import is_furniture_heading, merge_extractions, restore_page_headings

PARAGRAPHS = [
    "The harbour authority approved a plan on Tuesday to replace its ageing diesel ferries with "
    "electric vessels over the next three years, at a cost of about 90 million euros.",
    "Officials said the new boats would cut fuel costs by nearly half and reduce noise in the "
    "old town, where residents have complained about engine fumes for more than a decade.",
    "The first two vessels are due to enter service next spring, once the charging stations at "
    "both terminals have been finished and tested by the shipyard's engineers.",
    "Critics argued that the money would be better spent on the bridge, but the council voted "
    "eleven to four in favour of the ferries after a long and lively debate.",
]

PAGE = f"""<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Harbour goes electric | Harbour Weekly</title>
<meta property="og:title" content="Harbour goes electric">
<meta property="og:site_name" content="Harbour Weekly">
<meta name="author" content="Ana Ruiz">
<meta property="article:published_time" content="2024-03-05T09:30:00+00:00">
</head><body>
<header><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav></header>
<main><article>
<h1>Harbour goes electric</h1>
<p>{PARAGRAPHS[0]}</p>
<p>{PARAGRAPHS[1]}</p>
<h2>A fleet for the next decade</h2>
<p>{PARAGRAPHS[2]}</p>
<ul><li>Two ferries in 2025, with fast chargers at both terminals.</li>
<li>Four more ferries in 2026 and 2027, built at the local yard.</li></ul>
<h2>Opposition on the council</h2>
<p>{PARAGRAPHS[3]}</p>
<h2>Related articles</h2>
</article></main>
<footer><p>Copyright Harbour Weekly. All rights reserved.</p></footer>
</body></html>
"""


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    """Return the path of a new file holding ``data`` (text is written as UTF-8)."""
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


@pytest.fixture(scope="module")
def page_article(tmp_path_factory: pytest.TempPathFactory):
    """Return the Article read from the golden page."""
    return read_article(write(tmp_path_factory.mktemp("html"), "harbour.html", PAGE))


def test_html_metadata(page_article) -> None:
    assert page_article.title == "Harbour goes electric"
    assert page_article.date == dt.date(2024, 3, 5)
    assert page_article.source == "Harbour Weekly"
    assert page_article.author == "Ana Ruiz"


def test_html_headings_without_title_or_furniture(page_article) -> None:
    assert [s.heading for s in page_article.sections] == [
        None,
        "A fleet for the next decade",
        "Opposition on the council",
    ]


def test_html_paragraphs_and_list_items(page_article) -> None:
    assert [(p.text, p.is_list_item) for p in page_article.paragraphs] == [
        (PARAGRAPHS[0], False),
        (PARAGRAPHS[1], False),
        (PARAGRAPHS[2], False),
        ("Two ferries in 2025, with fast chargers at both terminals.", True),
        ("Four more ferries in 2026 and 2027, built at the local yard.", True),
        (PARAGRAPHS[3], False),
    ]
    for paragraph in page_article.paragraphs:
        assert page_article.text[paragraph.start : paragraph.end] == paragraph.text
    assert "Copyright" not in page_article.text
    assert "Sport" not in page_article.text


def test_html_declared_charset_is_honoured(tmp_path: Path) -> None:
    page = PAGE.replace('<meta charset="utf-8">', '<meta charset="iso-8859-15">').replace(
        "about 90 million euros", "about 90 million \u20ac"
    )
    article = read_article(write(tmp_path, "latin9.htm", page.encode("iso-8859-15")))
    assert "about 90 million \u20ac" in article.paragraphs[0].text


@pytest.mark.parametrize(
    "page",
    [
        pytest.param("<html><head><title>Only a title</title></head></html>", id="no-body"),
        pytest.param(
            "<html><body>" + "<div>" * 10_000 + "<p>Deep.</p>" + "</div>" * 10_000 + "</body></html>",
            id="10000-nested-divs",
        ),
        pytest.param(
            "<html><head><script>var a = 1;</script><style>p {color: red}</style></head>"
            "<body><script>document.write('hi')</script></body></html>",
            id="scripts-only",
        ),
    ],
)
def test_hostile_html_gives_no_article_text_error(tmp_path: Path, page: str) -> None:
    path = write(tmp_path, "hostile.html", page)
    with pytest.raises(InputError, match="no article text found") as info:
        read_article(path)
    assert info.value.path == str(path)


@pytest.mark.parametrize(
    "depth",
    [
        200,
        pytest.param(
            2_000,
            marks=pytest.mark.xfail(
                reason="libxml2 stops at 256 nested elements, so trafilatura finds no text", strict=True
            ),
        ),
    ],
)
def test_deeply_nested_article_text_is_still_read(tmp_path: Path, depth: int) -> None:
    body = "".join(f"<p>{text}</p>" for text in PARAGRAPHS)
    page = "<html><body>" + "<div>" * depth + body + "</div>" * depth + "</body></html>"
    article = read_article(write(tmp_path, "deep.html", page))
    assert [p.text for p in article.paragraphs] == PARAGRAPHS


def test_binary_renamed_to_html_is_rejected(tmp_path: Path) -> None:
    path = write(tmp_path, "image.html", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    with pytest.raises(InputError, match=r"looks like a binary file \(PNG"):
        read_article(path)


def test_precise_extraction_that_kept_almost_nothing_gives_way_to_the_broad_one() -> None:
    notice = [TextBlock("This copy is for your personal use only.")]
    broad = [TextBlock(text) for text in PARAGRAPHS]
    assert merge_extractions(notice, broad) == broad


def test_prose_the_precise_extraction_dropped_inside_the_article_is_put_back() -> None:
    dropped = "The plan was announced on Monday in the council's weekly bulletin to residents."
    precise = [TextBlock(PARAGRAPHS[0]), TextBlock(PARAGRAPHS[1]), TextBlock(PARAGRAPHS[2])]
    broad = [
        TextBlock("Home | News | Sport"),
        TextBlock(PARAGRAPHS[0]),
        TextBlock(dropped),
        TextBlock(PARAGRAPHS[1]),
        TextBlock("FERRY FIRM CHIEF SAYS ELECTRIC BOATS ARE THE FUTURE"),
        TextBlock("Click here for the app"),
        TextBlock(PARAGRAPHS[2]),
        TextBlock("A paragraph after the article that the precise extraction left out, rightly so."),
    ]
    assert merge_extractions(precise, broad) == [precise[0], TextBlock(dropped), precise[1], precise[2]]


def test_page_heading_right_above_a_paragraph_is_restored_past_a_teaser() -> None:
    page = (
        f"<html><body><article><p>{PARAGRAPHS[0]}</p><p>{PARAGRAPHS[1]}</p>"
        "<p><a href='/x'>A closer look at the bridge</a></p><h3>What the ferries cost</h3>"
        f"<p>{PARAGRAPHS[2]}</p></article></body></html>"
    )
    blocks = [TextBlock(text) for text in PARAGRAPHS[:3]]
    restored = restore_page_headings(blocks, page)
    assert restored == [blocks[0], blocks[1], TextBlock("What the ferries cost", heading_level=3), blocks[2]]


@pytest.mark.parametrize("heading", ["Recent Slide Shows", "Recent posts", "Latest videos"])
def test_recent_and_latest_listings_are_furniture(heading: str) -> None:
    assert is_furniture_heading(heading, "Harbour goes electric")


def test_numbers_grouped_by_no_break_spaces_stay_whole(tmp_path: Path) -> None:
    """The extractor turns every no-break space into a plain one; a thousands group keeps its no-break space."""
    from briefgen.analysis.figures import extract_figures  # noqa: PLC0415
    from briefgen.analysis.sentences import split_sentences  # noqa: PLC0415

    body = ("<p>Northwind, a fictional maker of pumps, said output rose to 12&nbsp;500 units a month, unit costs "
            "fell 5&nbsp;% and revenue reached 410&#8239;000\u202f000 euros, the company said in its statement.</p>"
            "<p>It expects 15&#xA0;000 units by December and will spend more on robots next year, said its boss, "
            "Anne Martin, in an interview.</p>")
    path = tmp_path / "grouped.html"
    path.write_text(f"<html><head><title>Northwind lifts output</title></head><body><article><h1>Northwind lifts "
                    f"output</h1>{body}</article></body></html>", encoding="utf-8")
    article = read_article(path)
    text = " ".join(p.text for s in article.sections for p in s.paragraphs)
    assert "12\u00a0500 units" in text and "410\u00a0000\u00a0000 euros" in text and "15\u00a0000 units" in text
    assert "fell 5 %" in text  # only digit groups are kept; other no-break spaces become spaces as before
    assert "\u2e31" not in article.text
    values = [f.value for f in extract_figures(split_sentences(article))]
    assert [12500.0, 4.1e8, 15000.0] == [v for v in values if v in (12500.0, 4.1e8, 15000.0)]
